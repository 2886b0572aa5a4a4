/**
 * The engine of snmp-office-mqtt: takes the messages of the query nodes (and `cleanup`, and Home
 * Assistant's birth message) and answers with the MQTT messages to publish, ready for Node-RED's
 * `mqtt out` node: `{topic, payload, retain: true}`.
 *
 * Nothing floods the broker: every retained topic the package owns is remembered with a
 * fingerprint of what was last sent, and only a changed payload is sent again. Home Assistant's
 * birth message (`<prefix>/status` = `online`) sends everything once more, as HA's docs advise.
 * What is no longer wanted (a supply removed, a device gone, a setting changed) is cleared with
 * an empty retained message, which is how HA deletes a discovered entity.
 *
 * No timers and no Node-RED here: the node passes the time in and keeps the state.
 */
import { createHash } from "node:crypto";
import type { DeviceIdentity } from "../contract";
import { isRecord, numeric } from "../json";
import { readApPayload } from "../ap/contract";
import { readPrinterPayload, type PrinterPayload } from "../printer/contract";
import { stateJson, type DeviceSpec } from "./device";
import {
    availabilityTopic,
    birthTopic,
    configTopic,
    entityConfig,
    plainTopic,
    stateTopic,
    type Origin,
    type TopicSettings,
} from "./discovery";
import { printerId, wifiId, type DeviceId } from "./ids";
import { printerDevice } from "./printer";
import { MAX_DEVICES, MAX_ENTITIES, type PublishedState, type StoredDevice } from "./state";
import { wifiDevices } from "./wifi";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** `cleanup` removes devices not heard of for this long unless `msg.payload.hours` says otherwise. */
export const CLEANUP_HOURS = 1;
/** The sweep for devices unseen for the set number of days runs at most this often. */
const SWEEP_EVERY_MS = 60_000;

export interface PublisherOptions {
    topics: TopicSettings;
    origin: Origin;
    /** Publish Home Assistant discovery configs. */
    discovery: boolean;
    /** Publish one number per retained topic for users without Home Assistant. */
    plain: boolean;
    /** Devices and entities unseen for this long are removed; 0 keeps them. */
    expireMs: number;
}

/** One message for Node-RED's mqtt out node (an object payload is sent as JSON). */
export interface MqttMessage {
    topic: string;
    payload: string | Record<string, unknown>;
    retain: true;
}

export type Outcome =
    | { kind: "published"; messages: MqttMessage[]; device: string }
    | { kind: "birth"; messages: MqttMessage[] }
    | { kind: "cleanup"; messages: MqttMessage[]; removed: { devices: number; entities: number } }
    /** An unreachable device never read before: nothing is known to publish yet. */
    | { kind: "unknown-device"; messages: MqttMessage[]; host: string }
    | { kind: "ignored"; messages: MqttMessage[] }
    | { kind: "error"; messages: MqttMessage[]; error: "not-device" | "no-host"; what: string };

export interface Summary {
    devices: number;
    offline: number;
    entities: number;
}

type Payload = string | Record<string, unknown>;

function text(payload: Payload): string {
    return typeof payload === "string" ? payload : JSON.stringify(payload);
}

function fingerprint(payload: Payload): string {
    return createHash("sha1").update(text(payload)).digest("base64url").slice(0, 16);
}

function retained(topic: string, payload: Payload): MqttMessage {
    return { topic, payload, retain: true };
}

export class MqttPublisher {
    /** What was last published per topic in this process, for HA's birth message. */
    private readonly sent = new Map<string, Payload>();
    /** Devices whose topics are not all in `sent`: their next reading publishes everything. */
    private readonly forced = new Set<string>();
    private lastSweep = 0;
    private dirty = false;
    /** Problems to say once (node.warn), taken by the node. */
    readonly notes: string[] = [];

    constructor(
        private readonly state: PublishedState,
        private readonly options: PublisherOptions,
    ) {}

    /** The state to store (see state.ts). */
    get stored(): PublishedState {
        return this.state;
    }

    /** Whether the state changed since the last call (the node then saves it). */
    takeChanged(): boolean {
        const changed = this.dirty;
        this.dirty = false;
        return changed;
    }

    summary(): Summary {
        let offline = 0;
        let entities = 0;
        const devices = Object.values(this.state.devices);
        for (const d of devices) {
            if (!d.online) offline++;
            entities += Object.keys(d.entities).length;
        }
        return { devices: devices.length, offline, entities };
    }

    /** One input message: a query node's output 1, `cleanup`, or HA's birth message. */
    handle(msg: { topic?: unknown; payload?: unknown }, now: number): Outcome {
        const outcome = this.route(msg, now);
        outcome.messages.unshift(...this.sweep(now));
        return outcome;
    }

    private route(msg: { topic?: unknown; payload?: unknown }, now: number): Outcome {
        if (msg.topic === "cleanup") return this.cleanup(msg.payload, now);
        if (msg.topic === birthTopic(this.options.topics)) {
            const said = Buffer.isBuffer(msg.payload) ? msg.payload.toString() : msg.payload;
            return said === "online"
                ? { kind: "birth", messages: this.birth() }
                : { kind: "ignored", messages: [] };
        }
        const printer = readPrinterPayload(msg.payload);
        if (printer.ok) {
            const p = printer.payload;
            if (p.reachable === false) return this.unreachable(printer.identity, now);
            return this.publishPrinter(p, printer.identity, now);
        }
        if (printer.problem.code === "wrong-kind") {
            const ap = readApPayload(msg.payload);
            if (ap.ok && ap.payload.reachable) {
                const r = ap.payload;
                const id = wifiId({ device: r.device, host: r.host, port: ap.identity.port });
                return this.publish(wifiDevices(r, ap.identity, id), now);
            }
            if (!ap.ok && ap.problem.code !== "wrong-kind") {
                return { kind: "error", messages: [], error: "no-host", what: ap.problem.what };
            }
        }
        const code = printer.problem.code === "no-host" ? "no-host" : "not-device";
        return { kind: "error", messages: [], error: code, what: printer.problem.what };
    }

    private publishPrinter(p: PrinterPayload, identity: DeviceIdentity, now: number): Outcome {
        return this.publish([printerDevice(p, identity, this.printerIdFor(p, identity))], now);
    }

    /**
     * A printer's id: by serial when it gives a usable one. Without one (a serial that did not
     * answer this time), the id this address and name had before is kept, so that one missed
     * serial does not make a second device.
     */
    private printerIdFor(p: PrinterPayload, identity: DeviceIdentity): DeviceId {
        const id = printerId({ serial: p.serial, device: p.device, host: p.host, port: identity.port });
        if (id.basis === "serial") return id;
        const before = this.deviceAt(identity, (d) => d.kind === "printer" && d.name === p.device);
        return before !== null ? { ...id, id: before } : id;
    }

    /** The most recently read device last polled at this address, or null. */
    private deviceAt(
        identity: DeviceIdentity,
        where: (d: StoredDevice) => boolean = () => true,
    ): string | null {
        let best: string | null = null;
        let bestTime = -Infinity;
        for (const [id, d] of Object.entries(this.state.devices)) {
            if (d.kind === "ap" || d.host !== identity.host || !where(d)) continue;
            if (identity.port !== undefined && d.port !== undefined && d.port !== identity.port) continue;
            const time = d.lastReading ?? d.lastSeen;
            if (time > bestTime) {
                best = id;
                bestTime = time;
            }
        }
        return best;
    }

    private children(id: string): string[] {
        return Object.keys(this.state.devices).filter((c) => this.state.devices[c]?.parent === id);
    }

    /** A reading: the polled device first, then the APs behind it (a controller). */
    private publish(specs: DeviceSpec[], now: number): Outcome {
        const main = specs[0];
        if (main === undefined) return { kind: "ignored", messages: [] };
        const messages: MqttMessage[] = [];
        for (const spec of specs) messages.push(...this.apply(spec, now));
        // APs the controller no longer lists are offline until they are back or expire.
        const listed = new Set(specs.map((s) => s.id));
        for (const child of this.children(main.id)) {
            if (!listed.has(child)) messages.push(...this.setOnline(child, false));
        }
        return { kind: "published", messages, device: main.name };
    }

    private record(spec: DeviceSpec, now: number): StoredDevice | null {
        let rec = this.state.devices[spec.id];
        if (rec === undefined) {
            if (Object.keys(this.state.devices).length >= MAX_DEVICES) {
                this.note(`more than ${MAX_DEVICES} devices: "${spec.name}" is not published`);
                return null;
            }
            rec = {
                kind: spec.kind,
                name: spec.name,
                host: spec.host,
                lastSeen: now,
                lastReading: now,
                online: true,
                entities: {},
                topics: {},
            };
            this.state.devices[spec.id] = rec;
        }
        rec.kind = spec.kind;
        rec.name = spec.name;
        rec.host = spec.host;
        if (spec.port !== undefined) rec.port = spec.port;
        else delete rec.port;
        if (spec.parent !== undefined) rec.parent = spec.parent;
        else delete rec.parent;
        rec.lastSeen = now;
        rec.lastReading = now;
        rec.online = true;
        this.dirty = true;
        return rec;
    }

    /** One device of a reading: what should be retained now, against what was. */
    private apply(spec: DeviceSpec, now: number): MqttMessage[] {
        const rec = this.record(spec, now);
        if (rec === null) return [];
        const { topics, discovery, plain, expireMs } = this.options;
        const entities = spec.entities.slice(0, MAX_ENTITIES);
        if (spec.entities.length > MAX_ENTITIES) {
            this.note(`"${spec.name}" has more than ${MAX_ENTITIES} entities: the rest are not published`);
        }
        const present = new Set(entities.map((e) => e.key));
        for (const e of entities) rec.entities[e.key] = { component: e.component, lastSeen: now };
        const missing: string[] = [];
        const kept = new Set<string>();
        for (const [key, e] of Object.entries(rec.entities)) {
            if (present.has(key)) continue;
            if (expireMs > 0 && now - e.lastSeen > expireMs) {
                delete rec.entities[key];
                continue;
            }
            // Still published (until cleanup or expiry), with an unknown state.
            missing.push(key);
            kept.add(configTopic(topics, e.component, spec.id, key));
        }
        const desired = new Map<string, Payload>();
        if (discovery) {
            for (const e of entities) {
                desired.set(
                    configTopic(topics, e.component, spec.id, e.key),
                    entityConfig(topics, this.options.origin, spec, e),
                );
            }
        }
        desired.set(availabilityTopic(topics, spec.id), "online");
        desired.set(stateTopic(topics, spec.id), stateJson(entities, missing));
        if (plain) {
            for (const e of entities) {
                if (e.plain === true && typeof e.value === "number")
                    desired.set(plainTopic(topics, spec.id, e.key), String(e.value));
            }
        }
        const force = this.forced.delete(spec.id);
        return this.sync(rec, desired, kept, force);
    }

    /** Sends what changed, clears what is no longer wanted (except `kept`), and remembers it. */
    private sync(
        rec: StoredDevice,
        desired: Map<string, Payload>,
        kept: Set<string>,
        force: boolean,
    ): MqttMessage[] {
        const clears: MqttMessage[] = [];
        for (const topic of Object.keys(rec.topics)) {
            if (desired.has(topic) || kept.has(topic)) continue;
            delete rec.topics[topic];
            this.sent.delete(topic);
            clears.push(retained(topic, ""));
        }
        const sends: MqttMessage[] = [];
        for (const [topic, payload] of desired) {
            const print = fingerprint(payload);
            this.sent.set(topic, payload);
            if (!force && rec.topics[topic] === print) continue;
            rec.topics[topic] = print;
            sends.push(retained(topic, payload));
        }
        if (clears.length > 0 || sends.length > 0) this.dirty = true;
        return [...clears.sort(byConfigFirst), ...sends];
    }

    /** Publishes one retained topic of a device when its payload changed. */
    private setTopic(rec: StoredDevice, topic: string, payload: Payload): MqttMessage[] {
        const print = fingerprint(payload);
        this.sent.set(topic, payload);
        if (rec.topics[topic] === print) return [];
        rec.topics[topic] = print;
        this.dirty = true;
        return [retained(topic, payload)];
    }

    private setOnline(id: string, online: boolean): MqttMessage[] {
        const rec = this.state.devices[id];
        if (rec === undefined) return [];
        if (rec.online !== online) this.dirty = true;
        rec.online = online;
        return this.setTopic(rec, availabilityTopic(this.options.topics, id), online ? "online" : "offline");
    }

    /** A failed poll: the device (and the APs behind it) is offline; nothing else changes. */
    private unreachable(identity: DeviceIdentity, now: number): Outcome {
        const id = this.deviceAt(identity);
        if (id === null) return { kind: "unknown-device", messages: [], host: identity.host };
        const rec = this.state.devices[id];
        if (rec !== undefined) rec.lastSeen = now;
        this.dirty = true;
        const messages = [id, ...this.children(id)].flatMap((d) => this.setOnline(d, false));
        return { kind: "published", messages, device: rec?.name ?? identity.host };
    }

    /**
     * Home Assistant (re)started: everything retained is sent once more, configs first. Topics of
     * devices not read since this process started are not known here: those devices send all
     * their topics with their next reading.
     */
    private birth(): MqttMessage[] {
        const configs: MqttMessage[] = [];
        const others: MqttMessage[] = [];
        for (const [id, rec] of Object.entries(this.state.devices)) {
            for (const topic of Object.keys(rec.topics)) {
                const payload = this.sent.get(topic);
                if (payload === undefined) {
                    this.forced.add(id);
                    continue;
                }
                (topic.endsWith("/config") ? configs : others).push(retained(topic, payload));
            }
        }
        return [...configs, ...others];
    }

    /** Removes a device, the APs behind it, and everything they published. */
    private remove(id: string): MqttMessage[] {
        const rec = this.state.devices[id];
        if (rec === undefined) return [];
        const messages = this.children(id).flatMap((child) => this.remove(child));
        const topics = Object.keys(rec.topics).sort((a, b) =>
            byConfigFirst(retained(a, ""), retained(b, "")),
        );
        for (const topic of topics) {
            this.sent.delete(topic);
            messages.push(retained(topic, ""));
        }
        delete this.state.devices[id];
        this.forced.delete(id);
        this.dirty = true;
        return messages;
    }

    /** Removes one entity of a device: its config and plain topics, and its part of the state. */
    private removeEntity(id: string, rec: StoredDevice, key: string): MqttMessage[] {
        const e = rec.entities[key];
        if (e === undefined) return [];
        delete rec.entities[key];
        this.dirty = true;
        const { topics } = this.options;
        const out: MqttMessage[] = [];
        for (const topic of [configTopic(topics, e.component, id, key), plainTopic(topics, id, key)]) {
            if (rec.topics[topic] === undefined) continue;
            delete rec.topics[topic];
            this.sent.delete(topic);
            out.push(retained(topic, ""));
        }
        return out;
    }

    /**
     * `cleanup`: devices not heard of for `hours` (default 1) are removed, and of the others,
     * every entity their latest reading no longer had (a supply taken out, an SSID gone).
     */
    private cleanup(payload: unknown, now: number): Outcome {
        const given = isRecord(payload) ? numeric(payload.hours) : numeric(payload);
        const hours = given !== null && given >= 0 ? given : CLEANUP_HOURS;
        const messages: MqttMessage[] = [];
        let devices = 0;
        let entities = 0;
        for (const [id, rec] of Object.entries(this.state.devices)) {
            if (this.state.devices[id] === undefined || now - rec.lastSeen <= hours * HOUR_MS) continue;
            devices += 1 + this.children(id).length;
            messages.push(...this.remove(id));
        }
        for (const [id, rec] of Object.entries(this.state.devices)) {
            const reading = rec.lastReading;
            if (reading === null) continue;
            const stale = Object.keys(rec.entities).filter(
                (key) => (rec.entities[key]?.lastSeen ?? 0) < reading,
            );
            if (stale.length === 0) continue;
            for (const key of stale) messages.push(...this.removeEntity(id, rec, key));
            entities += stale.length;
            messages.push(...this.withoutStale(id, rec, stale));
        }
        return { kind: "cleanup", messages, removed: { devices, entities } };
    }

    /** The device's state topic again without the entities just removed (when it was sent here). */
    private withoutStale(id: string, rec: StoredDevice, keys: string[]): MqttMessage[] {
        const topic = stateTopic(this.options.topics, id);
        const last = this.sent.get(topic);
        if (last === undefined || typeof last === "string") return [];
        const state = { ...last };
        const attributes = isRecord(state.attributes) ? { ...state.attributes } : {};
        for (const key of keys) {
            const objectKey = key.replace(/\//g, "_");
            delete state[objectKey];
            delete attributes[objectKey];
        }
        state.attributes = attributes;
        return this.setTopic(rec, topic, state);
    }

    /** Devices not heard of for the set number of days are removed (checked once a minute). */
    private sweep(now: number): MqttMessage[] {
        const { expireMs } = this.options;
        if (expireMs <= 0 || now - this.lastSweep < SWEEP_EVERY_MS) return [];
        this.lastSweep = now;
        const out: MqttMessage[] = [];
        for (const [id, rec] of Object.entries(this.state.devices)) {
            if (this.state.devices[id] !== undefined && now - rec.lastSeen > expireMs)
                out.push(...this.remove(id));
        }
        return out;
    }

    private note(text: string): void {
        if (!this.notes.includes(text)) this.notes.push(text);
    }
}

/** Discovery configs are cleared before state topics, so that HA never reads a state without a config. */
function byConfigFirst(a: MqttMessage, b: MqttMessage): number {
    return Number(!a.topic.endsWith("/config")) - Number(!b.topic.endsWith("/config"));
}
