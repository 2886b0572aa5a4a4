/**
 * One poll of one printer: a steady-state read of the known instances when the device is cached
 * and unchanged, otherwise a discovery of everything. Every read goes through runQuery.
 */
import { SnmpError } from "../snmp/errors";
import {
    queryQuirks,
    releaseResult,
    runQuery,
    type QueryPlan,
    type QueryResult,
    type SnmpTransport,
} from "../snmp/query";
import { asOid, asText } from "../snmp/varbind";
import type { PrinterCache } from "./cache";
import { printerVendor } from "./context";
import { decodePrinter, hasPrinterData, type DecodeMemo } from "./decode";
import { vendorByEnterprise, vendorPlan, type VendorProfile } from "./vendors";
import { SYS } from "./mib";
import {
    alertCountersMoved,
    alertPlan,
    alertMode,
    discoveryStreams,
    entryFromDiscovery,
    expired,
    objectsPerRequest,
    probeFoundAlerts,
    refreshEntry,
    snapshotOf,
    staleReason,
    steadyRead,
    walkedAlerts,
} from "./plan";
import type { PrinterReading } from "./contract";

export interface PrinterPollOptions {
    lowLevel: number;
    invertReceptacles: boolean;
    /** Repetitions per column in one GETBULK (the snmp-credentials setting). */
    maxRepetitions: number;
    maxRows: number;
    /** The clock (ms), injectable for tests. */
    now: () => number;
    signal?: AbortSignal;
    /** The largest response to plan for; RFC 3417 agents accept at least 484, most 1472. */
    maxMessageSize?: number;
}

export interface PrinterPollResult {
    reading: PrinterReading;
    /** Requests sent (round trips). */
    requests: number;
    /** True when everything was read afresh (first poll, or the cache was stale). */
    discovered: boolean;
    /** Why the cache was stale, when it was. */
    staleBecause?: string;
}

const DEFAULT_MAX_MESSAGE_SIZE = 1472;

/** Add the query quirks to the decoder's own (text quirks and the like). */
function withQuirks(reading: PrinterReading, extra: readonly string[]): PrinterReading {
    for (const q of extra) if (!reading.quirks.includes(q)) reading.quirks.push(q);
    return reading;
}

/** The error for a device that answers SNMP but describes no printer. */
function notPrinterError(t: SnmpTransport, result: QueryResult): SnmpError {
    const descr = asText(result.scalars.get(SYS.descr));
    const what = descr ? `"${descr.length > 80 ? `${descr.slice(0, 77)}...` : descr}"` : "no sysDescr";
    const hint =
        t.version === "3"
            ? "; if it is a printer, its printer data may be in another SNMPv3 context (HP: set the context to Jetdirect)"
            : "; check that the address is the printer's";
    return new SnmpError(
        "notPrinter",
        `${t.host} answers SNMP but has no Printer-MIB data (${what}): not a printer${hint}`,
        { host: t.host },
    );
}

/** One result holding what several queries of one poll read (each read different objects). */
function merged(results: readonly QueryResult[]): QueryResult {
    const out: QueryResult = {
        scalars: new Map(),
        columns: new Map(),
        truncated: [],
        looping: [],
        failed: [],
        requests: 0,
    };
    for (const r of results) {
        for (const [oid, vb] of r.scalars) out.scalars.set(oid, vb);
        for (const [oid, rows] of r.columns)
            if (rows.size > 0 || !out.columns.has(oid)) out.columns.set(oid, rows);
        out.truncated.push(...r.truncated);
        out.looping.push(...r.looping);
        out.failed.push(...r.failed);
        out.requests += r.requests;
    }
    return out;
}

/** The first failure of settled queries, in their order (the scalars' first), or their results. */
function allOrFirstError<T>(settled: readonly PromiseSettledResult<T>[]): T[] {
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failure !== undefined) throw failure.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/**
 * Read everything a first poll reads: the discovery streams at once, and the maker's own objects
 * (serial, model, page counters). A maker known by its sysObjectID is asked as soon as the
 * scalars are in, while the tables are still being read; one known only by the words of its
 * strings, once they are all in. Rejects with `notPrinter` for a device without printer data,
 * unless `requirePrinter` is false (what any agent says about itself, e.g. a print server's
 * identity). Every query has ended when this settles, whatever the outcome.
 */
export async function discoverPrinter(
    t: SnmpTransport,
    options: Pick<PrinterPollOptions, "maxRepetitions" | "maxRows" | "signal" | "maxMessageSize">,
    requirePrinter = true,
): Promise<{ result: QueryResult; results: QueryResult[] }> {
    const query = { maxRepetitions: options.maxRepetitions, signal: options.signal };
    const readVendor = (vendor: VendorProfile): Promise<QueryResult | undefined> => {
        const plan = vendorPlan(vendor, options.maxRows);
        if (plan === undefined) return Promise.resolve(undefined);
        return runQuery(t, plan, {
            ...query,
            maxObjectsPerRequest: objectsPerRequest(
                plan.scalars ?? [],
                options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
                t.version === "3",
            ),
        });
    };
    const [scalarPlan, ...tablePlans] = discoveryStreams(options.maxRows);
    const scalars = runQuery(t, scalarPlan as QueryPlan, query);
    const early = scalars.then((r) => {
        const vendor = vendorByEnterprise(asOid(r.scalars.get(SYS.objectId)) ?? "");
        return vendor === undefined ? undefined : readVendor(vendor);
    });
    const tables = tablePlans.map((plan) => runQuery(t, plan, query));
    const [scalarsRead, earlyRead, ...tablesRead] = await Promise.allSettled([scalars, early, ...tables]);
    const read = allOrFirstError([scalarsRead, ...tablesRead]);
    const result = merged(read);
    if (requirePrinter && !hasPrinterData(result)) throw notPrinterError(t, result);
    const results = [...read];
    let [vendorRead] = allOrFirstError([earlyRead]);
    if (vendorRead === undefined) {
        // The maker is known by its words only (or has no objects of its own to read).
        const vendor = printerVendor(result);
        if (vendor !== undefined) vendorRead = await readVendor(vendor);
    }
    if (vendorRead !== undefined) {
        results.push(vendorRead);
        for (const [oid, vb] of vendorRead.scalars) result.scalars.set(oid, vb);
        for (const [oid, rows] of vendorRead.columns) if (rows.size > 0) result.columns.set(oid, rows);
    }
    return { result, results };
}

/**
 * Poll one printer. `key` identifies the device in the cache (host:port). Rejects with an
 * SnmpError: from the access layer (timeout, auth...) or `notPrinter`.
 */
export async function pollPrinter(
    t: SnmpTransport,
    key: string,
    cache: PrinterCache,
    options: PrinterPollOptions,
): Promise<PrinterPollResult> {
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    const v3 = t.version === "3";
    const decodeOptions = (memo: DecodeMemo) => ({
        lowLevel: options.lowLevel,
        invertReceptacles: options.invertReceptacles,
        now: options.now(),
        memo,
    });
    let requests = 0;
    let staleBecause: string | undefined;

    let entry = cache.get(key);
    if (entry !== undefined && expired(entry, options.now())) {
        staleBecause = "age";
        cache.delete(key);
        entry = undefined;
    }
    if (entry !== undefined) {
        const mode = alertMode(entry);
        const read = steadyRead(entry, {
            maxRows: options.maxRows,
            maxRepetitions: options.maxRepetitions,
            maxMessageSize,
            v3,
        });
        const result = await runQuery(t, read.plan, {
            maxRepetitions: read.maxRepetitions,
            maxObjectsPerRequest: read.objectsPerRequest,
            signal: options.signal,
        });
        requests += result.requests;
        const snap = snapshotOf(entry, result, undefined);
        staleBecause = staleReason(entry, result, snap);
        if (staleBecause === undefined) {
            const results = [result];
            let alerts = mode === "walk" ? walkedAlerts(result) : undefined;
            const added =
                mode === "probe"
                    ? probeFoundAlerts(result)
                    : mode === "none" && alertCountersMoved(entry, result, snap);
            if (added) {
                const walk = await runQuery(t, alertPlan(options.maxRows), {
                    maxRepetitions: options.maxRepetitions,
                    signal: options.signal,
                });
                requests += walk.requests;
                results.push(walk);
                alerts = walkedAlerts(walk);
            }
            if (alerts !== undefined) for (const [oid, rows] of alerts) snap.columns.set(oid, rows);
            // A probe that found nothing is as good as a walk of an empty table.
            refreshEntry(entry, snap, alerts !== undefined || mode === "probe");
            const reading = withQuirks(decodePrinter(snap, decodeOptions(entry.memo)), queryQuirks(results));
            for (const r of results) releaseResult(r);
            return { reading, requests, discovered: false };
        }
        releaseResult(result);
        cache.delete(key);
    }

    const { result, results } = await discoverPrinter(t, options);
    requests += results.reduce((n, r) => n + r.requests, 0);
    const fresh = entryFromDiscovery(result, options.now());
    if (fresh === undefined) throw notPrinterError(t, result);
    cache.set(key, fresh);
    const reading = withQuirks(decodePrinter(result, decodeOptions(fresh.memo)), queryQuirks(results));
    releaseResult(result);
    for (const r of results) releaseResult(r);
    return staleBecause === undefined
        ? { reading, requests, discovered: true }
        : { reading, requests, discovered: true, staleBecause };
}
