/**
 * Values that change over time, so that flows, alerts and dashboards have something to react to.
 *
 * Everything is driven by `step(dtMs)`: the simulator calls it from `advance(ms)` (tests, with no
 * waiting) or from an interval timer (the demo). Randomness comes from the device's seeded RNG, so
 * a run is repeatable.
 *
 * - Printers (Printer-MIB, RFC 3805; any device with prtMarkerSuppliesLevel): pages are printed at
 *   a steady rate; the page counters rise, supplies drain (a receptacle's level is its remaining
 *   space, so it drains too), a supply at its replacement point is replaced (level back to max),
 *   trays drain sheet by sheet and an empty tray is refilled on the next step (manual feeds are
 *   left alone). Special values
 *   (-1 no restriction, -2 unknown, -3 some remaining) are never touched. The lowPaper and lowToner
 *   bits of hrPrinterDetectedErrorState (RFC 2790) follow the levels.
 * - Wireless: a small declarative spec per MIB ({@link CLIENT_SPECS}) says where the per-client
 *   rows are, where the MAC sits in their index, how a row points at its radio, and which count
 *   objects to recompute. Clients join (a copy of an existing row with a new MAC), leave and roam;
 *   the counts are then recomputed from the rows, so they always agree. Counts-only MIBs
 *   ({@link COUNT_SPECS}, e.g. UniFi) get a bounded random walk on their station counts.
 */
import { Tag, compareOid, parseOid, type Oid } from "./ber";
import type { SimValue } from "./snmprec";
import type { MibStore } from "./store";

export interface PrinterDynamicsOptions {
    /** Pages printed per hour of simulated time (default 600). */
    pagesPerHour?: number;
    /** Pages a toner or ink supply lasts when its unit is not pages (default 3000). */
    lifePages?: number;
    /** Below this percentage of max a supply or tray counts as low (default 10). */
    lowPercent?: number;
    /** At or below this percentage of max a supply is replaced (default 2). */
    replacePercent?: number;
}

export interface WirelessDynamicsOptions {
    /** Joins, leaves and roams per hour of simulated time (default 360). */
    eventsPerHour?: number;
    /** Grow the client table to this many clients when the simulator starts. */
    clients?: number;
}

export interface DynamicsOptions {
    printer?: PrinterDynamicsOptions | false;
    wireless?: WirelessDynamicsOptions | false;
}

export interface Dynamics {
    readonly kind: string;
    step(dtMs: number): void;
}

export type Rng = () => number;

/** A small, fast, seedable PRNG (mulberry32): uniform in [0, 1). */
export function seededRng(seed: number): Rng {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function oid(text: string): number[] {
    const o = parseOid(text);
    if (!o) throw new Error(`bad OID in a dynamics spec: ${text}`);
    return o;
}

function intValue(v: SimValue | undefined): number | undefined {
    if (!v) return undefined;
    return v.type === Tag.Integer ||
        v.type === Tag.Counter32 ||
        v.type === Tag.Gauge32 ||
        v.type === Tag.TimeTicks
        ? v.value
        : undefined;
}

/** Buffered writes: one bulk apply per step keeps large tables cheap. */
class Writes {
    private readonly pending = new Map<string, { oid: Oid; value: SimValue | null }>();
    constructor(private readonly store: MibStore) {}

    get(o: Oid): SimValue | undefined {
        const p = this.pending.get(o.join("."));
        if (p) return p.value ?? undefined;
        return this.store.get(o)?.value;
    }

    set(o: Oid, value: SimValue | null): void {
        this.pending.set(o.join("."), { oid: o, value });
    }

    commit(): void {
        if (this.pending.size > 0) this.store.apply([...this.pending.values()]);
        this.pending.clear();
    }
}

// ---------------------------------------------------------------------------------------------
// Printers

const PRT = {
    supplyClass: oid("1.3.6.1.2.1.43.11.1.1.4"),
    supplyType: oid("1.3.6.1.2.1.43.11.1.1.5"),
    supplyUnit: oid("1.3.6.1.2.1.43.11.1.1.7"),
    supplyMax: oid("1.3.6.1.2.1.43.11.1.1.8"),
    supplyLevel: oid("1.3.6.1.2.1.43.11.1.1.9"),
    lifeCount: oid("1.3.6.1.2.1.43.10.2.1.4"),
    powerOnCount: oid("1.3.6.1.2.1.43.10.2.1.5"),
    inputType: oid("1.3.6.1.2.1.43.8.2.1.2"),
    inputMax: oid("1.3.6.1.2.1.43.8.2.1.9"),
    inputLevel: oid("1.3.6.1.2.1.43.8.2.1.10"),
    errorState: oid("1.3.6.1.2.1.25.3.5.1.2"),
    alertEntry: oid("1.3.6.1.2.1.43.18.1.1"),
    alertGroup: oid("1.3.6.1.2.1.43.18.1.1.4"),
    alertGroupIndex: oid("1.3.6.1.2.1.43.18.1.1.5"),
};

/** PrtAlertGroupTC: the sub-unit tables an alert row can point at. */
const ALERT_GROUP = { input: 8, markerSupplies: 11 } as const;

/** PrtMarkerSuppliesTypeTC values that are a colorant (toner, ink, their cartridges, matte). */
const COLORANT_TYPES = new Set([3, 5, 6, 21, 35, 36]);

/** How many colorant lifetimes a supply type lasts (drums and fusers outlive many cartridges). */
function lifeFactor(type: number | undefined): number {
    switch (type) {
        case 9: // opc (drum)
        case 10: // developer
            return 4;
        case 15: // fuser
        case 18: // cleanerUnit
        case 20: // transferUnit
            return 8;
        case 4: // wasteToner
        case 8: // wasteInk
            return 2;
        default:
            return type !== undefined && COLORANT_TYPES.has(type) ? 1 : 3;
    }
}

function pagesUnit(unit: number | undefined): boolean {
    return unit === 7 || unit === 8; // impressions, sheets
}

export class PrinterDynamics implements Dynamics {
    readonly kind = "printer";
    private pendingPages = 0;
    /** Fractional levels, so slow consumption accumulates across steps. */
    private readonly exact = new Map<string, number>();
    private readonly pagesPerHour: number;
    private readonly lifePages: number;
    private readonly lowPercent: number;
    private readonly replacePercent: number;

    constructor(
        private readonly store: MibStore,
        options: PrinterDynamicsOptions = {},
    ) {
        this.pagesPerHour = options.pagesPerHour ?? 600;
        this.lifePages = options.lifePages ?? 3000;
        this.lowPercent = options.lowPercent ?? 10;
        this.replacePercent = options.replacePercent ?? 2;
    }

    static applies(store: MibStore): boolean {
        const [a, b] = store.range(PRT.supplyLevel);
        return b > a;
    }

    step(dtMs: number): void {
        this.pendingPages += (this.pagesPerHour * dtMs) / 3_600_000;
        const pages = Math.floor(this.pendingPages);
        if (pages <= 0) return;
        this.pendingPages -= pages;
        const w = new Writes(this.store);
        for (const column of [PRT.lifeCount, PRT.powerOnCount]) {
            for (const e of this.store.under(column)) {
                const v = intValue(e.value);
                if (v === undefined) continue;
                // Counter32 wraps (RFC 2578 §7.1.6); an agent that types it Integer32 saturates.
                const n =
                    e.value.type === Tag.Integer ? Math.min(v + pages, 2147483647) : (v + pages) % 2 ** 32;
                w.set(e.oid, { ...e.value, value: n } as SimValue);
            }
        }
        this.drainSupplies(w, pages);
        this.drainTrays(w, pages);
        w.commit();
        this.updateErrorState();
    }

    private drainSupplies(w: Writes, pages: number): void {
        for (const e of this.store.under(PRT.supplyLevel)) {
            const level = intValue(e.value);
            const index = e.oid.slice(PRT.supplyLevel.length);
            const max = intValue(this.store.get([...PRT.supplyMax, ...index])?.value);
            if (level === undefined || level < 0 || max === undefined || max <= 0) continue;
            const type = intValue(this.store.get([...PRT.supplyType, ...index])?.value);
            const unit = intValue(this.store.get([...PRT.supplyUnit, ...index])?.value);
            const perPage = pagesUnit(unit) ? 1 : max / (this.lifePages * lifeFactor(type));
            const key = index.join(".");
            let exact = this.exact.get(key);
            // A level changed from outside (a test's set()) restarts from the stored value.
            if (exact === undefined || Math.round(exact) !== level) exact = level;
            // Rounded to a millionth so that repeated small steps land exactly on the thresholds.
            exact = Math.round((exact - pages * perPage) * 1e6) / 1e6;
            if (exact <= (max * this.replacePercent) / 100) {
                exact = max;
                // A new cartridge: the printer removes its alerts about the old one (RFC 3805 §2.2.13).
                this.clearAlerts(w, ALERT_GROUP.markerSupplies, index);
            }
            this.exact.set(key, exact);
            const rounded = Math.max(0, Math.round(exact));
            if (rounded !== level) w.set(e.oid, { type: Tag.Integer, value: rounded });
        }
    }

    /** A tray's level and max when it takes part (numeric, not a manual feed), else undefined. */
    private tray(index: number[], level: number | undefined): { level: number; max: number } | undefined {
        const max = intValue(this.store.get([...PRT.inputMax, ...index])?.value);
        // sheetFeedManual(5): an empty manual slot is normal, not "low paper".
        if (intValue(this.store.get([...PRT.inputType, ...index])?.value) === 5) return undefined;
        if (level === undefined || level < 0 || max === undefined || max <= 0) return undefined;
        return { level, max };
    }

    private drainTrays(w: Writes, pages: number): void {
        let sheets = pages;
        for (const e of this.store.under(PRT.inputLevel)) {
            const t = this.tray(e.oid.slice(PRT.inputLevel.length), intValue(e.value));
            if (!t) continue;
            const { level, max } = t;
            if (level === 0) {
                // Someone loaded paper since the tray ran out.
                w.set(e.oid, { type: Tag.Integer, value: max });
                this.clearAlerts(w, ALERT_GROUP.input, e.oid.slice(PRT.inputLevel.length));
                continue;
            }
            const used = Math.min(level, sheets);
            sheets -= used;
            if (used > 0) w.set(e.oid, { type: Tag.Integer, value: level - used });
        }
    }

    /** Remove the prtAlertTable rows of one hrDevice that point at `group` row `index` (hrD.n). */
    private clearAlerts(w: Writes, group: number, index: number[]): void {
        const [hrDevice, row] = index;
        if (hrDevice === undefined || row === undefined || index.length !== 2) return;
        for (const g of this.store.under([...PRT.alertGroup, hrDevice])) {
            const alert = g.oid.slice(PRT.alertGroup.length);
            if (intValue(g.value) !== group) continue;
            if (intValue(this.store.get([...PRT.alertGroupIndex, ...alert])?.value) !== row) continue;
            for (const column of this.store.under(PRT.alertEntry)) {
                const rest = column.oid.slice(PRT.alertEntry.length);
                if (rest.length === alert.length + 1 && alert.every((n, i) => rest[i + 1] === n)) {
                    w.set(column.oid, null);
                }
            }
        }
    }

    /** lowPaper (bit 0) and lowToner (bit 2) of hrPrinterDetectedErrorState, per hrDeviceIndex. */
    private updateErrorState(): void {
        for (const e of this.store.under(PRT.errorState)) {
            if (e.value.type !== Tag.OctetString || e.value.value.length === 0) continue;
            const hrDevice = e.oid[PRT.errorState.length];
            if (hrDevice === undefined) continue;
            const low = (level: number | undefined, max: number | undefined): boolean =>
                level !== undefined &&
                max !== undefined &&
                level >= 0 &&
                max > 0 &&
                level < (max * this.lowPercent) / 100;
            let lowToner = false;
            for (const s of this.store.under([...PRT.supplyLevel, hrDevice])) {
                const index = s.oid.slice(PRT.supplyLevel.length);
                const type = intValue(this.store.get([...PRT.supplyType, ...index])?.value);
                const cls = intValue(this.store.get([...PRT.supplyClass, ...index])?.value);
                const colorant = type !== undefined ? COLORANT_TYPES.has(type) : cls === 3;
                if (
                    colorant &&
                    low(intValue(s.value), intValue(this.store.get([...PRT.supplyMax, ...index])?.value))
                ) {
                    lowToner = true;
                }
            }
            let lowPaper = false;
            for (const e of this.store.under([...PRT.inputLevel, hrDevice])) {
                const t = this.tray(e.oid.slice(PRT.inputLevel.length), intValue(e.value));
                if (t && low(t.level, t.max)) lowPaper = true;
            }
            const bytes = Buffer.from(e.value.value);
            bytes[0] = (bytes[0]! & ~(0x80 | 0x20)) | (lowPaper ? 0x80 : 0) | (lowToner ? 0x20 : 0);
            if (!bytes.equals(e.value.value)) this.store.set(e.oid, { type: Tag.OctetString, value: bytes });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wireless

/** How a client row names its radio with column values (a slice of the radio's index). */
interface RadioColumn {
    column: string;
    /** Sub-identifiers [start, end) of the radio index that this column holds. */
    arcs: [number, number];
    /** octets: the arcs as an OCTET STRING (a MAC); integer: one arc as an Integer32. */
    as: "octets" | "integer";
}

type CountSpec =
    /** Instances indexed by the radio index (or a slice of it, e.g. the AP MAC part). */
    | { column: string; by: "radio"; arcs?: [number, number] }
    /** Instances indexed by the value of a client column (e.g. an SSID/WLAN index). */
    | { column: string; by: "column"; clientColumn: string };

export interface ClientTableSpec {
    name: string;
    /** Entry OIDs of the per-client tables; all share the client index. The first one defines the clients. */
    tables: string[];
    /** Position of the 6 MAC sub-identifiers in the client index. */
    macAt: number;
    /** Columns whose value is the client MAC (6 octets). */
    macColumns?: string[];
    /** A column whose instances enumerate the radios a client can attach to; the index is the radio key. */
    radios: string;
    /** The radio key sits in the client index (MikroTik: MAC.ifIndex); it wins over radioColumns. */
    radioInIndex?: { at: number; arcs: number };
    /** Client columns holding (parts of) the radio key (Cisco: AP MAC and slot), rewritten on a move. */
    radioColumns?: RadioColumn[];
    counts: CountSpec[];
    /** Columns that get a fresh value in [min, max] when a client joins or roams (signal, SNR). */
    signal?: Array<{ column: string; min: number; max: number }>;
}

export interface CountsOnlySpec {
    name: string;
    /** Count columns to vary (a bounded random walk around the recorded values). */
    columns: string[];
}

const AIRESPACE = "1.3.6.1.4.1.14179";
const MIKROTIK = "1.3.6.1.4.1.14988.1.1.1";

/** Client-table specs, matched by the presence of their first table. Add one per MIB. */
const CLIENT_SPECS: ClientTableSpec[] = [
    {
        // AIRESPACE-WIRELESS-MIB: bsnMobileStationTable + bsnMobileStationStatsTable, index = client MAC.
        name: "cisco-airespace",
        tables: [`${AIRESPACE}.2.1.4.1`, `${AIRESPACE}.2.1.6.1`],
        macAt: 0,
        macColumns: [`${AIRESPACE}.2.1.4.1.1`],
        radios: `${AIRESPACE}.2.2.2.1.15`, // bsnApIfNoOfUsers.<apBaseRadioMac>.<slot>
        radioColumns: [
            { column: `${AIRESPACE}.2.1.4.1.4`, arcs: [0, 6], as: "octets" }, // bsnMobileStationAPMacAddr
            { column: `${AIRESPACE}.2.1.4.1.5`, arcs: [6, 7], as: "integer" }, // bsnMobileStationAPIfSlotId
        ],
        counts: [
            { column: `${AIRESPACE}.2.2.2.1.15`, by: "radio" }, // bsnApIfNoOfUsers
            { column: `${AIRESPACE}.2.2.13.1.4`, by: "radio" }, // bsnAPIfLoadNumOfClients
            { column: "1.3.6.1.4.1.9.9.513.1.1.1.1.54", by: "radio", arcs: [0, 6] }, // cLApAssociatedClientCount
            { column: `${AIRESPACE}.2.1.1.1.38`, by: "column", clientColumn: `${AIRESPACE}.2.1.4.1.6` }, // per ESS
        ],
        signal: [
            { column: `${AIRESPACE}.2.1.6.1.1`, min: -82, max: -42 }, // bsnMobileStationRSSI (dBm)
            { column: `${AIRESPACE}.2.1.6.1.26`, min: 12, max: 48 }, // bsnMobileStationSnr (dB)
        ],
    },
    {
        // MIKROTIK-MIB mtxrWlRtabTable, index = client MAC . ifIndex of the AP interface.
        name: "mikrotik-wireless",
        tables: [`${MIKROTIK}.2.1`],
        macAt: 0,
        macColumns: [`${MIKROTIK}.2.1.1`],
        radios: `${MIKROTIK}.3.1.6`, // mtxrWlApClientCount.<ifIndex>
        radioInIndex: { at: 6, arcs: 1 },
        radioColumns: [{ column: `${MIKROTIK}.2.1.2`, arcs: [0, 1], as: "integer" }], // mtxrWlRtabIface
        counts: [
            { column: `${MIKROTIK}.3.1.6`, by: "radio" }, // mtxrWlApClientCount
            { column: `${MIKROTIK}.3.1.11`, by: "radio" }, // mtxrWlApAuthClientCount
        ],
        signal: [
            { column: `${MIKROTIK}.2.1.3`, min: -84, max: -40 }, // mtxrWlRtabStrength (dBm)
            { column: `${MIKROTIK}.2.1.12`, min: 10, max: 50 }, // mtxrWlRtabSignalToNoise (dB)
        ],
    },
];

/** Counts-only specs, matched by the presence of their first column. */
const COUNT_SPECS: CountsOnlySpec[] = [
    { name: "unifi", columns: ["1.3.6.1.4.1.41112.1.6.1.2.1.8"] }, // unifiVapNumStations
];

interface Client {
    index: number[];
    radio?: number[];
}

/** What one step works on: read once, then kept up to date by the step's own changes. */
interface Scan {
    clients: Client[];
    radios: number[][];
    /** Column sub-identifiers present in each client table. */
    columns: number[][];
    macs: Set<string>;
}

function hasAny(store: MibStore, prefix: Oid): boolean {
    const [a, b] = store.range(prefix);
    return b > a;
}

function keyOf(arcs: readonly number[]): string {
    return arcs.join(".");
}

export class ClientDynamics implements Dynamics {
    readonly kind: string;
    private pendingEvents = 0;
    private readonly eventsPerHour: number;
    private readonly tables: number[][];
    private readonly radiosColumn: number[];
    private target: number | undefined;

    constructor(
        private readonly store: MibStore,
        private readonly spec: ClientTableSpec,
        private readonly rng: Rng,
        options: WirelessDynamicsOptions = {},
    ) {
        this.kind = spec.name;
        this.eventsPerHour = options.eventsPerHour ?? 360;
        this.tables = spec.tables.map(oid);
        this.radiosColumn = oid(spec.radios);
        if (options.clients !== undefined) this.grow(options.clients);
    }

    static applies(store: MibStore, spec: ClientTableSpec): boolean {
        return hasAny(store, oid(spec.tables[0]!)) && hasAny(store, oid(spec.radios));
    }

    step(dtMs: number): void {
        this.pendingEvents += (this.eventsPerHour * dtMs) / 3_600_000;
        const events = Math.floor(this.pendingEvents);
        if (events <= 0) return;
        this.pendingEvents -= events;
        const scan = this.scan();
        this.target ??= scan.clients.length;
        const w = new Writes(this.store);
        for (let i = 0; i < events; i++) {
            const r = this.rng();
            // Mean reversion keeps the population near where it started.
            const n = scan.clients.length;
            const drift = this.target > 0 ? (n - this.target) / this.target : 0;
            if (n === 0 || r < 0.33 - drift) this.join(w, scan);
            else if (r < 0.66) this.leave(w, scan);
            else this.roam(w, scan);
        }
        w.commit();
        this.recount();
    }

    /** Add clients until there are `n` (used to build a large controller for the benchmark). */
    grow(n: number): void {
        const scan = this.scan();
        const w = new Writes(this.store);
        const templates = scan.clients.length;
        while (scan.clients.length < n && templates > 0) this.join(w, scan, templates);
        w.commit();
        this.recount();
        this.target = scan.clients.length;
    }

    private scan(): Scan {
        const clients = this.scanClients();
        const columns = this.tables.map((table) => {
            const cols = new Set<number>();
            for (const e of this.store.under(table)) {
                const c = e.oid[table.length];
                if (c !== undefined) cols.add(c);
            }
            return [...cols];
        });
        const radios = this.store.under(this.radiosColumn).map((e) => e.oid.slice(this.radiosColumn.length));
        const at = this.spec.macAt;
        const macs = new Set(clients.map((c) => keyOf(c.index.slice(at, at + 6))));
        return { clients, radios, columns, macs };
    }

    private scanClients(): Client[] {
        const first = this.tables[0]!;
        const seen = new Set<string>();
        const clients: Client[] = [];
        for (const e of this.store.under(first)) {
            const index = e.oid.slice(first.length + 1);
            const key = keyOf(index);
            if (seen.has(key)) continue;
            seen.add(key);
            clients.push({ index, radio: this.radioOf(index) });
        }
        return clients;
    }

    private radioOf(index: number[]): number[] | undefined {
        const inIndex = this.spec.radioInIndex;
        if (inIndex) return index.slice(inIndex.at, inIndex.at + inIndex.arcs);
        const key: number[] = [];
        for (const rc of this.spec.radioColumns ?? []) {
            const v = this.store.get([...oid(rc.column), ...index])?.value;
            if (!v) return undefined;
            if (rc.as === "octets") {
                if (v.type !== Tag.OctetString || v.value.length !== rc.arcs[1] - rc.arcs[0])
                    return undefined;
                key.splice(rc.arcs[0], v.value.length, ...v.value);
            } else {
                const n = intValue(v);
                if (n === undefined) return undefined;
                key[rc.arcs[0]] = n;
            }
        }
        return key;
    }

    private newMac(taken: Set<string>): number[] {
        for (;;) {
            // Locally administered unicast, as phones with private addresses use.
            const mac = [0, 0, 0, 0, 0, 0].map(() => Math.floor(this.rng() * 256));
            mac[0] = (mac[0]! & 0xfc) | 0x02;
            const key = keyOf(mac);
            if (!taken.has(key)) {
                taken.add(key);
                return mac;
            }
        }
    }

    private pick<T>(items: readonly T[], limit = items.length): T | undefined {
        return items.length === 0 ? undefined : items[Math.floor(this.rng() * Math.min(limit, items.length))];
    }

    /** Copy a row to a new index, optionally moving it to another radio. */
    private writeRow(
        w: Writes,
        scan: Scan,
        from: number[],
        to: number[],
        mac: number[],
        radio?: number[],
    ): void {
        for (const [t, table] of this.tables.entries()) {
            for (const col of scan.columns[t] ?? []) {
                const src = [...table, col, ...from];
                const v = w.get(src);
                if (v) w.set([...table, col, ...to], v);
            }
        }
        for (const c of this.spec.macColumns ?? []) {
            const o = [...oid(c), ...to];
            if (w.get(o)) w.set(o, { type: Tag.OctetString, value: Buffer.from(mac) });
        }
        if (radio) {
            for (const rc of this.spec.radioColumns ?? []) {
                const o = [...oid(rc.column), ...to];
                const part = radio.slice(rc.arcs[0], rc.arcs[1]);
                w.set(
                    o,
                    rc.as === "octets"
                        ? { type: Tag.OctetString, value: Buffer.from(part) }
                        : { type: Tag.Integer, value: part[0] ?? 0 },
                );
            }
        }
        for (const s of this.spec.signal ?? []) {
            const o = [...oid(s.column), ...to];
            const v = w.get(o);
            if (v && v.type === Tag.Integer) {
                w.set(o, { type: Tag.Integer, value: s.min + Math.floor(this.rng() * (s.max - s.min + 1)) });
            }
        }
    }

    private removeRow(w: Writes, scan: Scan, index: number[]): void {
        for (const [t, table] of this.tables.entries()) {
            for (const col of scan.columns[t] ?? []) w.set([...table, col, ...index], null);
        }
    }

    private join(w: Writes, scan: Scan, templateLimit = scan.clients.length): void {
        const template = this.pick(scan.clients, templateLimit);
        const radio = this.pick(scan.radios);
        if (!template || !radio) return;
        const mac = this.newMac(scan.macs);
        const index = [...template.index];
        index.splice(this.spec.macAt, 6, ...mac);
        const inIndex = this.spec.radioInIndex;
        if (inIndex) index.splice(inIndex.at, inIndex.arcs, ...radio.slice(0, inIndex.arcs));
        this.writeRow(w, scan, template.index, index, mac, radio);
        scan.clients.push({ index, radio });
    }

    private leave(w: Writes, scan: Scan): void {
        if (scan.clients.length === 0) return;
        const i = Math.floor(this.rng() * scan.clients.length);
        const [gone] = scan.clients.splice(i, 1);
        if (!gone) return;
        this.removeRow(w, scan, gone.index);
        scan.macs.delete(keyOf(gone.index.slice(this.spec.macAt, this.spec.macAt + 6)));
    }

    private roam(w: Writes, scan: Scan): void {
        const i = Math.floor(this.rng() * scan.clients.length);
        const client = scan.clients[i];
        if (!client) return;
        const radio = this.pick(
            scan.radios.filter((r) => !client.radio || compareOid(r, client.radio) !== 0),
        );
        if (!radio) return;
        const mac = client.index.slice(this.spec.macAt, this.spec.macAt + 6);
        const inIndex = this.spec.radioInIndex;
        if (inIndex) {
            // The radio is part of the index (MikroTik): the row moves.
            const index = [...client.index];
            index.splice(inIndex.at, inIndex.arcs, ...radio.slice(0, inIndex.arcs));
            this.writeRow(w, scan, client.index, index, mac, radio);
            this.removeRow(w, scan, client.index);
            scan.clients[i] = { index, radio };
        } else {
            this.writeRow(w, scan, client.index, client.index, mac, radio);
            scan.clients[i] = { index: client.index, radio };
        }
    }

    /** Recompute every count object from the rows. */
    private recount(): void {
        const clients = this.scanClients();
        const w = new Writes(this.store);
        for (const spec of this.spec.counts) {
            const column = oid(spec.column);
            const counts = new Map<string, number>();
            for (const c of clients) {
                let key: string | undefined;
                if (spec.by === "radio") {
                    if (c.radio) key = keyOf(spec.arcs ? c.radio.slice(spec.arcs[0], spec.arcs[1]) : c.radio);
                } else {
                    const n = intValue(this.store.get([...oid(spec.clientColumn), ...c.index])?.value);
                    if (n !== undefined) key = String(n);
                }
                if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
            }
            for (const e of this.store.under(column)) {
                const current = intValue(e.value);
                if (current === undefined) continue;
                const n = counts.get(keyOf(e.oid.slice(column.length))) ?? 0;
                if (n !== current) w.set(e.oid, { ...e.value, value: n } as SimValue);
            }
        }
        w.commit();
    }
}

export class CountDynamics implements Dynamics {
    readonly kind: string;
    private pendingEvents = 0;
    private readonly eventsPerHour: number;
    private readonly initial = new Map<string, number>();
    private readonly columns: number[][];

    constructor(
        private readonly store: MibStore,
        spec: CountsOnlySpec,
        private readonly rng: Rng,
        options: WirelessDynamicsOptions = {},
    ) {
        this.kind = spec.name;
        this.eventsPerHour = options.eventsPerHour ?? 360;
        this.columns = spec.columns.map(oid);
        for (const c of this.columns) {
            for (const e of store.under(c)) {
                const v = intValue(e.value);
                if (v !== undefined) this.initial.set(keyOf(e.oid), v);
            }
        }
    }

    static applies(store: MibStore, spec: CountsOnlySpec): boolean {
        return hasAny(store, oid(spec.columns[0]!));
    }

    step(dtMs: number): void {
        this.pendingEvents += (this.eventsPerHour * dtMs) / 3_600_000;
        const events = Math.floor(this.pendingEvents);
        if (events <= 0) return;
        this.pendingEvents -= events;
        const instances = this.columns.flatMap((c) => this.store.under(c));
        if (instances.length === 0) return;
        for (let i = 0; i < events; i++) {
            const e = instances[Math.floor(this.rng() * instances.length)]!;
            const v = intValue(e.value);
            if (v === undefined) continue;
            const start = this.initial.get(keyOf(e.oid)) ?? v;
            // Up or down with equal odds, pulled back towards the recorded value, never below zero.
            const up = this.rng() < 0.5 + (start - v) / (2 * Math.max(4, start + 1));
            const n = Math.max(0, v + (up ? 1 : -1));
            if (n !== v) this.store.set(e.oid, { ...e.value, value: n } as SimValue);
        }
    }
}

/** The dynamics that apply to a store, by what it holds. */
export function createDynamics(store: MibStore, options: DynamicsOptions, rng: Rng): Dynamics[] {
    const out: Dynamics[] = [];
    if (options.printer !== false && PrinterDynamics.applies(store)) {
        out.push(new PrinterDynamics(store, options.printer || {}));
    }
    if (options.wireless !== false) {
        const wireless = options.wireless || {};
        for (const spec of CLIENT_SPECS) {
            if (ClientDynamics.applies(store, spec)) out.push(new ClientDynamics(store, spec, rng, wireless));
        }
        for (const spec of COUNT_SPECS) {
            if (CountDynamics.applies(store, spec)) out.push(new CountDynamics(store, spec, rng, wireless));
        }
    }
    return out;
}
