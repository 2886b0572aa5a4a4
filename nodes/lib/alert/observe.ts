/**
 * Turns one input message into readings: one per key the message says something about, with the
 * rule that applies to it. Understands the device messages of printer-supplies and ap-clients
 * (output 1), their metric messages (output 2), and any numeric `msg.payload` with a `msg.topic`.
 *
 * Messages are read, and keys built, through the producers' contracts (printer/contract.ts,
 * ap/contract.ts): keys come from the polled host (never the display name, which a user may
 * rename) and the device's own stable ids: `10.0.0.5/supply/1.1`, `10.0.0.5/error/jammed`, `10.0.0.5/reachable`,
 * `<host>/ap/<ap id>/clients`, `<host>/ap/<ap id>/present`, `<host>/client/<mac>/signal`,
 * `<host>/ssid/<ssid>/clients`; a generic number uses its `msg.topic`.
 */
import {
    apClientsKey,
    apLoadKey,
    apUtilisationKey,
    clientKeyPrefix,
    clientSignalKey,
    isApReading,
    readApMetric,
    readApPayload,
    ssidClientsKey,
    type ApReading,
    type Metric as ApMetric,
} from "../ap/contract";
import {
    metricKind,
    reachableKey,
    readDevice,
    type DeviceIdentity,
    type UnreachablePayload,
} from "../contract";
import { lookup, numeric, type JsonRecord } from "../json";
import {
    daysKey,
    errorKey,
    isPrinterReading,
    outputKey,
    readPrinterMetric,
    readPrinterPayload,
    supplyKey,
    trayKey,
    type Metric as PrinterMetric,
    type PrinterPayload,
    type RowForecast,
} from "../printer/contract";
import { cleanText, errorItem, supplyLabel } from "./format";
import { ERROR_NAMES, verdictOf, type ErrorName, type Levels, type Rules } from "./rules";
import type {
    Limits,
    Observation,
    Reading,
    Setting,
    Severity,
    StateSetting,
    Subject,
    SupplyGroup,
} from "./types";

export type Input =
    | { kind: "reset"; topic: string | null }
    | { kind: "observation"; observation: Observation; now: number }
    | { kind: "error"; code: "unreadable" | "noGeneric" };

/** A percentage the rules can use; anything else (null, negative, over 100) means "use the state". */
function percentOf(value: number | null): number | null {
    return value !== null && value >= 0 && value <= 100 ? value : null;
}

/** The last part of a dotted table index ("1.2" → "2"), for labels like "tray 2". */
function shortId(id: string): string {
    return id.split(".").pop() ?? id;
}

/** Supply types that wear out rather than run empty (IANA PrtMarkerSuppliesTypeTC). */
const DRUM_TYPES = new Set([
    "opc",
    "fuser",
    "fuserOil",
    "fuserOilWick",
    "fuserCleaningPad",
    "fuserOiler",
    "transferUnit",
    "cleanerUnit",
    "coronaWire",
]);

/**
 * Which levels a supply uses. Receptacles (class, or a waste* type when the class column is
 * missing) count remaining space; other consumables use the toner/ink levels.
 */
function supplyGroup(type: string, cls: "consumed" | "receptacle" | undefined): SupplyGroup {
    if (cls === "receptacle" || type.startsWith("waste")) return "waste";
    return DRUM_TYPES.has(type) ? "drum" : "toner";
}

/** A supply level that is a state, not a number: what the printer's own word means. */
const SUPPLY_STATES: Record<string, Severity> = {
    low: "warning",
    almostFull: "warning",
    empty: "critical",
    full: "critical",
};

/**
 * Reads one message. `arrival` is the time the message arrived; a device reading's own
 * `payload.time` is preferred so replays and tests are deterministic.
 */
export function readInput(msg: JsonRecord, rules: Rules, arrival: number): Input {
    if (Object.prototype.hasOwnProperty.call(msg, "reset")) {
        return { kind: "reset", topic: typeof msg.topic === "string" && msg.topic !== "" ? msg.topic : null };
    }
    const payload = msg.payload;
    if (metricKind(msg.metric) !== null) {
        const value = numeric(payload);
        if (value === null) return { kind: "error", code: "unreadable" };
        const observation = fromMetric(msg.metric, value, rules);
        if (observation) return { kind: "observation", observation, now: arrival };
        // A number with no rule of its own (clients per band, a future metric kind) uses the
        // generic rule when one is set; otherwise it is simply not alerting, every poll, quietly.
        if (!genericOn(rules)) return { kind: "observation", observation: { readings: [] }, now: arrival };
    } else {
        const device = readDeviceMessage(payload);
        if (device !== null) {
            const time = Date.parse(device.time);
            return {
                kind: "observation",
                observation: fromDevice(device, msg.topic, rules),
                now: Number.isFinite(time) ? time : arrival,
            };
        }
    }
    const value = numeric(payload);
    if (value === null || typeof msg.topic !== "string" || msg.topic === "") {
        return { kind: "error", code: "unreadable" };
    }
    if (!genericOn(rules)) return { kind: "error", code: "noGeneric" };
    const { generic } = rules;
    const subject: Subject = {
        kind: "generic",
        device: "",
        host: "",
        item: cleanText(msg.topic),
        variant: generic.dir,
    };
    const limits: Limits = {
        dir: generic.dir,
        warning: generic.warning,
        critical: generic.critical,
        margin: generic.margin,
    };
    return {
        kind: "observation",
        observation: {
            readings: [{ key: msg.topic, subject, value, unit: "", limits, debounce: rules.debounce }],
        },
        now: arrival,
    };
}

/** Output 1 of either query node, read through their contracts. */
interface DeviceMessage {
    identity: DeviceIdentity;
    device: string;
    /** ISO 8601, or "" when the message has none. */
    time: string;
    unreachable?: UnreachablePayload;
    printer?: PrinterPayload;
    wifi?: ApReading;
}

/**
 * A device message: a failed poll, or a reading of a printer, of a Wi-Fi device, or (built by
 * hand) of both; a bare `{host, reachable: true}` still says the device answers.
 */
function readDeviceMessage(payload: unknown): DeviceMessage | null {
    const head = readDevice(payload, {
        lists: "supplies, trays or aps",
        has: (p) => typeof p.reachable === "boolean" || isPrinterReading(p) || isApReading(p),
        read: (_p, h) => ({ ...h, reachable: true as const }),
    });
    if (!head.ok) return null;
    const { identity, payload: h } = head;
    if (h.reachable === false) return { identity, device: h.device, time: h.time, unreachable: h };
    const out: DeviceMessage = { identity, device: h.device, time: h.time };
    const printer = readPrinterPayload(payload);
    if (printer.ok && printer.payload.reachable) out.printer = printer.payload;
    const wifi = readApPayload(payload);
    if (wifi.ok && wifi.payload.reachable) out.wifi = wifi.payload;
    return out;
}

function genericOn(rules: Rules): boolean {
    return rules.generic.warning !== null || rules.generic.critical !== null;
}

/** The device a reading is about: its key identity (host cleaned) and its names for subjects. */
interface About {
    at: DeviceIdentity;
    base: { device: string; host: string; port?: number };
}

function aboutDevice(identity: DeviceIdentity, device: string): About {
    const host = cleanText(identity.host, 253);
    const at: DeviceIdentity = { ...identity, host };
    const base: About["base"] = { device: device || host, host };
    if (identity.port !== undefined) base.port = identity.port;
    return { at, base };
}

function fromDevice(message: DeviceMessage, topic: unknown, rules: Rules): Observation {
    const about = aboutDevice(message.identity, cleanText(message.device) || cleanText(topic));
    const readings: Reading[] = [];
    const reachable: Subject = { kind: "reachable", ...about.base, item: "device" };
    if (message.unreachable) {
        const code = cleanText(message.unreachable.error.code, 40);
        readings.push({
            key: reachableKey(about.at),
            subject: reachable,
            value: code || null,
            unit: "",
            verdict: verdictOf(rules.unreachable),
            debounce: rules.unreachablePolls,
        });
        // Nothing else is known while the device does not answer: every other key stays as it was.
        return { about: about.at, readings };
    }
    readings.push({
        key: reachableKey(about.at),
        subject: reachable,
        value: null,
        unit: "",
        verdict: "ok",
        debounce: 1,
    });
    const observation: Observation = { about: about.at, readings };
    if (message.printer) printer(message.printer, about, rules, readings);
    if (message.wifi) wifi(message.wifi, about, rules, observation);
    return observation;
}

function printer(p: PrinterPayload, about: About, rules: Rules, readings: Reading[]): void {
    const { at, base } = about;
    // What the supplies and trays already say, so the printer-wide error bits do not repeat it.
    let tonerLow = false;
    let tonerOut = false;
    for (const s of p.supplies) {
        const id = cleanText(s.id, 64);
        if (!id) continue;
        const group = supplyGroup(s.type, s.class);
        const reading = supplyReading(supplyKey(at, id), base, s, id, group, rules);
        readings.push(reading);
        const days = forecastReading(daysKey(reading.key), reading.subject, s.forecast, rules);
        if (days) readings.push(days);
        if (group === "toner") {
            const levels = rules.supplies.toner;
            const pct = typeof reading.value === "number" ? reading.value : null;
            const out =
                reading.value === "empty" ||
                pct === 0 ||
                (pct !== null && levels.critical !== null && pct <= levels.critical);
            tonerOut ||= out;
            tonerLow ||=
                out ||
                reading.value === "low" ||
                (pct !== null && levels.warning !== null && pct <= levels.warning);
        }
    }

    let trayLow = false;
    let trayEmpty = false;
    for (const t of p.trays) {
        const id = cleanText(t.id, 64);
        if (!id) continue;
        const reading = trayReading(trayKey(at, id), base, t, id, rules);
        readings.push(reading);
        const days = forecastReading(daysKey(reading.key), reading.subject, t.forecast, rules);
        if (days) readings.push(days);
        const pct = typeof reading.value === "number" ? reading.value : null;
        // An empty bypass tray is no reason to print nothing: it does not stand for noPaper.
        const empty = !t.manual && (reading.value === "empty" || pct === 0);
        trayEmpty ||= empty;
        trayLow ||=
            empty ||
            reading.value === "low" ||
            (pct !== null && rules.trayLow !== null && pct <= rules.trayLow);
    }

    let binFull = false;
    let binNearFull = false;
    for (const o of p.outputs) {
        const id = cleanText(o.id, 64);
        if (!id) continue;
        const state = o.state;
        binFull ||= state === "full";
        binNearFull ||= state === "full" || state === "nearFull";
        const setting =
            state === "full"
                ? rules.errors.outputFull
                : state === "nearFull"
                  ? rules.errors.outputNearFull
                  : "off";
        readings.push({
            key: outputKey(at, id),
            subject: { kind: "output", ...base, item: cleanText(o.name) || `output bin ${shortId(id)}` },
            value: state,
            unit: "",
            verdict: verdictOf(setting),
            debounce: rules.debounce,
        });
    }

    const bits = new Set(p.errors);
    const covered: Partial<Record<ErrorName, boolean>> = {
        noToner: tonerOut,
        lowToner: tonerLow,
        lowPaper: trayLow,
        outputFull: binFull,
        outputNearFull: binNearFull,
    };
    for (const name of ERROR_NAMES) {
        readings.push(
            errorReading(about, name, bits.has(name) && !covered[name], rules.errors[name], rules.debounce),
        );
    }
    // RFC 2790 noPaper and inputTrayEmpty say the same to a user; a tray that is itself empty
    // already alerts, so this printer-wide key only speaks when no tray can be blamed.
    const outOfPaper = (bits.has("noPaper") || bits.has("inputTrayEmpty")) && !trayEmpty;
    readings.push(errorReading(about, "noPaper", outOfPaper, rules.trayEmpty, rules.debounce));
}

/** Margin in days a forecast must recover by before its alert clears. */
const DAYS_MARGIN = 2;

/**
 * Days until a supply (or tray) runs out, when supply-forecast added them. No forecast, or one
 * without an honest answer yet ("insufficient data", "level not numeric"), says nothing: the key
 * keeps its level. "No consumption" means it will not run out: that is ok.
 */
function forecastReading(
    key: string,
    about: Subject,
    forecast: RowForecast | undefined,
    rules: Rules,
): Reading | null {
    if (!forecast || (rules.days.warning === null && rules.days.critical === null)) return null;
    const subject: Subject = {
        ...about,
        kind: "forecast",
        variant: about.kind === "tray" ? "tray" : about.variant,
    };
    const days = forecast.daysLeft;
    if (days !== null && days >= 0) {
        return {
            key,
            subject,
            value: Math.round(days * 10) / 10,
            unit: "days",
            limits: { dir: "below", ...rules.days, margin: DAYS_MARGIN },
            debounce: rules.debounce,
        };
    }
    if (forecast.reason === "no consumption") {
        return { key, subject, value: null, unit: "days", verdict: "ok", debounce: 1 };
    }
    return null;
}

function errorReading(about: About, name: string, set: boolean, setting: Setting, debounce: number): Reading {
    return {
        key: errorKey(about.at, name),
        subject: { kind: "error", ...about.base, item: errorItem(name), variant: name },
        value: set ? name : null,
        unit: "",
        verdict: set ? verdictOf(setting) : "ok",
        debounce,
    };
}

/** What a supply's level is read from: a supply of output 1, or a supply metric of output 2. */
interface SupplyLevel {
    name: string;
    type: string;
    color: string | null;
    percent: number | null;
    state: string;
}

/** What a tray's level is read from: a tray of output 1, or a tray metric of output 2. */
interface TrayLevel {
    name: string;
    media: string | null;
    percent: number | null;
    state: string;
    manual: boolean;
}

function supplyReading(
    key: string,
    base: { device: string; host: string },
    s: SupplyLevel,
    id: string,
    group: SupplyGroup,
    rules: Rules,
): Reading {
    const name = cleanText(s.name);
    const { item, part } = supplyLabel(s.type, s.color, name, id, group === "waste");
    const subject: Subject = {
        kind: "supply",
        ...base,
        item,
        variant: group,
        part,
        ...(name ? { detail: name } : {}),
    };
    const percent = percentOf(s.percent);
    if (percent !== null) {
        return {
            key,
            subject,
            value: percent,
            unit: "%",
            limits: below(rules.supplies[group], rules.hysteresis),
            debounce: rules.debounce,
        };
    }
    const state = cleanText(s.state, 20) || "unknown";
    const reading: Reading = {
        key,
        subject,
        value: state,
        unit: "",
        verdict: "ok",
        debounce: rules.debounce,
    };
    const setting: StateSetting | undefined =
        state === "someRemaining"
            ? rules.someRemaining
            : state === "unknown"
              ? rules.unknownLevel
              : undefined;
    if (setting === "watch") reading.watch = state;
    else if (setting !== undefined) reading.verdict = verdictOf(setting);
    else reading.verdict = lookup(SUPPLY_STATES, state) ?? "ok";
    return reading;
}

function trayReading(
    key: string,
    base: { device: string; host: string },
    t: TrayLevel,
    id: string,
    rules: Rules,
): Reading {
    const media = cleanText(t.media);
    const subject: Subject = {
        kind: "tray",
        ...base,
        item: cleanText(t.name) || `tray ${shortId(id)}`,
        ...(media ? { detail: media } : {}),
    };
    const percent = percentOf(t.percent);
    if (percent !== null) {
        // An empty tray is 0 %; the low level sits above it. Each goes to the severity chosen for it.
        // A manual feed (bypass tray) is empty most of the time, in numbers as in words: no levels.
        const levels: Levels = { warning: null, critical: null };
        if (rules.trayEmpty !== "off" && !t.manual) levels[rules.trayEmpty] = 0;
        if (rules.trayLowSeverity !== "off" && rules.trayLow !== null && !t.manual) {
            levels[rules.trayLowSeverity] = Math.max(levels[rules.trayLowSeverity] ?? 0, rules.trayLow);
        }
        return {
            key,
            subject,
            value: percent,
            unit: "%",
            limits: below(levels, rules.hysteresis),
            debounce: rules.debounce,
        };
    }
    const state = cleanText(t.state, 20) || "unknown";
    // A manual feed (bypass tray) is empty most of the time: that is not an alert.
    const manual = t.manual;
    const setting =
        state === "empty" && !manual
            ? rules.trayEmpty
            : state === "low" && !manual
              ? rules.trayLowSeverity
              : "off";
    return { key, subject, value: state, unit: "", verdict: verdictOf(setting), debounce: rules.debounce };
}

function wifi(p: ApReading, about: About, rules: Rules, observation: Observation): void {
    const { readings } = observation;
    const aps = new Map<string, string>();
    for (const ap of p.aps) {
        const id = cleanText(ap.id, 64) || cleanText(ap.name, 64);
        if (!id) continue;
        const name = cleanText(ap.name) || id;
        aps.set(id, name);
        if (ap.clients !== undefined) readings.push(clientsReading(about, "ap", id, name, ap.clients, rules));
        if (ap.utilisation !== undefined)
            readings.push(utilisationReading(about, id, name, ap.utilisation, rules));
        if (ap.load !== undefined) readings.push(loadReading(about, id, name, ap.load, rules));
    }
    observation.inventory = { at: about.at, device: about.base.device, host: about.base.host, aps };
    for (const s of p.ssids) {
        const ssid = cleanText(s.ssid, 64);
        if (ssid) readings.push(clientsReading(about, "ssid", ssid, ssid, s.clients, rules));
    }
    const keep: string[] = [];
    const signalOn = rules.signal.warning !== null || rules.signal.critical !== null;
    for (const c of p.clients) {
        if (!signalOn || c.signal === undefined) continue;
        const mac = cleanText(c.mac, 40).toLowerCase();
        if (!mac) continue;
        const reading = signalReading(about, mac, cleanText(c.name), c.signal, rules);
        keep.push(reading.key);
        readings.push(reading);
    }
    // Clients that left (or whose signal is no longer reported) are forgotten without a
    // "clear": at the end of the day everybody leaves, and nobody wants fifty emails about it.
    observation.forget = [{ group: clientKeyPrefix(about.at), keep }];
}

/** Clients on one AP (by AP id) or on one SSID (by name, summed over the APs). */
function clientsReading(
    about: About,
    scope: "ap" | "ssid",
    id: string,
    name: string,
    clients: number,
    rules: Rules,
): Reading {
    return {
        key: scope === "ap" ? apClientsKey(about.at, id) : ssidClientsKey(about.at, id),
        subject: {
            kind: "clients",
            ...about.base,
            item: `${scope === "ap" ? "AP" : "SSID"} ${name}`,
            variant: scope,
            id,
        },
        value: clients,
        unit: "clients",
        limits: above(scope === "ap" ? rules.apClients : rules.ssidClients, rules.hysteresis),
        debounce: rules.debounce,
    };
}

/** An AP's busiest channel utilisation, %: a number with warning and critical levels above. */
function utilisationReading(about: About, id: string, name: string, value: number, rules: Rules): Reading {
    return {
        key: apUtilisationKey(about.at, id),
        subject: { kind: "utilisation", ...about.base, item: `AP ${name}`, id },
        value,
        unit: "%",
        // At or above (a count alerts when more than its level; a percentage when it reaches it).
        limits: { dir: "above", ...rules.utilisation, margin: rules.hysteresis },
        debounce: rules.debounce,
    };
}

/** An AP's load verdict: busy and overloaded each at the severity the user gave it. */
function loadReading(about: About, id: string, name: string, load: string, rules: Rules): Reading {
    const setting = load === "overloaded" ? rules.load.overloaded : load === "busy" ? rules.load.busy : "off";
    return {
        key: apLoadKey(about.at, id),
        subject: { kind: "load", ...about.base, item: `AP ${name}`, id },
        value: load,
        unit: "",
        verdict: verdictOf(setting),
        debounce: rules.debounce,
    };
}

function signalReading(about: About, mac: string, name: string, signal: number, rules: Rules): Reading {
    return {
        key: clientSignalKey(about.at, mac),
        subject: { kind: "signal", ...about.base, item: name || mac, ...(name ? { detail: mac } : {}) },
        value: signal,
        unit: "dBm",
        limits: below(rules.signal, rules.hysteresis),
        debounce: rules.debounce,
        group: clientKeyPrefix(about.at),
    };
}

/** Output 2 of either query node: one number about a supply, a tray, an AP, an SSID or a client. */
function fromMetric(metric: unknown, value: number, rules: Rules): Observation | null {
    const printerMetric = readPrinterMetric(metric);
    if (printerMetric.ok)
        return fromPrinterMetric(printerMetric.metric, printerMetric.identity, value, rules);
    const apMetric = readApMetric(metric);
    if (apMetric.ok) return fromApMetric(apMetric.metric, apMetric.identity, value, rules);
    // Another kind of number (clients per band, a future metric): the generic rule, by topic.
    return null;
}

function metricAbout(m: { device: string }, identity: DeviceIdentity): About | null {
    const about = aboutDevice(identity, cleanText(m.device));
    return about.at.host ? about : null;
}

function fromPrinterMetric(
    m: PrinterMetric,
    identity: DeviceIdentity,
    value: number,
    rules: Rules,
): Observation | null {
    const about = metricAbout(m, identity);
    const id = cleanText(m.id, 64);
    if (!about || !id) return null;
    if (m.kind === "tray") {
        const tray: TrayLevel = { name: m.name, media: null, percent: value, state: m.state, manual: false };
        return {
            about: about.at,
            readings: [trayReading(trayKey(about.at, id), about.base, tray, id, rules)],
        };
    }
    // A metric has no class: a receptacle is known by its type only.
    const group = supplyGroup(m.type, undefined);
    const supply: SupplyLevel = { ...m, percent: value };
    return {
        about: about.at,
        readings: [supplyReading(supplyKey(about.at, id), about.base, supply, id, group, rules)],
    };
}

function fromApMetric(
    m: ApMetric,
    identity: DeviceIdentity,
    value: number,
    rules: Rules,
): Observation | null {
    const about = metricAbout(m, identity);
    if (!about) return null;
    const ap = cleanText(m.ap, 64);
    // Output 1 keys an AP by its id; a metric that carries the id lands on the same key.
    const apId = cleanText(m.apId, 64) || ap;
    if (m.kind === "signal") {
        const mac = cleanText(m.mac, 40).toLowerCase();
        // An AP's median signal (no MAC) has no rule of its own: the generic rule, by topic.
        if (!mac) return null;
        return { about: about.at, readings: [signalReading(about, mac, cleanText(m.name), value, rules)] };
    }
    if (m.kind === "utilisation") {
        return ap ? { about: about.at, readings: [utilisationReading(about, apId, ap, value, rules)] } : null;
    }
    // Weak clients per AP: no rule of its own (the load verdict counts them); the generic rule.
    if (m.kind !== "clients") return null;
    const ssid = cleanText(m.ssid, 64);
    if (ap) return { about: about.at, readings: [clientsReading(about, "ap", apId, ap, value, rules)] };
    if (ssid) return { about: about.at, readings: [clientsReading(about, "ssid", ssid, ssid, value, rules)] };
    return null;
}

function below(levels: Levels, margin: number): Limits {
    return { dir: "below", warning: levels.warning, critical: levels.critical, margin };
}

function above(levels: Levels, margin: number): Limits {
    return { dir: "above", warning: levels.warning, critical: levels.critical, margin, strict: true };
}
