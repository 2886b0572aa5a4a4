/**
 * The alert state machine: `reduce(state, observation, rules, now) → {state, notifications}`.
 *
 * Per key it keeps the current level, the level the user was last told about, when the episode
 * started and when it was last notified. A level is raised after `debounce` readings in a row
 * beyond it, and left only once the value has recovered past the level by the margin
 * (hysteresis). A notification goes out whenever the current level differs from the notified one,
 * except in quiet hours, so notifications held through the night come out, one per key, with the
 * first input after the quiet hours end. There are no timers: reminders and releases are decided
 * when an input arrives, at that input's time.
 *
 * The state holds only keys that need remembering (not ok, notified as not ok, counting towards a
 * raise, or watched), and at most MAX_KEYS of them.
 */
import { apClientsKey, apPresentKey } from "../ap/contract";
import { isRecord } from "../json";
import { body, cleanText, subjectLine } from "./format";
import { inQuietHours, verdictOf, type Rules } from "./rules";
import {
    RANK,
    type ActiveRow,
    type AlertState,
    type Change,
    type KeyState,
    type Kind,
    type Limits,
    type Notification,
    type Observation,
    type Reading,
    type Severity,
    type WatchRow,
} from "./types";

/** Keys one node remembers at most; beyond it the oldest non-alerting ones go first. */
export const MAX_KEYS = 10_000;
/** Wi-Fi devices whose AP lists are remembered (for "AP disappeared"); the oldest go first. */
export const MAX_AP_DEVICES = 1_000;
/** APs remembered per Wi-Fi device. */
export const MAX_APS_PER_DEVICE = 5_000;

export interface Result {
    state: AlertState;
    notifications: Notification[];
    /** Keys dropped because the state was full. */
    dropped: number;
}

export function emptyState(): AlertState {
    return { version: 1, keys: {}, aps: {} };
}

function maxOf(a: Severity, b: Severity): Severity {
    return RANK[a] >= RANK[b] ? a : b;
}

function minOf(a: Severity, b: Severity): Severity {
    return RANK[a] <= RANK[b] ? a : b;
}

function beyond(value: number, level: number, limits: Limits, margin: number): boolean {
    if (limits.dir === "below") {
        const edge = level + margin;
        return limits.strict ? value < edge : value <= edge;
    }
    const edge = level - margin;
    return limits.strict ? value > edge : value >= edge;
}

function levelAt(value: number, limits: Limits, margin: number): Severity {
    if (limits.critical !== null && beyond(value, limits.critical, limits, margin)) return "critical";
    if (limits.warning !== null && beyond(value, limits.warning, limits, margin)) return "warning";
    return "ok";
}

/**
 * The level of a number given the level it is at now: a level is entered at its limit and left
 * only past the limit plus the margin, so a value hovering around a limit does not flap.
 */
export function levelFor(value: number, limits: Limits, current: Severity): Severity {
    const entered = levelAt(value, limits, 0);
    const held = levelAt(value, limits, limits.margin);
    return maxOf(entered, minOf(current, held));
}

/** The limit behind a level; for "ok", the point a value had to pass to clear. */
function thresholdFor(limits: Limits, severity: Severity): number | null {
    if (severity !== "ok") return limits[severity];
    const lowest = limits.warning ?? limits.critical;
    if (lowest === null) return null;
    return limits.dir === "below" ? lowest + limits.margin : lowest - limits.margin;
}

function apply(prev: KeyState | undefined, r: Reading, now: number): KeyState {
    const current = prev?.severity ?? "ok";
    const target =
        r.verdict ?? (typeof r.value === "number" && r.limits ? levelFor(r.value, r.limits, current) : "ok");
    const next: KeyState = prev
        ? { ...prev }
        : {
              subject: r.subject,
              severity: "ok",
              notified: "ok",
              value: r.value,
              unit: r.unit,
              threshold: null,
              changed: now,
          };
    next.subject = r.subject;
    next.value = r.value;
    next.unit = r.unit;
    delete next.pending;
    if (RANK[target] > RANK[current]) {
        const count = (prev?.pending?.count ?? 0) + 1;
        const since = prev?.pending?.since ?? now;
        if (count >= r.debounce) {
            // A new episode starts, unless the user was never told the last one ended (a clear
            // held by quiet hours): then it is still the same episode to them.
            if (current === "ok" && !(next.notified !== "ok" && next.since !== undefined)) next.since = since;
            next.severity = target;
            next.changed = now;
        } else {
            next.pending = { count, since };
        }
    } else if (target !== current) {
        next.severity = target;
        next.changed = now;
    }
    next.threshold = r.limits ? thresholdFor(r.limits, next.severity) : null;
    if (r.watch && next.severity === "ok") {
        if (next.watch !== r.watch) next.watchSince = now;
        next.watch = r.watch;
    } else {
        delete next.watch;
        delete next.watchSince;
    }
    return next;
}

/** The "AP gone" reading for an AP id the device listed before and does not list now. */
function apPresenceReading(
    inventory: NonNullable<Observation["inventory"]>,
    id: string,
    name: string,
    present: boolean,
    rules: Rules,
): Reading {
    const { host, device } = inventory;
    return {
        key: apPresentKey(inventory, id),
        subject: { kind: "ap", device, host, item: `AP ${name}`, id },
        value: present ? "present" : "missing",
        unit: "",
        verdict: present ? "ok" : verdictOf(rules.apMissing),
        debounce: rules.debounce,
    };
}

/** Readings for APs that vanished from (or came back to) a Wi-Fi device's list. */
function presence(
    inventory: NonNullable<Observation["inventory"]>,
    keys: Record<string, KeyState>,
    before: Record<string, string>,
    rules: Rules,
): { readings: Reading[]; missing: Map<string, string> } {
    const { aps } = inventory;
    const readings: Reading[] = [];
    const missing = new Map<string, string>();
    for (const [id, name] of Object.entries(before)) {
        if (Object.prototype.hasOwnProperty.call(aps, id)) continue;
        missing.set(id, name);
        readings.push(apPresenceReading(inventory, id, name, false, rules));
        // Its client count means nothing while it is gone; the "missing" alert says it all.
        delete keys[apClientsKey(inventory, id)];
    }
    for (const [id, name] of Object.entries(aps)) {
        if (keys[apPresentKey(inventory, id)])
            readings.push(apPresenceReading(inventory, id, name, true, rules));
    }
    return { readings, missing };
}

function changeOf(previous: Severity, severity: Severity): Change {
    if (severity === "ok") return "cleared";
    if (previous === "ok") return "raised";
    return RANK[severity] > RANK[previous] ? "escalated" : "de-escalated";
}

function iso(ms: number | undefined): string | null {
    return ms === undefined ? null : new Date(ms).toISOString();
}

function notification(
    key: string,
    ks: KeyState,
    previous: Severity,
    change: Change,
    repeat: number,
    now: number,
): Notification {
    const s = ks.subject;
    const line = subjectLine(s, ks.severity, ks.value, ks.unit);
    return {
        topic: change === "reminder" ? `Reminder: ${line}` : line,
        payload: body(ks, previous, change, repeat, now),
        alert: {
            key,
            device: s.device,
            host: s.host,
            item: s.item,
            kind: s.kind,
            severity: ks.severity,
            previous,
            value: ks.value,
            unit: ks.unit,
            threshold: ks.threshold,
            since: iso(ks.since),
            repeat,
            change,
        },
    };
}

/** Notifications due, for the keys this input is about first (in its order), then the others. */
function notify(keys: Record<string, KeyState>, order: string[], rules: Rules, now: number): Notification[] {
    const quiet = inQuietHours(now, rules.quiet);
    const out: Notification[] = [];
    for (const key of new Set([...order, ...Object.keys(keys)])) {
        const ks = keys[key];
        if (!ks) continue;
        if (ks.severity !== ks.notified) {
            if (quiet && !(rules.criticalBypass && ks.severity === "critical")) continue;
            out.push(notification(key, ks, ks.notified, changeOf(ks.notified, ks.severity), 0, now));
            keys[key] = { ...ks, notified: ks.severity, sent: now, repeat: 0 };
        } else if (ks.severity !== "ok" && rules.renotifyMs > 0 && !quiet) {
            if (now - (ks.sent ?? ks.changed) < rules.renotifyMs) continue;
            const repeat = (ks.repeat ?? 0) + 1;
            out.push(notification(key, ks, ks.notified, "reminder", repeat, now));
            keys[key] = { ...ks, sent: now, repeat };
        }
    }
    return out;
}

function forgettable(ks: KeyState): boolean {
    return ks.severity === "ok" && ks.notified === "ok" && !ks.pending && !ks.watch;
}

/** Drops keys with nothing to remember, then the oldest if there are still too many. */
function prune(keys: Record<string, KeyState>): number {
    for (const [key, ks] of Object.entries(keys)) if (forgettable(ks)) delete keys[key];
    const excess = Object.keys(keys).length - MAX_KEYS;
    if (excess <= 0) return 0;
    const victims = Object.entries(keys)
        .sort(([, a], [, b]) => {
            const quietA = a.severity === "ok" ? 0 : 1;
            const quietB = b.severity === "ok" ? 0 : 1;
            return quietA - quietB || a.changed - b.changed;
        })
        .slice(0, excess);
    for (const [key] of victims) delete keys[key];
    return excess;
}

/** Applies one input to the state. Pure: the state given is not modified. */
export function reduce(state: AlertState, observation: Observation, rules: Rules, now: number): Result {
    const keys: Record<string, KeyState> = { ...state.keys };
    const aps = { ...state.aps };
    const readings = [...observation.readings];
    const inventory = observation.inventory;
    let missing = new Map<string, string>();
    if (inventory) {
        const found = presence(inventory, keys, aps[inventory.host] ?? {}, rules);
        readings.push(...found.readings);
        missing = found.missing;
    }
    for (const r of readings) keys[r.key] = apply(keys[r.key], r, now);
    for (const { prefix, keep } of observation.forget ?? []) {
        const kept = new Set(keep);
        for (const key of Object.keys(keys)) if (key.startsWith(prefix) && !kept.has(key)) delete keys[key];
    }
    const notifications = notify(
        keys,
        readings.map((r) => r.key),
        rules,
        now,
    );
    const dropped = prune(keys);
    if (inventory) {
        // Remember this reading's APs, plus the missing ones still being tracked, so an AP keeps
        // counting as missing (and its debounce keeps counting) until it is back or reset.
        const remembered: Record<string, string> = {};
        for (const [id, name] of Object.entries(inventory.aps).slice(0, MAX_APS_PER_DEVICE))
            remembered[id] = name;
        for (const [id, name] of missing) {
            if (keys[apPresentKey(inventory, id)]) remembered[id] = name;
        }
        delete aps[inventory.host];
        aps[inventory.host] = remembered;
        const hosts = Object.keys(aps);
        for (const host of hosts.slice(0, Math.max(0, hosts.length - MAX_AP_DEVICES))) delete aps[host];
    }
    return { state: { version: 1, keys, aps }, notifications, dropped };
}

function matches(key: string, ks: KeyState, topic: string): boolean {
    const { host, device } = ks.subject;
    return (
        key === topic ||
        key.startsWith(`${topic}/`) ||
        (host !== "" && host === topic) ||
        (device !== "" && device === topic)
    );
}

/**
 * `msg.reset`: forgets one key, or every key of a device (by host or display name), or
 * everything. Sends nothing: a reset is the user saying "I know".
 */
export function reset(state: AlertState, topic: string | null): AlertState {
    if (topic === null) return emptyState();
    const keys: Record<string, KeyState> = {};
    const aps = { ...state.aps };
    delete aps[topic];
    for (const [key, ks] of Object.entries(state.keys)) {
        if (!matches(key, ks, topic)) {
            keys[key] = ks;
            continue;
        }
        const { host, device, id } = ks.subject;
        if (device === topic) delete aps[host];
        const known = aps[host];
        if (ks.subject.kind === "ap" && id !== undefined && known) {
            // Forget the AP too, or the next reading would find it missing again.
            const rest = { ...known };
            delete rest[id];
            aps[host] = rest;
        }
    }
    return { version: 1, keys, aps };
}

/** Output 2: the alerts now active, most severe first, then oldest first. */
export function activeRows(state: AlertState): ActiveRow[] {
    return Object.entries(state.keys)
        .filter(([, ks]) => ks.severity !== "ok")
        .sort(
            ([, a], [, b]) =>
                RANK[b.severity] - RANK[a.severity] || (a.since ?? a.changed) - (b.since ?? b.changed),
        )
        .map(([key, ks]) => ({
            key,
            severity: ks.severity,
            device: ks.subject.device,
            host: ks.subject.host,
            item: ks.subject.item,
            kind: ks.subject.kind,
            value: ks.value,
            unit: ks.unit,
            threshold: ks.threshold,
            since: iso(ks.since ?? ks.changed),
            text: subjectLine(ks.subject, ks.severity, ks.value, ks.unit),
        }));
}

/** Output 2, `msg.watch`: levels that are not alerting but not known to be fine either. */
export function watchRows(state: AlertState): WatchRow[] {
    return Object.entries(state.keys)
        .filter(([, ks]) => ks.watch !== undefined)
        .sort(([, a], [, b]) => (a.watchSince ?? a.changed) - (b.watchSince ?? b.changed))
        .map(([key, ks]) => {
            const s = ks.subject;
            const text = `${s.item}: ${ks.watch === "someRemaining" ? "some left, level not reported" : "level unknown"}`;
            return {
                key,
                device: s.device,
                host: s.host,
                item: s.item,
                kind: s.kind,
                state: ks.watch ?? "",
                since: iso(ks.watchSince ?? ks.changed),
                text: s.device ? `${s.device}: ${text}` : text,
            };
        });
}

export function summary(state: AlertState): { critical: number; warning: number; watch: number } {
    const counts = { critical: 0, warning: 0, watch: 0 };
    for (const ks of Object.values(state.keys)) {
        if (ks.severity !== "ok") counts[ks.severity]++;
        if (ks.watch !== undefined) counts.watch++;
    }
    return counts;
}

const KINDS = new Set<Kind>([
    "supply",
    "tray",
    "output",
    "error",
    "reachable",
    "clients",
    "ap",
    "signal",
    "forecast",
    "generic",
]);
const SEVERITIES = new Set<unknown>(["ok", "warning", "critical"]);

function validKey(value: unknown): value is KeyState {
    if (!isRecord(value) || !isRecord(value.subject)) return false;
    const s = value.subject;
    return (
        KINDS.has(s.kind as Kind) &&
        typeof s.device === "string" &&
        typeof s.host === "string" &&
        typeof s.item === "string" &&
        SEVERITIES.has(value.severity) &&
        SEVERITIES.has(value.notified) &&
        typeof value.changed === "number" &&
        (value.since === undefined || typeof value.since === "number")
    );
}

/**
 * The state read back from a context store, checked entry by entry: whatever does not look
 * like ours (another version, a hand edit) is left out rather than trusted.
 */
export function restoreState(raw: unknown): AlertState {
    const state = emptyState();
    if (!isRecord(raw) || raw.version !== 1) return state;
    if (isRecord(raw.keys)) {
        for (const [key, ks] of Object.entries(raw.keys)) if (validKey(ks)) state.keys[key] = ks;
    }
    if (isRecord(raw.aps)) {
        for (const [host, list] of Object.entries(raw.aps)) {
            if (!isRecord(list)) continue;
            const aps: Record<string, string> = {};
            for (const [id, name] of Object.entries(list))
                if (typeof name === "string") aps[id] = cleanText(name);
            state.aps[host] = aps;
        }
    }
    return state;
}
