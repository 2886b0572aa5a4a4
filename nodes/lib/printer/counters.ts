/**
 * The counter passes: pages printed, from the Printer-MIB marker table (RFC 3805) and from the
 * vendor's own counters (vendors/*.ts). Only numbers the printer gives: a counter it does not
 * give stays absent, and none is derived from another by guessing.
 */
import { asBytes, asInt, VarType, type Varbind } from "../snmp/varbind";
import { PAGE_COUNTER_UNITS } from "./mib";
import type { DecodeContext } from "./context";
import { PAGE_COUNTERS, type Pages } from "./contract";
import { cell, intCell } from "./snapshot";
import { cleanLabel } from "./text";
import type { CounterSource } from "./vendors";

/**
 * prtMarkerLifeCount summed over the printer's markers that count pages (impressions or sheets,
 * or no unit given). RFC 3805 says Counter32; some agents send INTEGER, which is accepted.
 */
export function readPageCount(ctx: DecodeContext): number | null {
    const { snap, quirks } = ctx;
    let total: number | null = null;
    for (const index of ctx.rows(["markerLifeCount"])) {
        const unit = intCell(snap, "markerCounterUnit", index);
        if (unit !== undefined && !PAGE_COUNTER_UNITS.has(unit)) continue;
        const vb = cell(snap, "markerLifeCount", index);
        const n = asInt(vb);
        if (n === undefined || n < 0) {
            quirks.add("lifeCountInvalid");
            continue;
        }
        if (vb?.type === VarType.Integer) quirks.add("lifeCountInteger");
        total = (total ?? 0) + n;
    }
    return total;
}

/**
 * A vendor counter as a count: a non-negative integer, or a string of digits (asInt takes both;
 * some agents send counters as text). Anything else ("6git3159", a negative number) is no count,
 * and the quirk says so.
 */
function countOf(ctx: DecodeContext, vb: Varbind | undefined): number | undefined {
    if (vb === undefined) return undefined;
    const n = asInt(vb);
    if (n !== undefined && n >= 0) return n;
    ctx.quirks.add("counterInvalid");
    return undefined;
}

/**
 * One record of a Brother counter blob: `code, 0x01, length, value (big-endian)` records, the
 * list ended by 0xFF (BROTHER-MIB brInfoCounter).
 */
function blobRecord(bytes: Buffer, code: number): number | undefined {
    let i = 0;
    while (i + 3 <= bytes.length && bytes[i] !== 0xff) {
        const length = bytes[i + 2] ?? 0;
        if (i + 3 + length > bytes.length || length > 6) return undefined;
        if (bytes[i] === code) return length === 0 ? undefined : bytes.readUIntBE(i + 3, length);
        i += 3 + length;
    }
    return undefined;
}

function rowsWhere(
    ctx: DecodeContext,
    walk: string,
    where: Readonly<Record<string, readonly number[]>>,
): Varbind[] {
    const values = ctx.snap.columns.get(walk);
    if (values === undefined) return [];
    const conditions = Object.entries(where).map(([oid, allowed]) => ({
        rows: ctx.snap.columns.get(oid),
        allowed: new Set(allowed),
    }));
    const out: Varbind[] = [];
    for (const [index, vb] of values) {
        const ok = conditions.every((c) => {
            const v = asInt(c.rows?.get(index));
            return v !== undefined && c.allowed.has(v);
        });
        if (ok) out.push(vb);
    }
    return out;
}

/** The count one source gives, or undefined when the printer does not give it. */
function sourceCount(ctx: DecodeContext, source: CounterSource): number | undefined {
    const { snap } = ctx;
    if ("get" in source) return countOf(ctx, snap.scalars.get(source.get));
    if ("sum" in source) {
        const parts = source.sum.map((oid) => countOf(ctx, snap.scalars.get(oid)));
        if (parts.some((p) => p === undefined)) return undefined;
        const extra = (source.plus ?? []).map((oid) => countOf(ctx, snap.scalars.get(oid)) ?? 0);
        return [...(parts as number[]), ...extra].reduce((a, b) => a + b, 0);
    }
    if ("blob" in source) {
        const bytes = asBytes(snap.scalars.get(source.blob));
        return bytes === undefined ? undefined : blobRecord(bytes, source.code);
    }
    if ("where" in source) {
        const counts = rowsWhere(ctx, source.walk, source.where).map((vb) => countOf(ctx, vb));
        const known = counts.filter((n): n is number => n !== undefined);
        return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
    }
    const labels = snap.columns.get(source.label);
    for (const [index, vb] of snap.columns.get(source.walk) ?? []) {
        if (source.named.test(cleanLabel(asBytes(labels?.get(index))).text)) return countOf(ctx, vb);
    }
    return undefined;
}

/**
 * The `pages` of a reading: the total from prtMarkerLifeCount when the printer keeps it (the
 * standard, persistent counter), else the vendor's total; every other counter from the vendor's
 * table, the first source that gives a number.
 */
export function readPages(ctx: DecodeContext, pageCount: number | null): Pages {
    const pages: Pages = {};
    const table = ctx.vendor?.pages ?? {};
    let fromVendor = false;
    for (const counter of PAGE_COUNTERS) {
        if (counter === "total" && pageCount !== null) {
            pages.total = pageCount;
            continue;
        }
        for (const source of table[counter] ?? []) {
            const n = sourceCount(ctx, source);
            if (n === undefined) continue;
            pages[counter] = n;
            fromVendor = true;
            break;
        }
    }
    if (fromVendor) ctx.quirks.add("vendorCounters");
    return pages;
}
