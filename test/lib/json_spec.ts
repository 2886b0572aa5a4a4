import assert from "node:assert/strict";
import {
    describe as kindOf,
    finiteNumber,
    isoTime,
    isRecord,
    numeric,
    oneOf,
    records,
    textOf,
    texts,
    timeMs,
} from "../../nodes/lib/json";

describe("json: defensive reading of flow data", () => {
    it("tells plain objects from null, arrays and primitives", () => {
        assert.equal(isRecord({}), true);
        assert.equal(isRecord(Object.create(null)), true);
        for (const v of [null, undefined, [], [1], "x", 3, true]) assert.equal(isRecord(v), false, String(v));
        assert.deepEqual(records([{ a: 1 }, null, 3, [], { b: 2 }, "x"]), [{ a: 1 }, { b: 2 }]);
        assert.deepEqual(records({ 0: { a: 1 } }), [], "an object is not a list");
        assert.deepEqual(records(undefined), []);
    });

    it("keeps numbers as numbers: numeric text counts only where a user types it", () => {
        assert.equal(finiteNumber(-3.5), -3.5);
        assert.equal(finiteNumber(0), 0);
        for (const v of [NaN, Infinity, -Infinity, "5", null, undefined, true, {}]) {
            assert.equal(finiteNumber(v), null, JSON.stringify(v));
        }
        assert.equal(numeric(" 3.5 "), 3.5);
        assert.equal(numeric("-80"), -80);
        assert.equal(numeric(42), 42);
        for (const v of ["", "  ", "five", "1e999", NaN, Infinity, true, null, [], {}]) {
            assert.equal(numeric(v), null, JSON.stringify(v));
        }
    });

    it("reads text as given, numbers as text, and nothing else", () => {
        assert.equal(textOf("  Black  "), "  Black  ", "not trimmed: consumers clean text for their medium");
        assert.equal(textOf(""), "");
        assert.equal(textOf(3), "3");
        assert.equal(textOf(1.5), "1.5");
        for (const v of [NaN, Infinity, null, undefined, true, {}, ["a"]]) assert.equal(textOf(v), null);
        assert.deepEqual(texts(["jammed", 5, null, {}, "", NaN]), ["jammed", "5", ""]);
        assert.deepEqual(texts("jammed"), []);
    });

    it("accepts a word only from its set", () => {
        const words: ReadonlySet<"low" | "ok"> = new Set(["low", "ok"]);
        assert.equal(oneOf("low", words), "low");
        assert.equal(oneOf("LOW", words), null);
        assert.equal(oneOf(1, words), null);
        assert.equal(oneOf("constructor", words), null);
    });

    it("takes ISO 8601 times that parse, of a sane length", () => {
        const t = "2024-05-03T10:00:00.000Z";
        assert.equal(isoTime(t), t);
        assert.equal(timeMs(t), Date.UTC(2024, 4, 3, 10));
        assert.equal(isoTime("2024-05-03"), "2024-05-03");
        assert.equal(isoTime("2024-05-03T12:00:00+02:00"), "2024-05-03T12:00:00+02:00");
        for (const v of ["2024", "yesterday", `${t}${" ".repeat(40)}`, 1714730400000, null, ""]) {
            assert.equal(isoTime(v), null, JSON.stringify(v));
            assert.equal(timeMs(v), null, JSON.stringify(v));
        }
    });

    it("says what kind of value arrived", () => {
        assert.equal(kindOf(null), "null");
        assert.equal(kindOf([]), "an array");
        assert.equal(kindOf({}), "an object");
        assert.equal(kindOf(42), "a number");
        assert.equal(kindOf("x"), "a string");
        assert.equal(kindOf(true), "a boolean");
    });
});
