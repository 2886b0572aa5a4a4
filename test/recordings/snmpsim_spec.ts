/**
 * The same real recordings, served by a second agent: Debian's snmpsim (`snmpsimd`), which the
 * recordings were made for. Every printer and every wireless recording is polled twice, once from
 * snmpsimd and once from our simulator, and the two readings must be the same. This keeps our
 * simulator honest: a reading the recording tests accept only because our simulator answers more
 * kindly than a real agent would shows up here as a difference.
 *
 * Skipped, with a message, when snmpsimd is not installed or the recordings are not beside the
 * checkout. snmpsimd serves each `<name>.snmprec` under the community `<name>`.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { pollAp } from "../../nodes/lib/ap/poll-ap";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { pollPrinter } from "../../nodes/lib/printer/poll-printer";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";

const RECORDINGS = path.join(__dirname, "..", "..", "..", "shared", "recordings");
const FOLDERS = ["printers", "wireless"].map((f) => path.join(RECORDINGS, f));
const HOST = "127.0.0.1";

/**
 * Recordings the two agents serve differently, and why. A recording that is not sorted by OID
 * is one a real device could not have produced; our simulator sorts it, snmpsimd searches it as
 * it stands.
 */
const SERVED_DIFFERENTLY: Record<string, string> = {
    unifi_achd: "the file is not sorted by OID: snmpsimd finds no sysDescr or sysObjectID in it",
};

function haveSnmpsimd(): boolean {
    // It prints its usage and exits non-zero; only a missing program is an error.
    return spawnSync("snmpsimd", ["--help"], { stdio: "ignore" }).error === undefined;
}

/** Recordings served under a plain community (`name@context` files are SNMPv3 contexts). */
function recordings(folder: string): string[] {
    return readdirSync(folder)
        .filter((f) => f.endsWith(".snmprec") && !f.includes("@"))
        .map((f) => f.slice(0, -".snmprec".length))
        .sort();
}

/** A UDP port nobody holds right now on the host, for snmpsimd to take. */
async function freeUdpPort(host: string): Promise<number> {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, host, resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(resolve));
    return port;
}

type Outcome = { reading: unknown } | { error: string };

/** A poll's outcome with the clock taken out, comparable across agents. */
async function poll(kind: "printer" | "ap", host: string, port: number, community: string): Promise<Outcome> {
    const settings = normalizeSettings({ community, port, timeout: 3000, retries: 1 });
    const session = await SnmpSession.open(host, settings);
    const now = () => new Date(Date.UTC(2024, 0, 1));
    const options = { maxRepetitions: settings.maxRepetitions, maxRows: settings.maxRows };
    try {
        if (kind === "printer") {
            const result = await pollPrinter(session, `${host}:${port}`, new PrinterCache(), {
                ...options,
                lowLevel: 10,
                invertReceptacles: false,
                now: () => now().getTime(),
            });
            // The uptime runs on the agent's clock: it is not part of the recording.
            return { reading: { ...result.reading, time: undefined, uptime: undefined } };
        }
        const result = await pollAp(session, { host, port }, { ...options, vendor: "auto", now });
        // How many requests a walk takes depends on how many rows each agent packs in an answer.
        return { reading: { ...result, requests: undefined } };
    } catch (err) {
        return { error: err instanceof SnmpError ? `${err.code}: ${err.message}` : String(err) };
    } finally {
        session.close();
    }
}

/** The endpoint in every message names the agent's port; the rest must not depend on it. */
function withoutPort(outcome: Outcome, port: number): string {
    return JSON.stringify(outcome)
        .split(`${HOST}:${port}`)
        .join("HOST")
        .split(`"port":${port}`)
        .join('"port":0');
}

/** Where two texts part, with some context from each. */
function firstDifference(a: string, b: string): string {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    const from = Math.max(0, i - 120);
    return `\n  simulator …${a.slice(from, i + 120)}\n  snmpsim   …${b.slice(from, i + 120)}`;
}

describe("recordings served by snmpsim", function () {
    this.timeout(300_000);
    let agent: ChildProcess | undefined;
    let agentPort = 0;
    let cache = "";
    let sim: Simulator | undefined;

    before(async function () {
        if (!FOLDERS.every((f) => existsSync(f))) {
            console.log(`      (skipped: no recordings at ${RECORDINGS})`);
            this.skip();
        }
        if (!haveSnmpsimd()) {
            console.log("      (skipped: snmpsimd is not installed; Debian package snmpsim)");
            this.skip();
        }
        cache = mkdtempSync(path.join(tmpdir(), "snmpsim-cache-"));
        // It writes its index there after dropping to the unprivileged user.
        chmodSync(cache, 0o777);
        agentPort = await freeUdpPort(HOST);
        const args = [
            ...FOLDERS.map((f) => `--data-dir=${f}`),
            `--agent-udpv4-endpoint=${HOST}:${agentPort}`,
            `--cache-dir=${cache}`,
        ];
        // snmpsimd refuses to run as root without a user to drop to.
        if (process.getuid?.() === 0) args.push("--process-user=nobody", "--process-group=nogroup");
        agent = spawn("snmpsimd", args, { stdio: ["ignore", "ignore", "pipe"] });
        let log = "";
        agent.stderr?.on("data", (chunk: Buffer) => {
            log = (log + chunk.toString()).slice(-2000);
        });
        sim = await startSimulator({ devices: loadDevices(FOLDERS, { dynamics: false }) });
        // snmpsimd indexes every recording before it answers: wait for the first answer.
        const first = recordings(FOLDERS[0]!)[0]!;
        const deadline = Date.now() + 120_000;
        for (;;) {
            const settings = normalizeSettings({
                community: first,
                port: agentPort,
                timeout: 1000,
                retries: 0,
            });
            const session = await SnmpSession.open(HOST, settings);
            try {
                await session.get(["1.3.6.1.2.1.1.1.0"]);
                break;
            } catch (err) {
                if (Date.now() > deadline || agent.exitCode !== null)
                    throw new Error(
                        `snmpsimd did not answer on ${HOST}:${agentPort}: ${String(err)}\n${log}`,
                        { cause: err },
                    );
            } finally {
                session.close();
            }
        }
    });
    after(async () => {
        agent?.kill();
        await sim?.stop();
        if (cache !== "") rmSync(cache, { recursive: true, force: true });
    });

    for (const [kind, folder] of [
        ["printer", FOLDERS[0]!],
        ["ap", FOLDERS[1]!],
    ] as const) {
        it(`reads every ${kind === "printer" ? "printer" : "wireless"} recording the same from snmpsim as from our simulator`, async () => {
            assert.ok(sim);
            const names = recordings(folder);
            assert.ok(names.length > 0, "recordings");
            const differ: string[] = [];
            const known: string[] = [];
            let read = 0;
            for (const name of names) {
                const ep = sim.endpoint(name);
                const ours = await poll(kind, ep.host, ep.port, ep.community);
                const theirs = await poll(kind, HOST, agentPort, name);
                if ("reading" in theirs) read++;
                const a = withoutPort(ours, ep.port);
                const b = withoutPort(theirs, agentPort);
                if (a === b) continue;
                if (SERVED_DIFFERENTLY[name] !== undefined)
                    known.push(`${name} (${SERVED_DIFFERENTLY[name]})`);
                else differ.push(`${name}: ${firstDifference(a, b)}`);
            }
            console.log(
                `      ${read}/${names.length} read from snmpsim; ${names.length - differ.length - known.length} the same as from the simulator`,
            );
            for (const k of known) console.log(`      served differently, as expected: ${k}`);
            assert.deepEqual(differ, [], differ.join("\n"));
        });
    }
});
