/**
 * The messages of ap-clients, owned in one place: the payload types (output 1, a reading or a
 * failed poll; output 2, one number per AP, SSID, band or client; output 3, joined/left/roamed
 * events), the one reader that turns output 1 and output 2 back into them, and the keys
 * consumers file them under. threshold-alert and the Wi-Fi widget read through here.
 *
 * The reader is defensive in the same way as the printer one (printer/contract.ts): every field
 * checked, a field of the wrong type left out or given its "not known" value, texts kept as given,
 * and a problem (never a throw) for what is not an ap-clients message.
 */
import {
    readDevice,
    readMetric,
    stateKey,
    type DeviceHead,
    type DeviceIdentity,
    type DeviceRead,
    type MetricRead,
} from "../contract";
import { finiteNumber, isRecord, oneOf, records, textOf, texts, type JsonRecord } from "../json";

export type { UnreachablePayload as ApUnreachable } from "../contract";

// ---------------------------------------------------------------------------------------------
// Types

/** Frequency bands, as shown to users and used in chart topics. */
export type Band = "2.4GHz" | "5GHz" | "6GHz" | "60GHz";

/** How the client signal of a profile is expressed (payload `capabilities.signal`). */
export type SignalKind = "dBm" | "snr" | "none";

/** A plain verdict on how loaded an AP or radio is (issue 13: from clients, utilisation, weak share). */
export type Load = "ok" | "busy" | "overloaded";

export interface RadioInfo {
    id: string;
    band?: Band;
    channel?: number;
    clients?: number;
    noise?: number;
    /** Channel utilisation, %. */
    utilisation?: number;
    signal?: ApSignal;
    load?: Load;
}

export interface SsidCount {
    ssid: string;
    clients: number;
}

/** The signal of an AP's clients (issue 13), dBm: median, weakest, and how many are weak. */
export interface ApSignal {
    median?: number;
    min?: number;
    weak?: number;
}

export interface ApInfo {
    id: string;
    name: string;
    mac?: string;
    ip?: string;
    /** Absent when the device keeps no count for this AP and serves no client rows. */
    clients?: number;
    /** Absent where the device gives no per-client signal. */
    signal?: ApSignal;
    radios: RadioInfo[];
    ssids: SsidCount[];
    load?: Load;
}

export interface ClientInfo {
    mac: string;
    /** AP name. */
    ap?: string;
    ssid?: string;
    band?: Band;
    /** dBm, always negative. */
    signal?: number;
    /** dB. */
    snr?: number;
    /** dBm. */
    noise?: number;
    /** Mbit/s. */
    txRate?: number;
    rxRate?: number;
    /** Seconds connected. */
    uptime?: number;
    ip?: string;
    name?: string;
    /** The client's own host name, where the controller or AP tables carry it. */
    hostname?: string;
    /** The maker, from the MAC's OUI (absent for a private address). */
    vendor?: string;
    /** A locally administered (private, randomised) MAC address. */
    randomMac?: boolean;
}

/** Output 1 for a device that answered. */
export interface ApReading {
    device: string;
    host: string;
    reachable: true;
    profile: string;
    model?: string;
    time: string;
    totals: { clients: number | null; aps: number };
    aps: ApInfo[];
    ssids: SsidCount[];
    clients: ClientInfo[];
    capabilities: { perClient: boolean; signal: SignalKind };
    /**
     * Present only when there is something to know about the reading. Incomplete:
     * "rowsTruncated" (a table longer than max rows), "agentLooping" (the agent's OIDs stopped
     * increasing), "objectsRefused". How it was read: "detectedByProbe" (the sysObjectID named
     * no profile; the device answered this profile's client-count object). What the device
     * says: "apTotalsDiffer" (a controller's own total differs from the sum of its per-AP
     * counts; the total is the controller's), "noClientCounts" (the device is recognised but
     * serves no client count; the total is null).
     */
    quirks?: string[];
}

/** Output 2: `msg.metric`, what the number in `msg.payload` is. */
export interface Metric {
    device: string;
    host: string;
    kind: "clients" | "signal";
    ap?: string;
    /** The AP's stable id (as in output 1), so an alert keyed on it matches either output. */
    apId?: string;
    ssid?: string;
    band?: Band;
    mac?: string;
    name?: string;
}

export interface MetricMessage {
    topic: string;
    payload: number;
    metric: Metric;
}

/** Output 3: `msg.payload`, one client that joined, left or moved to another AP. */
export interface ApEvent {
    event: "joined" | "left" | "roamed";
    mac: string;
    name?: string;
    ap?: string;
    previousAp?: string;
    ssid?: string;
    signal?: number;
    time: string;
}

// ---------------------------------------------------------------------------------------------
// Reading a message back

const SIGNAL_KINDS: ReadonlySet<SignalKind> = new Set(["dBm", "snr", "none"]);
const METRIC_KINDS: ReadonlySet<Metric["kind"]> = new Set(["clients", "signal"]);

const BANDS: ReadonlySet<Band> = new Set(["2.4GHz", "5GHz", "6GHz", "60GHz"]);
const LOADS: ReadonlySet<Load> = new Set(["ok", "busy", "overloaded"]);

/** A band as ap-clients writes it ("5GHz"), or as a number of GHz ("5", "2.4 GHz"). */
export function readBand(value: unknown): Band | undefined {
    const band = oneOf(value, BANDS);
    if (band !== null) return band;
    const text = textOf(value);
    const m = text === null ? null : /^(2\.4|5|6|60)\s*(?:GHz)?$/i.exec(text.trim());
    return m ? (`${m[1]}GHz` as Band) : undefined;
}

/**
 * Sets an optional field when the message had a value for it, so that a field the message
 * lacked stays absent (as ap-clients leaves it out), not present as undefined.
 */
function set<T, K extends keyof T>(to: T, key: K, value: T[K] | null | undefined): void {
    if (value !== null && value !== undefined) to[key] = value;
}

function readRadio(r: JsonRecord): RadioInfo {
    const radio: RadioInfo = { id: textOf(r.id) ?? "" };
    set(radio, "band", readBand(r.band));
    set(radio, "channel", finiteNumber(r.channel));
    set(radio, "clients", finiteNumber(r.clients));
    set(radio, "noise", finiteNumber(r.noise));
    set(radio, "utilisation", finiteNumber(r.utilisation));
    set(radio, "signal", readSignal(r.signal));
    set(radio, "load", oneOf(r.load, LOADS));
    return radio;
}

/** SSID counts without a name or a number say nothing and are left out. */
function readSsids(value: unknown): SsidCount[] {
    const out: SsidCount[] = [];
    for (const s of records(value)) {
        const ssid = textOf(s.ssid);
        const clients = finiteNumber(s.clients);
        if (ssid !== null && clients !== null) out.push({ ssid, clients });
    }
    return out;
}

/** The numbers of an AP's `signal`; undefined when it has none. */
function readSignal(value: unknown): ApSignal | undefined {
    if (!isRecord(value)) return undefined;
    const signal: ApSignal = {};
    set(signal, "median", finiteNumber(value.median));
    set(signal, "min", finiteNumber(value.min));
    set(signal, "weak", finiteNumber(value.weak));
    return Object.keys(signal).length > 0 ? signal : undefined;
}

function readAp(r: JsonRecord): ApInfo {
    const ap: ApInfo = {
        id: textOf(r.id) ?? "",
        name: textOf(r.name) ?? "",
        radios: records(r.radios).map(readRadio),
        ssids: readSsids(r.ssids),
    };
    set(ap, "mac", textOf(r.mac));
    set(ap, "ip", textOf(r.ip));
    set(ap, "clients", finiteNumber(r.clients));
    set(ap, "signal", readSignal(r.signal));
    set(ap, "load", oneOf(r.load, LOADS));
    return ap;
}

function readClient(r: JsonRecord): ClientInfo {
    const client: ClientInfo = { mac: textOf(r.mac) ?? "" };
    set(client, "ap", textOf(r.ap));
    set(client, "ssid", textOf(r.ssid));
    set(client, "band", readBand(r.band));
    set(client, "signal", finiteNumber(r.signal));
    set(client, "snr", finiteNumber(r.snr));
    set(client, "noise", finiteNumber(r.noise));
    set(client, "txRate", finiteNumber(r.txRate));
    set(client, "rxRate", finiteNumber(r.rxRate));
    set(client, "uptime", finiteNumber(r.uptime));
    set(client, "ip", textOf(r.ip));
    set(client, "name", textOf(r.name));
    set(client, "hostname", textOf(r.hostname));
    set(client, "vendor", textOf(r.vendor));
    if (r.randomMac === true) client.randomMac = true;
    return client;
}

function readReading(p: JsonRecord, head: DeviceHead): ApReading {
    const aps = records(p.aps).map(readAp);
    const clients = records(p.clients).map(readClient);
    const totals = isRecord(p.totals) ? p.totals : {};
    const caps = isRecord(p.capabilities) ? p.capabilities : {};
    const reading: ApReading = {
        device: head.device,
        host: head.host,
        reachable: true,
        profile: textOf(p.profile) ?? "",
        time: head.time,
        totals: { clients: finiteNumber(totals.clients), aps: finiteNumber(totals.aps) ?? aps.length },
        aps,
        ssids: readSsids(p.ssids),
        clients,
        capabilities: {
            // Trust the capability when given; otherwise a non-empty client list says enough.
            perClient: typeof caps.perClient === "boolean" ? caps.perClient : clients.length > 0,
            signal: oneOf(caps.signal, SIGNAL_KINDS) ?? "none",
        },
    };
    set(reading, "model", textOf(p.model));
    if (Array.isArray(p.quirks)) reading.quirks = texts(p.quirks);
    return reading;
}

/** A payload is an ap-clients reading when it has an AP list (possibly empty). */
export function isApReading(p: JsonRecord): boolean {
    return Array.isArray(p.aps);
}

/**
 * Output 1 of ap-clients, read back: a reading, a failed poll, or the problem with it. APs and
 * clients that are not objects are left out; every other row is kept, in order, even without an
 * id or MAC (then ""), so a consumer decides what it can file.
 */
export function readApPayload(value: unknown): DeviceRead<ApReading> {
    return readDevice(value, { lists: "aps", has: isApReading, read: readReading });
}

/** Output 2's `msg.metric` of ap-clients, read back (the number is `msg.payload`). */
export function readApMetric(value: unknown): MetricRead<Metric> {
    return readMetric(value, METRIC_KINDS, (m, head) => {
        const metric: Metric = { ...head };
        set(metric, "ap", textOf(m.ap));
        set(metric, "apId", textOf(m.apId));
        set(metric, "ssid", textOf(m.ssid));
        set(metric, "band", readBand(m.band));
        set(metric, "mac", textOf(m.mac));
        set(metric, "name", textOf(m.name));
        return metric;
    });
}

// ---------------------------------------------------------------------------------------------
// Keys: where consumers file what an ap-clients message says (`10.0.0.7/ap/<id>/clients`)

/** Clients on one AP, by the AP's stable id. */
export function apClientsKey(device: DeviceIdentity, apId: string): string {
    return `${stateKey(device)}/ap/${apId}/clients`;
}

/** Whether an AP the device listed before is still listed. */
export function apPresentKey(device: DeviceIdentity, apId: string): string {
    return `${stateKey(device)}/ap/${apId}/present`;
}

/** Clients on one SSID, summed over the device's APs. */
export function ssidClientsKey(device: DeviceIdentity, ssid: string): string {
    return `${stateKey(device)}/ssid/${ssid}/clients`;
}

/** Where every per-client key of a device starts. */
export function clientKeyPrefix(device: DeviceIdentity): string {
    return `${stateKey(device)}/client/`;
}

/** The signal of one client, by MAC. */
export function clientSignalKey(device: DeviceIdentity, mac: string): string {
    return `${clientKeyPrefix(device)}${mac}/signal`;
}
