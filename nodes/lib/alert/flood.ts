/**
 * One input never becomes a flood of messages: a printer answering with thousands of low supply
 * rows, a controller whose clients all have a weak signal, or the end of quiet hours on a large
 * fleet. Past the cap, the most severe notifications go out one by one and the others as one
 * summary that says what it stands for; the active list (output 2) still lists every alert.
 */
import { RANK, type Change, type Notification, type Severity, type SummaryInfo } from "./types";

/** Devices named one by one in a summary; the others are counted. */
const DEVICES_LISTED = 10;
/** Alerts named one by one in a summary. */
const ALERTS_LISTED = 10;

/** At most `max` notifications, plus a summary of the others; in their order otherwise. */
export function capNotifications(notes: Notification[], max: number): Notification[] {
    if (notes.length <= max) return notes;
    const ranked = notes
        .map((note, i) => ({ note, i }))
        .sort((a, b) => RANK[b.note.alert.severity] - RANK[a.note.alert.severity] || a.i - b.i);
    const kept = ranked
        .slice(0, max)
        .sort((a, b) => a.i - b.i)
        .map((r) => r.note);
    return [
        ...kept,
        summaryOf(
            ranked.slice(max).map((r) => r.note),
            max,
        ),
    ];
}

const CHANGE_ORDER: readonly Exclude<Change, "summary">[] = [
    "raised",
    "escalated",
    "de-escalated",
    "cleared",
    "reminder",
];

function summaryOf(cut: Notification[], max: number): Notification {
    const changes: SummaryInfo["changes"] = {};
    const devices = new Map<string, { device: string; host: string; count: number }>();
    let severity: Severity = "ok";
    for (const { alert } of cut) {
        if (alert.change !== "summary") changes[alert.change] = (changes[alert.change] ?? 0) + 1;
        if (RANK[alert.severity] > RANK[severity]) severity = alert.severity;
        const id = `${alert.device}\u0000${alert.host}`;
        const entry = devices.get(id) ?? { device: alert.device, host: alert.host, count: 0 };
        entry.count++;
        devices.set(id, entry);
    }
    const n = cut.length;
    const one = devices.size === 1 ? [...devices.values()][0] : undefined;
    const what = `${n} more alert changes`;
    const topic =
        one === undefined
            ? `${what} on ${devices.size} devices`
            : one.device !== ""
              ? `${one.device}: ${what}`
              : what;
    const breakdown = CHANGE_ORDER.filter((c) => changes[c] !== undefined)
        .map((c) => `${changes[c]} ${c}`)
        .join(", ");
    const lines = [
        `${capitalise(what)} came with this input, more than the ${max} sent one by one: ${breakdown}.`,
    ];
    const named = [...devices.values()].sort((a, b) => b.count - a.count);
    for (const d of named.slice(0, DEVICES_LISTED)) {
        const where =
            d.device === ""
                ? "other topics"
                : d.host && d.host !== d.device
                  ? `${d.device} (${d.host})`
                  : d.device;
        lines.push(`${where}: ${d.count}`);
    }
    if (named.length > DEVICES_LISTED) lines.push(`and ${named.length - DEVICES_LISTED} more devices`);
    lines.push("Among them:");
    for (const note of cut.slice(0, ALERTS_LISTED)) lines.push(`- ${note.topic}`);
    if (n > ALERTS_LISTED) lines.push(`- and ${n - ALERTS_LISTED} more`);
    lines.push("Every alert that is on is in the active list (output 2 of threshold-alert).");
    const alert: SummaryInfo = {
        key: "",
        device: one?.device ?? "",
        host: one?.host ?? "",
        item: what,
        kind: "summary",
        severity,
        previous: "ok",
        value: n,
        unit: "",
        threshold: null,
        since: null,
        repeat: 0,
        change: "summary",
        changes,
    };
    return { topic, payload: lines.join("\n"), alert };
}

function capitalise(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
