/**
 * Read-only SNMP: no SET PDU ever leaves. Statically (net-snmp is imported in one file, which
 * calls only reads on its sessions) and on the wire: every node of the package, with every
 * option that changes what is asked, against the simulator, which records each PDU's type.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PROFILES } from "../../nodes/lib/ap/profiles";
import { loadDevices, startSimulator, type Simulator, type V3User } from "../../tools/sim";
import { allNodes, helper } from "../helpers/nodered";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const READS = new Set(["GET", "GETNEXT", "GETBULK"]);
const USER: V3User = {
    name: "monitor",
    authProtocol: "sha",
    authKey: "auth-key-1234",
    privProtocol: "aes",
    privKey: "priv-key-1234",
};

function files(dir: string, ext: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const p = path.join(dir, name);
        return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
    });
}

describe("read-only: no SET ever leaves", function () {
    this.timeout(60_000);

    it("net-snmp is imported by session.ts alone, which calls only get, getNext and getBulk on it", () => {
        const importers = files(path.join(ROOT, "nodes"), ".js").filter((f) =>
            /require\("net-snmp"\)/.test(readFileSync(f, "utf8")),
        );
        assert.deepEqual(
            importers.map((f) => path.relative(ROOT, f)),
            [path.join("nodes", "lib", "snmp", "session.js")],
        );
        const source = readFileSync(path.join(ROOT, "nodes", "lib", "snmp", "session.ts"), "utf8");
        const calls = new Set(Array.from(source.matchAll(/this\.inner\.(\w+)/g), (m) => m[1]));
        assert.deepEqual([...calls].sort(), ["close", "get", "getBulk", "getNext", "on"]);
        assert.ok(!/\.set\s*\(\s*\[?\s*\{/.test(source), "no varbind list is ever set");
    });

    describe("on the wire, every node and option against the simulator", () => {
        let sim: Simulator;
        before(async () => {
            const devices = loadDevices([FIXTURES], { dynamics: false, port: 0, community: "public" }).map(
                (d) =>
                    d.name === "hp-jetdirect-v3" || d.name === "cisco-aireos"
                        ? { ...d, v3: { users: [USER] } }
                        : d,
            );
            sim = await startSimulator({ devices });
            await helper.startServer();
        });
        after(async () => {
            await helper.stopServer();
            await sim?.stop();
        });
        afterEach(() => helper.unload());

        const line = (name: string): string => {
            const ep = sim.endpoint(name);
            return `${ep.host}:${ep.port} ${name}`;
        };
        const names = (dir: string): string[] =>
            files(path.join(FIXTURES, dir), ".snmprec")
                .map((f) => path.basename(f, ".snmprec"))
                .filter((n) => !n.includes("@"));

        /** Deploy, trigger each query node with each message, wait for every device's answer. */
        async function run(
            credentials: Record<string, unknown>,
            secrets: Record<string, string>,
            nodes: { type: string; devices: string[]; options?: Record<string, unknown> }[],
        ): Promise<void> {
            const flow: unknown[] = [
                { id: "t1", type: "tab", label: "read-only" },
                { id: "c1", type: "snmp-credentials", timeout: 500, retries: 0, ...credentials },
                { id: "alert", z: "t1", type: "threshold-alert", wires: [[]] },
                { id: "forecast", z: "t1", type: "supply-forecast", wires: [[], []] },
            ];
            const outs: string[] = [];
            nodes.forEach((n, i) => {
                const wires =
                    n.type === "printer-supplies"
                        ? [[`o${i}`, "alert", "forecast"], ["alert"]]
                        : [[`o${i}`, "alert"], ["alert"], []];
                flow.push(
                    {
                        id: `n${i}`,
                        z: "t1",
                        type: n.type,
                        snmp: "c1",
                        devices: n.devices.join("\n"),
                        wires,
                        ...n.options,
                    },
                    { id: `o${i}`, z: "t1", type: "helper" },
                );
                outs.push(`o${i}`);
            });
            await helper.load(allNodes(), flow, { c1: secrets });
            const got = outs.map(() => 0);
            outs.forEach((id, i) => helper.getNode(id)?.on("input", () => (got[i] = got[i]! + 1)));
            const triggers: Record<string, unknown>[] = [
                { payload: "poll" },
                { payload: "again" }, // steady state: what the first poll cached
                { payload: "one", host: nodes[0]?.devices[0]?.split(" ")[0] },
            ];
            for (const [t, msg] of triggers.entries()) {
                const want = nodes.map((n) => (t < 2 ? n.devices.length * (t + 1) : 0));
                nodes.forEach((_n, i) => helper.getNode(`n${i}`)?.receive({ ...msg }));
                const end = Date.now() + 15_000;
                while (!got.every((g, i) => g >= want[i]!)) {
                    assert.ok(Date.now() < end, `answers ${JSON.stringify(got)} of ${JSON.stringify(want)}`);
                    await new Promise((r) => setTimeout(r, 10));
                }
            }
            await new Promise((r) => setTimeout(r, 100));
        }

        afterEach(function () {
            const byType = sim.counters.byType;
            const seen = Object.keys(byType).sort();
            assert.ok(
                (byType.GET ?? 0) + (byType.GETNEXT ?? 0) + (byType.GETBULK ?? 0) > 0,
                "requests were made",
            );
            for (const type of seen)
                assert.ok(READS.has(type), `${type} reached the agent (${this.currentTest?.title})`);
            assert.equal(sim.log.filter((e) => !READS.has(e.type) && e.type !== "?").length, 0);
        });

        it("printer-supplies on SNMPv1, v2c and low limits, with every option", async () => {
            const printers = names("printers")
                .filter((n) => n !== "hp-jetdirect-v3")
                .map(line);
            for (const [credentials, options] of [
                [{ version: "1" }, { lowLevel: 30, invertReceptacles: true }],
                [{ version: "2c", maxRepetitions: 1, maxRows: 3 }, {}],
                [{ version: "2c", maxRepetitions: 100 }, { invertReceptacles: true }],
            ] as const) {
                await run(credentials, { community: "public" }, [
                    { type: "printer-supplies", devices: printers, options },
                ]);
                await helper.unload();
            }
        });

        it("printer-supplies on SNMPv3 with a context", async () => {
            await run(
                {
                    version: "3",
                    securityLevel: "authPriv",
                    authProtocol: "SHA",
                    privProtocol: "AES",
                    context: "Jetdirect",
                },
                { user: USER.name, authKey: USER.authKey ?? "", privKey: USER.privKey ?? "" },
                [{ type: "printer-supplies", devices: [line("hp-jetdirect-v3")] }],
            );
        });

        it("ap-clients: auto detection, every profile chosen by hand, custom OIDs, SNMPv1 and v3", async () => {
            const wireless = names("wireless").map(line);
            const chosen = PROFILES.filter((p) => names("wireless").includes(p.id)).map((p) => ({
                type: "ap-clients",
                devices: [line(p.id)],
                options: { vendor: p.id, signalMetrics: true, macNames: "a4:83:e7:00:00:01 Laptop" },
            }));
            assert.ok(chosen.length >= 10, `profiles with a fixture of the same name: ${chosen.length}`);
            await run({ version: "2c" }, { community: "public" }, [
                { type: "ap-clients", devices: wireless, options: { vendor: "auto", signalMetrics: true } },
                ...chosen,
                {
                    type: "ap-clients",
                    devices: [line("cisco-aireos")],
                    options: {
                        vendor: "custom",
                        customCount: "1.3.6.1.4.1.14179.2.1.1.1.38",
                        customClients: "1.3.6.1.4.1.14179.2.1.4.1.1",
                        customSignal: "1.3.6.1.4.1.14179.2.1.6.1.1",
                        customSsid: "1.3.6.1.4.1.14179.2.1.4.1.7",
                    },
                },
            ]);
            await helper.unload();
            await run({ version: "1" }, { community: "public" }, [
                { type: "ap-clients", devices: wireless.slice(0, 8), options: { vendor: "auto" } },
            ]);
            await helper.unload();
            await run(
                { version: "3", securityLevel: "authPriv", authProtocol: "SHA", privProtocol: "AES" },
                { user: USER.name, authKey: USER.authKey ?? "", privKey: USER.privKey ?? "" },
                [{ type: "ap-clients", devices: [line("cisco-aireos")], options: { vendor: "auto" } }],
            );
        });

        it("saw reads of every kind the nodes use, and nothing else", () => {
            const byType = sim.counters.byType;
            for (const type of READS) assert.ok((byType[type] ?? 0) > 0, `${type} was used`);
        });
    });
});
