/**
 * Words: subject lines, message bodies and labels. Everything produced here is plain text meant
 * to be read as is in an email, a chat message or a dashboard table.
 *
 * Device strings are untrusted. `cleanText` makes them safe for plain-text channels: no control
 * characters (a line break in a subject line would start a new mail header), no bidirectional
 * overrides, and no angle brackets, because the common Node-RED email node sends a body that
 * contains `<letter…>` as HTML.
 */
import { lookup } from "../json";
import type { Change, KeyState, Severity, Subject, Unit } from "./types";

// C0/C1 controls, and the Unicode marks that reorder text on screen.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A device string as short plain text: controls removed, `<`/`>` replaced, length bounded. */
export function cleanText(value: unknown, max = 80): string {
    if (typeof value !== "string" && typeof value !== "number") return "";
    const text = String(value)
        .replace(UNSAFE, " ")
        .replace(/</g, "\u2039")
        .replace(/>/g, "\u203a")
        .replace(/\s+/g, " ")
        .trim();
    return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

/** Local date and time to the minute, "2024-05-03 10:05" (the Node-RED host's time zone). */
export function formatTime(ms: number): string {
    const d = new Date(ms);
    const two = (n: number): string => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function numberText(n: number): string {
    return String(Math.round(n * 10) / 10);
}

/** "8 %", "34 clients", "-84 dBm", "87"; null for values that are states. */
export function valueText(value: number | string | null, unit: Unit, variant?: string): string | null {
    if (typeof value !== "number") return null;
    const n = numberText(value);
    if (unit === "%") return variant === "waste" ? `${n} % space left` : `${n} %`;
    if (unit === "clients") return `${n} clients`;
    if (unit === "dBm") return `${n} dBm`;
    if (unit === "days") return value === 1 ? "1 day" : `${n} days`;
    return n;
}

/** Supply types (IANA PrtMarkerSuppliesTypeTC names): short word and the part one replaces. */
const SUPPLY_WORDS: Record<string, readonly [string, string]> = {
    toner: ["toner", "toner cartridge"],
    tonerCartridge: ["toner", "toner cartridge"],
    matteToner: ["matte toner", "matte toner cartridge"],
    ink: ["ink", "ink cartridge"],
    inkCartridge: ["ink", "ink cartridge"],
    matteInk: ["matte ink", "matte ink cartridge"],
    inkRibbon: ["ink ribbon", "ink ribbon"],
    solidWax: ["solid ink", "solid ink"],
    ribbonWax: ["wax ribbon", "wax ribbon"],
    developer: ["developer", "developer unit"],
    opc: ["drum", "drum unit"],
    fuser: ["fuser", "fuser unit"],
    fuserOil: ["fuser oil", "fuser oil"],
    fuserOilWick: ["fuser oil wick", "fuser oil wick"],
    fuserCleaningPad: ["fuser cleaning pad", "fuser cleaning pad"],
    fuserOiler: ["fuser oiler", "fuser oiler"],
    transferUnit: ["transfer unit", "transfer unit"],
    cleanerUnit: ["cleaner unit", "cleaner unit"],
    coronaWire: ["corona wire", "corona wire"],
    wasteToner: ["waste toner box", "waste toner box"],
    wasteInk: ["waste ink box", "waste ink box"],
    wasteWax: ["waste wax box", "waste wax box"],
    wasteWater: ["waste water tank", "waste water tank"],
    wastePaper: ["waste paper bin", "waste paper bin"],
    water: ["water", "water tank"],
    staples: ["staples", "staple cartridge"],
    stitchingWire: ["stitching wire", "stitching wire"],
};

const NOT_A_COLOUR = new Set(["", "unknown", "other", "none", "null"]);

/** "black toner" and "black toner cartridge", from type and colour; else the device's name. */
export function supplyLabel(
    type: unknown,
    color: unknown,
    name: string,
    id: string,
    waste: boolean,
): { item: string; part: string } {
    const words = typeof type === "string" ? lookup(SUPPLY_WORDS, type) : undefined;
    const colour = cleanText(color, 24).toLowerCase();
    const prefix = !waste && !NOT_A_COLOUR.has(colour) ? `${colour} ` : "";
    if (words) return { item: `${prefix}${words[0]}`, part: `${prefix}${words[1]}` };
    const fallback = name || (waste ? `waste container ${id}` : `supply ${id}`);
    return { item: fallback, part: fallback };
}

const STATE_WORDS: Record<string, string> = {
    low: "low",
    empty: "empty",
    full: "full",
    almostFull: "almost full",
    nearFull: "nearly full",
    someRemaining: "some left, level not reported",
    unknown: "level unknown",
};

/** hrPrinterDetectedErrorState bits in words: while set, when cleared, what to do. */
const ERROR_WORDS: Record<string, readonly [string, string, string]> = {
    jammed: ["paper jam", "paper jam cleared", "Clear the paper jam (see the printer's panel)."],
    doorOpen: ["door open", "door closed again", "Close the printer's doors and covers."],
    offline: ["offline", "back online", "Check the printer's panel and put it back online."],
    serviceRequested: [
        "service requested",
        "service request cleared",
        "Read the message on the printer's panel; it may need a technician.",
    ],
    noToner: ["out of toner", "toner ok again", "Replace the empty toner cartridge."],
    noPaper: ["out of paper", "paper loaded again", "Load paper."],
    lowToner: ["toner low", "toner ok again", "Get a new toner cartridge ready."],
    lowPaper: ["paper low", "paper ok again", "Add paper soon."],
    inputTrayMissing: ["input tray missing", "input tray back", "Put the paper tray back in."],
    outputTrayMissing: ["output tray missing", "output tray back", "Put the output tray back in."],
    markerSupplyMissing: [
        "a supply is missing",
        "supplies in place again",
        "Check that every cartridge and drum is installed.",
    ],
    outputNearFull: ["output tray nearly full", "output tray ok again", "Take the printed pages out soon."],
    outputFull: ["output tray full", "output tray ok again", "Take the printed pages out."],
    overduePreventMaint: ["maintenance overdue", "maintenance done", "Book the scheduled maintenance."],
};

export function errorItem(name: string): string {
    return lookup(ERROR_WORDS, name)?.[0] ?? name;
}

/** The subject phrase without the device: "black toner low (8 %)". */
export function phrase(
    subject: Subject,
    severity: Severity,
    value: number | string | null,
    unit: Unit,
): string {
    const { item, variant } = subject;
    const shown = valueText(value, unit, variant);
    const withValue = (text: string): string => (shown === null ? text : `${text} (${shown})`);
    const stateWord = typeof value === "string" ? (lookup(STATE_WORDS, value) ?? value) : null;

    switch (subject.kind) {
        case "supply":
            if (severity === "ok") return withValue(`${item} ok again`);
            if (stateWord !== null) return `${item} ${stateWord}`;
            if (variant === "waste") {
                return withValue(
                    value === 0
                        ? `${item} full`
                        : `${item} ${severity === "critical" ? "almost full" : "filling up"}`,
                );
            }
            return withValue(
                value === 0 ? `${item} empty` : `${item} ${severity === "critical" ? "very low" : "low"}`,
            );
        case "tray":
            if (severity === "ok") return withValue(`${item} ok again`);
            if (value === "empty" || value === 0) return `${item} out of paper`;
            return withValue(`${item} low on paper`);
        case "output":
            if (severity === "ok") return `${item} ok again`;
            return `${item} ${stateWord ?? "full"}`;
        case "error": {
            const words = lookup(ERROR_WORDS, variant ?? "");
            return severity === "ok" ? (words?.[1] ?? `${item} cleared`) : item;
        }
        case "reachable":
            if (severity === "ok") return "answering again";
            return typeof value === "string" && value !== "" ? `not answering (${value})` : "not answering";
        case "clients":
            return severity === "ok" ? `${item} back to ${shown ?? "?"}` : `${item} has ${shown ?? "?"}`;
        case "ap":
            return severity === "ok" ? `${item} back` : `${item} missing`;
        case "signal":
            return severity === "ok"
                ? withValue(`signal ok again for ${item}`)
                : withValue(`weak signal for ${item}`);
        case "utilisation":
            return severity === "ok"
                ? withValue(`${item} channel no longer busy`)
                : withValue(`${item} channel ${severity === "critical" ? "full" : "busy"}`);
        case "load":
            if (severity === "ok") return `${item} load ok again`;
            return `${item} ${value === "overloaded" ? "overloaded" : "busy"}`;
        case "forecast": {
            const when = shown === null ? "" : ` in about ${shown}`;
            if (severity === "ok")
                return shown === null ? `${item} no longer running out` : `${item} lasts ${shown}`;
            if (variant === "waste") return `${item} full${when}`;
            if (variant === "tray") return `${item} out of paper${when}`;
            return `${item} runs out${when}`;
        }
        case "generic": {
            if (severity === "ok") return withValue(`${item} ok again`);
            const word = variant === "below" ? "low" : "high";
            return withValue(`${item} ${severity === "critical" ? "very " : ""}${word}`);
        }
        case "summary":
            return item;
    }
}

export function subjectLine(
    subject: Subject,
    severity: Severity,
    value: number | string | null,
    unit: Unit,
): string {
    const text = phrase(subject, severity, value, unit);
    return subject.device ? `${subject.device}: ${text}` : text;
}

/** What to do about a key at a severity; null when there is nothing to do. */
export function advice(subject: Subject, severity: Severity): string | null {
    if (severity === "ok") return null;
    const soon = severity === "warning" ? " soon" : "";
    switch (subject.kind) {
        case "supply":
            return subject.variant === "waste"
                ? `Empty or replace the ${subject.part ?? subject.item}${soon}.`
                : `Replace the ${subject.part ?? subject.item}${soon}.`;
        case "tray":
            return `Load paper into ${subject.item}${soon}.`;
        case "forecast":
            if (subject.variant === "tray") return `Make sure there is paper for ${subject.item}.`;
            if (subject.variant === "waste") return `Have a spare ${subject.part ?? subject.item} ready.`;
            return `Order a new ${subject.part ?? subject.item}${severity === "critical" ? " now" : ""}.`;
        case "output":
            return `Take the printed pages out of ${subject.item}${soon}.`;
        case "error":
            return lookup(ERROR_WORDS, subject.variant ?? "")?.[2] ?? null;
        case "reachable":
            return "Check that the device is switched on and on the network, and that it answers SNMP from the Node-RED host.";
        case "clients":
            return subject.variant === "ssid"
                ? "Check that the network (and its DHCP pool) still has room for everyone on it."
                : "Check the load on this access point; another access point nearby or band steering may help.";
        case "ap":
            return "Check the access point's power (PoE), cable and controller. If it was removed on purpose, reset this alert.";
        case "signal":
            return "The client is far from an access point or behind walls; check the coverage where it is.";
        case "utilisation":
            return "The channel is busy with traffic or interference; another channel, a narrower width or another access point nearby may help.";
        case "load":
            return "Too many clients, a busy channel or many clients with a weak signal on this access point: see its radios in the ap-clients message; another access point nearby or band steering may help.";
        case "generic":
        case "summary":
            return null;
    }
}

const WHERE: Partial<Record<Subject["kind"], string>> = {
    supply: "Printer",
    tray: "Printer",
    output: "Printer",
    error: "Printer",
    forecast: "Printer",
    reachable: "Device",
    clients: "Wi-Fi",
    ap: "Wi-Fi",
    signal: "Wi-Fi",
    utilisation: "Wi-Fi",
    load: "Wi-Fi",
};

const DETAIL: Partial<Record<Subject["kind"], string>> = {
    supply: "Supply",
    forecast: "Supply",
    signal: "Client",
    tray: "Paper",
};

/** Which side of a limit alerts for a key, in words: "at or below", "more than". */
export function limitWords(subject: Subject): string {
    if (subject.kind === "clients") return "more than";
    if (subject.kind === "utilisation") return "at or above";
    if (subject.kind === "generic" && subject.variant !== "below") return "at or above";
    return "at or below";
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The readable body of a notification: what, where, value, since when, what to do. */
export function body(key: KeyState, previous: Severity, change: Change, repeat: number, now: number): string {
    const s = key.subject;
    const what = capitalise(phrase(s, key.severity, key.value, key.unit));
    const lines = [change === "reminder" ? `Reminder ${repeat}: ${what}.` : `${what}.`];
    const where = WHERE[s.kind];
    if (where && s.device)
        lines.push(`${where}: ${s.device}${s.host && s.host !== s.device ? ` (${s.host})` : ""}`);
    const detail = DETAIL[s.kind];
    if (detail && s.detail && s.detail !== s.item) lines.push(`${detail}: ${s.detail}`);
    const shownThreshold = valueText(key.threshold, key.unit, s.variant);
    if (key.severity === "ok") {
        lines.push(`Level: ok, was ${previous}`);
        if (key.since !== undefined)
            lines.push(`Alert lasted: ${formatTime(key.since)} to ${formatTime(now)}`);
    } else {
        // "Out of paper" needs no "at or below 0 %".
        const plain = shownThreshold === null || (s.kind === "tray" && key.threshold === 0);
        const limit = plain ? "" : `; ${key.severity} ${limitWords(s)} ${shownThreshold}`;
        lines.push(`Level: ${key.severity}${change === "reminder" ? "" : `, was ${previous}`}${limit}`);
        if (key.since !== undefined) lines.push(`Since: ${formatTime(key.since)}`);
        const todo = advice(s, key.severity);
        if (todo) lines.push(`What to do: ${todo}`);
    }
    return lines.join("\n");
}
