/**
 * Assembly passes: from the draft (after the inventory and client passes) to the payload. Counts
 * come from the device's own counters where it keeps them, and only otherwise from counting
 * client rows, which are trusted only when the device served its client table. A number the
 * device does not give is absent.
 */
import { finish, ROWS_PER_STEP, sortSteps, type Steps } from "../slices";
import type { QueryResult } from "../snmp/query";
import { asText } from "../snmp/varbind";
import { readValue, toCount } from "./decode";
import type { ApAcc, ClientAcc, Draft, RadioAcc, VapAcc } from "./draft";
import { DEFAULT_WEAK_BELOW, judgeAp, loadThresholds, signalsOf, type ApSignals } from "./load";
import { SYS_DESCR } from "./oids";
import { clientColumns, readsCounts, totalOids } from "./tables";
import type { ApInfo, ApProfile, ApReading, ClientInfo, RadioInfo, SignalKind, SsidCount } from "./types";

// One collator each, built once: localeCompare builds one per call (with options, a costly one),
// and a 200,000-client controller sorts millions of times. The order is localeCompare's.
const byText = new Intl.Collator();
const byNumbered = new Intl.Collator(undefined, { numeric: true });
/** A MAC as the decoders write it: lower-case hex pairs and colons. */
const CANONICAL_MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

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
        .sort((a, b) => byText.compare(a.ssid, b.ssid));
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
    finish(fillSsidsFromRowsSteps(d, perClient));
}

/** {@link fillSsidsFromRows} in pause-able steps (slices.ts): the rows counted once per SSID. */
export function* fillSsidsFromRowsSteps(d: Draft, perClient: boolean): Steps<void> {
    if (!perClient || !d.wlans.some((w) => w.clients === undefined)) return;
    const perSsid = new Map<string, number>();
    let n = 0;
    for (const rows of [d.clients.map((c) => c.info), d.unnamedClients]) {
        for (const { ssid } of rows) {
            if (ssid === undefined) return;
            perSsid.set(ssid, (perSsid.get(ssid) ?? 0) + 1);
            if (++n % ROWS_PER_STEP === 0) yield;
        }
    }
    const filled = new Set<string>();
    for (const w of d.wlans) {
        if (w.clients !== undefined) continue;
        w.clients = filled.has(w.ssid) ? 0 : (perSsid.get(w.ssid) ?? 0);
        w.fromRows = true;
        filled.add(w.ssid);
    }
}

/** The id an AP has in the payload: the polled host for a standalone device, else its key. */
function apId(d: Draft, key: string): string {
    return d.standalone ? d.ctx.host : key;
}

/** An AP's radios, in index order. */
export function sortedRadios(ap: ApAcc): RadioAcc[] {
    return Array.from(ap.radios.values()).sort((a, b) => byNumbered.compare(a.key, b.key));
}

/** Client rows per radio key, when every row says which radio it is on (else undefined). */
function rowsPerRadio(ap: ApAcc): Map<string, number> | undefined {
    const counts = new Map<string, number>();
    for (const rows of [ap.clientRows, ap.unnamedRows]) {
        for (const c of rows) {
            if (c.radio === undefined) return undefined;
            counts.set(c.radio, (counts.get(c.radio) ?? 0) + 1);
        }
    }
    return counts;
}

/**
 * An AP's radios, in index order. A radio's count: its counter, else the sum of its SSIDs',
 * else (when the client list is trusted and every row says which radio it is on) its clients.
 * Radio health as the device gives it; the signal summary of its clients when given.
 */
export function radioInfos(ap: ApAcc, perClient: boolean, signals?: ApSignals): RadioInfo[] {
    const placed = perClient ? rowsPerRadio(ap) : undefined;
    return sortedRadios(ap).map((r) => {
        // Documented key order: id, band, channel, width, txPower, clients, noise, utilisation,
        // retries, failures, signal, load.
        const out: RadioInfo = { id: r.label ?? r.key };
        if (r.band !== undefined) out.band = r.band;
        if (r.channel !== undefined) out.channel = r.channel;
        if (r.width !== undefined) out.width = r.width;
        if (r.txPower !== undefined) out.txPower = r.txPower;
        const count =
            r.clients ??
            sum(ap.vaps.filter((v) => v.radio === r.key).map((v) => v.clients)) ??
            (placed === undefined ? undefined : (placed.get(r.key) ?? 0));
        if (count !== undefined) out.clients = count;
        if (r.noise !== undefined) out.noise = r.noise;
        if (r.utilisation !== undefined) out.utilisation = r.utilisation;
        if (r.retries !== undefined) out.retries = r.retries;
        if (r.failures !== undefined) out.failures = r.failures;
        const signal = signals?.radios.get(r.key)?.summary;
        if (signal !== undefined) out.signal = signal;
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

/**
 * The payload's APs, sorted by name, each with its radios, SSIDs, the signal of its clients
 * (where they carry dBm) and the load verdicts (load.ts).
 */
export function apInfos(d: Draft, totals: DeviceTotals, perClient: boolean): ApInfo[] {
    return finish(apInfosSteps(d, totals, perClient));
}

/** {@link apInfos} in pause-able steps (slices.ts). */
export function* apInfosSteps(d: Draft, totals: DeviceTotals, perClient: boolean): Steps<ApInfo[]> {
    const list: ApInfo[] = [];
    const weakBelow = d.ctx.weakBelow ?? DEFAULT_WEAK_BELOW;
    const thresholds = loadThresholds(d.ctx.load);
    // An AP costs about as much as the few clients on it: pause every few APs and clients.
    let work = 0;
    for (const ap of d.aps.values()) {
        work += 8 + ap.clientRows.length;
        if (work >= ROWS_PER_STEP) {
            work = 0;
            yield;
        }
        const signals: ApSignals = perClient ? signalsOf(ap.clientRows, weakBelow) : { radios: new Map() };
        const radios = radioInfos(ap, perClient, signals);
        // Documented key order: id, name, mac, ip, clients, utilisation, signal, load, radios, ssids.
        const info = { id: apId(d, ap.key), name: ap.name ?? ap.key } as ApInfo;
        if (ap.mac !== undefined) info.mac = ap.mac;
        if (ap.ip !== undefined) info.ip = ap.ip;
        const count = apClientCount(d, ap, totals, perClient);
        if (count !== undefined) info.clients = count;
        const judged: ApInfo = { ...info, radios, ssids: [] };
        if (signals.ap !== undefined) judged.signal = signals.ap.summary;
        judgeAp(
            judged,
            sortedRadios(ap).map((r) => r.key),
            signals,
            thresholds,
        );
        if (judged.utilisation !== undefined) info.utilisation = judged.utilisation;
        if (judged.signal !== undefined) info.signal = judged.signal;
        if (judged.load !== undefined) info.load = judged.load;
        info.radios = radios;
        info.ssids = apSsids(d, ap, perClient);
        list.push(info);
    }
    return yield* sortSteps(list, (a, b) => byNumbered.compare(a.name, b.name));
}

/**
 * The payload's clients, sorted by MAC, each with its AP's name; and each client's AP id (for
 * roaming events). Empty unless the client list is trusted.
 */
export function clientList(
    d: Draft,
    perClient: boolean,
): { clients: ClientInfo[]; clientAps: Map<string, string> } {
    return finish(clientListSteps(d, perClient));
}

/** {@link clientList} in pause-able steps (slices.ts). */
export function* clientListSteps(
    d: Draft,
    perClient: boolean,
): Steps<{ clients: ClientInfo[]; clientAps: Map<string, string> }> {
    const clients: ClientInfo[] = [];
    const clientAps = new Map<string, string>();
    if (!perClient) return { clients, clientAps };
    const apNames = new Map<string, string>();
    for (const ap of d.aps.values()) apNames.set(ap.key, ap.name ?? ap.key);
    // MACs as the decoders write them compare the same as text by code unit (hex digits before
    // letters, colons in the same places), at a fraction of the cost.
    let canonical = true;
    for (let i = 0; canonical && i < d.clients.length; i++) {
        canonical = CANONICAL_MAC.test((d.clients[i] as ClientAcc).mac);
        if (i % ROWS_PER_STEP === 0) yield;
    }
    const sorted = yield* sortSteps(
        d.clients,
        canonical
            ? (a, b) => (a.mac < b.mac ? -1 : a.mac > b.mac ? 1 : 0)
            : (a, b) => byText.compare(a.mac, b.mac),
    );
    let n = 0;
    for (const c of sorted) {
        if (++n % ROWS_PER_STEP === 0) yield;
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
