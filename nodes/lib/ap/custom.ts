/**
 * The `custom` profile: for a device no profile knows, the user names the OIDs. A count (a
 * scalar instance, ending in `.0`, or a column whose values are added up) and, optionally, a
 * per-client table: any column of it (the client MAC is the last six sub-identifiers of its
 * index), a signal column and an SSID column with the same index.
 */
import { parseOid } from "../snmp/varbind";
import type { ApProfile, ClientField, Col } from "./types";

export interface CustomOptions {
    countOid?: string;
    clientOid?: string;
    signalOid?: string;
    ssidOid?: string;
    /** What the signal column holds: dBm (negative) or an SNR in dB. */
    signalUnit?: "dBm" | "snr";
}

export const CUSTOM_ID = "custom";

function clean(oid: string | undefined): string | undefined {
    const t = (oid ?? "").trim().replace(/^\./, "");
    return t === "" ? undefined : t;
}

/** Build the custom profile, or say which option is wrong. */
export function customProfile(options: CustomOptions): ApProfile | { error: string } {
    const count = clean(options.countOid);
    const client = clean(options.clientOid);
    const signal = clean(options.signalOid);
    const ssid = clean(options.ssidOid);
    for (const [name, oid] of [
        ["count OID", count],
        ["client table OID", client],
        ["signal OID", signal],
        ["SSID OID", ssid],
    ] as const) {
        if (oid !== undefined && (parseOid(oid) === undefined || oid.split(".").length < 4)) {
            return {
                error: `custom profile: the ${name} "${oid}" is not a numeric OID like 1.3.6.1.4.1.9.9.1`,
            };
        }
    }
    const rows = client ?? signal;
    if (count === undefined && rows === undefined) {
        return { error: "custom profile: give at least the OID of a client count or of a client table" };
    }
    const unit = options.signalUnit === "snr" ? "snr" : "dBm";
    const profile: ApProfile = {
        id: CUSTOM_ID,
        label: "Custom OIDs",
        kind: "standalone",
        detect: { match: [], probe: count ?? rows ?? "", probeName: "the custom OIDs" },
        signal: signal === undefined ? "none" : unit,
    };
    if (count !== undefined) {
        if (count.endsWith(".0")) profile.totals = { clients: count };
        // A column of counts (per radio, per SSID…): its rows are added up.
        else profile.radios = { index: [["radio", "rest"]], cols: { clients: { oid: count, as: "int" } } };
        profile.detect.probe = count.endsWith(".0") ? count.slice(0, -2) : count;
    }
    if (rows !== undefined) {
        const cols: Partial<Record<ClientField, Col>> = { row: { oid: rows, as: "int" } };
        if (signal !== undefined) cols[unit === "snr" ? "snr" : "signal"] = { oid: signal, as: "int" };
        if (ssid !== undefined) cols.ssid = { oid: ssid, as: "text" };
        profile.clients = { index: [["mac", "lastMac"]], rowsFrom: "row", cols };
    }
    return profile;
}
