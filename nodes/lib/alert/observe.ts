/**
 * Turns one input message into readings: one per key the message says something about, with the
 * rule that applies to it. Understands the device messages of printer-supplies and ap-clients
 * (output 1), their metric messages (output 2), and any numeric `msg.payload` with a `msg.topic`.
 *
 * Keys are built from the polled host (never the display name, which a user may rename) and the
 * device's own stable ids: `10.0.0.5/supply/1.1`, `10.0.0.5/error/jammed`, `10.0.0.5/reachable`,
 * `<host>/ap/<ap id>/clients`, `<host>/ap/<ap id>/present`, `<host>/client/<mac>/signal`,
 * `<host>/ssid/<ssid>/clients`; a generic number uses its `msg.topic`.
 */
import { cleanText, errorItem, supplyLabel } from "./format";
import { ERROR_NAMES, type ErrorName, type Levels, type Rules } from "./rules";
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

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function records(value: unknown): Json[] {
    return Array.isArray(value) ? value.filter(isRecord) : [];
}

function finite(value: unknown): number | null {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string" && value.trim() !== "") {
        const n = Number(value);
        return Number.isFinite(n) ? n : null;
    }
    return null;
}

/** A percentage the rules can use; anything else (null, negative, NaN) means "use the state". */
function percentOf(value: unknown): number | null {
    const n = finite(value);
    return n !== null && n >= 0 && n <= 100 ? n : null;
}

function idText(value: unknown): string {
    return typeof value === "string" || typeof value === "number" ? cleanText(value, 64) : "";
}

/** The last part of a dotted table index ("1.2" → "2"), for labels like "tray 2". */
function shortId(id: string): string {
    return id.split(".").pop() ?? id;
}

function verdictOf(setting: Setting): Severity {
    return setting === "off" ? "ok" : setting;
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
function supplyGroup(type: string, cls: unknown): SupplyGroup {
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
export function readInput(msg: Json, rules: Rules, arrival: number): Input {
    if (Object.prototype.hasOwnProperty.call(msg, "reset")) {
        return { kind: "reset", topic: typeof msg.topic === "string" && msg.topic !== "" ? msg.topic : null };
    }
    const payload = msg.payload;
    if (isRecord(msg.metric) && typeof msg.metric.kind === "string") {
        const value = finite(payload);
        if (value === null) return { kind: "error", code: "unreadable" };
        const observation = fromMetric(msg.metric, value, rules);
        if (observation) return { kind: "observation", observation, now: arrival };
        // A number with no rule of its own (clients per band, a future metric kind) uses the
        // generic rule when one is set; otherwise it is simply not alerting, every poll, quietly.
        if (!genericOn(rules)) return { kind: "observation", observation: { readings: [] }, now: arrival };
    } else if (
        isRecord(payload) &&
        typeof payload.host === "string" &&
        typeof payload.reachable === "boolean"
    ) {
        const time = typeof payload.time === "string" ? Date.parse(payload.time) : NaN;
        return {
            kind: "observation",
            observation: fromDevice(payload, msg.topic, rules),
            now: Number.isFinite(time) ? time : arrival,
        };
    }
    const value = finite(payload);
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

function genericOn(rules: Rules): boolean {
    return rules.generic.warning !== null || rules.generic.critical !== null;
}

function fromDevice(p: Json, topic: unknown, rules: Rules): Observation {
    const host = cleanText(p.host, 253);
    const device = cleanText(p.device) || cleanText(topic) || host;
    const readings: Reading[] = [];
    const reachable: Subject = { kind: "reachable", device, host, item: "device" };
    if (!p.reachable) {
        const code = isRecord(p.error) ? cleanText(p.error.code, 40) : "";
        readings.push({
            key: `${host}/reachable`,
            subject: reachable,
            value: code || null,
            unit: "",
            verdict: verdictOf(rules.unreachable),
            debounce: rules.unreachablePolls,
        });
        // Nothing else is known while the device does not answer: every other key stays as it was.
        return { readings };
    }
    readings.push({
        key: `${host}/reachable`,
        subject: reachable,
        value: null,
        unit: "",
        verdict: "ok",
        debounce: 1,
    });
    const observation: Observation = { readings };
    printer(p, device, host, rules, readings);
    wifi(p, device, host, rules, observation);
    return observation;
}

function printer(p: Json, device: string, host: string, rules: Rules, readings: Reading[]): void {
    const base = { device, host };
    // What the supplies and trays already say, so the printer-wide error bits do not repeat it.
    let tonerLow = false;
    let tonerOut = false;
    for (const s of records(p.supplies)) {
        const id = idText(s.id);
        if (!id) continue;
        const type = typeof s.type === "string" ? s.type : "";
        const group = supplyGroup(type, s.class);
        const reading = supplyReading(`${host}/supply/${id}`, base, s, id, type, group, rules);
        readings.push(reading);
        const days = forecastReading(`${host}/supply/${id}/days`, reading.subject, s.forecast, rules);
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
    for (const t of records(p.trays)) {
        const id = idText(t.id);
        if (!id) continue;
        const reading = trayReading(`${host}/tray/${id}`, base, t, id, rules);
        readings.push(reading);
        const days = forecastReading(`${host}/tray/${id}/days`, reading.subject, t.forecast, rules);
        if (days) readings.push(days);
        const pct = typeof reading.value === "number" ? reading.value : null;
        const empty = reading.value === "empty" || pct === 0;
        trayEmpty ||= empty;
        trayLow ||=
            empty ||
            reading.value === "low" ||
            (pct !== null && rules.trayLow !== null && pct <= rules.trayLow);
    }

    let binFull = false;
    let binNearFull = false;
    for (const o of records(p.outputs)) {
        const id = idText(o.id);
        if (!id) continue;
        const state = typeof o.state === "string" ? o.state : "unknown";
        binFull ||= state === "full";
        binNearFull ||= state === "full" || state === "nearFull";
        const setting =
            state === "full"
                ? rules.errors.outputFull
                : state === "nearFull"
                  ? rules.errors.outputNearFull
                  : "off";
        readings.push({
            key: `${host}/output/${id}`,
            subject: { kind: "output", ...base, item: cleanText(o.name) || `output bin ${shortId(id)}` },
            value: cleanText(state, 20),
            unit: "",
            verdict: verdictOf(setting),
            debounce: rules.debounce,
        });
    }

    if (!Array.isArray(p.errors)) return;
    const bits = new Set(p.errors.filter((e): e is string => typeof e === "string"));
    const covered: Partial<Record<ErrorName, boolean>> = {
        noToner: tonerOut,
        lowToner: tonerLow,
        lowPaper: trayLow,
        outputFull: binFull,
        outputNearFull: binNearFull,
    };
    for (const name of ERROR_NAMES) {
        readings.push(
            errorReading(
                host,
                base,
                name,
                bits.has(name) && !covered[name],
                rules.errors[name],
                rules.debounce,
            ),
        );
    }
    // RFC 2790 noPaper and inputTrayEmpty say the same to a user; a tray that is itself empty
    // already alerts, so this printer-wide key only speaks when no tray can be blamed.
    const outOfPaper = (bits.has("noPaper") || bits.has("inputTrayEmpty")) && !trayEmpty;
    readings.push(errorReading(host, base, "noPaper", outOfPaper, rules.trayEmpty, rules.debounce));
}

/** Margin in days a forecast must recover by before its alert clears. */
const DAYS_MARGIN = 2;

/**
 * Days until a supply (or tray) runs out, when supply-forecast added them. No forecast, or one
 * without an honest answer yet ("insufficient data", "level not numeric"), says nothing: the key
 * keeps its level. "No consumption" means it will not run out: that is ok.
 */
function forecastReading(key: string, about: Subject, forecast: unknown, rules: Rules): Reading | null {
    if (!isRecord(forecast) || (rules.days.warning === null && rules.days.critical === null)) return null;
    const subject: Subject = {
        ...about,
        kind: "forecast",
        variant: about.kind === "tray" ? "tray" : about.variant,
    };
    const days = finite(forecast.daysLeft);
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

function errorReading(
    host: string,
    base: { device: string; host: string },
    name: string,
    set: boolean,
    setting: Setting,
    debounce: number,
): Reading {
    return {
        key: `${host}/error/${name}`,
        subject: { kind: "error", ...base, item: errorItem(name), variant: name },
        value: set ? name : null,
        unit: "",
        verdict: set ? verdictOf(setting) : "ok",
        debounce,
    };
}

function supplyReading(
    key: string,
    base: { device: string; host: string },
    s: Json,
    id: string,
    type: string,
    group: SupplyGroup,
    rules: Rules,
): Reading {
    const name = cleanText(s.name);
    const { item, part } = supplyLabel(type, s.color, name, id, group === "waste");
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
    const state = typeof s.state === "string" ? cleanText(s.state, 20) : "unknown";
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
    else reading.verdict = SUPPLY_STATES[state] ?? "ok";
    return reading;
}

function trayReading(
    key: string,
    base: { device: string; host: string },
    t: Json,
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
        const levels: Levels = { warning: null, critical: null };
        if (rules.trayEmpty !== "off") levels[rules.trayEmpty] = 0;
        if (rules.trayLowSeverity !== "off" && rules.trayLow !== null) {
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
    const state = typeof t.state === "string" ? cleanText(t.state, 20) : "unknown";
    // A manual feed (bypass tray) is empty most of the time: that is not an alert.
    const manual = t.manual === true;
    const setting =
        state === "empty" && !manual
            ? rules.trayEmpty
            : state === "low" && !manual
              ? rules.trayLowSeverity
              : "off";
    return { key, subject, value: state, unit: "", verdict: verdictOf(setting), debounce: rules.debounce };
}

function wifi(p: Json, device: string, host: string, rules: Rules, observation: Observation): void {
    const { readings } = observation;
    if (Array.isArray(p.aps)) {
        const aps: Record<string, string> = {};
        for (const ap of records(p.aps)) {
            const id = idText(ap.id) || cleanText(ap.name, 64);
            if (!id) continue;
            const name = cleanText(ap.name) || id;
            aps[id] = name;
            const clients = finite(ap.clients);
            if (clients !== null) readings.push(clientsReading(host, device, "ap", id, name, clients, rules));
        }
        observation.inventory = { host, device, aps };
    }
    for (const s of records(p.ssids)) {
        const ssid = cleanText(s.ssid, 64);
        const clients = finite(s.clients);
        if (ssid && clients !== null)
            readings.push(clientsReading(host, device, "ssid", ssid, ssid, clients, rules));
    }
    if (Array.isArray(p.clients)) {
        const keep: string[] = [];
        const signalOn = rules.signal.warning !== null || rules.signal.critical !== null;
        for (const c of records(p.clients)) {
            const mac = cleanText(c.mac, 40).toLowerCase();
            const signal = finite(c.signal);
            if (!signalOn || !mac || signal === null) continue;
            const reading = signalReading(host, device, mac, cleanText(c.name), signal, rules);
            keep.push(reading.key);
            readings.push(reading);
        }
        // Clients that left (or whose signal is no longer reported) are forgotten without a
        // "clear": at the end of the day everybody leaves, and nobody wants fifty emails about it.
        observation.forget = [{ prefix: `${host}/client/`, keep }];
    }
}

/** Clients on one AP (by AP id) or on one SSID (by name, summed over the APs). */
function clientsReading(
    host: string,
    device: string,
    scope: "ap" | "ssid",
    id: string,
    name: string,
    clients: number,
    rules: Rules,
): Reading {
    return {
        key: `${host}/${scope}/${id}/clients`,
        subject: {
            kind: "clients",
            device,
            host,
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

function signalReading(
    host: string,
    device: string,
    mac: string,
    name: string,
    signal: number,
    rules: Rules,
): Reading {
    return {
        key: `${host}/client/${mac}/signal`,
        subject: { kind: "signal", device, host, item: name || mac, ...(name ? { detail: mac } : {}) },
        value: signal,
        unit: "dBm",
        limits: below(rules.signal, rules.hysteresis),
        debounce: rules.debounce,
    };
}

/** The "AP gone" reading for an AP id the device listed before and does not list now. */
export function apPresenceReading(
    host: string,
    device: string,
    id: string,
    name: string,
    present: boolean,
    rules: Rules,
): Reading {
    return {
        key: `${host}/ap/${id}/present`,
        subject: { kind: "ap", device, host, item: `AP ${name}`, id },
        value: present ? "present" : "missing",
        unit: "",
        verdict: present ? "ok" : verdictOf(rules.apMissing),
        debounce: rules.debounce,
    };
}

function fromMetric(m: Json, value: number, rules: Rules): Observation | null {
    const host = cleanText(m.host, 253);
    const device = cleanText(m.device) || host;
    const base = { device, host };
    const id = idText(m.id);
    if (!host) return null;
    switch (m.kind) {
        case "supply": {
            if (!id) return null;
            const type = typeof m.type === "string" ? m.type : "";
            // A metric has no class: a receptacle is known by its type only.
            const group = supplyGroup(type, undefined);
            const s = { ...m, percent: value };
            return { readings: [supplyReading(`${host}/supply/${id}`, base, s, id, type, group, rules)] };
        }
        case "tray":
            if (!id) return null;
            return {
                readings: [trayReading(`${host}/tray/${id}`, base, { ...m, percent: value }, id, rules)],
            };
        case "clients": {
            const ap = cleanText(m.ap, 64);
            // Output 1 keys an AP by its id; a metric that carries the id lands on the same key.
            const apId = idText(m.apId) || ap;
            const ssid = cleanText(m.ssid, 64);
            if (ap) return { readings: [clientsReading(host, device, "ap", apId, ap, value, rules)] };
            if (ssid) return { readings: [clientsReading(host, device, "ssid", ssid, ssid, value, rules)] };
            return null;
        }
        case "signal": {
            const mac = cleanText(m.mac, 40).toLowerCase();
            if (!mac) return null;
            return { readings: [signalReading(host, device, mac, cleanText(m.name), value, rules)] };
        }
        default:
            // Another kind of number (clients per band, a future metric): the generic rule, by topic.
            return null;
    }
}

function below(levels: Levels, margin: number): Limits {
    return { dir: "below", warning: levels.warning, critical: levels.critical, margin };
}

function above(levels: Levels, margin: number): Limits {
    return { dir: "above", warning: levels.warning, critical: levels.critical, margin, strict: true };
}
