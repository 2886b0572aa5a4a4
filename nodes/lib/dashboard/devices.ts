/**
 * The devices a dashboard widget knows: the latest reading (or failure) per device, how fresh
 * it is, and a bounded number of them. Shared by the printers panel and the Wi-Fi panel, which
 * differ only in whose messages they read (through that producer's contract) and how they draw.
 */
import { stateKey, type DeviceIdentity, type DeviceRead, type Problem } from "../contract";
import { finiteNumber } from "../json";
import { effectiveInterval, staleAt, touch, type Freshness } from "./freshness";
import { text } from "./input";

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
        }
        // Re-insert so that Map order is "least recently heard from" first, for eviction.
        this.entries.delete(key);
        this.entries.set(key, entry);
        while (this.entries.size > this.options.max) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
            this.options.evicted?.(oldest);
        }
        return undefined;
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
