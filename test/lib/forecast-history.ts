/**
 * A fixed set of `printer-supplies` readings for the stored-state tests: three printers over
 * six weeks, polled every six hours, written as plain formulas (no random numbers, no simulator)
 * so the same readings can be fed again to any version of the engine. Together they leave every
 * field of the stored history set: a replacement seen from fitting to removal, a new cartridge
 * serial, a page counter reset, a frozen level (stuck), a waste box that reports used space
 * (inverted), 3-stage levels with a known yield, raw levels without a maximum, a non-numeric
 * level, and a paper tray refilled. Every row spells out each field (state, class, colour), so
 * that no reader has to fill in a default the stored history would then depend on.
 *
 * `test/fixtures/forecast/state-v1.json` is the history the version 1 engine stored after all of
 * them (see the fixtures README); the migration test reads it back.
 */

export const HISTORY_START = Date.UTC(2024, 0, 1);
export const HISTORY_DAYS = 42;
const DAY = 86_400_000;
const STEP = 6 * 3_600_000;

/** One reading of each printer, `day` days (fractional) after `HISTORY_START`. */
export function historyReadings(day: number): Record<string, unknown>[] {
    const time = new Date(HISTORY_START + day * DAY).toISOString();
    return [officeLaser(day, time), stagePrinter(day, time), rawLevels(day, time)];
}

/** All readings from day `from` (inclusive) to day `to` (inclusive), in time order. */
export function historyBetween(from: number, to: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let t = from * DAY; t <= to * DAY; t += STEP) out.push(...historyReadings(t / DAY));
    return out;
}

function toner(id: string, name: string, percent: number, extra: object = {}): object {
    return {
        id,
        name,
        type: "toner",
        color: "black",
        class: "consumed",
        unit: "percent",
        level: percent,
        max: 100,
        percent,
        state: "ok",
        ...extra,
    };
}

/** A colour laser: black replaced on day 19 (new serial), cyan stuck from day 12, waste box inverted. */
function officeLaser(day: number, time: string): Record<string, unknown> {
    const pages = 10_000 + Math.floor(120 * day);
    // The main board is swapped on day 20: the counter starts again near zero.
    const pageCount = day >= 20 ? pages - 9_500 : pages;
    const black =
        day < 19
            ? toner("1.1", "Black Cartridge HP CF410X S/N:CRUM-1001", Math.max(0, 100 - Math.floor(6 * day)))
            : toner("1.1", "Black Cartridge HP CF410X S/N:CRUM-1002", 100 - Math.floor(3 * (day - 19)));
    const cyanLevel = 95 - Math.floor(2 * Math.min(day, 12));
    const cyan = toner("1.2", "Cyan Cartridge HP CF411X", cyanLevel, { color: "cyan" });
    const waste = {
        id: "1.5",
        name: "Toner Collection Unit",
        type: "wasteToner",
        color: null,
        class: "receptacle",
        unit: "percent",
        level: 10 + Math.floor(1.5 * day),
        max: 100,
        percent: 10 + Math.floor(1.5 * day),
        state: "ok",
    };
    const sheets = 250 - Math.floor(30 * (day % 8));
    return {
        host: "10.0.0.21",
        device: "Office colour",
        model: "HP Color LaserJet Pro M479fdw",
        time,
        reachable: true,
        supplies: [black, cyan, waste],
        trays: [
            {
                id: "1.2",
                name: "Tray 2",
                level: sheets,
                max: 250,
                percent: Math.round(sheets / 2.5),
                unit: "sheets",
                state: sheets < 50 ? "low" : "ok",
            },
        ],
        pageCount,
    };
}

/** A printer that reports only 100 / 10 / 1: a cartridge lasts 9 days and is replaced at once. */
function stagePrinter(day: number, time: string): Record<string, unknown> {
    const age = day % 9;
    const percent = age < 6 ? 100 : age < 8 ? 10 : 1;
    return {
        host: "10.0.0.22",
        device: "Front desk",
        model: "Canon LBP6030",
        time,
        reachable: true,
        supplies: [toner("1.1", "Canon Toner T09 Black", percent, { state: percent === 1 ? "empty" : "ok" })],
        pageCount: 5_000 + Math.floor(200 * day),
    };
}

/** Levels without a maximum (max -2, no percent), a level that is never a number, no page count. */
function rawLevels(day: number, time: string): Record<string, unknown> {
    return {
        host: "10.0.0.23",
        device: "Warehouse",
        model: "Kyocera ECOSYS P3145dn",
        time,
        reachable: true,
        supplies: [
            {
                id: "1.1",
                name: "TK-3160",
                type: "toner",
                color: "black",
                class: "consumed",
                unit: "impressions",
                level: 3_000 - Math.floor(60 * day),
                max: -2,
                percent: null,
                state: "ok",
            },
            {
                id: "1.2",
                name: "Staples",
                type: "staples",
                color: null,
                class: "consumed",
                level: -3,
                max: -2,
                percent: null,
                state: "someRemaining",
            },
        ],
    };
}
