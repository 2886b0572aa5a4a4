/**
 * The forecast engine: takes `printer-supplies` device messages one at a time, keeps a compact
 * history per supply and tray (key: host + table index) and per printer (page count), and
 * answers with a forecast per row plus lifecycle and data-quality events. Pure: no Node-RED, no
 * timers, no clock (time comes from the reading or the caller).
 */

import {
    confidenceOf,
    isoDate,
    levelTrend,
    MAX_DAYS,
    MIN_SPAN_DAYS,
    pageRate,
    type Forecast,
    type Trend,
} from "./estimate";
import {
    counterResetText,
    invertedText,
    lifecycleText,
    stuckText,
    type ForecastEvent,
    type RemovedInfo,
} from "./events";
import { isPageUnit, parseReading, type Reading, type Row } from "./reading";
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
import { DAY_MS, HOUR_MS, median, round, roundRate } from "./robust";
import { valueAt } from "./series";
import type { ForecastState, HostState, KeyState } from "./state";

export type EngineOptions = RetentionOptions;

export type UpdateResult =
    | { kind: "forecast"; reading: Reading; supplies: Forecast[]; trays: Forecast[]; events: ForecastEvent[] }
    | { kind: "unreachable" }
    | { kind: "error"; error: "not-device" | "no-host" };

interface Computed {
    fc: Forecast;
    ea: number | null;
    /** Unrounded consumption per day, when dated. */
    rate: number | null;
    /** The four-week trend it was based on (null for stage printers). */
    trend: Trend | null;
}

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
        host.ppd = pageRate(host.s, time);
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
        const orient = this.orienter(key, scale);

        // Replacement or refill: a jump up (in "amount left" terms), or a new cartridge serial.
        const serial = serialOf(row.name);
        if (key.last !== null) {
            const rise = orient(value) - orient(key.last);
            const serialChanged = serial !== null && key.serial !== null && serial !== key.serial;
            if (rise >= this.jumpOf(key, scale) || serialChanged) {
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

        let result = this.compute(key, host, time, row, pages);
        if (this.looksInverted(key, host, result.trend, scale)) {
            key.inv = true;
            events.push({
                ...this.rowEvent("inverted", key, reading),
                text: invertedText(reading.device, row.name),
                level: value,
            });
            result = this.compute(key, host, time, row, pages);
        }
        key.fc = result.fc;
        key.ea = result.ea;

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
        return result.fc;
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

    private orienter(key: KeyState, scale: number): (v: number) => number {
        return key.cls === "receptacle" && key.inv ? (v) => scale - v : (v) => v;
    }

    /** A rise this large starts a new cartridge; smaller rises are noise (toner settling). */
    private jumpOf(key: KeyState, scale: number): number {
        return (key.kind === "tray" ? 0.05 : 0.1) * scale;
    }

    private trend(key: KeyState, time: number, windowDays: number): Trend {
        const scale = scaleOf(key);
        return levelTrend({
            s: key.s,
            flip: key.cls === "receptacle" && key.inv ? scale : null,
            time,
            windowDays,
            jump: this.jumpOf(key, scale),
            minDrop: 0.03 * scale,
            fineStep: 0.02 * scale,
        });
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

    private compute(key: KeyState, host: HostState, time: number, row: Row, pages: number | null): Computed {
        const ppd = host.ppd;
        // Stage values carry no trend: only the yield of earlier cartridges can date them.
        if (isStaged(key)) {
            return (
                this.fromYield(key, time, pages, ppd) ?? {
                    fc: { daysLeft: null, reason: "insufficient data" },
                    ea: null,
                    rate: null,
                    trend: null,
                }
            );
        }
        const recent = this.trend(key, time, 28);
        let t = recent;
        const first = key.s.h[0];
        if (!t.ok && first !== undefined && first * HOUR_MS < time - 28 * DAY_MS) {
            // Slow supplies (drums, waste boxes) may need the whole retained history.
            t = this.trend(key, time, this.history.keepDays);
        }
        if (t.ok) {
            const daysLeft = t.levelNow / t.rate;
            if (daysLeft > MAX_DAYS) {
                return {
                    fc: { daysLeft: null, reason: "no consumption" },
                    ea: null,
                    rate: null,
                    trend: recent,
                };
            }
            const ea = time + daysLeft * DAY_MS;
            return {
                fc: {
                    daysLeft: round(daysLeft, 1),
                    emptyOn: isoDate(ea),
                    pagesLeft: this.pagesLeft(key, row, daysLeft, ppd),
                    ratePerDay: roundRate(t.rate),
                    pagesPerDay: ppd === null ? null : round(ppd, 1),
                    confidence: confidenceOf(t, t.coarse),
                    basis: "level",
                    ...(key.inv ? { inverted: true as const } : {}),
                },
                ea,
                rate: t.rate,
                trend: recent,
            };
        }
        return {
            fc: { daysLeft: null, reason: t.why === "none" ? "no consumption" : "insufficient data" },
            ea: null,
            rate: null,
            trend: recent,
        };
    }

    private pagesLeft(key: KeyState, row: Row, daysLeft: number, ppd: number | null): number | null {
        // Where the unit counts pages (impressions, sheets; paper trays), the level is pages left.
        const pageLevel =
            row.level !== null &&
            row.level >= 0 &&
            ((row.kind === "supply" && key.cls === "consumed" && isPageUnit(row.unit)) ||
                (row.kind === "tray" && (row.unit === null || isPageUnit(row.unit))));
        if (pageLevel) return Math.round(row.level as number);
        if (ppd !== null && ppd > 0) return Math.round(daysLeft * ppd);
        return null;
    }

    /**
     * Printers that report only stages (100 / 10 / 1, or 0 / 100) give no trend; once a full
     * cartridge has been seen from fitting to removal, its page count is the yield to expect.
     */
    private fromYield(
        key: KeyState,
        time: number,
        pages: number | null,
        ppd: number | null,
    ): Computed | null {
        const cart = key.cart;
        if (!isStaged(key) || cart === null || !cart.complete) return null;
        if (cart.pages === null || pages === null || ppd === null || ppd <= 0) return null;
        const yields = key.life
            .filter((l) => l.complete && l.pages !== null && l.pages > 0 && l.start >= 90)
            .map((l) => l.pages as number);
        if (yields.length === 0) return null;
        const expected = median(yields);
        // On 3-stage printers 1 is the "empty" stage.
        const pagesLeft =
            key.last !== null && key.last <= 1 ? 0 : Math.max(0, expected - (pages - cart.pages));
        const daysLeft = pagesLeft / ppd;
        if (daysLeft > MAX_DAYS) {
            return { fc: { daysLeft: null, reason: "no consumption" }, ea: null, rate: null, trend: null };
        }
        const ea = time + daysLeft * DAY_MS;
        const rate = (cart.level * ppd) / expected;
        return {
            fc: {
                daysLeft: round(daysLeft, 1),
                emptyOn: isoDate(ea),
                pagesLeft: Math.round(pagesLeft),
                ratePerDay: roundRate(rate),
                pagesPerDay: round(ppd, 1),
                confidence: yields.length >= 2 ? "medium" : "low",
                basis: "pages",
            },
            ea,
            rate,
            trend: null,
        };
    }
}
