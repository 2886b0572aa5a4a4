/**
 * Profile tables: which columns a table definition reads, and its rows decoded from one query
 * result. Every pass of the engine reads its table through here.
 */
import { joinRows, type QueryResult } from "../snmp/query";
import type { Varbind } from "../snmp/varbind";
import { parseIndex, readValue, type Value } from "./decode";
import type { ApProfile, Col, TableDef } from "./types";

/** One decoded row: its index parts by name, and the values its columns gave. */
export interface Row<F extends string> {
    idx: Record<string, string>;
    v: Partial<Record<F, Value>>;
}

/** The columns a table definition reads (its fields and its keep/drop filters). */
export function tableOids(def: TableDef<string> | undefined): string[] {
    if (def === undefined) return [];
    const oids = Object.values(def.cols).map((c) => (c as Col).oid);
    if (def.keep) oids.push(def.keep.col.oid);
    if (def.drop) oids.push(def.drop.col.oid);
    return oids;
}

function clientOids(profile: ApProfile): string[] {
    const c = profile.clients;
    if (c === undefined) return [];
    return [...tableOids(c), ...(c.joins ?? []).flatMap((j) => tableOids(j))];
}

/** The columns of a profile's per-client tables (for truncation checks and benchmarks). */
export function clientColumns(profile: ApProfile): string[] {
    return Array.from(new Set(clientOids(profile)));
}

/**
 * Decode a table: rows with a parsable index, filtered by keep/drop, each field read as its
 * column says. The indexes of rows the filters leave out go to `filtered` (to leave out what
 * hangs off them, e.g. the radios of an AP that is down).
 */
export function readTable<F extends string>(
    result: QueryResult,
    def: TableDef<F> | undefined,
    filtered?: Set<string>,
): Row<F>[] {
    if (def === undefined) return [];
    const names: Record<string, string> = {};
    for (const [field, col] of Object.entries(def.cols)) names[field] = (col as Col).oid;
    if (def.keep) names.__keep = def.keep.col.oid;
    if (def.drop) names.__drop = def.drop.col.oid;
    const rows: Row<F>[] = [];
    for (const [index, row] of joinRows(result, names)) {
        const idx = parseIndex(index, def.index);
        if (idx === undefined) continue;
        const r = row as Record<string, Varbind | undefined>;
        if (def.rowsFrom !== undefined && r[def.rowsFrom] === undefined) continue;
        const k = def.keep ? readValue(r.__keep, def.keep.col) : undefined;
        const d = def.drop ? readValue(r.__drop, def.drop.col) : undefined;
        if (
            (typeof k === "number" && !def.keep?.values.includes(k)) ||
            (typeof d === "number" && def.drop?.values.includes(d))
        ) {
            filtered?.add(index);
            continue;
        }
        // A row whose every value is unusable still counts: its index says it exists.
        const v: Partial<Record<F, Value>> = {};
        for (const [field, col] of Object.entries(def.cols) as [F, Col][]) {
            const value = readValue(r[field], col);
            if (value !== undefined) v[field] = value;
        }
        rows.push({ idx, v });
    }
    return rows;
}
