/**
 * The forecast engine: takes `printer-supplies` device messages one at a time and answers with a
 * forecast per supply and tray plus lifecycle and data-quality events. It composes the parts:
 * the history store (`history.ts`), the lifecycle checks (`lifecycle.ts`), the rate estimate
 * (`rate.ts`) and the fleet report (`report.ts`). Pure: no Node-RED, no timers, no clock (time
 * comes from the reading or the caller).
 */

import type { Forecast } from "./estimate";
import type { ForecastEvent } from "./events";
import {
    appendLevel,
    appendPages,
    describeHost,
    describeRow,
    HistoryStore,
    noteScale,
    scaleOf,
    seriesValue,
    type RetentionOptions,
} from "./history";
import {
    invertedEvent,
    noteLevelChange,
    replacementEvent,
    stitchPageCount,
    stuckEvent,
    type LevelSample,
} from "./lifecycle";
import { estimateRow, updatePageRate } from "./rate";
import { parseReading, type Reading, type Row } from "./reading";
import { shoppingList, supplySummary, type ShoppingList, type SupplySummary } from "./report";
import type { ForecastState, PrinterHistory } from "./state";

export type EngineOptions = RetentionOptions;

export type UpdateResult =
    | { kind: "forecast"; reading: Reading; supplies: Forecast[]; trays: Forecast[]; events: ForecastEvent[] }
    | { kind: "unreachable" }
    | { kind: "error"; error: "not-device" | "no-host" };

/** The printer's side of one reading. */
interface PrinterUpdate {
    host: PrinterHistory;
    /** False for a reading older than one already taken (a replay, a clock step back). */
    fresh: boolean;
    /** The stitched page count now, or null. */
    pages: number | null;
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
        this.history.maintain(reading.time);
        const events: ForecastEvent[] = [];
        const printer = this.updatePrinter(reading, events);
        const supplies = reading.supplies.map((row) => this.updateRow(row, reading, printer, events));
        const trays = reading.trays.map((row) => this.updateRow(row, reading, printer, events));
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

    private updatePrinter(reading: Reading, events: ForecastEvent[]): PrinterUpdate {
        const time = reading.time;
        const host = this.history.printer(reading);
        if (time < host.lastSeen) return { host, fresh: false, pages: null };
        this.history.markPrinterSeen(host, time);
        describeHost(host, reading);
        const { pages, event } = stitchPageCount(host, reading);
        if (event !== null) events.push(event);
        if (pages !== null) appendPages(host, time, pages);
        updatePageRate(host, time);
        return { host, fresh: true, pages };
    }

    private updateRow(row: Row, reading: Reading, printer: PrinterUpdate, events: ForecastEvent[]): Forecast {
        const time = reading.time;
        const key = this.history.row(reading, row);
        if (!printer.fresh || time < key.lastSeen)
            return key.forecast ?? { daysLeft: null, reason: "insufficient data" };
        const previousSeen = key.lastSeen;
        this.history.markRowSeen(key, time);
        describeRow(key, reading, row);

        const level = seriesValue(row);
        if (level === null) {
            key.forecast = { daysLeft: null, reason: "level not numeric" };
            key.emptyAt = null;
            return key.forecast;
        }
        noteScale(key, level.value, level.percent);
        const { host, pages } = printer;
        const sample: LevelSample = { key, host, reading, value: level.value, scale: scaleOf(key), pages };
        const push = (event: ForecastEvent | null): void => {
            if (event !== null) events.push(event);
        };

        push(replacementEvent(sample, previousSeen));
        const changed = noteLevelChange(sample);
        appendLevel(key, time, level.value);
        const keepDays = this.history.keepDays;
        let estimate = estimateRow(key, host, row, time, pages, keepDays);
        const inverted = invertedEvent(sample, estimate.trend);
        if (inverted !== null) {
            push(inverted);
            estimate = estimateRow(key, host, row, time, pages, keepDays);
        }
        key.forecast = estimate.forecast;
        key.emptyAt = estimate.emptyAt;
        push(stuckEvent(sample, changed, estimate.rate));
        return estimate.forecast;
    }
}
