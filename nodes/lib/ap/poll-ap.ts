/**
 * One poll of one device: detect its profile (unless known or chosen), read the profile's plan
 * in one query, and build the reading.
 */
import { displayName, type DeviceTarget } from "../devices";
import { SnmpError } from "../snmp/errors";
import { abortError, queryQuirks, runQuery, type QueryResult, type SnmpTransport } from "../snmp/query";
import { asText } from "../snmp/varbind";
import { CUSTOM_ID, customObjects } from "./custom";
import { detectionPlan, detectProfile, systemInfo, type SystemInfo } from "./detect";
import { buildReadingYielding, planFor, probeAnswered, SYS_NAME, type BuiltReading } from "./engine";
import type { LoadThresholds } from "./load";
import { profileById, PROFILES } from "./profiles";
import type { ApProfile } from "./types";

export interface ApPollOptions {
    /** `auto`, a profile id, or `custom`. */
    vendor: string;
    /** The custom profile, when vendor is `custom`. */
    custom?: ApProfile;
    /** The profile detected for this device by an earlier poll (auto mode). */
    cachedProfile?: string;
    /** That earlier detection found the profile by probe, not by sysObjectID. */
    cachedByProbe?: boolean;
    maxRepetitions: number;
    maxRows: number;
    /** Ends the poll, the decode included (node closed, deadline passed). */
    signal?: AbortSignal;
    /**
     * Longest stretch of decoding before the event loop gets a turn, ms (slices.ts; default 5).
     * Infinity decodes in one piece (the benchmark's "before").
     */
    sliceMs?: number;
    now: () => Date;
    macNames?: ReadonlyMap<string, string>;
    /** A client below this signal (dBm) is weak; default -75. */
    weakBelow?: number;
    /** Where a radio turns busy and overloaded (ap/load.ts). */
    load?: Partial<LoadThresholds>;
    /** The manufacturer of a MAC (ap/oui.ts); without it clients get no vendor. */
    vendorOf?: (mac: string) => string | undefined;
    /** Profiles to detect from (tests); all of them by default. */
    profiles?: readonly ApProfile[];
}

export interface ApPoll extends BuiltReading {
    /** Profile used (to cache in auto mode). */
    profileId: string;
    /** Whether this poll ran detection. */
    detected: boolean;
    /** The profile was found by probing, not by sysObjectID or sysDescr. */
    byProbe: boolean;
    /** Round trips of this poll. */
    requests: number;
}

async function detect(
    t: SnmpTransport,
    o: ApPollOptions,
): Promise<{ profile: ApProfile; byProbe: boolean; sys: SystemInfo; requests: number }> {
    const profiles = o.profiles ?? PROFILES;
    // One repetition per object: each probe object is one GETNEXT in the GETBULK.
    const result = await runQuery(t, detectionPlan(profiles), { maxRepetitions: 1, signal: o.signal });
    const sys = systemInfo(result);
    const { profile, byProbe } = detectProfile(t.host, sys, result, profiles);
    return { profile, byProbe, sys, requests: result.requests };
}

function notAnswering(host: string, profile: ApProfile): SnmpError {
    if (profile.id === CUSTOM_ID) {
        return new SnmpError(
            "unsupported",
            `${host} answers none of the custom OIDs (${customObjects(profile).join(", ")}): check them with ` +
                "snmpwalk against the device, and the SNMP settings (version, community, context)",
            { host },
        );
    }
    return new SnmpError(
        "unsupported",
        `${host} does not answer ${profile.detect.probeName} (${profile.detect.probe}), which the ` +
            `${profile.label} profile needs: check the vendor setting (auto detects it)`,
        { host },
    );
}

function customAnswered(profile: ApProfile, result: QueryResult): boolean {
    if (profile.totals?.clients && result.scalars.has(profile.totals.clients)) return true;
    const columns = [
        profile.radios?.cols.clients?.oid,
        profile.aps?.cols.clients?.oid,
        profile.clients?.cols.row?.oid,
    ];
    return columns.some((c) => c !== undefined && (result.columns.get(c)?.size ?? 0) > 0);
}

/** Poll one device. Rejects with an {@link SnmpError} (timeout, unsupported, ...). */
export async function pollAp(t: SnmpTransport, device: DeviceTarget, o: ApPollOptions): Promise<ApPoll> {
    let profile: ApProfile | undefined;
    let sys: SystemInfo | undefined;
    let requests = 0;
    let detected = false;
    let byProbe = false;
    const auto = o.vendor === "auto" || o.vendor === "";

    if (o.vendor === CUSTOM_ID) {
        profile = o.custom;
        if (profile === undefined) {
            throw new SnmpError("config", "custom profile chosen without OIDs", { host: t.host });
        }
    } else if (!auto) {
        profile = profileById(o.vendor);
        if (profile === undefined) {
            throw new SnmpError("config", `unknown vendor profile "${o.vendor}"`, { host: t.host });
        }
    } else if (o.cachedProfile !== undefined) {
        profile = profileById(o.cachedProfile);
        byProbe = profile !== undefined && o.cachedByProbe === true;
    }

    if (profile === undefined) {
        const d = await detect(t, o);
        ({ profile, sys, byProbe } = d);
        requests += d.requests;
        detected = true;
    }

    const read = async (p: ApProfile): Promise<QueryResult> => {
        const r = await runQuery(
            t,
            { ...planFor(p), maxRows: o.maxRows },
            { maxRepetitions: o.maxRepetitions, signal: o.signal },
        );
        requests += r.requests;
        return r;
    };
    let result = await read(profile);

    if (profile.id === CUSTOM_ID ? !customAnswered(profile, result) : !probeAnswered(profile, result)) {
        if (!(auto && !detected)) throw notAnswering(t.host, profile);
        // The cached profile no longer fits (a different device at this address, new firmware):
        // detect again, now.
        const d = await detect(t, o);
        ({ profile, sys, byProbe } = d);
        requests += d.requests;
        detected = true;
        result = await read(profile);
        if (!probeAnswered(profile, result)) throw notAnswering(t.host, profile);
    }

    const sysName = asText(result.scalars.get(SYS_NAME)) ?? sys?.name;
    const built = await buildReadingYielding(
        profile,
        result,
        {
            device: displayName(device, sysName),
            host: device.host,
            time: o.now().toISOString(),
            macNames: o.macNames,
            weakBelow: o.weakBelow,
            load: o.load,
            vendorOf: o.vendorOf,
        },
        { sliceMs: o.sliceMs, signal: o.signal, aborted: (signal) => abortError(signal, t.host) },
    );
    const quirks: string[] = [];
    if (byProbe) quirks.push("detectedByProbe");
    // Rows cut short do not add up for that reason alone: only the device's own figures disagree.
    const cut = result.truncated.length > 0 || result.looping.length > 0;
    quirks.push(...built.quirks.filter((q) => !(cut && q === "apTotalsDiffer")));
    quirks.push(...queryQuirks([result]));
    // Partial counts must not pass for whole ones: say so on the reading.
    if (quirks.length > 0) built.reading.quirks = quirks;
    return { ...built, profileId: profile.id, detected, byProbe, requests };
}
