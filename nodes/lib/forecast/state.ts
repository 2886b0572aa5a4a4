/**
 * What the forecast remembers, as plain JSON so it can sit in a Node-RED context store (memory,
 * or the file store to survive restarts). Read-back history is checked entry by entry: a damaged
 * or foreign entry is dropped, the rest is kept.
 */

import type { Forecast } from "./estimate";
import { isSeries, type Series } from "./series";
import type { RowKind } from "./reading";

export const STATE_VERSION = 1;

/** The cartridge (or paper load) currently in place. */
export interface Cartridge {
    /** When it was first seen, ms. */
    since: number;
    /** Level it started at, in the series' scale (percent, or the raw unit). */
    level: number;
    /** Stitched page count at that time, when the printer reports one. */
    pages: number | null;
    /** True when the change itself was seen (a replacement); false when first seen mid-life. */
    complete: boolean;
}

/** A cartridge that has been removed. */
export interface Lifetime {
    /** Removal time, ms. */
    at: number;
    pages: number | null;
    days: number;
    start: number;
    end: number;
    complete: boolean;
}

export interface KeyState {
    kind: RowKind;
    host: string;
    id: string;
    device: string;
    model: string;
    name: string;
    type: string | null;
    color: string | null;
    cls: "consumed" | "receptacle";
    unit: string | null;
    max: number | null;
    state: string | null;
    /** Last percent as reported (null when not numeric). */
    percent: number | null;
    /** True when the series holds raw levels (the printer gives no usable maximum). */
    raw: boolean;
    s: Series;
    /** Time of the last sample, ms. */
    seen: number;
    /** Last numeric value (series scale, as reported), or null. */
    last: number | null;
    /** Largest value seen (raw series only: the scale when no maximum is known). */
    top: number;
    cart: Cartridge | null;
    life: Lifetime[];
    /** Distinct values seen while all were in {0, 1, 10, 100} (3-stage reporting); null otherwise. */
    vals: number[] | null;
    /** A waste box found to report used space instead of space left. */
    inv: boolean;
    /** Last level change: time, stitched pages; for the stuck-value check. */
    chg: { t: number; p: number | null } | null;
    /** Consumption per page (series units) learnt when the level last moved. */
    cpp: number | null;
    stuck: boolean;
    /** Cartridge serial from the description ("S/N:…"), a replacement signal. */
    serial: string | null;
    /** Last forecast and, when dated, the absolute time it runs out (ms). */
    fc: Forecast | null;
    ea: number | null;
}

export interface HostState {
    device: string;
    model: string;
    /** Stitched page count: prtMarkerLifeCount plus `off`, continuous across counter resets. */
    s: Series;
    /** Last raw prtMarkerLifeCount. */
    raw: number | null;
    off: number;
    seen: number;
    /** Pages per day as of `seen`, or null when not known yet. */
    ppd: number | null;
}

export interface ForecastState {
    version: number;
    /** Day index (ms / 86,400,000) of the last daily maintenance. */
    day: number;
    /** Keys are "k:" + host + "#" + kind letter + id; hosts "h:" + host (never a bare user string). */
    keys: Record<string, KeyState>;
    hosts: Record<string, HostState>;
}

export function emptyState(): ForecastState {
    return { version: STATE_VERSION, day: 0, keys: {}, hosts: {} };
}

export function keyName(host: string, kind: RowKind, id: string): string {
    return `k:${host}#${kind === "supply" ? "s" : "t"}${id}`;
}

export function hostName(host: string): string {
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
            isNum(x.since) &&
            isNum(x.level) &&
            isNumOrNull(x.pages) &&
            typeof x.complete === "boolean")
    );
}

function isLifetime(x: unknown): boolean {
    return (
        isObj(x) &&
        isNum(x.at) &&
        isNumOrNull(x.pages) &&
        isNum(x.days) &&
        isNum(x.start) &&
        isNum(x.end) &&
        typeof x.complete === "boolean"
    );
}

function isKeyState(x: unknown): x is KeyState {
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
        (x.cls === "consumed" || x.cls === "receptacle") &&
        isStrOrNull(x.unit) &&
        isNumOrNull(x.max) &&
        isStrOrNull(x.state) &&
        isNumOrNull(x.percent) &&
        typeof x.raw === "boolean" &&
        isSeries(x.s) &&
        isNum(x.seen) &&
        isNumOrNull(x.last) &&
        isNum(x.top) &&
        isCartridge(x.cart) &&
        Array.isArray(x.life) &&
        x.life.every(isLifetime) &&
        (x.vals === null || (Array.isArray(x.vals) && x.vals.every(isNum))) &&
        typeof x.inv === "boolean" &&
        (x.chg === null || (isObj(x.chg) && isNum(x.chg.t) && isNumOrNull(x.chg.p))) &&
        isNumOrNull(x.cpp) &&
        typeof x.stuck === "boolean" &&
        isStrOrNull(x.serial) &&
        (x.fc === null || (isObj(x.fc) && (x.fc.daysLeft === null || isNum(x.fc.daysLeft)))) &&
        isNumOrNull(x.ea)
    );
}

function isHostState(x: unknown): x is HostState {
    return (
        isObj(x) &&
        isStr(x.device) &&
        isStr(x.model) &&
        isSeries(x.s) &&
        isNumOrNull(x.raw) &&
        isNum(x.off) &&
        isNum(x.seen) &&
        isNumOrNull(x.ppd)
    );
}

export interface LoadResult {
    state: ForecastState;
    /** Entries that could not be used and were dropped. */
    dropped: number;
    /** True when something was stored but was not forecast history at all. */
    unreadable: boolean;
}

/** Takes history read back from a context store; anything unusable is dropped, never thrown on. */
export function loadState(stored: unknown): LoadResult {
    if (stored === undefined || stored === null)
        return { state: emptyState(), dropped: 0, unreadable: false };
    if (!isObj(stored) || stored.version !== STATE_VERSION || !isObj(stored.keys) || !isObj(stored.hosts)) {
        return { state: emptyState(), dropped: 0, unreadable: true };
    }
    const state = emptyState();
    state.day = isNum(stored.day) ? stored.day : 0;
    let dropped = 0;
    for (const [k, v] of Object.entries(stored.keys)) {
        if (k.startsWith("k:") && isKeyState(v)) state.keys[k] = v;
        else dropped++;
    }
    for (const [k, v] of Object.entries(stored.hosts)) {
        if (k.startsWith("h:") && isHostState(v)) state.hosts[k] = v;
        else dropped++;
    }
    return { state, dropped, unreadable: false };
}
