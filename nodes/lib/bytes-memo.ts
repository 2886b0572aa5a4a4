/**
 * Values worked out from bytes, found again by the bytes themselves: a hash of them (FNV-1a)
 * picks the entry and a byte-by-byte comparison confirms it, so a lookup makes no string or
 * buffer. A fleet's answers carry the same bytes poll after poll (OIDs, supply names), and a
 * lookup keyed by a string of them cost more than the work it saved.
 *
 * The memo keeps a copy of each key's bytes (never a view: a datagram is not kept alive by it)
 * and is emptied when it holds `capacity` entries.
 */
interface Entry<V> {
    bytes: Uint8Array;
    salt: number;
    value: V;
    next: Entry<V> | undefined;
}

function hashOf(buf: Uint8Array, start: number, end: number, salt: number): number {
    let hash = Math.imul(0x811c9dc5 ^ salt, 0x01000193);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ (buf[i] as number), 0x01000193);
    return hash;
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
    if (known.length !== end - start) return false;
    for (let i = 0; i < known.length; i++) if (known[i] !== buf[start + i]) return false;
    return true;
}

export class BytesMemo<V> {
    private readonly table = new Map<number, Entry<V>>();
    private entries = 0;

    constructor(readonly capacity: number) {}

    get size(): number {
        return this.entries;
    }

    /** The value kept for `buf[start, end)` with `salt` (any small integer that is part of the key). */
    get(buf: Uint8Array, start: number, end: number, salt = 0): V | undefined {
        for (let e = this.table.get(hashOf(buf, start, end, salt)); e !== undefined; e = e.next) {
            if (e.salt === salt && sameBytes(e.bytes, buf, start, end)) return e.value;
        }
        return undefined;
    }

    /** Keep `value` for `buf[start, end)`; returns the memo's own copy of those bytes. */
    set(buf: Uint8Array, start: number, end: number, salt: number, value: V): Uint8Array {
        if (this.entries >= this.capacity) {
            this.table.clear();
            this.entries = 0;
        }
        const hash = hashOf(buf, start, end, salt);
        const bytes = Uint8Array.prototype.slice.call(buf, start, end);
        this.table.set(hash, { bytes, salt, value, next: this.table.get(hash) });
        this.entries++;
        return bytes;
    }
}
