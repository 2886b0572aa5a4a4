/**
 * The messages of printer-supplies, owned in one place: the payload types (output 1, a reading
 * or a failed poll; output 2, one number per supply or tray), the one reader that turns a
 * message back into them, and the keys consumers file them under. threshold-alert,
 * supply-forecast and the dashboard widgets read printer messages only through here.
 *
 * The reader is defensive: a message may come from anywhere (a Change node, MQTT, a replayed
 * file). It checks every field it returns, gives a field of the wrong type its "not known" value
 * (null, "", "unknown", an empty list), keeps texts as given (consumers clean them for their
 * medium) and answers "not a printer message" with a problem, never a throw.
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

export type { UnreachablePayload } from "../contract";

// ---------------------------------------------------------------------------------------------
// Types: what one poll of a printer yields (the contract in the node's help)

export type PrinterStatus = "idle" | "printing" | "warmup" | "down" | "other" | "unknown";

/**
 * `low`/`empty` for what is consumed, `almostFull`/`full` for receptacles (waste boxes);
 * `someRemaining` (-3), `unknown` (-2) and `unlimited` (-1) are the Printer-MIB's special levels.
 */
export type SupplyState =
    "ok" | "low" | "empty" | "someRemaining" | "unknown" | "unlimited" | "full" | "almostFull";

export type TrayState = "ok" | "low" | "empty" | "someRemaining" | "unknown" | "unlimited";
export type OutputState = "ok" | "nearFull" | "full" | "unknown";

/**
 * What supply-forecast adds to a supply or tray row of the message it passes on (the parts that
 * other consumers read back): days until empty, or why there is no number.
 */
export interface RowForecast {
    daysLeft: number | null;
    reason?: string;
}

export interface Supply {
    /** hrDeviceIndex.prtMarkerSuppliesIndex, e.g. "1.3": the stable key. */
    id: string;
    name: string;
    /** IANA PrtMarkerSuppliesTypeTC name: toner, ink, wasteToner, opc, fuser, ... */
    type: string;
    color: string | null;
    class: "consumed" | "receptacle";
    unit: string | null;
    /** Raw prtMarkerSuppliesLevel (may be -1, -2, -3). */
    level: number | null;
    /** Raw prtMarkerSuppliesMaxCapacity (may be -1, -2). */
    max: number | null;
    /** level as a share of max: supply left, or for a receptacle the space left (RFC 3805). */
    percent: number | null;
    state: SupplyState;
    /** Added downstream by supply-forecast. */
    forecast?: RowForecast;
}

export interface Tray {
    /** hrDeviceIndex.prtInputIndex */
    id: string;
    name: string;
    media: string | null;
    unit: string | null;
    level: number | null;
    max: number | null;
    percent: number | null;
    state: TrayState;
    /** A manual feed (bypass, multi-purpose tray): empty is its normal state. */
    manual: boolean;
    /** Added downstream by supply-forecast. */
    forecast?: RowForecast;
}

export interface OutputBin {
    /** hrDeviceIndex.prtOutputIndex */
    id: string;
    name: string;
    remaining: number | null;
    max: number | null;
    state: OutputState;
}

export interface PrinterAlert {
    severity: "critical" | "warning" | "other";
    /** PrtAlertGroupTC name: the kind of sub-unit ("input", "markerSupplies", ...). */
    group: string;
    /** The row of that sub-unit's table, when the alert names one. */
    groupIndex: number | null;
    /** PrtAlertCodeTC name, or the number as text for codes the MIB does not list. */
    code: string;
    text: string;
}

/**
 * Page counters (issue 18): `total`, `mono` and `colour` where the printer gives them, and the
 * vendor's other counters (duplex, copy, print, scan, fax) under their own names.
 */
export interface PageCounts {
    total?: number;
    mono?: number;
    colour?: number;
    [counter: string]: number | undefined;
}

export interface PrinterReading {
    model: string | null;
    serial: string | null;
    /** The maker, where known (issue 18). */
    vendor?: string;
    /** Firmware version, where given (issue 18). */
    firmware?: string;
    /** Page counters, where given (issue 18); `pageCount` stays the Printer-MIB total. */
    pages?: PageCounts;
    name: string | null;
    location: string | null;
    /** Seconds since the agent started (sysUpTime). */
    uptime: number | null;
    /** ISO 8601 time of the reading. */
    time: string;
    status: PrinterStatus;
    errors: string[];
    alerts: PrinterAlert[];
    supplies: Supply[];
    trays: Tray[];
    outputs: OutputBin[];
    pageCount: number | null;
    quirks: string[];
}

/** Output 1 for a printer that answered. */
export interface PrinterPayload extends PrinterReading {
    device: string;
    host: string;
    reachable: true;
}

/** Output 2: `msg.metric`, what the number in `msg.payload` (a percentage) is. */
export interface Metric {
    device: string;
    host: string;
    kind: "supply" | "tray";
    id: string;
    name: string;
    type: string;
    color: string | null;
    state: string;
    unit: "%";
}

// ---------------------------------------------------------------------------------------------
// Reading a message back

const STATUSES: ReadonlySet<PrinterStatus> = new Set([
    "idle",
    "printing",
    "warmup",
    "down",
    "other",
    "unknown",
]);
const TRAY_STATE_WORDS: readonly TrayState[] = [
    "ok",
    "low",
    "empty",
    "someRemaining",
    "unknown",
    "unlimited",
];
const TRAY_STATES: ReadonlySet<TrayState> = new Set(TRAY_STATE_WORDS);
/** A supply has the tray's words, and a receptacle's (waste box) two more. */
const SUPPLY_STATES: ReadonlySet<SupplyState> = new Set([...TRAY_STATE_WORDS, "full", "almostFull"]);
const OUTPUT_STATES: ReadonlySet<OutputState> = new Set(["ok", "nearFull", "full", "unknown"]);
const METRIC_KINDS: ReadonlySet<Metric["kind"]> = new Set(["supply", "tray"]);

/**
 * A waste box is a receptacle: its percent is the space left (RFC 3805). A message without the
 * class (or with a word that is not one) is judged by the type, as waste* types are receptacles.
 */
function supplyClass(value: unknown, type: string): Supply["class"] {
    if (value === "receptacle" || value === "consumed") return value;
    return /^waste/i.test(type) ? "receptacle" : "consumed";
}

function readForecast(value: unknown): RowForecast | undefined {
    if (!isRecord(value)) return undefined;
    const reason = textOf(value.reason);
    return reason === null
        ? { daysLeft: finiteNumber(value.daysLeft) }
        : { daysLeft: finiteNumber(value.daysLeft), reason };
}

function withForecast<T extends object>(row: T, source: JsonRecord): T & { forecast?: RowForecast } {
    const forecast = readForecast(source.forecast);
    return forecast === undefined ? row : { ...row, forecast };
}

function readSupply(r: JsonRecord): Supply {
    const type = textOf(r.type) ?? "";
    const supply: Supply = {
        id: textOf(r.id) ?? "",
        name: textOf(r.name) ?? "",
        type,
        color: textOf(r.color),
        class: supplyClass(r.class, type),
        unit: textOf(r.unit),
        level: finiteNumber(r.level),
        max: finiteNumber(r.max),
        percent: finiteNumber(r.percent),
        state: oneOf(r.state, SUPPLY_STATES) ?? "unknown",
    };
    return withForecast(supply, r);
}

function readTray(r: JsonRecord): Tray {
    const tray: Tray = {
        id: textOf(r.id) ?? "",
        name: textOf(r.name) ?? "",
        media: textOf(r.media),
        unit: textOf(r.unit),
        level: finiteNumber(r.level),
        max: finiteNumber(r.max),
        percent: finiteNumber(r.percent),
        state: oneOf(r.state, TRAY_STATES) ?? "unknown",
        manual: r.manual === true,
    };
    return withForecast(tray, r);
}

function readOutput(r: JsonRecord): OutputBin {
    return {
        id: textOf(r.id) ?? "",
        name: textOf(r.name) ?? "",
        remaining: finiteNumber(r.remaining),
        max: finiteNumber(r.max),
        state: oneOf(r.state, OUTPUT_STATES) ?? "unknown",
    };
}

/** PrtAlertSeverityLevelTC: warningBinaryChangeEvent is a warning too. */
function alertSeverity(value: unknown): PrinterAlert["severity"] {
    if (value === "critical") return "critical";
    return typeof value === "string" && value.startsWith("warning") ? "warning" : "other";
}

function readAlert(r: JsonRecord): PrinterAlert {
    return {
        severity: alertSeverity(r.severity),
        group: textOf(r.group) ?? "",
        groupIndex: finiteNumber(r.groupIndex),
        code: textOf(r.code) ?? "",
        text: textOf(r.text) ?? "",
    };
}

function readReading(p: JsonRecord, head: DeviceHead): PrinterPayload {
    return {
        device: head.device,
        host: head.host,
        reachable: true,
        model: textOf(p.model),
        serial: textOf(p.serial),
        name: textOf(p.name),
        location: textOf(p.location),
        uptime: finiteNumber(p.uptime),
        time: head.time,
        status: oneOf(p.status, STATUSES) ?? "unknown",
        errors: texts(p.errors),
        alerts: records(p.alerts).map(readAlert),
        supplies: records(p.supplies).map(readSupply),
        trays: records(p.trays).map(readTray),
        outputs: records(p.outputs).map(readOutput),
        pageCount: finiteNumber(p.pageCount),
        quirks: texts(p.quirks),
    };
}

/** The counters of `pages` that are numbers; undefined when there is none. */
function readPages(value: unknown): PageCounts | undefined {
    if (!isRecord(value)) return undefined;
    const pages: PageCounts = {};
    for (const [name, count] of Object.entries(value)) {
        const n = finiteNumber(count);
        if (n !== null) pages[name] = n;
    }
    return Object.keys(pages).length > 0 ? pages : undefined;
}

/** The optional fields newer versions add (issue 18), set only when the message has them. */
function readExtras(p: JsonRecord, head: DeviceHead): PrinterPayload {
    const reading = readReading(p, head);
    const vendor = textOf(p.vendor);
    const firmware = textOf(p.firmware);
    const pages = readPages(p.pages);
    if (vendor !== null) reading.vendor = vendor;
    if (firmware !== null) reading.firmware = firmware;
    if (pages !== undefined) reading.pages = pages;
    return reading;
}

/** A payload is a printer reading when it has a supply or tray list (possibly empty). */
export function isPrinterReading(p: JsonRecord): boolean {
    return Array.isArray(p.supplies) || Array.isArray(p.trays);
}

/**
 * Output 1 of printer-supplies, read back: a reading, a failed poll, or the problem with it.
 * Rows that are not objects are left out; every other row is kept, in order, even without an id
 * (`id` is then "": a consumer that files rows by id skips it).
 */
export function readPrinterPayload(value: unknown): DeviceRead<PrinterPayload> {
    return readDevice(value, { lists: "supplies or trays", has: isPrinterReading, read: readExtras });
}

/**
 * The row objects of the message itself, index-aligned with the supplies and trays that
 * `readPrinterPayload` returns, for a consumer that annotates the message it passes on
 * (supply-forecast adds `forecast` to each row).
 */
export function printerRowObjects(value: unknown): { supplies: JsonRecord[]; trays: JsonRecord[] } {
    if (!isRecord(value)) return { supplies: [], trays: [] };
    return { supplies: records(value.supplies), trays: records(value.trays) };
}

/** Output 2's `msg.metric` of printer-supplies, read back (the number is `msg.payload`). */
export function readPrinterMetric(value: unknown): MetricRead<Metric> {
    return readMetric(value, METRIC_KINDS, (m, head) => {
        const states: ReadonlySet<string> = head.kind === "supply" ? SUPPLY_STATES : TRAY_STATES;
        return {
            ...head,
            id: textOf(m.id) ?? "",
            name: textOf(m.name) ?? "",
            type: textOf(m.type) ?? "",
            color: textOf(m.color),
            state: oneOf(m.state, states) ?? "unknown",
            unit: "%",
        };
    });
}

// ---------------------------------------------------------------------------------------------
// Keys: where consumers file what a printer message says (alert keys, `10.0.0.5/supply/1.1`)

export function supplyKey(device: DeviceIdentity, id: string): string {
    return `${stateKey(device)}/supply/${id}`;
}

export function trayKey(device: DeviceIdentity, id: string): string {
    return `${stateKey(device)}/tray/${id}`;
}

export function outputKey(device: DeviceIdentity, id: string): string {
    return `${stateKey(device)}/output/${id}`;
}

/** A printer-wide hrPrinterDetectedErrorState bit, by name (`jammed`). */
export function errorKey(device: DeviceIdentity, name: string): string {
    return `${stateKey(device)}/error/${name}`;
}

/** The days-until-empty of a supply or tray, beside its level's key. */
export function daysKey(rowKey: string): string {
    return `${rowKey}/days`;
}
