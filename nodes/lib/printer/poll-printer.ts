/**
 * One poll of one printer: a steady-state read of the known instances when the device is cached
 * and unchanged, otherwise a discovery of everything. Every read goes through runQuery.
 */
import { SnmpError } from "../snmp/errors";
import { queryQuirks, runQuery, type QueryResult, type SnmpTransport } from "../snmp/query";
import { asText } from "../snmp/varbind";
import type { PrinterCache } from "./cache";
import { printerVendor } from "./context";
import { decodePrinter, hasPrinterData, type DecodeMemo } from "./decode";
import { vendorPlan } from "./vendors";
import { SYS } from "./mib";
import {
    alertCountersMoved,
    alertPlan,
    alertMode,
    discoveryPlan,
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

/**
 * Read everything a first poll reads: the discovery plan, then, once the maker is known, its own
 * objects (serial, model, page counters) in one more query, merged into one result. Rejects with
 * `notPrinter` for a device without printer data, before asking for vendor objects, unless
 * `requirePrinter` is false (what any agent says about itself, e.g. a print server's identity).
 */
export async function discoverPrinter(
    t: SnmpTransport,
    options: Pick<PrinterPollOptions, "maxRepetitions" | "maxRows" | "signal" | "maxMessageSize">,
    requirePrinter = true,
): Promise<{ result: QueryResult; results: QueryResult[] }> {
    const result = await runQuery(t, discoveryPlan(options.maxRows), {
        maxRepetitions: options.maxRepetitions,
        signal: options.signal,
    });
    if (requirePrinter && !hasPrinterData(result)) throw notPrinterError(t, result);
    const results = [result];
    const vendor = vendorPlan(printerVendor(result), options.maxRows);
    if (vendor !== undefined) {
        const more = await runQuery(t, vendor, {
            maxRepetitions: options.maxRepetitions,
            maxObjectsPerRequest: objectsPerRequest(
                vendor.scalars ?? [],
                options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
                t.version === "3",
            ),
            signal: options.signal,
        });
        results.push(more);
        for (const [oid, vb] of more.scalars) result.scalars.set(oid, vb);
        for (const [oid, rows] of more.columns) if (rows.size > 0) result.columns.set(oid, rows);
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
            return { reading, requests, discovered: false };
        }
        cache.delete(key);
    }

    const { result, results } = await discoverPrinter(t, options);
    requests += results.reduce((n, r) => n + r.requests, 0);
    const fresh = entryFromDiscovery(result, options.now());
    if (fresh === undefined) throw notPrinterError(t, result);
    cache.set(key, fresh);
    const reading = withQuirks(decodePrinter(result, decodeOptions(fresh.memo)), queryQuirks(results));
    return staleBecause === undefined
        ? { reading, requests, discovered: true }
        : { reading, requests, discovered: true, staleBecause };
}
