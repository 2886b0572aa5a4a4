// The forecast's stored history: what an older version stored reads back as the same history.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ForecastEngine, type UpdateResult } from "../../nodes/lib/forecast/engine";
import { emptyState, loadState, STATE_VERSION } from "../../nodes/lib/forecast/state";
import { HISTORY_DAYS, historyBetween } from "./forecast_history";

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
});
