/**
 * Which profile a device needs. At most two requests ask for sysDescr, sysObjectID, sysName and
 * the first row of every profile's probe objects at once (GETBULK on SNMPv2c/v3, GETNEXT on v1).
 * Then:
 * 1. profiles whose signature (sysObjectID prefix, sysDescr pattern) matches, in priority order:
 *    the first whose probe answered wins;
 * 2. otherwise the first profile whose client-count object answered, with quirk
 *    `detectedByProbe` (devices that answer with a generic OID, such as net-snmp's Linux
 *    8072.3.2.10, a vendor reusing a known MIB under its own OID, Meraki's dashboard);
 * 3. otherwise the device is unsupported, with a message naming what it said, what was tried
 *    and what to try.
 * Probes are client counts (scalars, or per-radio/AP/SSID columns, which exist with value 0
 * when nobody is connected) or configuration tables; never a client table, which would be
 * empty, and so silent, whenever nobody is connected.
 */
import { SnmpError } from "../snmp/errors";
import type { QueryPlan, QueryResult } from "../snmp/query";
import { asOid, asText } from "../snmp/varbind";
import { SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from "./engine";
import { probeObjectAnswered, probeObjects, probePlanParts, profileAnswered } from "./probes";
import { PROFILES } from "./profiles";
import type { ApProfile, Signature } from "./types";
import { knownWithoutCounts } from "./unreadable";

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

/**
 * What detection asks, in at most two requests: sysDescr, sysObjectID, sysName, and the
 * first row of every profile's client-count (or configuration) object, never a client table.
 */
export function detectionPlan(profiles: readonly ApProfile[] = PROFILES): QueryPlan {
    const probes = probePlanParts(profiles);
    return {
        scalars: [SYS_DESCR, SYS_OBJECT_ID, SYS_NAME, ...probes.scalars],
        columns: probes.columns,
        maxRows: 1,
        firstRowOnly: true,
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

/**
 * A profile answered one of its client-count objects, which may confirm it for any device
 * whatever its sysObjectID (configuration objects and objects other profiles serve too do not).
 */
function answeredWithoutSignature(result: QueryResult, profile: ApProfile): boolean {
    return probeObjects(profile).some(
        (p) => !p.signatureOnly && !p.notACount && probeObjectAnswered(p, result),
    );
}

/** A sysDescr fit for one line of an error text (device strings are plain text, cut short). */
function shortDescr(descr: string | undefined): string {
    const one = (descr ?? "").replace(/\s+/g, " ").trim();
    return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}

export interface Detection {
    profile: ApProfile;
    /** The sysObjectID and sysDescr named no profile that answered: a probe found it. */
    byProbe: boolean;
}

/**
 * Pick the profile from a detection result: the first profile whose signature matches and whose
 * probe answered; else the first profile whose client-count object answered (a vendor that
 * reuses a known MIB under another sysObjectID); else an `unsupported` error.
 */
export function detectProfile(
    host: string,
    sys: SystemInfo,
    result: QueryResult,
    profiles: readonly ApProfile[] = PROFILES,
): Detection {
    const matching = candidates(sys, profiles);
    const confirmed = matching.find((p) => profileAnswered(p, result));
    if (confirmed !== undefined) return { profile: confirmed, byProbe: false };
    const probed = profiles.find((p) => answeredWithoutSignature(result, p));
    if (probed !== undefined) return { profile: probed, byProbe: true };
    throw unsupportedError(host, sys, matching, profiles);
}

/** Pick the profile from a detection result; an `unsupported` error when none applies. */
export function chooseProfile(
    host: string,
    sys: SystemInfo,
    result: QueryResult,
    profiles: readonly ApProfile[] = PROFILES,
): ApProfile {
    return detectProfile(host, sys, result, profiles).profile;
}

/** The client-count objects a detection tries, as "MIB object (OID)" (for the unsupported error). */
export function countObjectsTried(profiles: readonly ApProfile[] = PROFILES): string[] {
    const names = profiles.flatMap((p) =>
        probeObjects(p)
            .filter((o) => !o.notACount)
            .map((o) => `${o.name} (${o.oid})`),
    );
    return Array.from(new Set(names));
}

const CUSTOM_ADVICE =
    "choose the custom profile and give the OID of its client count (one object, or a column to add up) " +
    "or of its client table";

function unsupportedError(
    host: string,
    sys: SystemInfo,
    matching: readonly ApProfile[],
    profiles: readonly ApProfile[] = PROFILES,
): SnmpError {
    const said = `sysObjectID ${sys.objectId ?? "(none)"}, sysDescr "${shortDescr(sys.descr)}"`;
    const known = knownWithoutCounts(sys);
    if (known !== undefined) {
        return new SnmpError(
            "unsupported",
            `${host} looks like ${known.label} (${said}): ${known.why}; if yours serves a client count, ${CUSTOM_ADVICE}`,
            { host },
        );
    }
    if (matching.length === 0) {
        const tried = countObjectsTried(profiles);
        // The objects tried are too many for a readable line: they travel in `error.tried`.
        return new SnmpError(
            "unsupported",
            `${host} matches no access point profile (${said}) and answers none of the ${tried.length} ` +
                `client-count objects tried (listed in error.tried): ${CUSTOM_ADVICE}`,
            { host, tried },
        );
    }
    const first = matching[0] as ApProfile;
    const others = matching.slice(1).map((p) => p.label);
    const looks = [first.label, ...others].join(" or ");
    const hint = first.detect.hint ? `${first.detect.hint}; or ${CUSTOM_ADVICE}` : CUSTOM_ADVICE;
    return new SnmpError(
        "unsupported",
        `${host} looks like ${looks} (${said}) but does not answer ${first.detect.probeName} ` +
            `(${first.detect.probe}): ${hint}`,
        { host },
    );
}
