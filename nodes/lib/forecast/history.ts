/**
 * The forecast's history store: every supply, tray and printer the forecast follows, each with
 * its bounded series (levels, or the stitched page count), kept in one plain JSON state (see
 * `state.ts`) so it can sit in a Node-RED context store as it is.
 *
 * Only the store adds and forgets entries, so the caps live in one place: at most `maxKeys`
 * supplies and trays (the least recently seen one makes room for a new one), a daily pass that
 * thins every series and forgets what has not been seen for the retention period, and a cap on
 * the buckets stored over all series.
 */

import type { Reading, Row } from "./reading";
import { DAY_MS } from "./robust";
import { append, compact, emptySeries, hourOf } from "./series";
import { printerKey, rowKey, type ForecastState, type PrinterHistory, type RowHistory } from "./state";

export interface RetentionOptions {
    /** Days of hourly history before it is thinned to daily (default 28). */
    hourlyDays?: number;
    /** Days of history kept at all (default 90). */
    keepDays?: number;
    /** Cap on stored buckets over all supplies and printers (default 1,000,000). */
    maxBuckets?: number;
    /** Cap on supplies and trays tracked (default 10,000). */
    maxKeys?: number;
}

/** Hourly tier used when the bucket cap is reached. */
const SHORT_HOURLY_DAYS = 7;
/** The 3-stage levels some printers report instead of a percentage (research table §5, row 13). */
const STAGE_VALUES = new Set([0, 1, 10, 100]);

export class HistoryStore {
    readonly state: ForecastState;
    readonly hourlyDays: number;
    readonly keepDays: number;
    readonly maxBuckets: number;
    readonly maxKeys: number;
    /** Things worth one log line (the history cap was reached); the caller drains it. */
    readonly notes: string[] = [];
    private rowCount: number;

    constructor(state: ForecastState, options: RetentionOptions = {}) {
        this.state = state;
        this.hourlyDays = options.hourlyDays ?? 28;
        this.keepDays = options.keepDays ?? 90;
        this.maxBuckets = options.maxBuckets ?? 1_000_000;
        this.maxKeys = options.maxKeys ?? 10_000;
        this.rowCount = Object.keys(state.rows).length;
    }

    /** The printer's entry, made when it is first seen. */
    printer(reading: Reading): PrinterHistory {
        const name = printerKey(reading.host);
        let host = this.state.printers[name];
        if (host === undefined) {
            host = {
                device: reading.device,
                model: reading.model,
                pageCounts: emptySeries(),
                lastCounter: null,
                counterOffset: 0,
                lastSeen: reading.time,
                pagesPerDay: null,
            };
            this.state.printers[name] = host;
        }
        return host;
    }

    /** The supply's or tray's entry, made when it is first seen. */
    row(reading: Reading, row: Row): RowHistory {
        const name = rowKey(reading.host, row.kind, row.id);
        let key = this.state.rows[name];
        if (key === undefined) {
            if (this.rowCount >= this.maxKeys) this.forgetLeastRecent();
            key = newRow(reading, row);
            this.state.rows[name] = key;
            this.rowCount++;
        }
        return key;
    }

    /** Records that a printer was read at `time` (what retention goes by). */
    markPrinterSeen(host: PrinterHistory, time: number): void {
        host.lastSeen = time;
    }

    /** Records that a supply or tray was read at `time` (what retention and the row cap go by). */
    markRowSeen(key: RowHistory, time: number): void {
        key.lastSeen = time;
    }

    /** Every supply and tray followed. */
    rows(): RowHistory[] {
        return Object.values(this.state.rows);
    }

    /** Total buckets stored (for the benchmark and the cap). */
    bucketCount(): number {
        let n = 0;
        for (const key of Object.values(this.state.rows)) n += key.levels.hours.length;
        for (const host of Object.values(this.state.printers)) n += host.pageCounts.hours.length;
        return n;
    }

    /**
     * Once a day (sample time): thin and trim every series, forget supplies and printers not
     * seen for the retention period, and keep the total under the bucket cap.
     */
    maintain(time: number): void {
        const day = Math.floor(time / DAY_MS);
        if (day <= this.state.lastMaintenanceDay) return;
        this.state.lastMaintenanceDay = day;
        const nowHour = hourOf(time);
        this.forgetStale(time);
        this.compactAll(nowHour, this.hourlyDays);
        if (this.bucketCount() > this.maxBuckets) this.enforceBucketCap(time, nowHour);
    }

    private forgetStale(time: number): void {
        const keepMs = this.keepDays * DAY_MS;
        for (const [name, key] of Object.entries(this.state.rows)) {
            if (time - key.lastSeen > keepMs) this.forgetRow(name);
        }
        for (const [name, host] of Object.entries(this.state.printers)) {
            if (time - host.lastSeen > keepMs) delete this.state.printers[name];
        }
    }

    private compactAll(nowHour: number, hourlyDays: number): void {
        for (const key of Object.values(this.state.rows))
            compact(key.levels, nowHour, hourlyDays, this.keepDays);
        for (const host of Object.values(this.state.printers))
            compact(host.pageCounts, nowHour, hourlyDays, this.keepDays);
    }

    /**
     * Over the cap: first drop supplies not seen for a day, oldest first; then keep only a week
     * of hourly detail; as a last resort drop the least recently seen supplies. Printers left
     * without a supply go too.
     */
    private enforceBucketCap(time: number, nowHour: number): void {
        let total = this.bucketCount();
        const byAge = Object.entries(this.state.rows).sort((a, b) => a[1].lastSeen - b[1].lastSeen);
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets || time - key.lastSeen < DAY_MS) break;
            total -= key.levels.hours.length;
            this.forgetRow(name);
        }
        if (total > this.maxBuckets) {
            this.compactAll(nowHour, SHORT_HOURLY_DAYS);
            total = this.bucketCount();
        }
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets) break;
            if (this.state.rows[name] === undefined) continue;
            total -= key.levels.hours.length;
            this.forgetRow(name);
        }
        const hostsInUse = new Set(Object.values(this.state.rows).map((k) => printerKey(k.host)));
        for (const name of Object.keys(this.state.printers)) {
            if (!hostsInUse.has(name)) delete this.state.printers[name];
        }
        this.notes.push(`history cap of ${this.maxBuckets} samples reached; older detail was thinned`);
    }

    private forgetRow(name: string): void {
        delete this.state.rows[name];
        this.rowCount--;
    }

    private forgetLeastRecent(): void {
        let oldest: string | null = null;
        let seen = Number.POSITIVE_INFINITY;
        for (const [name, key] of Object.entries(this.state.rows)) {
            if (key.lastSeen < seen) {
                seen = key.lastSeen;
                oldest = name;
            }
        }
        if (oldest !== null) this.forgetRow(oldest);
    }
}

function newRow(reading: Reading, row: Row): RowHistory {
    return {
        kind: row.kind,
        host: reading.host,
        id: row.id,
        device: reading.device,
        model: reading.model,
        name: row.name,
        type: row.type,
        color: row.color,
        supplyClass: row.cls,
        unit: row.unit,
        max: row.max,
        state: row.state,
        percent: row.percent,
        rawLevels: false,
        levels: emptySeries(),
        lastSeen: reading.time,
        lastLevel: null,
        highestLevel: 0,
        cartridge: null,
        removedCartridges: [],
        stageValues: [],
        inverted: false,
        lastChange: null,
        consumptionPerPage: null,
        stuckReported: false,
        cartridgeSerial: null,
        forecast: null,
        emptyAt: null,
    };
}

/** Takes the printer's latest name and model (a blank model keeps the one known). */
export function describeHost(host: PrinterHistory, reading: Reading): void {
    host.device = reading.device;
    if (reading.model !== "") host.model = reading.model;
}

/** Takes the row's latest description and reported values. */
export function describeRow(key: RowHistory, reading: Reading, row: Row): void {
    key.device = reading.device;
    if (reading.model !== "") key.model = reading.model;
    key.name = row.name;
    key.type = row.type;
    key.color = row.color;
    key.supplyClass = row.cls;
    key.unit = row.unit;
    key.max = row.max;
    key.state = row.state;
    key.percent = row.percent;
}

/**
 * The value the level series holds for a row: percent when the printer gives a maximum, else
 * the raw level; negative levels are RFC 3805 special values (-1 unlimited, -2 unknown, -3 some
 * left) and give null.
 */
export function seriesValue(row: Row): { value: number; percent: boolean } | null {
    const percent = row.percent !== null && row.percent >= 0;
    const value = percent ? row.percent : row.level !== null && row.level >= 0 ? row.level : null;
    return value === null ? null : { value, percent };
}

/**
 * Notes the scale of a new value: percent or raw units (a change of scale starts the history
 * again, as old and new values cannot be compared), the largest raw value, and whether only the
 * 3-stage values have been seen so far.
 */
export function noteScale(key: RowHistory, value: number, percent: boolean): void {
    if (key.levels.hours.length > 0 && key.rawLevels === percent) restartHistory(key);
    key.rawLevels = !percent;
    if (key.rawLevels) key.highestLevel = Math.max(key.highestLevel, value);
    if (!percent) key.stageValues = null;
    else if (key.stageValues !== null) {
        if (!STAGE_VALUES.has(value)) key.stageValues = null;
        else if (!key.stageValues.includes(value)) key.stageValues.push(value);
    }
}

/** Records the level at `time`. */
export function appendLevel(key: RowHistory, time: number, value: number): void {
    key.lastLevel = value;
    append(key.levels, time, value);
}

/** Records the stitched page count at `time`. */
export function appendPages(host: PrinterHistory, time: number, pages: number): void {
    append(host.pageCounts, time, pages);
}

function restartHistory(key: RowHistory): void {
    key.levels = emptySeries();
    key.lastLevel = null;
    key.highestLevel = 0;
    key.cartridge = null;
    key.stageValues = [];
    key.lastChange = null;
    key.consumptionPerPage = null;
    key.stuckReported = false;
    key.forecast = null;
    key.emptyAt = null;
}

/** True for a supply that has only ever reported stage values (at least two of them). */
export function isStaged(key: RowHistory): boolean {
    return !key.rawLevels && key.stageValues !== null && key.stageValues.length >= 2;
}

/** Full scale of the series: 100 for percent, else the maximum (or the largest level seen). */
export function scaleOf(key: RowHistory): number {
    if (!key.rawLevels) return 100;
    return key.max !== null && key.max > 0 ? key.max : Math.max(key.highestLevel, 1);
}
