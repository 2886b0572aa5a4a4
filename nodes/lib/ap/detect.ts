/**
 * Which profile a device needs. One request asks for sysDescr, sysObjectID, sysName and the probe
 * object of every profile at once (one GETBULK on SNMPv2c/v3). Then:
 * 1. profiles whose signature (sysObjectID prefix, sysDescr pattern) matches, in priority order:
 *    the first whose probe answered wins;
 * 2. otherwise any profile whose probe answered (devices that answer with a generic OID, such as
 *    net-snmp's Linux 8072.3.2.10, and Meraki's dashboard, whose OID is not documented);
 * 3. otherwise the device is unsupported, with a message naming what it said and what to try.
 * Probes are configuration or AP tables, or scalar counts: a client table would be empty, and
 * so silent, whenever nobody is connected.
 */
import { SnmpError } from "../snmp/errors";
import type { QueryPlan, QueryResult } from "../snmp/query";
import { asOid, asText } from "../snmp/varbind";
import { SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from "./engine";
import { PROFILES } from "./profiles";
import type { ApProfile, Signature } from "./types";

export interface SystemInfo {
    descr?: string;
    objectId?: string;
    name?: string;
}

/** `prefix` covers `oid` when equal or an ancestor (whole sub-identifiers only). */
function under(oid: string, prefix: string): boolean {
    const p = prefix.replace(/^\./, "").replace(/\.$/, "");
    return oid === p || oid.startsWith(`${p}.`);
}

export function signatureMatches(sig: Signature, sys: SystemInfo): boolean {
    if (sig.oid === undefined && sig.descr === undefined) return false;
    const oid = (sys.objectId ?? "").replace(/^\./, "");
    if (sig.oid !== undefined && !under(oid, sig.oid)) return false;
    if (sig.notOid?.some((n) => under(oid, n))) return false;
    if (sig.descr !== undefined && !sig.descr.test(sys.descr ?? "")) return false;
    return true;
}

/** Profiles whose signature matches, in priority order. */
export function candidates(sys: SystemInfo, profiles: readonly ApProfile[] = PROFILES): ApProfile[] {
    return profiles.filter((p) => p.detect.match.some((s) => signatureMatches(s, sys)));
}

/** The one request detection needs. */
export function detectionPlan(profiles: readonly ApProfile[] = PROFILES): QueryPlan {
    return {
        scalars: [SYS_DESCR, SYS_OBJECT_ID, SYS_NAME],
        columns: Array.from(new Set(profiles.map((p) => p.detect.probe))),
        // One row per probe is enough; with two repetitions a probe finishes in one round trip.
        maxRows: 1,
    };
}

export function systemInfo(result: QueryResult): SystemInfo {
    const info: SystemInfo = {};
    const descr = asText(result.scalars.get(SYS_DESCR));
    const objectId = asOid(result.scalars.get(SYS_OBJECT_ID)) ?? asText(result.scalars.get(SYS_OBJECT_ID));
    const name = asText(result.scalars.get(SYS_NAME));
    if (descr) info.descr = descr;
    if (objectId) info.objectId = objectId;
    if (name) info.name = name;
    return info;
}

function probed(result: QueryResult, profile: ApProfile): boolean {
    return (result.columns.get(profile.detect.probe)?.size ?? 0) > 0;
}

/** A sysDescr fit for one line of an error text (device strings are plain text, cut short). */
function shortDescr(descr: string | undefined): string {
    const one = (descr ?? "").replace(/\s+/g, " ").trim();
    return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

/** Pick the profile from a detection result; an `unsupported` error when none applies. */
export function chooseProfile(
    host: string,
    sys: SystemInfo,
    result: QueryResult,
    profiles: readonly ApProfile[] = PROFILES,
): ApProfile {
    const matching = candidates(sys, profiles);
    const confirmed = matching.find((p) => probed(result, p)) ?? profiles.find((p) => probed(result, p));
    if (confirmed !== undefined) return confirmed;
    throw unsupportedError(host, sys, matching);
}

function unsupportedError(host: string, sys: SystemInfo, matching: readonly ApProfile[]): SnmpError {
    const said = `sysObjectID ${sys.objectId ?? "(none)"}, sysDescr "${shortDescr(sys.descr)}"`;
    const custom = "choose the custom profile and give the OID of its client count (or client table)";
    if (matching.length === 0) {
        return new SnmpError("unsupported", `${host} matches no access point profile (${said}): ${custom}`, {
            host,
        });
    }
    const first = matching[0] as ApProfile;
    const others = matching.slice(1).map((p) => p.label);
    const looks = [first.label, ...others].join(" or ");
    const hint = first.detect.hint ? `${first.detect.hint}; or ${custom}` : custom;
    return new SnmpError(
        "unsupported",
        `${host} looks like ${looks} (${said}) but does not answer ${first.detect.probeName} ` +
            `(${first.detect.probe}): ${hint}`,
        { host },
    );
}
