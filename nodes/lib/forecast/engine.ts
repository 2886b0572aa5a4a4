/**
 * The forecast engine: takes `printer-supplies` device messages one at a time, keeps a compact
 * history per supply and tray (key: host + table index) and per printer (page count), and
 * answers with a forecast per row plus lifecycle and data-quality events. Pure: no Node-RED, no
 * timers, no clock (time comes from the reading or the caller).
 */

import { MIN_SPAN_DAYS, type Forecast, type Trend } from "./estimate";
import {
    counterResetText,
    invertedText,
    lifecycleText,
    stuckText,
    type ForecastEvent,
    type RemovedInfo,
} from "./events";
import { parseReading, type Reading, type Row } from "./reading";
import { shoppingList, supplySummary, type ShoppingList, type SupplySummary } from "./report";
import {
    appendLevel,
    appendPages,
    describeHost,
    describeRow,
    HistoryStore,
    isStaged,
    noteScale,
    scaleOf,
    seriesValue,
    type RetentionOptions,
} from "./history";
import { amountLeft, estimateRow, jumpOf, updatePageRate } from "./rate";
import { DAY_MS, round } from "./robust";
import { valueAt } from "./series";
import type { ForecastState, HostState, KeyState } from "./state";

export type EngineOptions = RetentionOptions;

export type UpdateResult =
    | { kind: "forecast"; reading: Reading; supplies: Forecast[]; trays: Forecast[]; events: ForecastEvent[] }
    | { kind: "unreachable" }
    | { kind: "error"; error: "not-device" | "no-host" };

/** Cartridge serial in an HP-style description ("… S/N:CRUM-12345678"), research table §5, row 30. */
export function serialOf(name: string): string | null {
    const m = /S\/N\s*:?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})/i.exec(name);
    return m ? (m[1] as string) : null;
}

export class ForecastEngine {
    private readonly history: HistoryStore;

    constructor(state: ForecastState, options: EngineOptions = {}) {
        this.history = new HistoryStore(state, options);
    }

    /** The stored history, plain JSON (what the node keeps in its context store). */
    get state(): ForecastState {
        return this.history.state;
    }

    /** Things worth one log line (the history cap was reached); the caller drains it. */
    get notes(): string[] {
        return this.history.notes;
    }

    /** Feeds one device message; `arrivalMs` is used when the payload carries no time. */
    update(payload: unknown, arrivalMs: number): UpdateResult {
        const parsed = parseReading(payload, arrivalMs);
        if (!parsed.ok)
            return parsed.unreachable ? { kind: "unreachable" } : { kind: "error", error: parsed.error };
        const reading = parsed.reading;
        const time = reading.time;
        this.history.maintain(time);
        const events: ForecastEvent[] = [];
        const { host, fresh, pages } = this.updateHost(reading, events);
        const supplies = reading.supplies.map((row) =>
            this.updateKey(row, reading, host, fresh, pages, events),
        );
        const trays = reading.trays.map((row) => this.updateKey(row, reading, host, fresh, pages, events));
        return { kind: "forecast", reading, supplies, trays, events };
    }

    /** The fleet shopping list as of `time`: supplies expected to run out within `days`. */
    report(time: number, days: number): ShoppingList {
        return shoppingList(this.history.rows(), time, days);
    }

    /** Supplies (not trays) tracked and those expected empty within `days` of `time`. */
    summary(time: number, days: number): SupplySummary {
        return supplySummary(this.history.rows(), time, days);
    }

    /** Total buckets stored (for the benchmark and the cap). */
    bucketCount(): number {
        return this.history.bucketCount();
    }

    private updateHost(
        reading: Reading,
        events: ForecastEvent[],
    ): { host: HostState; fresh: boolean; pages: number | null } {
        const time = reading.time;
        const host = this.history.host(reading);
        // A reading older than one already taken (a replay, a clock step back) changes nothing.
        if (time < host.seen) return { host, fresh: false, pages: null };
        host.seen = time;
        describeHost(host, reading);
        let count = reading.pageCount;
        // A lone 0 from a printer that had counted pages is a failed read, not a reset.
        if (count === 0 && host.raw !== null && host.raw > 0) count = null;
        let pages: number | null = null;
        if (count !== null) {
            if (host.raw !== null && count < host.raw) {
                // prtMarkerLifeCount should never go back (RFC 3805); when it does (firmware
                // reset, board swap, research table §5 row 19), continue from the old count.
                events.push({
                    event: "pageCounterReset",
                    device: reading.device,
                    host: reading.host,
                    model: reading.model,
                    time: new Date(time).toISOString(),
                    text: counterResetText(reading.device, host.raw, count),
                    previous: host.raw,
                    current: count,
                });
                host.off += host.raw - count;
            }
            host.raw = count;
            pages = count + host.off;
            appendPages(host, time, pages);
        }
        updatePageRate(host, time);
        return { host, fresh: true, pages };
    }

    private updateKey(
        row: Row,
        reading: Reading,
        host: HostState,
        fresh: boolean,
        pages: number | null,
        events: ForecastEvent[],
    ): Forecast {
        const time = reading.time;
        const key = this.history.row(reading, row);
        if (!fresh || time < key.seen) return key.fc ?? { daysLeft: null, reason: "insufficient data" };
        const prevSeen = key.seen;
        key.seen = time;
        describeRow(key, reading, row);

        const level = seriesValue(row);
        if (level === null) {
            key.fc = { daysLeft: null, reason: "level not numeric" };
            key.ea = null;
            return key.fc;
        }
        const value = level.value;
        noteScale(key, value, level.percent);
        const scale = scaleOf(key);
        const orient = amountLeft(key, scale);

        // Replacement or refill: a jump up (in "amount left" terms), or a new cartridge serial.
        const serial = serialOf(row.name);
        if (key.last !== null) {
            const rise = orient(value) - orient(key.last);
            const serialChanged = serial !== null && key.serial !== null && serial !== key.serial;
            if (rise >= jumpOf(key, scale) || serialChanged) {
                events.push(this.lifecycleEvent(key, host, reading, value, prevSeen, orient, scale, pages));
            }
        }
        if (serial !== null) key.serial = serial;
        if (key.cart === null) key.cart = { since: time, level: value, pages, complete: false };

        const changed = key.last === null || value !== key.last;
        if (changed) {
            key.chg = { t: time, p: pages };
            key.stuck = false;
        }
        appendLevel(key, time, value);

        const keepDays = this.history.keepDays;
        let result = estimateRow(key, host, row, time, pages, keepDays);
        if (this.looksInverted(key, host, result.trend, scale)) {
            key.inv = true;
            events.push({
                ...this.rowEvent("inverted", key, reading),
                text: invertedText(reading.device, row.name),
                level: value,
            });
            result = estimateRow(key, host, row, time, pages, keepDays);
        }
        key.fc = result.forecast;
        key.ea = result.emptyAt;

        // Stuck value: learn consumption per page whenever the level moves; when it then stays
        // put for two weeks while enough pages were printed to move it 10 points, say so once.
        if (changed) {
            if (result.rate !== null && host.ppd !== null && host.ppd > 0) key.cpp = result.rate / host.ppd;
        } else if (
            !key.stuck &&
            !isStaged(key) &&
            key.chg !== null &&
            key.chg.p !== null &&
            pages !== null &&
            key.cpp !== null
        ) {
            const printed = pages - key.chg.p;
            const days = (time - key.chg.t) / DAY_MS;
            if (days >= 14 && printed * key.cpp >= 0.1 * scale) {
                key.stuck = true;
                events.push({
                    ...this.rowEvent("stuck", key, reading),
                    text: stuckText(reading.device, row.name, value, days, printed),
                    level: value,
                    since: new Date(key.chg.t).toISOString(),
                    pages: printed,
                });
            }
        }
        return result.forecast;
    }

    private rowEvent(
        event: ForecastEvent["event"],
        key: KeyState,
        reading: Reading,
    ): Omit<ForecastEvent, "text"> & { text?: string } {
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

    private lifecycleEvent(
        key: KeyState,
        host: HostState,
        reading: Reading,
        value: number,
        prevSeen: number,
        orient: (v: number) => number,
        scale: number,
        pages: number | null,
    ): ForecastEvent {
        const time = reading.time;
        const cart = key.cart;
        const endLevel = key.last as number;
        const pagesThen = cart !== null && cart.pages !== null ? valueAt(host.s, prevSeen) : Number.NaN;
        const removed: RemovedInfo = {
            installed: cart !== null && cart.complete ? new Date(cart.since).toISOString() : null,
            startLevel: cart !== null ? cart.level : endLevel,
            endLevel,
            pages:
                cart !== null && cart.pages !== null && !Number.isNaN(pagesThen)
                    ? pagesThen - cart.pages
                    : null,
            days: cart !== null ? round((time - cart.since) / DAY_MS, 1) : 0,
            complete: cart !== null && cart.complete,
        };
        key.life.push({
            at: time,
            pages: removed.pages,
            days: removed.days,
            start: removed.startLevel,
            end: endLevel,
            complete: removed.complete,
        });
        if (key.life.length > 5) key.life.shift();
        key.cart = { since: time, level: value, pages, complete: true };
        // A new cartridge that does not start (nearly) full is a refill, or a used one.
        const event = key.kind === "supply" && orient(value) >= 0.9 * scale ? "replaced" : "refilled";
        return {
            ...this.rowEvent(event, key, reading),
            text: lifecycleText(reading.device, key.name, key.kind, event, value, removed),
            level: value,
            removed,
        };
    }

    /**
     * A waste box should lose space as pages are printed (RFC 3805 receptacles report the space
     * left); if its level clearly rises with pages instead, the printer reports used space
     * (research notes §7.3).
     */
    private looksInverted(key: KeyState, host: HostState, t: Trend | null, scale: number): boolean {
        if (key.cls !== "receptacle" || key.inv || t === null) return false;
        if (t.ok || t.rate === null || t.rate >= 0 || t.spanDays < MIN_SPAN_DAYS) return false;
        if (-t.drop < 0.05 * scale) return false;
        return host.ppd === null || host.ppd > 0;
    }
}
