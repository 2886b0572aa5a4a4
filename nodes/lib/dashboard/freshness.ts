/**
 * When is a device's reading stale? Each device is polled at its own pace (an Inject every
 * 5 minutes for printers, every 30 s for access points…), so the widget learns the interval from
 * the spacing of the device's own readings and calls the device stale after N intervals without
 * one. Times are milliseconds on the widget's clock (when the message arrived), so a device
 * whose clock is wrong, or a reading relayed late, cannot make a card look fresh or stale.
 *
 * The interval is the longest of the last few gaps, not their mean or median: a user pressing
 * the Inject button a few times must not teach the widget a 2-second interval and grey every
 * card a few seconds later. Erring long only delays the grey by a poll or two.
 */

import { finiteNumber, isRecord } from "../json";

/** Gaps remembered per device; the longest of these is the device's interval. */
const HISTORY = 5;
/** Readings closer than this (a manual Inject right after the timed one) do not teach an interval. */
const MIN_INTERVAL_MS = 1000;

export interface Freshness {
    /** When the last message arrived. */
    lastSeen: number;
    /** The learned polling interval, undefined until two readings at least a second apart. */
    intervalMs?: number;
    /** Recent gaps between readings, newest last. */
    gaps: number[];
}

export function median(values: number[]): number | undefined {
    if (values.length === 0) return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const hi = sorted[mid] ?? 0;
    return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** Record a reading that arrived at `now`. */
export function touch(previous: Freshness | undefined, now: number): Freshness {
    if (previous === undefined) return { lastSeen: now, gaps: [] };
    const gap = now - previous.lastSeen;
    const gaps = gap >= MIN_INTERVAL_MS ? [...previous.gaps, gap].slice(-HISTORY) : previous.gaps;
    return { lastSeen: now, gaps, intervalMs: gaps.length > 0 ? Math.max(...gaps) : undefined };
}

/**
 * The interval to judge a device by: its own, else the typical interval of the other devices on
 * the same widget (they are usually polled by the same Inject), else none (never stale).
 */
export function effectiveInterval(own: Freshness, all: Iterable<Freshness>): number | undefined {
    if (own.intervalMs !== undefined) return own.intervalMs;
    const known: number[] = [];
    for (const f of all) if (f.intervalMs !== undefined) known.push(f.intervalMs);
    return median(known);
}

/** The time at which a device seen at `lastSeen` becomes stale after `polls` missed intervals. */
export function staleAt(lastSeen: number, intervalMs: number | undefined, polls: number): number | undefined {
    if (intervalMs === undefined) return undefined;
    return lastSeen + Math.max(1, polls) * intervalMs;
}

/** A saved Freshness, checked field by field; null when it is not one (the interval is recomputed). */
export function readFreshness(value: unknown): Freshness | null {
    if (!isRecord(value)) return null;
    const lastSeen = finiteNumber(value.lastSeen);
    if (lastSeen === null) return null;
    const gaps: number[] = [];
    if (Array.isArray(value.gaps)) {
        for (const g of value.gaps.slice(-HISTORY)) {
            const gap = finiteNumber(g);
            if (gap !== null && gap >= MIN_INTERVAL_MS) gaps.push(gap);
        }
    }
    return gaps.length > 0 ? { lastSeen, gaps, intervalMs: Math.max(...gaps) } : { lastSeen, gaps };
}
