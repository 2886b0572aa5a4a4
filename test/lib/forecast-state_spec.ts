// The forecast's stored history: the store that keeps it bounded, the page count it keeps
// continuous, and what an older version stored reading back as the same history.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ForecastEngine, type UpdateResult } from "../../nodes/lib/forecast/engine";
import { HistoryStore } from "../../nodes/lib/forecast/history";
import { stitchPageCount } from "../../nodes/lib/forecast/lifecycle";
import { parseReading, type Reading } from "../../nodes/lib/forecast/reading";
import { emptyState, loadState, STATE_VERSION } from "../../nodes/lib/forecast/state";
import { HISTORY_DAYS, historyBetween } from "./forecast-history";

const V1_FILE = join(__dirname, "..", "fixtures", "forecast", "state-v1.json");

/** The history a version 1 engine stored after `historyBetween(0, HISTORY_DAYS)`. */
function storedV1(): Record<string, unknown> {
    return JSON.parse(readFileSync(V1_FILE, "utf8")) as Record<string, unknown>;
}

/** This engine fed the same readings from the start, never stopped. */
function replayed(): ForecastEngine {
    const engine = new ForecastEngine(emptyState());
    for (const payload of historyBetween(0, HISTORY_DAYS)) engine.update(payload, 0);
    return engine;
}

/** The results of feeding a week more of readings. */
function nextWeek(engine: ForecastEngine): UpdateResult[] {
    return historyBetween(HISTORY_DAYS + 0.25, HISTORY_DAYS + 7).map((payload) => engine.update(payload, 0));
}

describe("supply forecast: stored history", function () {
    it("the version 1 fixture holds every kind of stored fact (so reading it back tests them all)", function () {
        type V1Key = Record<string, unknown> & {
            cart: { complete: boolean } | null;
            life: { complete: boolean }[];
        };
        const v1 = storedV1() as {
            version: number;
            keys: Record<string, V1Key>;
            hosts: Record<string, { off: number }>;
        };
        assert.equal(v1.version, 1);
        const keys = Object.values(v1.keys);
        assert.ok(
            keys.some((k) => k.inv === true),
            "an inverted waste box",
        );
        assert.ok(
            keys.some((k) => k.stuck === true),
            "a stuck level",
        );
        assert.ok(
            keys.some((k) => k.raw === true),
            "raw levels",
        );
        assert.ok(
            keys.some((k) => Array.isArray(k.vals) && k.vals.length >= 2),
            "stage levels",
        );
        assert.ok(
            keys.some((k) => k.cart?.complete === true && k.life.some((l) => l.complete)),
            "a cartridge seen from fitting to removal",
        );
        assert.ok(
            keys.some((k) => typeof k.serial === "string"),
            "a cartridge serial",
        );
        assert.ok(
            keys.some((k) => typeof k.ea === "number" && typeof k.cpp === "number" && k.chg !== null),
            "a dated forecast, consumption per page, last change",
        );
        assert.ok(
            keys.some((k) => (k.fc as { reason?: string } | null)?.reason === "level not numeric"),
            "a level that is not a number",
        );
        assert.ok(
            Object.values(v1.hosts).some((h) => h.off > 0),
            "a page counter reset",
        );
    });

    it("reads a version 1 history back as the history this engine builds from the same readings", function () {
        const loaded = loadState(storedV1());
        assert.equal(loaded.unreadable, false);
        assert.equal(loaded.dropped, 0);
        assert.equal(loaded.state.version, STATE_VERSION);
        const built = JSON.parse(JSON.stringify(replayed().state)) as unknown;
        assert.deepEqual(JSON.parse(JSON.stringify(loaded.state)), built);
    });

    it("after reading a version 1 history back, forecasts and events go on as if never stopped", function () {
        const restarted = new ForecastEngine(loadState(storedV1()).state);
        const results = nextWeek(restarted);
        assert.deepEqual(results, nextWeek(replayed()));
        const events = results.flatMap((r) => (r.kind === "forecast" ? r.events.map((e) => e.event) : []));
        assert.ok(events.includes("replaced") && events.includes("refilled"), events.join(", "));
    });

    it("stores every field under a full name, none under version 1's short names", function () {
        const names = new Set<string>();
        const walk = (x: unknown, isMap: boolean): void => {
            if (Array.isArray(x)) x.forEach((v) => walk(v, false));
            else if (typeof x === "object" && x !== null) {
                for (const [k, v] of Object.entries(x)) {
                    if (!isMap) names.add(k);
                    walk(v, k === "rows" || k === "printers");
                }
            }
        };
        walk(JSON.parse(JSON.stringify(replayed().state)), false);
        const short = [
            "s",
            "h",
            "v",
            "t",
            "p",
            "at",
            "inv",
            "chg",
            "cpp",
            "ppd",
            "ea",
            "fc",
            "cart",
            "life",
            "vals",
        ];
        const old = [
            ...short,
            "off",
            "raw",
            "cls",
            "top",
            "seen",
            "last",
            "since",
            "start",
            "end",
            "day",
            "keys",
        ];
        assert.deepEqual(
            old.filter((n) => names.has(n)),
            [],
        );
        assert.deepEqual(
            [...names].filter((n) => n.length < 4 && n !== "id" && n !== "max"),
            [],
        );
    });

    it("a damaged version 1 entry is dropped, the others are migrated", function () {
        const v1 = storedV1() as {
            keys: Record<string, Record<string, unknown>>;
            hosts: Record<string, unknown>;
        };
        const [first, second] = Object.keys(v1.keys);
        delete v1.keys[first as string]!.cpp;
        (v1.keys[second as string]!.s as { h: unknown[] }).h.push("x");
        v1.hosts["h:10.0.0.99"] = "not a printer";
        // JSON.parse makes "__proto__" an ordinary key: it must stay one, not become a prototype.
        const withProto = JSON.parse(
            JSON.stringify(v1).replace('"keys":{', '"keys":{"__proto__":{"kind":"supply"},'),
        ) as object;
        const loaded = loadState(withProto);
        assert.equal(loaded.unreadable, false);
        assert.equal(loaded.dropped, 4);
        assert.equal(Object.keys(loaded.state.rows).length, Object.keys(v1.keys).length - 2);
        assert.equal(Object.getPrototypeOf(loaded.state.rows), Object.prototype);
        assert.equal(loaded.state.rows[first as string], undefined);
        assert.equal(Object.keys(loaded.state.printers).length, 3);
    });

    it("refuses history of a newer or unknown version instead of guessing at it", function () {
        const current = JSON.parse(JSON.stringify(replayed().state)) as Record<string, unknown>;
        for (const version of [STATE_VERSION + 1, 0, "1", undefined]) {
            const loaded = loadState({ ...current, version });
            assert.equal(loaded.unreadable, true, `version ${String(version)}`);
            assert.deepEqual(loaded.state, emptyState());
        }
        assert.equal(loadState({ ...storedV1(), keys: "gone" }).unreadable, true);
        assert.equal(loadState(current).dropped, 0);
    });
});

describe("supply forecast: history store", function () {
    const DAY = 86_400_000;
    /** A reading of printer `host` with one toner, `day` days after the start of the fixture. */
    function reading(host: string, day: number, pageCount: number | null = null): Reading {
        const payload = {
            host,
            time: new Date(Date.UTC(2024, 0, 1) + day * DAY).toISOString(),
            supplies: [{ id: "1.1", name: "Black", percent: 50, level: 50, max: 100 }],
            pageCount,
        };
        const parsed = parseReading(payload, 0);
        assert.ok(parsed.ok);
        return parsed.reading;
    }

    it("at the row cap, the supply seen longest ago makes room for a new one", function () {
        const store = new HistoryStore(emptyState(), { maxKeys: 3 });
        for (const [host, day] of [
            ["192.0.2.1", 0],
            ["192.0.2.2", 1],
            ["192.0.2.3", 2],
        ] as const) {
            const r = reading(host, day);
            store.markRowSeen(store.row(r, r.supplies[0]!), r.time);
        }
        // The first printer is read again, so the second is now the one seen longest ago.
        const again = reading("192.0.2.1", 3);
        store.markRowSeen(store.row(again, again.supplies[0]!), again.time);
        const fourth = reading("192.0.2.4", 4);
        store.row(fourth, fourth.supplies[0]!);
        assert.deepEqual(
            store
                .rows()
                .map((r) => r.host)
                .sort(),
            ["192.0.2.1", "192.0.2.3", "192.0.2.4"],
        );
    });

    it("forgets supplies and printers not seen for the retention period, once a day", function () {
        const store = new HistoryStore(emptyState(), { keepDays: 10 });
        const old = reading("192.0.2.1", 0);
        store.row(old, old.supplies[0]!);
        store.printer(old);
        const fresh = reading("192.0.2.2", 5);
        store.row(fresh, fresh.supplies[0]!);
        store.printer(fresh);
        store.maintain(old.time + 10 * DAY);
        assert.equal(store.rows().length, 2, "ten days is not yet past the retention");
        store.maintain(old.time + 11 * DAY);
        assert.deepEqual(
            store.rows().map((r) => r.host),
            ["192.0.2.2"],
        );
        assert.deepEqual(Object.keys(store.state.printers), ["h:192.0.2.2"]);
    });

    it("keeps the page count continuous across a counter reset, and ignores a lone 0", function () {
        const store = new HistoryStore(emptyState());
        const host = store.printer(reading("192.0.2.1", 0));
        const pages = (day: number, count: number | null): ReturnType<typeof stitchPageCount> =>
            stitchPageCount(host, reading("192.0.2.1", day, count));
        assert.deepEqual(pages(0, 48_000), { pages: 48_000, event: null });
        assert.deepEqual(pages(1, 0), { pages: null, event: null }, "a failed read, not a reset");
        assert.deepEqual(pages(2, null), { pages: null, event: null });
        const reset = pages(3, 200);
        assert.equal(reset.pages, 48_000);
        assert.equal(reset.event?.event, "pageCounterReset");
        assert.deepEqual([reset.event?.previous, reset.event?.current], [48_000, 200]);
        assert.deepEqual(pages(4, 450), { pages: 48_250, event: null });
        assert.equal(host.counterOffset, 47_800);
    });
});
