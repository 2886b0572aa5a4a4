/**
 * Robust statistics for the forecast: medians and a Theil–Sen slope whose pairs are chosen so
 * that a weekly rhythm (busy weekdays, idle weekends) averages out instead of biasing the rate.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Median of a list; NaN when empty. */
export function median(values: readonly number[]): number {
    return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

/** Linear-interpolated quantile of ascending values; NaN when empty. */
export function quantileSorted(sorted: Float64Array, q: number): number {
    const n = sorted.length;
    if (n === 0) return Number.NaN;
    const pos = (n - 1) * q;
    const lo = Math.floor(pos);
    const a = sorted[lo] as number;
    const b = sorted[Math.ceil(pos)] as number;
    return a + (b - a) * (pos - lo);
}

export interface SlopeFit {
    /** Median pairwise slope, in y units per day. */
    slope: number;
    /** Number of pairs the median was taken over. */
    pairs: number;
    /** Interquartile range of the pairwise slopes divided by |slope|: 0 = perfectly consistent. */
    spread: number;
    /** True when only pairs one week apart were used. */
    weekly: boolean;
}

/**
 * Theil–Sen slope over points on a regular grid (`step` ms apart, `y[k]` at `tEnd - k * step`,
 * NaN where unknown).
 *
 * Which pairs count: once the points span two weeks, only pairs exactly one week apart, so
 * every pair covers the same mix of weekdays and weekend days and the median is the true
 * average rate however the week is shaped. A holiday lowers only the pairs whose week contains
 * it (at most a third of them over four weeks), which the median ignores; longer lags would
 * almost all contain it. Before two weeks, pairs at least half the span (and at least a day)
 * apart, the best that can be done without a full week of rhythm to average over.
 */
export function gridSlope(y: readonly number[], step: number): SlopeFit | null {
    let first = -1;
    let last = -1;
    for (let k = 0; k < y.length; k++) {
        if (!Number.isNaN(y[k])) {
            if (first < 0) first = k;
            last = k;
        }
    }
    if (first < 0 || last === first) return null;
    const spanSteps = last - first;
    const week = Math.round((7 * DAY_MS) / step);
    const weekly = spanSteps * step >= 14 * DAY_MS && Number.isInteger((7 * DAY_MS) / step);
    const minLag = weekly ? week : Math.max(Math.ceil(DAY_MS / step), Math.ceil(spanSteps / 2));
    // Count the pairs first so the slopes go into one typed array (sorted natively, no comparator).
    const maxLag = weekly ? week : spanSteps;
    let count = 0;
    for (let i = first; i <= last; i++) {
        if (Number.isNaN(y[i])) continue;
        for (let j = i + minLag; j <= last && j - i <= maxLag; j++) if (!Number.isNaN(y[j])) count++;
    }
    if (count === 0) return null;
    const slopes = new Float64Array(count);
    let c = 0;
    for (let i = first; i <= last; i++) {
        const yi = y[i] as number;
        if (Number.isNaN(yi)) continue;
        for (let j = i + minLag; j <= last && j - i <= maxLag; j++) {
            const yj = y[j] as number;
            if (Number.isNaN(yj)) continue;
            // k counts backwards in time: y[i] is the later point.
            slopes[c++] = ((yi - yj) / ((j - i) * step)) * DAY_MS;
        }
    }
    slopes.sort();
    const slope = quantileSorted(slopes, 0.5);
    const spread =
        slope === 0
            ? Number.POSITIVE_INFINITY
            : (quantileSorted(slopes, 0.75) - quantileSorted(slopes, 0.25)) / Math.abs(slope);
    return { slope, pairs: count, spread, weekly };
}

/** Rounds to a number of decimals, keeping about three significant digits for small values. */
export function roundRate(x: number): number {
    const abs = Math.abs(x);
    const digits = abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.1 ? 3 : 4;
    return round(x, digits);
}

export function round(x: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round(x * f) / f;
}
