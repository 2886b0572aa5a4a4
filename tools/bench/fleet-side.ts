/**
 * One side of the fleet benchmark (tools/bench/fleet.ts) in a Node-RED of its own: this child
 * process runs either our `printer-supplies` node or node-red-node-snmp's nodes, never both, so
 * that neither side's garbage is collected, nor its heap grown, during the other side's poll (a
 * Node-RED runs one of them, not both in one heap). The parent reads the simulator's counters
 * around each poll; the figures measured inside Node-RED are measured here.
 *
 * Messages from the parent: `{ load }` (a fresh deploy of this side's flow), `{ poll }` (poll
 * every printer once, measured or not), `"stop"`. Each is answered with one message.
 */
import { readFileSync } from "node:fs";
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from "node:perf_hooks";
import type { TestHelper } from "../../test/helpers/nodered";
import { WALKED_TABLES } from "./printer";

export type SideName = "ours" | "node-red-node-snmp";

export type SideRequest =
    | { load: { side: SideName; endpoints: { host: string; port: number }[] } }
    /** `measure`: "probes" (stall, GC, RSS as well), "cpu" (CPU and time only), or not at all. */
    | { poll: { measure: "probes" | "cpu" | false } }
    | "stop";

/** What one poll took, measured in this process. */
export interface SideFigures {
    /** Printers read. */
    ok: number;
    wallMs: number;
    /** CPU of this process during the poll (user + system). */
    cpuMs: number;
    /** The most RSS grew during the poll. */
    rssGrowth: number;
    /** perf_hooks.monitorEventLoopDelay's maximum. */
    stallMs: number;
    /**
     * In the longest gap between two runs of a 5 ms timer (the longest stall, give or take the
     * timer's interval), how long this process's main thread was ready to run but waited for a
     * CPU (Linux's schedstat; NaN where there is none). The rest of the stall ran on a CPU.
     */
    stallWaitMs: number;
    /** The longest garbage collection pause during the poll (perf_hooks "gc" entries). */
    gcMaxMs: number;
    /** What that pause was: "scavenge", "mark-compact", "incremental", "weak callbacks" ("" for none). */
    gcMaxKind: string;
}

/** perf_hooks' names of the kinds of collection (NODE_PERFORMANCE_GC_*). */
const GC_KINDS: Record<number, string> = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
    [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

export type SideReply = { loaded: true } | { polled: SideFigures; crashes: number } | { error: string };

/** What node-red-node-snmp reads to learn what ours does: the system group and these tables. */
export const SYSTEM_OIDS = [1, 2, 3, 5, 6].map((n) => `1.3.6.1.2.1.1.${n}.0`);
export const TABLES = WALKED_TABLES.filter((oid) => oid !== "1.3.6.1.2.1.1");
/** node-red-node-snmp nodes each printer goes through (the get node and one per table). */
const PARTS = 1 + TABLES.length;
/** How long a node-red-node-snmp poll may wait for requests that never call back. */
const LOST_MS = 120_000;

type Helper = Pick<TestHelper, "init" | "load" | "unload"> & {
    getNode(id: string): {
        receive(msg: Record<string, unknown>): void;
        on(event: "input", fn: (msg: Record<string, unknown>) => void): void;
    } | null;
};

/** The flow of one side, and where its messages end. */
function flow(side: SideName, endpoints: { host: string; port: number }[]): unknown[] {
    if (side === "ours") {
        const devices = endpoints.map((e, i) => `${e.host}:${e.port} p${i + 1}`).join("\n");
        return [
            { id: "snmp", type: "snmp-credentials", version: "2c", timeout: "5000", retries: "1" },
            { id: "ours", type: "printer-supplies", snmp: "snmp", devices, wires: [["ours-out"], []] },
            { id: "ours-out", type: "helper" },
        ];
    }
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

/** Deploy one side's flow afresh; returns its poll (resolves with how many printers were read). */
async function load(
    helper: Helper,
    side: SideName,
    endpoints: { host: string; port: number }[],
): Promise<() => Promise<number>> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const nodes =
        side === "ours"
            ? [require("../../nodes/snmp-credentials"), require("../../nodes/printer-supplies")]
            : [
                  require("node-red-node-snmp/snmp.js"),
                  require("@node-red/nodes/core/function/10-function.js"),
                  require("@node-red/nodes/core/common/25-catch.js"),
              ];
    /* eslint-enable @typescript-eslint/no-require-imports */
    const items = flow(side, endpoints);
    await helper.unload();
    await helper.load(nodes, items, side === "ours" ? { snmp: { community: "public" } } : {});
    // The test helper spies on every send, status and log call of every node (recording its
    // arguments, and an event per call): that is the helper's, not Node-RED's cost. Put the
    // runtime's own methods back.
    (helper as { _sandbox?: { restore(): void } })._sandbox?.restore();
    // Node-RED copies `send` onto each node when it is wired (updateWires), so those copies are
    // still the helper's spies: let every node take the runtime's own again.
    for (const item of items as { id: string }[]) {
        const loaded = helper.getNode(item.id) as { wires?: unknown; updateWires?(w: unknown): void } | null;
        loaded?.updateWires?.(loaded.wires);
    }
    const n = endpoints.length;
    const node = (id: string) => {
        const found = helper.getNode(id);
        if (found === null) throw new Error(`node ${id} not loaded`);
        return found;
    };

    if (side === "ours") {
        // One message per printer on output 1 (a reading, or the error payload).
        let waiting: { got: number; ok: number; done: () => void } | undefined;
        node("ours-out").on("input", (msg) => {
            const w = waiting;
            if (w === undefined) return;
            w.got++;
            if ((msg.payload as { reachable?: boolean } | undefined)?.reachable !== false) w.ok++;
            if (w.got === n) w.done();
        });
        return () =>
            new Promise<number>((resolve) => {
                const w = { got: 0, ok: 0, done: () => resolve(w.ok) };
                waiting = w;
                node("ours").receive({ payload: Date.now() });
            });
    }

    // node-red-node-snmp: a printer is done when each of its nodes answered or failed.
    let waiting: { seen: Set<string>; failed: Set<string>; done: () => void } | undefined;
    const settle = (host: string, source: string, failed: boolean): void => {
        const w = waiting;
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
    return () =>
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
            waiting = w;
            node("nr-split").receive({ hosts });
        });
}

/**
 * One poll, its CPU and time only: the probes of {@link measure} cost CPU of their own (a timer
 * every millisecond and an RSS reading every 5 ms: about 4 ms in a 225 ms poll, idle or not),
 * which a 100-printer poll would otherwise count as 0.04 ms per printer.
 */
async function timed(poll: () => Promise<number>): Promise<SideFigures> {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const ok = await poll();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
        ok,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssGrowth: 0,
        stallMs: 0,
        stallWaitMs: NaN,
        gcMaxMs: 0,
        gcMaxKind: "",
    };
}

/** Main-thread schedstat of this process (Linux): run time, wait time, time slices. */
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * How long this process's main thread has waited, ready to run, for a CPU (ms): the second field
 * of its schedstat. NaN where there is none.
 */
function cpuWaitMs(): number {
    try {
        return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[1]) / 1e6;
    } catch {
        return NaN;
    }
}

/**
 * One poll, measured with probes. No forced garbage collection first: it shrinks V8's young
 * generation, and the poll after it pays for growing it again (about a third more CPU), which no
 * Node-RED does.
 */
async function measure(poll: () => Promise<number>): Promise<SideFigures> {
    const rss0 = process.memoryUsage.rss();
    let rssPeak = rss0;
    let lastTick = performance.now();
    let lastWait = cpuWaitMs();
    let gapMs = 0;
    let gapWaitMs = NaN;
    const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
        const now = performance.now();
        const wait = cpuWaitMs();
        if (now - lastTick > gapMs) {
            gapMs = now - lastTick;
            gapWaitMs = wait - lastWait;
        }
        lastTick = now;
        lastWait = wait;
    }, 5);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // What of the longest stall was the garbage collector's: the longest pause that began during
    // the poll (entries come in a coming turn, so the observer is read once the poll is over).
    let gcMaxMs = 0;
    let gcMaxKind = "";
    const take = (entries: readonly { startTime: number; duration: number; detail?: unknown }[]): void => {
        for (const e of entries) {
            if (e.startTime < t0 || e.duration <= gcMaxMs) continue;
            gcMaxMs = e.duration;
            const kind = (e.detail as { kind?: number } | undefined)?.kind ?? 0;
            gcMaxKind = GC_KINDS[kind] ?? `kind ${kind}`;
        }
    };
    const gc = new PerformanceObserver((list) => take(list.getEntries()));
    gc.observe({ entryTypes: ["gc"] });
    const ok = await poll();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    delay.disable();
    clearInterval(sampler);
    await new Promise((resolve) => setImmediate(resolve));
    take(gc.takeRecords());
    gc.disconnect();
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
    return {
        ok,
        wallMs,
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssGrowth: rssPeak - rss0,
        stallMs: delay.max / 1e6,
        stallWaitMs: gapWaitMs,
        gcMaxMs,
        gcMaxKind,
    };
}

function main(): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const helper = require("node-red-node-test-helper") as Helper;
    helper.init(require.resolve("node-red"));
    // net-snmp 1.2.4 (node-red-node-snmp 0.0.24's) emits 'error' on its session without a listener
    // when a datagram it cannot parse reaches its socket: count those rather than lose the run.
    let crashes = 0;
    process.on("uncaughtException", (err: Error) => {
        if (!/node-red-node-snmp/.test(err.stack ?? "")) throw err;
        crashes++;
    });
    let poll: (() => Promise<number>) | undefined;
    const reply = (msg: SideReply): void => {
        process.send?.(msg);
    };
    process.on("message", (msg: SideRequest) => {
        void (async () => {
            try {
                if (msg === "stop") {
                    await helper.unload();
                    process.exit(0);
                } else if ("load" in msg) {
                    poll = await load(helper, msg.load.side, msg.load.endpoints);
                    reply({ loaded: true });
                } else {
                    if (poll === undefined) throw new Error("poll before load");
                    if (msg.poll.measure === "probes") {
                        reply({ polled: await measure(poll), crashes });
                    } else if (msg.poll.measure === "cpu") {
                        reply({ polled: await timed(poll), crashes });
                    } else {
                        const ok = await poll();
                        reply({
                            polled: {
                                ok,
                                wallMs: 0,
                                cpuMs: 0,
                                rssGrowth: 0,
                                stallMs: 0,
                                stallWaitMs: NaN,
                                gcMaxMs: 0,
                                gcMaxKind: "",
                            },
                            crashes,
                        });
                    }
                }
            } catch (err) {
                reply({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
            }
        })();
    });
}

if (require.main === module) main();
