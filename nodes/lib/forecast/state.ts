/**
 * What the forecast remembers, as plain JSON so it can sit in a Node-RED context store (memory,
 * or the file store to survive restarts). The format carries a version: history stored by an
 * older version is migrated step by step (`migrate.ts`), never guessed at. Read-back history is
 * checked entry by entry: a damaged or foreign entry is dropped, the rest is kept.
 */

import type { Forecast } from "./estimate";
import { MIGRATIONS } from "./migrate";
import type { RowKind } from "./reading";
import { isSeries, type Series } from "./series";

/** Version 1: short field names (`s`, `inv`, `cpp` …). Version 2: the names below. */
export const STATE_VERSION = 2;

/** The cartridge (or paper load, or waste box) currently in place. */
export interface Cartridge {
    /** When it was first seen, ms. */
    installedAt: number;
    /** Level it started at, in the series' scale (percent, or the raw unit). */
    startLevel: number;
    /** Stitched page count at that time, when the printer reports one. */
    startPages: number | null;
    /** True when the change itself was seen (a replacement); false when first seen mid-life. */
    complete: boolean;
}

/** A cartridge that has been removed. */
export interface RemovedCartridge {
    removedAt: number;
    /** Pages printed while it was in, when known. */
    pages: number | null;
    /** Days it was in (rounded to 0.1). */
    days: number;
    startLevel: number;
    endLevel: number;
    /** False when history began after it was put in: pages and days are then lower bounds. */
    complete: boolean;
}

/** The last time a level moved, for the stuck-value check. */
export interface LevelChange {
    time: number;
    /** Stitched page count then, or null. */
    pages: number | null;
}

/** One supply or tray (a row of the printer's supplies or input table). */
export interface RowHistory {
    kind: RowKind;
    host: string;
    id: string;
    device: string;
    model: string;
    name: string;
    type: string | null;
    color: string | null;
    /** RFC 3805 prtMarkerSuppliesClass: a waste box is a receptacle (its level is space left). */
    supplyClass: "consumed" | "receptacle";
    unit: string | null;
    max: number | null;
    state: string | null;
    /** Last percent as reported (null when not numeric). */
    percent: number | null;
    /** True when the series holds raw levels (the printer gives no usable maximum). */
    rawLevels: boolean;
    levels: Series;
    /** Time of the last sample, ms. */
    lastSeen: number;
    /** Last numeric value (series scale, as reported), or null. */
    lastLevel: number | null;
    /** Largest value seen (raw series only: the scale when no maximum is known). */
    highestLevel: number;
    cartridge: Cartridge | null;
    /** The last few removed cartridges, oldest first. */
    removedCartridges: RemovedCartridge[];
    /** Distinct values seen while all were in {0, 1, 10, 100} (3-stage reporting); null otherwise. */
    stageValues: number[] | null;
    /** A waste box found to report used space instead of space left. */
    inverted: boolean;
    lastChange: LevelChange | null;
    /** Consumption per page (series units) learnt when the level last moved. */
    consumptionPerPage: number | null;
    /** True once a `stuck` event was sent, until the level moves again. */
    stuckReported: boolean;
    /** Cartridge serial from the description ("S/N:…"), a replacement signal. */
    cartridgeSerial: string | null;
    /** Last forecast and, when dated, the absolute time it runs out (ms). */
    forecast: Forecast | null;
    emptyAt: number | null;
}

/** One printer: its page count. */
export interface PrinterHistory {
    device: string;
    model: string;
    /** Stitched page count: prtMarkerLifeCount plus `counterOffset`, continuous across resets. */
    pageCounts: Series;
    /** Last prtMarkerLifeCount as reported. */
    lastCounter: number | null;
    /** Pages lost to counter resets, added to the reported count. */
    counterOffset: number;
    lastSeen: number;
    /** Pages per day as of `lastSeen`, or null when not known yet. */
    pagesPerDay: number | null;
}

export interface ForecastState {
    version: number;
    /** Day index (ms / 86,400,000) of the last daily maintenance. */
    lastMaintenanceDay: number;
    /** Keys are "k:" + host + "#" + kind letter + id; printers "h:" + host (never a bare user string). */
    rows: Record<string, RowHistory>;
    printers: Record<string, PrinterHistory>;
}

export function emptyState(): ForecastState {
    return { version: STATE_VERSION, lastMaintenanceDay: 0, rows: {}, printers: {} };
}

export function rowKey(host: string, kind: RowKind, id: string): string {
    return `k:${host}#${kind === "supply" ? "s" : "t"}${id}`;
}

export function printerKey(host: string): string {
    return `h:${host}`;
}

const isNum = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isNumOrNull = (x: unknown): boolean => x === null || isNum(x);
const isStr = (x: unknown): x is string => typeof x === "string";
const isStrOrNull = (x: unknown): boolean => x === null || isStr(x);
const isObj = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);

function isCartridge(x: unknown): boolean {
    return (
        x === null ||
        (isObj(x) &&
            isNum(x.installedAt) &&
            isNum(x.startLevel) &&
            isNumOrNull(x.startPages) &&
            typeof x.complete === "boolean")
    );
}

function isRemovedCartridge(x: unknown): boolean {
    return (
        isObj(x) &&
        isNum(x.removedAt) &&
        isNumOrNull(x.pages) &&
        isNum(x.days) &&
        isNum(x.startLevel) &&
        isNum(x.endLevel) &&
        typeof x.complete === "boolean"
    );
}

function isRowHistory(x: unknown): x is RowHistory {
    if (!isObj(x)) return false;
    return (
        (x.kind === "supply" || x.kind === "tray") &&
        isStr(x.host) &&
        isStr(x.id) &&
        isStr(x.device) &&
        isStr(x.model) &&
        isStr(x.name) &&
        isStrOrNull(x.type) &&
        isStrOrNull(x.color) &&
        (x.supplyClass === "consumed" || x.supplyClass === "receptacle") &&
        isStrOrNull(x.unit) &&
        isNumOrNull(x.max) &&
        isStrOrNull(x.state) &&
        isNumOrNull(x.percent) &&
        typeof x.rawLevels === "boolean" &&
        isSeries(x.levels) &&
        isNum(x.lastSeen) &&
        isNumOrNull(x.lastLevel) &&
        isNum(x.highestLevel) &&
        isCartridge(x.cartridge) &&
        Array.isArray(x.removedCartridges) &&
        x.removedCartridges.every(isRemovedCartridge) &&
        (x.stageValues === null || (Array.isArray(x.stageValues) && x.stageValues.every(isNum))) &&
        typeof x.inverted === "boolean" &&
        (x.lastChange === null ||
            (isObj(x.lastChange) && isNum(x.lastChange.time) && isNumOrNull(x.lastChange.pages))) &&
        isNumOrNull(x.consumptionPerPage) &&
        typeof x.stuckReported === "boolean" &&
        isStrOrNull(x.cartridgeSerial) &&
        (x.forecast === null ||
            (isObj(x.forecast) && (x.forecast.daysLeft === null || isNum(x.forecast.daysLeft)))) &&
        isNumOrNull(x.emptyAt)
    );
}

function isPrinterHistory(x: unknown): x is PrinterHistory {
    return (
        isObj(x) &&
        isStr(x.device) &&
        isStr(x.model) &&
        isSeries(x.pageCounts) &&
        isNumOrNull(x.lastCounter) &&
        isNum(x.counterOffset) &&
        isNum(x.lastSeen) &&
        isNumOrNull(x.pagesPerDay)
    );
}

export interface LoadResult {
    state: ForecastState;
    /** Entries that could not be used and were dropped. */
    dropped: number;
    /** True when something was stored but was not forecast history this version can read. */
    unreadable: boolean;
}

/**
 * Takes history read back from a context store, migrating an older version first; anything
 * unusable is dropped, never thrown on. A version newer than this one is unreadable (this code
 * cannot know what its fields mean).
 */
export function loadState(stored: unknown): LoadResult {
    if (stored === undefined || stored === null)
        return { state: emptyState(), dropped: 0, unreadable: false };
    const current = migrated(stored);
    if (current === null || !isObj(current.rows) || !isObj(current.printers)) {
        return { state: emptyState(), dropped: 0, unreadable: true };
    }
    const state = emptyState();
    state.lastMaintenanceDay = isNum(current.lastMaintenanceDay) ? current.lastMaintenanceDay : 0;
    let dropped = 0;
    for (const [k, v] of Object.entries(current.rows)) {
        if (k.startsWith("k:") && isRowHistory(v)) state.rows[k] = v;
        else dropped++;
    }
    for (const [k, v] of Object.entries(current.printers)) {
        if (k.startsWith("h:") && isPrinterHistory(v)) state.printers[k] = v;
        else dropped++;
    }
    return { state, dropped, unreadable: false };
}

/** The stored object brought to the current version, or null when it has no known version. */
function migrated(stored: unknown): Record<string, unknown> | null {
    let current = stored;
    while (isObj(current) && isNum(current.version) && current.version < STATE_VERSION) {
        const step = MIGRATIONS[current.version];
        if (step === undefined) return null;
        current = step(current);
    }
    return isObj(current) && current.version === STATE_VERSION ? current : null;
}
