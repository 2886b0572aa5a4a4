/**
 * The printer poll against every real printer walk in ../shared/recordings/printers, served by the
 * simulator, compared with the reference readings in ../shared/recordings/index.json (another
 * monitoring system's interpretation of the same walks, read in place).
 *
 * Every printer must poll without error and every reference supply and tray must be found. Where
 * a percentage differs by more than one point, the difference must be one the Printer-MIB
 * justifies (named below); anything else fails. Detection-only walks (no printer data) must give
 * notPrinter. The test prints a table of what it found.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { pollPrinter } from "../../nodes/lib/printer/poll-printer";
import type { PrinterReading } from "../../nodes/lib/printer/contract";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";

const RECORDINGS = path.join(__dirname, "..", "..", "..", "shared", "recordings");
const PRINTERS = path.join(RECORDINGS, "printers");

interface RefLevel {
    oid: string;
    capacity_oid?: string;
    descr: string;
    percent: number;
    raw: { level?: number; current_level?: number; max_capacity?: number; unit?: number };
}
interface IndexEntry {
    category: string;
    sysDescr?: string;
    reference?: { printer_supplies?: RefLevel[]; paper_trays?: RefLevel[] };
}

/** Differences the MIB justifies, by name. */
const JUSTIFIED = {
    someRemaining:
        "level -3 means 'some remaining' (RFC 3805): state someRemaining, percent null; the reference shows 50 %",
    unlimited: "level -1 means 'no restriction' (RFC 3805): state unlimited; the reference shows 0 %",
    unknownCapacity:
        "capacity -2/-1/0 is unknown, unlimited or undefined (RFC 3805): percent null; the reference assumes 100",
} as const;
type Reason = keyof typeof JUSTIFIED;

/** Why our percent may differ from the reference for this raw level and capacity. */
function justify(
    raw: RefLevel["raw"],
    ours: { percent: number | null; unit: string | null },
): Reason | undefined {
    const level = raw.level ?? raw.current_level;
    if (level === -3 && ours.percent === null) return "someRemaining";
    if (level === -1 && ours.percent === null) return "unlimited";
    if ((raw.max_capacity ?? 0) <= 0 && ours.percent === null && ours.unit !== "percent")
        return "unknownCapacity";
    return undefined;
}

/**
 * Our id (hrDeviceIndex.index) of a reference row, from its Printer-MIB OID: "...43.11.1.1.9.1.3"
 * is "1.3". The capacity OID is preferred: for a level taken from a vendor table the reference
 * names the vendor OID, but the capacity still comes from the standard row.
 */
function idOf(r: RefLevel): string {
    const standard = [r.capacity_oid, r.oid].find(
        (o) => o !== undefined && /^\.?1\.3\.6\.1\.2\.1\.43\./.test(o),
    );
    return (standard ?? r.oid).replace(/^\./, "").split(".").slice(-2).join(".");
}

interface Row {
    printer: string;
    supplies: string;
    agree: string;
    notes: string[];
}

function table(rows: Row[]): string {
    const head = ["printer", "supplies+trays (ours/reference)", "percent agrees", "disagreements"];
    const cells = rows.map((r) => [r.printer, r.supplies, r.agree, r.notes.join("; ") || "-"]);
    const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? "").length)));
    const fmt = (c: string[]): string => c.map((x, i) => (i < 3 ? x.padEnd(width[i] ?? 0) : x)).join(" | ");
    return [fmt(head), width.map((w) => "-".repeat(Math.min(w, 40))).join("-|-"), ...cells.map(fmt)].join(
        "\n",
    );
}

describe("printer recordings", function () {
    this.timeout(120_000);
    let sim: Simulator;
    let index: Record<string, IndexEntry>;

    before(async function () {
        if (!existsSync(PRINTERS) || !existsSync(path.join(RECORDINGS, "index.json"))) {
            console.log(`      (skipped: no recordings at ${PRINTERS})`);
            this.skip();
        }
        index = JSON.parse(readFileSync(path.join(RECORDINGS, "index.json"), "utf8")) as Record<
            string,
            IndexEntry
        >;
        sim = await startSimulator({ devices: loadDevices([PRINTERS], { dynamics: false }) });
    });
    after(async () => {
        await sim?.stop();
    });

    async function poll(name: string): Promise<{ reading?: PrinterReading; error?: SnmpError }> {
        const ep = sim.endpoint(name);
        const settings = normalizeSettings({
            community: ep.community,
            port: ep.port,
            timeout: 2000,
            retries: 0,
        });
        const session = await SnmpSession.open(ep.host, settings);
        try {
            const result = await pollPrinter(session, `${ep.host}:${ep.port}`, new PrinterCache(), {
                lowLevel: 10,
                invertReceptacles: false,
                maxRepetitions: settings.maxRepetitions,
                maxRows: settings.maxRows,
                now: () => Date.UTC(2024, 0, 1),
            });
            return { reading: result.reading };
        } catch (err) {
            if (err instanceof SnmpError) return { error: err };
            throw err;
        } finally {
            session.close();
        }
    }

    it("reads every printer, finds every reference supply and tray, and differs only where the MIB says so", async () => {
        const rows: Row[] = [];
        const problems: string[] = [];
        const names = Object.keys(index)
            .filter(
                (n) => index[n]?.category === "printer" && existsSync(path.join(PRINTERS, `${n}.snmprec`)),
            )
            .sort();
        assert.ok(names.length > 0, "printer recordings");
        for (const name of names) {
            const ref = index[name]?.reference ?? {};
            const { reading, error } = await poll(name);
            if (reading === undefined) {
                problems.push(`${name}: ${error?.code ?? "?"} ${error?.message ?? ""}`);
                rows.push({
                    printer: name,
                    supplies: "-",
                    agree: "-",
                    notes: [`ERROR ${error?.code ?? ""}`],
                });
                continue;
            }
            const notes: string[] = [];
            let compared = 0;
            let agreeing = 0;
            const check = (
                kind: string,
                refs: RefLevel[],
                ours: Map<string, { percent: number | null; unit: string | null; name: string }>,
            ) => {
                for (const r of refs) {
                    const id = idOf(r);
                    const mine = ours.get(id);
                    if (mine === undefined) {
                        problems.push(`${name}: reference ${kind} ${id} "${r.descr}" not found`);
                        continue;
                    }
                    compared++;
                    if (mine.percent !== null && Math.abs(mine.percent - r.percent) <= 1) {
                        agreeing++;
                        continue;
                    }
                    const reason = justify(r.raw, mine);
                    if (reason === undefined) {
                        problems.push(
                            `${name}: ${kind} ${id} "${mine.name}" is ${mine.percent ?? "null"} %, reference ${r.percent} % (raw ${JSON.stringify(r.raw)})`,
                        );
                        continue;
                    }
                    notes.push(`${kind} ${id} ${mine.percent ?? "null"} vs ${r.percent}: ${reason}`);
                }
            };
            check("supply", ref.printer_supplies ?? [], new Map(reading.supplies.map((s) => [s.id, s])));
            check("tray", ref.paper_trays ?? [], new Map(reading.trays.map((t) => [t.id, t])));
            if (reading.quirks.includes("noPrinterMib"))
                notes.push("no Printer-MIB: status only (noPrinterMib)");
            const refCount = (ref.printer_supplies?.length ?? 0) + (ref.paper_trays?.length ?? 0);
            rows.push({
                printer: name,
                supplies: `${reading.supplies.length + reading.trays.length}/${refCount}`,
                agree: `${agreeing}/${compared}`,
                notes,
            });
        }

        const detectOnly = Object.keys(index)
            .filter(
                (n) =>
                    index[n]?.category === "printer-detect-only" &&
                    existsSync(path.join(PRINTERS, `${n}.snmprec`)),
            )
            .sort();
        for (const name of detectOnly) {
            const { reading, error } = await poll(name);
            if (reading !== undefined || error?.code !== "notPrinter") {
                problems.push(
                    `${name}: detection-only walk gave ${error?.code ?? "a reading"}, expected notPrinter`,
                );
            }
            rows.push({
                printer: name,
                supplies: "-",
                agree: "-",
                notes: [`detection only: ${error?.code ?? "reading"}`],
            });
        }

        console.log(
            `\n${table(rows)}\n\nJustified differences:\n${Object.entries(JUSTIFIED)
                .map(([k, v]) => `  ${k}: ${v}`)
                .join("\n")}\n`,
        );
        assert.deepEqual(problems, []);
    });
});
