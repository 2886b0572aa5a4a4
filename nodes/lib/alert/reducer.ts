/**
 * The alert state machine of one key: `apply(previous, reading, now) → next`.
 *
 * Per key it keeps the current level, the level the user was last told about, when the episode
 * started and when it was last notified. A level is raised after `debounce` readings in a row
 * beyond it, and left only once the value has recovered past the level by the margin
 * (hysteresis). A notification is due whenever the current level differs from the notified one
 * (see book.ts, which keeps every key and decides when). There are no timers: reminders and
 * releases are decided when an input arrives, at that input's time.
 *
 * Also here: what a key looks like to the user (a notification, a row of the active list).
 */
import { apPresentKey } from "../ap/contract";
import { body, subjectLine } from "./format";
import { verdictOf, type Rules } from "./rules";
import {
    RANK,
    type ActiveRow,
    type Change,
    type KeyState,
    type Limits,
    type Notification,
    type Observation,
    type Reading,
    type Severity,
    type WatchRow,
} from "./types";

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

/** One reading applied to a key's state. Pure: `prev` is not modified. */
export function apply(prev: KeyState | undefined, r: Reading, now: number): KeyState {
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
    if (r.group !== undefined) next.group = r.group;
    else delete next.group;
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

/** Nothing to remember: ok, told so, not counting towards a raise, not watched. */
export function forgettable(ks: KeyState): boolean {
    return ks.severity === "ok" && ks.notified === "ok" && !ks.pending && !ks.watch;
}

type Inventory = NonNullable<Observation["inventory"]>;

/** The reading of an AP's presence in a Wi-Fi device's list. */
export function apPresenceReading(
    inventory: Inventory,
    id: string,
    name: string,
    present: boolean,
    rules: Rules,
): Reading {
    const { host, device } = inventory;
    return {
        key: apPresentKey(inventory.at, id),
        subject: { kind: "ap", device, host, item: `AP ${name}`, id },
        value: present ? "present" : "missing",
        unit: "",
        verdict: present ? "ok" : verdictOf(rules.apMissing),
        debounce: rules.debounce,
    };
}

export function changeOf(previous: Severity, severity: Severity): Change {
    if (severity === "ok") return "cleared";
    if (previous === "ok") return "raised";
    return RANK[severity] > RANK[previous] ? "escalated" : "de-escalated";
}

export function iso(ms: number | undefined): string | null {
    return ms === undefined ? null : new Date(ms).toISOString();
}

export function notification(
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

/** A row of output 2 for a key that is not ok. */
export function activeRow(key: string, ks: KeyState): ActiveRow {
    return {
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
    };
}

/** A row of `msg.watch` for a key whose level is not alerting but not known to be fine either. */
export function watchRow(key: string, ks: KeyState): WatchRow {
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
}

/** Whether two rows of the list show the same thing (so the list need not be sent again). */
export function sameRow<T extends object>(a: T | undefined, b: T): boolean {
    if (a === undefined) return false;
    for (const k of Object.keys(b) as (keyof T)[]) if (a[k] !== b[k]) return false;
    return true;
}
