/**
 * `npm run bench`: figures, no assertions. The simulator runs in a child process so the numbers
 * are the client's own.
 *
 * Foundation section (the access layer):
 *  - per fixture: round trips, bytes and wall time per poll of the fixture's tables, our way
 *    (one query plan, GETBULK across all columns) next to node-red-node-snmp's way (a new session
 *    and one subtree walk per table, max-repetitions 20), with the ratios;
 * Further sections come from tools/bench/<name>.js: fleet (100 and 1,000 printers polled inside
 * Node-RED, first and steady-state polls at 0, 20 and 100 ms, next to node-red-node-snmp's real
 * nodes), printer, access point, forecast, durable, scale, discover.
 *
 * Options: --quick (the fleet section: 100 printers only), --only=<section>.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { performance } from "node:perf_hooks";
import { runQuery, type QueryPlan } from "../../nodes/lib/snmp/query";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { walkTables, type Traffic } from "./baseline";
import { startSimProcess } from "./sim-process";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures");
const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith("--only="))?.slice(7);

/** The tables each kind of fixture is polled for (entry OIDs; the system group as scalars). */
const TABLES: Record<string, string[]> = {
    printers: [
        "1.3.6.1.2.1.25.3.2.1", // hrDeviceEntry
        "1.3.6.1.2.1.25.3.5.1", // hrPrinterEntry
        "1.3.6.1.2.1.43.5.1.1", // prtGeneralEntry
        "1.3.6.1.2.1.43.8.2.1", // prtInputEntry
        "1.3.6.1.2.1.43.9.2.1", // prtOutputEntry
        "1.3.6.1.2.1.43.10.2.1", // prtMarkerEntry
        "1.3.6.1.2.1.43.11.1.1", // prtMarkerSuppliesEntry
        "1.3.6.1.2.1.43.12.1.1", // prtMarkerColorantEntry
        "1.3.6.1.2.1.43.18.1.1", // prtAlertEntry
    ],
    "unifi-ap": ["1.3.6.1.4.1.41112.1.6.1.1.1", "1.3.6.1.4.1.41112.1.6.1.2.1"],
    "mikrotik-router": ["1.3.6.1.2.1.31.1.1.1", "1.3.6.1.4.1.14988.1.1.1.3.1", "1.3.6.1.4.1.14988.1.1.1.2.1"],
    "cisco-wlc": [
        "1.3.6.1.4.1.14179.2.1.1.1",
        "1.3.6.1.4.1.14179.2.1.4.1",
        "1.3.6.1.4.1.14179.2.1.6.1",
        "1.3.6.1.4.1.14179.2.2.1.1",
        "1.3.6.1.4.1.14179.2.2.2.1",
    ],
};
const SYSTEM_SCALARS = [1, 2, 3, 4, 5, 6].map((n) => `1.3.6.1.2.1.1.${n}.0`);

interface Fixture {
    name: string;
    file: string;
    tables: string[];
    plan: QueryPlan;
}

/** The columns of `tables` that the fixture holds: the plan our access layer runs. */
function fixtureJob(file: string, tables: string[]): QueryPlan {
    const columns = new Set<string>();
    for (const line of readFileSync(file, "utf8").split("\n")) {
        const oid = line.split("|")[0]?.replace(/^\./, "") ?? "";
        for (const t of tables) {
            if (oid.startsWith(`${t}.`)) columns.add(`${t}.${oid.slice(t.length + 1).split(".")[0]}`);
        }
    }
    return { scalars: SYSTEM_SCALARS, columns: [...columns] };
}

function fixtures(): Fixture[] {
    const out: Fixture[] = [];
    for (const kind of ["printers", "wireless"]) {
        const dir = join(FIXTURES, kind);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir)
            .filter((x) => x.endsWith(".snmprec") && !x.includes("@"))
            .sort()) {
            const name = basename(f, ".snmprec");
            const tables = kind === "printers" ? TABLES.printers : TABLES[name];
            if (tables === undefined) continue;
            const file = join(dir, f);
            out.push({ name, file, tables, plan: fixtureJob(file, tables) });
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Formatting

function table(headers: string[], rows: (string | number)[][]): void {
    const cells = rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)));
    const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
    const line = (r: string[]): string =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
    console.log(line(headers));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of cells) console.log(line(r));
    console.log("");
}

function fmt(n: number): string {
    if (!Number.isFinite(n)) return "-";
    if (Math.abs(n) >= 100) return Math.round(n).toLocaleString("en-US");
    if (Math.abs(n) >= 10) return n.toFixed(1);
    return n.toFixed(2);
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)] ?? NaN;
}

// ---------------------------------------------------------------------------------------------
// Sections

async function perFixture(): Promise<void> {
    const list = fixtures();
    console.log("## Access layer: one poll of each fixture's tables\n");
    console.log(
        "ours: one query plan, GETBULK over every column at once (max-repetitions 25), session kept;",
    );
    console.log(
        "node-red-node-snmp: a new session per poll, one subtree walk per table, max-repetitions 20.",
    );
    console.log("Agent maximum message size: 1472 bytes (the simulator's default). Median of 20 polls.\n");
    const sim = await startSimProcess({ devices: list.map((f) => ({ name: f.name, file: f.file })) });
    const rows: (string | number)[][] = [];
    try {
        for (const f of list) {
            const ep = sim.endpoints[f.name];
            if (ep === undefined) continue;
            const settings = normalizeSettings({
                port: ep.port,
                community: ep.community,
                maxRepetitions: 25,
            });
            const session = await SnmpSession.open(ep.host, settings);
            const ours = { requests: 0, bytesIn: 0, bytesOut: 0, ms: [] as number[] };
            for (let i = 0; i < 20; i++) {
                const before = { ...session.counters };
                const t = performance.now();
                const r = await runQuery(session, f.plan, { maxRepetitions: settings.maxRepetitions });
                ours.ms.push(performance.now() - t);
                if (i === 0) {
                    ours.requests = r.requests;
                    ours.bytesIn = session.counters.bytesIn - before.bytesIn;
                    ours.bytesOut = session.counters.bytesOut - before.bytesOut;
                }
            }
            session.close();
            const base: Traffic = { requests: 0, bytesIn: 0, bytesOut: 0 };
            const baseMs: number[] = [];
            for (let i = 0; i < 20; i++) {
                const traffic: Traffic = { requests: 0, bytesIn: 0, bytesOut: 0 };
                const t = performance.now();
                await walkTables(ep.host, ep.port, ep.community, ["1.3.6.1.2.1.1", ...f.tables], traffic);
                baseMs.push(performance.now() - t);
                if (i === 0) Object.assign(base, traffic);
            }
            const lowerBound = Math.ceil(ours.bytesIn / 1472);
            rows.push([
                f.name,
                ours.requests,
                lowerBound,
                base.requests,
                base.requests / ours.requests,
                (ours.bytesIn + ours.bytesOut) / 1024,
                (base.bytesIn + base.bytesOut) / 1024,
                median(ours.ms),
                median(baseMs),
            ]);
        }
    } finally {
        await sim.stop();
    }
    table(
        [
            "fixture",
            "round trips",
            "lower bound",
            "nr-snmp trips",
            "ratio",
            "KiB",
            "nr-snmp KiB",
            "ms",
            "nr-snmp ms",
        ],
        rows,
    );
}

const SECTIONS: { name: string; run: () => Promise<void> }[] = [{ name: "access", run: perFixture }];

/** Sections other modules add: tools/bench/<name>.js exporting run(). */
for (const name of ["fleet", "printer", "ap", "forecast", "durable", "scale", "discover"]) {
    SECTIONS.push({
        name,
        run: async () => {
            const file = join(__dirname, `${name}.js`);
            if (!existsSync(file)) {
                console.log(`(no ${name} section yet)\n`);
                return;
            }
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const mod = require(file) as { run?: () => Promise<void> };
            if (mod.run) await mod.run();
        },
    });
}

async function main(): Promise<void> {
    console.log(
        `# node-red-contrib-snmp-office benchmark (Node ${process.version}, ${new Date().toISOString()})\n`,
    );
    for (const section of SECTIONS) {
        if (only !== undefined && section.name !== only) continue;
        await section.run();
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
});
