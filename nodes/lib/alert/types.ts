/**
 * The vocabulary of the threshold-alert core: what a rule says about one reading, what is kept
 * per key between inputs, and what a notification carries. Everything here is plain JSON so the
 * state can live in a Node-RED context store (memory, file, or anything else).
 */
import type { DeviceIdentity } from "../contract";

export type Severity = "ok" | "warning" | "critical";

/** A severity a user can give a rule in the editor; "off" means the rule never alerts. */
export type Setting = "off" | "warning" | "critical";

/** How a state that is not a number counts: "watch" lists it on output 2 without alerting. */
export type StateSetting = Setting | "watch";

export const RANK: Readonly<Record<Severity, number>> = { ok: 0, warning: 1, critical: 2 };

/** What a notification is about; "summary" stands for the changes one input had too many of. */

export type Kind =
    | "supply"
    | "tray"
    | "output"
    | "error"
    | "reachable"
    | "clients"
    | "ap"
    | "signal"
    | "utilisation"
    | "load"
    | "forecast"
    | "generic"
    | "summary";

export type Unit = "%" | "clients" | "dBm" | "days" | "";

/** Supply groups with their own default levels. */
export type SupplyGroup = "toner" | "drum" | "waste";

/**
 * What a key is about: enough to write a message long after the reading that raised it (a
 * notification held through quiet hours is written when they end). Strings from devices are
 * already cleaned (plain text, bounded length) when they get here.
 */
export interface Subject {
    kind: Kind;
    /** Display name of the device ("Office 2F"); "" for generic topics. */
    device: string;
    /** Address the device was polled at; "" for generic topics. */
    host: string;
    /** The port, when the message said it (devices behind one address on different ports). */
    port?: number;
    /** Short name of the thing that alerts: "black toner", "Tray 2", "AP Lobby", "paper jam". */
    item: string;
    /**
     * Wording variant: the supply group, the printer error name, "ap"/"ssid" for client counts,
     * "above"/"below" for generic numbers.
     */
    variant?: string;
    /** Longer description from the device (supply name, client MAC), when it adds something. */
    detail?: string;
    /** What to replace, for the advice line ("black toner cartridge"). */
    part?: string;
    /** The AP id, for AP presence keys. */
    id?: string;
}

/** A numeric rule: warning and critical levels on one side, with a recovery margin. */
export interface Limits {
    dir: "below" | "above";
    warning: number | null;
    critical: number | null;
    /** How far past a level the value must recover before the level is left (hysteresis). */
    margin: number;
    /** `true`: the level itself does not count ("more than 30 clients"); default: it does. */
    strict?: boolean;
}

/** One fact taken from an input message about one key. */
export interface Reading {
    key: string;
    subject: Subject;
    value: number | string | null;
    unit: Unit;
    /** A numeric rule, evaluated against the key's current level (hysteresis)... */
    limits?: Limits;
    /** ...or a verdict already decided from a state ("empty", "jammed"). */
    verdict?: Severity;
    /** Set when the reading is not alerting but worth showing (someRemaining, unknown). */
    watch?: string;
    /** Consecutive readings beyond a level before the level is raised. */
    debounce: number;
    /** The set of keys it belongs to, which an input may replace as a whole (a device's clients). */
    group?: string;
}

/** What one input says, in terms of keys. */
export interface Observation {
    /** The device the input is about, when it is about one. */
    about?: DeviceIdentity;
    readings: Reading[];
    /**
     * Keys of `group` that this input no longer mentions are dropped without a notification
     * (Wi-Fi clients that went home).
     */
    forget?: { group: string; keep: string[] }[];
    /** The APs of one Wi-Fi device in this reading (id → name), for "AP disappeared" detection. */
    inventory?: { at: DeviceIdentity; host: string; device: string; aps: Map<string, string> };
}

/** Per-key memory between inputs. Times are milliseconds since the epoch. */
export interface KeyState {
    subject: Subject;
    /** The level now. */
    severity: Severity;
    /** The level the user was last told about (differs while quiet hours hold a notification). */
    notified: Severity;
    value: number | string | null;
    unit: Unit;
    threshold: number | null;
    /** Start of the current not-ok episode (kept until its clear is sent). */
    since?: number;
    /** When `severity` last changed. */
    changed: number;
    /** When the last notification for this key went out. */
    sent?: number;
    /** Reminders sent at the current level. */
    repeat?: number;
    /** Readings beyond a higher level that have not yet been enough to raise it (debounce). */
    pending?: { count: number; since: number };
    watch?: string;
    watchSince?: number;
    /** The reading's `group`. */
    group?: string;
}

/**
 * What the node stores. Version 1 filed every device under its host alone; version 2 files a
 * device on another port than 161 under `host:port` (see `stateKey`). Every map is a
 * null-prototype object, so that a key such as `__proto__` is data like any other.
 */
export interface AlertState {
    version: 2;
    keys: Record<string, KeyState>;
    /** Per Wi-Fi device (its `stateKey`): the AP ids (and names) of its last reading. */
    aps: Record<string, Record<string, string>>;
    /** Hosts whose keys were stored by version 1 (see `adoptHostOnly`). */
    hostOnly: Record<string, true>;
}

export type Change = "raised" | "escalated" | "de-escalated" | "cleared" | "reminder" | "summary";

/** `msg.alert` of a notification. */
export interface AlertInfo {
    key: string;
    device: string;
    host: string;
    item: string;
    kind: Kind;
    severity: Severity;
    previous: Severity;
    value: number | string | null;
    unit: Unit;
    threshold: number | null;
    /** ISO 8601: start of the episode. */
    since: string | null;
    repeat: number;
    change: Change;
}

/** `msg.alert` of the summary sent in place of the notifications over the per-input cap. */
export interface SummaryInfo extends AlertInfo {
    kind: "summary";
    change: "summary";
    /** How many notifications it stands for, by change. */
    changes: Partial<Record<Exclude<Change, "summary">, number>>;
}

/** A type, not an interface, so it is a valid Node-RED message as it is. */
export type Notification = {
    topic: string;
    payload: string;
    alert: AlertInfo | SummaryInfo;
};

/** One row of output 2. */
export interface ActiveRow {
    key: string;
    severity: Severity;
    device: string;
    host: string;
    item: string;
    kind: Kind;
    value: number | string | null;
    unit: Unit;
    threshold: number | null;
    since: string | null;
    text: string;
}

export interface WatchRow {
    key: string;
    device: string;
    host: string;
    item: string;
    kind: Kind;
    state: string;
    since: string | null;
    text: string;
}
