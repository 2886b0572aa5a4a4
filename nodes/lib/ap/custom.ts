/**
 * The `custom` profile: for a device no profile knows, the user names what to read.
 *
 * - A client count: one object at any instance (`…1.0`, `…18.1`), or a column whose rows are
 *   added up (per radio, per SSID or per AP), or a NET-SNMP-EXTEND script by name
 *   (`extend:clients-wlan0`, or `extend:clients-*` for every extend whose name starts so).
 * - Optionally, a column with the AP name beside a count column: each row is then one AP, so
 *   per-AP readings and thresholds stay per AP.
 * - Optionally, a per-client table: any of its columns (one row per client). Its index may be
 *   the client MAC (its last six sub-identifiers), or anything else with the MAC in a column.
 *   Rows are counted even where no MAC can be read. A signal column and an SSID column with the
 *   same index add to each client.
 */
import { parseOid } from "../snmp/varbind";
import type { ApProfile, ClientField, Col } from "./types";

export interface CustomOptions {
    countOid?: string;
    /** A column beside the count column naming each row's AP. */
    apNameOid?: string;
    clientOid?: string;
    /** The column holding each client's MAC, for a table not indexed by MAC. */
    clientMacOid?: string;
    signalOid?: string;
    ssidOid?: string;
    /** What the signal column holds: dBm (negative) or an SNR in dB. */
    signalUnit?: "dBm" | "snr";
}

export const CUSTOM_ID = "custom";

/** NET-SNMP-EXTEND-MIB nsExtendOutput1Line: the first line a script prints, indexed by its name. */
export const EXTEND_OUTPUT_LINE = "1.3.6.1.4.1.8072.1.3.2.3.1.1";

const EXTEND = /^extend:([A-Za-z0-9_.:+-]+)(\*?)$/;

function clean(oid: string | undefined): string | undefined {
    const t = (oid ?? "").trim().replace(/^\./, "");
    return t === "" ? undefined : t;
}

function isOid(oid: string): boolean {
    return parseOid(oid) !== undefined && oid.split(".").length >= 4;
}

/** The instance OID of an extend's first output line: the name is a length-prefixed index. */
export function extendLineOid(name: string): string {
    const bytes = Array.from(Buffer.from(name, "utf8"));
    return `${EXTEND_OUTPUT_LINE}.${bytes.length}.${bytes.join(".")}`;
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The names of what the custom profile reads, for messages. */
export function customObjects(profile: ApProfile): string[] {
    return [
        profile.totals?.clients,
        profile.radios?.cols.clients?.oid,
        profile.aps?.cols.clients?.oid,
        profile.clients?.cols.row?.oid,
    ].filter((o): o is string => o !== undefined);
}

/** Build the custom profile, or say in plain words which option is wrong. */
export function customProfile(options: CustomOptions): ApProfile | { error: string } {
    const count = clean(options.countOid);
    const apName = clean(options.apNameOid);
    const client = clean(options.clientOid);
    const clientMac = clean(options.clientMacOid);
    const signal = clean(options.signalOid);
    const ssid = clean(options.ssidOid);
    const extend = count === undefined ? null : EXTEND.exec(count);
    if (count !== undefined && extend === null && !isOid(count)) {
        return {
            error:
                `custom profile: the client count "${count}" is neither a numeric OID like 1.3.6.1.4.1.9.9.1.0 ` +
                "nor an extend name like extend:clients-wlan0",
        };
    }
    for (const [name, oid] of [
        ["AP name column", apName],
        ["client table OID", client],
        ["MAC column", clientMac],
        ["signal OID", signal],
        ["SSID OID", ssid],
    ] as const) {
        if (oid !== undefined && !isOid(oid)) {
            return {
                error: `custom profile: the ${name} "${oid}" is not a numeric OID like 1.3.6.1.4.1.9.9.1`,
            };
        }
    }
    const rows = client ?? signal;
    if (count === undefined && rows === undefined) {
        return {
            error:
                "custom profile: give at least a client count (an OID, a column to add up, or an extend name) " +
                "or the OID of a client table",
        };
    }
    if (apName !== undefined && (count === undefined || extend !== null)) {
        return {
            error:
                "custom profile: an AP name column names the rows of a count column: give the count as that " +
                "column's OID",
        };
    }
    if (clientMac !== undefined && rows === undefined) {
        return { error: "custom profile: a MAC column belongs to a client table: give the table's OID too" };
    }
    const unit = options.signalUnit === "snr" ? "snr" : "dBm";
    const profile: ApProfile = {
        id: CUSTOM_ID,
        label: "Custom OIDs",
        kind: apName === undefined ? "standalone" : "controller",
        detect: { match: [], probe: count ?? rows ?? "", probeName: "the custom OIDs" },
        signal: signal === undefined ? "none" : unit,
    };
    if (extend?.[1] !== undefined && extend[2] === "*") {
        // Every extend whose name starts with the prefix is one radio (clients-wlan0, clients-wlan1).
        profile.radios = {
            index: [["radio", "string"]],
            where: { part: "radio", pattern: new RegExp(`^${escapeRegExp(extend[1])}(.+)$`) },
            cols: { clients: { oid: EXTEND_OUTPUT_LINE, as: "int" } },
        };
        profile.detect.probe = EXTEND_OUTPUT_LINE;
    } else if (extend?.[1] !== undefined) {
        profile.totals = { clients: extendLineOid(extend[1]) };
        profile.detect = { ...profile.detect, probe: extendLineOid(extend[1]), probeInstance: true };
    } else if (count !== undefined && apName !== undefined) {
        profile.aps = {
            index: [["ap", "rest"]],
            rowsFrom: "clients",
            cols: { clients: { oid: count, as: "int" }, name: { oid: apName, as: "text" } },
        };
    } else if (count !== undefined) {
        // One object (at any instance) or a column of counts: whichever the device has answers.
        profile.totals = { clients: count };
        profile.radios = { index: [["radio", "rest"]], cols: { clients: { oid: count, as: "int" } } };
    }
    if (rows !== undefined) {
        const cols: Partial<Record<ClientField, Col>> = { row: { oid: rows, as: "int" } };
        if (clientMac !== undefined) cols.mac = { oid: clientMac, as: "mac" };
        if (signal !== undefined) cols[unit === "snr" ? "snr" : "signal"] = { oid: signal, as: "int" };
        if (ssid !== undefined) cols.ssid = { oid: ssid, as: "text" };
        profile.clients = {
            // With a MAC column the index is only a row number; without, its last six
            // sub-identifiers are the MAC when they can be (a row without one still counts).
            index: [["row", clientMac === undefined ? "restMac" : "rest"]],
            rowsFrom: "row",
            cols,
        };
    }
    return profile;
}
