/**
 * Fleet section of `npm run bench`: a whole fleet of printers polled the way users run it, inside
 * real Node-RED runtimes (node-red-node-test-helper), ours next to node-red-node-snmp in the same
 * run, against the simulator in a child process.
 *
 * - ours: one `printer-supplies` node listing every printer, triggered once per poll; the first
 *   poll reads everything, later ones are the cached steady-state poll;
 * - node-red-node-snmp: its real code (0.0.24, the version on npm), wired the fastest way it
 *   allows: one message per printer from a function node to a `snmp` get node (system group) and
 *   one `snmp table` node per table ours reads, all in parallel, every printer at once.
 *
 * Each side runs in a Node-RED process of its own (tools/bench/fleet-side.ts), and they take
 * turns: one poll at a time, so that they share the simulator and the CPUs but not a heap (in one
 * process, one side's poll collected the other's garbage: the longest stall of a poll depended on
 * which side had polled before it), with a second of idle time before each measured poll.
 *
 * Per fleet size (100 and 1,000 colour-laser printers) and link delay (0, 20 and 100 ms):
 * devices/s, round trips and bytes per device (counted at the simulator), CPU ms per device poll
 * (the side's process), RSS growth per device during the poll, the longest event-loop stall
 * (perf_hooks.monitorEventLoopDelay) and how much of it the side's main thread spent waiting for a
 * CPU rather than running (a stall is not always the side's own work), and how many CPUs the simulator kept busy meanwhile (the
 * printers it stands for are not on the machine, but it is: a side's garbage collector works
 * with helper threads, and a collection waits for them when the CPUs are taken), for first polls
 * and for the steady state. Each side's
 * process first deploys twice and polls 4 times each, unmeasured (it compiles its code once per
 * start, not per deploy); steady-state polls follow warm-up polls of each side (at least 4, and 4,000 printers
 * polled: 40 polls of 100) and are repeated and interleaved (ours, theirs, ours, ...), and the
 * median is shown, because the machine running the benchmark may be busy. In the steady state,
 * CPU and devices/s come from polls without the stall, GC and RSS probes (each poll with probes is
 * followed by one without): the probes' own CPU is about 4 ms in a 225 ms poll, 0.04 ms per
 * printer of a 100-printer poll on a 100 ms link. First polls have the probes on (a fresh deploy
 * each; their CPU is no target). One summary line per target of issue 20 follows.
 *
 * Run alone: `npm run build && node tools/bench/fleet.js [--quick]`.
 */
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fork } from "node:child_process";
import { TABLES, type SideFigures, type SideName, type SideReply, type SideRequest } from "./fleet-side";
import { startSimProcess, type SimProcess } from "./sim-process";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = join(ROOT, "test", "fixtures", "printers", "colour-laser.snmprec");
/**
 * Polls of each side before the steady state is measured: at least this many, and enough for
 * WARM_UP_DEVICE_POLLS printers polled. A Node-RED that polls its printers every minute runs
 * compiled code; 4 polls of 100 printers leave much of it to V8's compiler, whose threads count in
 * the CPU figures (a 100-printer poll took 0.8 to 1.5 ms of CPU per printer for its first ten
 * polls, 0.2 to 0.5 ms after twenty). A fresh deploy makes new closures, which V8 optimizes
 * anew: on a 100 ms link, polls 13 to 28 after a deploy took a median of 0.37 ms per printer,
 * polls 43 to 58 took 0.25 ms (one printer-supplies node, 1 s idle before each poll).
 */
const WARM_UP_POLLS = 4;
const WARM_UP_DEVICE_POLLS = 4_000;
/** The simulator's (and a typical agent's) largest message. */
const MAX_MSG_SIZE = 1472;

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
    /** Of the longest stall, how long the side's main thread waited for a CPU (see SideFigures). */
    stallWaitMs: number;
    /** The longest garbage collection pause in the poll, and its kind (see SideFigures). */
    gcMaxMs: number;
    gcMaxKind: string;
    /**
     * CPUs the simulator kept busy during the poll (its CPU time / the poll's time). It stands for
     * printers elsewhere on the network, but here it shares the machine's CPUs with the side.
     */
    simCpus: number;
}

/** One side, polling in its own Node-RED process (tools/bench/fleet-side.ts). */
interface Side {
    name: SideName;
    /** A fresh deploy of the side's flow (its cache and sessions empty). */
    load(): Promise<void>;
    /** Poll every printer once; measured inside the side's process when asked (see SideRequest). */
    poll(measure: "probes" | "cpu" | false): Promise<SideFigures>;
    stop(): Promise<void>;
    /** Uncaught errors the side's nodes threw so far. */
    crashes: number;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? NaN;
}

function medianFigures(runs: Figures[]): Figures {
    const pick = (k: Exclude<keyof Figures, "gcMaxKind">): number => median(runs.map((r) => r[k]));
    const stalled = runs.reduce((a, b) => (b.stallMs > a.stallMs ? b : a));
    return {
        ok: pick("ok"),
        perSecond: pick("perSecond"),
        trips: pick("trips"),
        bytes: pick("bytes"),
        bytesIn: pick("bytesIn"),
        cpuMs: pick("cpuMs"),
        rssKiB: pick("rssKiB"),
        stallMs: stalled.stallMs,
        stallWaitMs: stalled.stallWaitMs,
        ...longestGc(runs),
        simCpus: pick("simCpus"),
    };
}

/** The longest garbage-collection pause of these polls, and its kind. */
function longestGc(
    runs: readonly Pick<Figures, "gcMaxMs" | "gcMaxKind">[],
): Pick<Figures, "gcMaxMs" | "gcMaxKind"> {
    let out = { gcMaxMs: 0, gcMaxKind: "" };
    for (const r of runs) if (r.gcMaxMs > out.gcMaxMs) out = { gcMaxMs: r.gcMaxMs, gcMaxKind: r.gcMaxKind };
    return out;
}

/** The figures of polls with probes, with CPU and printers/s from the same side's polls without. */
function withCpuOf(probed: Figures, plain: Figures): Figures {
    return { ...probed, perSecond: plain.perSecond, cpuMs: plain.cpuMs };
}

/** Start a side's process; its flow polls `endpoints`. */
async function startSide(name: SideName, endpoints: { host: string; port: number }[]): Promise<Side> {
    const child = fork(join(__dirname, "fleet-side.js"), [], { stdio: "inherit" });
    const ask = (msg: SideRequest): Promise<SideReply> =>
        new Promise<SideReply>((resolve, reject) => {
            const onExit = (code: number | null): void =>
                reject(new Error(`${name}'s process exited with ${code}`));
            child.once("exit", onExit);
            child.once("message", (reply: SideReply) => {
                child.off("exit", onExit);
                if ("error" in reply) reject(new Error(`${name}: ${reply.error}`));
                else resolve(reply);
            });
            child.send(msg);
        });
    const side: Side = {
        name,
        crashes: 0,
        load: async () => {
            await ask({ load: { side: name, endpoints } });
        },
        poll: async (measure) => {
            const reply = await ask({ poll: { measure } });
            if (!("polled" in reply)) throw new Error(`${name}: unexpected reply`);
            side.crashes = reply.crashes;
            return reply.polled;
        },
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.send("stop");
            }),
    };
    await new Promise<void>((resolve, reject) => {
        child.once("spawn", () => resolve());
        child.once("error", reject);
    });
    return side;
}

/**
 * Idle time before each measured poll: what the previous poll (of either side) set going in the
 * background, on the CPUs both share (V8's concurrent marking and sweeping, sockets closing),
 * ends before the next is measured.
 */
const SETTLE_MS = 1000;

/**
 * One poll of the whole fleet by one side, measured (traffic counted at the simulator): with the
 * side's probes (stall, GC, RSS), or for its CPU and time alone (`"cpu"`: the probes' own CPU left out).
 */
async function measure(
    sim: SimProcess,
    n: number,
    side: Side,
    how: "probes" | "cpu" = "probes",
): Promise<Figures> {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const traffic0 = await sim.counters();
    const f = await side.poll(how);
    const traffic = await sim.counters();
    return {
        ok: f.ok,
        perSecond: n / (f.wallMs / 1000),
        trips: (traffic.requests - traffic0.requests) / n,
        bytes: (traffic.bytesIn - traffic0.bytesIn + traffic.bytesOut - traffic0.bytesOut) / n,
        bytesIn: (traffic.bytesOut - traffic0.bytesOut) / n,
        cpuMs: f.cpuMs / n,
        rssKiB: f.rssGrowth / 1024 / n,
        stallMs: f.stallMs,
        stallWaitMs: f.stallWaitMs,
        gcMaxMs: f.gcMaxMs,
        gcMaxKind: f.gcMaxKind,
        simCpus: f.wallMs > 0 ? (traffic.cpuMs - traffic0.cpuMs) / f.wallMs : NaN,
    };
}

export interface FleetRow {
    n: number;
    delay: number;
    first: { ours: Figures; theirs: Figures };
    steady: { ours: Figures; theirs: Figures };
}

async function fleet(
    n: number,
    delays: number[],
    reps: number,
    crashes: Map<SideName, number>,
): Promise<FleetRow[]> {
    const sim = await startSimProcess({ devices: [{ name: "p", file: FIXTURE, copies: n }] });
    const endpoints = Object.values(sim.endpoints).map((e) => ({ host: e.host, port: e.port }));
    const rows: FleetRow[] = [];
    const sides: Side[] = [];
    try {
        sides.push(await startSide("ours", endpoints), await startSide("node-red-node-snmp", endpoints));
        const [ours, theirs] = sides as [Side, Side];
        // Not shown: a fresh process's first polls also compile its code, which happens once per
        // Node-RED start, not once per deploy (twice: a first poll's code as well as a steady one's).
        for (const side of sides) {
            for (let deploy = 0; deploy < 2; deploy++) {
                await side.load();
                for (let w = 0; w < WARM_UP_POLLS; w++) await side.poll(false);
            }
        }
        for (const delay of delays) {
            await sim.setFaults({ delayMs: delay });
            // First polls: a fresh deploy each (our cache and node-red-node-snmp's sessions empty).
            const firstOurs: Figures[] = [];
            const firstTheirs: Figures[] = [];
            for (let r = 0; r < Math.max(1, Math.ceil(reps / 2)); r++) {
                await ours.load();
                await theirs.load();
                // Each goes first in turn (one poll at a time: they share the simulator and the CPUs).
                if (r % 2 === 0) firstTheirs.push(await measure(sim, n, theirs));
                firstOurs.push(await measure(sim, n, ours));
                if (r % 2 === 1) firstTheirs.push(await measure(sim, n, theirs));
            }
            // Steady state: warm both up (the first polls of a deploy run code V8 has not yet
            // compiled; a Node-RED that polls every minute runs compiled code), then alternate.
            await ours.load();
            await theirs.load();
            const warmUps = Math.max(WARM_UP_POLLS, Math.ceil(WARM_UP_DEVICE_POLLS / n));
            for (let w = 0; w < warmUps; w++) {
                await ours.poll(false);
                await theirs.poll(false);
            }
            // Each steady poll with probes is followed by one without, for CPU and printers/s.
            const steadyOurs: Figures[] = [];
            const steadyTheirs: Figures[] = [];
            const cpuOurs: Figures[] = [];
            const cpuTheirs: Figures[] = [];
            for (let r = 0; r < reps; r++) {
                steadyOurs.push(await measure(sim, n, ours));
                steadyTheirs.push(await measure(sim, n, theirs));
                cpuOurs.push(await measure(sim, n, ours, "cpu"));
                cpuTheirs.push(await measure(sim, n, theirs, "cpu"));
            }
            rows.push({
                n,
                delay,
                first: { ours: medianFigures(firstOurs), theirs: medianFigures(firstTheirs) },
                steady: {
                    ours: withCpuOf(medianFigures(steadyOurs), medianFigures(cpuOurs)),
                    theirs: withCpuOf(medianFigures(steadyTheirs), medianFigures(cpuTheirs)),
                },
            });
        }
    } finally {
        for (const side of sides) {
            crashes.set(side.name, (crashes.get(side.name) ?? 0) + side.crashes);
            await side.stop();
        }
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
        fmt(f.stallWaitMs),
        f.gcMaxKind === "" ? fmt(f.gcMaxMs) : `${fmt(f.gcMaxMs)} ${f.gcMaxKind}`,
        fmt(f.simCpus),
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
    const ours = rows.flatMap((r) => [r.steady.ours, r.first.ours]);
    const stalled = ours.reduce((a, b) => (b.stallMs > a.stallMs ? b : a));
    const stall = stalled.stallMs;
    const gc = longestGc(ours);
    const waited = Number.isFinite(stalled.stallWaitMs)
        ? `, our main thread waiting for a CPU ${stalled.stallWaitMs.toFixed(1)} ms of the longest`
        : "";
    lines.push(
        `longest event-loop stall during our fleet polls: ${stall.toFixed(1)} ms${waited}, ` +
            `longest garbage collection in them ${gc.gcMaxMs.toFixed(1)} ms` +
            `${gc.gcMaxKind === "" ? "" : ` (${gc.gcMaxKind})`} ` +
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
    // A 100-printer poll takes 20-50 ms of CPU, so one garbage collection or compile inside it
    // moves its figure by a third: more polls for its median (they are short).
    const repsFor = (n: number): number => (quick ? 3 : n <= 100 ? 9 : 5);
    console.log("## Fleets of printers inside Node-RED: ours next to node-red-node-snmp\n");
    console.log(
        "ours: one printer-supplies node for the fleet (first poll: discovery; steady: the cached poll).",
    );
    console.log(
        `node-red-node-snmp ${nrSnmpVersion()}: one message per printer to a get node and ${TABLES.length} table nodes, in parallel.`,
    );
    console.log(
        `Median of ${sizes.map((n) => `${repsFor(n)} (${n} printers)`).join(", ")} interleaved steady polls ` +
            `(first polls: ${sizes.map((n) => Math.ceil(repsFor(n) / 2)).join(", ")} fresh deploys); ` +
            `steady CPU and devices/s from as many polls again without the stall, GC and RSS probes; ` +
            `load average ${loadAverage()} on ${cpuCount()} CPUs at the start. ` +
            `Waited for CPU: of the longest stall, how long the side's main thread was ready to run but had no CPU ` +
            `(Linux's schedstat, in the longest gap of a 5 ms timer). ` +
            `Simulator CPUs: how many of them the simulator (the printers) kept busy during the poll.\n`,
    );
    const crashes = new Map<SideName, number>();
    const rows: FleetRow[] = [];
    for (const n of sizes) rows.push(...(await fleet(n, delays, repsFor(n), crashes)));
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
        "waited for CPU",
        "longest GC ms",
        "simulator CPUs",
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
    for (const [name, count] of crashes) {
        if (count > 0)
            console.log(`${name} threw ${count} uncaught error(s) (Node-RED stops on an uncaught error)`);
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
