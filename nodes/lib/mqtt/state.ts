/**
 * What snmp-office-mqtt remembers of what it published, kept over redeploys and restarts so that
 * a restart neither sends every config again nor leaves entities behind: per device, its entities
 * (and when a reading last had each), and every retained topic it owns with a fingerprint of the
 * payload last sent there. Versioned, read back defensively, bounded.
 */
import { finiteNumber, isRecord, oneOf, textOf, type JsonRecord } from "../json";
import type { Component, DeviceKind } from "./device";

export const STATE_VERSION = 1;
/** Devices remembered at most; a flow inventing hosts cannot grow the state without limit. */
export const MAX_DEVICES = 2000;
/** Entities and topics per device at most (a printer has a few dozen, a controller's AP fewer). */
export const MAX_ENTITIES = 400;
export const MAX_TOPICS = 2 * MAX_ENTITIES + 4;

export interface StoredEntity {
    component: Component;
    /** When a reading last had this entity (ms since the epoch). */
    lastSeen: number;
}

export interface StoredDevice {
    kind: DeviceKind;
    name: string;
    host: string;
    port?: number;
    /** The controller's device id, for an AP behind one. */
    parent?: string;
    /** The last message about the device, read or not (ms). */
    lastSeen: number;
    /** The last reading of the device (ms), null when it never answered. */
    lastReading: number | null;
    online: boolean;
    entities: Record<string, StoredEntity>;
    /** Retained topic -> fingerprint of the payload last published there. */
    topics: Record<string, string>;
}

export interface PublishedState {
    version: typeof STATE_VERSION;
    devices: Record<string, StoredDevice>;
}

export function emptyState(): PublishedState {
    return { version: STATE_VERSION, devices: {} };
}

const COMPONENTS: ReadonlySet<Component> = new Set(["sensor", "binary_sensor"]);
const KINDS: ReadonlySet<DeviceKind> = new Set(["printer", "wifi", "ap"]);

function readEntities(value: unknown): Record<string, StoredEntity> {
    const out: Record<string, StoredEntity> = {};
    if (!isRecord(value)) return out;
    for (const [key, e] of Object.entries(value).slice(0, MAX_ENTITIES)) {
        if (!isRecord(e)) continue;
        const component = oneOf(e.component, COMPONENTS);
        const lastSeen = finiteNumber(e.lastSeen);
        if (component !== null && lastSeen !== null) out[key] = { component, lastSeen };
    }
    return out;
}

function readTopics(value: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (!isRecord(value)) return out;
    for (const [topic, fingerprint] of Object.entries(value).slice(0, MAX_TOPICS)) {
        if (typeof fingerprint === "string") out[topic] = fingerprint;
    }
    return out;
}

function readDevice(d: JsonRecord): StoredDevice | null {
    const kind = oneOf(d.kind, KINDS);
    const host = textOf(d.host);
    const lastSeen = finiteNumber(d.lastSeen);
    if (kind === null || host === null || lastSeen === null) return null;
    const device: StoredDevice = {
        kind,
        name: textOf(d.name) ?? host,
        host,
        lastSeen,
        lastReading: finiteNumber(d.lastReading),
        online: d.online === true,
        entities: readEntities(d.entities),
        topics: readTopics(d.topics),
    };
    const port = finiteNumber(d.port);
    const parent = textOf(d.parent);
    if (port !== null) device.port = port;
    if (parent !== null) device.parent = parent;
    return device;
}

export interface LoadedState {
    state: PublishedState;
    /** The stored value was there but not in a form this version reads (said once, then started afresh). */
    unreadable: boolean;
    /** Device entries that were damaged and left out. */
    dropped: number;
}

/** The stored state read back; nothing stored is an empty state, never an error. */
export function loadState(value: unknown): LoadedState {
    if (value === undefined || value === null) return { state: emptyState(), unreadable: false, dropped: 0 };
    if (!isRecord(value) || value.version !== STATE_VERSION || !isRecord(value.devices)) {
        return { state: emptyState(), unreadable: true, dropped: 0 };
    }
    const state = emptyState();
    let dropped = 0;
    for (const [id, d] of Object.entries(value.devices)) {
        const device = isRecord(d) ? readDevice(d) : null;
        if (device === null || Object.keys(state.devices).length >= MAX_DEVICES) dropped++;
        else state.devices[id] = device;
    }
    return { state, unreadable: false, dropped };
}
