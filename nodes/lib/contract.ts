/**
 * What the messages of both query nodes (printer-supplies, ap-clients) have in common: which
 * device a message is about, the payload of a failed poll, and the first steps of reading a
 * device payload or a metric back. Each producer's own shapes, reader and keys live beside it
 * (`printer/contract.ts`, `ap/contract.ts`); consumers read through those.
 */
import { describe, isoTime, isRecord, textOf, finiteNumber, type JsonRecord } from "./json";

/** Which device a message is about: the address it was polled at. */
export interface DeviceIdentity {
    host: string;
    /** Present when the message says which port (several devices may share an address). */
    port?: number;
}

/**
 * The device part of every key kept in stored state (alert keys today): the host alone, so that
 * state stored by earlier versions still matches. Adding the port to every stored key is a
 * change to this one function (and a migration of the stored keys).
 */
export function stateKey(device: DeviceIdentity): string {
    return device.host;
}

/** `host`, or `host:port` when the port is known: how a dashboard tells devices apart. */
export function addressKey(device: DeviceIdentity): string {
    return device.port === undefined ? device.host : `${device.host}:${device.port}`;
}

/** The alert key of "this device answers". */
export function reachableKey(device: DeviceIdentity): string {
    return `${stateKey(device)}/reachable`;
}

/** Output 1 of either query node when a device could not be read. */
export interface UnreachablePayload {
    device: string;
    host: string;
    reachable: false;
    /** ISO 8601 time of the failed poll. */
    time: string;
    /** `tried`: for ap-clients' `unsupported`, the client-count objects detection tried. */
    error: { code: string; message: string; tried?: string[] };
}

export function unreachablePayload(
    device: string,
    host: string,
    error: { toJSON(): { code: string; message: string } },
    now: number,
): UnreachablePayload {
    return { device, host, reachable: false, time: new Date(now).toISOString(), error: error.toJSON() };
}

/**
 * Why a value is not the message expected:
 * - `not-object`: not a plain object at all (a number, an array, null...);
 * - `wrong-kind`: an object, but not this producer's (a printer reading fed to a Wi-Fi widget);
 * - `no-host`: this producer's shape without the host it was polled at.
 */
export interface Problem {
    code: "not-object" | "wrong-kind" | "no-host";
    /** What arrived, for an error text: "a number", "an object without host". */
    what: string;
}

export type DeviceRead<T> =
    { ok: true; identity: DeviceIdentity; payload: T | UnreachablePayload } | { ok: false; problem: Problem };

/** The fields every device payload starts with, already read. */
export interface DeviceHead {
    device: string;
    host: string;
    /** ISO 8601, or "" when the message has no usable time. */
    time: string;
}

/** How one producer recognises and reads its own reachable payload. */
export interface PayloadKind<T> {
    /** The lists that make a payload this producer's, for the problem text ("supplies or trays"). */
    lists: string;
    /** Whether a payload is this producer's reading (it has at least one of its lists). */
    has(payload: JsonRecord): boolean;
    read(payload: JsonRecord, head: DeviceHead): T;
}

/**
 * The shared steps of reading output 1 of a query node: a plain object with a host, and
 * `reachable: false` for a failed poll. Anything else is a reading when it carries the
 * producer's lists (`reachable` may be left out by a message built by hand). Never throws.
 */
export function readDevice<T>(value: unknown, kind: PayloadKind<T>): DeviceRead<T> {
    if (!isRecord(value)) return { ok: false, problem: { code: "not-object", what: describe(value) } };
    const host = textOf(value.host);
    const hasHost = host !== null && host.trim() !== "";
    if (value.reachable !== false && !kind.has(value)) {
        const what = hasHost ? `an object without ${kind.lists}` : "an object without host";
        return { ok: false, problem: { code: "wrong-kind", what } };
    }
    if (!hasHost) return { ok: false, problem: { code: "no-host", what: "an object without host" } };
    const port = finiteNumber(value.port);
    const identity: DeviceIdentity = port === null ? { host } : { host, port };
    const head: DeviceHead = { device: textOf(value.device) ?? "", host, time: isoTime(value.time) ?? "" };
    if (value.reachable === false) {
        const error = isRecord(value.error) ? value.error : {};
        const payload: UnreachablePayload = {
            ...head,
            reachable: false,
            error: { code: textOf(error.code) ?? "", message: textOf(error.message) ?? "" },
        };
        return { ok: true, identity, payload };
    }
    return { ok: true, identity, payload: kind.read(value, head) };
}

/** The `kind` of output 2's `msg.metric`, or null when the message carries no metric. */
export function metricKind(metric: unknown): string | null {
    return isRecord(metric) && typeof metric.kind === "string" ? metric.kind : null;
}

export type MetricRead<T> =
    { ok: true; identity: DeviceIdentity; metric: T } | { ok: false; problem: Problem };

/** The shared steps of reading `msg.metric`: one of the producer's kinds, with a host. */
export function readMetric<K extends string, T>(
    value: unknown,
    kinds: ReadonlySet<K>,
    read: (metric: JsonRecord, head: { device: string; host: string; kind: K }) => T,
): MetricRead<T> {
    if (!isRecord(value)) return { ok: false, problem: { code: "not-object", what: describe(value) } };
    const kind = value.kind;
    if (typeof kind !== "string" || !(kinds as ReadonlySet<string>).has(kind)) {
        return { ok: false, problem: { code: "wrong-kind", what: "a metric of another kind" } };
    }
    const host = textOf(value.host);
    if (host === null || host.trim() === "") {
        return { ok: false, problem: { code: "no-host", what: "a metric without host" } };
    }
    return {
        ok: true,
        identity: { host },
        metric: read(value, { device: textOf(value.device) ?? "", host, kind: kind as K }),
    };
}
