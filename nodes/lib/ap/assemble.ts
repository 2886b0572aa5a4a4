/**
 * Assembly passes: from the draft (after the inventory and client passes) to the payload. Counts
 * come from the device's own counters where it keeps them, and only otherwise from counting
 * client rows, which are trusted only when the device served its client table. A number the
 * device does not give is absent.
 */
import type { QueryResult } from "../snmp/query";
import { asText } from "../snmp/varbind";
import { readValue, toCount } from "./decode";
import type { ApAcc, Draft, VapAcc } from "./draft";
import { SYS_DESCR } from "./oids";
import { clientColumns, readsCounts, totalOids } from "./tables";
import type { ApInfo, ApProfile, ApReading, ClientInfo, RadioInfo, SignalKind, SsidCount } from "./types";

/** The sum of the values given, or undefined when none is. */
function sum(values: (number | undefined)[]): number | undefined {
    let total: number | undefined;
    for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
    return total;
}

/**
 * Counts per SSID, by name, sorted. Items without a count are left out, and so is an unnamed
 * SSID without clients.
 */
export function groupSsids(items: readonly { ssid: string; clients?: number }[]): SsidCount[] {
    const by = new Map<string, number>();
    for (const it of items) {
        if (it.clients === undefined) continue;
        by.set(it.ssid, (by.get(it.ssid) ?? 0) + it.clients);
    }
    return Array.from(by, ([ssid, clients]) => ({ ssid, clients }))
        .filter((s) => s.ssid !== "" || s.clients > 0)
        .sort((a, b) => a.ssid.localeCompare(b.ssid));
}

/** The totals the device keeps itself (scalars), where the profile names them. */
export interface DeviceTotals {
    clients?: number;
    aps?: number;
}

function scalarCount(result: QueryResult, oid: string | undefined): number | undefined {
    return toCount(oid ? readValue(result.scalars.get(oid), { oid: "", as: "int" }) : undefined);
}

export function readTotals(d: Draft): DeviceTotals {
    const totals: DeviceTotals = {};
    // The first of the profile's total objects that answers (another enterprise tree, Pepwave).
    const clients = totalOids(d.profile)
        .map((oid) => scalarCount(d.result, oid))
        .find((n) => n !== undefined);
    const aps = scalarCount(d.result, d.profile.totals?.aps);
    if (clients !== undefined) totals.clients = clients;
    if (aps !== undefined) totals.aps = aps;
    return totals;
}

/**
 * An AP's client count: its own counter; else, for a standalone device, the device total; else
 * the sum of its radios' counters, else of its SSIDs'; else, when the client list is trusted
 * (`perClient`), its client rows.
 */
export function apClientCount(
    d: Draft,
    ap: ApAcc,
    totals: DeviceTotals,
    perClient: boolean,
): number | undefined {
    if (ap.clients !== undefined) return ap.clients;
    if (d.standalone && totals.clients !== undefined) return totals.clients;
    const radios = sum(Array.from(ap.radios.values(), (r) => r.clients));
    if (radios !== undefined) return radios;
    const vaps = sum(ap.vaps.map((v) => v.clients));
    if (vaps !== undefined) return vaps;
    return perClient ? ap.clientRows.length + ap.unnamedRows.length : undefined;
}

export interface ClientListVerdict {
    /** The client list tells the truth: the payload lists clients and counts them. */
    perClient: boolean;
    /** ... and was read whole (no table cut short or looping): events may be derived from it. */
    complete: boolean;
}

/**
 * Does the client list tell the truth? Only when the device served its client table, or when
 * its own counters (not the client rows) say there is nobody to list, or when its MIB has no
 * counters at all (an empty table is then nobody). Where the profile reads counters and none
 * answered, nothing is known: no 0 is made up. A list is complete (events may be derived from
 * it) when no table was cut short and every row had a readable MAC.
 */
export function judgeClientList(d: Draft, totals: DeviceTotals): ClientListVerdict {
    const { profile, result } = d;
    const columns = clientColumns(profile);
    const answered = columns.some((c) => (result.columns.get(c)?.size ?? 0) > 0);
    const counted =
        totals.clients ??
        sum(Array.from(d.aps.values(), (ap) => apClientCount(d, ap, totals, false))) ??
        sum(d.wlans.map((w) => w.clients));
    const perClient =
        profile.clients !== undefined &&
        (answered || counted === 0 || (counted === undefined && !readsCounts(profile)));
    const complete =
        perClient &&
        d.unnamedClients.length === 0 &&
        !columns.some((c) => result.truncated.includes(c) || result.looping.includes(c));
    return { perClient, complete };
}

/**
 * SSIDs a WLAN table lists without a count: when the client list is trusted and every client
 * names its SSID, the count is its clients (0 for an SSID nobody is on is then a real 0). An
 * SSID listed on several radios is counted once.
 */
export function fillSsidsFromRows(d: Draft, perClient: boolean): void {
    const rows = [...d.clients.map((c) => c.info.ssid), ...d.unnamedClients.map((u) => u.ssid)];
    if (!perClient || rows.some((ssid) => ssid === undefined)) return;
    const filled = new Set<string>();
    for (const w of d.wlans) {
        if (w.clients !== undefined) continue;
        w.clients = filled.has(w.ssid) ? 0 : rows.filter((ssid) => ssid === w.ssid).length;
        w.fromRows = true;
        filled.add(w.ssid);
    }
}

/** The id an AP has in the payload: the polled host for a standalone device, else its key. */
function apId(d: Draft, key: string): string {
    return d.standalone ? d.ctx.host : key;
}

/**
 * An AP's radios, in index order. A radio's count: its counter, else the sum of its SSIDs',
 * else (when the client list is trusted) its clients.
 */
export function radioInfos(ap: ApAcc, perClient: boolean): RadioInfo[] {
    return Array.from(ap.radios.values())
        .sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }))
        .map((r) => {
            const out: RadioInfo = { id: r.label ?? r.key };
            if (r.band !== undefined) out.band = r.band;
            if (r.channel !== undefined) out.channel = r.channel;
            // Rows count per radio only when every row says which radio it is on.
            const rows = [...ap.clientRows, ...ap.unnamedRows];
            const rowsPlaced = rows.every((c) => c.radio !== undefined);
            const count =
                r.clients ??
                sum(ap.vaps.filter((v) => v.radio === r.key).map((v) => v.clients)) ??
                (perClient && rowsPlaced ? rows.filter((c) => c.radio === r.key).length : undefined);
            if (count !== undefined) out.clients = count;
            if (r.noise !== undefined) out.noise = r.noise;
            return out;
        });
}

/**
 * An AP's SSID counts: from its VAPs; else, standalone, the device's WLAN counts; else (when the
 * client list is trusted) its clients by SSID.
 */
export function apSsids(d: Draft, ap: ApAcc, perClient: boolean): SsidCount[] {
    let ssids = groupSsids(ap.vaps);
    if (ssids.length === 0 && d.standalone) ssids = groupSsids(d.wlans);
    if (ssids.length === 0 && perClient) {
        const rows: VapAcc[] = [];
        for (const ssid of [...ap.clientRows.map((c) => c.info.ssid), ...ap.unnamedRows.map((u) => u.ssid)])
            if (ssid !== undefined) rows.push({ ssid, clients: 1 });
        ssids = groupSsids(rows);
    }
    return ssids;
}

/** The payload's APs, sorted by name. */
export function apInfos(d: Draft, totals: DeviceTotals, perClient: boolean): ApInfo[] {
    const list: ApInfo[] = [];
    for (const ap of d.aps.values()) {
        // Documented key order: id, name, mac, ip, clients, radios, ssids.
        const info = { id: apId(d, ap.key), name: ap.name ?? ap.key } as ApInfo;
        if (ap.mac !== undefined) info.mac = ap.mac;
        if (ap.ip !== undefined) info.ip = ap.ip;
        const count = apClientCount(d, ap, totals, perClient);
        if (count !== undefined) info.clients = count;
        info.radios = radioInfos(ap, perClient);
        info.ssids = apSsids(d, ap, perClient);
        list.push(info);
    }
    return list.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

/**
 * The payload's clients, sorted by MAC, each with its AP's name; and each client's AP id (for
 * roaming events). Empty unless the client list is trusted.
 */
export function clientList(
    d: Draft,
    perClient: boolean,
): { clients: ClientInfo[]; clientAps: Map<string, string> } {
    const clients: ClientInfo[] = [];
    const clientAps = new Map<string, string>();
    if (!perClient) return { clients, clientAps };
    const apNames = new Map<string, string>();
    for (const ap of d.aps.values()) apNames.set(ap.key, ap.name ?? ap.key);
    for (const c of [...d.clients].sort((a, b) => a.mac.localeCompare(b.mac))) {
        // Documented key order: mac, ap, then what the client row gave.
        const { mac, ...rest } = c.info;
        const out: ClientInfo = { mac };
        if (c.ap !== undefined) {
            out.ap = apNames.get(c.ap) ?? c.ap;
            clientAps.set(mac, apId(d, c.ap));
        }
        clients.push(Object.assign(out, rest));
    }
    return { clients, clientAps };
}

/** The device's SSID counts: its WLAN table's, else the sum over its APs. */
export function deviceSsids(d: Draft, aps: readonly ApInfo[]): SsidCount[] {
    const ssids = groupSsids(d.wlans);
    return ssids.length > 0 ? ssids : groupSsids(aps.flatMap((a) => a.ssids));
}

/** The counts a device total can come from, each absent when the device does not give it. */
export interface TotalSources {
    controller: boolean;
    /** The device's own total scalar. */
    scalar?: number;
    /** Sum of the device-wide per-SSID counts the device keeps (not those counted from rows). */
    wlans?: number;
    /** Sum of the per-AP counts. */
    aps?: number;
    /** Client rows, when the client list is trusted. */
    rows?: number;
}

/**
 * The client total a reading shows: the device's own scalar; for a controller without one, its
 * device-wide WLAN counts (each client is on exactly one WLAN); then the per-AP counts; then the
 * client rows. A controller whose per-AP counts do not add up to the total it shows gets
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

/** Where this reading's client total comes from (see {@link chooseTotal}). */
export function totalSources(
    d: Draft,
    totals: DeviceTotals,
    aps: readonly ApInfo[],
    clients: readonly ClientInfo[],
    perClient: boolean,
): TotalSources {
    const src: TotalSources = { controller: !d.standalone };
    if (totals.clients !== undefined) src.scalar = totals.clients;
    const wlans = sum(d.wlans.filter((w) => !w.fromRows).map((w) => w.clients));
    if (wlans !== undefined) src.wlans = wlans;
    const apSum = sum(aps.map((a) => a.clients));
    if (apSum !== undefined) src.aps = apSum;
    if (perClient) src.rows = clients.length + d.unnamedClients.length;
    return src;
}

/**
 * The payload's totals. Clients: see {@link chooseTotal}; null when nothing gives one. APs: 1
 * for a standalone device, else the APs listed, else the device's own AP count, else 0.
 */
export function readingTotals(
    d: Draft,
    totals: DeviceTotals,
    aps: readonly ApInfo[],
    clients: readonly ClientInfo[],
    perClient: boolean,
): ApReading["totals"] {
    const { total } = chooseTotal(totalSources(d, totals, aps, clients, perClient));
    return {
        clients: total ?? null,
        aps: d.standalone ? 1 : aps.length > 0 ? aps.length : (totals.aps ?? 0),
    };
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

/** The device's model: from the profile's scalar, else the first row of its column, else sysDescr. */
export function modelOf(profile: ApProfile, result: QueryResult): string | undefined {
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
export function signalKind(
    declared: SignalKind,
    perClient: boolean,
    clients: readonly ClientInfo[],
): SignalKind {
    if (!perClient) return "none";
    if (clients.some((c) => c.signal !== undefined)) return "dBm";
    if (clients.some((c) => c.snr !== undefined)) return "snr";
    return clients.length > 0 ? "none" : declared;
}

/** The reading with its model, in the documented key order (device, host, reachable, profile, model, time, ...). */
export function withModel(reading: ApReading, model: string | undefined): ApReading {
    if (model === undefined) return reading;
    const { device, host, reachable, profile, ...rest } = reading;
    return { device, host, reachable, profile, model, ...rest };
}
