/**
 * Access point benchmark: one poll of a generated Cisco AireOS controller (500 APs, 5,000
 * clients) by the ap-clients profile, next to the node-red-node-snmp way (one net-snmp `table`
 * walk per table, 20 repetitions), against the simulator on loopback.
 *
 * Measured per run: round trips (requests the agent received), bytes both ways, wall time and the
 * peak heap growth during the poll (sampled; run with --expose-gc for a clean baseline). Two agent message limits: 1472 bytes (one Ethernet frame, the
 * simulator's default and a common agent limit) and 65,000 bytes (agents that accept large UDP
 * responses, as net-snmp's snmpd does); and several maxRepetitions.
 *
 * Run alone: `npm run build && node tools/bench/ap.js`. net-snmp is imported here only for the
 * comparison baseline.
 */
import { performance } from "node:perf_hooks";
import snmp from "net-snmp";
import { startSimulator, type Simulator } from "../sim";
import { pollAp, type ApPoll } from "../../nodes/lib/ap/poll";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { ciscoController, type ControllerFixture } from "./ap-fixture";

const DEVICE = "wlc";

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

function heap(): number {
    const g = globalThis as { gc?: () => void };
    g.gc?.();
    return process.memoryUsage().heapUsed;
}

async function measure(
    sim: Simulator,
    fn: () => Promise<string>,
): Promise<Omit<ApBenchRow, "method" | "msgSize" | "maxRepetitions">> {
    const before = sim.deviceCounters(DEVICE);
    const h0 = heap();
    // Peak heap growth while the poll runs, sampled (the simulator runs in this process too: its
    // share is the same for every method).
    let peak = h0;
    const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 2);
    const t0 = performance.now();
    let result: string;
    try {
        result = await fn();
    } finally {
        clearInterval(sampler);
    }
    const ms = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    const heapMB = (peak - h0) / 1e6;
    const after = sim.deviceCounters(DEVICE);
    return {
        requests: after.requests - before.requests,
        bytesOut: after.bytesIn - before.bytesIn, // what the poller sent
        bytesIn: after.bytesOut - before.bytesOut, // what the agent answered
        ms,
        heapMB,
        result,
    };
}

async function pollOnce(sim: Simulator, vendor: string, maxRepetitions: number): Promise<ApPoll> {
    const ep = sim.endpoint(DEVICE);
    const settings = normalizeSettings({
        community: ep.community,
        port: ep.port,
        timeout: 5000,
        retries: 0,
        maxRepetitions,
    });
    const session = await SnmpSession.open(ep.host, settings);
    try {
        return await pollAp(
            session,
            { host: ep.host, port: ep.port },
            {
                vendor,
                maxRepetitions,
                maxRows: 100_000,
                now: () => new Date(),
            },
        );
    } finally {
        session.close();
    }
}

/** One net-snmp `table` walk per table the profile reads, as node-red-node-snmp's table node does. */
async function walkTables(sim: Simulator, fixture: ControllerFixture): Promise<string> {
    const ep = sim.endpoint(DEVICE);
    const session = snmp.createSession(ep.host, ep.community, {
        port: ep.port,
        version: snmp.Version2c,
        timeout: 5000,
        retries: 0,
    });
    session.on("error", () => undefined);
    let rows = 0;
    try {
        for (const entry of fixture.tables) {
            const table = entry.replace(/\.1$/, "");
            rows += await new Promise<number>((resolve, reject) => {
                session.table(table, 20, (err, t) => {
                    if (err) reject(err instanceof Error ? err : new Error(String(err)));
                    else resolve(Object.keys(t ?? {}).length);
                });
            });
        }
    } finally {
        session.close();
    }
    return `${rows} rows`;
}

function describe(p: ApPoll): string {
    return `${p.reading.totals.clients} clients, ${p.reading.totals.aps} APs`;
}

export async function runBench(
    options: { aps?: number; clients?: number; reps?: number[] } = {},
): Promise<ApBenchRow[]> {
    const fixture = ciscoController({ aps: options.aps, clients: options.clients });
    const rows: ApBenchRow[] = [];
    for (const msgSize of [1472, 65_000]) {
        const sim = await startSimulator({
            devices: [{ name: DEVICE, records: fixture.records, port: 0, dynamics: false }],
            maxMsgSize: msgSize,
        });
        try {
            const walk = await measure(sim, () => walkTables(sim, fixture));
            rows.push({ method: "table walks (net-snmp)", msgSize, maxRepetitions: 20, ...walk });
            const auto = await measure(sim, async () => describe(await pollOnce(sim, "auto", 25)));
            rows.push({ method: "ap-clients, auto-detect", msgSize, maxRepetitions: 25, ...auto });
            for (const reps of options.reps ?? [10, 25, 50, 100]) {
                const m = await measure(sim, async () => describe(await pollOnce(sim, "cisco-aireos", reps)));
                rows.push({ method: "ap-clients, profile known", msgSize, maxRepetitions: reps, ...m });
            }
        } finally {
            await sim.stop();
        }
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
    console.log("ap-clients: Cisco AireOS controller, 500 APs, 5,000 clients (generated)");
    const rows = await runBench();
    console.log(format(rows));
    for (const size of [1472, 65_000]) {
        const walk = rows.find((r) => r.msgSize === size && r.method.startsWith("table"));
        const best = rows
            .filter((r) => r.msgSize === size && r.method.endsWith("known"))
            .sort((a, b) => a.requests - b.requests)[0];
        if (walk && best) {
            console.log(
                `msg size ${size}: ${walk.requests} -> ${best.requests} round trips (maxRepetitions ${best.maxRepetitions}), ` +
                    `${(walk.bytesIn / 1e6).toFixed(1)} -> ${(best.bytesIn / 1e6).toFixed(1)} MB received`,
            );
        }
    }
}

if (require.main === module) {
    run().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
