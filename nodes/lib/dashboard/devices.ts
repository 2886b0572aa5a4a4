/**
 * The devices a dashboard widget knows: the latest reading (or failure) per device, how fresh
 * it is, and a bounded number of them. Shared by the printers panel and the Wi-Fi panel, which
 * differ only in whose messages they read (through that producer's contract) and how they draw.
 */
import { stateKey, type DeviceIdentity, type DeviceRead, type Problem } from "../contract";
import { finiteNumber, isRecord } from "../json";
import { effectiveInterval, readFreshness, staleAt, touch, type Freshness } from "./freshness";
import { text } from "./input";

/** One device as a board saves it: the last good reading as its producer sent it, read back through the producer's reader. */
export interface SavedDevice {
    key: string;
    host: string;
    device: string;
    /** The last reachable payload (the producer's own shape), absent when it was never read. */
    payload?: unknown;
    failure?: { time?: string; message: string; code: string };
    freshness: Freshness;
}

export interface Tracked<R> {
    key: string;
    host: string;
    /** The name shown: the reading's device name, else the message topic, else the host. */
    device: string;
    /** The last good reading, kept while the device fails so its values stay visible (greyed). */
    reading?: R;
    /** Set when the latest message said the device could not be read. */
    failure?: { time?: string; message: string; code: string };
    freshness: Freshness;
}

/**
 * `P` is the producer's payload type, `R` what a widget keeps of it: `read` is the producer's
 * reader, `keep` picks and prepares what the widget draws.
 */
export class DeviceRegistry<P extends { device: string; host: string; reachable: true }, R> {
    private readonly entries = new Map<string, Tracked<R>>();
    /** The last reachable payload of each device, kept for saving (it shares its lists with the reading). */
    private readonly payloads = new Map<string, P>();

    constructor(
        private readonly options: {
            max: number;
            stalePolls: number;
            /** Told the key of a device dropped to make room for a newer one. */
            evicted?: (key: string) => void;
        },
        private readonly read: (payload: unknown) => DeviceRead<P>,
        private readonly keep: (payload: P) => R,
    ) {}

    get size(): number {
        return this.entries.size;
    }

    clear(): void {
        this.entries.clear();
        this.payloads.clear();
    }

    /** Everything known, least recently heard from first. */
    all(): Tracked<R>[] {
        return Array.from(this.entries.values());
    }

    /**
     * Take in one output-1 message of a query node. Returns the problem (and changes nothing)
     * when the message is not a device reading of this producer.
     */
    update(msg: Record<string, unknown>, now: number): Problem | undefined {
        const read = this.read(msg.payload);
        if (!read.ok) return read.problem;
        const p = read.payload;
        const host = text(p.host);
        const key = this.keyOf(read.identity, msg);
        const previous = this.entries.get(key);
        const entry: Tracked<R> = {
            key,
            host,
            device: text(p.device) || text(msg.topic) || previous?.device || host,
            reading: previous?.reading,
            freshness: touch(previous?.freshness, now),
        };
        if (!p.reachable) {
            const failure = { message: text(p.error.message, 300), code: text(p.error.code) };
            entry.failure = p.time === "" ? failure : { time: p.time, ...failure };
        } else {
            entry.reading = this.keep(p);
            this.payloads.set(key, p);
        }
        // Re-insert so that Map order is "least recently heard from" first, for eviction.
        this.entries.delete(key);
        this.entries.set(key, entry);
        this.evict();
        return undefined;
    }

    private evict(): void {
        while (this.entries.size > this.options.max) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
            this.payloads.delete(oldest);
            this.options.evicted?.(oldest);
        }
    }

    /** Every device as saved, least recently heard from first. */
    snapshot(): SavedDevice[] {
        return this.all().map((e) => {
            const saved: SavedDevice = { key: e.key, host: e.host, device: e.device, freshness: e.freshness };
            const payload = this.payloads.get(e.key);
            if (payload !== undefined) saved.payload = payload;
            if (e.failure !== undefined) saved.failure = e.failure;
            return saved;
        });
    }

    /**
     * Take back saved devices (a restart): each payload is read again through the producer's
     * reader. A device heard from since the start is newer than its saved copy and stays as it
     * is; the saved ones go before it, as heard from longer ago. Returns how many saved devices
     * could not be read (and were left out).
     */
    merge(saved: unknown[]): number {
        const current = new Map(this.entries);
        this.entries.clear();
        let dropped = 0;
        for (const raw of saved) {
            const entry = this.readSaved(raw);
            if (entry === null) {
                dropped++;
                continue;
            }
            if (current.has(entry.tracked.key)) continue;
            this.entries.delete(entry.tracked.key);
            this.entries.set(entry.tracked.key, entry.tracked);
            if (entry.payload !== undefined) this.payloads.set(entry.tracked.key, entry.payload);
        }
        for (const [key, e] of current) {
            this.entries.delete(key);
            this.entries.set(key, e);
        }
        this.evict();
        return dropped;
    }

    private readSaved(raw: unknown): { tracked: Tracked<R>; payload?: P } | null {
        if (!isRecord(raw)) return null;
        const key = text(raw.key, 400);
        const freshness = readFreshness(raw.freshness);
        if (key === "" || freshness === null) return null;
        const tracked: Tracked<R> = { key, host: text(raw.host), device: text(raw.device), freshness };
        let payload: P | undefined;
        if (raw.payload !== undefined) {
            const read = this.read(raw.payload);
            if (!read.ok || !read.payload.reachable) return null;
            payload = read.payload;
            tracked.reading = this.keep(payload);
            tracked.host ||= text(payload.host);
        }
        if (isRecord(raw.failure)) {
            const failure = { message: text(raw.failure.message, 300), code: text(raw.failure.code) };
            const time = text(raw.failure.time);
            tracked.failure = time === "" ? failure : { time, ...failure };
        }
        if (tracked.host === "") return null;
        tracked.device ||= tracked.host;
        return payload === undefined ? { tracked } : { tracked, payload };
    }

    /** The key of the device a message is about: its host, and its port when the message says. */
    keyOf(identity: DeviceIdentity, msg: Record<string, unknown>): string {
        return stateKey({
            host: text(identity.host),
            port: identity.port ?? finiteNumber(msg.port) ?? undefined,
        });
    }

    /** When a device turns stale: N of its polling intervals without a message. */
    private staleTime(e: Tracked<R>, all: Freshness[]): number | undefined {
        return staleAt(e.freshness.lastSeen, effectiveInterval(e.freshness, all), this.options.stalePolls);
    }

    /** Whether each device is stale at `now`, by key. */
    staleness(now: number): Map<string, boolean> {
        const all = this.all().map((e) => e.freshness);
        const out = new Map<string, boolean>();
        for (const e of this.entries.values()) {
            const at = this.staleTime(e, all);
            out.set(e.key, at !== undefined && now >= at);
        }
        return out;
    }

    /** The next time (after `now`) at which a device turns stale, if any: the view changes then. */
    nextChange(now: number): number | undefined {
        const all = this.all().map((e) => e.freshness);
        let next: number | undefined;
        for (const e of this.entries.values()) {
            const at = this.staleTime(e, all);
            if (at !== undefined && at > now && (next === undefined || at < next)) next = at;
        }
        return next;
    }
}
