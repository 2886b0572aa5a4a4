/**
 * OverlayMap: this poll's entries over cached ones, the cached map never changed.
 */
import assert from "node:assert/strict";
import { OverlayMap } from "../../nodes/lib/overlay-map";

describe("OverlayMap", () => {
    it("reads its own entries first, then the base's, and writes to itself alone", () => {
        const base = new Map([
            ["a", 1],
            ["b", 2],
        ]);
        const over = new OverlayMap(base);
        over.set("b", 20);
        over.set("c", 3);
        assert.deepEqual([over.get("a"), over.get("b"), over.get("c"), over.get("d")], [1, 20, 3, undefined]);
        assert.equal(over.has("a"), true);
        assert.equal(over.has("d"), false);
        assert.equal(over.size, 3);
        assert.deepEqual([...over].sort(), [
            ["a", 1],
            ["b", 20],
            ["c", 3],
        ]);
        assert.deepEqual([...over.keys()].sort(), ["a", "b", "c"]);
        assert.deepEqual([...over.values()].sort(), [1, 20, 3]);
        const seen: string[] = [];
        over.forEach((v, k) => seen.push(`${k}=${v}`));
        assert.deepEqual(seen.sort(), ["a=1", "b=20", "c=3"]);
        assert.deepEqual(
            [...base],
            [
                ["a", 1],
                ["b", 2],
            ],
        );
        over.delete("c");
        assert.equal(over.has("c"), false);
        assert.throws(() => over.delete("a"), /cannot be deleted/);
    });
});
