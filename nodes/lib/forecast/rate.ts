/**
 * The rate estimate of one supply or tray from its stored history: days to empty from the
 * level's own trend (`levelTrend`, research notes §7.1), or, for printers that report only
 * 3 stages, from the page yield of earlier cartridges; and the printer's pages per day.
 */

import {
    confidenceOf,
    isoDate,
    levelTrend,
    MAX_DAYS,
    pageRate,
    type Forecast,
    type NoForecastReason,
    type Trend,
} from "./estimate";
import { isStaged, scaleOf } from "./history";
import { isPageUnit, type Row } from "./reading";
import { DAY_MS, HOUR_MS, median, round, roundRate } from "./robust";
import type { PrinterHistory, RowHistory } from "./state";

export interface RowEstimate {
    forecast: Forecast;
    /** The absolute time it runs out (ms), when dated. */
    emptyAt: number | null;
    /** Unrounded consumption per day, when dated. */
    rate: number | null;
    /** The four-week trend it was based on (null for stage printers). */
    trend: Trend | null;
}

/** The recent trend's window; slow supplies fall back to the whole retained history. */
const RECENT_DAYS = 28;

/** No date (a fresh object each time: the forecast goes out on a message a flow may change). */
function undated(reason: NoForecastReason, trend: Trend | null): RowEstimate {
    return { forecast: { daysLeft: null, reason }, emptyAt: null, rate: null, trend };
}

/** Updates the printer's pages per day from its stitched page count. */
export function updatePageRate(host: PrinterHistory, time: number): void {
    host.pagesPerDay = pageRate(host.pageCounts, time);
}

/** A rise this large starts a new cartridge; smaller rises are noise (toner settling). */
export function jumpOf(key: RowHistory, scale: number): number {
    return (key.kind === "tray" ? 0.05 : 0.1) * scale;
}

/** "Amount left" of a value: the value itself, or the space left of an inverted waste box. */
export function amountLeft(key: RowHistory, scale: number): (value: number) => number {
    return key.supplyClass === "receptacle" && key.inverted ? (v) => scale - v : (v) => v;
}

/**
 * The forecast of a row as of `time`, from the history stored for it. `pages` is the printer's
 * stitched page count now (null when it has none); `keepDays` the retention, the longest window
 * a slow supply's trend may use.
 */
export function estimateRow(
    key: RowHistory,
    host: PrinterHistory,
    row: Row,
    time: number,
    pages: number | null,
    keepDays: number,
): RowEstimate {
    // Stage values carry no trend: only the yield of earlier cartridges can date them.
    if (isStaged(key))
        return fromYield(key, time, pages, host.pagesPerDay) ?? undated("insufficient data", null);
    const recent = trendOf(key, time, RECENT_DAYS);
    let t = recent;
    const first = key.levels.hours[0];
    if (!t.ok && first !== undefined && first * HOUR_MS < time - RECENT_DAYS * DAY_MS) {
        // Slow supplies (drums, waste boxes) may need the whole retained history.
        t = trendOf(key, time, keepDays);
    }
    if (!t.ok) {
        return undated(t.why === "none" ? "no consumption" : "insufficient data", recent);
    }
    const daysLeft = t.levelNow / t.rate;
    if (daysLeft > MAX_DAYS) {
        return undated("no consumption", recent);
    }
    const ppd = host.pagesPerDay;
    const emptyAt = time + daysLeft * DAY_MS;
    return {
        forecast: {
            daysLeft: round(daysLeft, 1),
            emptyOn: isoDate(emptyAt),
            pagesLeft: pagesLeft(key, row, daysLeft, ppd),
            ratePerDay: roundRate(t.rate),
            pagesPerDay: ppd === null ? null : round(ppd, 1),
            confidence: confidenceOf(t, t.coarse),
            basis: "level",
            ...(key.inverted ? { inverted: true as const } : {}),
        },
        emptyAt,
        rate: t.rate,
        trend: recent,
    };
}

/** The level's trend over the last `windowDays`, in "amount left" terms. */
function trendOf(key: RowHistory, time: number, windowDays: number): Trend {
    const scale = scaleOf(key);
    return levelTrend({
        series: key.levels,
        flip: key.supplyClass === "receptacle" && key.inverted ? scale : null,
        time,
        windowDays,
        jump: jumpOf(key, scale),
        minDrop: 0.03 * scale,
        fineStep: 0.02 * scale,
    });
}

function pagesLeft(key: RowHistory, row: Row, daysLeft: number, ppd: number | null): number | null {
    // Where the unit counts pages (impressions, sheets; paper trays), the level is pages left.
    const pageLevel =
        row.level !== null &&
        row.level >= 0 &&
        ((row.kind === "supply" && key.supplyClass === "consumed" && isPageUnit(row.unit)) ||
            (row.kind === "tray" && (row.unit === null || isPageUnit(row.unit))));
    if (pageLevel) return Math.round(row.level as number);
    if (ppd !== null && ppd > 0) return Math.round(daysLeft * ppd);
    return null;
}

/**
 * Printers that report only stages (100 / 10 / 1, or 0 / 100) give no trend; once a full
 * cartridge has been seen from fitting to removal, its page count is the yield to expect.
 */
function fromYield(
    key: RowHistory,
    time: number,
    pages: number | null,
    ppd: number | null,
): RowEstimate | null {
    const cartridge = key.cartridge;
    if (cartridge === null || !cartridge.complete) return null;
    if (cartridge.startPages === null || pages === null || ppd === null || ppd <= 0) return null;
    const yields = key.removedCartridges
        .filter((l) => l.complete && l.pages !== null && l.pages > 0 && l.startLevel >= 90)
        .map((l) => l.pages as number);
    if (yields.length === 0) return null;
    const expected = median(yields);
    // On 3-stage printers 1 is the "empty" stage.
    const left =
        key.lastLevel !== null && key.lastLevel <= 1
            ? 0
            : Math.max(0, expected - (pages - cartridge.startPages));
    const daysLeft = left / ppd;
    if (daysLeft > MAX_DAYS) {
        return undated("no consumption", null);
    }
    const emptyAt = time + daysLeft * DAY_MS;
    const rate = (cartridge.startLevel * ppd) / expected;
    return {
        forecast: {
            daysLeft: round(daysLeft, 1),
            emptyOn: isoDate(emptyAt),
            pagesLeft: Math.round(left),
            ratePerDay: roundRate(rate),
            pagesPerDay: round(ppd, 1),
            confidence: yields.length >= 2 ? "medium" : "low",
            basis: "pages",
        },
        emptyAt,
        rate,
        trend: null,
    };
}
