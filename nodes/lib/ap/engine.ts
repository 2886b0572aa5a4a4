/**
 * The generic engine: from a profile, the query plan of one poll; from the query result, the
 * reading (output 1 payload). Every vendor goes through the same code; profiles only describe.
 *
 * Counts come from the device's own counters where it keeps them, and only otherwise from
 * counting client rows, so a device that serves counts but not its client table (or serves a
 * partial one) still reports true numbers. A number the device does not give is absent.
 */
import type { QueryPlan, QueryResult } from "../snmp/query";
import { asText } from "../snmp/varbind";
import { readValue, toCount } from "./decode";
import { newDraft, type ApAcc, type ReadingContext } from "./draft";
import { readClients } from "./clients";
import { readAps, readBssids, readIfNames, readRadios, readVaps, readWlans } from "./inventory";
import { IF_NAME, SYS_DESCR, SYS_NAME } from "./oids";
import { clientColumns, tableOids } from "./tables";
import type { ApInfo, ApProfile, ApReading, ClientInfo, RadioInfo, SignalKind, SsidCount } from "./types";

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
    if (profile.totals?.clients) scalars.push(profile.totals.clients);
    if (profile.totals?.aps) scalars.push(profile.totals.aps);
    const columns = [
        ...tableOids(profile.aps),
        ...tableOids(profile.radios),
        ...tableOids(profile.vaps),
        ...tableOids(profile.wlans),
        ...tableOids(profile.bssids),
        ...clientColumns(profile),
    ];
    if (profile.model?.column) columns.push(profile.model.column);
    if (profile.ifNames) columns.push(IF_NAME);
    // The probe confirms, on every poll, that the device still is what was detected.
    if (!scalars.includes(`${profile.detect.probe}.0`) && !columns.includes(profile.detect.probe)) {
        columns.push(profile.detect.probe);
    }
    return { scalars: unique(scalars), columns: unique(columns) };
}

/** True when the result holds the profile's probe object (the device still matches it). */
export function probeAnswered(profile: ApProfile, result: QueryResult): boolean {
    const probe = profile.detect.probe;
    if (result.scalars.has(`${probe}.0`)) return true;
    return (result.columns.get(probe)?.size ?? 0) > 0;
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
}

function sum(values: (number | undefined)[]): number | undefined {
    let total: number | undefined;
    for (const v of values) if (v !== undefined) total = (total ?? 0) + v;
    return total;
}

function groupSsids(items: { ssid: string; clients?: number }[]): SsidCount[] {
    const by = new Map<string, number>();
    for (const it of items) {
        if (it.clients === undefined) continue;
        by.set(it.ssid, (by.get(it.ssid) ?? 0) + it.clients);
    }
    return Array.from(by, ([ssid, clients]) => ({ ssid, clients }))
        .filter((s) => s.ssid !== "" || s.clients > 0)
        .sort((a, b) => a.ssid.localeCompare(b.ssid));
}

function firstText(result: QueryResult, column: string): string | undefined {
    const rows = result.columns.get(column);
    if (rows === undefined) return undefined;
    for (const vb of rows.values()) {
        const t = asText(vb);
        if (t) return t;
    }
    return undefined;
}

function modelOf(profile: ApProfile, result: QueryResult): string | undefined {
    const m = profile.model;
    if (m === undefined) return undefined;
    if (m.scalar) {
        const t = asText(result.scalars.get(m.scalar));
        if (t) return t;
    }
    if (m.column) {
        const t = firstText(result, m.column);
        if (t) return t;
    }
    if (m.sysDescr) {
        const descr = asText(result.scalars.get(SYS_DESCR));
        const hit = descr === undefined ? null : m.sysDescr.exec(descr);
        if (hit?.[1]) return hit[1].trim();
    }
    return undefined;
}

/**
 * What the signal figures of this reading are: what the clients carry when there are any (a
 * vendor "RSSI" column may give dBm on one firmware and dB above noise on another), else what
 * the profile reads.
 */
function signalKind(declared: SignalKind, perClient: boolean, clients: ClientInfo[]): SignalKind {
    if (!perClient) return "none";
    if (clients.some((c) => c.signal !== undefined)) return "dBm";
    if (clients.some((c) => c.snr !== undefined)) return "snr";
    return clients.length > 0 ? "none" : declared;
}

/** Build the reading of one device from one query result. Never throws on device data. */
export function buildReading(profile: ApProfile, result: QueryResult, ctx: ReadingContext): BuiltReading {
    const d = newDraft(profile, result, ctx);
    readIfNames(d);
    readAps(d);
    readRadios(d);
    readVaps(d);
    readWlans(d);
    readBssids(d);
    readClients(d);
    const { standalone, aps, wlans, clients } = d;

    // Does the client list tell the truth? Only when the device served its client table, or
    // when its own counts say there is nobody to list.
    const clientColumnsList = clientColumns(profile);
    const clientTableAnswered = clientColumnsList.some((c) => (result.columns.get(c)?.size ?? 0) > 0);
    const totalScalar = toCount(
        profile.totals?.clients
            ? readValue(result.scalars.get(profile.totals.clients), { oid: "", as: "int" })
            : undefined,
    );

    // Per-AP assembly (counts first from counters, then from client rows).
    const countedClients = (ap: ApAcc, perClient: boolean): number | undefined => {
        if (ap.clients !== undefined) return ap.clients;
        if (standalone && totalScalar !== undefined) return totalScalar;
        const radios = sum(Array.from(ap.radios.values(), (r) => r.clients));
        if (radios !== undefined) return radios;
        const vaps = sum(ap.vaps.map((v) => v.clients));
        if (vaps !== undefined) return vaps;
        return perClient ? ap.clientRows.length : undefined;
    };

    // Counts that do not come from client rows, to judge the client table against.
    const counterTotal =
        totalScalar ??
        sum(Array.from(aps.values(), (ap) => countedClients(ap, false))) ??
        sum(wlans.map((w) => w.clients));
    const perClient =
        profile.clients !== undefined &&
        (clientTableAnswered || counterTotal === undefined || counterTotal === 0);
    const clientsComplete =
        perClient &&
        !clientColumnsList.some((c) => result.truncated.includes(c) || result.looping.includes(c));

    const apList: ApInfo[] = [];
    for (const ap of aps.values()) {
        const radios: RadioInfo[] = Array.from(ap.radios.values())
            .sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }))
            .map((r) => {
                const out: RadioInfo = { id: r.label ?? r.key };
                if (r.band !== undefined) out.band = r.band;
                if (r.channel !== undefined) out.channel = r.channel;
                const count =
                    r.clients ??
                    sum(ap.vaps.filter((v) => v.radio === r.key).map((v) => v.clients)) ??
                    (perClient ? ap.clientRows.filter((c) => c.radio === r.key).length : undefined);
                if (count !== undefined) out.clients = count;
                if (r.noise !== undefined) out.noise = r.noise;
                return out;
            });
        let ssids = groupSsids(ap.vaps);
        if (ssids.length === 0 && standalone) ssids = groupSsids(wlans);
        if (ssids.length === 0 && perClient) {
            ssids = groupSsids(
                ap.clientRows
                    .filter((c) => c.info.ssid !== undefined)
                    .map((c) => ({ ssid: c.info.ssid ?? "", clients: 1 })),
            );
        }
        // Documented key order: id, name, mac, ip, clients, radios, ssids.
        const info: ApInfo = { id: standalone ? ctx.host : ap.key, name: ap.name ?? ap.key } as ApInfo;
        if (ap.mac !== undefined) info.mac = ap.mac;
        if (ap.ip !== undefined) info.ip = ap.ip;
        const count = countedClients(ap, perClient);
        if (count !== undefined) info.clients = count;
        info.radios = radios;
        info.ssids = ssids;
        apList.push(info);
    }
    apList.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));

    const apNames = new Map<string, string>();
    for (const ap of aps.values()) apNames.set(ap.key, ap.name ?? ap.key);
    const clientAps = new Map<string, string>();
    const clientList: ClientInfo[] = [];
    if (perClient) {
        for (const c of clients.sort((a, b) => a.mac.localeCompare(b.mac))) {
            const { mac, ...rest } = c.info;
            const out: ClientInfo = { mac };
            if (c.ap !== undefined) {
                out.ap = apNames.get(c.ap) ?? c.ap;
                clientAps.set(mac, standalone ? ctx.host : c.ap);
            }
            clientList.push(Object.assign(out, rest));
        }
    }

    let ssids = groupSsids(wlans);
    if (ssids.length === 0) ssids = groupSsids(apList.flatMap((a) => a.ssids));

    const apTotal = toCount(
        profile.totals?.aps
            ? readValue(result.scalars.get(profile.totals.aps), { oid: "", as: "int" })
            : undefined,
    );
    const clientsTotal =
        totalScalar ??
        sum(apList.map((a) => a.clients)) ??
        sum(wlans.map((w) => w.clients)) ??
        (perClient ? clientList.length : undefined);

    const reading: ApReading = {
        device: ctx.device,
        host: ctx.host,
        reachable: true,
        profile: profile.id,
        time: ctx.time,
        totals: {
            clients: clientsTotal ?? null,
            aps: standalone ? 1 : apList.length > 0 ? apList.length : (apTotal ?? 0),
        },
        aps: apList,
        ssids,
        clients: clientList,
        capabilities: { perClient, signal: signalKind(profile.signal, perClient, clientList) },
    };
    const model = modelOf(profile, result);
    if (model !== undefined) {
        // Documented key order: device, host, reachable, profile, model, time, ...
        const { device, host, reachable, profile: p, ...rest } = reading;
        return {
            reading: { device, host, reachable, profile: p, model, ...rest },
            clientAps,
            clientsComplete,
        };
    }
    return { reading, clientAps, clientsComplete };
}
