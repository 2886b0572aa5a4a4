/**
 * What to read from a printer, and what to remember between polls.
 *
 * The first poll of a device (discovery) walks every column the reading needs in one query plan.
 * What describes the printer (names, types, classes, units, colours, tray names and media) is then
 * cached per device, with the list of instances that change: levels, capacities, statuses, the
 * error state, page counters. A steady-state poll reads exactly those instances by OID (a few
 * requests, usually one) plus sysUpTime and prtGeneralConfigChanges, which say when the cache is
 * stale: RFC 3805 increments prtGeneralConfigChanges on any change "other than those that reflect
 * status or level, or those that act as counters or gauges", including rows added or removed,
 * and a reboot (sysUpTime going back) may renumber rows.
 *
 * The alert table's rows come and go, so it is walked rather than read by index, and only when it
 * can have changed: when it had rows last time, when prtAlertAllEvents or prtAlertCriticalEvents
 * moved, or when the agent has no such counters.
 */
import type { QueryPlan, QueryResult } from "../snmp/query";
import { asInt, type Varbind } from "../snmp/varbind";
import { hasPrinterData, printerDevices, type Snapshot } from "./decode";
import { ALERT_COLUMNS, COL, DYNAMIC_COLUMNS, STATIC_COLUMNS, SYS, type ColumnName } from "./mib";

/** One instance read by OID on every steady-state poll. */
export interface Instance {
    oid: string;
    column: string;
    index: string;
}

/** What the node remembers about one device between polls. */
export interface CacheEntry {
    /** Static columns from the last discovery, by column OID. */
    columns: Map<string, Map<string, Varbind>>;
    /** sysDescr, sysObjectID, sysName, sysLocation from the last discovery. */
    scalars: Map<string, Varbind>;
    /** The instances that change, read by OID. */
    dynamic: Instance[];
    /** sysUpTime (ticks) at the last poll: a smaller value later means a reboot. */
    upTime: number | undefined;
    /** prtGeneralConfigChanges per printer ("hrD=value" joined), undefined when the agent has none. */
    configChanges: string | undefined;
    /** prtAlertAllEvents/CriticalEvents per printer, undefined when the agent has none. */
    alertCounters: string | undefined;
    /** Alert rows seen at the last poll (raw columns, by column OID). */
    alerts: Map<string, Map<string, Varbind>>;
    /** Rows in the alert table at the last poll. */
    alertRows: number;
    /** When discovery ran (ms). */
    discoveredAt: number;
}

const COLUMN_BY_OID = new Map<string, ColumnName>(
    (Object.keys(COL) as ColumnName[]).map((name) => [COL[name], name]),
);

/** Every scalar and column a first poll reads. */
export function discoveryPlan(maxRows: number): QueryPlan {
    return {
        scalars: [SYS.descr, SYS.objectId, SYS.upTime, SYS.name, SYS.location],
        columns: [...STATIC_COLUMNS, ...DYNAMIC_COLUMNS, ...ALERT_COLUMNS].map((c) => COL[c]),
        maxRows,
    };
}

/** The alert table walk. */
export function alertPlan(maxRows: number): QueryPlan {
    return { columns: ALERT_COLUMNS.map((c) => COL[c]), maxRows };
}

/**
 * How the steady-state poll reads the alert table: `walk` all its columns (it had rows last time),
 * `probe` one column to see whether rows appeared (no counters to tell), or `none` (the counters
 * will say whether anything was added).
 */
export function alertMode(entry: CacheEntry): "walk" | "probe" | "none" {
    if (entry.alertRows > 0) return "walk";
    return entry.alertCounters === undefined ? "probe" : "none";
}

const PROBE_COLUMN = COL.alertSeverity;

/** The steady-state plan: known instances by OID, plus the alert walk or probe when due. */
export function steadyPlan(entry: CacheEntry, maxRows: number): QueryPlan {
    const mode = alertMode(entry);
    return {
        scalars: [SYS.upTime, ...entry.dynamic.map((i) => i.oid)],
        columns: mode === "walk" ? ALERT_COLUMNS.map((c) => COL[c]) : mode === "probe" ? [PROBE_COLUMN] : [],
        maxRows,
    };
}

/** Did a probe of the empty alert table find rows? */
export function probeFoundAlerts(result: QueryResult): boolean {
    return (result.columns.get(PROBE_COLUMN)?.size ?? 0) > 0;
}

function perDevice(result: Snapshot, column: ColumnName, devices: number[]): string | undefined {
    const rows = result.columns.get(COL[column]);
    if (rows === undefined || rows.size === 0) return undefined;
    return devices.map((hrD) => `${hrD}=${asInt(rows.get(String(hrD))) ?? "-"}`).join(",");
}

function alertCountersOf(snap: Snapshot, devices: number[]): string | undefined {
    const all = perDevice(snap, "alertAllEvents", devices);
    const critical = perDevice(snap, "alertCriticalEvents", devices);
    return all === undefined && critical === undefined ? undefined : `${all ?? ""}|${critical ?? ""}`;
}

function alertColumns(snap: Snapshot): Map<string, Map<string, Varbind>> {
    const out = new Map<string, Map<string, Varbind>>();
    for (const c of ALERT_COLUMNS) out.set(COL[c], snap.columns.get(COL[c]) ?? new Map<string, Varbind>());
    return out;
}

function countRows(columns: Map<string, Map<string, Varbind>>): number {
    const indexes = new Set<string>();
    for (const rows of columns.values()) for (const index of rows.keys()) indexes.add(index);
    return indexes.size;
}

/**
 * Remember a discovery result. Returns undefined when the device has no printer data (the caller
 * reports notPrinter).
 */
export function entryFromDiscovery(result: QueryResult, now: number): CacheEntry | undefined {
    if (!hasPrinterData(result)) return undefined;
    const devices = printerDevices(result);
    const printers = new Set(devices.map(String));
    const columns = new Map<string, Map<string, Varbind>>();
    for (const c of STATIC_COLUMNS) {
        const rows = result.columns.get(COL[c]);
        if (rows !== undefined && rows.size > 0) columns.set(COL[c], rows);
    }
    const scalars = new Map<string, Varbind>();
    for (const oid of [SYS.descr, SYS.objectId, SYS.name, SYS.location]) {
        const vb = result.scalars.get(oid);
        if (vb !== undefined) scalars.set(oid, vb);
    }
    const dynamic: Instance[] = [];
    for (const c of DYNAMIC_COLUMNS) {
        const rows = result.columns.get(COL[c]);
        if (rows === undefined) continue;
        for (const index of rows.keys()) {
            // hrDeviceTable lists every device (disks, network cards): keep the printers only.
            if (c === "hrDeviceStatus" && !printers.has(index)) continue;
            dynamic.push({ oid: `${COL[c]}.${index}`, column: COL[c], index });
        }
    }
    const alerts = alertColumns(result);
    return {
        columns,
        scalars,
        dynamic,
        upTime: asInt(result.scalars.get(SYS.upTime)),
        configChanges: perDevice(result, "configChanges", devices),
        alertCounters: alertCountersOf(result, devices),
        alerts,
        alertRows: countRows(alerts),
        discoveredAt: now,
    };
}

/**
 * Without prtGeneralConfigChanges (an optional object) nothing but a reboot or a vanished row
 * would ever refresh the cache, so such agents are read afresh once a day.
 */
const MAX_AGE_WITHOUT_CHANGE_COUNTER = 24 * 3600_000;

/** Is the entry too old to trust before even asking the device? */
export function expired(entry: CacheEntry, now: number): boolean {
    return entry.configChanges === undefined && now - entry.discoveredAt >= MAX_AGE_WITHOUT_CHANGE_COUNTER;
}

/** Why a steady-state result means the cache is stale, or undefined when it is still good. */
export function staleReason(entry: CacheEntry, result: QueryResult): string | undefined {
    const upTime = asInt(result.scalars.get(SYS.upTime));
    if (upTime !== undefined && entry.upTime !== undefined && upTime < entry.upTime) return "reboot";
    const missing = entry.dynamic.find((i) => !result.scalars.has(i.oid));
    if (missing !== undefined)
        return `row gone (${COLUMN_BY_OID.get(missing.column) ?? missing.column}.${missing.index})`;
    const snap = snapshotOf(entry, result, undefined);
    const devices = printerDevices(snap);
    if (
        entry.configChanges !== undefined &&
        perDevice(snap, "configChanges", devices) !== entry.configChanges
    ) {
        return "prtGeneralConfigChanges";
    }
    return undefined;
}

/** Did the alert counters move since the last poll? */
export function alertCountersMoved(entry: CacheEntry, result: QueryResult): boolean {
    if (entry.alertCounters === undefined) return false;
    const snap = snapshotOf(entry, result, undefined);
    return alertCountersOf(snap, printerDevices(snap)) !== entry.alertCounters;
}

/**
 * The snapshot a steady-state poll decodes: cached static columns, the fresh instances, and the
 * alert rows (freshly walked, or unchanged since the last poll).
 */
export function snapshotOf(
    entry: CacheEntry,
    result: QueryResult,
    alerts: Map<string, Map<string, Varbind>> | undefined,
): Snapshot {
    const columns = new Map<string, Map<string, Varbind>>(entry.columns);
    for (const i of entry.dynamic) {
        const vb = result.scalars.get(i.oid);
        if (vb === undefined) continue;
        let rows = columns.get(i.column);
        if (rows === undefined) {
            rows = new Map<string, Varbind>();
            columns.set(i.column, rows);
        }
        rows.set(i.index, vb);
    }
    for (const [oid, rows] of alerts ?? entry.alerts) columns.set(oid, rows);
    const scalars = new Map<string, Varbind>(entry.scalars);
    const upTime = result.scalars.get(SYS.upTime);
    if (upTime !== undefined) scalars.set(SYS.upTime, upTime);
    return { scalars, columns };
}

/** Update the entry after a good steady-state poll. */
export function refreshEntry(entry: CacheEntry, snap: Snapshot, walkedAlerts: boolean): void {
    const devices = printerDevices(snap);
    entry.upTime = asInt(snap.scalars.get(SYS.upTime)) ?? entry.upTime;
    entry.alertCounters = alertCountersOf(snap, devices) ?? entry.alertCounters;
    if (walkedAlerts) {
        entry.alerts = alertColumns(snap);
        entry.alertRows = countRows(entry.alerts);
    }
}

/** Alert columns from a walk result. */
export function walkedAlerts(result: QueryResult): Map<string, Map<string, Varbind>> {
    return alertColumns(result);
}

// ---------------------------------------------------------------------------------------------
// Request sizing

/** Bytes of one sub-identifier in BER. */
function subidBytes(n: number): number {
    let bytes = 1;
    while (n >= 128 && bytes < 5) {
        n = Math.floor(n / 128);
        bytes++;
    }
    return bytes;
}

/** Estimated bytes of one varbind in a response: the OID, a small value, the framing. */
export function varbindBytes(oid: string): number {
    const parts = oid.split(".").map(Number);
    let oidLen = 1; // the first two sub-identifiers share one byte
    for (const p of parts.slice(2)) oidLen += subidBytes(p);
    return 2 + oidLen + 6 + 2;
}

/**
 * How many objects to put in one request so that the response fits in one message of the agent's
 * maximum size (SNMP framing takes the rest; SNMPv3 adds its security parameters).
 */
export function objectsPerRequest(oids: readonly string[], maxMessageSize: number, v3: boolean): number {
    if (oids.length === 0) return 1;
    const budget = maxMessageSize - (v3 ? 160 : 60);
    const largest = Math.max(...oids.map(varbindBytes));
    return Math.max(1, Math.floor(budget / largest));
}
