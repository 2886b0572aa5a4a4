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
    h: number[];
    /** Value at the end of that hour. */
    v: number[];
}

export function emptySeries(): Series {
    return { h: [], v: [] };
}

export function hourOf(ms: number): number {
    return Math.floor(ms / HOUR_MS);
}

/** Records `value` at time `ms`. Samples older than the last bucket's hour are ignored. */
export function append(s: Series, ms: number, value: number): void {
    const hour = hourOf(ms);
    const n = s.h.length;
    if (n === 0) {
        s.h.push(hour);
        s.v.push(value);
        return;
    }
    const lastHour = s.h[n - 1] as number;
    if (hour < lastHour) return;
    if (hour === lastHour) {
        // Same hour: the bucket keeps the last value; drop it if it now repeats its predecessor.
        if (n >= 2 && s.v[n - 2] === value) {
            s.h.pop();
            s.v.pop();
        } else {
            s.v[n - 1] = value;
        }
        return;
    }
    if (s.v[n - 1] === value) return;
    s.h.push(hour);
    s.v.push(value);
}

/** The value in force at `ms` (last bucket at or before it), or NaN before the first bucket. */
export function valueAt(s: Series, ms: number): number {
    const i = indexAtOrBefore(s, ms / HOUR_MS);
    return i < 0 ? Number.NaN : (s.v[i] as number);
}

/** Index of the last bucket whose hour is ≤ `hour` (fractional hours allowed), or -1. */
export function indexAtOrBefore(s: Series, hour: number): number {
    let lo = 0;
    let hi = s.h.length - 1;
    let found = -1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((s.h[mid] as number) <= hour) {
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
export function compact(s: Series, nowHour: number, hourlyDays: number, keepDays: number): void {
    const keepFrom = nowHour - keepDays * 24;
    const hourlyFrom = nowHour - hourlyDays * 24;
    const h: number[] = [];
    const v: number[] = [];
    const n = s.h.length;
    for (let i = 0; i < n; i++) {
        const hi = s.h[i] as number;
        const vi = s.v[i] as number;
        const next = i + 1 < n ? (s.h[i + 1] as number) : Number.POSITIVE_INFINITY;
        // Before the retention: keep only the last bucket before the cut.
        if (next <= keepFrom) continue;
        // In the daily tier: keep only the last bucket of each day.
        if (hi < hourlyFrom && next < hourlyFrom && Math.floor(next / 24) === Math.floor(hi / 24)) continue;
        if (v.length > 0 && v[v.length - 1] === vi) continue;
        h.push(hi);
        v.push(vi);
    }
    s.h = h;
    s.v = v;
}

/** True when `x` looks like a Series (for history read back from a context store). */
export function isSeries(x: unknown): x is Series {
    if (typeof x !== "object" || x === null) return false;
    const { h, v } = x as { h?: unknown; v?: unknown };
    if (!Array.isArray(h) || !Array.isArray(v) || h.length !== v.length) return false;
    let prev = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < h.length; i++) {
        const hi: unknown = h[i];
        const vi: unknown = v[i];
        if (typeof hi !== "number" || !Number.isInteger(hi) || hi <= prev) return false;
        if (typeof vi !== "number" || !Number.isFinite(vi)) return false;
        prev = hi;
    }
    return true;
}
