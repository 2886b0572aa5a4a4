/**
 * The generic engine: from a profile, the query plan of one poll; from the query result, the
 * reading (output 1 payload). Every vendor goes through the same code; profiles only describe.
 *
 * Counts come from the device's own counters where it keeps them, and only otherwise from
 * counting client rows, so a device that serves counts but not its client table (or serves a
 * partial one) still reports true numbers. A number the device does not give is absent.
 */
import { isIP } from "node:net";
import { joinRows, type QueryPlan, type QueryResult } from "../snmp/query";
import { asText, type Varbind } from "../snmp/varbind";
import { probeObjects, probeTarget, profileAnswered } from "./probes";
import {
    parseIndex,
    readValue,
    toBand,
    toChannel,
    toCount,
    toNoise,
    toSignal,
    toSnr,
    toText,
    type Value,
} from "./decode";
import type {
    ApInfo,
    ApProfile,
    ApReading,
    Band,
    ClientField,
    ClientInfo,
    Col,
    RadioInfo,
    SignalKind,
    SsidCount,
    TableDef,
} from "./types";

export const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
export const SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
export const SYS_NAME = "1.3.6.1.2.1.1.5.0";
/** IF-MIB ifName (RFC 2863), to name radios and CAPsMAN APs that are interfaces. */
export const IF_NAME = "1.3.6.1.2.1.31.1.1.1.1";

function tableOids(def: TableDef<string> | undefined): string[] {
    if (def === undefined) return [];
    const oids = Object.values(def.cols).flatMap((c) => [
        (c as Col).oid,
        ...((c as Col).plus ?? []),
        ...((c as Col).or ?? []),
    ]);
    if (def.keep) oids.push(def.keep.col.oid);
    if (def.drop) oids.push(def.drop.col.oid);
    return oids;
}

function clientOids(profile: ApProfile): string[] {
    const c = profile.clients;
    if (c === undefined) return [];
    return [...tableOids(c), ...(c.joins ?? []).flatMap((j) => tableOids(j))];
}

/** The columns of a profile's per-client tables (for truncation checks and benchmarks). */
export function clientColumns(profile: ApProfile): string[] {
    return Array.from(new Set(clientOids(profile)));
}

/**
 * Everything one poll of this profile reads, in one plan: sysName, the model and total scalars,
 * and only the columns the profile names.
 */
export function planFor(profile: ApProfile): Required<Pick<QueryPlan, "scalars" | "columns">> {
    const scalars = [SYS_NAME];
    if (profile.model?.sysDescr) scalars.push(SYS_DESCR);
    if (profile.model?.scalar) scalars.push(profile.model.scalar);
    scalars.push(...totalOids(profile));
    if (profile.totals?.aps) scalars.push(profile.totals.aps);
    const columns = [
        ...tableOids(profile.aps),
        ...tableOids(profile.radios),
        ...tableOids(profile.vaps),
        ...tableOids(profile.wlans),
        ...tableOids(profile.bssids),
        ...clientOids(profile),
    ];
    if (profile.model?.column) columns.push(profile.model.column);
    if (profile.ifNames) columns.push(IF_NAME);
    // The probes confirm, on every poll, that the device still is what was detected.
    for (const p of probeObjects(profile)) {
        const t = probeTarget(p);
        if ("scalar" in t) scalars.push(t.scalar);
        else if (!scalars.includes(`${t.column}.0`)) columns.push(t.column);
    }
    return { scalars: unique(scalars), columns: unique(columns) };
}

/** True when the result holds one of the profile's probe objects (the device still matches it). */
export function probeAnswered(profile: ApProfile, result: QueryResult): boolean {
    return profileAnswered(profile, result);
}

function unique(list: string[]): string[] {
    return Array.from(new Set(list));
}

interface Row<F extends string> {
    idx: Record<string, string>;
    v: Partial<Record<F, Value>>;
}

/**
 * Decode a table: rows with a parsable index, filtered by keep/drop, each field read as its
 * column says. The indexes of rows the filters leave out go to `filtered` (to leave out what
 * hangs off them, e.g. the radios of an AP that is down).
 */
export function readTable<F extends string>(
    result: QueryResult,
    def: TableDef<F> | undefined,
    filtered?: Set<string>,
): Row<F>[] {
    if (def === undefined) return [];
    const rows: Row<F>[] = [];
    for (const { index, idx, r } of joinedRows(result, def)) {
        if (!whereHolds(idx, def.where)) continue;
        if (def.rowsFrom !== undefined && !answered(r, def.rowsFrom)) continue;
        const k = def.keep ? readValue(r.__keep, def.keep.col) : undefined;
        const d = def.drop ? readValue(r.__drop, def.drop.col) : undefined;
        if (
            (typeof k === "number" && !def.keep?.values.includes(k)) ||
            (typeof d === "number" && def.drop?.values.includes(d))
        ) {
            filtered?.add(index);
            continue;
        }
        // A row whose every value is unusable still counts: its index says it exists.
        const v: Partial<Record<F, Value>> = {};
        for (const [field, col] of Object.entries(def.cols) as [F, Col][]) {
            const value = fieldValue(r, field, col);
            if (value !== undefined) v[field] = value;
        }
        rows.push({ idx, v });
    }
    return rows;
}

/** Column names of a table: each field, its `plus` and `or` columns, and the filter columns. */
function columnNames(def: TableDef<string>): [name: string, col: Col][] {
    const out: [string, Col][] = [];
    for (const [field, col] of Object.entries(def.cols) as [string, Col][]) {
        out.push([field, col]);
        col.plus?.forEach((oid, i) => out.push([`${field}+${i}`, { ...col, oid }]));
        col.or?.forEach((oid, i) => out.push([`${field}|${i}`, { ...col, oid }]));
    }
    if (def.keep) out.push(["__keep", def.keep.col]);
    if (def.drop) out.push(["__drop", def.drop.col]);
    return out;
}

const PIVOT = "$col";

interface JoinedRow {
    /** The row's index (or, in a `$col` table, a key standing for it). */
    index: string;
    idx: Record<string, string>;
    r: Record<string, Varbind | undefined>;
}

/**
 * The rows of a table with their decoded index. A table whose index has a `$col` part lives
 * under a node that varies (Alcatel-Lucent Stellar puts each model's tables under its own
 * product node): its one walked subtree holds every column, and each field takes the rows
 * whose `$col` part is its `sub`.
 */
function joinedRows(result: QueryResult, def: TableDef<string>): JoinedRow[] {
    const names = columnNames(def);
    const out: JoinedRow[] = [];
    if (!def.index.some(([name]) => name === PIVOT)) {
        const byName: Record<string, string> = {};
        for (const [name, col] of names) byName[name] = col.oid;
        for (const [index, row] of joinRows(result, byName)) {
            const idx = parseIndex(index, def.index);
            if (idx !== undefined) out.push({ index, idx, r: row });
        }
        return out;
    }
    const byKey = new Map<string, JoinedRow>();
    for (const [name, col] of names) {
        for (const [index, vb] of result.columns.get(col.oid) ?? []) {
            const idx = parseIndex(index, def.index);
            if (idx === undefined || idx[PIVOT] !== String(col.sub)) continue;
            delete idx[PIVOT];
            const key = JSON.stringify(idx);
            let entry = byKey.get(key);
            if (entry === undefined) {
                entry = { index: key, idx, r: {} };
                byKey.set(key, entry);
            }
            entry.r[name] = vb;
        }
    }
    return Array.from(byKey.values());
}

function answered(r: Record<string, Varbind | undefined>, field: string): boolean {
    return Object.keys(r).some(
        (k) => (k === field || k.startsWith(`${field}+`) || k.startsWith(`${field}|`)) && r[k] !== undefined,
    );
}

/**
 * A field's value: its column; with `plus`, the sum of its columns (absent when none answers);
 * with `or`, the first of its columns that gives a value.
 */
function fieldValue(r: Record<string, Varbind | undefined>, field: string, col: Col): Value {
    if (col.plus) {
        const parts = [r[field], ...col.plus.map((_, i) => r[`${field}+${i}`])].map((vb) =>
            readValue(vb, col),
        );
        let total: number | undefined;
        for (const p of parts) if (typeof p === "number") total = (total ?? 0) + p;
        return total;
    }
    const first = readValue(r[field], col);
    if (first !== undefined || !col.or) return first;
    for (let i = 0; i < col.or.length; i++) {
        const value = readValue(r[`${field}|${i}`], col);
        if (value !== undefined) return value;
    }
    return undefined;
}

/** A `where` filter on a decoded index; a capture group renames the part in place. */
function whereHolds(idx: Record<string, string>, where: TableDef<string>["where"]): boolean {
    if (where === undefined) return true;
    const hit = where.pattern.exec(idx[where.part] ?? "");
    if (hit === null) return false;
    if (hit[1] !== undefined) idx[where.part] = hit[1];
    return true;
}

/** True when the profile reads any count object (a total, or a count column of any table). */
function readsCounts(profile: ApProfile): boolean {
    return (
        totalOids(profile).length > 0 ||
        [profile.aps, profile.radios, profile.vaps, profile.wlans].some((t) => t?.cols.clients !== undefined)
    );
}

/** The instance OIDs of a profile's own client total, in the order they are tried. */
function totalOids(profile: ApProfile): string[] {
    const t = profile.totals;
    return [...(t?.clients ? [t.clients] : []), ...(t?.clientsAlt ?? [])];
}

/** The first of `oids` that answered with a count. */
function firstCount(result: QueryResult, oids: readonly string[]): number | undefined {
    for (const oid of oids) {
        const n = toCount(readValue(result.scalars.get(oid), { oid, as: "int" }));
        if (n !== undefined) return n;
    }
    return undefined;
}

/** Something a poll knows about the device besides the profile's tables. */
export interface ReadingContext {
    /** Display name (given name, else sysName, else host). */
    device: string;
    host: string;
    time: string;
    /** User's MAC -> friendly name table (lower-case colon MACs). */
    macNames?: ReadonlyMap<string, string>;
}

export interface BuiltReading {
    reading: ApReading;
    /** Client MAC -> AP id, for roaming events. */
    clientAps: Map<string, string>;
    /** True when the client list is the whole truth (read completely): events may be derived. */
    clientsComplete: boolean;
    /** What the device's own numbers say about the reading (see ApReading.quirks). */
    quirks: string[];
}

/** The counts a device total can come from, each absent when the device does not give it. */
export interface TotalSources {
    controller: boolean;
    /** The device's own total scalar. */
    scalar?: number;
    /** Sum of the device-wide per-SSID counts. */
    wlans?: number;
    /** Sum of the per-AP counts. */
    aps?: number;
    /** Client rows, when the client table was read. */
    rows?: number;
}

/**
 * The total a reading shows: the device's own scalar; for a controller without one, its
 * device-wide WLAN counts (each client is on exactly one WLAN); then the per-AP counts; then
 * the client rows. A controller whose per-AP counts do not add up to the total it shows gets
 * "apTotalsDiffer" (an Aruba controller's AP rows can disagree with its own total); a device
 * that gives no count at all gets "noClientCounts" and a null total, never a made-up 0.
 */
export function chooseTotal(src: TotalSources): { total: number | undefined; quirks: string[] } {
    const own = src.scalar ?? (src.controller ? src.wlans : undefined);
    const total = own ?? src.aps ?? src.wlans ?? src.rows;
    const quirks: string[] = [];
    if (src.controller && own !== undefined && src.aps !== undefined && src.aps !== own) {
        quirks.push("apTotalsDiffer");
    }
    if (total === undefined) quirks.push("noClientCounts");
    return { total, quirks };
}

interface RadioAcc {
    key: string;
    label?: string;
    /** When the radio row is one SSID (an AP interface). */
    ssid?: string;
    band?: Band;
    channel?: number;
    noise?: number;
    clients?: number;
}

interface VapAcc {
    radio?: string;
    ssid: string;
    clients?: number;
    band?: Band;
}

interface ApAcc {
    key: string;
    name?: string;
    mac?: string;
    ip?: string;
    clients?: number;
    radios: Map<string, RadioAcc>;
    vaps: VapAcc[];
    clientRows: ClientAcc[];
    /** Client rows without a readable MAC: counted, not listed. */
    unnamedRows: number;
}

interface ClientAcc {
    mac: string;
    ap?: string;
    radio?: string;
    info: ClientInfo;
}

const SELF = "self";

function sum(values: (number | undefined)[]): number | undefined {
    let total: number | undefined;
    for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
    return total;
}

function groupSsids(items: { ssid: string; clients?: number }[]): SsidCount[] {
    const by = new Map<string, number>();
    for (const it of items) {
        if (it.clients === undefined) continue;
        by.set(it.ssid, (by.get(it.ssid) ?? 0) + it.clients);
    }
    return Array.from(by, ([ssid, clients]) => ({ ssid, clients }))
        .filter((s) => s.ssid !== "" || s.clients > 0)
        .sort((a, b) => a.ssid.localeCompare(b.ssid));
}

function firstText(result: QueryResult, column: string): string | undefined {
    const rows = result.columns.get(column);
    if (rows === undefined) return undefined;
    for (const vb of rows.values()) {
        const t = asText(vb);
        if (t) return t;
    }
    return undefined;
}

function modelOf(profile: ApProfile, result: QueryResult): string | undefined {
    const m = profile.model;
    if (m === undefined) return undefined;
    if (m.scalar) {
        const t = asText(result.scalars.get(m.scalar));
        if (t) return t;
    }
    if (m.column) {
        const t = firstText(result, m.column);
        if (t) return t;
    }
    if (m.sysDescr) {
        const descr = asText(result.scalars.get(SYS_DESCR));
        const hit = descr === undefined ? null : m.sysDescr.exec(descr);
        if (hit?.[1]) return hit[1].trim();
    }
    return undefined;
}

/**
 * What the signal figures of this reading are: what the clients carry when there are any (a
 * vendor "RSSI" column may give dBm on one firmware and dB above noise on another), else what
 * the profile reads.
 */
function signalKind(declared: SignalKind, perClient: boolean, clients: ClientInfo[]): SignalKind {
    if (!perClient) return "none";
    if (clients.some((c) => c.signal !== undefined)) return "dBm";
    if (clients.some((c) => c.snr !== undefined)) return "snr";
    return clients.length > 0 ? "none" : declared;
}

/** Build the reading of one device from one query result. Never throws on device data. */
export function buildReading(profile: ApProfile, result: QueryResult, ctx: ReadingContext): BuiltReading {
    const standalone = profile.kind === "standalone";
    const aps = new Map<string, ApAcc>();
    const ensureAp = (key: string): ApAcc => {
        let ap = aps.get(key);
        if (ap === undefined) {
            ap = { key, radios: new Map(), vaps: [], clientRows: [], unnamedRows: 0 };
            aps.set(key, ap);
        }
        return ap;
    };
    const apKey = (idx: Record<string, string>): string | undefined => (standalone ? SELF : idx.ap);

    const ifNames = new Map<string, string>();
    if (profile.ifNames) {
        for (const [index, vb] of result.columns.get(IF_NAME) ?? []) {
            const name = asText(vb);
            if (name) ifNames.set(index, name);
        }
    }

    if (standalone) {
        const self = ensureAp(SELF);
        self.name = ctx.device;
        if (isIP(ctx.host) !== 0) self.ip = ctx.host;
    }

    // APs of a controller; those the MIB says are down or are no APs are left out, with their
    // radios and SSIDs.
    const excluded = new Set<string>();
    const apDef = profile.aps;
    const down = new Set<string>();
    const apRows = readTable(result, apDef, down);
    for (const index of down) {
        const ap = apDef ? parseIndex(index, apDef.index)?.ap : undefined;
        if (ap !== undefined) excluded.add(ap);
    }
    for (const row of apRows) {
        const key = row.idx.ap;
        if (key === undefined) continue;
        const model = toText(row.v.model);
        if (apDef?.modelPattern && model !== undefined && !apDef.modelPattern.test(model)) {
            excluded.add(key);
            continue;
        }
        const ap = ensureAp(standalone ? SELF : key);
        const ifName = profile.ifNames === "ap" ? ifNames.get(key) : undefined;
        ap.name = ifName ?? toText(row.v.name) ?? ap.name;
        const macFromIndex = apDef?.index.find(([n]) => n === "ap")?.[1] === "mac" ? key : undefined;
        ap.mac = toText(row.v.mac) ?? macFromIndex ?? ap.mac;
        ap.ip = toText(row.v.ip) ?? ap.ip;
        ap.clients = toCount(row.v.clients) ?? ap.clients;
    }

    // Radios (a row may also be one SSID: MikroTik AP interfaces)
    const radioDef = profile.radios;
    for (const row of readTable(result, radioDef)) {
        const key = apKey(row.idx);
        // A radio named by its band (UniFi) merges with the VAPs that name their radio so.
        const radioKey = radioDef?.keyFrom ? toText(row.v[radioDef.keyFrom]) : row.idx.radio;
        if (key === undefined || radioKey === undefined || excluded.has(key)) continue;
        const ap = ensureAp(key);
        const radio: RadioAcc = ap.radios.get(radioKey) ?? { key: radioKey };
        radio.label =
            toText(row.v.label) ??
            (profile.ifNames === "radio" ? ifNames.get(radioKey) : undefined) ??
            radio.label;
        radio.band = toBand(row.v.band, radioDef?.cols.band) ?? radio.band;
        radio.channel = toChannel(row.v.channel, radioDef?.cols.channel) ?? radio.channel;
        radio.noise = toNoise(row.v.noise) ?? radio.noise;
        radio.clients = toCount(row.v.clients) ?? radio.clients;
        ap.radios.set(radioKey, radio);
        if (radioDef?.cols.ssid) {
            const ssid = typeof row.v.ssid === "string" ? row.v.ssid : undefined;
            if (ssid !== undefined) {
                radio.ssid = ssid;
                ap.vaps.push({ radio: radioKey, ssid, clients: radio.clients, band: radio.band });
            }
        }
    }

    // Per-AP SSID counts
    const vapDef = profile.vaps;
    for (const row of readTable(result, vapDef)) {
        const key = apKey(row.idx);
        if (key === undefined || excluded.has(key)) continue;
        const ssid = typeof row.v.ssid === "string" ? row.v.ssid : row.idx.ssid;
        if (ssid === undefined) continue;
        const ap = ensureAp(key);
        const vap: VapAcc = { ssid, clients: toCount(row.v.clients) };
        const band = toBand(row.v.band, vapDef?.cols.band);
        if (row.idx.radio !== undefined) vap.radio = row.idx.radio;
        else if (band !== undefined) vap.radio = band; // UniFi: a VAP names its radio only by band
        if (band !== undefined) vap.band = band;
        ap.vaps.push(vap);
        if (vap.radio !== undefined && !ap.radios.has(vap.radio)) {
            const r: RadioAcc = { key: vap.radio, band };
            const channel = toChannel(row.v.channel, vapDef?.cols.channel);
            if (channel !== undefined) r.channel = channel;
            ap.radios.set(vap.radio, r);
        }
    }

    // Device-wide SSID counts
    const wlans: { ssid: string; clients?: number }[] = [];
    /** WLAN index -> SSID, for client rows that name their WLAN only by its index (Ruckus). */
    const ssidByWlan = new Map<string, string>();
    for (const row of readTable(result, profile.wlans)) {
        const clients = toCount(row.v.clients);
        // A WLAN whose name is not served still has its count (bsnDot11EssSsid on some 9800s).
        const ssid =
            typeof row.v.ssid === "string"
                ? row.v.ssid
                : (row.idx.ssid ?? (clients === undefined ? undefined : ""));
        if (ssid === undefined) continue;
        wlans.push({ ssid, clients });
        if (row.idx.wlan !== undefined) ssidByWlan.set(row.idx.wlan, ssid);
    }

    // BSSIDs
    const bssids = new Map<string, { ap?: string; radio?: string; ssid?: string }>();
    for (const row of readTable(result, profile.bssids)) {
        const bssid = toText(row.v.bssid) ?? row.idx.bssid;
        if (bssid === undefined) continue;
        bssids.set(bssid, {
            ap: row.idx.ap,
            radio: row.idx.radio,
            ssid: typeof row.v.ssid === "string" ? row.v.ssid : undefined,
        });
    }

    // Clients
    const clientDef = profile.clients;
    const clientRows = readTable(result, clientDef);
    const clientsByMac = new Map<
        string,
        { idx: Record<string, string>; v: Partial<Record<ClientField, Value>> }
    >();
    // A row whose MAC cannot be read (a custom table, a corrupt value) is still a client.
    const unnamedRows: typeof clientRows = [];
    for (const row of clientRows) {
        const mac = row.idx.mac ?? toText(row.v.mac);
        if (mac === undefined) unnamedRows.push(row);
        else clientsByMac.set(mac, row);
    }
    for (const join of clientDef?.joins ?? []) {
        for (const row of readTable(result, join)) {
            const mac = row.idx.mac ?? toText(row.v.mac);
            const target = mac === undefined ? undefined : clientsByMac.get(mac);
            if (target === undefined) continue;
            for (const [f, value] of Object.entries(row.v) as [ClientField, Value][]) {
                if (target.v[f] === undefined) target.v[f] = value;
            }
            if (row.idx.ip !== undefined && target.v.ip === undefined) target.v.ip = row.idx.ip;
        }
    }
    const apByIp = new Map<string, string>();
    const apByMac = new Map<string, string>();
    for (const ap of aps.values()) {
        if (ap.ip !== undefined) apByIp.set(ap.ip, ap.key);
        if (ap.mac !== undefined) apByMac.set(ap.mac, ap.key);
    }

    const bssOf = (row: { idx: Record<string, string>; v: Partial<Record<ClientField, Value>> }) => {
        const b = toText(row.v.bssid) ?? row.idx.bssid;
        return b === undefined ? undefined : bssids.get(b);
    };
    /** The AP a client row names: itself (standalone), by AP id, by BSSID, or by AP address. */
    const clientApKey = (row: { idx: Record<string, string>; v: Partial<Record<ClientField, Value>> }) => {
        if (standalone) return SELF;
        const named = toText(row.v.ap) ?? row.idx.ap;
        const byIp = toText(row.v.apIp);
        const byMac = toText(row.v.apMac);
        return (
            named ??
            bssOf(row)?.ap ??
            (byIp === undefined ? undefined : apByIp.get(byIp)) ??
            (byMac === undefined ? undefined : apByMac.get(byMac))
        );
    };
    let unnamedTotal = 0;
    for (const row of unnamedRows) {
        const key = clientApKey(row);
        if (key !== undefined && excluded.has(key)) continue;
        unnamedTotal++;
        if (key !== undefined) ensureAp(key).unnamedRows++;
    }

    const clients: ClientAcc[] = [];
    const cols = clientDef?.cols ?? {};
    for (const [mac, row] of clientsByMac) {
        const v = row.v;
        const bss = bssOf(row);
        const key = clientApKey(row);
        if (key !== undefined && excluded.has(key)) continue;
        const radio =
            (v.radio === undefined ? undefined : String(v.radio)) ?? row.idx.radio ?? bss?.radio ?? undefined;
        const ap = key === undefined ? undefined : ensureAp(key);
        const radioAcc = radio === undefined ? undefined : ap?.radios.get(radio);
        const info: ClientInfo = { mac };
        const ssid =
            typeof v.ssid === "string"
                ? v.ssid
                : (row.idx.ssid ??
                  bss?.ssid ??
                  radioAcc?.ssid ??
                  (row.idx.wlan === undefined ? undefined : ssidByWlan.get(row.idx.wlan)));
        if (ssid !== undefined) info.ssid = ssid;
        const band = toBand(v.band, cols.band) ?? radioAcc?.band;
        if (band !== undefined) info.band = band;
        let signal = toSignal(v.signal);
        let snr = toSnr(v.snr);
        if (typeof v.rssi === "number") {
            // An "RSSI" column of unstated scale: negative values can only be dBm; positive ones
            // are dB above the noise floor (Atheros-style), i.e. an SNR, never relabelled as dBm.
            if (v.rssi < 0) signal ??= toSignal(v.rssi);
            else snr ??= toSnr(v.rssi);
        }
        const noise = toNoise(v.noise);
        if (snr === undefined && signal !== undefined && noise !== undefined && signal > noise) {
            snr = signal - noise;
        }
        if (signal !== undefined) info.signal = signal;
        if (snr !== undefined) info.snr = snr;
        if (noise !== undefined) info.noise = noise;
        for (const f of ["txRate", "rxRate", "uptime"] as const) {
            const n = v[f];
            if (typeof n === "number") info[f] = n;
        }
        const ip = toText(v.ip) ?? row.idx.ip;
        if (ip !== undefined) info.ip = ip;
        const name = toText(v.name) ?? ctx.macNames?.get(mac);
        if (name !== undefined) info.name = name;
        const acc: ClientAcc = { mac, info };
        if (key !== undefined) acc.ap = key;
        if (radio !== undefined) acc.radio = radio;
        clients.push(acc);
        ap?.clientRows.push(acc);
        if (
            ap !== undefined &&
            radio !== undefined &&
            !ap.radios.has(radio) &&
            profile.radios === undefined
        ) {
            const r: RadioAcc = { key: radio };
            if (band !== undefined) r.band = band;
            ap.radios.set(radio, r);
        }
    }

    // Does the client list tell the truth? Only when the device served its client table, or
    // when its own counts say there is nobody to list.
    const clientColumnsList = clientColumns(profile);
    const clientTableAnswered = clientColumnsList.some((c) => (result.columns.get(c)?.size ?? 0) > 0);
    const totalScalar = firstCount(result, totalOids(profile));

    // Per-AP assembly (counts first from counters, then from client rows).
    const countedClients = (ap: ApAcc, perClient: boolean): number | undefined => {
        if (ap.clients !== undefined) return ap.clients;
        if (standalone && totalScalar !== undefined) return totalScalar;
        const radios = sum(Array.from(ap.radios.values(), (r) => r.clients));
        if (radios !== undefined) return radios;
        const vaps = sum(ap.vaps.map((v) => v.clients));
        if (vaps !== undefined) return vaps;
        return perClient ? ap.clientRows.length + ap.unnamedRows : undefined;
    };

    // Counts that do not come from client rows, to judge the client table against.
    const counterTotal =
        totalScalar ??
        sum(Array.from(aps.values(), (ap) => countedClients(ap, false))) ??
        sum(wlans.map((w) => w.clients));
    // An empty client table is "nobody" only for a MIB that has no count objects; where the
    // profile reads counts and none answered, nothing is known and no 0 is made up.
    const perClient =
        clientDef !== undefined &&
        (clientTableAnswered || counterTotal === 0 || (counterTotal === undefined && !readsCounts(profile)));
    const clientsComplete =
        perClient &&
        unnamedTotal === 0 &&
        !clientColumnsList.some((c) => result.truncated.includes(c) || result.looping.includes(c));

    // SSIDs a WLAN table lists without a count: when the client table was read, its rows are
    // the count (0 for an SSID nobody is on is then a real 0).
    // Only when every client row names its SSID; an SSID listed on several radios is counted once.
    const wlanSum = sum(wlans.map((w) => w.clients));
    if (perClient && unnamedTotal === 0 && clients.every((c) => c.info.ssid !== undefined)) {
        const filled = new Set<string>();
        for (const w of wlans) {
            if (w.clients !== undefined) continue;
            w.clients = filled.has(w.ssid) ? 0 : clients.filter((c) => c.info.ssid === w.ssid).length;
            filled.add(w.ssid);
        }
    }

    const apList: ApInfo[] = [];
    for (const ap of aps.values()) {
        const radios: RadioInfo[] = Array.from(ap.radios.values())
            .sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }))
            .map((r) => {
                const out: RadioInfo = { id: r.label ?? r.key };
                if (r.band !== undefined) out.band = r.band;
                if (r.channel !== undefined) out.channel = r.channel;
                const count =
                    r.clients ??
                    sum(ap.vaps.filter((v) => v.radio === r.key).map((v) => v.clients)) ??
                    // Rows count per radio only when every row says which radio it is on.
                    (perClient && ap.unnamedRows === 0 && ap.clientRows.every((c) => c.radio !== undefined)
                        ? ap.clientRows.filter((c) => c.radio === r.key).length
                        : undefined);
                if (count !== undefined) out.clients = count;
                if (r.noise !== undefined) out.noise = r.noise;
                return out;
            });
        let ssids = groupSsids(ap.vaps);
        if (ssids.length === 0 && standalone) ssids = groupSsids(wlans);
        if (ssids.length === 0 && perClient) {
            ssids = groupSsids(
                ap.clientRows
                    .filter((c) => c.info.ssid !== undefined)
                    .map((c) => ({ ssid: c.info.ssid ?? "", clients: 1 })),
            );
        }
        // Documented key order: id, name, mac, ip, clients, radios, ssids.
        const info: ApInfo = { id: standalone ? ctx.host : ap.key, name: ap.name ?? ap.key } as ApInfo;
        if (ap.mac !== undefined) info.mac = ap.mac;
        if (ap.ip !== undefined) info.ip = ap.ip;
        const count = countedClients(ap, perClient);
        if (count !== undefined) info.clients = count;
        info.radios = radios;
        info.ssids = ssids;
        apList.push(info);
    }
    apList.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

    const apNames = new Map<string, string>();
    for (const ap of aps.values()) apNames.set(ap.key, ap.name ?? ap.key);
    const clientAps = new Map<string, string>();
    const clientList: ClientInfo[] = [];
    if (perClient) {
        for (const c of clients.sort((a, b) => a.mac.localeCompare(b.mac))) {
            const { mac, ...rest } = c.info;
            const out: ClientInfo = { mac };
            if (c.ap !== undefined) {
                out.ap = apNames.get(c.ap) ?? c.ap;
                clientAps.set(mac, standalone ? ctx.host : c.ap);
            }
            clientList.push(Object.assign(out, rest));
        }
    }

    let ssids = groupSsids(wlans);
    if (ssids.length === 0) ssids = groupSsids(apList.flatMap((a) => a.ssids));

    const apTotal = toCount(
        profile.totals?.aps
            ? readValue(result.scalars.get(profile.totals.aps), { oid: "", as: "int" })
            : undefined,
    );
    const { total: clientsTotal, quirks } = chooseTotal({
        controller: !standalone,
        scalar: totalScalar,
        wlans: wlanSum,
        aps: sum(apList.map((a) => a.clients)),
        rows: perClient ? clientList.length + unnamedTotal : undefined,
    });

    const reading: ApReading = {
        device: ctx.device,
        host: ctx.host,
        reachable: true,
        profile: profile.id,
        time: ctx.time,
        totals: {
            clients: clientsTotal ?? null,
            aps: standalone ? 1 : apList.length > 0 ? apList.length : (apTotal ?? 0),
        },
        aps: apList,
        ssids,
        clients: clientList,
        capabilities: { perClient, signal: signalKind(profile.signal, perClient, clientList) },
    };
    const model = modelOf(profile, result);
    if (model !== undefined) {
        // Documented key order: device, host, reachable, profile, model, time, ...
        const { device, host, reachable, profile: p, ...rest } = reading;
        return {
            reading: { device, host, reachable, profile: p, model, ...rest },
            clientAps,
            clientsComplete,
            quirks,
        };
    }
    return { reading, clientAps, clientsComplete, quirks };
}
