/**
 * The alert state as stored (in a context store or a file): versioned, read back entry by entry,
 * migrated from older versions. Every map in it is a null-prototype object, so that a key such
 * as `__proto__` or `constructor` (a generic topic, an AP id from a device) is data like any other.
 *
 * Version 1 filed every device under its host alone. Version 2 files a device on another port
 * than 161 under `host:port`; version 1 state is read as it was, with its hosts listed in
 * `hostOnly`, so that the first device heard at each host adopts its keys (see `adoptHostOnly`).
 */
import { clientKeyPrefix } from "../ap/contract";
import { emptyMap, isRecord } from "../json";
import { cleanText } from "./format";
import type { AlertState, KeyState, Kind } from "./types";

export function emptyState(): AlertState {
    return { version: 2, keys: emptyMap(), aps: emptyMap(), hostOnly: emptyMap() };
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
        (value.since === undefined || typeof value.since === "number") &&
        (value.group === undefined || typeof value.group === "string")
    );
}

/**
 * The state read back from a store, checked entry by entry: whatever does not look like ours
 * (an unknown version, a hand edit) is left out rather than trusted.
 */
export function restoreState(raw: unknown): AlertState {
    const state = emptyState();
    if (!isRecord(raw) || (raw.version !== 1 && raw.version !== 2)) return state;
    const v1 = raw.version === 1;
    if (isRecord(raw.keys)) {
        for (const [key, ks] of Object.entries(raw.keys)) {
            if (!validKey(ks)) continue;
            state.keys[key] = ks;
            const host = ks.subject.host;
            if (!v1 || host === "") continue;
            state.hostOnly[host] = true;
            // Version 1 forgot a device's clients by key prefix; version 2 by group.
            if (ks.subject.kind === "signal") state.keys[key] = { ...ks, group: clientKeyPrefix({ host }) };
        }
    }
    if (isRecord(raw.aps)) {
        for (const [device, list] of Object.entries(raw.aps)) {
            if (!isRecord(list)) continue;
            const aps = emptyMap<string>();
            for (const [id, name] of Object.entries(list))
                if (typeof name === "string") aps[id] = cleanText(name);
            state.aps[device] = aps;
            if (v1) state.hostOnly[device] = true;
        }
    }
    if (!v1 && isRecord(raw.hostOnly)) {
        for (const [host, flag] of Object.entries(raw.hostOnly))
            if (flag === true) state.hostOnly[host] = true;
    }
    return state;
}
