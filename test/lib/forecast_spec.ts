// Synthetic series with known answers, fed through the forecast engine with injected times.
import assert from "node:assert/strict";
import { ForecastEngine, type UpdateResult } from "../../nodes/lib/forecast/engine";
import type { DatedForecast, Forecast } from "../../nodes/lib/forecast/estimate";
import type { ForecastEvent } from "../../nodes/lib/forecast/events";
import { emptyState, loadState } from "../../nodes/lib/forecast/state";
import { VirtualPrinter, type VirtualPrinterOptions } from "../../tools/forecast-synthetic";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 1 January 2024, 00:00 UTC. */
const START = Date.UTC(2024, 0, 1);

interface Poll {
    day: number;
    time: number;
    /** True fraction left of each supply at the time of the poll (space left for a waste box). */
    left: number[];
    /** True sheets in each tray. */
    sheets: number[];
    result: Extract<UpdateResult, { kind: "forecast" }>;
}

interface Run {
    engine: ForecastEngine;
    polls: Poll[];
    events: ForecastEvent[];
}

function printer(options: Partial<VirtualPrinterOptions> = {}): VirtualPrinter {
    return new VirtualPrinter(
        { host: "10.0.0.5", pagesPerDay: 100, schedule: "continuous", ...options },
        START,
    );
}

/** Polls the printer every `every` ms for `days` days; `act(day)` runs before each poll. */
function run(
    p: VirtualPrinter,
    days: number,
    act?: (day: number) => void,
    every = HOUR,
    engine = new ForecastEngine(emptyState()),
): Run {
    const polls: Poll[] = [];
    const events: ForecastEvent[] = [];
    for (let t = START; t <= START + days * DAY; t += every) {
        const day = (t - START) / DAY;
        act?.(day);
        p.advance(t);
        const result = engine.update(p.payload(), 0);
        if (result.kind !== "forecast") throw new Error(`unexpected ${result.kind}`);
        polls.push({
            day,
            time: t,
            left: p.supplies.map((s) => s.left),
            sheets: p.trays.map((tr) => tr.sheets),
            result,
        });
        events.push(...result.events);
    }
    return { engine, polls, events };
}

function dated(f: Forecast | undefined, where: string): DatedForecast {
    assert.ok(
        f !== undefined && f.daysLeft !== null,
        `${where}: expected a dated forecast, got ${JSON.stringify(f)}`,
    );
    return f;
}

function near(actual: number, expected: number, relative: number, what: string): void {
    const err = Math.abs(actual - expected) / expected;
    assert.ok(err <= relative, `${what}: ${actual} vs ${expected} (${(err * 100).toFixed(1)} % off)`);
}

const at = (r: Run, day: number): Poll => {
    const poll = r.polls.find((x) => Math.abs(x.day - day) < 1e-9);
    assert.ok(poll, `no poll on day ${day}`);
    return poll;
};

describe("supply forecast: synthetic series with known answers", function () {
    it("steady drain with noise: nothing before 3 days, within 10 % of the truth from day 7", function () {
        const p = printer({ noise: 1, seed: 7 });
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 5000 });
        const r = run(p, 21);
        for (const poll of r.polls) {
            const f = poll.result.supplies[0];
            if (poll.day < 3) {
                assert.deepEqual(f, { daysLeft: null, reason: "insufficient data" }, `day ${poll.day}`);
                continue;
            }
            if (poll.day < 7) continue;
            const truth = ((poll.left[0] as number) * 5000) / 100;
            const d = dated(f, `day ${poll.day}`);
            near(d.daysLeft, truth, 0.1, `days left on day ${poll.day}`);
            near(d.ratePerDay, 2, 0.1, `rate on day ${poll.day}`);
            assert.equal(d.basis, "level");
            assert.equal(d.pagesPerDay, 100);
            const emptyAt = poll.time + d.daysLeft * DAY;
            assert.ok(
                Math.abs(Date.parse(d.emptyOn) + DAY / 2 - emptyAt) <= DAY,
                `${d.emptyOn} on day ${poll.day}`,
            );
        }
        assert.equal(dated(at(r, 21).result.supplies[0], "day 21").confidence, "high");
        assert.deepEqual(r.events, [], "noise must not look like a replacement");
    });

    it("office week with idle weekends: the calendar rate, steady through the weekend", function () {
        // 100 pages on each weekday between 08:00 and 18:00, none at weekends: 500 / 7 a day.
        const p = printer({ schedule: "office", noise: 0.5, seed: 3 });
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 5000 });
        const r = run(p, 42);
        const average = 500 / 7;
        for (const poll of r.polls) {
            if (poll.day < 14) continue;
            const truth = ((poll.left[0] as number) * 5000) / average;
            const d = dated(poll.result.supplies[0], `day ${poll.day}`);
            near(d.daysLeft, truth, 0.1, `days left on day ${poll.day}`);
            near(d.pagesPerDay as number, average, 0.05, `pages per day on day ${poll.day}`);
        }
        // A naive rate over the last working day would say 2 %/day; over the weekend, 0.
        near(dated(at(r, 20).result.supplies[0], "Sunday").ratePerDay, 10 / 7, 0.05, "rate on a Sunday");
        near(dated(at(r, 24.5).result.supplies[0], "Friday").ratePerDay, 10 / 7, 0.05, "rate on a Friday");
    });

    it("office weeks with a public holiday stay within 10 %", function () {
        const p = printer({ schedule: "office", seed: 5 });
        p.holidays.add(Math.floor(START / DAY) + 16); // Wednesday of week 3
        p.addSupply({ id: "1.1", yieldPages: 6000 });
        const r = run(p, 35);
        for (const poll of r.polls.filter((x) => x.day >= 14)) {
            const truth = ((poll.left[0] as number) * 6000) / (500 / 7);
            near(dated(poll.result.supplies[0], `day ${poll.day}`).daysLeft, truth, 0.1, `day ${poll.day}`);
        }
    });

    it("replacement mid-series: one `replaced` event, never a negative rate, the rate carries over", function () {
        // 5 %/day; empty on day 10, left empty for 5 days, replaced on day 15, again on day 35.
        const p = printer({ noise: 0.7, seed: 11 });
        p.addSupply({ id: "1.1", name: "Black Cartridge HP CF226X", yieldPages: 2000, left: 0.5 });
        const r = run(p, 40, (day) => {
            if (day === 15 || day === 35) p.replace("1.1");
        });
        const replaced = r.events.filter((e) => e.event === "replaced");
        assert.equal(replaced.length, 2);
        assert.deepEqual(
            r.events.map((e) => e.event),
            ["replaced", "replaced"],
        );
        const first = replaced[0] as ForecastEvent;
        assert.equal(first.time, new Date(START + 15 * DAY).toISOString());
        assert.equal(first.id, "1.1");
        assert.ok((first.level as number) >= 98, `new level ${first.level}`);
        // Already in place when history began: lower bounds, flagged as such.
        assert.equal(first.removed?.complete, false);
        assert.equal(first.removed?.installed, null);
        assert.equal(first.removed?.days, 15);
        assert.ok(Math.abs(first.removed?.startLevel - 50) <= 2, `start ${first.removed?.startLevel}`);
        assert.equal(first.removed?.endLevel, 0);
        assert.ok(Math.abs((first.removed?.pages as number) - 1500) <= 5, `pages ${first.removed?.pages}`);
        assert.match(first.text, /Black Cartridge HP CF226X replaced after at least 1,49\d pages \/ 15 days/);
        // The second one was seen from fitting to removal: a complete lifetime.
        const second = replaced[1] as ForecastEvent;
        assert.equal(second.removed?.complete, true);
        assert.equal(second.removed?.installed, new Date(START + 15 * DAY).toISOString());
        assert.equal(second.removed?.days, 20);
        assert.ok(Math.abs((second.removed?.pages as number) - 2000) <= 5, `pages ${second.removed?.pages}`);
        assert.ok(second.removed?.startLevel >= 98);

        for (const poll of r.polls) {
            const f = poll.result.supplies[0] as Forecast;
            if (f.daysLeft !== null) assert.ok(f.ratePerDay > 0, `rate on day ${poll.day}: ${f.ratePerDay}`);
        }
        // Right after the swap the old cartridge's rate applies to the new one (the 5 empty days
        // do not dilute it).
        for (const day of [15, 16, 20, 30, 35, 36]) {
            const poll = at(r, day);
            const d = dated(poll.result.supplies[0], `day ${day}`);
            near(d.ratePerDay, 5, 0.1, `rate on day ${day}`);
            if ((poll.left[0] as number) > 0.05) {
                near(d.daysLeft, ((poll.left[0] as number) * 2000) / 100, 0.1, `days left on day ${day}`);
            }
        }
        // While empty: 0 days left.
        assert.equal(dated(at(r, 12).result.supplies[0], "day 12").daysLeft, 0);
    });

    it("refill to 60 %: a `refilled` event, and the forecast counts from 60 %", function () {
        const p = printer();
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 2000, left: 0.8 });
        const r = run(p, 25, (day) => {
            if (day === 14) p.replace("1.1", 0.6);
        });
        assert.deepEqual(
            r.events.map((e) => e.event),
            ["refilled"],
        );
        const ev = r.events[0] as ForecastEvent;
        assert.ok((ev.level as number) >= 59 && (ev.level as number) <= 60, `level ${ev.level}`);
        assert.equal(ev.removed?.startLevel, 80);
        assert.ok(ev.removed?.endLevel <= 10, `end level ${ev.removed?.endLevel}`);
        assert.match(ev.text, /refilled to (59|60)%/);
        const d = dated(at(r, 15).result.supplies[0], "day 15");
        near(d.daysLeft, ((at(r, 15).left[0] as number) * 2000) / 100, 0.05, "days left after the refill");
    });

    it("10 % steps: the right rate, never later than the truth, early by at most half a step", function () {
        // Reported as floor(level / 10) * 10, draining 2 %/day.
        const p = printer();
        p.addSupply({ id: "1.1", name: "Cyan Toner", yieldPages: 5000, quantize: 10 });
        const r = run(p, 45);
        for (const poll of r.polls.filter((x) => x.day >= 10 && x.day <= 44)) {
            const d = dated(poll.result.supplies[0], `day ${poll.day}`);
            const truth = ((poll.left[0] as number) * 5000) / 100;
            near(d.ratePerDay, 2, 0.05, `rate on day ${poll.day}`);
            assert.ok(d.daysLeft <= truth + 0.1, `day ${poll.day}: ${d.daysLeft} later than ${truth}`);
            assert.ok(
                d.daysLeft >= truth - 2.5 - 0.6,
                `day ${poll.day}: ${d.daysLeft} far earlier than ${truth}`,
            );
        }
        // Half a step is 2.5 days here: within 10 % while more than 25 days are left.
        for (const day of [10, 15, 20]) {
            const truth = ((at(r, day).left[0] as number) * 5000) / 100;
            near(dated(at(r, day).result.supplies[0], `day ${day}`).daysLeft, truth, 0.1, `day ${day}`);
        }
    });

    it('a supply that only ever reports -3 ("some remaining") gets no forecast, with the reason', function () {
        const p = printer();
        p.addSupply({ id: "1.1", yieldPages: 2000, quantize: "someRemaining" });
        const r = run(p, 20);
        for (const poll of r.polls) {
            assert.deepEqual(poll.result.supplies[0], { daysLeft: null, reason: "level not numeric" });
        }
        assert.deepEqual(r.events, []);
        assert.equal(r.engine.report(START + 20 * DAY, 30).count, 0);
    });

    it("page counter reset: one event, pages per day and cartridge pages continue across it", function () {
        const p = printer();
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 1500, left: 0.5 });
        const r = run(p, 25, (day) => {
            if (day === 10) p.counterOffset = Math.floor(p.pages) - 500;
            if (day === 20) p.replace("1.1");
        });
        const resets = r.events.filter((e) => e.event === "pageCounterReset");
        assert.equal(resets.length, 1);
        assert.ok((resets[0]?.current as number) >= 500 && (resets[0]?.current as number) <= 510);
        assert.ok((resets[0]?.previous as number) > 10_900);
        assert.equal(resets[0]?.kind, undefined);
        for (const poll of r.polls.filter((x) => x.day >= 3)) {
            const d = dated(poll.result.supplies[0], `day ${poll.day}`);
            near(d.pagesPerDay as number, 100, 0.05, `pages per day on day ${poll.day}`);
        }
        // Pages printed between the last reading before the reset and the first after it are
        // not known (the counter may not have restarted at 0): at most one poll's worth is lost.
        const replaced = r.events.find((e) => e.event === "replaced");
        assert.ok(
            Math.abs((replaced?.removed?.pages as number) - 2000) <= 20,
            `pages ${replaced?.removed?.pages}`,
        );
    });

    it("inverted waste box: one `inverted` event, then days until full", function () {
        // Fills in 20,000 pages, but reports used space where RFC 3805 says space left.
        const p = printer();
        p.addSupply({
            id: "1.9",
            name: "Waste Toner Box",
            type: "wasteToner",
            color: null,
            class: "receptacle",
            yieldPages: 20_000,
            inverted: true,
        });
        const r = run(p, 30);
        const inverted = r.events.filter((e) => e.event === "inverted");
        assert.equal(inverted.length, 1);
        assert.equal(inverted[0]?.id, "1.9");
        assert.match(inverted[0]?.text, /reports used space/);
        for (const poll of r.polls.filter((x) => x.day >= 15)) {
            const d = dated(poll.result.supplies[0], `day ${poll.day}`);
            assert.equal(d.inverted, true);
            near(
                d.daysLeft,
                ((poll.left[0] as number) * 20_000) / 100,
                0.1,
                `days until full on day ${poll.day}`,
            );
        }
        assert.equal(r.events.length, 1, "no replacement is read into an inverted box filling up");
    });

    it("a waste box that reports space left as RFC 3805 says: no event, days until full", function () {
        const p = printer();
        p.addSupply({
            id: "1.9",
            name: "Waste Toner Box",
            type: "wasteToner",
            class: "receptacle",
            yieldPages: 20_000,
        });
        const r = run(p, 30);
        assert.deepEqual(r.events, []);
        const d = dated(at(r, 30).result.supplies[0], "day 30");
        assert.equal(d.inverted, undefined);
        near(d.daysLeft, ((at(r, 30).left[0] as number) * 20_000) / 100, 0.1, "days until full");
    });

    it("3-stage printers (100 / 10 / 1): dated from the yield of a cartridge seen from fitting to removal", function () {
        const p = printer();
        p.addSupply({ id: "1.1", name: "Canon Toner T09 Black", yieldPages: 1500, quantize: "stages" });
        const r = run(p, 60, (day) => {
            if (day === 16 || day === 32) p.replace("1.1");
        });
        for (const poll of r.polls.filter((x) => x.day < 32)) {
            assert.deepEqual(
                poll.result.supplies[0],
                { daysLeft: null, reason: "insufficient data" },
                `day ${poll.day}`,
            );
        }
        assert.deepEqual(
            r.events.map((e) => e.event),
            ["replaced", "replaced"],
        );
        // The second cartridge was seen from fitting to removal: 1,600 pages (1,500 plus the
        // day it sat at "1"). The third is dated from that.
        for (const day of [33, 40, 45]) {
            const poll = at(r, day);
            const d = dated(poll.result.supplies[0], `day ${day}`);
            assert.equal(d.basis, "pages");
            const truth = (1600 - (day - 32) * 100) / 100;
            near(d.daysLeft, truth, 0.1, `day ${day}`);
            near(d.pagesLeft as number, truth * 100, 0.1, `pages left on day ${day}`);
        }
    });

    it("stuck value: the level does not move for two weeks while pages are printed", function () {
        const p = printer();
        const toner = p.addSupply({ id: "1.1", name: "Magenta Toner", yieldPages: 5000 });
        let frozen: number | null = null;
        const r = run(p, 40, (day) => {
            if (day === 10) frozen = toner.left;
            if (frozen !== null) toner.left = frozen;
        });
        const stuck = r.events.filter((e) => e.event === "stuck");
        assert.equal(stuck.length, 1, JSON.stringify(r.events));
        const ev = stuck[0] as ForecastEvent;
        const day = (Date.parse(ev.time) - START) / DAY;
        assert.ok(day >= 24 && day <= 25, `reported on day ${day}`);
        assert.equal(ev.since, new Date(START + 10 * DAY).toISOString());
        assert.ok((ev.pages as number) >= 1400, `pages ${ev.pages}`);
        assert.match(ev.text, /Magenta Toner has stayed at (79|80) for 14 days/);
    });

    it("an unused colour toner: insufficient data at first, then no consumption", function () {
        const p = printer();
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 5000 });
        p.addSupply({ id: "1.2", name: "Cyan Toner", color: "cyan", yieldPages: 1e12, left: 0.55 });
        const r = run(p, 20);
        assert.deepEqual(at(r, 10).result.supplies[1], { daysLeft: null, reason: "insufficient data" });
        assert.deepEqual(at(r, 15).result.supplies[1], { daysLeft: null, reason: "no consumption" });
        assert.equal(r.engine.summary(START + 20 * DAY, 30).supplies, 2);
    });

    it("paper trays: refills are events, sheets left are the level", function () {
        const p = printer();
        p.addSupply({ id: "1.1", yieldPages: 5000 });
        p.addTray({ id: "1.2", name: "Tray 2", max: 500, sheets: 500 });
        const r = run(p, 12, (day) => {
            if (day > 0 && day % 4 === 0) p.trays[0]!.sheets = 500;
        });
        assert.deepEqual(
            r.events.map((e) => `${e.event} ${e.kind} ${e.id}`),
            ["refilled tray 1.2", "refilled tray 1.2", "refilled tray 1.2"],
        );
        const poll = at(r, 10);
        const d = dated(poll.result.trays[0], "tray on day 10");
        assert.equal(d.pagesLeft, Math.round(poll.sheets[0] as number));
        near(d.daysLeft, (poll.sheets[0] as number) / 100, 0.1, "tray days left");
    });

    it("a new cartridge serial in the name is a replacement even without a jump", function () {
        const engine = new ForecastEngine(emptyState());
        const msg = (day: number, serial: string, percent: number): unknown => ({
            host: "10.0.0.9",
            device: "Front desk",
            model: "HP LaserJet M507",
            time: new Date(START + day * DAY).toISOString(),
            supplies: [
                {
                    id: "1.1",
                    name: `Black Cartridge HP 89A S/N:CRUM-${serial}`,
                    percent,
                    level: percent,
                    max: 100,
                },
            ],
        });
        engine.update(msg(0, "20110100001", 40), 0);
        engine.update(msg(1, "20110100001", 39), 0);
        const swapped = engine.update(msg(2, "20119900042", 45), 0);
        assert.equal(swapped.kind, "forecast");
        if (swapped.kind !== "forecast") return;
        assert.deepEqual(
            swapped.events.map((e) => e.event),
            ["refilled"],
        );
        assert.equal(swapped.events[0]?.removed?.endLevel, 39);
    });
});

describe("supply forecast: input handling and history", function () {
    const base = {
        host: "10.0.0.7",
        device: "Accounts",
        model: "Brother HL-L8360CDW",
        supplies: [{ id: "1.1", name: "Black Toner", percent: 50, level: 50, max: 100 }],
    };

    it("says what is wrong with a message that is not a device message, and keeps nothing", function () {
        const engine = new ForecastEngine(emptyState());
        assert.deepEqual(engine.update("hello", 0), { kind: "error", error: "not-device" });
        assert.deepEqual(engine.update({ supplies: 3 }, 0), { kind: "error", error: "not-device" });
        assert.deepEqual(engine.update({ supplies: [] }, 0), { kind: "error", error: "no-host" });
        assert.deepEqual(engine.update({ ...base, reachable: false }, 0), { kind: "unreachable" });
        assert.deepEqual(engine.state.rows, {});
    });

    it("uses payload.time, falls back to the arrival time, and ignores readings older than the last", function () {
        const engine = new ForecastEngine(emptyState());
        const t = Date.UTC(2024, 5, 3, 10);
        const a = engine.update({ ...base, time: new Date(t).toISOString() }, 0);
        assert.equal(a.kind === "forecast" && a.reading.time, t);
        const b = engine.update({ ...base, time: "not a time" }, t + HOUR);
        assert.equal(b.kind === "forecast" && b.reading.time, t + HOUR);
        const old = engine.update({ ...base, time: new Date(t - DAY).toISOString(), supplies: [] }, 0);
        assert.equal(old.kind, "forecast");
        const key = Object.values(engine.state.rows)[0];
        assert.equal(key?.lastSeen, t + HOUR);
        assert.deepEqual(key?.levels.values, [50]);
    });

    it("skips rows it cannot use and odd fields without throwing", function () {
        const engine = new ForecastEngine(emptyState());
        const r = engine.update(
            {
                ...base,
                supplies: [null, 5, { name: "no id" }, { id: "1.2", percent: "50" }, { id: {}, level: 3 }],
                trays: [{ id: "1.1", level: -2, max: -2, percent: null }],
                pageCount: "many",
            },
            0,
        );
        assert.equal(r.kind, "forecast");
        if (r.kind !== "forecast") return;
        assert.deepEqual(r.supplies, [{ daysLeft: null, reason: "level not numeric" }]);
        assert.deepEqual(r.trays, [{ daysLeft: null, reason: "level not numeric" }]);
    });

    it("never throws on junk, half-valid rows or time going backwards, and the history stays loadable", function () {
        let seed = 42;
        const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
        const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
        const junk = [
            null,
            undefined,
            -3,
            -2,
            -1,
            0,
            1,
            10,
            100,
            150,
            1e12,
            -1e12,
            NaN,
            Infinity,
            "50",
            "x",
            {},
            [],
        ];
        const row = (): unknown => ({
            id: pick(["1.1", "1.2", 1, "", "__proto__", "constructor", null]),
            name: pick(["Black S/N:CRUM-123", "Black S/N:CRUM-456", null, 5]),
            type: pick(["toner", "wasteToner", null]),
            class: pick(["receptacle", "consumed", undefined, 3]),
            unit: pick(["percent", "impressions", 7, null]),
            level: pick(junk),
            max: pick(junk),
            percent: pick(junk),
            state: pick(["low", "empty", null]),
        });
        const engine = new ForecastEngine(emptyState());
        let t = START;
        for (let i = 0; i < 20_000; i++) {
            t += random() * 3 * HOUR * (random() < 0.05 ? -1 : 1);
            const payload =
                random() < 0.1
                    ? pick(junk)
                    : {
                          host: pick(["a", "b", "__proto__", "constructor"]),
                          device: pick(junk),
                          model: pick(junk),
                          time: random() < 0.8 ? new Date(t).toISOString() : pick(junk),
                          reachable: pick([true, false, undefined]),
                          supplies: random() < 0.8 ? [row(), row()] : pick(junk),
                          trays: random() < 0.8 ? [row()] : pick(junk),
                          pageCount: random() < 0.8 ? Math.floor(t / 1e6) % 100_000 : pick(junk),
                      };
            engine.update(payload, t);
            if (i % 500 === 0) engine.report(t, 30);
        }
        assert.equal(Object.getPrototypeOf(engine.state.printers), Object.prototype);
        const back = loadState(JSON.parse(JSON.stringify(engine.state)));
        assert.equal(back.dropped, 0);
        assert.ok(Object.keys(back.state.rows).length > 0);
    });

    it("keeps history bounded: hourly for 4 weeks, daily to 90 days, whatever the poll rate", function () {
        const p = printer({ noise: 2, seed: 1 });
        p.addSupply({ id: "1.1", yieldPages: 1e6, left: 0.5 });
        const r = run(p, 120, undefined, 10 * 60_000);
        const key = Object.values(r.engine.state.rows)[0];
        const host = Object.values(r.engine.state.printers)[0];
        assert.ok(key && host);
        // Thinned once a day: 4 weeks + a day of hourly buckets, then one a day.
        assert.ok(key.levels.hours.length <= 29 * 24 + 64, `supply buckets: ${key.levels.hours.length}`);
        assert.ok(
            host.pageCounts.hours.length <= 29 * 24 + 64,
            `page buckets: ${host.pageCounts.hours.length}`,
        );
        const perDay = new Map<number, number>();
        const cut = (START + 120 * DAY) / HOUR - 29 * 24;
        for (const h of key.levels.hours.filter((x) => x < cut)) {
            perDay.set(Math.floor(h / 24), (perDay.get(Math.floor(h / 24)) ?? 0) + 1);
        }
        assert.ok(perDay.size >= 30, `days with a bucket before the hourly tier: ${perDay.size}`);
        assert.ok(
            [...perDay.values()].every((n) => n === 1),
            "one bucket a day before the hourly tier",
        );
        assert.ok(key.levels.hours.length - perDay.size >= 24 * 20, "hourly detail for the last four weeks");
        const oldest = (key.levels.hours[0] as number) * HOUR;
        assert.ok(oldest >= START + 120 * DAY - 92 * DAY, `oldest kept ${new Date(oldest).toISOString()}`);
    });

    it("history survives a JSON round trip (a file context store) and forecasts the same", function () {
        const p = printer({ noise: 1, seed: 2 });
        p.addSupply({ id: "1.1", yieldPages: 5000 });
        const r = run(p, 10);
        const restored = loadState(JSON.parse(JSON.stringify(r.engine.state)));
        assert.equal(restored.dropped, 0);
        assert.equal(restored.unreadable, false);
        const again = new ForecastEngine(restored.state);
        p.advance(START + 10 * DAY + HOUR);
        const payload = p.payload();
        const a = r.engine.update(payload, 0);
        const b = again.update(payload, 0);
        assert.ok(a.kind === "forecast" && b.kind === "forecast");
        assert.deepEqual(b.supplies, a.supplies);
        assert.equal((b.supplies[0] as Forecast).daysLeft !== null, true);
    });

    it("damaged stored history: unusable entries are dropped, the rest kept; foreign data is refused", function () {
        const p = printer();
        p.addSupply({ id: "1.1", yieldPages: 5000 });
        p.addSupply({ id: "1.2", yieldPages: 5000 });
        const r = run(p, 4);
        const stored = JSON.parse(JSON.stringify(r.engine.state)) as {
            rows: Record<string, { levels: { hours: unknown[] } }>;
        };
        const names = Object.keys(stored.rows);
        stored.rows[names[0] as string]!.levels.hours.push("x");
        const loaded = loadState(stored);
        assert.equal(loaded.dropped, 1);
        assert.deepEqual(Object.keys(loaded.state.rows), [names[1]]);
        assert.equal(loadState({ something: "else" }).unreadable, true);
        assert.equal(loadState("text").unreadable, true);
        assert.equal(loadState(undefined).unreadable, false);
    });

    it("keeps the total under the cap, dropping printers not seen for longest first", function () {
        const engine = new ForecastEngine(emptyState(), { maxBuckets: 1500 });
        const gone = printer({ host: "10.0.0.1", noise: 3, seed: 4 });
        gone.addSupply({ id: "1.1", yieldPages: 1e6 });
        run(gone, 20, undefined, HOUR, engine);
        assert.ok(engine.bucketCount() > 400);
        // A second printer takes over where the first stopped.
        const later = new VirtualPrinter(
            { host: "10.0.0.2", pagesPerDay: 100, schedule: "continuous", noise: 3, seed: 5 },
            START + 21 * DAY,
        );
        later.addSupply({ id: "1.1", yieldPages: 1e6 });
        later.addSupply({ id: "1.2", yieldPages: 1e6 });
        for (let t = START + 21 * DAY; t <= START + 60 * DAY; t += HOUR) {
            later.advance(t);
            engine.update(later.payload(), 0);
        }
        assert.ok(engine.bucketCount() <= 1500 + 3 * 24, `buckets ${engine.bucketCount()}`);
        assert.deepEqual(
            Object.values(engine.state.rows).map((k) => k.host),
            ["10.0.0.2", "10.0.0.2"],
        );
        assert.ok(engine.notes.length > 0);
    });
});
