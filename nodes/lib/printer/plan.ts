/**
 * What to read from a printer, and what to remember between polls.
 *
 * The first poll of a device (discovery) walks every column the reading needs, in a few streams
 * at once (see discoveryStreams).
 * What describes the printer (names, types, classes, units, colours, tray names and media) is then
 * cached per device, with the rows of the columns that change: levels, capacities, statuses, the
 * error state, page counters. A steady-state poll reads exactly those (usually in one request)
 * plus sysUpTime and prtGeneralConfigChanges, which say when the cache is stale: RFC 3805
 * increments prtGeneralConfigChanges on any change "other than those that reflect status or
 * level, or those that act as counters or gauges", including rows added or removed, and a reboot
 * (sysUpTime going back) may renumber rows.
 *
 * How the steady state reads the changing columns is worked out once per device (see
 * steadyRead). Adjacent changing columns of a table form a range (the supply capacities and
 * levels; the three input columns) whose instances are known; a range is read by GETBULK cursors
 * placed at known instances, each reading max-repetitions objects, the last one reading one
 * object past the range, so a row added since is seen (and one gone is missed). A range with few
 * instances names them instead. One request carries everything; max-repetitions and the choice
 * per range minimise the bytes both ways, so the request is a fraction of one naming every
 * instance and the answer no larger.
 *
 * The alert table's rows come and go, so it is walked rather than read by index, and only when it
 * can have changed: when it had rows last time, when prtAlertAllEvents or prtAlertCriticalEvents
 * moved, or when the agent has no such counters.
 */
import type { QueryPlan, QueryResult, QueryWindow } from "../snmp/query";
import { asInt, compareOids, indexOf, type Varbind } from "../snmp/varbind";
import { hasPrinterData, printerDevices, type Snapshot } from "./decode";
import { printerVendor, type DecodeMemo } from "./context";
import { ALERT_COLUMNS, COL, DEVICE_ID, DYNAMIC_COLUMNS, STATIC_COLUMNS, SYS, type ColumnName } from "./mib";
import { vendorObjects } from "./vendors";
import { OverlayMap } from "../overlay-map";
import { isShared } from "../snmp/decode";

/** Scalars the discovery reads. */
export const DISCOVERY_SCALARS: readonly string[] = [
    SYS.descr,
    SYS.objectId,
    SYS.upTime,
    SYS.name,
    SYS.location,
    DEVICE_ID.gdStatusId,
];
/** Scalars every steady-state poll reads (and hands to the decoder) besides the changing columns. */
export const STEADY_SCALARS: readonly string[] = [SYS.upTime];
/** Discovery scalars that cannot change without a reboot or a configuration change: cached. */
const CACHED_SCALARS: readonly string[] = DISCOVERY_SCALARS.filter((oid) => !STEADY_SCALARS.includes(oid));

/** One instance read by OID on every steady-state poll. */
export interface Instance {
    oid: string;
    column: string;
    index: string;
}

/**
 * Adjacent changing columns of one table (the supply capacities and levels, the three input
 * columns), read as one stretch of objects: their known instances in OID order, then `end`, the
 * first OID past the last column.
 */
export interface Range {
    columns: string[];
    expected: string[];
    end: string;
}

/** How the steady state reads one device, worked out once per device and alert mode. */
export interface SteadyRead {
    plan: QueryPlan;
    /** GETBULK max-repetitions: the objects each cursor (window or alert column) reads. */
    maxRepetitions: number;
    /** Objects per request so that the answer fits one message. */
    objectsPerRequest: number;
    /** Instances read by name. */
    named: Instance[];
    /** Ranges read with cursors; the plan's window i belongs to `ranges[windowRange[i]]`. */
    ranges: Range[];
    windowRange: number[];
    /** What it was worked out for (alert mode and limits). */
    key: string;
}

/** What the node remembers about one device between polls. */
export interface CacheEntry {
    /** Static columns from the last discovery, by column OID. */
    columns: Map<string, Map<string, Varbind>>;
    /** sysDescr, sysObjectID, sysName, sysLocation from the last discovery. */
    scalars: Map<string, Varbind>;
    /** hrDeviceIndex of each printer the agent serves. */
    devices: number[];
    /** The known rows of each changing column (column OID -> indexes in OID order). */
    dynamic: Map<string, string[]>;
    /** Scalars read on every poll: {@link STEADY_SCALARS} and any other changing scalar it answered. */
    steadyScalars: string[];
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
    /** The steady-state read, once worked out. */
    read?: SteadyRead;
    /** What decoding the cached objects worked out (devices, vendor, identity): valid with the entry. */
    memo: DecodeMemo;
}

const COLUMN_BY_OID = new Map<string, ColumnName>(
    (Object.keys(COL) as ColumnName[]).map((name) => [COL[name], name]),
);

/** Every scalar and column a first poll reads. */
export function discoveryPlan(maxRows: number): QueryPlan {
    return {
        scalars: [...DISCOVERY_SCALARS],
        columns: [...STATIC_COLUMNS, ...DYNAMIC_COLUMNS, ...ALERT_COLUMNS].map((c) => COL[c]),
        maxRows,
    };
}

/** Which discovery stream reads a column: the paper path, the supplies, the alerts, or the rest. */
function streamOf(name: ColumnName): number {
    if (name.startsWith("input") || name.startsWith("output")) return 1;
    if (name.startsWith("supply") || name.startsWith("colorant")) return 2;
    if (ALERT_COLUMNS.includes(name)) return 3;
    return 0;
}

/**
 * The discovery plan as streams read at the same time: the scalars alone (sysObjectID names the
 * maker, whose own objects can then be asked for while the tables are still being read), then the
 * columns in four groups. Read as one plan, a first poll is five round trips one after the other;
 * in streams, two or three, which on a slow link is most of its time. Together they read exactly
 * what {@link discoveryPlan} reads.
 */
export function discoveryStreams(maxRows: number): readonly QueryPlan[] {
    // The same plans for every device (runQuery keeps what it works out per plan list).
    const known = STREAMS.get(maxRows);
    if (known !== undefined) return known;
    const groups: string[][] = [[], [], [], []];
    for (const c of [...STATIC_COLUMNS, ...DYNAMIC_COLUMNS, ...ALERT_COLUMNS]) {
        (groups[streamOf(c)] as string[]).push(COL[c]);
    }
    const streams = [
        { scalars: [...DISCOVERY_SCALARS], maxRows },
        ...groups.map((columns) => ({ columns, maxRows })),
    ];
    if (STREAMS.size >= 16) STREAMS.clear();
    STREAMS.set(maxRows, streams);
    return streams;
}

const STREAMS = new Map<number, readonly QueryPlan[]>();

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

export interface ReadLimits {
    maxRows: number;
    /** The snmp-credentials max-repetitions: no cursor reads more in one request. */
    maxRepetitions: number;
    /** The agent's largest message (bytes). */
    maxMessageSize: number;
    v3: boolean;
    /** GETBULK available (SNMPv2c and v3; SNMPv1 reads named instances only). Default true. */
    bulk?: boolean;
}

/** The steady-state plan: known rows, plus the alert walk or probe when due. */
export function steadyPlan(entry: CacheEntry, maxRows: number): QueryPlan {
    return steadyRead(entry, { maxRows, maxRepetitions: 25, maxMessageSize: 1472, v3: false }).plan;
}

/**
 * The steady-state read of a device, worked out on first use and kept with the entry. Printers
 * that list the same rows (a fleet of one model) share one read: it is never changed once made.
 */
export function steadyRead(entry: CacheEntry, limits: ReadLimits): SteadyRead {
    const mode = alertMode(entry);
    const bulk = limits.bulk !== false;
    const key = `${mode}|${limits.maxRows}|${limits.maxRepetitions}|${limits.maxMessageSize}|${limits.v3}|${bulk}`;
    if (entry.read?.key !== key) entry.read = sharedRead(entry, mode, key, { ...limits, bulk });
    return entry.read;
}

/**
 * Steady reads by everything {@link planRead} works one out from. A read holds every changing
 * instance's OID and the cursors' lists, about 6 KiB for a colour laser: one per model instead
 * of one per printer. Bounded: past READS_KEPT layouts it starts over (entries keep theirs), and
 * a layout longer than LAYOUT_CHARS (an agent listing thousands of rows) is not kept.
 */
const READS = new Map<string, SteadyRead>();
const READS_KEPT = 512;
const LAYOUT_CHARS = 8192;

function sharedRead(
    entry: CacheEntry,
    mode: "walk" | "probe" | "none",
    key: string,
    limits: ReadLimits & { bulk: boolean },
): SteadyRead {
    let layout = `${key}|${mode === "walk" ? entry.alertRows : 0}|${entry.steadyScalars.join(" ")}`;
    for (const [column, rows] of entry.dynamic) layout += `|${column}=${rows.join(" ")}`;
    const known = READS.get(layout);
    if (known !== undefined) return known;
    const read = { ...planRead(entry, mode, limits), key };
    if (layout.length > LAYOUT_CHARS) return read;
    if (READS.size >= READS_KEPT) READS.clear();
    READS.set(layout, read);
    return read;
}

/** The ranges of an entry's changing columns, and the instances that are never read by range. */
function rangesOf(entry: CacheEntry): { ranges: Range[]; named: Instance[] } {
    const ranges: Range[] = [];
    const named: Instance[] = [];
    const columns = [...entry.dynamic.keys()].sort(compareOids);
    let current: Range | undefined;
    let last: { table: string; arc: number } | undefined;
    for (const column of columns) {
        const rows = entry.dynamic.get(column) ?? [];
        if (column === COL.hrDeviceStatus) {
            // hrDeviceTable lists every device of the agent (disks, network cards) between the
            // printers: a cursor would read them all. Name the printers' rows.
            for (const index of rows) named.push({ oid: `${column}.${index}`, column, index });
            continue;
        }
        const dot = column.lastIndexOf(".");
        const table = column.slice(0, dot);
        const arc = Number(column.slice(dot + 1));
        if (current === undefined || last?.table !== table || last.arc + 1 !== arc) {
            current = { columns: [], expected: [], end: "" };
            ranges.push(current);
        }
        current.columns.push(column);
        for (const index of rows) current.expected.push(`${column}.${index}`);
        current.end = `${table}.${arc + 1}`;
        last = { table, arc };
    }
    return { ranges, named };
}

/** The cursors that read a range of `total` known objects, `reps` objects each, and one more. */
function windowsOf(range: Range, reps: number): QueryWindow[] {
    const windows: QueryWindow[] = [];
    for (let at = 0; at <= range.expected.length; at += reps) {
        const after = at === 0 ? (range.columns[0] ?? "") : (range.expected[at - 1] ?? "");
        windows.push({ after, count: reps, end: range.end });
    }
    return windows;
}

/**
 * Choose max-repetitions, and per range whether cursors read it or its instances are named, for
 * the fewest bytes both ways (an object costs about the same in the request as in the answer).
 * The alert columns are always walked, in one request when max-repetitions covers their rows.
 */
function planRead(
    entry: CacheEntry,
    mode: "walk" | "probe" | "none",
    limits: ReadLimits & { bulk: boolean },
): Omit<SteadyRead, "key"> {
    const forced =
        mode === "walk" ? ALERT_COLUMNS.map((c) => COL[c]) : mode === "probe" ? [PROBE_COLUMN] : [];
    const { ranges, named: alwaysNamed } = rangesOf(entry);
    const cap = Math.max(1, limits.maxRepetitions);
    const lowest = Math.min(cap, mode === "walk" ? entry.alertRows + 1 : 1);
    const highest = limits.bulk
        ? Math.min(cap, Math.max(lowest, ...ranges.map((r) => r.expected.length + 1)))
        : 1;
    const size = ranges.map((r) => varbindBytes(r.expected[0] ?? r.end));
    const forcedSize = forced.reduce((sum, oid) => sum + varbindBytes(oid), 0);
    let best = { reps: lowest, cursors: [] as boolean[], cost: Infinity };
    for (let reps = lowest; reps <= highest; reps++) {
        let cost = forcedSize * (1 + reps);
        const cursors = ranges.map((r, i) => {
            const bytes = size[i] ?? 0;
            const byName = r.expected.length * 2 * bytes;
            const windows = Math.ceil((r.expected.length + 1) / reps);
            const byCursor = windows * (1 + reps) * bytes;
            const useCursors = limits.bulk && byCursor < byName;
            cost += useCursors ? byCursor : byName;
            return useCursors;
        });
        // On a tie, more repetitions: fewer cursors, a smaller request.
        if (cost <= best.cost) best = { reps, cursors, cost };
    }
    const named = [...alwaysNamed];
    const windows: QueryWindow[] = [];
    const windowRange: number[] = [];
    const read: Range[] = [];
    ranges.forEach((r, i) => {
        if (!best.cursors[i]) {
            for (const oid of r.expected) {
                const column = r.columns.find((c) => oid.startsWith(`${c}.`)) ?? "";
                named.push({ oid, column, index: oid.slice(column.length + 1) });
            }
            return;
        }
        for (const w of windowsOf(r, best.reps)) {
            windows.push(w);
            windowRange.push(read.length);
        }
        read.push(r);
    });
    const scalars = [...entry.steadyScalars, ...named.map((i) => i.oid)];
    const cursors = [...forced, ...windows.map((w) => w.after)];
    return {
        plan: { scalars, columns: forced, windows, maxRows: limits.maxRows },
        maxRepetitions: best.reps,
        objectsPerRequest: objectsPerRequest(
            [...scalars, ...cursors],
            limits.maxMessageSize,
            limits.v3,
            scalars.length + best.reps * cursors.length,
        ),
        named,
        ranges: read,
        windowRange,
    };
}

/** What {@link rangeObjects} found in a result (staleReason and snapshotOf both ask). */
const RANGE_OBJECTS = new WeakMap<
    QueryResult,
    { read: SteadyRead; objects: { varbinds: Varbind[]; complete: boolean }[] }
>();

/** The objects the cursors of each range read (each object once), in the order of `read.ranges`. */
function rangeObjects(read: SteadyRead, result: QueryResult): { varbinds: Varbind[]; complete: boolean }[] {
    const known = RANGE_OBJECTS.get(result);
    if (known !== undefined && known.read === read) return known.objects;
    const objects = findRangeObjects(read, result);
    RANGE_OBJECTS.set(result, { read, objects });
    return objects;
}

function findRangeObjects(
    read: SteadyRead,
    result: QueryResult,
): { varbinds: Varbind[]; complete: boolean }[] {
    const out = read.ranges.map(() => ({
        varbinds: [] as Varbind[],
        complete: true,
        /** The highest OID taken so far. */
        highest: undefined as string | undefined,
    }));
    (result.windows ?? []).forEach((w, i) => {
        const range = out[read.windowRange[i] ?? -1];
        if (range === undefined) return;
        const first = w.varbinds[0];
        if (first === undefined) {
            // Nothing read by this cursor.
        } else if (range.highest === undefined || compareOids(first.oid, range.highest) > 0) {
            // A cursor's objects increase (runQuery ends it otherwise), and these all come after
            // every object taken so far: none is taken twice (the usual case, cursors that meet).
            for (const vb of w.varbinds) range.varbinds.push(vb);
            range.highest = (w.varbinds[w.varbinds.length - 1] as Varbind).oid;
        } else {
            // Cursors that overlap (rows added or gone): each object once.
            const seen = new Set(range.varbinds.map((vb) => vb.oid));
            for (const vb of w.varbinds) {
                if (seen.has(vb.oid)) continue;
                seen.add(vb.oid);
                range.varbinds.push(vb);
                if (compareOids(vb.oid, range.highest) > 0) range.highest = vb.oid;
            }
        }
        // The range's last cursor must get past its end: otherwise there are more objects.
        const lastOfRange = read.windowRange[i + 1] !== read.windowRange[i];
        if (lastOfRange && !w.reachedEnd) range.complete = false;
    });
    return out;
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
    // The vendor's objects (read by the first poll's second request) join the standard ones.
    const vendor = printerVendor(result, devices);
    const extra = vendor === undefined ? undefined : vendorObjects(vendor);
    const columns = new Map<string, Map<string, Varbind>>();
    for (const oid of [...STATIC_COLUMNS.map((c) => COL[c]), ...(extra?.staticColumns ?? [])]) {
        const rows = result.columns.get(oid);
        if (rows !== undefined && rows.size > 0) columns.set(oid, rows);
    }
    const scalars = new Map<string, Varbind>();
    for (const oid of [...CACHED_SCALARS, ...(extra?.staticScalars ?? [])]) {
        const vb = result.scalars.get(oid);
        if (vb !== undefined) scalars.set(oid, vb);
    }
    const dynamic = new Map<string, string[]>();
    for (const oid of [...DYNAMIC_COLUMNS.map((c) => COL[c]), ...(extra?.dynamicColumns ?? [])]) {
        const rows = result.columns.get(oid);
        if (rows === undefined || rows.size === 0) continue;
        // hrDeviceTable lists every device (disks, network cards): keep the printers only.
        const indexes = [...rows.keys()].filter((index) => oid !== COL.hrDeviceStatus || printers.has(index));
        if (indexes.length > 0) dynamic.set(oid, indexes);
    }
    const alerts = alertColumns(result);
    ownBytes([...columns.values(), scalars, ...alerts.values()]);
    return {
        columns,
        scalars,
        devices,
        dynamic,
        steadyScalars: [
            ...STEADY_SCALARS,
            ...(extra?.dynamicScalars ?? []).filter((oid) => result.scalars.has(oid)),
        ],
        upTime: asInt(result.scalars.get(SYS.upTime)),
        configChanges: perDevice(result, "configChanges", devices),
        alertCounters: alertCountersOf(result, devices),
        alerts,
        alertRows: countRows(alerts),
        discoveredAt: now,
        // The decode of this result starts from what was just worked out (the same objects).
        memo: { devices, vendor: { profile: vendor } },
    };
}

/**
 * Give the cached octet strings bytes of their own, in one block per entry. A decoded octet string
 * is a view of the datagram it came in: kept in the cache, it would keep every datagram of the
 * first poll (about 6 KiB for a colour laser) for as long as the entry lives, for a few hundred
 * bytes of names. The varbinds are the first poll's own, changed in place (same bytes).
 */
function ownBytes(columns: readonly Map<string, Varbind>[]): void {
    let total = 0;
    for (const rows of columns)
        for (const vb of rows.values())
            if (Buffer.isBuffer(vb.value) && !isShared(vb)) total += vb.value.length;
    if (total === 0) return;
    const block = Buffer.allocUnsafeSlow(total);
    let at = 0;
    for (const rows of columns) {
        for (const vb of rows.values()) {
            const bytes = vb.value;
            if (!Buffer.isBuffer(bytes) || isShared(vb)) continue;
            bytes.copy(block, at);
            vb.value = block.subarray(at, at + bytes.length);
            at += bytes.length;
        }
    }
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

/** The name of a column for messages ("supplyLevel"). */
function columnName(oid: string): string {
    return COLUMN_BY_OID.get(oid) ?? oid;
}

/**
 * Why a steady-state result means the cache is stale, or undefined when it is still good: a
 * reboot, a named instance gone, a range whose objects are not the known ones (a row added or
 * gone), or prtGeneralConfigChanges moved. `snap` is {@link snapshotOf} the result.
 */
export function staleReason(entry: CacheEntry, result: QueryResult, snap?: Snapshot): string | undefined {
    const upTime = asInt(result.scalars.get(SYS.upTime));
    if (upTime !== undefined && entry.upTime !== undefined && upTime < entry.upTime) return "reboot";
    const read = entry.read;
    const named =
        read?.named ??
        [...entry.dynamic].flatMap(([column, rows]) =>
            rows.map((index) => ({ oid: `${column}.${index}`, column, index })),
        );
    const missing = named.find((i) => !result.scalars.has(i.oid));
    if (missing !== undefined) return `row gone (${columnName(missing.column)}.${missing.index})`;
    const gone = entry.steadyScalars.find((oid) => !STEADY_SCALARS.includes(oid) && !result.scalars.has(oid));
    if (gone !== undefined) return `object gone (${gone})`;
    if (read !== undefined) {
        const objects = rangeObjects(read, result);
        for (const [i, range] of read.ranges.entries()) {
            const got = objects[i];
            if (got === undefined) continue;
            // The usual answer: the known objects, in order, and the end.
            if (got.complete && sameOids(got.varbinds, range.expected)) continue;
            const seen = new Set(got.varbinds.map((vb) => vb.oid));
            const lost = range.expected.find((oid) => !seen.has(oid));
            if (lost !== undefined) return `row gone (${describeOid(range, lost)})`;
            const known = new Set(range.expected);
            const added = got.varbinds.find((vb) => !known.has(vb.oid));
            if (added !== undefined) return `row added (${describeOid(range, added.oid)})`;
            if (!got.complete)
                return `row added (${columnName(range.columns[range.columns.length - 1] ?? "")})`;
        }
    }
    const s = snap ?? snapshotOf(entry, result, undefined);
    if (
        entry.configChanges !== undefined &&
        perDevice(s, "configChanges", entry.devices) !== entry.configChanges
    ) {
        return "prtGeneralConfigChanges";
    }
    return undefined;
}

function sameOids(varbinds: readonly Varbind[], oids: readonly string[]): boolean {
    if (varbinds.length !== oids.length) return false;
    for (let i = 0; i < oids.length; i++) if (varbinds[i]?.oid !== oids[i]) return false;
    return true;
}

/** "supplyLevel.1.9" for an instance OID of a range. */
function describeOid(range: Range, oid: string): string {
    const column = range.columns.find((c) => oid.startsWith(`${c}.`));
    return column === undefined ? oid : `${columnName(column)}.${oid.slice(column.length + 1)}`;
}

/** Did the alert counters move since the last poll? `snap` is {@link snapshotOf} the result. */
export function alertCountersMoved(entry: CacheEntry, result: QueryResult, snap?: Snapshot): boolean {
    if (entry.alertCounters === undefined) return false;
    const s = snap ?? snapshotOf(entry, result, undefined);
    return alertCountersOf(s, entry.devices) !== entry.alertCounters;
}

/**
 * The snapshot a steady-state poll decodes: cached static columns and scalars, the fresh changing
 * columns (named instances and walked columns) and steady scalars, and the alert rows (freshly
 * walked, or unchanged since the last poll).
 */
export function snapshotOf(
    entry: CacheEntry,
    result: QueryResult,
    alerts: Map<string, Map<string, Varbind>> | undefined,
): Snapshot {
    // This poll's rows over the cached columns, which are read, never copied or changed.
    const columns = new OverlayMap<string, Map<string, Varbind>>(entry.columns);
    const rowsOf = (column: string): Map<string, Varbind> => {
        let rows = columns.get(column);
        if (rows === undefined) {
            rows = new Map<string, Varbind>();
            columns.set(column, rows);
        }
        return rows;
    };
    const read = entry.read;
    if (read !== undefined) {
        for (const i of read.named) {
            const vb = result.scalars.get(i.oid);
            if (vb !== undefined) rowsOf(i.column).set(i.index, vb);
        }
        const objects = rangeObjects(read, result);
        read.ranges.forEach((range, r) => {
            for (const vb of objects[r]?.varbinds ?? []) {
                for (const column of range.columns) {
                    const index = indexOf(vb.oid, column);
                    if (index === undefined) continue;
                    rowsOf(column).set(index, vb);
                    break;
                }
            }
        });
    } else {
        // Not read by steadyRead (a result of another shape): whatever the instances say.
        for (const [column, indexes] of entry.dynamic) {
            for (const index of indexes) {
                const vb = result.scalars.get(`${column}.${index}`) ?? result.columns.get(column)?.get(index);
                if (vb !== undefined) rowsOf(column).set(index, vb);
            }
        }
    }
    for (const [oid, rows] of alerts ?? entry.alerts) columns.set(oid, rows);
    const scalars = new OverlayMap<string, Varbind>(entry.scalars);
    for (const oid of entry.steadyScalars) {
        const vb = result.scalars.get(oid);
        if (vb !== undefined) scalars.set(oid, vb);
    }
    return { scalars, columns };
}

/** Update the entry after a good steady-state poll. */
export function refreshEntry(entry: CacheEntry, snap: Snapshot, walkedAlerts: boolean): void {
    entry.upTime = asInt(snap.scalars.get(SYS.upTime)) ?? entry.upTime;
    entry.alertCounters = alertCountersOf(snap, entry.devices) ?? entry.alertCounters;
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

/** {@link varbindBytes} by OID: a fleet plans its requests from the same OIDs over and over. */
const VARBIND_BYTES = new Map<string, number>();

/** Estimated bytes of one varbind in a response: the OID, a small value, the framing. */
export function varbindBytes(oid: string): number {
    const known = VARBIND_BYTES.get(oid);
    if (known !== undefined) return known;
    const parts = oid.split(".").map(Number);
    let oidLen = 1; // the first two sub-identifiers share one byte
    for (const p of parts.slice(2)) oidLen += subidBytes(p);
    const bytes = 2 + oidLen + 6 + 2;
    if (VARBIND_BYTES.size >= 16_384) VARBIND_BYTES.clear();
    VARBIND_BYTES.set(oid, bytes);
    return bytes;
}

/**
 * How many objects to put in one request so that the response fits in one message of the agent's
 * maximum size (SNMP framing takes the rest; SNMPv3 adds its security parameters). `answers` is
 * how many varbinds the whole request draws when that is more than one per object (walked
 * columns answer max-repetitions each).
 */
export function objectsPerRequest(
    oids: readonly string[],
    maxMessageSize: number,
    v3: boolean,
    answers = oids.length,
): number {
    if (oids.length === 0) return 1;
    const budget = maxMessageSize - (v3 ? 160 : 60);
    let largest = 0;
    for (const oid of oids) largest = Math.max(largest, varbindBytes(oid));
    const perObject = Math.max(1, answers / oids.length);
    return Math.max(1, Math.floor(budget / (largest * perObject)));
}
