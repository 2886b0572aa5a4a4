/**
 * Lifecycle and data-quality checks, one per event the forecast emits (research notes §7.2,
 * §7.3, §7.7): a cartridge replaced or refilled, a page counter that went back, a waste box that
 * reports used space, a level that stays put while pages are printed. Each check reads and
 * updates the stored history of one row or printer and returns its event, or null.
 */

import type { ForecastEvent, RemovedInfo } from "./events";
import { counterResetText, invertedText, lifecycleText, stuckText } from "./events";
import { MIN_SPAN_DAYS, type Trend } from "./estimate";
import { isStaged } from "./history";
import { amountLeft, jumpOf } from "./rate";
import type { Reading } from "./reading";
import { DAY_MS, round } from "./robust";
import { valueAt } from "./series";
import type { PrinterHistory, RowHistory } from "./state";

/** One new level of a supply or tray, with what the checks need to judge it. */
export interface LevelSample {
    key: RowHistory;
    host: PrinterHistory;
    reading: Reading;
    /** The new level, in the series' scale. */
    value: number;
    /** Full scale of the series (100 for percent). */
    scale: number;
    /** The printer's stitched page count now, or null. */
    pages: number | null;
}

/** Removed cartridges remembered per supply (their yields date 3-stage supplies). */
const REMOVED_KEPT = 5;
/** A level that has not moved for this long while pages were printed may be stuck. */
const STUCK_DAYS = 14;

/** Cartridge serial in an HP-style description ("… S/N:CRUM-12345678"), research table §5, row 30. */
export function serialOf(name: string): string | null {
    const m = /S\/N\s*:?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})/i.exec(name);
    return m ? (m[1] as string) : null;
}

/**
 * The printer's page count made continuous: prtMarkerLifeCount should never go back (RFC 3805);
 * when it does (firmware reset, board swap, research table §5 row 19), counting continues from
 * the old count and a `pageCounterReset` event says so. Null when the reading has no usable count.
 */
export function stitchPageCount(
    host: PrinterHistory,
    reading: Reading,
): { pages: number | null; event: ForecastEvent | null } {
    let count = reading.pageCount;
    // A lone 0 from a printer that had counted pages is a failed read, not a reset.
    if (count === 0 && host.lastCounter !== null && host.lastCounter > 0) count = null;
    if (count === null) return { pages: null, event: null };
    let event: ForecastEvent | null = null;
    if (host.lastCounter !== null && count < host.lastCounter) {
        event = {
            event: "pageCounterReset",
            device: reading.device,
            host: reading.host,
            model: reading.model,
            time: new Date(reading.time).toISOString(),
            text: counterResetText(reading.device, host.lastCounter, count),
            previous: host.lastCounter,
            current: count,
        };
        host.counterOffset += host.lastCounter - count;
    }
    host.lastCounter = count;
    return { pages: count + host.counterOffset, event };
}

/**
 * Replacement or refill: a jump up (in "amount left" terms), or a new cartridge serial. Records
 * the removed cartridge and starts the new one. `previousSeen` is the time of the last sample
 * before this one (when the old cartridge was last seen).
 */
export function replacementEvent(sample: LevelSample, previousSeen: number): ForecastEvent | null {
    const { key, value, scale } = sample;
    const serial = serialOf(key.name);
    let event: ForecastEvent | null = null;
    if (key.lastLevel !== null) {
        const left = amountLeft(key, scale);
        const rise = left(value) - left(key.lastLevel);
        const serialChanged =
            serial !== null && key.cartridgeSerial !== null && serial !== key.cartridgeSerial;
        if (rise >= jumpOf(key, scale) || serialChanged) event = cartridgeChanged(sample, previousSeen);
    }
    if (serial !== null) key.cartridgeSerial = serial;
    if (key.cartridge === null) {
        key.cartridge = {
            installedAt: sample.reading.time,
            startLevel: value,
            startPages: sample.pages,
            complete: false,
        };
    }
    return event;
}

function cartridgeChanged(sample: LevelSample, previousSeen: number): ForecastEvent {
    const { key, host, reading, value, scale, pages } = sample;
    const time = reading.time;
    const cartridge = key.cartridge;
    const endLevel = key.lastLevel as number;
    const pagesThen =
        cartridge !== null && cartridge.startPages !== null
            ? valueAt(host.pageCounts, previousSeen)
            : Number.NaN;
    const removed: RemovedInfo = {
        installed:
            cartridge !== null && cartridge.complete ? new Date(cartridge.installedAt).toISOString() : null,
        startLevel: cartridge !== null ? cartridge.startLevel : endLevel,
        endLevel,
        pages:
            cartridge !== null && cartridge.startPages !== null && !Number.isNaN(pagesThen)
                ? pagesThen - cartridge.startPages
                : null,
        days: cartridge !== null ? round((time - cartridge.installedAt) / DAY_MS, 1) : 0,
        complete: cartridge !== null && cartridge.complete,
    };
    key.removedCartridges.push({
        removedAt: time,
        pages: removed.pages,
        days: removed.days,
        startLevel: removed.startLevel,
        endLevel,
        complete: removed.complete,
    });
    if (key.removedCartridges.length > REMOVED_KEPT) key.removedCartridges.shift();
    key.cartridge = { installedAt: time, startLevel: value, startPages: pages, complete: true };
    // A new cartridge that does not start (nearly) full is a refill, or a used one.
    const event =
        key.kind === "supply" && amountLeft(key, scale)(value) >= 0.9 * scale ? "replaced" : "refilled";
    return {
        ...rowEvent(event, key, reading),
        text: lifecycleText(reading.device, key.name, key.kind, event, value, removed),
        level: value,
        removed,
    };
}

/**
 * Notes whether the level moved since the last sample (when it did, the stuck-value check starts
 * again from here). Call before the level is recorded.
 */
export function noteLevelChange(sample: LevelSample): boolean {
    const { key, value } = sample;
    const changed = key.lastLevel === null || value !== key.lastLevel;
    if (changed) {
        key.lastChange = { time: sample.reading.time, pages: sample.pages };
        key.stuckReported = false;
    }
    return changed;
}

/**
 * A waste box should lose space as pages are printed (RFC 3805 receptacles report the space
 * left); if its level clearly rises with pages instead, the printer reports used space
 * (research notes §7.3). Marks the box inverted (its forecast must then be estimated again).
 */
export function invertedEvent(sample: LevelSample, trend: Trend | null): ForecastEvent | null {
    const { key, host, reading, scale } = sample;
    if (key.supplyClass !== "receptacle" || key.inverted || trend === null) return null;
    if (trend.ok || trend.rate === null || trend.rate >= 0 || trend.spanDays < MIN_SPAN_DAYS) return null;
    if (-trend.drop < 0.05 * scale) return null;
    if (host.pagesPerDay !== null && host.pagesPerDay <= 0) return null;
    key.inverted = true;
    return {
        ...rowEvent("inverted", key, reading),
        text: invertedText(reading.device, key.name),
        level: sample.value,
    };
}

/**
 * Stuck value: learn consumption per page whenever the level moves; when it then stays put for
 * two weeks while enough pages were printed to move it 10 points, say so once. `rate` is the
 * unrounded consumption per day just estimated (null when undated).
 */
export function stuckEvent(sample: LevelSample, changed: boolean, rate: number | null): ForecastEvent | null {
    const { key, host, reading, value, scale, pages } = sample;
    if (changed) {
        if (rate !== null && host.pagesPerDay !== null && host.pagesPerDay > 0)
            key.consumptionPerPage = rate / host.pagesPerDay;
        return null;
    }
    if (key.stuckReported || isStaged(key) || key.lastChange === null || key.lastChange.pages === null)
        return null;
    if (pages === null || key.consumptionPerPage === null) return null;
    const printed = pages - key.lastChange.pages;
    const days = (reading.time - key.lastChange.time) / DAY_MS;
    if (days < STUCK_DAYS || printed * key.consumptionPerPage < 0.1 * scale) return null;
    key.stuckReported = true;
    return {
        ...rowEvent("stuck", key, reading),
        text: stuckText(reading.device, key.name, value, days, printed),
        level: value,
        since: new Date(key.lastChange.time).toISOString(),
        pages: printed,
    };
}

function rowEvent(
    event: ForecastEvent["event"],
    key: RowHistory,
    reading: Reading,
): Omit<ForecastEvent, "text"> {
    return {
        event,
        device: reading.device,
        host: reading.host,
        model: reading.model,
        time: new Date(reading.time).toISOString(),
        kind: key.kind,
        id: key.id,
        name: key.name,
        type: key.type,
        color: key.color,
    };
}
