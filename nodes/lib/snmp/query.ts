/**
 * Query plans: the scalars and table columns one poll needs, read in the fewest round trips the
 * agent allows.
 *
 * SNMPv2c/v3: one GETBULK carries every scalar as a non-repeater and one repeater per unfinished
 * column; the next request asks again only for the columns that have not yet left their subtree.
 * SNMPv1: the same plan with GETNEXT. A missing scalar or column is simply absent from the result.
 *
 * Guards: a row cap per column (`truncated`), detection of agents whose OIDs do not increase
 * (`looping`), tooBig handled by asking for fewer repetitions and then fewer objects, and a stall
 * check so an agent that answers with nothing useful cannot keep us asking forever.
 */
import { SnmpError, type SnmpErrorCode } from "./errors";
import { performance } from "node:perf_hooks";
import { finish, nextTurn, ROWS_PER_STEP, SLICE_MS, type Steps } from "../slices";
import { compareOids, indexOf, isException, type Varbind } from "./varbind";
import { keepShape } from "../shapes";

export type SnmpVersion = "1" | "2c" | "3";

export interface BulkResponse {
    /** One varbind per non-repeater that the agent answered (GETNEXT semantics). */
    nonRepeaters: Varbind[];
    /** Per repeater, the successive varbinds the agent returned for it. */
    repeaters: Varbind[][];
}

/** What a query needs from a session. Implementations reject with {@link SnmpError}. */
export interface SnmpTransport {
    readonly version: SnmpVersion;
    readonly host: string;
    getNext(oids: readonly string[], signal?: AbortSignal): Promise<Varbind[]>;
    getBulk(
        oids: readonly string[],
        nonRepeaters: number,
        maxRepetitions: number,
        signal?: AbortSignal,
    ): Promise<BulkResponse>;
}

export interface QueryPlan {
    /** Instance OIDs read once each, e.g. `1.3.6.1.2.1.1.5.0` (sysName.0). */
    scalars?: readonly string[];
    /** Column OIDs walked to the end of their subtree, e.g. `1.3.6.1.2.1.43.11.1.1.9`. */
    columns?: readonly string[];
    /** Stretches of objects read by a cursor each (see {@link QueryWindow}). */
    windows?: readonly QueryWindow[];
    /** Row cap per column (default 10,000). More rows set `truncated`. */
    maxRows?: number;
    /**
     * Stop each column at its first row, without marking it truncated: probes that only ask
     * whether an object answers, one GETNEXT (or one GETBULK repetition) per column.
     */
    firstRowOnly?: boolean;
}

/**
 * A stretch of a device's objects read with one GETBULK cursor: the objects after `after`, at most
 * `count` of them, stopping before the first one at or past `end`. A reader that knows which
 * objects are there places a cursor at a known object and reads exactly as many as it expects.
 */
export interface QueryWindow {
    after: string;
    count: number;
    end: string;
}

/** What a window read: its objects in order, and whether it got to `end` (or the end of the MIB). */
export interface WindowResult {
    varbinds: Varbind[];
    reachedEnd: boolean;
}

export interface QueryOptions {
    /**
     * Repetitions per column in the first GETBULK (the agent may return fewer). While the agent
     * returns every repetition asked for and columns go on, the next request asks for twice as
     * many (agents that accept large messages then need far fewer round trips); tooBig halves it.
     */
    maxRepetitions: number;
    /** Most OIDs in one request (default 48). */
    maxObjectsPerRequest?: number;
    /** Abort the query (node closed, device deadline passed). */
    signal?: AbortSignal;
}

export interface QueryResult {
    /** Scalars that exist, by instance OID. */
    scalars: Map<string, Varbind>;
    /** Rows per column: column OID -> index (dotted text after the column OID) -> varbind. */
    columns: Map<string, Map<string, Varbind>>;
    /** Per window of the plan, in its order (runQuery always gives the list). */
    windows?: WindowResult[];
    /** Columns cut at the row cap. */
    truncated: string[];
    /** Columns where the agent's OIDs stopped increasing (a looping agent); rows so far are kept. */
    looping: string[];
    /** Objects the agent refused with an error status (kept apart, the rest of the poll stands). */
    failed: { oid: string; error: SnmpError }[];
    /** Requests sent (round trips, not counting retransmissions). */
    requests: number;
}

/**
 * Why a query's answer is incomplete, as both nodes' readings name it in `quirks`: a column cut
 * at the row cap, an agent whose OIDs stopped increasing, objects refused with an error status.
 */
export type QueryQuirk = "rowsTruncated" | "agentLooping" | "objectsRefused";

/** The quirks of the queries of one poll, each named once, in a fixed order. */
export function queryQuirks(results: readonly QueryResult[]): QueryQuirk[] {
    const out: QueryQuirk[] = [];
    if (results.some((r) => r.truncated.length > 0)) out.push("rowsTruncated");
    if (results.some((r) => r.looping.length > 0)) out.push("agentLooping");
    if (results.some((r) => r.failed.length > 0)) out.push("objectsRefused");
    return out;
}

const DEFAULT_MAX_ROWS = 10_000;
const DEFAULT_MAX_OBJECTS = 48;
/** Most varbinds one GETBULK asks for (repetitions × columns) when repetitions grow. */
const MAX_VARBINDS_ASKED = 4096;
/** Consecutive answers that move nothing forward before the agent is declared broken. */
const MAX_STALLS = 3;

/**
 * The OID just before `oid` for GETNEXT purposes: GETNEXT(result) returns `oid` itself when it
 * exists. `X.0` becomes `X`; `X.n` becomes `X.(n-1).4294967295`.
 */
export function predecessor(oid: string): string {
    const dot = oid.lastIndexOf(".");
    if (dot < 0) return oid;
    const last = Number(oid.slice(dot + 1));
    const head = oid.slice(0, dot);
    return last === 0 ? head : `${head}.${last - 1}.4294967295`;
}

interface Item {
    kind: "scalar" | "column" | "window";
    /** The scalar instance OID, the column OID, or the window's start. */
    oid: string;
    /** GETNEXT cursor. */
    cursor: string;
    /**
     * A column's rows, made at its first row (scalars and windows keep theirs elsewhere, and a
     * column waits for its first answer with none: see NO_ROWS).
     */
    rows: Map<string, Varbind>;
    done: boolean;
    /** A window's result, where it ends and how many objects it may still take. */
    window?: WindowResult & { end: string; left: number };
}

/**
 * The rows of an item that has none (a scalar, a window, a column before its first row): shared,
 * never written. A poll has dozens of such items per device, alive while it waits for the agent:
 * a Map each would outlive a garbage collection or two on a slow link, and be copied by each.
 */
const NO_ROWS: Map<string, Varbind> = new Map();
/** An empty answer (shared, never written). */
const NO_VARBINDS: Varbind[] = [];

// One item of each shape runQuery makes (a scalar or column, and a window), kept between polls
// (see shapes.ts); the walk and batch below keep theirs after their class.
keepShape<Item>({ kind: "column", oid: "", cursor: "", rows: NO_ROWS, done: false });
keepShape<Item>({
    kind: "window",
    oid: "",
    cursor: "",
    rows: NO_ROWS,
    done: false,
    window: { varbinds: [], reachedEnd: false, end: "", left: 1 },
});

/**
 * The first request of a plan: its OIDs, and how many of them are scalars (non-repeaters). Plans
 * are read-only, and a steady-state poll's plan is one object for every printer of a model, poll
 * after poll. So the first request is worked out once per plan, and a device waiting for its
 * first answer holds only this, not the items of a walk: a colour laser's steady poll has 26 items,
 * and on a 100 ms link, 500 printers in flight kept theirs across a garbage collection or two,
 * copied by each.
 */
interface FirstAsk {
    perRequest: number;
    oids: readonly string[];
    scalars: number;
}

const FIRST_ASKS = new WeakMap<QueryPlan, FirstAsk>();

function firstAsk(plan: QueryPlan, perRequest: number): FirstAsk {
    const known = FIRST_ASKS.get(plan);
    if (known !== undefined && known.perRequest === perRequest) return known;
    const scalars = first(predecessors(unique(plan.scalars ?? NO_OIDS)), perRequest);
    const starts = [...unique(plan.columns ?? NO_OIDS), ...(plan.windows ?? []).map((w) => w.after)];
    const oids = [...scalars, ...first(starts, Math.max(0, perRequest - scalars.length))];
    const ask = { perRequest, oids, scalars: scalars.length };
    FIRST_ASKS.set(plan, ask);
    return ask;
}

/** The items of one request: its scalars, then its columns and windows. */
interface Batch {
    scalars: Item[];
    repeaters: Item[];
    all: Item[];
}

/** A query's items and its result, made once its first answer is in (see {@link FirstAsk}). */
class Walk {
    readonly result: QueryResult;
    readonly scalars: Item[];
    readonly columns: Item[];
    /** Items read with repetitions: columns and windows. */
    readonly repeaters: Item[];

    constructor(
        private readonly plan: QueryPlan,
        private readonly maxRows: number,
    ) {
        const windowResults: WindowResult[] = [];
        this.result = {
            scalars: new Map(),
            columns: new Map(),
            windows: windowResults,
            truncated: [],
            looping: [],
            failed: [],
            requests: 0,
        };
        const scalarOids = unique(plan.scalars ?? NO_OIDS);
        const cursors = predecessors(scalarOids);
        this.scalars = scalarOids.map((oid, i) => ({
            kind: "scalar",
            oid,
            cursor: cursors[i] as string,
            rows: NO_ROWS,
            done: false,
        }));
        this.columns = unique(plan.columns ?? NO_OIDS).map((oid) => ({
            kind: "column",
            oid,
            cursor: oid,
            rows: NO_ROWS,
            done: false,
        }));
        const windows: Item[] = (plan.windows ?? []).map((w) => {
            const window = { varbinds: [], reachedEnd: false, end: w.end, left: Math.max(1, w.count) };
            windowResults.push(window);
            return { kind: "window", oid: w.after, cursor: w.after, rows: NO_ROWS, done: false, window };
        });
        this.repeaters =
            windows.length === 0
                ? this.columns
                : this.columns.length === 0
                  ? windows
                  : [...this.columns, ...windows];
    }

    /**
     * The items of the next request, at most `perRequest`, scalars first (the same as
     * {@link firstAsk} while none is done); undefined when every item is done.
     */
    next(perRequest: number): Batch | undefined {
        const pendingScalars = pending(this.scalars);
        const pendingRepeaters = pending(this.repeaters);
        if (pendingScalars.length === 0 && pendingRepeaters.length === 0) return undefined;
        const scalars = first(pendingScalars, perRequest);
        const repeaters = first(pendingRepeaters, Math.max(0, perRequest - scalars.length));
        const all =
            repeaters.length === 0 ? scalars : scalars.length === 0 ? repeaters : [...scalars, ...repeaters];
        return { scalars, repeaters, all };
    }

    finishColumn(c: Item, why?: "truncated" | "looping"): void {
        c.done = true;
        if (why === "truncated") this.result.truncated.push(c.oid);
        if (why === "looping") this.result.looping.push(c.oid);
    }

    /** Take one returned varbind for a window; returns true if it moved the window forward. */
    private acceptInWindow(item: Item, w: NonNullable<Item["window"]>, vb: Varbind): boolean {
        if (isException(vb) || compareOids(vb.oid, w.end) >= 0) {
            item.done = true;
            w.reachedEnd = true;
            return true;
        }
        if (compareOids(vb.oid, item.cursor) <= 0) {
            item.done = true;
            this.result.looping.push(item.oid);
            return true;
        }
        w.varbinds.push(vb);
        item.cursor = vb.oid;
        if (--w.left <= 0) item.done = true;
        return true;
    }

    /** Take one returned varbind for an item; returns true if it moved the item forward. */
    accept(item: Item, vb: Varbind | undefined): boolean {
        if (item.done) return false;
        if (item.window !== undefined) return vb !== undefined && this.acceptInWindow(item, item.window, vb);
        if (item.kind === "scalar") {
            // An agent may drop trailing varbinds, non-repeaters included, to fit its message
            // size (RFC 3416 §4.2.3): a scalar without an answer stays pending.
            if (vb === undefined) return false;
            item.done = true;
            if (!isException(vb) && vb.oid === item.oid) this.result.scalars.set(item.oid, vb);
            return true;
        }
        if (vb === undefined) return false;
        // GETNEXT answers with the successor (RFC 3416 §4.2.2): an OID at or before the cursor,
        // even outside the column, is a broken agent, not the end of the column.
        if (!isException(vb) && compareOids(vb.oid, item.cursor) <= 0) {
            this.finishColumn(item, "looping");
            return true;
        }
        const index = isException(vb) ? undefined : indexOf(vb.oid, item.oid);
        if (index === undefined) {
            this.finishColumn(item);
            return true;
        }
        if (item.rows.size >= this.maxRows) {
            this.finishColumn(item, "truncated");
            return true;
        }
        if (item.rows === NO_ROWS) item.rows = new Map();
        item.rows.set(index, vb);
        item.cursor = vb.oid;
        if (this.plan.firstRowOnly) item.done = true;
        return true;
    }
}

/** Run a query plan against one device. */
export async function runQuery(
    t: SnmpTransport,
    plan: QueryPlan,
    options: QueryOptions,
): Promise<QueryResult> {
    const maxRows = Math.max(1, plan.maxRows ?? DEFAULT_MAX_ROWS);
    const startRep = Math.max(1, Math.floor(options.maxRepetitions) || 1);
    let maxRep = startRep;
    /** The fewest repetitions that drew tooBig: growth stays at half of it (halving found that to work). */
    let tooMany = Infinity;
    let perRequest = Math.max(1, options.maxObjectsPerRequest ?? DEFAULT_MAX_OBJECTS);
    let stalls = 0;
    let requests = 0;
    /** Made once the first answer (or error) is in. */
    let walk: Walk | undefined;

    while (true) {
        let batch: Batch | undefined;
        let oids: readonly string[];
        let nonRepeaters: number;
        if (walk === undefined) {
            const ask = firstAsk(plan, perRequest);
            if (ask.oids.length === 0) break;
            oids = ask.oids;
            nonRepeaters = ask.scalars;
        } else {
            batch = walk.next(perRequest);
            if (batch === undefined) break;
            oids = batch.all.map((i) => i.cursor);
            nonRepeaters = batch.scalars.length;
        }
        throwIfAborted(options.signal, t.host);
        let progressed = false;

        try {
            requests++;
            if (t.version === "1") {
                let vbs: Varbind[] | undefined = await t.getNext(oids, options.signal);
                walk ??= new Walk(plan, maxRows);
                batch ??= walk.next(perRequest) as Batch;
                for (let i = 0; i < batch.all.length; i++)
                    if (walk.accept(batch.all[i] as Item, vbs[i])) progressed = true;
                // Emptied once taken (see below).
                vbs.length = 0;
                vbs = undefined;
            } else {
                const reps = oids.length > nonRepeaters ? maxRep : 0;
                let res: BulkResponse | undefined = await t.getBulk(oids, nonRepeaters, reps, options.signal);
                walk ??= new Walk(plan, maxRows);
                batch ??= walk.next(perRequest) as Batch;
                for (let i = 0; i < batch.scalars.length; i++)
                    if (walk.accept(batch.scalars[i] as Item, res.nonRepeaters[i])) progressed = true;
                let whole = reps > 0;
                let slice = performance.now();
                let answers: Varbind[] | undefined;
                for (let j = 0; j < batch.repeaters.length; j++) {
                    const item = batch.repeaters[j] as Item;
                    answers = res.repeaters[j] ?? NO_VARBINDS;
                    if (answers.length < reps) whole = false;
                    for (let k = 0; k < answers.length && !item.done; k++)
                        if (walk.accept(item, answers[k])) progressed = true;
                    // A big answer into big tables (each column's row map grows, all in the same
                    // answer) can take a while: the event loop gets a turn between columns.
                    if (performance.now() - slice >= SLICE_MS) {
                        await nextTurn();
                        slice = performance.now();
                    }
                }
                // The answer is emptied once taken: what the rows keep stays, the rest can go. The
                // promise that brought it keeps it for as long as the promise lives, and that
                // promise waited a round trip, long enough to be in V8's old generation: there,
                // it lives until the next full collection, and every scavenge until then copied
                // the whole answer (about a fifth of what a first poll's scavenges copy). The
                // variables let go too: a suspended async function keeps what they hold.
                res.nonRepeaters.length = 0;
                res.repeaters.length = 0;
                res = undefined;
                answers = undefined;
                // The agent had room for everything asked: ask for more while columns go on
                // (windows are sized by their reader and done after one whole answer).
                if (whole && walk.columns.some((c) => !c.done)) {
                    const pending = Math.max(
                        1,
                        Math.min(perRequest, walk.columns.filter((c) => !c.done).length),
                    );
                    const grown = Math.min(
                        maxRep * 2,
                        Math.floor(tooMany / 2),
                        Math.floor(MAX_VARBINDS_ASKED / pending),
                    );
                    maxRep = Math.max(maxRep, grown);
                }
            }
        } catch (err) {
            if (
                err instanceof SnmpError &&
                err.code === "timeout" &&
                maxRep > startRep &&
                !options.signal?.aborted
            ) {
                // Some agents drop answers they cannot fit instead of saying tooBig (or the
                // network drops large datagrams): once, go back to what worked and stay there.
                tooMany = Math.min(tooMany, startRep * 2);
                maxRep = startRep;
                continue;
            }
            if (!(err instanceof SnmpError) || (err.code !== "agent" && err.code !== "tooBig")) throw err;
            walk ??= new Walk(plan, maxRows);
            batch ??= walk.next(perRequest) as Batch;
            if (err.code === "tooBig") {
                if (maxRep > 1 && batch.repeaters.length > 0) {
                    tooMany = Math.min(tooMany, maxRep);
                    maxRep = Math.max(1, Math.floor(maxRep / 2));
                    continue;
                }
                if (batch.all.length > 1) {
                    perRequest = Math.max(1, Math.ceil(batch.all.length / 2));
                    continue;
                }
            }
            // v1 noSuchName names the object that has no successor: that item is finished.
            const named = err.oid !== undefined ? batch.all.find((i) => i.cursor === err.oid) : undefined;
            if (err.code === "agent" && err.status === 2 && named !== undefined) {
                named.done = true;
                continue;
            }
            if (batch.all.length > 1) {
                // Narrow down which object the agent objects to.
                perRequest = Math.max(1, Math.ceil(batch.all.length / 2));
                continue;
            }
            const only = batch.all[0];
            if (only === undefined) throw err;
            only.done = true;
            if (!(err.code === "agent" && err.status === 2))
                walk.result.failed.push({ oid: only.oid, error: err });
            continue;
        }

        if (progressed) {
            stalls = 0;
        } else if (++stalls >= MAX_STALLS) {
            throw new SnmpError(
                "malformed",
                `${t.host} answered ${MAX_STALLS} requests in a row without any of the objects asked for`,
                { host: t.host },
            );
        }
    }

    walk ??= new Walk(plan, maxRows);
    const result = walk.result;
    result.requests = requests;
    // Every column of the plan is in the result, in the plan's order; one without rows has an empty Map.
    for (const c of walk.columns)
        result.columns.set(c.oid, c.rows === NO_ROWS ? new Map<string, Varbind>() : c.rows);
    if (
        result.failed.length > 0 &&
        result.scalars.size === 0 &&
        walk.columns.every((c) => c.rows.size === 0)
    ) {
        // Nothing at all could be read: the device refused every object.
        throw result.failed[0]?.error ?? new SnmpError("agent", `${t.host} refused every request`);
    }
    return result;
}

/**
 * Let go of what a result holds once its reader is done with it: its scalars, its list of columns
 * and its windows' objects, not the row maps themselves (a cache may keep them). The promise that
 * brought the result keeps it for as long as the promise lives, which after a round trip or more
 * is until V8's next full collection: until then, every scavenge would copy what it holds.
 */
export function releaseResult(result: QueryResult): void {
    result.scalars.clear();
    result.columns.clear();
    for (const w of result.windows ?? NO_WINDOWS) w.varbinds.length = 0;
    if (result.windows !== undefined) result.windows.length = 0;
}

const NO_WINDOWS: readonly WindowResult[] = [];

/** The items not yet done: the list itself while none is (a steady-state poll's only request). */
function pending(items: Item[]): Item[] {
    for (let i = 0; i < items.length; i++) {
        if ((items[i] as Item).done) return items.filter((item) => !item.done);
    }
    return items;
}

/** The first `n` of `items`: the list itself when it has no more. */
function first<T>(items: T[], n: number): T[] {
    return items.length <= n ? items : items.slice(0, n);
}

/** Each scalar's {@link predecessor}, by list (the lists of {@link unique}, the same poll after poll). */
const PREDECESSORS = new WeakMap<readonly string[], string[]>();

function predecessors(oids: readonly string[]): string[] {
    let known = PREDECESSORS.get(oids);
    if (known === undefined) {
        known = oids.map(predecessor);
        PREDECESSORS.set(oids, known);
    }
    return known;
}

/**
 * The list of a plan without scalars or without columns: one list, so that {@link unique} and
 * {@link predecessors} find it in their memos (a new empty list per query missed both, and left
 * an entry in each until the next collection).
 */
const NO_OIDS: readonly string[] = Object.freeze([]);

/** {@link unique} by list (plans are read-only): a steady-state plan is the same lists, poll after poll. */
const UNIQUE = new WeakMap<readonly string[], string[]>();

function unique(oids: readonly string[]): string[] {
    const known = UNIQUE.get(oids);
    if (known !== undefined) return known;
    const out = Array.from(new Set(oids.map((o) => o.replace(/^\./, ""))));
    UNIQUE.set(oids, out);
    return out;
}

// One walk (with its result) and one batch, kept between polls (see shapes.ts; after the
// memos it uses).
keepShape(new Walk({}, 1));
keepShape<Batch>({ scalars: [], repeaters: [], all: [] });

/** Throw the abort reason as an {@link SnmpError} if the signal has fired. */
function throwIfAborted(signal: AbortSignal | undefined, host: string): void {
    if (signal?.aborted) throw abortError(signal, host);
}

/** The error to report when a signal aborts a request. */
export function abortError(signal: AbortSignal, host: string): SnmpError {
    const reason: unknown = signal.reason;
    if (reason instanceof SnmpError) return reason;
    const code: SnmpErrorCode =
        reason instanceof DOMException && reason.name === "TimeoutError" ? "timeout" : "cancelled";
    const message =
        code === "timeout" ? `${host} did not finish within its deadline` : `poll of ${host} was cancelled`;
    return new SnmpError(code, message, { host });
}

// ---------------------------------------------------------------------------------------------
// Reading results

/** A row: column name -> varbind (absent columns are missing keys). */
export type Row<K extends string> = Partial<Record<K, Varbind>>;

/**
 * Join columns into rows by index. `names` maps a short name to a column OID that was in the
 * plan. Rows come back in index order; a row exists if any of its columns has a value.
 */
export function joinRows<K extends string>(
    result: QueryResult,
    names: Readonly<Record<K, string>>,
): Map<string, Row<K>> {
    return finish(joinRowsSteps(result, names));
}

/**
 * {@link joinRows} in pause-able steps. A column read by {@link runQuery} is in index order
 * already (an agent whose OIDs do not increase is cut off as looping), so the row order is a
 * merge of the columns' orders: linear, where sorting 200,000 indexes in one go would hold the
 * event loop for most of a second. A column out of order (built by hand) is sorted first.
 */
export function* joinRowsSteps<K extends string>(
    result: QueryResult,
    names: Readonly<Record<K, string>>,
): Steps<Map<string, Row<K>>> {
    const rows = new Map<string, Row<K>>();
    let order: string[] = [];
    let n = 0;
    for (const name of Object.keys(names) as K[]) {
        const column = result.columns.get(names[name]);
        if (column === undefined) continue;
        const added: string[] = [];
        for (const [index, vb] of column) {
            let row = rows.get(index);
            if (row === undefined) {
                row = {};
                rows.set(index, row);
                added.push(index);
            }
            row[name] = vb;
            if (++n % ROWS_PER_STEP === 0) yield;
        }
        if (added.length === 0) continue;
        if (!(yield* isOrdered(added))) added.sort(compareOids);
        order = order.length === 0 ? added : yield* mergeOrdered(order, added);
    }
    const ordered = new Map<string, Row<K>>();
    for (const index of order) {
        const row = rows.get(index);
        if (row !== undefined) ordered.set(index, row);
        if (++n % ROWS_PER_STEP === 0) yield;
    }
    return ordered;
}

function* isOrdered(indexes: readonly string[]): Steps<boolean> {
    for (let i = 1; i < indexes.length; i++) {
        if (compareOids(indexes[i - 1] as string, indexes[i] as string) >= 0) return false;
        if (i % ROWS_PER_STEP === 0) yield;
    }
    return true;
}

/** Two lists of distinct indexes, each in order and sharing none, as one list in order. */
function* mergeOrdered(a: readonly string[], b: readonly string[]): Steps<string[]> {
    const out: string[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        if (compareOids(a[i] as string, b[j] as string) <= 0) out.push(a[i++] as string);
        else out.push(b[j++] as string);
        if (out.length % ROWS_PER_STEP === 0) yield;
    }
    while (i < a.length) out.push(a[i++] as string);
    while (j < b.length) out.push(b[j++] as string);
    return out;
}
