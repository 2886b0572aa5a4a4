/**
 * Pages printed per printer: the usage report `supply-forecast` answers to `topic "usage"`, and
 * the fleet list that goes with it (one line per printer: name, maker, model, serial, pages, and
 * the supplies to order).
 *
 * Each counter the printer gives (total, mono, colour) is kept as a series of its stitched
 * count, in the same history as the supply levels (so it persists with them): a counter that
 * goes back (NVRAM reset, firmware update) or a printer whose serial changes (a replaced
 * controller board) continues from the old count, so usage is never negative and a new board's
 * own count is not taken for pages printed.
 *
 * Pages in a period are the stitched count now minus the count when the period began: today
 * (since local midnight), this week (since Monday 00:00 local time), this month (since the 1st)
 * and the last 30 days. When the history began inside the period, counting starts there and the
 * period's `from` says so. Older than the hourly tier (28 days) the history holds one count per
 * day, so the start of "last 30 days" is exact to the day.
 */

import type { Pages } from "../printer/contract";
import { fmt } from "./events";
import { stitchCounter } from "./lifecycle";
import type { Reading } from "./reading";
import { cleanName, partNumberOf, shoppingList } from "./report";
import { DAY_MS, HOUR_MS } from "./robust";
import { append, emptySeries, indexAtOrBefore, valueAt } from "./series";
import {
    USAGE_COUNTERS,
    type CounterHistory,
    type PrinterHistory,
    type RowHistory,
    type UsageHistory,
} from "./state";

/** Pages printed in one period, per counter (null where the printer gives no such counter). */
export interface UsagePeriod {
    total: number | null;
    mono: number | null;
    colour: number | null;
    /** When counting began: the start of the period, or later when the history starts later. */
    from: string | null;
}

/** A supply the shopping list says to order for this printer. */
export interface OrderItem {
    name: string;
    partNumber: string | null;
    state: string | null;
    emptyOn: string | null;
}

/** One printer of the usage report (one line of the fleet list). */
export interface PrinterUsage {
    host: string;
    device: string;
    vendor: string | null;
    model: string;
    serial: string | null;
    firmware: string | null;
    /** The counters as the printer last reported them. */
    pages: Pages;
    today: UsagePeriod;
    week: UsagePeriod;
    month: UsagePeriod;
    last30Days: UsagePeriod;
    /** Supplies expected to run out within the report's days, or that the printer calls low. */
    order: OrderItem[];
    lastSeen: string;
}

export interface UsageTotals {
    today: Omit<UsagePeriod, "from">;
    week: Omit<UsagePeriod, "from">;
    month: Omit<UsagePeriod, "from">;
    last30Days: Omit<UsagePeriod, "from">;
}

export interface UsageReport {
    time: string;
    days: number;
    count: number;
    printers: PrinterUsage[];
    /** Sums over the printers that give each counter. */
    totals: UsageTotals;
    /** The fleet list as text, one line per printer. */
    text: string;
}

// ---------------------------------------------------------------------------------------------
// Recording

function emptyUsage(): UsageHistory {
    return { vendor: null, serial: null, firmware: null, counters: {} };
}

/**
 * Records a reading's counters and identity. A new serial where another was known means a new
 * controller board (or another printer at this address): every counter continues from the old
 * count instead of jumping to the new board's.
 */
export function recordUsage(host: PrinterHistory, reading: Reading): void {
    const usage = (host.usage ??= emptyUsage());
    const rebase = reading.serial !== null && usage.serial !== null && reading.serial !== usage.serial;
    for (const c of USAGE_COUNTERS) {
        const count = reading.pages[c] ?? null;
        const counter = usage.counters[c];
        const step = stitchCounter(counter?.lastCount ?? null, counter?.offset ?? 0, count, rebase);
        if (step === null || count === null) continue;
        const kept = (usage.counters[c] ??= {
            counts: emptySeries(),
            lastCount: null,
            offset: 0,
            firstSeen: reading.time,
        });
        kept.lastCount = count;
        kept.offset = step.offset;
        append(kept.counts, reading.time, step.stitched);
    }
    if (reading.serial !== null) usage.serial = reading.serial;
    if (reading.vendor !== null) usage.vendor = reading.vendor;
    if (reading.firmware !== null) usage.firmware = reading.firmware;
}

// ---------------------------------------------------------------------------------------------
// Periods (local time: a day starts at the server's midnight)

export function startOfDay(ms: number): number {
    const d = new Date(ms);
    d.setHours(0, 0, 0, 0);
    return d.getTime();
}

/** Monday 00:00 of the week holding `ms` (ISO 8601 weeks). */
export function startOfWeek(ms: number): number {
    const d = new Date(startOfDay(ms));
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    return d.getTime();
}

export function startOfMonth(ms: number): number {
    const d = new Date(startOfDay(ms));
    d.setDate(1);
    return d.getTime();
}

/**
 * Pages counted between `start` and `end`, and when counting began: the count at `start` is the
 * last bucket that ended by then (a bucket holds the count at the end of its hour).
 */
function countedSince(
    counter: CounterHistory,
    start: number,
    end: number,
): { pages: number; from: number } | null {
    const series = counter.counts;
    const now = valueAt(series, end);
    if (Number.isNaN(now) || series.hours.length === 0) return null;
    const i = indexAtOrBefore(series, start / HOUR_MS - 1);
    if (i >= 0) return { pages: Math.max(0, now - (series.values[i] as number)), from: start };
    return {
        pages: Math.max(0, now - (series.values[0] as number)),
        from: Math.max(start, counter.firstSeen),
    };
}

function period(usage: UsageHistory | undefined, start: number, end: number): UsagePeriod {
    const out: UsagePeriod = { total: null, mono: null, colour: null, from: null };
    let from: number | null = null;
    for (const c of USAGE_COUNTERS) {
        const counter = usage?.counters[c];
        const counted = counter === undefined ? null : countedSince(counter, start, end);
        if (counted === null) continue;
        out[c] = counted.pages;
        from = Math.max(from ?? counted.from, counted.from);
    }
    out.from = from === null ? null : new Date(from).toISOString();
    return out;
}

function lastReported(usage: UsageHistory | undefined): Pages {
    const pages: Pages = {};
    for (const c of USAGE_COUNTERS) {
        const last = usage?.counters[c]?.lastCount;
        if (last !== undefined && last !== null) pages[c] = last;
    }
    return pages;
}

// ---------------------------------------------------------------------------------------------
// The report

const PERIODS = ["today", "week", "month", "last30Days"] as const;

/**
 * The usage report as of `time` over every printer in the history (`printers` keyed by host),
 * with the supplies to order within `days` from the supply rows.
 */
export function usageReport(
    printers: Iterable<[string, PrinterHistory]>,
    rows: Iterable<RowHistory>,
    time: number,
    days: number,
): UsageReport {
    const order = new Map<string, OrderItem[]>();
    for (const group of shoppingList(rows, time, days).groups) {
        for (const item of group.items) {
            const list = order.get(item.host) ?? [];
            list.push({
                name: cleanName(item.name),
                partNumber: partNumberOf(item.name),
                state: item.state,
                emptyOn: item.emptyOn,
            });
            order.set(item.host, list);
        }
    }
    const starts = {
        today: startOfDay(time),
        week: startOfWeek(time),
        month: startOfMonth(time),
        last30Days: time - 30 * DAY_MS,
    };
    const list: PrinterUsage[] = [];
    for (const [host, p] of printers) {
        const usage = p.usage;
        list.push({
            host,
            device: p.device,
            vendor: usage?.vendor ?? null,
            model: p.model,
            serial: usage?.serial ?? null,
            firmware: usage?.firmware ?? null,
            pages: lastReported(usage),
            today: period(usage, starts.today, time),
            week: period(usage, starts.week, time),
            month: period(usage, starts.month, time),
            last30Days: period(usage, starts.last30Days, time),
            order: order.get(host) ?? [],
            lastSeen: new Date(p.lastSeen).toISOString(),
        });
    }
    list.sort((a, b) => a.device.localeCompare(b.device) || a.host.localeCompare(b.host));
    const totals = {} as UsageTotals;
    for (const name of PERIODS) {
        const sum = { total: null, mono: null, colour: null } as Omit<UsagePeriod, "from">;
        for (const p of list) {
            for (const c of USAGE_COUNTERS) {
                const n = p[name][c];
                if (n !== null) sum[c] = (sum[c] ?? 0) + n;
            }
        }
        totals[name] = sum;
    }
    return {
        time: new Date(time).toISOString(),
        days,
        count: list.length,
        printers: list,
        totals,
        text: list.map(fleetLine).join("\n"),
    };
}

/** "Office 2F: HP Color LaserJet M555, SN JPBCS4B0FD, 12,345 pages; this month 420 (mono 300, colour 120); order CF226X" */
function fleetLine(p: PrinterUsage): string {
    const what = [p.vendor, p.model].filter((x) => x !== null && x !== "").join(" ");
    const parts = [what || "unknown model"];
    if (p.serial !== null) parts.push(`SN ${p.serial}`);
    if (p.pages.total !== undefined) parts.push(`${fmt(p.pages.total)} pages`);
    let line = `${p.device}: ${parts.join(", ")}`;
    const m = p.month;
    if (m.total !== null || m.mono !== null || m.colour !== null) {
        const split = [
            m.mono !== null ? `mono ${fmt(m.mono)}` : "",
            m.colour !== null ? `colour ${fmt(m.colour)}` : "",
        ].filter((x) => x !== "");
        const total = m.total ?? (m.mono ?? 0) + (m.colour ?? 0);
        line += `; this month ${fmt(total)}${split.length > 0 ? ` (${split.join(", ")})` : ""}`;
    }
    if (p.order.length > 0) line += `; order ${p.order.map((o) => o.partNumber ?? o.name).join(", ")}`;
    return line;
}
