/**
 * Output 3: who joined, left or roamed between two polls of the same device. Pure: the node
 * keeps the previous state per device and passes it in.
 */
import type { ApEvent, ApReading } from "./contract";

export type { ApEvent } from "./contract";

export interface ClientState {
    /** AP id (stable key), and its name for messages. */
    apId?: string;
    ap?: string;
    ssid?: string;
    name?: string;
    signal?: number;
}

export type ClientStates = Map<string, ClientState>;

/** The per-client state of a reading (client MAC -> where it is). */
export function clientStates(reading: ApReading, clientAps: ReadonlyMap<string, string>): ClientStates {
    const states: ClientStates = new Map();
    for (const c of reading.clients) {
        const s: ClientState = {};
        const apId = clientAps.get(c.mac);
        if (apId !== undefined) s.apId = apId;
        if (c.ap !== undefined) s.ap = c.ap;
        if (c.ssid !== undefined) s.ssid = c.ssid;
        if (c.name !== undefined) s.name = c.name;
        if (c.signal !== undefined) s.signal = c.signal;
        states.set(c.mac, s);
    }
    return states;
}

function event(
    kind: ApEvent["event"],
    mac: string,
    s: ClientState,
    time: string,
    previousAp?: string,
): ApEvent {
    // Documented key order: event, mac, name, ap, previousAp, ssid, signal, time.
    return {
        event: kind,
        mac,
        ...(s.name !== undefined ? { name: s.name } : {}),
        ...(s.ap !== undefined ? { ap: s.ap } : {}),
        ...(previousAp !== undefined ? { previousAp } : {}),
        ...(s.ssid !== undefined ? { ssid: s.ssid } : {}),
        ...(s.signal !== undefined ? { signal: s.signal } : {}),
        time,
    };
}

/** Events from `prev` to `next`: joined and roamed in the new order, then left. */
export function diffClients(prev: ClientStates, next: ClientStates, time: string): ApEvent[] {
    const out: ApEvent[] = [];
    for (const [mac, now] of next) {
        const before = prev.get(mac);
        if (before === undefined) out.push(event("joined", mac, now, time));
        else if (before.apId !== now.apId)
            out.push(event("roamed", mac, now, time, before.ap ?? before.apId));
    }
    for (const [mac, before] of prev) {
        if (!next.has(mac)) out.push(event("left", mac, before, time));
    }
    return out;
}
