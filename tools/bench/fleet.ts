/**
 * Fleet section of `npm run bench`: a whole fleet of printers polled the way users run it, inside
 * a real Node-RED runtime (node-red-node-test-helper), ours next to node-red-node-snmp in the same
 * run, against the simulator in a child process (so the CPU and memory figures are Node-RED's).
 *
 * - ours: one `printer-supplies` node listing every printer, triggered once per poll; the first
 *   poll reads everything, later ones are the cached steady-state poll;
 * - node-red-node-snmp: its real code (0.0.24, the version on npm), wired the fastest way it
 *   allows: one message per printer from a function node to a `snmp` get node (system group) and
 *   one `snmp table` node per table ours reads, all in parallel, every printer at once.
 *
 * Per fleet size (100 and 1,000 colour-laser printers) and link delay (0, 20 and 100 ms):
 * devices/s, round trips and bytes per device (counted at the simulator), CPU ms per device poll
 * (this process), RSS growth per device during the poll, and the longest event-loop stall
 * (perf_hooks.monitorEventLoopDelay), for first polls and for the steady state; steady-state polls
 * follow warm-up polls of each side (at least 4, and 2,000 printers polled: 20 polls of 100) and
 * are repeated and interleaved (ours, theirs, ours, ...), and the median is shown, because the
 * machine running the benchmark may be busy. A first round
 * of 100 printers, not shown, compiles both sides' code. One summary line per target of issue 20
 * follows.
 *
 * Run alone: `npm run build && node --expose-gc tools/bench/fleet.js [--quick]`.
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { TestHelper } from "../../test/helpers/nodered";
import { WALKED_TABLES } from "./printer";
import { startSimProcess, type SimProcess } from "./sim-process";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(ROOT, "test", "fixtures", "printers", "colour-laser.snmprec");
/** How long a node-red-node-snmp poll may wait for requests that never call back. */
const LOST_MS = 120_000;
/**
 * Polls of each side before the steady state is measured: at least this many, and enough for
 * WARM_UP_DEVICE_POLLS printers polled. A Node-RED that polls its printers every minute runs
 * compiled code; 4 polls of 100 printers leave much of it to V8's compiler, whose threads count in
 * the CPU figures (a 100-printer poll took 0.8 to 1.5 ms of CPU per printer for its first ten
 * polls, 0.2 to 0.5 ms after twenty).
 */
const WARM_UP_POLLS = 4;
const WARM_UP_DEVICE_POLLS = 2_000;
/** The simulator's (and a typical agent's) largest message. */
const MAX_MSG_SIZE = 1472;

/** What node-red-node-snmp reads to learn what ours does: the system group and these tables. */
const SYSTEM_OIDS = [1, 2, 3, 5, 6].map((n) => `1.3.6.1.2.1.1.${n}.0`);
const TABLES = WALKED_TABLES.filter((oid) => oid !== "1.3.6.1.2.1.1");
/** node-red-node-snmp nodes each printer goes through (the get node and one per table). */
const PARTS = 1 + TABLES.length;

type Helper = Pick<TestHelper, "init" | "load" | "unload"> & {
    getNode(id: string): {
        receive(msg: Record<string, unknown>): void;
        on(event: "input", fn: (msg: Record<string, unknown>) => void): void;
    } | null;
};

export interface Figures {
    ok: number;
    perSecond: number;
    trips: number;
    bytes: number;
    /** Response bytes per device (what the agent sent). */
    bytesIn: number;
    cpuMs: number;
    rssKiB: number;
    stallMs: number;
}

interface Side {
    name: string;
    /** Poll every printer once; resolves with how many were read. */
    poll(): Promise<number>;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? NaN;
}

function medianFigures(runs: Figures[]): Figures {
    const pick = (k: keyof Figures): number => median(runs.map((r) => r[k]));
    return {
        ok: pick("ok"),
        perSecond: pick("perSecond"),
        trips: pick("trips"),
        bytes: pick("bytes"),
        bytesIn: pick("bytesIn"),
        cpuMs: pick("cpuMs"),
        rssKiB: pick("rssKiB"),
        stallMs: Math.max(...runs.map((r) => r.stallMs)),
    };
}

/**
 * One poll of the whole fleet by one side, measured. No forced garbage collection first: it
 * shrinks V8's young generation, and the poll after it pays for growing it again (about a third
 * more CPU), which no Node-RED does; the sides take turns instead.
 */
async function measure(sim: SimProcess, n: number, side: Side): Promise<Figures> {
    const rss0 = process.memoryUsage.rss();
    let rssPeak = rss0;
    const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    }, 5);
    const traffic0 = await sim.counters();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const ok = await side.poll();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    delay.disable();
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    const traffic = await sim.counters();
    return {
        ok,
        perSecond: n / (wall / 1000),
        trips: (traffic.requests - traffic0.requests) / n,
        bytes: (traffic.bytesIn - traffic0.bytesIn + traffic.bytesOut - traffic0.bytesOut) / n,
        bytesIn: (traffic.bytesOut - traffic0.bytesOut) / n,
        cpuMs: (cpu.user + cpu.system) / 1000 / n,
        rssKiB: (rssPeak - rss0) / 1024 / n,
        stallMs: delay.max / 1e6,
    };
}

/** The flow: our node, node-red-node-snmp's nodes, and where their messages end. */
function flow(endpoints: { host: string; port: number }[]): unknown[] {
    const devices = endpoints.map((e, i) => `${e.host}:${e.port} p${i + 1}`).join("\n");
    const theirs = [
        {
            id: "nr-get",
            type: "snmp",
            host: "",
            community: "public",
            version: "2c",
            oids: SYSTEM_OIDS.join(","),
            timeout: "5",
            wires: [["nr-out"]],
        },
        ...TABLES.map((oid, i) => ({
            id: `nr-table-${i}`,
            type: "snmp table",
            host: "",
            community: "public",
            version: "2c",
            oids: oid,
            timeout: "5",
            wires: [["nr-out"]],
        })),
    ];
    return [
        { id: "snmp", type: "snmp-credentials", version: "2c", timeout: "5000", retries: "1" },
        { id: "ours", type: "printer-supplies", snmp: "snmp", devices, wires: [["ours-out"], []] },
        { id: "ours-out", type: "helper" },
        {
            id: "nr-split",
            type: "function",
            // One message per printer, as a flow that polls a list of printers would send them.
            func: "return [msg.hosts.map((host) => ({ host }))];",
            outputs: 1,
            wires: [theirs.map((t) => t.id)],
        },
        ...theirs,
        { id: "nr-out", type: "helper" },
        { id: "nr-catch", type: "catch", scope: theirs.map((t) => t.id), wires: [["nr-errors"]] },
        { id: "nr-errors", type: "helper" },
    ];
}

/** Load the flow and return both sides. */
async function loadSides(helper: Helper, endpoints: { host: string; port: number }[]): Promise<Side[]> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const nodes = [
        require("../../nodes/snmp-credentials"),
        require("../../nodes/printer-supplies"),
        require("node-red-node-snmp/snmp.js"),
        require("@node-red/nodes/core/function/10-function.js"),
        require("@node-red/nodes/core/common/25-catch.js"),
    ];
    /* eslint-enable @typescript-eslint/no-require-imports */
    await helper.unload();
    await helper.load(nodes, flow(endpoints), { snmp: { community: "public" } });
    // The test helper spies on every send, status and log call of every node (recording its
    // arguments, and an event per call): that is the helper's, not Node-RED's cost. Put the
    // runtime's own methods back.
    (helper as { _sandbox?: { restore(): void } })._sandbox?.restore();
    // Node-RED copies `send` onto each node when it is wired (updateWires), so those copies are
    // still the helper's spies: let every node take the runtime's own again.
    for (const item of flow(endpoints) as { id: string }[]) {
        const loaded = helper.getNode(item.id) as { wires?: unknown; updateWires?(w: unknown): void } | null;
        loaded?.updateWires?.(loaded.wires);
    }
    const n = endpoints.length;
    const node = (id: string) => {
        const found = helper.getNode(id);
        if (found === null) throw new Error(`node ${id} not loaded`);
        return found;
    };

    // Ours: one message per printer on output 1 (a reading, or the error payload).
    let oursWaiting: { got: number; ok: number; done: () => void } | undefined;
    node("ours-out").on("input", (msg) => {
        const w = oursWaiting;
        if (w === undefined) return;
        w.got++;
        if ((msg.payload as { reachable?: boolean } | undefined)?.reachable !== false) w.ok++;
        if (w.got === n) w.done();
    });
    const ours: Side = {
        name: "ours",
        poll: () =>
            new Promise<number>((resolve) => {
                const w = { got: 0, ok: 0, done: () => resolve(w.ok) };
                oursWaiting = w;
                node("ours").receive({ payload: Date.now() });
            }),
    };

    // node-red-node-snmp: a printer is done when each of its 10 nodes answered or failed.
    let theirsWaiting: { seen: Set<string>; failed: Set<string>; done: () => void } | undefined;
    const settle = (host: string, source: string, failed: boolean): void => {
        const w = theirsWaiting;
        if (w === undefined) return;
        const key = `${host}|${source}`;
        if (w.seen.has(key)) return;
        w.seen.add(key);
        if (failed) w.failed.add(host);
        if (w.seen.size === n * PARTS) w.done();
    };
    // Each node sets msg.oid to its OIDs; an error names the node that raised it.
    const oidsOf = new Map<string, string>([
        ["nr-get", SYSTEM_OIDS.join(",")],
        ...TABLES.map((oid, i): [string, string] => [`nr-table-${i}`, oid]),
    ]);
    node("nr-out").on("input", (msg) => settle(String(msg.host), String(msg.oid), false));
    node("nr-errors").on("input", (msg) => {
        const error = msg.error as { message?: string; source?: { id?: string } } | undefined;
        const source = oidsOf.get(error?.source?.id ?? "") ?? String(msg.oid);
        // A varbind error (an object the printer lacks) comes with a normal answer: not a failure.
        settle(String(msg.host), source, /timed out|timeout/i.test(error?.message ?? ""));
    });
    const hosts = endpoints.map((e) => `${e.host}:${e.port}`);
    const theirs: Side = {
        name: "node-red-node-snmp",
        poll: () =>
            new Promise<number>((resolve) => {
                // A request whose session threw never calls back: such a printer is not read.
                const lost = setTimeout(() => {
                    const parts = new Map<string, number>();
                    for (const k of w.seen) {
                        const host = k.slice(0, k.indexOf("|"));
                        parts.set(host, (parts.get(host) ?? 0) + 1);
                    }
                    resolve(hosts.filter((h) => parts.get(h) === PARTS && !w.failed.has(h)).length);
                }, LOST_MS);
                const w = {
                    seen: new Set<string>(),
                    failed: new Set<string>(),
                    done: () => {
                        clearTimeout(lost);
                        resolve(n - w.failed.size);
                    },
                };
                theirsWaiting = w;
                node("nr-split").receive({ hosts });
            }),
    };
    return [ours, theirs];
}

export interface FleetRow {
    n: number;
    delay: number;
    first: { ours: Figures; theirs: Figures };
    steady: { ours: Figures; theirs: Figures };
}

async function fleet(helper: Helper, n: number, delays: number[], reps: number): Promise<FleetRow[]> {
    const sim = await startSimProcess({ devices: [{ name: "p", file: FIXTURE, copies: n }] });
    const endpoints = Object.values(sim.endpoints).map((e) => ({ host: e.host, port: e.port }));
    const rows: FleetRow[] = [];
    try {
        for (const delay of delays) {
            await sim.setFaults({ delayMs: delay });
            // First polls: a fresh deploy each (our cache and node-red-node-snmp's sessions empty).
            const firstOurs: Figures[] = [];
            const firstTheirs: Figures[] = [];
            for (let r = 0; r < Math.max(1, Math.ceil(reps / 2)); r++) {
                const [ours, theirs] = (await loadSides(helper, endpoints)) as [Side, Side];
                // Each goes first in turn (the second one's poll may collect the first one's garbage).
                if (r % 2 === 0) firstTheirs.push(await measure(sim, n, theirs));
                firstOurs.push(await measure(sim, n, ours));
                if (r % 2 === 1) firstTheirs.push(await measure(sim, n, theirs));
            }
            // Steady state: warm both up (the first polls of a deploy run code V8 has not yet
            // compiled; a Node-RED that polls every minute runs compiled code), then alternate.
            const [ours, theirs] = (await loadSides(helper, endpoints)) as [Side, Side];
            const warmUps = Math.max(WARM_UP_POLLS, Math.ceil(WARM_UP_DEVICE_POLLS / n));
            for (let w = 0; w < warmUps; w++) {
                await ours.poll();
                await theirs.poll();
            }
            const steadyOurs: Figures[] = [];
            const steadyTheirs: Figures[] = [];
            for (let r = 0; r < reps; r++) {
                steadyOurs.push(await measure(sim, n, ours));
                steadyTheirs.push(await measure(sim, n, theirs));
            }
            await helper.unload();
            rows.push({
                n,
                delay,
                first: { ours: medianFigures(firstOurs), theirs: medianFigures(firstTheirs) },
                steady: { ours: medianFigures(steadyOurs), theirs: medianFigures(steadyTheirs) },
            });
        }
    } finally {
        await sim.stop();
    }
    return rows;
}

// ---------------------------------------------------------------------------------------------
// Output

function fmt(n: number): string {
    if (!Number.isFinite(n)) return "-";
    if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
    if (Math.abs(n) >= 10) return n.toFixed(1);
    return n.toFixed(2);
}

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
    const line = (r: string[]): string =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
    return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function figureRow(label: string, f: Figures, vs?: Figures): string[] {
    return [
        label,
        fmt(f.ok),
        fmt(f.perSecond),
        vs ? `${(f.perSecond / vs.perSecond).toFixed(1)}x` : "",
        fmt(f.trips),
        fmt(f.bytes),
        fmt(f.cpuMs),
        fmt(f.rssKiB),
        fmt(f.stallMs),
    ];
}

/** Lower bound of round trips for a steady-state poll: response bytes / message size, rounded up. */
export function lowerBound(f: Figures): number {
    return Math.max(1, Math.ceil(f.bytesIn / MAX_MSG_SIZE));
}

/** One line per target of issue 20, from the rows. */
export function summary(rows: FleetRow[]): string[] {
    const lines: string[] = [];
    const big = Math.max(...rows.map((r) => r.n));
    for (const r of rows.filter((x) => x.n === big)) {
        const steady = r.steady.ours.perSecond / r.steady.theirs.perSecond;
        const want = r.delay >= 100 ? 3 : 2;
        lines.push(
            `fleet ${r.n} printers @${r.delay} ms, steady state: ${steady.toFixed(1)}x node-red-node-snmp's devices/s ` +
                `(target ${want}x: ${steady >= want ? "met" : "NOT MET"})`,
        );
        const first = r.first.ours.perSecond / r.first.theirs.perSecond;
        lines.push(
            `fleet ${r.n} printers @${r.delay} ms, first poll: ${first.toFixed(1)}x node-red-node-snmp's devices/s ` +
                `(target 1x: ${first >= 1 ? "met" : "NOT MET"})`,
        );
    }
    const cpu = Math.max(...rows.map((r) => r.steady.ours.cpuMs));
    const cpuBig = Math.max(...rows.filter((r) => r.n === big).map((r) => r.steady.ours.cpuMs));
    lines.push(
        `CPU per steady-state printer poll: ${cpu.toFixed(3)} ms at most over all fleets and delays, ` +
            `${cpuBig.toFixed(3)} ms at most for ${big} printers ` +
            `(node-red-node-snmp: ${Math.min(...rows.map((r) => r.steady.theirs.cpuMs)).toFixed(3)} ms at least; ` +
            `target 0.35 ms: ${cpu <= 0.35 ? "met" : "NOT MET"})`,
    );
    const stall = Math.max(...rows.flatMap((r) => [r.steady.ours.stallMs, r.first.ours.stallMs]));
    lines.push(
        `longest event-loop stall during our fleet polls: ${stall.toFixed(1)} ms ` +
            `(node-red-node-snmp: ${Math.max(...rows.flatMap((r) => [r.steady.theirs.stallMs, r.first.theirs.stallMs])).toFixed(1)} ms; ` +
            `target < 50 ms: ${stall < 50 ? "met" : "NOT MET"})`,
    );
    const trips = Math.max(...rows.map((r) => r.steady.ours.trips - lowerBound(r.steady.ours)));
    const worst = rows.find((r) => r.steady.ours.trips - lowerBound(r.steady.ours) === trips);
    lines.push(
        `round trips per steady-state poll: ${worst ? fmt(worst.steady.ours.trips) : "-"} against a lower bound of ` +
            `${worst ? lowerBound(worst.steady.ours) : "-"} (response bytes / ${MAX_MSG_SIZE}, rounded up) ` +
            `(target at most lower bound + 1: ${trips <= 1 ? "met" : "NOT MET"})`,
    );
    return lines;
}

export async function run(options: { quick?: boolean } = {}): Promise<FleetRow[]> {
    const quick = options.quick ?? process.argv.includes("--quick");
    const sizes = quick ? [100] : [100, 1000];
    const delays = [0, 20, 100];
    const reps = quick ? 3 : 5;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const helper = require("node-red-node-test-helper") as Helper;
    helper.init(require.resolve("node-red"));
    console.log("## Fleets of printers inside Node-RED: ours next to node-red-node-snmp\n");
    console.log(
        "ours: one printer-supplies node for the fleet (first poll: discovery; steady: the cached poll).",
    );
    console.log(
        `node-red-node-snmp ${nrSnmpVersion()}: one message per printer to a get node and ${TABLES.length} table nodes, in parallel.`,
    );
    console.log(
        `Median of ${reps} interleaved steady polls (first polls: ${Math.ceil(reps / 2)} fresh deploys); ` +
            `load average ${loadAverage()} on ${cpuCount()} CPUs at the start.\n`,
    );
    // net-snmp 1.2.4 (node-red-node-snmp 0.0.24's) emits 'error' on its session without a listener
    // when a datagram it cannot parse reaches its socket: count those rather than lose the run.
    let theirCrashes = 0;
    const onUncaught = (err: Error): void => {
        if (!/node-red-node-snmp/.test(err.stack ?? "")) throw err;
        theirCrashes++;
        if (theirCrashes === 1) console.log(`node-red-node-snmp threw, uncaught: ${err.message}`);
    };
    process.on("uncaughtException", onUncaught);
    const rows: FleetRow[] = [];
    try {
        // A round that is not shown: the first polls of a process also compile both sides' code,
        // which happens once per Node-RED start, not once per deploy.
        await fleet(helper, 100, [0], 1);
        for (const n of sizes) rows.push(...(await fleet(helper, n, delays, reps)));
    } finally {
        process.off("uncaughtException", onUncaught);
    }
    const headers = [
        "printers, delay, poll, who",
        "read ok",
        "devices/s",
        "vs nr-snmp",
        "round trips/dev",
        "bytes/dev",
        "CPU ms/dev",
        "RSS KiB/dev",
        "max stall ms",
    ];
    const body: string[][] = [];
    for (const r of rows) {
        for (const kind of ["steady", "first"] as const) {
            const { ours, theirs } = r[kind];
            body.push(figureRow(`${r.n}, ${r.delay} ms, ${kind}, ours`, ours, theirs));
            body.push(figureRow(`${r.n}, ${r.delay} ms, ${kind}, node-red-node-snmp`, theirs));
        }
    }
    console.log(table(headers, body));
    console.log("");
    for (const line of summary(rows)) console.log(line);
    if (theirCrashes > 0) {
        console.log(
            `node-red-node-snmp threw ${theirCrashes} uncaught error(s) (Node-RED stops on an uncaught error)`,
        );
    }
    console.log(`(load average ${loadAverage()} at the end)\n`);
    return rows;
}

function nrSnmpVersion(): string {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("node-red-node-snmp/package.json") as { version: string }).version;
}

function loadAverage(): string {
    return loadavg()
        .map((x) => x.toFixed(1))
        .join(" ");
}

function cpuCount(): number {
    return cpus().length;
}

if (require.main === module) {
    run().then(
        () => process.exit(0),
        (err: unknown) => {
            console.error(err);
            process.exit(1);
        },
    );
}
