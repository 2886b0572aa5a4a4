/**
 * Access point section of the benchmark: one poll of a generated Cisco AireOS controller (500
 * APs, 5,000 clients) by the ap-clients profile, next to node-red-node-snmp's way (one net-snmp
 * walk per table, max-repetitions 20, tools/bench/baseline.ts), against the simulator running in
 * a child process (tools/bench/sim-process.ts) so the figures are the client's own.
 *
 * Per run: round trips, bytes both ways, wall time and the peak heap growth of this process
 * during the poll (sampled; run with --expose-gc for a clean baseline). Two agent message limits:
 * 1,472 bytes (one Ethernet frame: the simulator's default and a common agent limit) and 65,000
 * bytes (agents that accept large UDP responses, as net-snmp's snmpd does); several
 * maxRepetitions.
 *
 * Run alone: `npm run build && node tools/bench/ap.js`, or within `npm run bench`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { planFor } from "../../nodes/lib/ap/engine";
import { pollAp, type ApPoll } from "../../nodes/lib/ap/poll-ap";
import { profileById } from "../../nodes/lib/ap/profiles";
import { ApClients } from "../../nodes/lib/ap/service";
import type { ApProfile } from "../../nodes/lib/ap/types";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { ciscoController, readBy, type ControllerFixture } from "./ap-fixture";
import { walkTables, type Traffic } from "./baseline";
import { startSimProcess, type SimProcess } from "./sim-process";

export interface ApBenchRow {
    method: string;
    msgSize: number;
    maxRepetitions: number;
    requests: number;
    bytesOut: number;
    bytesIn: number;
    ms: number;
    heapMB: number;
    result: string;
}

type Endpoint = SimProcess["endpoints"][string];

function heapNow(): number {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
}

/** Run `fn`, sampling the heap meanwhile; returns its result, the time and the peak heap growth. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; heapMB: number }> {
    const h0 = heapNow();
    let peak = h0;
    const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 2);
    const t0 = performance.now();
    try {
        const value = await fn();
        const ms = performance.now() - t0;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
        return { value, ms, heapMB: (peak - h0) / 1e6 };
    } finally {
        clearInterval(sampler);
    }
}

async function ours(
    ep: Endpoint,
    vendor: string,
    maxRepetitions: number,
): Promise<Omit<ApBenchRow, "method" | "msgSize">> {
    const settings = normalizeSettings({
        community: ep.community,
        port: ep.port,
        timeout: 5000,
        retries: 0,
        maxRepetitions,
    });
    const session = await SnmpSession.open(ep.host, settings);
    try {
        const run = await measured((): Promise<ApPoll> =>
            pollAp(
                session,
                { host: ep.host, port: ep.port },
                {
                    vendor,
                    maxRepetitions,
                    maxRows: 100_000,
                    now: () => new Date(),
                },
            ),
        );
        const r = run.value.reading;
        return {
            maxRepetitions,
            requests: run.value.requests,
            bytesOut: session.counters.bytesOut,
            bytesIn: session.counters.bytesIn,
            ms: run.ms,
            heapMB: run.heapMB,
            result: `${r.totals.clients} clients, ${r.totals.aps} APs`,
        };
    } finally {
        session.close();
    }
}

async function walks(
    ep: Endpoint,
    fixture: ControllerFixture,
): Promise<Omit<ApBenchRow, "method" | "msgSize">> {
    const traffic: Traffic = { requests: 0, bytesOut: 0, bytesIn: 0 };
    const run = await measured(() => walkTables(ep.host, ep.port, ep.community, fixture.tables, traffic));
    return {
        maxRepetitions: 20,
        ...traffic,
        ms: run.ms,
        heapMB: run.heapMB,
        result: `${run.value} varbinds`,
    };
}

async function runBench(
    options: { aps?: number; clients?: number; reps?: number[] } = {},
): Promise<ApBenchRow[]> {
    const fixture = ciscoController({ aps: options.aps, clients: options.clients });
    const dir = mkdtempSync(join(tmpdir(), "ap-bench-"));
    const file = join(dir, "wlc.snmprec");
    writeFileSync(file, fixture.records);
    const rows: ApBenchRow[] = [];
    try {
        for (const msgSize of [1472, 65_000]) {
            const sim = await startSimProcess({ devices: [{ name: "wlc", file }], maxMsgSize: msgSize });
            try {
                const ep = sim.endpoints.wlc;
                if (ep === undefined) throw new Error("the simulator did not serve the controller");
                rows.push({
                    method: "table walks (node-red-node-snmp)",
                    msgSize,
                    ...(await walks(ep, fixture)),
                });
                rows.push({ method: "ap-clients, auto-detect", msgSize, ...(await ours(ep, "auto", 25)) });
                for (const reps of options.reps ?? [10, 25, 50, 100]) {
                    rows.push({
                        method: "ap-clients, profile known",
                        msgSize,
                        ...(await ours(ep, "cisco-aireos", reps)),
                    });
                }
            } finally {
                await sim.stop();
            }
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return rows;
}

function format(rows: ApBenchRow[]): string {
    const head = [
        "method",
        "msg size",
        "max rep",
        "round trips",
        "bytes out",
        "bytes in",
        "ms",
        "peak heap MB",
        "result",
    ];
    const body = rows.map((r) => [
        r.method,
        String(r.msgSize),
        String(r.maxRepetitions),
        String(r.requests),
        String(r.bytesOut),
        String(r.bytesIn),
        r.ms.toFixed(0),
        r.heapMB.toFixed(1),
        r.result,
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
    const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
    return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export interface LoopRow {
    clients: number;
    /** `one piece` (sliceMs Infinity: the decode as it was) or `slices` (the default). */
    mode: string;
    /** Longest event-loop block during the poll, ms (monitorEventLoopDelay max). */
    maxMs: number;
    /**
     * Most CPU time this process used between two ticks of a 1 ms timer, ms: the work of the
     * longest block without the time the machine gave to other processes (a busy machine
     * stretches a 5 ms slice to 50 ms of wall time; garbage collection is in both).
     */
    maxCpuMs: number;
    p99Ms: number;
    pollMs: number;
    result: string;
}

/** Figures measured before the decode was sliced (monitorEventLoopDelay max, this bench). */
const BEFORE: Record<number, string> = {
    5000: "160 ms (issue 13), 105 ms (2026-12-06)",
    20_000: "750 ms (issue 13), 178-320 ms (2026-12-06)",
    200_000: "3 s (issue 16)",
};

/** Wait for a timer: a block that ends the measured work is then in the histogram. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

/** Write a controller of `clients` clients (only the objects the profile reads) to `file`. */
function writeController(file: string, clients: number): void {
    const fixture = ciscoController({
        aps: Math.max(50, clients / 10),
        clients,
        only: readBy(planFor(profileById("cisco-aireos") as ApProfile)),
    });
    writeFileSync(file, fixture.records);
}

/**
 * How long the poll of a big controller holds this process's event loop: the largest delay
 * perf_hooks.monitorEventLoopDelay sees while an ap-clients node's service polls it and makes
 * its messages (the query, the decode with vendors, signal and load, the events against the
 * previous poll, output 2), the agent in a child process. Each size twice: decoded in one piece
 * (sliceMs Infinity, as before slices.ts) and in slices (the default). Target: no block above
 * 30 ms.
 */
export async function loopBench(sizes: readonly number[] = [5000, 20_000, 200_000]): Promise<LoopRow[]> {
    const rows: LoopRow[] = [];
    for (const clients of sizes) {
        const dir = mkdtempSync(join(tmpdir(), "ap-loop-"));
        const file = join(dir, "wlc.snmprec");
        writeController(file, clients);
        (globalThis as { gc?: () => void }).gc?.();
        const sim = await startSimProcess({ devices: [{ name: "wlc", file }], maxMsgSize: 65_000 });
        try {
            const ep = sim.endpoints.wlc;
            if (ep === undefined) throw new Error("the simulator did not serve the controller");
            const settings = normalizeSettings({
                community: ep.community,
                port: ep.port,
                timeout: 10_000,
                retries: 0,
            });
            const device = { host: ep.host, port: ep.port };
            for (const [mode, sliceMs] of [
                ["one piece", Infinity],
                ["slices", undefined],
            ] as const) {
                const service = new ApClients({
                    vendor: "cisco-aireos",
                    perClientSignal: false,
                    query: () => ({ maxRepetitions: 50, maxRows: 250_000, port: ep.port }),
                    sliceMs,
                });
                const session = await SnmpSession.open(ep.host, settings);
                try {
                    const poll = async (): Promise<string> => {
                        const value = await service.poll(device, session);
                        const [, metrics, events] = service.messages(device, { ok: true, value }, {});
                        const r = value.reading;
                        return (
                            `${r.totals.clients} clients, ${r.totals.aps} APs, ` +
                            `${metrics?.length ?? 0} numbers, ${events?.length ?? 0} events`
                        );
                    };
                    await poll(); // warm-up (JIT, sockets, OUI registry) and the events' baseline
                    (globalThis as { gc?: () => void }).gc?.();
                    const h = monitorEventLoopDelay({ resolution: 1 });
                    h.enable();
                    let maxCpuMs = 0;
                    let cpu = process.cpuUsage();
                    const probe = setInterval(() => {
                        const used = process.cpuUsage(cpu);
                        maxCpuMs = Math.max(maxCpuMs, (used.user + used.system) / 1000);
                        cpu = process.cpuUsage();
                    }, 1);
                    const t0 = performance.now();
                    const result = await poll();
                    const pollMs = performance.now() - t0;
                    await settle();
                    clearInterval(probe);
                    h.disable();
                    rows.push({
                        clients,
                        mode,
                        maxMs: h.max / 1e6,
                        maxCpuMs,
                        p99Ms: h.percentile(99) / 1e6,
                        pollMs,
                        result,
                    });
                } finally {
                    session.close();
                }
            }
        } finally {
            await sim.stop();
            rmSync(dir, { recursive: true, force: true });
        }
    }
    return rows;
}

/** The event-loop section: a line per size and mode, then one summary line per size. */
export async function loopSection(sizes?: readonly number[]): Promise<void> {
    console.log("## ap-clients: event loop while a big controller is polled and decoded\n");
    console.log(
        "monitorEventLoopDelay (1 ms resolution) over one poll and its messages (vendors, signal, load, " +
            "events, output 2);\nthe controller in a child process; target: no block above 30 ms. On a busy " +
            "machine (load average above\nthe cores) wall-clock blocks stretch: the CPU figure is the work itself.\n",
    );
    const rows = await loopBench(sizes);
    for (const r of rows) {
        console.log(
            `${r.clients.toLocaleString("en")} clients, ${r.mode.padEnd(9)}: longest block ` +
                `${r.maxMs.toFixed(1)} ms (most CPU in a block ${r.maxCpuMs.toFixed(1)} ms), p99 ${r.p99Ms.toFixed(1)} ms, ` +
                `poll ${r.pollMs.toFixed(0)} ms (${r.result})`,
        );
    }
    console.log("");
    for (const clients of new Set(rows.map((r) => r.clients))) {
        const before = rows.find((r) => r.clients === clients && r.mode === "one piece");
        const now = rows.find((r) => r.clients === clients && r.mode === "slices");
        if (before === undefined || now === undefined) continue;
        console.log(
            `${clients.toLocaleString("en")} clients: longest block ${before.maxMs.toFixed(0)} ms in one piece -> ` +
                `${now.maxMs.toFixed(1)} ms in slices, ${now.maxCpuMs.toFixed(1)} ms of CPU ` +
                `(target 30 ms: ${now.maxMs <= 30 ? "met" : "NOT met"}, load average ${loadavg()[0]?.toFixed(1)}; ` +
                `before slices: ${BEFORE[clients] ?? "-"})`,
        );
    }
    console.log("");
}

export async function run(): Promise<void> {
    await loopSection();
    console.log("## ap-clients: Cisco AireOS controller, 500 APs, 5,000 clients (generated)\n");
    const rows = await runBench();
    console.log(format(rows));
    for (const size of [1472, 65_000]) {
        const walk = rows.find((r) => r.msgSize === size && r.method.startsWith("table"));
        const best = rows
            .filter((r) => r.msgSize === size && r.method.endsWith("known"))
            .sort((a, b) => a.requests - b.requests || a.ms - b.ms)[0];
        if (walk && best) {
            console.log(
                `msg size ${size}: ${walk.requests} -> ${best.requests} round trips (maxRepetitions ${best.maxRepetitions}), ` +
                    `${(walk.bytesIn / 1e6).toFixed(1)} -> ${(best.bytesIn / 1e6).toFixed(1)} MB received`,
            );
        }
    }
    console.log("");
}

if (require.main === module) {
    // `node tools/bench/ap.js --loop [sizes...]`: the event-loop section alone.
    const args = process.argv.slice(2);
    const sizes = args.filter((a) => /^\d+$/.test(a)).map(Number);
    (args.includes("--loop") ? loopSection(sizes.length > 0 ? sizes : undefined) : run()).catch(
        (err: unknown) => {
            console.error(err);
            process.exitCode = 1;
        },
    );
}
