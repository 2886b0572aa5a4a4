/**
 * Output 3: who joined, left or roamed between two polls of the same device. Pure: the node
 * keeps the previous state per device and passes it in.
 */
import { finish, ROWS_PER_STEP, type Steps } from "../slices";
import type { ApEvent, ApReading } from "./contract";

export type { ApEvent } from "./contract";

export interface ClientState {
    /** AP id (stable key), and its name for messages. */
    apId?: string;
    ap?: string;
    ssid?: string;
    name?: string;
    signal?: number;
    /** A private (randomised) MAC: the same device may come back under another one. */
    randomMac?: boolean;
}

export type ClientStates = Map<string, ClientState>;

/** The per-client state of a reading (client MAC -> where it is). */
export function clientStates(reading: ApReading, clientAps: ReadonlyMap<string, string>): ClientStates {
    return finish(clientStatesSteps(reading, clientAps));
}

/** {@link clientStates} in pause-able steps (slices.ts). */
export function* clientStatesSteps(
    reading: ApReading,
    clientAps: ReadonlyMap<string, string>,
): Steps<ClientStates> {
    const states: ClientStates = new Map();
    let n = 0;
    for (const c of reading.clients) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const s: ClientState = {};
        const apId = clientAps.get(c.mac);
        if (apId !== undefined) s.apId = apId;
        if (c.ap !== undefined) s.ap = c.ap;
        if (c.ssid !== undefined) s.ssid = c.ssid;
        if (c.name !== undefined) s.name = c.name;
        if (c.signal !== undefined) s.signal = c.signal;
        if (c.randomMac === true) s.randomMac = true;
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
    // Documented key order: event, mac, name, ap, previousAp, ssid, signal, randomMac, time.
    return {
        event: kind,
        mac,
        ...(s.name !== undefined ? { name: s.name } : {}),
        ...(s.ap !== undefined ? { ap: s.ap } : {}),
        ...(previousAp !== undefined ? { previousAp } : {}),
        ...(s.ssid !== undefined ? { ssid: s.ssid } : {}),
        ...(s.signal !== undefined ? { signal: s.signal } : {}),
        ...(s.randomMac === true ? { randomMac: true } : {}),
        time,
    };
}

/**
 * Events from `prev` to `next`: joined and roamed in the new order, then left. A phone that
 * comes back under a new private MAC is, to the device, a new client: a `joined` (and its old
 * MAC a `left` once the device drops it), flagged `randomMac` so that flows can tell.
 */
export function diffClients(prev: ClientStates, next: ClientStates, time: string): ApEvent[] {
    return finish(diffClientsSteps(prev, next, time));
}

/** {@link diffClients} in pause-able steps (slices.ts). */
export function* diffClientsSteps(prev: ClientStates, next: ClientStates, time: string): Steps<ApEvent[]> {
    const out: ApEvent[] = [];
    let n = 0;
    for (const [mac, now] of next) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const before = prev.get(mac);
        if (before === undefined) out.push(event("joined", mac, now, time));
        else if (before.apId !== now.apId)
            out.push(event("roamed", mac, now, time, before.ap ?? before.apId));
    }
    for (const [mac, before] of prev) {
        if (++n % ROWS_PER_STEP === 0) yield;
        if (!next.has(mac)) out.push(event("left", mac, before, time));
    }
    return out;
}
