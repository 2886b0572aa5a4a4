/**
 * The panels' history lines: bounded in points, age and series whatever the polling rate, and a
 * plain versioned state that survives a JSON round trip (what a durable store will keep) and is
 * refused, not half read, when it is not one.
 */
import assert from "node:assert/strict";
import {
    History,
    HISTORY_VERSION,
    MAX_AGE_MS,
    MAX_POINTS,
    readHistory,
    sparkline,
} from "../../nodes/lib/dashboard/history";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

describe("dashboard history lines", () => {
    it("keeps at most MAX_POINTS per line, from its first point to the last, at any polling rate", () => {
        const h = new History();
        for (let i = 0; i < 10_000; i++) h.add("p/1", T0 + i * MIN, 100 - i / 100);
        const s = h.get("p/1");
        assert.ok(s);
        assert.ok(s.times.length <= MAX_POINTS, `${s.times.length} points`);
        assert.ok(s.times.length >= MAX_POINTS / 2);
        assert.equal(s.times[0], T0, "still starts where it started");
        assert.equal(s.times[s.times.length - 1], T0 + 9_999 * MIN, "and ends now");
        assert.deepEqual(
            s.times,
            [...s.times].sort((a, b) => a - b),
        );
    });

    it("forgets points older than four weeks, ignores a reading from the past, gives a new line the place of one silent for a day when full", () => {
        const h = new History(2);
        h.add("a", T0, 50);
        h.add("a", T0 + MAX_AGE_MS + MIN, 40);
        assert.deepEqual(h.get("a")?.values, [40]);
        h.add("a", T0, 99);
        assert.deepEqual(h.get("a")?.values, [40], "a replayed old message adds nothing");
        const full = new History(2);
        full.add("b", T0, 1);
        full.add("a", T0 + MIN, 1);
        full.add("c", T0 + 2 * MIN, 1);
        assert.equal(full.get("c"), undefined, "a new line waits while the others are drawn");
        full.add("a", T0 + 2 * DAY, 2);
        full.add("c", T0 + 2 * DAY, 1);
        assert.equal(full.size, 2);
        assert.equal(full.get("b"), undefined, "a line silent for days gives way to a new one");
        assert.deepEqual(full.get("c")?.values, [1]);
    });

    it("keeps the lines it draws when a fleet has more lines than it keeps, all polled", () => {
        const h = new History(4);
        // Six lines polled in turn, a minute apart, for ten rounds: the first four keep drawing.
        for (let round = 0; round < 10; round++) {
            for (let i = 0; i < 6; i++) h.add(`line${i}`, T0 + (round * 6 + i) * MIN, round);
        }
        assert.equal(h.size, 4);
        for (let i = 0; i < 4; i++) assert.equal(h.get(`line${i}`)?.values.length, 10, `line${i}`);
        assert.equal(h.get("line5"), undefined);
    });

    it("saves as a versioned plain object that comes back the same through JSON", () => {
        const h = new History();
        for (let i = 0; i < 5; i++) h.add("10.0.0.11/1.1", T0 + i * MIN, 60 - i);
        const saved = JSON.parse(JSON.stringify(h.snapshot())) as unknown;
        assert.deepEqual(Object.keys(saved as object).sort(), ["series", "version"]);
        assert.equal((saved as { version: number }).version, HISTORY_VERSION);
        const back = new History();
        assert.equal(back.restore(saved, T0 + 5 * MIN), true);
        assert.deepEqual(back.get("10.0.0.11/1.1"), h.get("10.0.0.11/1.1"));
        assert.deepEqual(
            sparkline(back.get("10.0.0.11/1.1"), 0, 100),
            sparkline(h.get("10.0.0.11/1.1"), 0, 100),
        );
    });

    it("refuses a state it does not know (another version, not an object) and starts empty", () => {
        const h = new History();
        h.add("x", T0, 1);
        for (const bad of [null, "text", [], { version: HISTORY_VERSION + 1, series: {} }, { series: {} }]) {
            assert.equal(h.restore(bad, T0), false, JSON.stringify(bad));
            assert.equal(h.size, 0);
        }
        // Bad points inside a known version are skipped, the good ones kept.
        const read = readHistory({
            version: HISTORY_VERSION,
            series: { a: { times: [T0, "x", T0 + MIN], values: [1, 2, 3] }, b: "nonsense" },
        });
        assert.deepEqual(read?.series, { a: { times: [T0, T0 + MIN], values: [1, 3] } });
    });

    it("draws a line only from two points on, numbers only, inside its box", () => {
        assert.equal(sparkline({ times: [T0], values: [5] }, 0, 100), undefined);
        const line = sparkline({ times: [T0, T0 + MIN, T0 + 2 * MIN], values: [100, 50, 0] }, 0, 100);
        assert.ok(line);
        assert.match(line.line, /^M[\d.,L]+$/);
        assert.equal(line.spanMs, 2 * MIN);
        const ys = line.line
            .slice(1)
            .split("L")
            .map((p) => Number(p.split(",")[1]));
        assert.ok(ys[0]! < ys[1]! && ys[1]! < ys[2]!, "full at the top, empty at the bottom");
    });
});
