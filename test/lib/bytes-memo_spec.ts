/**
 * BytesMemo finds a value by the bytes it was kept under (and a salt), never by bytes that only
 * look alike, and keeps its own copy of the key.
 */
import assert from "node:assert/strict";
import { BytesMemo } from "../../nodes/lib/bytes-memo";

describe("BytesMemo", () => {
    it("finds a value by equal bytes anywhere in a buffer, and only with the same salt", () => {
        const memo = new BytesMemo<string>(100);
        memo.set(Buffer.from("Black Toner"), 0, 11, 106, "black");
        const answer = Buffer.from("..Black Toner..");
        assert.equal(memo.get(answer, 2, 13, 106), "black");
        assert.equal(memo.get(answer, 2, 13, 3), undefined, "another charset");
        assert.equal(memo.get(answer, 2, 12, 106), undefined, "a prefix");
        assert.equal(memo.get(Buffer.from("Black Tonor"), 0, 11, 106), undefined, "one byte off");
    });

    it("keeps a copy of the key: a buffer changed or reused later finds nothing", () => {
        const memo = new BytesMemo<number>(100);
        const datagram = Buffer.from([1, 2, 3, 4]);
        memo.set(datagram, 1, 3, 0, 23);
        datagram[1] = 9;
        assert.equal(memo.get(datagram, 1, 3, 0), undefined);
        assert.equal(memo.get(Buffer.from([2, 3]), 0, 2, 0), 23);
    });

    it("tells apart every one of 50,000 keys, and empties itself at its capacity", () => {
        const memo = new BytesMemo<number>(60_000);
        const key = (i: number): Buffer => Buffer.from(`1.3.6.1.2.1.43.11.1.1.9.1.${i}`);
        for (let i = 0; i < 50_000; i++) memo.set(key(i), 0, key(i).length, 0, i);
        for (let i = 0; i < 50_000; i++) assert.equal(memo.get(key(i), 0, key(i).length, 0), i);
        const small = new BytesMemo<number>(2);
        small.set(key(1), 0, key(1).length, 0, 1);
        small.set(key(2), 0, key(2).length, 0, 2);
        small.set(key(3), 0, key(3).length, 0, 3);
        assert.equal(small.size, 1);
        assert.equal(small.get(key(1), 0, key(1).length, 0), undefined);
        assert.equal(small.get(key(3), 0, key(3).length, 0), 3);
    });
});
