// The forecast's building blocks: the robust slope, the bounded series, the shopping list.
import assert from "node:assert/strict";
import { ForecastEngine } from "../../nodes/lib/forecast/engine";
import { cleanName, partNumberOf } from "../../nodes/lib/forecast/report";
import { gridSlope } from "../../nodes/lib/forecast/robust";
import { append, compact, emptySeries, valueAt } from "../../nodes/lib/forecast/series";
import { emptyState } from "../../nodes/lib/forecast/state";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1); // a Monday

describe("forecast building blocks", function () {
    describe("gridSlope", function () {
        const step = 6 * HOUR;
        /** y[k] at START + 28 days - k * 6 h for a cumulative curve `f(t)` (t in days from START). */
        const grid = (days: number, f: (t: number) => number): number[] =>
            Array.from({ length: (days * DAY) / step + 1 }, (_, k) => f(days - (k * step) / DAY));

        it("recovers the average of a weekly rhythm exactly", function () {
            // 10 units on each weekday, none at weekends: 50 / 7 a day on average.
            const used = (t: number): number => {
                let sum = 0;
                for (let d = 0; d < Math.floor(t); d++) sum += d % 7 < 5 ? 10 : 0;
                const frac = t - Math.floor(t);
                return sum + (Math.floor(t) % 7 < 5 ? 10 * frac : 0);
            };
            const fit = gridSlope(grid(28, used), step);
            assert.ok(fit);
            assert.equal(fit.weekly, true);
            assert.ok(Math.abs(fit.slope - 50 / 7) < 1e-9, `slope ${fit.slope}`);
        });

        it("shrugs off a dip and a burst of bad readings", function () {
            const y = grid(28, (t) => 2 * t + (Math.floor(t) === 17 ? -2 : 0));
            for (let k = 10; k < 14; k++) y[k] = 500; // a glitch for a day
            const fit = gridSlope(y, step);
            assert.ok(fit && Math.abs(fit.slope - 2) < 0.05, `slope ${fit?.slope}`);
        });

        it("uses pairs at least half the span apart before two weeks, and needs two points", function () {
            const fit = gridSlope(
                grid(5, (t) => 3 * t),
                step,
            );
            assert.ok(fit && fit.weekly === false && Math.abs(fit.slope - 3) < 1e-9);
            assert.equal(gridSlope([1, Number.NaN, Number.NaN], step), null);
            assert.equal(gridSlope([], step), null);
        });
    });

    describe("series", function () {
        it("keeps the last value of each hour and stores only changes", function () {
            const s = emptySeries();
            append(s, START, 50);
            append(s, START + 10 * 60_000, 49);
            append(s, START + HOUR, 49);
            append(s, START + 2 * HOUR, 48);
            append(s, START + 2 * HOUR + 60_000, 49); // back to the previous bucket's value
            append(s, START - HOUR, 10); // older than the last bucket: ignored
            assert.deepEqual(s.values, [49]);
            assert.equal(valueAt(s, START + 5 * HOUR), 49);
            assert.ok(Number.isNaN(valueAt(s, START - 1)));
        });

        it("thins to one bucket a day after the hourly tier and trims to the retention", function () {
            const s = emptySeries();
            for (let h = 0; h < 40 * 24; h++) append(s, START + h * HOUR, h);
            compact(s, START / HOUR + 40 * 24, 10, 30);
            const days = s.hours.map((h) => Math.floor(h / 24) - START / DAY);
            // Days 0-9 are past the retention; days 10-29 keep their last hour; days 30-39 every hour.
            assert.equal(s.hours[0], START / HOUR + 10 * 24 + 23);
            for (let d = 10; d < 30; d++) assert.equal(days.filter((x) => x === d).length, 1, `day ${d}`);
            assert.equal(days.filter((x) => x >= 30).length, 10 * 24);
            assert.equal(s.values.length, s.hours.length);
        });

        it("keeps the value in force at the retention cut, however old", function () {
            const s = emptySeries();
            append(s, START, 80);
            append(s, START + 35 * DAY, 79);
            compact(s, START / HOUR + 40 * 24, 10, 30);
            assert.deepEqual(s.values, [80, 79]);
            assert.equal(valueAt(s, START + 20 * DAY), 80);
        });
    });

    describe("shopping list", function () {
        it("finds part numbers in supply names, not in ordinary words", function () {
            assert.equal(partNumberOf("Black Cartridge HP CF226X"), "CF226X");
            assert.equal(partNumberOf("TK-5240K"), "TK-5240K");
            assert.equal(partNumberOf("Black Toner Cartridge 106R03480"), "106R03480");
            assert.equal(partNumberOf("Black Cartridge HP CE310A S/N:CRUM-19083012345"), "CE310A");
            assert.equal(partNumberOf("Toner Cartridge Black"), null);
            assert.equal(partNumberOf("Tray 2 A4"), null);
            assert.equal(partNumberOf("LaserJet M402dn"), null);
            assert.equal(cleanName("Black Cartridge HP 26X S/N:CRUM-1234567"), "Black Cartridge HP 26X");
            assert.equal(cleanName("Cyan Toner, PN 841925"), "Cyan Toner");
        });

        it("groups by model and name, soonest first, within the horizon, with low supplies that have no date", function () {
            const engine = new ForecastEngine(emptyState());
            const feed = (host: string, model: string, day: number, supplies: object[]): void => {
                const time = new Date(START + day * DAY).toISOString();
                const r = engine.update(
                    { host, device: `Printer ${host}`, model, time, supplies, pageCount: 0 },
                    0,
                );
                assert.equal(r.kind, "forecast");
            };
            const toner = (id: string, name: string, percent: number, state = "ok"): object => ({
                id,
                name,
                percent,
                level: percent,
                max: 100,
                state,
            });
            // Two M402s drain black at 4 and 2 %/day; a Kyocera's magenta sits at "low" with -3.
            for (let day = 0; day <= 10; day += 0.25) {
                feed("10.0.0.1", "HP LaserJet Pro M402dn", day, [
                    toner("1.1", "Black Cartridge HP CF226X S/N:CRUM-1", Math.round(90 - 4 * day)),
                ]);
                feed("10.0.0.2", "HP LaserJet Pro M402dn", day, [
                    toner("1.1", "Black Cartridge HP CF226X S/N:CRUM-2", Math.round(70 - 2 * day)),
                ]);
                feed("10.0.0.3", "ECOSYS M5526cdw", day, [
                    toner("1.1", "TK-5240K", Math.round(95 - 0.5 * day)),
                    { id: "1.2", name: "TK-5240M", level: -3, max: 1200, percent: null, state: "low" },
                ]);
            }
            const time = START + 10 * DAY;
            const list = engine.report(time, 30);
            assert.equal(list.time, new Date(time).toISOString());
            assert.equal(list.days, 30);
            // 50 % at 4 %/day = 12.5 days; 50 % at 2 %/day = 25 days; 90 % at 0.5 %/day is beyond 30.
            assert.equal(list.count, 3);
            assert.deepEqual(
                list.groups.map((g) => [g.model, g.name, g.partNumber, g.count]),
                [
                    ["HP LaserJet Pro M402dn", "Black Cartridge HP CF226X", "CF226X", 2],
                    ["ECOSYS M5526cdw", "TK-5240M", "TK-5240M", 1],
                ],
            );
            const hp = list.groups[0]!;
            assert.deepEqual(
                hp.items.map((i) => i.host),
                ["10.0.0.1", "10.0.0.2"],
            );
            assert.ok(Math.abs((hp.items[0]!.daysLeft as number) - 12.5) <= 1, `${hp.items[0]!.daysLeft}`);
            assert.ok(Math.abs((hp.items[1]!.daysLeft as number) - 25) <= 2, `${hp.items[1]!.daysLeft}`);
            assert.equal(hp.soonest, hp.items[0]!.emptyOn);
            assert.equal(list.groups[1]!.items[0]!.daysLeft, null);
            assert.equal(list.text, "2× CF226X (HP LaserJet Pro M402dn), 1× TK-5240M (ECOSYS M5526cdw)");
            // A shorter horizon keeps only the soonest; a printer silent for over a week drops out.
            assert.equal(engine.report(time, 14).groups[0]!.count, 1);
            assert.equal(engine.report(time + 8 * DAY, 30).count, 0);
            assert.equal(
                engine.report(time + 8 * DAY, 30).text,
                "nothing expected to run out within 30 days",
            );
        });
    });
});
