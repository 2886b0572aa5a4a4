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
import { DAY_MS, HOUR_MS, median, round, roundRate } from "./robust";
import { append, compact, emptySeries, hourOf, valueAt } from "./series";
import { hostName, keyName, type ForecastState, type HostState, type KeyState } from "./state";

export interface EngineOptions {
    /** Days of hourly history before it is thinned to daily (default 28). */
    hourlyDays?: number;
    /** Days of history kept at all (default 90). */
    keepDays?: number;
    /** Cap on stored buckets over all supplies and printers (default 1,000,000). */
    maxBuckets?: number;
    /** Cap on supplies and trays tracked (default 10,000). */
    maxKeys?: number;
}

export type UpdateResult =
    | { kind: "forecast"; reading: Reading; supplies: Forecast[]; trays: Forecast[]; events: ForecastEvent[] }
    | { kind: "unreachable" }
    | { kind: "error"; error: "not-device" | "no-host" };

/** The 3-stage levels some printers report instead of a percentage (research table §5, row 13). */
const STAGE_VALUES = new Set([0, 1, 10, 100]);
/** Hourly tier used when the bucket cap is reached. */
const SHORT_HOURLY_DAYS = 7;

/** True for a supply that has only ever reported stage values (at least two of them). */
function isStaged(key: KeyState): boolean {
    return !key.raw && key.vals !== null && key.vals.length >= 2;
}

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
    readonly state: ForecastState;
    private readonly hourlyDays: number;
    private readonly keepDays: number;
    private readonly maxBuckets: number;
    private readonly maxKeys: number;
    private keyCount: number;
    /** Things worth one log line (the history cap was reached); the caller drains it. */
    readonly notes: string[] = [];

    constructor(state: ForecastState, options: EngineOptions = {}) {
        this.state = state;
        this.hourlyDays = options.hourlyDays ?? 28;
        this.keepDays = options.keepDays ?? 90;
        this.maxBuckets = options.maxBuckets ?? 1_000_000;
        this.maxKeys = options.maxKeys ?? 10_000;
        this.keyCount = Object.keys(state.keys).length;
    }

    /** Feeds one device message; `arrivalMs` is used when the payload carries no time. */
    update(payload: unknown, arrivalMs: number): UpdateResult {
        const parsed = parseReading(payload, arrivalMs);
        if (!parsed.ok)
            return parsed.unreachable ? { kind: "unreachable" } : { kind: "error", error: parsed.error };
        const reading = parsed.reading;
        const time = reading.time;
        this.maintain(time);
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
        return shoppingList(Object.values(this.state.keys), time, days);
    }

    /** Supplies (not trays) tracked and those expected empty within `days` of `time`. */
    summary(time: number, days: number): SupplySummary {
        return supplySummary(Object.values(this.state.keys), time, days);
    }

    /** Total buckets stored (for the benchmark and the cap). */
    bucketCount(): number {
        let n = 0;
        for (const key of Object.values(this.state.keys)) n += key.s.h.length;
        for (const host of Object.values(this.state.hosts)) n += host.s.h.length;
        return n;
    }

    private updateHost(
        reading: Reading,
        events: ForecastEvent[],
    ): { host: HostState; fresh: boolean; pages: number | null } {
        const name = hostName(reading.host);
        const time = reading.time;
        let host = this.state.hosts[name];
        if (host === undefined) {
            host = {
                device: reading.device,
                model: reading.model,
                s: emptySeries(),
                raw: null,
                off: 0,
                seen: time,
                ppd: null,
            };
            this.state.hosts[name] = host;
        }
        // A reading older than one already taken (a replay, a clock step back) changes nothing.
        if (time < host.seen) return { host, fresh: false, pages: null };
        host.seen = time;
        host.device = reading.device;
        if (reading.model !== "") host.model = reading.model;
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
            append(host.s, time, pages);
        }
        host.ppd = pageRate(host.s, time);
        return { host, fresh: true, pages };
    }

    private newKey(row: Row, reading: Reading): KeyState {
        if (this.keyCount >= this.maxKeys) this.evictOldestKey();
        this.keyCount++;
        return {
            kind: row.kind,
            host: reading.host,
            id: row.id,
            device: reading.device,
            model: reading.model,
            name: row.name,
            type: row.type,
            color: row.color,
            cls: row.cls,
            unit: row.unit,
            max: row.max,
            state: row.state,
            percent: row.percent,
            raw: false,
            s: emptySeries(),
            seen: reading.time,
            last: null,
            top: 0,
            cart: null,
            life: [],
            vals: [],
            inv: false,
            chg: null,
            cpp: null,
            stuck: false,
            serial: null,
            fc: null,
            ea: null,
        };
    }

    private updateKey(
        row: Row,
        reading: Reading,
        host: HostState,
        fresh: boolean,
        pages: number | null,
        events: ForecastEvent[],
    ): Forecast {
        const name = keyName(reading.host, row.kind, row.id);
        const time = reading.time;
        let key = this.state.keys[name];
        if (key === undefined) {
            key = this.newKey(row, reading);
            this.state.keys[name] = key;
        }
        if (!fresh || time < key.seen) return key.fc ?? { daysLeft: null, reason: "insufficient data" };
        const prevSeen = key.seen;
        key.seen = time;
        key.device = reading.device;
        if (reading.model !== "") key.model = reading.model;
        key.name = row.name;
        key.type = row.type;
        key.color = row.color;
        key.cls = row.cls;
        key.unit = row.unit;
        key.max = row.max;
        key.state = row.state;
        key.percent = row.percent;

        // The series holds percent when the printer gives a maximum, else the raw level;
        // negative levels are RFC 3805 special values (-1 unlimited, -2 unknown, -3 some left).
        const pct = row.percent !== null && row.percent >= 0;
        const value = pct ? row.percent : row.level !== null && row.level >= 0 ? row.level : null;
        if (value === null) {
            key.fc = { daysLeft: null, reason: "level not numeric" };
            key.ea = null;
            return key.fc;
        }
        if (key.s.h.length > 0 && key.raw === pct) this.resetHistory(key);
        key.raw = !pct;
        if (key.raw) key.top = Math.max(key.top, value);
        if (!pct) key.vals = null;
        else if (key.vals !== null) {
            if (!STAGE_VALUES.has(value)) key.vals = null;
            else if (!key.vals.includes(value)) key.vals.push(value);
        }
        const scale = this.scaleOf(key);
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
        key.last = value;
        append(key.s, time, value);

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

    private resetHistory(key: KeyState): void {
        key.s = emptySeries();
        key.last = null;
        key.top = 0;
        key.cart = null;
        key.vals = [];
        key.chg = null;
        key.cpp = null;
        key.stuck = false;
        key.fc = null;
        key.ea = null;
    }

    /** Full scale of the series: 100 for percent, else the maximum (or the largest level seen). */
    private scaleOf(key: KeyState): number {
        if (!key.raw) return 100;
        return key.max !== null && key.max > 0 ? key.max : Math.max(key.top, 1);
    }

    private orienter(key: KeyState, scale: number): (v: number) => number {
        return key.cls === "receptacle" && key.inv ? (v) => scale - v : (v) => v;
    }

    /** A rise this large starts a new cartridge; smaller rises are noise (toner settling). */
    private jumpOf(key: KeyState, scale: number): number {
        return (key.kind === "tray" ? 0.05 : 0.1) * scale;
    }

    private trend(key: KeyState, time: number, windowDays: number): Trend {
        const scale = this.scaleOf(key);
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
            t = this.trend(key, time, this.keepDays);
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

    /**
     * Once a day (sample time): thin and trim every series, forget supplies and printers not
     * seen for the retention period, and keep the total under the bucket cap.
     */
    private maintain(time: number): void {
        const day = Math.floor(time / DAY_MS);
        if (day <= this.state.day) return;
        this.state.day = day;
        const nowHour = hourOf(time);
        const keepMs = this.keepDays * DAY_MS;
        for (const [name, key] of Object.entries(this.state.keys)) {
            if (time - key.seen > keepMs) {
                delete this.state.keys[name];
                this.keyCount--;
            } else compact(key.s, nowHour, this.hourlyDays, this.keepDays);
        }
        for (const [name, host] of Object.entries(this.state.hosts)) {
            if (time - host.seen > keepMs) delete this.state.hosts[name];
            else compact(host.s, nowHour, this.hourlyDays, this.keepDays);
        }
        let total = this.bucketCount();
        if (total <= this.maxBuckets) return;
        // Over the cap: first drop supplies not seen for a day, oldest first; then keep only a
        // week of hourly detail; as a last resort drop the least recently seen supplies.
        const byAge = Object.entries(this.state.keys).sort((a, b) => a[1].seen - b[1].seen);
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets || time - key.seen < DAY_MS) break;
            total -= key.s.h.length;
            delete this.state.keys[name];
            this.keyCount--;
        }
        if (total > this.maxBuckets) {
            for (const key of Object.values(this.state.keys))
                compact(key.s, nowHour, SHORT_HOURLY_DAYS, this.keepDays);
            for (const host of Object.values(this.state.hosts)) {
                compact(host.s, nowHour, SHORT_HOURLY_DAYS, this.keepDays);
            }
            total = this.bucketCount();
        }
        for (const [name, key] of byAge) {
            if (total <= this.maxBuckets) break;
            if (this.state.keys[name] === undefined) continue;
            total -= key.s.h.length;
            delete this.state.keys[name];
            this.keyCount--;
        }
        const hostsInUse = new Set(Object.values(this.state.keys).map((k) => hostName(k.host)));
        for (const name of Object.keys(this.state.hosts)) {
            if (!hostsInUse.has(name)) delete this.state.hosts[name];
        }
        this.notes.push(`history cap of ${this.maxBuckets} samples reached; older detail was thinned`);
    }

    private evictOldestKey(): void {
        let oldest: string | null = null;
        let seen = Number.POSITIVE_INFINITY;
        for (const [name, key] of Object.entries(this.state.keys)) {
            if (key.seen < seen) {
                seen = key.seen;
                oldest = name;
            }
        }
        if (oldest !== null) {
            delete this.state.keys[oldest];
            this.keyCount--;
        }
    }
}
