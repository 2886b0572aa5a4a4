/**
 * Days-to-empty from a supply's own history (research notes §7.1).
 *
 * The level series is turned into a cumulative consumption curve in which every jump up (a new
 * cartridge, a refill, paper added) is cut out, so the saw-tooth of replacements never enters a
 * fit and the rate learnt on the old cartridge carries straight over to the new one. The curve
 * is drawn through the midpoints of the level's changes, so a printer that reports in 10 %
 * steps gives the same straight line as one reporting every percent. The rate is a Theil–Sen
 * slope over that curve sampled every 6 hours (see `gridSlope` for why weekends do not bias it).
 */

import { DAY_MS, HOUR_MS, gridSlope, median } from "./robust";
import { indexAtOrBefore, valueAt, type Series } from "./series";

export type Confidence = "low" | "medium" | "high";
export type NoForecastReason = "insufficient data" | "no consumption" | "level not numeric";

export interface DatedForecast {
    /** Days until empty (for a waste box: until full). */
    daysLeft: number;
    /** Calendar date (UTC, YYYY-MM-DD) it is expected to run out. */
    emptyOn: string;
    /** Pages (for paper: sheets) left at the current rate, when known. */
    pagesLeft: number | null;
    /** Consumption per day, in percent points (in the supply's unit when it has no maximum). */
    ratePerDay: number;
    /** The printer's pages per day over the last four weeks, when it reports a page count. */
    pagesPerDay: number | null;
    confidence: Confidence;
    /** "level": from the level's own trend; "pages": from the yield of earlier cartridges. */
    basis: "level" | "pages";
    /** Set when a waste box reports used space and the forecast inverted it. */
    inverted?: true;
}

export interface NoForecast {
    daysLeft: null;
    reason: NoForecastReason;
}

export type Forecast = DatedForecast | NoForecast;

/** Beyond this a supply is, for ordering purposes, not being used. */
export const MAX_DAYS = 3650;
/** Minimum span of history before a forecast is published. */
export const MIN_SPAN_DAYS = 3;

export interface TrendInput {
    series: Series;
    /** Set for an inverted waste box: "amount left" is then `flip - value` instead of the value. */
    flip: number | null;
    /** Time of the forecast, ms. */
    time: number;
    windowDays: number;
    /** A rise of at least this much starts a new cartridge (not consumption). */
    jump: number;
    /** Least total consumption in the window before a rate is trusted. */
    minDrop: number;
    /** Typical step at or below which the series counts as fine-grained. */
    fineStep: number;
}

export interface TrendFit {
    rate: number;
    spanDays: number;
    spread: number;
    weekly: boolean;
}

export type Trend =
    | (TrendFit & { ok: true; levelNow: number; coarse: boolean; drop: number })
    | { ok: false; why: "insufficient" | "none"; spanDays: number; drop: number; rate: number | null };

/**
 * Consumption rate and current level of one series.
 *
 * Knots of the consumption curve: each change of level contributes its midpoint. For a
 * fine-grained series the first value and the current value are knots too (an idle spell at the
 * end is real information). For a coarse one (10 % steps) the time since the last step says
 * little, so the curve ends at the last step, unless the next step is overdue by half again
 * its usual interval; then the most it can have used since (one step) becomes the last knot.
 */
export function levelTrend(input: TrendInput): Trend {
    const { series, flip, time, windowDays, jump, minDrop, fineStep } = input;
    const sign = flip === null ? 1 : -1;
    const base = flip ?? 0;
    const n = series.hours.length;
    if (n === 0) return { ok: false, why: "insufficient", spanDays: 0, drop: 0, rate: null };
    const startMs = time - windowDays * DAY_MS;
    const b0 = Math.max(0, indexAtOrBefore(series, startMs / HOUR_MS));
    const t0 = Math.max((series.hours[b0] as number) * HOUR_MS, startMs);

    // Time spent empty (a cartridge at 0 waiting to be replaced, a tray waiting for paper) says
    // nothing about the rate, so it is cut out of the time axis: `dead` is the time cut so far.
    const tt: number[] = [];
    const tu: number[] = [];
    const tl: number[] = [];
    const steps: number[] = [];
    let u = 0;
    let dead = 0;
    let prev = base + sign * (series.values[b0] as number);
    let prevStart = t0;
    for (let i = b0 + 1; i < n; i++) {
        const at = (series.hours[i] as number) * HOUR_MS;
        if (prev <= 0) dead += at - prevStart;
        prevStart = at;
        const cur = base + sign * (series.values[i] as number);
        const d = cur - prev;
        prev = cur;
        if (d >= jump) continue;
        const next = u - d;
        tt.push(at - dead);
        tu.push((u + next) / 2);
        tl.push(cur - d / 2);
        steps.push(Math.abs(d));
        u = next;
    }
    const current = prev;
    if (current <= 0) dead += time - prevStart;
    const now = time - dead;
    const spanDays = Math.max(0, (now - t0) / DAY_MS);
    // The typical step, from the most recent changes (enough to tell 1 % from 10 % reporting).
    const step = steps.length > 0 ? median(steps.length > 64 ? steps.slice(-64) : steps) : 0;
    const coarse = step > fineStep;

    const kt: number[] = [];
    const ku: number[] = [];
    if (!coarse) {
        kt.push(t0);
        ku.push(0);
    }
    for (let i = 0; i < tt.length; i++) {
        const t = tt[i] as number;
        if (kt.length > 0 && t <= (kt[kt.length - 1] as number)) {
            ku[ku.length - 1] = tu[i] as number;
        } else {
            kt.push(t);
            ku.push(tu[i] as number);
        }
    }
    if (!coarse) {
        if (now > (kt[kt.length - 1] as number)) {
            kt.push(now);
            ku.push(u);
        } else {
            ku[ku.length - 1] = u;
        }
    } else if (tt.length >= 2) {
        const tLast = tt[tt.length - 1] as number;
        const uLast = tu[tu.length - 1] as number;
        const r0 = (uLast - (tu[0] as number)) / (tLast - (tt[0] as number));
        if (r0 > 0 && now - tLast > (1.5 * step) / r0) {
            kt.push(now);
            ku.push(uLast + step);
        }
    }

    const drop = ku.length > 0 ? (ku[ku.length - 1] as number) - (ku[0] as number) : 0;
    if (spanDays < MIN_SPAN_DAYS || kt.length < 2) {
        return { ok: false, why: "insufficient", spanDays, drop, rate: null };
    }

    // Sample the curve every 6 hours back from now (daily over long windows), interpolating
    // between knots; outside the knots the curve is unknown.
    const stepMs = windowDays <= 28 ? 6 * HOUR_MS : DAY_MS;
    const count = Math.floor((windowDays * DAY_MS) / stepMs);
    const y = new Array<number>(count + 1).fill(Number.NaN);
    let j = 0;
    const kFirst = kt[0] as number;
    const kLast = kt[kt.length - 1] as number;
    for (let k = count; k >= 0; k--) {
        const t = now - k * stepMs;
        if (t < kFirst || t > kLast) continue;
        while (j + 1 < kt.length && (kt[j + 1] as number) < t) j++;
        const ta = kt[j] as number;
        const ua = ku[j] as number;
        if (j + 1 >= kt.length || ta === t) {
            y[k] = ua;
            continue;
        }
        const tb = kt[j + 1] as number;
        const ub = ku[j + 1] as number;
        y[k] = ua + ((ub - ua) * (t - ta)) / (tb - ta);
    }
    const fit = gridSlope(y, stepMs);
    if (fit === null) return { ok: false, why: "insufficient", spanDays, drop, rate: null };
    // Too little used to tell a rate from noise: wait, unless two weeks of data say it is idle.
    if (drop < minDrop) {
        return { ok: false, why: spanDays >= 14 ? "none" : "insufficient", spanDays, drop, rate: fit.slope };
    }
    if (fit.slope <= 0) return { ok: false, why: "none", spanDays, drop, rate: fit.slope };

    let levelNow = current;
    if (coarse) {
        const tLast = tt[tt.length - 1] as number;
        const projected = (tl[tl.length - 1] as number) - fit.slope * ((now - tLast) / DAY_MS);
        levelNow = Math.min(current + step / 2, Math.max(current - step / 2, projected));
    }
    return {
        ok: true,
        rate: fit.slope,
        levelNow: Math.max(0, levelNow),
        spanDays,
        spread: fit.spread,
        weekly: fit.weekly,
        coarse,
        drop,
    };
}

/** Pages per day from the stitched page-count series: a Theil–Sen slope over the last 4 weeks. */
export function pageRate(series: Series, time: number): number | null {
    if (series.hours.length === 0) return null;
    const first = (series.hours[0] as number) * HOUR_MS;
    if (time - first < MIN_SPAN_DAYS * DAY_MS) return null;
    const stepMs = 6 * HOUR_MS;
    const count = 28 * 4;
    const y = new Array<number>(count + 1);
    for (let k = 0; k <= count; k++) y[k] = valueAt(series, time - k * stepMs);
    const fit = gridSlope(y, stepMs);
    return fit === null ? null : Math.max(0, fit.slope);
}

export function confidenceOf(fit: TrendFit, coarse: boolean): Confidence {
    let c: Confidence;
    if (fit.spanDays >= 14 && fit.weekly) c = fit.spread <= 0.3 ? "high" : "medium";
    else if (fit.spanDays >= 7) c = fit.spread <= 0.5 ? "medium" : "low";
    else c = "low";
    if (coarse && c === "high") c = "medium";
    return c;
}

/** UTC calendar date of a time. */
export function isoDate(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}
