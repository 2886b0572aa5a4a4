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
import { decodePrinter } from "../../nodes/lib/printer/decode";
import { discoverPrinter, pollPrinter } from "../../nodes/lib/printer/poll-printer";
import type { PrinterReading } from "../../nodes/lib/printer/contract";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { withSimSession } from "../helpers/sim-session";

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

interface Identity {
    vendor: string | null;
    model: string | null;
    serial: string | null;
}

/**
 * What each recording carries, found by reading the walks: the maker, the model (short), and a
 * serial wherever one is in any MIB (prtGeneralSerialNumber, the vendor's serial object, or
 * "SN:" / "S/N" in sysDescr). Detection-only walks carry sysDescr and sysObjectID only.
 */
const IDENTITIES: Record<string, Identity> = {
    // Samsung M4080FX: sysDescr ends in an empty ";S/N ". jetdirect_2: an empty answer but for
    // its sysObjectID. tsc: the maker is named nowhere in the walk.
    brother_hl5370dw: { vendor: "Brother", model: "HL-5370DW", serial: "B9J154306" },
    canonprinter_d1180: { vendor: "Canon", model: "D1180/MF6680", serial: null },
    canonprinter_mf: { vendor: "Canon", model: "MF", serial: null },
    canonprinter_tm: { vendor: "Canon", model: "TM-5300", serial: null },
    "dell-laser": { vendor: "Dell", model: "B3460dn", serial: null },
    "dell-laser_mfp": { vendor: "Dell", model: "MFP Laser 3115cn", serial: null },
    epson: { vendor: "Epson", model: "WF-C5790BA", serial: "X3B8022793" },
    "epson-scanner_ds-860": { vendor: "Epson", model: "DS-860", serial: null },
    fujifilmprinter_c7580: { vendor: "Fujifilm", model: "Apeos C7580", serial: "TC101642170085" },
    gestetner: { vendor: "Ricoh", model: "MPC2500/DSc525", serial: "M6394300657" },
    jetdirect_2: { vendor: "HP", model: null, serial: null },
    jetdirect_m252dw: { vendor: "HP", model: "Color LaserJet Pro M252dw", serial: "VNB3J99999" },
    jetdirect_m880: { vendor: "HP", model: "Color LaserJet flow MFP M880", serial: null },
    konica_c250i: { vendor: "Konica Minolta", model: "bizhub C250i", serial: "AA2M021115700" },
    lanier: { vendor: "Ricoh", model: "MP C3501/LD635C", serial: null },
    nrg: { vendor: "Ricoh", model: "SP 4210N", serial: null },
    okilan: { vendor: "OKI", model: "MC342", serial: null },
    ricoh: { vendor: "Ricoh", model: "MP 3053", serial: null },
    ricoh_mpc3002: { vendor: "Ricoh", model: "Aficio MP C3002", serial: "W492KB03439" },
    samsungprinter_c: { vendor: "Samsung", model: "C", serial: null },
    samsungprinter_m4080fx: { vendor: "Samsung", model: "M4080FX", serial: null },
    samsungprinter_ml: { vendor: "Samsung", model: "ML-2850", serial: null },
    samsungprinter_s: { vendor: "Samsung", model: "S", serial: null },
    samsungprinter_scx: { vendor: "Samsung", model: "SCX", serial: null },
    savin_c4503: { vendor: "Ricoh", model: "MP C4503", serial: null },
    sharp: { vendor: "Sharp", model: "MX-3570N", serial: "6509415X00" },
    sharp_mx2614n: { vendor: "Sharp", model: "MX-2614N", serial: null },
    sharp_mxc301w: { vendor: "Sharp", model: "MX-C301W", serial: null },
    "toshiba-tec_estudio2505": { vendor: "Toshiba", model: "e-STUDIO2505AC", serial: null },
    "toshiba-tec_ev4": { vendor: "Toshiba", model: "B-EV4", serial: null },
    "toshiba-tec_fv4": { vendor: "Toshiba", model: "B-FV4", serial: null },
    "toshiba-tec_sx5t": { vendor: "Toshiba", model: "B-SX5T", serial: null },
    tsc: { vendor: null, model: "TTP244CE", serial: null },
    xerox: { vendor: "Xerox", model: "AltaLink C8045", serial: null },
    xerox_apeosport: { vendor: "Fujifilm", model: "ApeosPort-VI C4471", serial: "TC101180620073" },
    xerox_color: { vendor: "Xerox", model: "Color 570", serial: null },
    xerox_docuprint: { vendor: "Fujifilm", model: "DocuPrint CM305 df", serial: null },
    xerox_workcentre: { vendor: "Xerox", model: "WorkCentre 6605DN", serial: null },
    zebra: { vendor: "Zebra", model: "TLP 2824 Plus", serial: "37J162600538" },
};

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
        return withSimSession(sim, name, async (session, settings, key) => {
            try {
                const result = await pollPrinter(session, key, new PrinterCache(), {
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
            }
        });
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

    /** What a recording says about the printer, read the way a first poll reads it. */
    async function identify(name: string): Promise<PrinterReading> {
        return withSimSession(sim, name, async (session, settings) => {
            // Detection-only walks have no printer data: read what they say about themselves anyway.
            const { result } = await discoverPrinter(session, settings, false);
            return decodePrinter(result, {
                lowLevel: 10,
                invertReceptacles: false,
                now: Date.UTC(2024, 0, 1),
            });
        });
    }

    it("reads the maker, short model, serial, firmware and page counters every recording carries", async () => {
        const names = Object.keys(index)
            .filter(
                (n) =>
                    index[n]?.category.startsWith("printer") &&
                    existsSync(path.join(PRINTERS, `${n}.snmprec`)),
            )
            .sort();
        const problems: string[] = [];
        const lines: string[][] = [];
        for (const name of names) {
            const r = await identify(name);
            const got: Identity = { vendor: r.vendor, model: r.model, serial: r.serial };
            const want = IDENTITIES[name];
            if (want === undefined)
                problems.push(`${name}: no expected identity (read ${JSON.stringify(got)})`);
            else if (JSON.stringify(got) !== JSON.stringify(want))
                problems.push(
                    `${name}: read ${JSON.stringify(got)}, the recording carries ${JSON.stringify(want)}`,
                );
            // A walk holding prtMarkerLifeCount (a page-counting unit) gives a total.
            const walk = readFileSync(path.join(PRINTERS, `${name}.snmprec`), "utf8");
            if (/^1\.3\.6\.1\.2\.1\.43\.10\.2\.1\.4\.\d+\.\d+\|/m.test(walk) && r.pages.total === undefined)
                problems.push(`${name}: has prtMarkerLifeCount but no pages.total`);
            const pages = Object.entries(r.pages)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ");
            lines.push([
                name,
                r.vendor ?? "-",
                r.model ?? "-",
                r.serial ?? "-",
                r.firmware ?? "-",
                pages || "-",
            ]);
        }
        const head = ["recording", "vendor", "model", "serial", "firmware", "pages"];
        const width = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
        const fmt = (c: string[]): string =>
            c.map((x, i) => (i < 5 ? x.padEnd(width[i] ?? 0) : x)).join(" | ");
        console.log(`\n${[fmt(head), ...lines.map(fmt)].join("\n")}\n`);
        assert.deepEqual(problems, []);
    });
});
