/**
 * Printer benchmark: round trips and bytes of one poll, per printer fixture and per recording,
 * next to the node-red-node-snmp way (one net-snmp subtree walk per table, 20 repetitions).
 *
 * For each printer it measures the first poll (discovery), the steady-state poll (static columns
 * cached) and the table walks, all against the simulator on loopback. The targets (issue 3):
 * steady-state round trips at most the lower bound + 1, where the lower bound is the response
 * bytes divided by the agent's maximum message size, rounded up; and at least 3x fewer round trips
 * than the table walks.
 *
 * Run alone: `npm run build && node tools/bench/printer.js`, or as the printer section of
 * `npm run bench`. The simulator runs in this process (it serves the HP printer's SNMPv3 context
 * and counts bytes per device); round trips and bytes do not depend on that, wall times do.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadDevices, startSimulator, type SimDevice, type Simulator } from "../sim";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { pollPrinter } from "../../nodes/lib/printer/poll-printer";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { walkTables } from "./baseline";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "printers");
const RECORDINGS = path.join(ROOT, "..", "shared", "recordings", "printers");
const MAX_MSG_SIZE = 1472;

/** The tables a table-walking flow reads to get the same information. */
const WALKED_TABLES = [
    "1.3.6.1.2.1.1", // system
    "1.3.6.1.2.1.25.3.2", // hrDeviceTable
    "1.3.6.1.2.1.25.3.5", // hrPrinterTable
    "1.3.6.1.2.1.43.5.1", // prtGeneralTable
    "1.3.6.1.2.1.43.7.1", // prtLocalizationTable
    "1.3.6.1.2.1.43.8.2", // prtInputTable
    "1.3.6.1.2.1.43.9.2", // prtOutputTable
    "1.3.6.1.2.1.43.10.2", // prtMarkerTable
    "1.3.6.1.2.1.43.11.1", // prtMarkerSuppliesTable
    "1.3.6.1.2.1.43.12.1", // prtMarkerColorantTable
    "1.3.6.1.2.1.43.18.1", // prtAlertTable
];

interface Measure {
    requests: number;
    bytes: number;
    ms: number;
}

export interface PrinterBenchRow {
    device: string;
    walk: Measure;
    first: Measure;
    steady: Measure;
    lowerBound: number;
    withinBound: boolean;
    ratio: number;
}

async function measure(sim: Simulator, name: string, fn: () => Promise<void>): Promise<Measure> {
    const before = sim.deviceCounters(name);
    const requests = before.requests;
    const bytes = before.bytesOut;
    const t0 = performance.now();
    await fn();
    const after = sim.deviceCounters(name);
    return { requests: after.requests - requests, bytes: after.bytesOut - bytes, ms: performance.now() - t0 };
}

async function benchOne(
    sim: Simulator,
    name: string,
    community: string,
): Promise<PrinterBenchRow | undefined> {
    const ep = sim.endpoint(name);
    const settings = normalizeSettings({ community, port: ep.port, timeout: 2000, retries: 0 });
    const session = await SnmpSession.open(ep.host, settings);
    const cache = new PrinterCache();
    const options = {
        lowLevel: 10,
        invertReceptacles: false,
        maxRepetitions: settings.maxRepetitions,
        maxRows: settings.maxRows,
        now: Date.now,
    };
    try {
        const key = `${ep.host}:${ep.port}`;
        const first = await measure(sim, name, async () => {
            await pollPrinter(session, key, cache, options);
        });
        const steady = await measure(sim, name, async () => {
            const r = await pollPrinter(session, key, cache, options);
            if (r.discovered) throw new Error(`${name}: the second poll was not a steady-state poll`);
        });
        const walk = await measure(sim, name, async () => {
            await walkTables(ep.host, ep.port, community, WALKED_TABLES, {
                requests: 0,
                bytesOut: 0,
                bytesIn: 0,
            });
        });
        const lowerBound = Math.max(1, Math.ceil(steady.bytes / MAX_MSG_SIZE));
        return {
            device: name,
            walk,
            first,
            steady,
            lowerBound,
            withinBound: steady.requests <= lowerBound + 1,
            ratio: walk.requests / Math.max(1, steady.requests),
        };
    } catch (err) {
        // Not a printer (a detection-only walk): nothing to measure.
        if (
            err instanceof Error &&
            /notPrinter|no Printer-MIB/.test(`${(err as { code?: string }).code} ${err.message}`)
        ) {
            return undefined;
        }
        throw err;
    } finally {
        session.close();
    }
}

function format(rows: PrinterBenchRow[]): string {
    const head = [
        "printer",
        "walk RT",
        "walk B",
        "first RT",
        "first B",
        "steady RT",
        "steady B",
        "bound",
        "<=bound+1",
        "walk/steady",
        "steady ms",
    ];
    const cells = rows.map((r) => [
        r.device,
        String(r.walk.requests),
        String(r.walk.bytes),
        String(r.first.requests),
        String(r.first.bytes),
        String(r.steady.requests),
        String(r.steady.bytes),
        String(r.lowerBound),
        r.withinBound ? "yes" : "NO",
        `${r.ratio.toFixed(1)}x${r.ratio >= 3 ? "" : " (<3x)"}`,
        r.steady.ms.toFixed(1),
    ]);
    const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
    const line = (c: string[]): string =>
        c.map((x, i) => (i === 0 ? x.padEnd(width[i] ?? 0) : x.padStart(width[i] ?? 0))).join("  ");
    return [line(head), ...cells.map(line)].join("\n");
}

/** Measure every printer fixture and recording. */
async function measurePrinters(): Promise<{ rows: PrinterBenchRow[]; recordings: boolean }> {
    const devices: SimDevice[] = loadDevices([FIXTURES], { dynamics: false });
    const recordings = existsSync(RECORDINGS) ? loadDevices([RECORDINGS], { dynamics: false }) : [];
    const sim = await startSimulator({ devices: [...devices, ...recordings], maxMsgSize: MAX_MSG_SIZE });
    const rows: PrinterBenchRow[] = [];
    try {
        for (const d of [...devices, ...recordings]) {
            // HP serves its printer data in the context "Jetdirect" (community "name@Jetdirect" over v2c).
            const community =
                d.contexts?.Jetdirect !== undefined ? `${d.name}@Jetdirect` : sim.endpoint(d.name).community;
            const row = await benchOne(sim, d.name, community);
            if (row !== undefined) rows.push(row);
        }
    } finally {
        await sim.stop();
    }
    return { rows, recordings: recordings.length > 0 };
}

/** The `npm run bench` section: prints the table. */
export async function run(): Promise<void> {
    const { rows, recordings } = await measurePrinters();
    const within = rows.filter((r) => r.withinBound).length;
    const faster = rows.filter((r) => r.ratio >= 3).length;
    console.log(
        "\nPrinter poll, round trips (RT) and response bytes (B) per printer; simulator maxMsgSize 1472",
    );
    console.log(
        "walk = one net-snmp subtree walk per table (20 repetitions); first = discovery; steady = cached static columns\n",
    );
    console.log(format(rows));
    console.log(
        `\n${within}/${rows.length} steady-state polls within lower bound + 1; ${faster}/${rows.length} at least 3x fewer round trips than the walks` +
            (recordings ? "" : " (recordings not found: fixtures only)"),
    );
}

if (require.main === module) {
    run().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
