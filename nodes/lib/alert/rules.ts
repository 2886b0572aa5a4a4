/**
 * The rules of a threshold-alert node, read once from its editor settings. Every number is
 * checked here; a setting that makes no sense (critical above warning for a supply, a quiet
 * period without an end) is reported by field name, and the node refuses to guess.
 *
 * A property missing from the config (a flow written by hand, or from an older version) takes
 * its default; an empty field means "this level is off".
 */
import { numeric } from "../json";
import type { Setting, Severity, StateSetting, SupplyGroup } from "./types";

/** hrPrinterDetectedErrorState bits (RFC 2790) the user can give a severity. */
export const ERROR_NAMES = [
    "jammed",
    "doorOpen",
    "offline",
    "serviceRequested",
    "noToner",
    "lowToner",
    "lowPaper",
    "inputTrayMissing",
    "outputTrayMissing",
    "markerSupplyMissing",
    "outputNearFull",
    "outputFull",
    "overduePreventMaint",
] as const;

export type ErrorName = (typeof ERROR_NAMES)[number];

/** The level a setting gives when its condition holds; "off" never alerts. */
export function verdictOf(setting: Setting): Severity {
    return setting === "off" ? "ok" : setting;
}

export interface Levels {
    warning: number | null;
    critical: number | null;
}

export interface Rules {
    supplies: Record<SupplyGroup, Levels>;
    /** Days until a supply or tray runs out (from supply-forecast): at or below. */
    days: Levels;
    /** Supply level -3 ("some remaining", no number). */
    someRemaining: StateSetting;
    /** Supply level -2 ("unknown"). */
    unknownLevel: StateSetting;
    /** Tray percent at or below which the tray is low. */
    trayLow: number | null;
    trayLowSeverity: Setting;
    /** A tray that is empty, or the printer's noPaper / inputTrayEmpty bits. */
    trayEmpty: Setting;
    errors: Record<ErrorName, Setting>;
    unreachable: Setting;
    /** Failed polls in a row before "unreachable" is raised. */
    unreachablePolls: number;
    /** Clients per AP: more than `warning` / `critical`. */
    apClients: Levels;
    /** Clients per SSID (summed over APs): more than `warning` / `critical`. */
    ssidClients: Levels;
    apMissing: Setting;
    /** Client signal in dBm: at or below. */
    signal: Levels;
    generic: Levels & { dir: "above" | "below"; margin: number };
    /** Recovery margin for supplies, trays, clients and signal (percentage points, clients, dB). */
    hysteresis: number;
    /** Readings in a row beyond a level before it is raised. */
    debounce: number;
    /** Reminder interval while not ok, in ms; 0 = no reminders. */
    renotifyMs: number;
    /** Quiet hours as minutes after local midnight; `start` may be after `end` (across midnight). */
    quiet: { start: number; end: number } | null;
    /** Critical notifications go out during quiet hours too. */
    criticalBypass: boolean;
}

export const DEFAULTS = {
    tonerWarning: 15,
    tonerCritical: 5,
    drumWarning: 10,
    drumCritical: 3,
    wasteWarning: 10,
    wasteCritical: 3,
    daysWarning: 14,
    daysCritical: 3,
    someRemaining: "watch",
    unknownLevel: "watch",
    trayLow: 10,
    trayLowSeverity: "warning",
    trayEmpty: "critical",
    jammed: "critical",
    doorOpen: "warning",
    offline: "warning",
    serviceRequested: "warning",
    noToner: "critical",
    lowToner: "off",
    lowPaper: "off",
    inputTrayMissing: "off",
    outputTrayMissing: "off",
    markerSupplyMissing: "off",
    outputNearFull: "off",
    outputFull: "warning",
    overduePreventMaint: "off",
    unreachable: "warning",
    unreachablePolls: 3,
    apWarning: 30,
    apCritical: 50,
    ssidWarning: "",
    ssidCritical: "",
    apMissing: "warning",
    signalWarning: "",
    signalCritical: "",
    genericDir: "above",
    genericWarning: "",
    genericCritical: "",
    genericDeadband: "",
    hysteresis: 5,
    debounce: 1,
    renotify: 0,
    quietStart: "",
    quietEnd: "",
    criticalBypass: true,
} as const;

export type RuleConfig = Partial<Record<keyof typeof DEFAULTS, unknown>>;

export interface ConfigProblem {
    field: string;
    problem: string;
}

const SETTINGS: readonly string[] = ["off", "warning", "critical"];
const STATE_SETTINGS: readonly string[] = ["off", "watch", "warning", "critical"];

interface NumberSpec {
    min: number;
    max: number;
    integer?: boolean;
    /** An empty field is allowed and means "off". */
    optional?: boolean;
}

/**
 * Reads the editor settings into rules. Returns every problem found, so the user can fix them
 * all at once.
 */
export function parseRules(config: RuleConfig): { rules: Rules } | { problems: ConfigProblem[] } {
    const problems: ConfigProblem[] = [];

    function raw(field: keyof typeof DEFAULTS): unknown {
        const value = config[field];
        return value === undefined || value === null ? DEFAULTS[field] : value;
    }

    function num(field: keyof typeof DEFAULTS, spec: NumberSpec): number | null {
        const value = raw(field);
        const text = typeof value === "string" ? value.trim() : value;
        if (text === "") {
            if (spec.optional) return null;
            problems.push({ field, problem: "a number is required" });
            return null;
        }
        const n = numeric(text);
        if (n === null) {
            problems.push({ field, problem: `"${String(value)}" is not a number` });
            return null;
        }
        if (spec.integer && !Number.isInteger(n)) {
            problems.push({ field, problem: `${n} is not a whole number` });
            return null;
        }
        if (n < spec.min || n > spec.max) {
            problems.push({ field, problem: `${n} is outside ${spec.min} to ${spec.max}` });
            return null;
        }
        return n;
    }

    function choice<T extends string>(field: keyof typeof DEFAULTS, allowed: readonly string[]): T {
        const value = raw(field);
        if (typeof value === "string" && allowed.includes(value)) return value as T;
        problems.push({ field, problem: `"${String(value)}" is not one of ${allowed.join(", ")}` });
        return "off" as T;
    }

    function levels(
        warningField: keyof typeof DEFAULTS,
        criticalField: keyof typeof DEFAULTS,
        spec: NumberSpec,
        dir: "above" | "below",
    ): Levels {
        const warning = num(warningField, { ...spec, optional: true });
        const critical = num(criticalField, { ...spec, optional: true });
        if (warning !== null && critical !== null) {
            const wrongWay = dir === "below" ? critical > warning : critical < warning;
            if (wrongWay) {
                problems.push({
                    field: criticalField,
                    problem: `the critical level ${critical} must be ${dir === "below" ? "at or below" : "at or above"} the warning level ${warning}`,
                });
            }
        }
        return { warning, critical };
    }

    const percent: NumberSpec = { min: 0, max: 100 };
    const count: NumberSpec = { min: 0, max: 1_000_000, integer: true };
    const dbm: NumberSpec = { min: -150, max: 0 };

    const supplies = {
        toner: levels("tonerWarning", "tonerCritical", percent, "below"),
        drum: levels("drumWarning", "drumCritical", percent, "below"),
        waste: levels("wasteWarning", "wasteCritical", percent, "below"),
    };
    const days = levels("daysWarning", "daysCritical", { min: 0, max: 3650 }, "below");
    const errors = {} as Record<ErrorName, Setting>;
    for (const name of ERROR_NAMES) errors[name] = choice<Setting>(name, SETTINGS);

    const genericDir = choice<"above" | "below">("genericDir", ["above", "below"]);
    const generic = levels("genericWarning", "genericCritical", { min: -1e15, max: 1e15 }, genericDir);
    const hysteresis = num("hysteresis", { min: 0, max: 100 }) ?? 0;
    const deadband = num("genericDeadband", { min: 0, max: 1e15, optional: true });
    const renotifyHours = num("renotify", { min: 0, max: 8760 }) ?? 0;

    const quietStart = clock("quietStart");
    const quietEnd = clock("quietEnd");
    let quiet: Rules["quiet"] = null;
    if (quietStart !== null && quietEnd !== null) {
        if (quietStart === quietEnd) {
            problems.push({
                field: "quietEnd",
                problem: "quiet hours must end at another time than they start",
            });
        }
        quiet = { start: quietStart, end: quietEnd };
    } else if (
        (quietStart === null) !== (quietEnd === null) &&
        (raw("quietStart") === "" || raw("quietEnd") === "")
    ) {
        problems.push({
            field: quietStart === null ? "quietStart" : "quietEnd",
            problem: "quiet hours need both a start and an end",
        });
    }

    function clock(field: "quietStart" | "quietEnd"): number | null {
        const value = raw(field);
        if (value === "") return null;
        const match = typeof value === "string" ? /^\s*(\d{1,2}):(\d{2})\s*$/.exec(value) : null;
        const hours = Number(match?.[1]);
        const minutes = Number(match?.[2]);
        if (!match || hours > 23 || minutes > 59) {
            problems.push({ field, problem: `"${String(value)}" is not a time like 22:00` });
            return null;
        }
        return hours * 60 + minutes;
    }

    const rules: Rules = {
        supplies,
        days,
        someRemaining: choice<StateSetting>("someRemaining", STATE_SETTINGS),
        unknownLevel: choice<StateSetting>("unknownLevel", STATE_SETTINGS),
        trayLow: num("trayLow", { ...percent, optional: true }),
        trayLowSeverity: choice<Setting>("trayLowSeverity", SETTINGS),
        trayEmpty: choice<Setting>("trayEmpty", SETTINGS),
        errors,
        unreachable: choice<Setting>("unreachable", SETTINGS),
        unreachablePolls: num("unreachablePolls", { min: 1, max: 1000, integer: true }) ?? 1,
        apClients: levels("apWarning", "apCritical", count, "above"),
        ssidClients: levels("ssidWarning", "ssidCritical", count, "above"),
        apMissing: choice<Setting>("apMissing", SETTINGS),
        signal: levels("signalWarning", "signalCritical", dbm, "below"),
        generic: { ...generic, dir: genericDir, margin: deadband ?? hysteresis },
        hysteresis,
        debounce: num("debounce", { min: 1, max: 1000, integer: true }) ?? 1,
        renotifyMs: Math.round(renotifyHours * 3_600_000),
        quiet,
        criticalBypass: raw("criticalBypass") !== false && raw("criticalBypass") !== "false",
    };
    return problems.length > 0 ? { problems } : { rules };
}

/** Whether a local time falls in quiet hours (start inclusive, end exclusive). */
export function inQuietHours(time: number, quiet: Rules["quiet"]): boolean {
    if (!quiet) return false;
    const date = new Date(time);
    const minute = date.getHours() * 60 + date.getMinutes();
    return quiet.start < quiet.end
        ? minute >= quiet.start && minute < quiet.end
        : minute >= quiet.start || minute < quiet.end;
}
