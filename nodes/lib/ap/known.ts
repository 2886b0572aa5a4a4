/**
 * What an ap-clients node remembers between polls for its joined / left / roamed events (output
 * 3), as stored state: per device (`host:port`), the clients seen at the last complete poll and
 * where they were. Kept over deploys and restarts, so that the first poll after a restart
 * reports what really changed instead of starting from nothing.
 *
 * Lists, not objects keyed by device or MAC (a key is never a user string), with full field
 * names and a version; read back entry by entry, a damaged entry is dropped and counted.
 */
import { finiteNumber, isRecord, records, textOf } from "../json";
import type { ClientState, ClientStates } from "./events";

export const KNOWN_CLIENTS_VERSION = 1;

/** Clients written at most, over all devices; the devices polled longest ago are left out first. */
export const MAX_SAVED_CLIENTS = 100_000;

export interface SavedClient {
    mac: string;
    apId?: string;
    ap?: string;
    ssid?: string;
    name?: string;
    signal?: number;
}

export interface KnownClientsState {
    version: typeof KNOWN_CLIENTS_VERSION;
    /** Least recently polled first. */
    devices: { device: string; clients: SavedClient[] }[];
}

/** The stored form of the per-device client states (given least recently used first). */
export function saveKnownClients(
    devices: Iterable<[string, ClientStates]>,
    maxClients = MAX_SAVED_CLIENTS,
): KnownClientsState {
    const all = Array.from(devices);
    // Keep the most recently polled devices whole, up to the cap.
    let room = maxClients;
    let first = all.length;
    while (first > 0 && (all[first - 1]?.[1].size ?? 0) <= room) {
        first--;
        room -= all[first]?.[1].size ?? 0;
    }
    return {
        version: KNOWN_CLIENTS_VERSION,
        devices: all.slice(first).map(([device, states]) => ({
            device,
            clients: Array.from(states, ([mac, s]) => ({ mac, ...s })),
        })),
    };
}

export type KnownRead =
    { ok: true; devices: [string, ClientStates][]; dropped: number } | { ok: false; why: string };

function clientState(r: Record<string, unknown>): ClientState {
    const s: ClientState = {};
    const apId = textOf(r.apId);
    const ap = textOf(r.ap);
    const ssid = textOf(r.ssid);
    const name = textOf(r.name);
    const signal = finiteNumber(r.signal);
    if (apId !== null) s.apId = apId;
    if (ap !== null) s.ap = ap;
    if (ssid !== null) s.ssid = ssid;
    if (name !== null) s.name = name;
    if (signal !== null) s.signal = signal;
    return s;
}

/** Reads stored known clients back (least recently polled first); never throws. */
export function readKnownClients(stored: unknown): KnownRead {
    if (!isRecord(stored) || !Array.isArray(stored.devices))
        return { ok: false, why: "not known-clients state" };
    if (stored.version !== KNOWN_CLIENTS_VERSION) {
        return { ok: false, why: `unknown version ${JSON.stringify(stored.version)}` };
    }
    let dropped = stored.devices.length - records(stored.devices).length;
    const devices: [string, ClientStates][] = [];
    for (const entry of records(stored.devices)) {
        const device = textOf(entry.device);
        if (device === null || !Array.isArray(entry.clients)) {
            dropped++;
            continue;
        }
        const states: ClientStates = new Map();
        for (const client of entry.clients) {
            const mac = isRecord(client) ? textOf(client.mac) : null;
            if (mac === null || !isRecord(client)) dropped++;
            else states.set(mac, clientState(client));
        }
        devices.push([device, states]);
    }
    return { ok: true, devices, dropped };
}
