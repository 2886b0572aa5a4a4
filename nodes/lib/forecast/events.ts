/**
 * Events the forecast emits on its second output: cartridge lifecycle (research notes §7.2) and
 * data quality (§7.3, §7.7). Each carries a short English `text` for notifications.
 */

import { round } from "./robust";
import type { RowKind } from "./reading";

export type LifecycleEventName = "replaced" | "refilled";
export type QualityEventName = "stuck" | "pageCounterReset" | "inverted";

/** The cartridge (or paper load, or waste box) that was taken out. */
export interface RemovedInfo {
    /** When it was put in (ISO), or null when it was already in place when history began. */
    installed: string | null;
    /** Level it started at and ended at, as the printer reports it (percent when it can). */
    startLevel: number;
    endLevel: number;
    /** Pages printed while it was in, when the printer has a page counter. */
    pages: number | null;
    days: number;
    /** False when history began after it was put in: pages and days are then lower bounds. */
    complete: boolean;
}

export interface ForecastEvent {
    event: LifecycleEventName | QualityEventName;
    device: string;
    host: string;
    model: string;
    /** Sample time (ISO). */
    time: string;
    text: string;
    kind?: RowKind;
    id?: string;
    name?: string;
    type?: string | null;
    color?: string | null;
    /** Level now (same scale as `removed`). */
    level?: number;
    removed?: RemovedInfo;
    /** stuck: since when the level has not moved, and pages printed since. */
    since?: string;
    pages?: number;
    /** pageCounterReset: the counter before and after. */
    previous?: number;
    current?: number;
}

const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** A count or level for a sentence: "12,345", "7.5" (one formatter: toLocaleString builds one per call). */
export function fmt(n: number): string {
    return NUMBER.format(n);
}

function life(removed: RemovedInfo): string {
    const atLeast = removed.complete ? "" : "at least ";
    const days = `${fmt(removed.days)} ${removed.days === 1 ? "day" : "days"}`;
    return removed.pages === null ? `${atLeast}${days}` : `${atLeast}${fmt(removed.pages)} pages / ${days}`;
}

export function lifecycleText(
    device: string,
    name: string,
    kind: RowKind,
    event: LifecycleEventName,
    level: number,
    removed: RemovedInfo,
): string {
    if (kind === "tray") return `${device}: ${name} refilled to ${fmt(level)}% after ${life(removed)}`;
    if (event === "replaced") return `${device}: ${name} replaced after ${life(removed)}`;
    return `${device}: ${name} refilled to ${fmt(level)}% after ${life(removed)}`;
}

export function stuckText(device: string, name: string, level: number, days: number, pages: number): string {
    return (
        `${device}: ${name} has stayed at ${fmt(level)} for ${fmt(round(days, 0))} days ` +
        `while ${fmt(pages)} pages were printed; the printer may not be measuring it`
    );
}

export function counterResetText(device: string, previous: number, current: number): string {
    return (
        `${device}: page counter went back from ${fmt(previous)} to ${fmt(current)} ` +
        `(firmware reset or board swap); page rates continue from the old count`
    );
}

export function invertedText(device: string, name: string): string {
    return (
        `${device}: ${name} fills up as pages are printed, so it reports used space, not the space ` +
        `left; the forecast now treats it as inverted`
    );
}
