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
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pollAp, type ApPoll } from "../../nodes/lib/ap/poll-ap";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { ciscoController, type ControllerFixture } from "./ap-fixture";
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

export async function run(): Promise<void> {
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
    run().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
