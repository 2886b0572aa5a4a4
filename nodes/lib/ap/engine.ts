/**
 * The generic engine: from a profile, the query plan of one poll; from the query result, the
 * reading (output 1 payload). Every vendor goes through the same code; profiles only describe.
 *
 * The reading is built by passes over a draft (draft.ts), in order: inventory.ts (what the
 * device has: APs, radios, SSIDs, BSSIDs, with its own counts), clients.ts (client rows, placed
 * on their AP and radio), assemble.ts (counts, totals, SSIDs, clients, model, signal kind).
 * Counts come from the device's own counters where it keeps them, and only otherwise from
 * counting client rows, so a device that serves counts but not its client table (or serves a
 * partial one) still reports true numbers. A number the device does not give is absent.
 */
import type { QueryPlan, QueryResult } from "../snmp/query";
import { finish, finishInSlices, type SliceOptions, type Steps } from "../slices";
import {
    apInfosSteps,
    chooseTotal,
    clientListSteps,
    deviceSsids,
    fillSsidsFromRowsSteps,
    judgeClientList,
    modelOf,
    readingTotals,
    readTotals,
    signalKind,
    totalSources,
    withModel,
} from "./assemble";
import { identifyClientsSteps, readClientsSteps } from "./clients";
import { newDraft, type ReadingContext } from "./draft";
import { readInventorySteps } from "./inventory";
import { IF_NAME, SYS_DESCR, SYS_NAME } from "./oids";
import { probeObjects, probeTarget, profileAnswered } from "./probes";
import { clientColumns, tableOids, totalOids } from "./tables";
import type { ApProfile, ApReading } from "./types";

export { IF_NAME, SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from "./oids";
export { clientColumns, readTable } from "./tables";
export type { ReadingContext } from "./draft";

/**
 * Everything one poll of this profile reads, in one plan: sysName, the model and total scalars,
 * and only the columns the profile names.
 */
export function planFor(profile: ApProfile): Required<Pick<QueryPlan, "scalars" | "columns">> {
    const scalars = [SYS_NAME];
    if (profile.model?.sysDescr) scalars.push(SYS_DESCR);
    if (profile.model?.scalar) scalars.push(profile.model.scalar);
    scalars.push(...totalOids(profile));
    if (profile.totals?.aps) scalars.push(profile.totals.aps);
    const columns = [
        ...tableOids(profile.aps),
        ...tableOids(profile.radios),
        ...tableOids(profile.vaps),
        ...tableOids(profile.wlans),
        ...tableOids(profile.bssids),
        ...tableOids(profile.channels),
        ...clientColumns(profile),
    ];
    if (profile.model?.column) columns.push(profile.model.column);
    if (profile.ifNames) columns.push(IF_NAME);
    // The probes confirm, on every poll, that the device still is what was detected.
    for (const p of probeObjects(profile)) {
        const t = probeTarget(p);
        if ("scalar" in t) scalars.push(t.scalar);
        else if (!scalars.includes(`${t.column}.0`)) columns.push(t.column);
    }
    return { scalars: unique(scalars), columns: unique(columns) };
}

/** True when the result holds one of the profile's probe objects (the device still matches it). */
export function probeAnswered(profile: ApProfile, result: QueryResult): boolean {
    return profileAnswered(profile, result);
}

function unique(list: string[]): string[] {
    return Array.from(new Set(list));
}

export interface BuiltReading {
    reading: ApReading;
    /** Client MAC -> AP id, for roaming events. */
    clientAps: Map<string, string>;
    /** True when the client list is the whole truth (read completely): events may be derived. */
    clientsComplete: boolean;
    /** What the device's own numbers say about the reading (see ApReading.quirks). */
    quirks: string[];
}

/**
 * Build the reading of one device from one query result: the inventory passes (what the device
 * has, with its own counts), the client passes, then the assembly passes. Never throws on
 * device data.
 */
export function buildReading(profile: ApProfile, result: QueryResult, ctx: ReadingContext): BuiltReading {
    return finish(readingSteps(profile, result, ctx));
}

/**
 * {@link buildReading} in slices of a few milliseconds with a turn of the event loop between
 * them (slices.ts): a 200,000-client controller decodes while timers, HTTP and other flows run;
 * a small device is done within its first slice. The same reading as {@link buildReading}.
 * Rejects with the signal's error at the next pause once `signal` fires.
 */
export async function buildReadingYielding(
    profile: ApProfile,
    result: QueryResult,
    ctx: ReadingContext,
    options: SliceOptions = {},
): Promise<BuiltReading> {
    return finishInSlices(readingSteps(profile, result, ctx), options);
}

/** The passes of one reading, in pause-able steps. */
function* readingSteps(profile: ApProfile, result: QueryResult, ctx: ReadingContext): Steps<BuiltReading> {
    const d = newDraft(profile, result, ctx);
    yield* readInventorySteps(d);
    yield* readClientsSteps(d);
    yield* identifyClientsSteps(d);

    const totals = readTotals(d);
    const { perClient, complete } = judgeClientList(d, totals);
    yield* fillSsidsFromRowsSteps(d, perClient);
    const aps = yield* apInfosSteps(d, totals, perClient);
    const { clients, clientAps } = yield* clientListSteps(d, perClient);
    const { quirks } = chooseTotal(totalSources(d, totals, aps, clients, perClient));
    const reading: ApReading = {
        device: ctx.device,
        host: ctx.host,
        reachable: true,
        profile: profile.id,
        time: ctx.time,
        totals: readingTotals(d, totals, aps, clients, perClient),
        aps,
        ssids: deviceSsids(d, aps),
        clients,
        capabilities: { perClient, signal: signalKind(profile.signal, perClient, clients) },
    };
    return {
        reading: withModel(reading, modelOf(profile, result)),
        clientAps,
        clientsComplete: complete,
        quirks,
    };
}
