import assert from "node:assert/strict";
import { BoundedMap } from "../../nodes/lib/bounded-map";

describe("bounded per-device memory", () => {
    it("keeps at most its capacity and forgets the device used least recently", () => {
        const m = new BoundedMap<string, number>(3);
        m.set("a", 1);
        m.set("b", 2);
        m.set("c", 3);
        assert.equal(m.get("a"), 1, "reading a device counts as using it");
        m.set("d", 4);
        assert.equal(m.size, 3);
        assert.equal(m.has("b"), false, "b was used least recently");
        assert.deepEqual(
            ["a", "c", "d"].map((k) => m.get(k)),
            [1, 3, 4],
        );
        m.set("c", 30);
        assert.equal(m.get("c"), 30);
        m.delete("a");
        assert.equal(m.size, 2);
        m.clear();
        assert.equal(m.size, 0);
    });
});
