/**
 * A compact, bounded time series: one bucket per hour holding the last value seen in that hour,
 * stored only when the value changed (a supply that sits at 42 % all night costs nothing).
 * Between buckets the value is taken to be unchanged, which assumes the printer is polled
 * regularly; a printer that was unreachable simply looks idle for that time.
 *
 * Buckets older than the hourly tier (28 days by default) are thinned to the last one of each
 * day, and buckets older than the retention (90 days) are dropped, keeping the last one before
 * the cut so the value at the start of the retained span stays known. Thinning runs once a day,
 * so a series holds at most about 29 × 24 + 64 buckets, whatever the poll rate.
 *
 * Plain arrays of numbers, so the whole history is JSON and can live in a Node-RED context
 * store (memory or file) as it is.
 */

import { HOUR_MS } from "./robust";

export interface Series {
    /** Hour index (ms since the epoch / 3,600,000, rounded down), ascending. */
    hours: number[];
    /** Value at the end of that hour. */
    values: number[];
}

export function emptySeries(): Series {
    return { hours: [], values: [] };
}

export function hourOf(ms: number): number {
    return Math.floor(ms / HOUR_MS);
}

/** Records `value` at time `ms`. Samples older than the last bucket's hour are ignored. */
export function append(series: Series, ms: number, value: number): void {
    const hour = hourOf(ms);
    const n = series.hours.length;
    if (n === 0) {
        series.hours.push(hour);
        series.values.push(value);
        return;
    }
    const lastHour = series.hours[n - 1] as number;
    if (hour < lastHour) return;
    if (hour === lastHour) {
        // Same hour: the bucket keeps the last value; drop it if it now repeats its predecessor.
        if (n >= 2 && series.values[n - 2] === value) {
            series.hours.pop();
            series.values.pop();
        } else {
            series.values[n - 1] = value;
        }
        return;
    }
    if (series.values[n - 1] === value) return;
    series.hours.push(hour);
    series.values.push(value);
}

/** The value in force at `ms` (last bucket at or before it), or NaN before the first bucket. */
export function valueAt(series: Series, ms: number): number {
    const i = indexAtOrBefore(series, ms / HOUR_MS);
    return i < 0 ? Number.NaN : (series.values[i] as number);
}

/** Index of the last bucket whose hour is ≤ `hour` (fractional hours allowed), or -1. */
export function indexAtOrBefore(series: Series, hour: number): number {
    let lo = 0;
    let hi = series.hours.length - 1;
    let found = -1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((series.hours[mid] as number) <= hour) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

/**
 * Thins and trims the series as of hour `nowHour`: hourly buckets for the last `hourlyDays`,
 * daily ones before that, nothing older than `keepDays` except the last bucket before the cut.
 */
export function compact(series: Series, nowHour: number, hourlyDays: number, keepDays: number): void {
    const keepFrom = nowHour - keepDays * 24;
    const hourlyFrom = nowHour - hourlyDays * 24;
    const hours: number[] = [];
    const values: number[] = [];
    const n = series.hours.length;
    for (let i = 0; i < n; i++) {
        const hi = series.hours[i] as number;
        const vi = series.values[i] as number;
        const next = i + 1 < n ? (series.hours[i + 1] as number) : Number.POSITIVE_INFINITY;
        // Before the retention: keep only the last bucket before the cut.
        if (next <= keepFrom) continue;
        // In the daily tier: keep only the last bucket of each day.
        if (hi < hourlyFrom && next < hourlyFrom && Math.floor(next / 24) === Math.floor(hi / 24)) continue;
        if (values.length > 0 && values[values.length - 1] === vi) continue;
        hours.push(hi);
        values.push(vi);
    }
    series.hours = hours;
    series.values = values;
}

/** True when `x` looks like a Series (for history read back from a context store). */
export function isSeries(x: unknown): x is Series {
    if (typeof x !== "object" || x === null) return false;
    const { hours, values } = x as { hours?: unknown; values?: unknown };
    if (!Array.isArray(hours) || !Array.isArray(values) || hours.length !== values.length) return false;
    let prev = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < hours.length; i++) {
        const hi: unknown = hours[i];
        const vi: unknown = values[i];
        if (typeof hi !== "number" || !Number.isInteger(hi) || hi <= prev) return false;
        if (typeof vi !== "number" || !Number.isFinite(vi)) return false;
        prev = hi;
    }
    return true;
}
