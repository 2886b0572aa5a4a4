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
import { hostName, keyName, type ForecastState, type HostState, type KeyState } from "./state";

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
    private keyCount: number;

    constructor(state: ForecastState, options: RetentionOptions = {}) {
        this.state = state;
        this.hourlyDays = options.hourlyDays ?? 28;
        this.keepDays = options.keepDays ?? 90;
        this.maxBuckets = options.maxBuckets ?? 1_000_000;
        this.maxKeys = options.maxKeys ?? 10_000;
        this.keyCount = Object.keys(state.keys).length;
    }

    /** The printer's entry, made when it is first seen. */
    host(reading: Reading): HostState {
        const name = hostName(reading.host);
        let host = this.state.hosts[name];
        if (host === undefined) {
            host = {
                device: reading.device,
                model: reading.model,
                s: emptySeries(),
                raw: null,
                off: 0,
                seen: reading.time,
                ppd: null,
            };
            this.state.hosts[name] = host;
        }
        return host;
    }

    /** The supply's or tray's entry, made when it is first seen. */
    row(reading: Reading, row: Row): KeyState {
        const name = keyName(reading.host, row.kind, row.id);
        let key = this.state.keys[name];
        if (key === undefined) {
            if (this.keyCount >= this.maxKeys) this.forgetLeastRecent();
            key = newKey(reading, row);
            this.state.keys[name] = key;
            this.keyCount++;
        }
        return key;
    }

    /** Every supply and tray followed. */
    rows(): KeyState[] {
        return Object.values(this.state.keys);
    }

    /** Total buckets stored (for the benchmark and the cap). */
    bucketCount(): number {
        let n = 0;
        for (const key of Object.values(this.state.keys)) n += key.s.h.length;
        for (const host of Object.values(this.state.hosts)) n += host.s.h.length;
        return n;
    }

    /**
     * Once a day (sample time): thin and trim every series, forget supplies and printers not
     * seen for the retention period, and keep the total under the bucket cap.
     */
    maintain(time: number): void {
        const day = Math.floor(time / DAY_MS);
        if (day <= this.state.day) return;
        this.state.day = day;
        const nowHour = hourOf(time);
        this.forgetStale(time);
        this.compactAll(nowHour, this.hourlyDays);
        if (this.bucketCount() > this.maxBuckets) this.enforceBucketCap(time, nowHour);
    }

    private forgetStale(time: number): void {
        const keepMs = this.keepDays * DAY_MS;
        for (const [name, key] of Object.entries(this.state.keys)) {
            if (time - key.seen > keepMs) this.forgetKey(name);
        }
        for (const [name, host] of Object.entries(this.state.hosts)) {
            if (time - host.seen > keepMs) delete this.state.hosts[name];
        }
    }

    private compactAll(nowHour: number, hourlyDays: number): void {
        for (const key of Object.values(this.state.keys)) compact(key.s, nowHour, hourlyDays, this.keepDays);
        for (const host of Object.values(this.state.hosts))
            compact(host.s, nowHour, hourlyDays, this.keepDays);
    }

    /**
     * Over the cap: first drop supplies not seen for a day, oldest first; then keep only a week
     * of hourly detail; as a last resort drop the least recently seen supplies. Printers left
     * without a supply go too.
     */
    private enforceBucketCap(time: number, nowHour: number): void {
        let total = this.bucketCount();
        const byAge = Object.entries(this.state.keys).sort((a, b) => a[1].seen - b[1].seen);
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets || time - key.seen < DAY_MS) break;
            total -= key.s.h.length;
            this.forgetKey(name);
        }
        if (total > this.maxBuckets) {
            this.compactAll(nowHour, SHORT_HOURLY_DAYS);
            total = this.bucketCount();
        }
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets) break;
            if (this.state.keys[name] === undefined) continue;
            total -= key.s.h.length;
            this.forgetKey(name);
        }
        const hostsInUse = new Set(Object.values(this.state.keys).map((k) => hostName(k.host)));
        for (const name of Object.keys(this.state.hosts)) {
            if (!hostsInUse.has(name)) delete this.state.hosts[name];
        }
        this.notes.push(`history cap of ${this.maxBuckets} samples reached; older detail was thinned`);
    }

    private forgetKey(name: string): void {
        delete this.state.keys[name];
        this.keyCount--;
    }

    private forgetLeastRecent(): void {
        let oldest: string | null = null;
        let seen = Number.POSITIVE_INFINITY;
        for (const [name, key] of Object.entries(this.state.keys)) {
            if (key.seen < seen) {
                seen = key.seen;
                oldest = name;
            }
        }
        if (oldest !== null) this.forgetKey(oldest);
    }
}

function newKey(reading: Reading, row: Row): KeyState {
    return {
        kind: row.kind,
        host: reading.host,
        id: row.id,
        device: reading.device,
        model: reading.model,
        name: row.name,
        type: row.type,
        color: row.color,
        cls: row.cls,
        unit: row.unit,
        max: row.max,
        state: row.state,
        percent: row.percent,
        raw: false,
        s: emptySeries(),
        seen: reading.time,
        last: null,
        top: 0,
        cart: null,
        life: [],
        vals: [],
        inv: false,
        chg: null,
        cpp: null,
        stuck: false,
        serial: null,
        fc: null,
        ea: null,
    };
}

/** Takes the printer's latest name and model (a blank model keeps the one known). */
export function describeHost(host: HostState, reading: Reading): void {
    host.device = reading.device;
    if (reading.model !== "") host.model = reading.model;
}

/** Takes the row's latest description and reported values. */
export function describeRow(key: KeyState, reading: Reading, row: Row): void {
    key.device = reading.device;
    if (reading.model !== "") key.model = reading.model;
    key.name = row.name;
    key.type = row.type;
    key.color = row.color;
    key.cls = row.cls;
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
export function noteScale(key: KeyState, value: number, percent: boolean): void {
    if (key.s.h.length > 0 && key.raw === percent) restartHistory(key);
    key.raw = !percent;
    if (key.raw) key.top = Math.max(key.top, value);
    if (!percent) key.vals = null;
    else if (key.vals !== null) {
        if (!STAGE_VALUES.has(value)) key.vals = null;
        else if (!key.vals.includes(value)) key.vals.push(value);
    }
}

/** Records the level at `time`. */
export function appendLevel(key: KeyState, time: number, value: number): void {
    key.last = value;
    append(key.s, time, value);
}

/** Records the stitched page count at `time`. */
export function appendPages(host: HostState, time: number, pages: number): void {
    append(host.s, time, pages);
}

function restartHistory(key: KeyState): void {
    key.s = emptySeries();
    key.last = null;
    key.top = 0;
    key.cart = null;
    key.vals = [];
    key.chg = null;
    key.cpp = null;
    key.stuck = false;
    key.fc = null;
    key.ea = null;
}

/** True for a supply that has only ever reported stage values (at least two of them). */
export function isStaged(key: KeyState): boolean {
    return !key.raw && key.vals !== null && key.vals.length >= 2;
}

/** Full scale of the series: 100 for percent, else the maximum (or the largest level seen). */
export function scaleOf(key: KeyState): number {
    if (!key.raw) return 100;
    return key.max !== null && key.max > 0 ? key.max : Math.max(key.top, 1);
}
