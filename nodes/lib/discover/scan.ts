/**
 * A scan: ask every address of a range who it is, a bounded number at a time, and classify what
 * answers.
 *
 * Per address, per set of credentials in order until one answers: one probe request (probe.ts).
 * A device that answers and is not plainly a printer then gets the ap-clients detection request
 * (detect.ts, one or two round trips), so that `profile` names the profile ap-clients will use
 * and a Wi-Fi router is told from a plain one. Silent addresses cost one request per credential.
 *
 * Each address has its own session (one UDP socket), closed as soon as the address is done; at
 * most `concurrency` addresses are in progress at once. Nothing here rejects: a failure is
 * "silent" for that address, and an abort ends the scan with what was found so far.
 */
import { setMaxListeners } from "node:events";
import { chooseProfile, detectionPlan, systemInfo } from "../ap/detect";
import { modelOf } from "../ap/assemble";
import { SnmpError } from "../snmp/errors";
import { Limiter } from "../snmp/limiter";
import { runQuery } from "../snmp/query";
import { SnmpSession } from "../snmp/session";
import type { SessionSettings } from "../snmp/settings";
import { classify, looksLikePrinter, type ApMatch } from "./classify";
import { deviceLine, type FoundDevice } from "./contract";
import { probe, type Sighting } from "./probe";
import type { ScanTarget } from "./range";

/** Addresses in progress at once, by default (issue 19). */
export const DEFAULT_CONCURRENCY = 50;
/** The most a node may set. */
export const MAX_CONCURRENCY = 500;
/** Milliseconds a scan waits for each answer, by default: LAN devices answer in far less. */
export const DEFAULT_SCAN_TIMEOUT = 1000;

export interface ScanOptions {
    targets: readonly ScanTarget[];
    /**
     * The credentials to try, in order (index = `community` in the result; an undefined entry,
     * settings left empty or invalid, is skipped and keeps its index). Their timeout and retries
     * are used as given: the caller shortens them for a scan (see {@link scanSettings}).
     */
    credentials: readonly (SessionSettings | undefined)[];
    concurrency?: number;
    signal: AbortSignal;
    /** Called once per device that answered, as soon as it is classified. */
    onDevice?(device: FoundDevice): void;
    /** Called after each address, answered or not. */
    onProgress?(done: number, total: number): void;
}

export interface ScanOutcome {
    /** Devices that answered, in the order of the range. */
    devices: FoundDevice[];
    /** Addresses asked (all of them unless cancelled). */
    scanned: number;
    silent: number;
    cancelled: boolean;
}

/** The settings a scan uses: the credentials' own, with a short timeout and few retries. */
export function scanSettings(base: SessionSettings, timeout: number, retries: number): SessionSettings {
    return { ...base, timeout, retries };
}

/** Ask the ap-clients detection which profile reads this device; undefined when none does. */
async function detectAccessPoint(session: SnmpSession, signal: AbortSignal): Promise<ApMatch | undefined> {
    try {
        const result = await runQuery(session, detectionPlan(), { maxRepetitions: 2, signal });
        const profile = chooseProfile(session.host, systemInfo(result), result);
        const model = modelOf(profile, result);
        return model !== undefined ? { profile: profile.id, model } : { profile: profile.id };
    } catch (err) {
        // No profile applies (unsupported), or the device stopped answering: the probe's answer
        // still classifies it. A cancellation ends the scan.
        if (err instanceof SnmpError && err.code === "cancelled") throw err;
        return undefined;
    }
}

interface Answer {
    sighting: Sighting;
    ap: ApMatch | undefined;
    credential: number;
    port: number;
}

/** Try each set of credentials on one address until one answers. */
async function askAddress(
    target: ScanTarget,
    credentials: readonly (SessionSettings | undefined)[],
    signal: AbortSignal,
): Promise<Answer | undefined> {
    for (let i = 0; i < credentials.length; i++) {
        const base = credentials[i];
        if (base === undefined) continue;
        const settings = target.port !== undefined ? { ...base, port: target.port } : base;
        let session: SnmpSession | undefined;
        try {
            session = await SnmpSession.open(target.host, settings);
            const sighting = await probe(session, signal);
            const ap =
                sighting.printerMib || looksLikePrinter(sighting)
                    ? undefined
                    : await detectAccessPoint(session, signal);
            return { sighting, ap, credential: i, port: settings.port };
        } catch (err) {
            if (signal.aborted) throw err;
            // Silent with these credentials (no answer, v3 refused, a name that does not
            // resolve): try the next ones.
        } finally {
            session?.close();
        }
    }
    return undefined;
}

function found(target: ScanTarget, answer: Answer, defaultPort: number): FoundDevice {
    const s = answer.sighting;
    const c = classify(s, answer.ap);
    const name = s.name ?? null;
    return {
        host: target.host,
        port: answer.port,
        kind: c.kind,
        vendor: c.vendor,
        model: c.model,
        name,
        location: s.location ?? null,
        profile: c.profile,
        community: answer.credential,
        line: deviceLine(target.host, answer.port, defaultPort, name),
        objectId: s.objectId ?? null,
        description: s.descr ?? null,
    };
}

/** Run a scan to its end (or until the signal aborts). Never rejects. */
export async function scan(options: ScanOptions): Promise<ScanOutcome> {
    const { targets, credentials, signal } = options;
    const limiter = new Limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
    const defaultPort = credentials.find((c) => c !== undefined)?.port ?? 161;
    // Every address waits on the same signal: many listeners are expected, not a leak.
    setMaxListeners(0, signal);
    const results: (FoundDevice | undefined)[] = new Array<FoundDevice | undefined>(targets.length);
    let asked = 0;

    await Promise.all(
        targets.map(async (target, i) => {
            let answer: Answer | undefined;
            try {
                answer = await limiter.run(
                    () => askAddress(target, credentials, signal),
                    signal,
                    target.host,
                );
            } catch {
                // Cancelled (queued or in progress): the scan ends with what it has.
                return;
            }
            asked++;
            if (answer !== undefined) {
                const device = found(target, answer, defaultPort);
                results[i] = device;
                options.onDevice?.(device);
            }
            options.onProgress?.(asked, targets.length);
        }),
    );
    const devices = results.filter((d): d is FoundDevice => d !== undefined);
    return { devices, scanned: asked, silent: asked - devices.length, cancelled: signal.aborted };
}
