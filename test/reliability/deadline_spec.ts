/**
 * The per-device deadline holds in a long-running Node-RED (issue 16, items 1 and 5):
 * - after garbage collections: a trickling agent that would keep a poll busy for minutes is cut
 *   at the deadline while collections are forced (a child process run with --expose-gc);
 * - while a host name resolves: with a resolver that never answers (a UDP DNS server on loopback
 *   that stays silent, asked through a dns.Resolver pointed at it, never a real resolver), every
 *   device reports at its deadline, and a redeploy does not wait for the lookups.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import dgram from "node:dgram";
import dns from "node:dns";
import path from "node:path";
import type { Node, NodeMessage } from "node-red";
import { pollBatch, type SnmpConfigNode } from "../../nodes/lib/batch";
import { Limiter } from "../../nodes/lib/snmp/limiter";
import { SessionPool } from "../../nodes/lib/snmp/pool";
import { runQuery } from "../../nodes/lib/snmp/query";
import { openSocketCount, type Lookup } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { allNodes, helper } from "../helpers/nodered";

/** A DNS server on loopback that reads every query and never answers. */
async function silentDnsServer(): Promise<{ address: string; queries: () => number; stop(): Promise<void> }> {
    const socket = dgram.createSocket("udp4");
    let queries = 0;
    socket.on("message", () => queries++);
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    return {
        address: `127.0.0.1:${socket.address().port}`,
        queries: () => queries,
        stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
    };
}

/** Name lookups through a resolver that asks only `server` (10 s a try, 2 tries), cancelled on abort. */
function lookupVia(server: string): Lookup {
    return async (host, signal) => {
        const resolver = new dns.promises.Resolver({ timeout: 10_000, tries: 2 });
        resolver.setServers([server]);
        signal?.addEventListener("abort", () => resolver.cancel(), { once: true });
        const [address] = await resolver.resolve4(host);
        if (address === undefined)
            throw Object.assign(new Error(`no address for ${host}`), { code: "ENOTFOUND" });
        return { address, family: 4 };
    };
}

const HOSTS = Array.from({ length: 8 }, (_, i) => `printer-${i + 1}.office.example`);

describe("per-device deadline", function () {
    this.timeout(60_000);

    it("holds after garbage collections: a trickling agent is cut at the deadline", function () {
        const child = path.join(__dirname, "deadline-gc-child.js");
        const deadline = 1500;
        const run = spawnSync(process.execPath, ["--expose-gc", child, String(deadline)], {
            encoding: "utf8",
            timeout: 50_000,
        });
        if (run.error) throw run.error;
        assert.equal(run.status, 0, run.stderr);
        const out = JSON.parse(run.stdout) as {
            code: string;
            message?: string;
            ms: number;
            requests: number;
        };
        assert.ok(out.requests >= 3, `the agent kept answering (${out.requests} requests)`);
        assert.equal(out.code, "timeout", JSON.stringify(out));
        assert.match(out.message ?? "", /deadline \(2 s\)/);
        assert.ok(
            out.ms >= deadline && out.ms < deadline + 2500,
            `reported after ${out.ms} ms against a ${deadline} ms deadline`,
        );
    });

    describe("while a host name resolves", () => {
        let dnsServer: Awaited<ReturnType<typeof silentDnsServer>>;
        beforeEach(async () => {
            dnsServer = await silentDnsServer();
        });
        afterEach(async () => {
            await helper.unload();
            await dnsServer.stop();
        });

        it("reports every device at its deadline when the resolver never answers", async () => {
            const settings = normalizeSettings({ timeout: 500, retries: 0 });
            const pool = new SessionPool(settings, { lookup: lookupVia(dnsServer.address) });
            const reported: { host: string; code: string; ms: number }[] = [];
            const started = Date.now();
            try {
                const summary = await pollBatch({
                    devices: HOSTS.map((host) => ({ host })),
                    pool,
                    settings,
                    deadlineMs: 1000,
                    busy: new Set(),
                    signal: new AbortController().signal,
                    limiter: new Limiter(4),
                    pollOne: (_d, s, signal) =>
                        runQuery(s, { scalars: ["1.3.6.1.2.1.1.5.0"] }, { maxRepetitions: 1, signal }),
                    onResult: (d, outcome) =>
                        reported.push({
                            host: d.host,
                            code: outcome.ok ? "ok" : outcome.error.code,
                            ms: Date.now() - started,
                        }),
                });
                assert.equal(summary.failed, HOSTS.length);
            } finally {
                pool.close();
            }
            assert.ok(
                dnsServer.queries() >= HOSTS.length,
                `the resolver asked (${dnsServer.queries()} queries)`,
            );
            assert.deepEqual(
                reported.map((r) => r.code),
                HOSTS.map(() => "timeout"),
            );
            // Four at a time, one second each: two rounds, not the resolver's 20 s per name.
            const last = Math.max(...reported.map((r) => r.ms));
            assert.ok(last < 2000 + 1500, `the last device reported after ${last} ms`);
        });

        it("a printer node reports at the deadline, and a redeploy does not wait for the lookups", async () => {
            const sockets = openSocketCount();
            await helper.load(allNodes(), [
                { id: "c", type: "snmp-credentials", timeout: "500", retries: "0", deadline: "1000" },
                {
                    id: "p",
                    type: "printer-supplies",
                    snmp: "c",
                    devices: HOSTS.join("\n"),
                    wires: [["out"], []],
                },
                { id: "out", type: "helper" },
            ]);
            const config = helper.getNode("c") as unknown as SnmpConfigNode;
            assert.ok(config.settings && config.pool);
            // The same settings, with name lookups through the silent resolver.
            config.pool.close();
            config.pool = new SessionPool(config.settings, { lookup: lookupVia(dnsServer.address) });

            const out = helper.getNode("out") as Node;
            const got: { code?: string; ms: number }[] = [];
            const started = Date.now();
            out.on("input", (msg: NodeMessage) => {
                const payload = msg.payload as { error?: { code?: string } } | undefined;
                got.push({ code: payload?.error?.code, ms: Date.now() - started });
            });
            helper.getNode("p")?.receive({ payload: "poll" });
            const deadline = Date.now() + 15_000;
            while (got.length < HOSTS.length && Date.now() < deadline)
                await new Promise((r) => setTimeout(r, 50));
            assert.deepEqual(
                got.map((g) => g.code),
                HOSTS.map(() => "timeout"),
            );
            const last = Math.max(...got.map((g) => g.ms));
            assert.ok(last < 1000 + 1500, `every printer reported by ${last} ms (deadline 1 s)`);

            // Poll again and redeploy while the names are still being looked up.
            helper.getNode("p")?.receive({ payload: "poll" });
            await new Promise((r) => setTimeout(r, 200));
            const unloading = Date.now();
            await helper.unload();
            const took = Date.now() - unloading;
            assert.ok(took < 1000, `the redeploy took ${took} ms`);
            assert.equal(openSocketCount(), sockets, "no socket left open");
        });
    });
});
