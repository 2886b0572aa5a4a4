/**
 * Profile tables: which columns a table definition reads, and its rows decoded from one query
 * result. Every pass of the engine reads its table through here.
 */
import { finish, ROWS_PER_STEP, type Steps } from "../slices";
import { joinRowsSteps, type QueryResult } from "../snmp/query";
import type { Varbind } from "../snmp/varbind";
import { parseIndex, readValue, type Value } from "./decode";
import type { ApProfile, Col, TableDef } from "./types";

/** One decoded row: its index parts by name, and the values its columns gave. */
export interface Row<F extends string> {
    idx: Record<string, string>;
    v: Partial<Record<F, Value>>;
}

/** The columns a table definition reads (its fields, their plus/or columns, its keep/drop filters). */
export function tableOids(def: TableDef<string> | undefined): string[] {
    if (def === undefined) return [];
    const oids = Object.values(def.cols).flatMap((c) => [
        (c as Col).oid,
        ...((c as Col).plus ?? []),
        ...((c as Col).or ?? []),
    ]);
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
    return finish(readTableSteps(result, def, filtered));
}

/** {@link readTable} in pause-able steps (slices.ts). */
export function* readTableSteps<F extends string>(
    result: QueryResult,
    def: TableDef<F> | undefined,
    filtered?: Set<string>,
): Steps<Row<F>[]> {
    if (def === undefined) return [];
    const rows: Row<F>[] = [];
    let n = 0;
    for (const { index, idx, r } of yield* joinedRows(result, def)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        if (!whereHolds(idx, def.where)) continue;
        if (def.rowsFrom !== undefined && !answered(r, def.rowsFrom)) continue;
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
            const value = fieldValue(r, field, col);
            if (value !== undefined) v[field] = value;
        }
        rows.push({ idx, v });
    }
    return rows;
}

/** Column names of a table: each field, its `plus` and `or` columns, and the filter columns. */
function columnNames(def: TableDef<string>): [name: string, col: Col][] {
    const out: [string, Col][] = [];
    for (const [field, col] of Object.entries(def.cols) as [string, Col][]) {
        out.push([field, col]);
        col.plus?.forEach((oid, i) => out.push([`${field}+${i}`, { ...col, oid }]));
        col.or?.forEach((oid, i) => out.push([`${field}|${i}`, { ...col, oid }]));
    }
    if (def.keep) out.push(["__keep", def.keep.col]);
    if (def.drop) out.push(["__drop", def.drop.col]);
    return out;
}

const PIVOT = "$col";

interface JoinedRow {
    /** The row's index (or, in a `$col` table, a key standing for it). */
    index: string;
    idx: Record<string, string>;
    r: Record<string, Varbind | undefined>;
}

/**
 * The rows of a table with their decoded index. A table whose index has a `$col` part lives
 * under a node that varies (Alcatel-Lucent Stellar puts each model's tables under its own
 * product node): its one walked subtree holds every column, and each field takes the rows
 * whose `$col` part is its `sub`.
 */
function* joinedRows(result: QueryResult, def: TableDef<string>): Steps<JoinedRow[]> {
    const names = columnNames(def);
    const out: JoinedRow[] = [];
    let n = 0;
    if (!def.index.some(([name]) => name === PIVOT)) {
        const byName: Record<string, string> = {};
        for (const [name, col] of names) byName[name] = col.oid;
        for (const [index, row] of yield* joinRowsSteps(result, byName)) {
            const idx = parseIndex(index, def.index);
            if (idx !== undefined) out.push({ index, idx, r: row });
            if (++n % ROWS_PER_STEP === 0) yield;
        }
        return out;
    }
    const byKey = new Map<string, JoinedRow>();
    for (const [name, col] of names) {
        for (const [index, vb] of result.columns.get(col.oid) ?? []) {
            if (++n % ROWS_PER_STEP === 0) yield;
            const idx = parseIndex(index, def.index);
            if (idx === undefined || idx[PIVOT] !== String(col.sub)) continue;
            delete idx[PIVOT];
            const key = JSON.stringify(idx);
            let entry = byKey.get(key);
            if (entry === undefined) {
                entry = { index: key, idx, r: {} };
                byKey.set(key, entry);
            }
            entry.r[name] = vb;
        }
    }
    return Array.from(byKey.values());
}

function answered(r: Record<string, Varbind | undefined>, field: string): boolean {
    return Object.keys(r).some(
        (k) => (k === field || k.startsWith(`${field}+`) || k.startsWith(`${field}|`)) && r[k] !== undefined,
    );
}

/**
 * A field's value: its column; with `plus`, the sum of its columns (absent when none answers);
 * with `or`, the first of its columns that gives a value.
 */
function fieldValue(r: Record<string, Varbind | undefined>, field: string, col: Col): Value {
    if (col.plus) {
        const parts = [r[field], ...col.plus.map((_, i) => r[`${field}+${i}`])].map((vb) =>
            readValue(vb, col),
        );
        let total: number | undefined;
        for (const p of parts) if (typeof p === "number") total = (total ?? 0) + p;
        return total;
    }
    const first = readValue(r[field], col);
    if (first !== undefined || !col.or) return first;
    for (let i = 0; i < col.or.length; i++) {
        const value = readValue(r[`${field}|${i}`], col);
        if (value !== undefined) return value;
    }
    return undefined;
}

/** A `where` filter on a decoded index; a capture group renames the part in place. */
function whereHolds(idx: Record<string, string>, where: TableDef<string>["where"]): boolean {
    if (where === undefined) return true;
    const hit = where.pattern.exec(idx[where.part] ?? "");
    if (hit === null) return false;
    if (hit[1] !== undefined) idx[where.part] = hit[1];
    return true;
}

/** The instance OIDs of a profile's own client total, in the order they are tried. */
export function totalOids(profile: ApProfile): string[] {
    const t = profile.totals;
    return [...(t?.clients ? [t.clients] : []), ...(t?.clientsAlt ?? [])];
}

/** True when the profile reads any count object (a total, or a count column of any table). */
export function readsCounts(profile: ApProfile): boolean {
    return (
        totalOids(profile).length > 0 ||
        [profile.aps, profile.radios, profile.vaps, profile.wlans].some((t) => t?.cols.clients !== undefined)
    );
}
