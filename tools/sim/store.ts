/**
 * One device's (or one context's) objects, sorted by OID, with binary-search GET and GETNEXT.
 *
 * Each entry caches its encoded varbind, so answering a request is a lookup and a concatenation.
 * GETBULK walks by array position (the successor of entry i is entry i + 1), so a repetition costs
 * O(1) after the first lookup and a long bulk walk over a large table stays linear.
 */
import {
    Tag,
    compareOid,
    encodeInteger,
    encodeOctets,
    encodeOid,
    encodeUnsigned,
    encodeVarbind,
    type Oid,
} from "./ber";
import type { SimRecord, SimValue } from "./snmprec";

export interface Entry {
    readonly oid: number[];
    value: SimValue;
    /** Encoded OID TLV and varbind, built on first use. */
    name?: Buffer;
    varbind?: Buffer;
}

export function encodeValue(v: SimValue): Buffer {
    switch (v.type) {
        case Tag.Integer:
            return encodeInteger(v.value);
        case Tag.Counter32:
        case Tag.Gauge32:
        case Tag.TimeTicks:
        case Tag.Counter64:
            return encodeUnsigned(v.value, v.type);
        case Tag.OctetString:
        case Tag.IpAddress:
        case Tag.Opaque:
            return encodeOctets(v.value, v.type);
        case Tag.Oid:
            return encodeOid(v.value);
        case Tag.Null:
            return Buffer.from([Tag.Null, 0]);
    }
}

export function entryVarbind(e: Entry): Buffer {
    if (!e.varbind) {
        e.name ??= encodeOid(e.oid);
        e.varbind = encodeVarbind(e.name, encodeValue(e.value));
    }
    return e.varbind;
}

export class MibStore {
    private entries: Entry[];

    /** `records` must be sorted and free of duplicates (as {@link parseSnmprec} returns them). */
    constructor(records: readonly SimRecord[] = []) {
        this.entries = records.map((r) => ({ oid: r.oid, value: r.value }));
    }

    get size(): number {
        return this.entries.length;
    }

    at(i: number): Entry | undefined {
        return this.entries[i];
    }

    /** Index of the first entry whose OID is >= `oid` (size when there is none). */
    lowerBound(oid: Oid): number {
        let lo = 0;
        let hi = this.entries.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (compareOid(this.entries[mid]!.oid, oid) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Index of the first entry whose OID is > `oid` (size when there is none). */
    upperBound(oid: Oid): number {
        const i = this.lowerBound(oid);
        const e = this.entries[i];
        return e && compareOid(e.oid, oid) === 0 ? i + 1 : i;
    }

    indexOf(oid: Oid): number {
        const i = this.lowerBound(oid);
        const e = this.entries[i];
        return e && compareOid(e.oid, oid) === 0 ? i : -1;
    }

    get(oid: Oid): Entry | undefined {
        const i = this.indexOf(oid);
        return i < 0 ? undefined : this.entries[i];
    }

    /** Index range [start, end) of the entries under `prefix`. */
    range(prefix: Oid): [number, number] {
        const start = this.lowerBound(prefix);
        let lo = start;
        let hi = this.entries.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (isUnder(this.entries[mid]!.oid, prefix)) lo = mid + 1;
            else hi = mid;
        }
        return [start, lo];
    }

    /** Entries under `prefix`, in order (a copy: safe to modify the store while iterating it). */
    under(prefix: Oid): Entry[] {
        const [start, end] = this.range(prefix);
        return this.entries.slice(start, end);
    }

    set(oid: Oid, value: SimValue): void {
        const i = this.lowerBound(oid);
        const e = this.entries[i];
        if (e && compareOid(e.oid, oid) === 0) {
            if (!sameValue(e.value, value)) {
                e.value = value;
                e.varbind = undefined;
            }
            return;
        }
        this.entries.splice(i, 0, { oid: [...oid], value });
    }

    /**
     * Apply many changes at once (`null` removes): one merge instead of one array splice per
     * change, so growing a table by thousands of rows stays O(n + k log k).
     */
    apply(changes: ReadonlyArray<{ oid: Oid; value: SimValue | null }>): void {
        if (changes.length <= 32) {
            for (const c of changes) {
                if (c.value === null) this.remove(c.oid);
                else this.set(c.oid, c.value);
            }
            return;
        }
        const latest = new Map<string, { oid: Oid; value: SimValue | null }>();
        for (const c of changes) latest.set(c.oid.join("."), c);
        const inserts: Entry[] = [];
        for (const c of latest.values()) {
            const e = this.get(c.oid);
            if (e) {
                // Updated in place now; removals are filtered out below.
                if (c.value !== null && !sameValue(e.value, c.value)) {
                    e.value = c.value;
                    e.varbind = undefined;
                }
            } else if (c.value !== null) {
                inserts.push({ oid: [...c.oid], value: c.value });
            }
        }
        inserts.sort((a, b) => compareOid(a.oid, b.oid));
        const removals = new Set<string>();
        for (const [key, c] of latest) if (c.value === null) removals.add(key);
        const merged: Entry[] = [];
        let j = 0;
        for (const e of this.entries) {
            while (j < inserts.length && compareOid(inserts[j]!.oid, e.oid) < 0) merged.push(inserts[j++]!);
            if (removals.size === 0 || !removals.has(e.oid.join("."))) merged.push(e);
        }
        while (j < inserts.length) merged.push(inserts[j++]!);
        this.entries = merged;
    }

    remove(oid: Oid): boolean {
        const i = this.indexOf(oid);
        if (i < 0) return false;
        this.entries.splice(i, 1);
        return true;
    }

    /**
     * Whether a missing `oid` lies inside an object the store holds (noSuchInstance) or outside
     * every object (noSuchObject), RFC 3416 §4.2.1. Without the MIB the object boundary is unknown,
     * so this approximates it: the name is an instance of a known object when a stored OID starts
     * with it, or when a stored OID shares everything but its last sub-identifier.
     */
    isKnownObject(oid: Oid): boolean {
        const i = this.lowerBound(oid);
        const after = this.entries[i];
        const before = this.entries[i - 1];
        const need = oid.length - 1;
        return (
            (after !== undefined && commonPrefix(after.oid, oid) >= need) ||
            (before !== undefined && commonPrefix(before.oid, oid) >= need)
        );
    }
}

function isUnder(oid: Oid, prefix: Oid): boolean {
    if (oid.length < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (oid[i] !== prefix[i]) return false;
    return true;
}

function commonPrefix(a: Oid, b: Oid): number {
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a[i] === b[i]) i++;
    return i;
}

function sameValue(a: SimValue, b: SimValue): boolean {
    if (a.type !== b.type) return false;
    if (Buffer.isBuffer(a.value) && Buffer.isBuffer(b.value)) return a.value.equals(b.value);
    if (Array.isArray(a.value) && Array.isArray(b.value)) return compareOid(a.value, b.value) === 0;
    return a.value === b.value;
}
