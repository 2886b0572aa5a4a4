/**
 * Polls and redeploys in one process, as a long-running Node-RED sees them: both query nodes
 * (and the alert and forecast nodes behind them) in a flow driven by node-red-node-test-helper,
 * redeployed with a full deploy (setFlows) again and again, against the simulator in a child
 * process so that what is measured here is the client alone. Measured: UDP sockets as the kernel
 * counts them, timers (process.getActiveResourcesInfo() and a census of every Timeout object,
 * unref'd ones included, by async_hooks), heap and RSS after GC along the way.
 * Used by `npm run soak` (10,000 polls, 200 redeploys) and a short run in `npm test`.
 */
import { createHook } from "node:async_hooks";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { NodeMessage } from "node-red";
import { openSocketCount } from "../../nodes/lib/snmp/session";
import type { NodeStatus } from "../../nodes/lib/status";
import { udpSocketCount } from "../../test/helpers/sockets";
import { allNodes, helper } from "../../test/helpers/nodered";
import { startSimProcess } from "../bench/sim-process";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures");

export interface SoakOptions {
    redeploys: number;
    pollsPerDeploy: number;
    onProgress?: (round: number, sample: MemorySample) => void;
}

export interface MemorySample {
    polls: number;
    heapMb: number;
    rssMb: number;
}

export interface SoakResult {
    polls: number;
    redeploys: number;
    devicePolls: number;
    failed: string[];
    udp: { before?: number; peak?: number; after?: number };
    packageSockets: { peak: number; after: number };
    activeResources: { before: string[]; after: string[] };
    timers: { before: number; after: number; leftBehind: string[] };
    samples: MemorySample[];
    /** After the last flow was unloaded, after GC. */
    afterUnload?: MemorySample;
    /** Growth from the first sample after warm-up to the last one while polling, after GC. */
    heapGrowthMb: number;
    rssGrowthMb: number;
    ms: number;
}

/** Live Timeout objects (ref'd or not), with where they were created. */
function timerCensus(): { live: Map<number, string>; stop(): void } {
    const live = new Map<number, string>();
    const hook = createHook({
        init(id, type) {
            if (type !== "Timeout") return;
            const stack = new Error().stack?.split("\n").slice(2, 9).join(" | ") ?? "";
            live.set(id, stack);
        },
        destroy(id) {
            live.delete(id);
        },
    });
    hook.enable();
    return { live, stop: () => hook.disable() };
}

function sample(polls: number): MemorySample {
    gc();
    gc();
    const m = process.memoryUsage();
    return { polls, heapMb: m.heapUsed / 2 ** 20, rssMb: m.rss / 2 ** 20 };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
    const started = performance.now();
    const sim = await startSimProcess({
        devices: [
            { name: "laser", file: path.join(FIXTURES, "printers", "colour-laser.snmprec") },
            { name: "inkjet", file: path.join(FIXTURES, "printers", "inkjet.snmprec") },
            { name: "mono", file: path.join(FIXTURES, "printers", "mono-quirks.snmprec") },
            { name: "wlc", file: path.join(FIXTURES, "wireless", "cisco-aireos.snmprec") },
            { name: "unifi", file: path.join(FIXTURES, "wireless", "ubnt-unifi.snmprec") },
        ],
    });
    const line = (name: string): string => {
        const ep = sim.endpoints[name];
        if (ep === undefined) throw new Error(`no simulated ${name}`);
        return `${ep.host}:${ep.port} ${name}`;
    };
    const printers = ["laser", "inkjet", "mono"];
    const aps = ["wlc", "unifi"];
    const flow = (round: number): unknown[] => [
        { id: "t1", type: "tab", label: `soak ${round}` },
        {
            id: "c1",
            type: "snmp-credentials",
            version: "2c",
            timeout: 1000,
            retries: 1,
            name: `round ${round}`,
        },
        {
            id: "p1",
            z: "t1",
            type: "printer-supplies",
            name: `printers ${round}`,
            snmp: "c1",
            devices: printers.map(line).join("\n"),
            wires: [["out", "alert", "forecast"], ["alert"]],
        },
        {
            id: "a1",
            z: "t1",
            type: "ap-clients",
            name: `aps ${round}`,
            snmp: "c1",
            devices: aps.map(line).join("\n"),
            wires: [["out", "alert"], ["alert"], []],
        },
        { id: "alert", z: "t1", type: "threshold-alert", wires: [["sink"]] },
        { id: "forecast", z: "t1", type: "supply-forecast", wires: [["sink"], ["sink"]] },
        { id: "out", z: "t1", type: "helper" },
        { id: "sink", z: "t1", type: "helper" },
    ];
    const creds = { c1: { community: "public" } };
    const result: SoakResult = {
        polls: 0,
        redeploys: 0,
        devicePolls: 0,
        failed: [],
        udp: {},
        packageSockets: { peak: 0, after: 0 },
        activeResources: { before: [], after: [] },
        timers: { before: 0, after: 0, leftBehind: [] },
        samples: [],
        heapGrowthMb: 0,
        rssGrowthMb: 0,
        ms: 0,
    };
    await helper.startServer();
    const census = timerCensus();
    try {
        // Warm up the runtime once (module loading, first allocations), then take the baseline.
        await helper.load(allNodes(), flow(0), creds);
        await helper.unload();
        await sleep(50);
        result.udp.before = udpSocketCount();
        result.activeResources.before = process.getActiveResourcesInfo().sort();
        const baselineTimers = new Set(census.live.keys());
        result.timers.before = baselineTimers.size;

        for (let round = 1; round <= o.redeploys; round++) {
            if (round === 1) await helper.load(allNodes(), flow(round), creds);
            else await helper.setFlows(flow(round), "full", creds);
            // The test helper's sinon spies record every send, status and log call with its
            // arguments for as long as a flow is loaded: forget them, they are not the nodes'.
            (helper as unknown as { _sandbox?: { resetHistory(): void } })._sandbox?.resetHistory();
            result.redeploys = round;
            const seen: NodeMessage[] = [];
            helper.getNode("out")?.on("input", (m: NodeMessage) => seen.push(m));
            const finished = { p1: 0, a1: 0 };
            for (const id of ["p1", "a1"] as const) {
                const n = helper.getNode(id) as unknown as { status(s: NodeStatus): void };
                const original = n.status.bind(n);
                n.status = (s: NodeStatus) => {
                    if (s.fill !== undefined && s.fill !== "blue" && s.fill !== "grey") finished[id]++;
                    original(s);
                };
            }
            for (let poll = 1; poll <= o.pollsPerDeploy; poll++) {
                helper.getNode("p1")?.receive({ payload: poll });
                helper.getNode("a1")?.receive({ payload: poll });
                const end = Date.now() + 30_000;
                while (finished.p1 < poll || finished.a1 < poll) {
                    if (Date.now() > end) throw new Error(`round ${round}, poll ${poll} did not finish`);
                    await sleep(1);
                }
                result.polls++;
                result.packageSockets.peak = Math.max(result.packageSockets.peak, openSocketCount());
                const udp = udpSocketCount();
                if (udp !== undefined) result.udp.peak = Math.max(result.udp.peak ?? 0, udp);
            }
            for (const m of seen as (NodeMessage & {
                payload: { reachable: boolean; error?: { message: string } };
            })[]) {
                result.devicePolls++;
                if (!m.payload.reachable)
                    result.failed.push(`round ${round}, ${String(m.topic)}: ${m.payload.error?.message}`);
            }
            if (
                round === 1 ||
                round % Math.max(1, Math.floor(o.redeploys / 20)) === 0 ||
                round === o.redeploys
            ) {
                const s = sample(result.polls);
                result.samples.push(s);
                o.onProgress?.(round, s);
            }
        }
        await helper.unload();
        await sleep(100);
        // Let the timer that woke us up be destroyed before counting.
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        result.udp.after = udpSocketCount();
        result.packageSockets.after = openSocketCount();
        result.activeResources.after = process.getActiveResourcesInfo().sort();
        const left = Array.from(census.live).filter(([id]) => !baselineTimers.has(id));
        result.timers.after = census.live.size;
        result.timers.leftBehind = left.slice(0, 10).map(([, stack]) => stack);
        result.timers.after = baselineTimers.size + left.length;
        // Growth while polling: from the sample after the first tenth of the run (warm caches,
        // JIT) to the last one before the final unload.
        const last = result.samples[result.samples.length - 1];
        const warm = result.samples[Math.min(result.samples.length - 1, 2)];
        if (last !== undefined && warm !== undefined) {
            result.heapGrowthMb = last.heapMb - warm.heapMb;
            result.rssGrowthMb = last.rssMb - warm.rssMb;
        }
        result.afterUnload = sample(result.polls);
    } finally {
        census.stop();
        await helper.stopServer();
        await sim.stop();
    }
    result.ms = performance.now() - started;
    return result;
}

/**
 * The resources in `after` that `before` did not hold, kind for kind (one busy at the start,
 * such as a file read, may well be gone by the end: that is no leak).
 */
export function resourcesAdded(before: string[], after: string[]): string[] {
    const left = [...before];
    return after.filter((kind) => {
        const i = left.indexOf(kind);
        if (i < 0) return true;
        left.splice(i, 1);
        return false;
    });
}
