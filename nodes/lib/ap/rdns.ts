/**
 * Reverse DNS names for client addresses, bounded every way a poll needs: each lookup has a
 * time limit, answers (names and "no name") are cached for a while, a poll starts at most so many
 * new lookups, and it waits for them only briefly: a name that comes later is there for the next
 * poll. A silent or slow DNS server therefore costs a poll at most that brief wait, never its
 * deadline. Closing cancels every lookup still running.
 *
 * The names come from the network: only a valid host name (RFC 1123 letters, digits, hyphens and
 * dots) is kept, so that nothing else reaches a dashboard or a log as a "hostname".
 */
import { Resolver } from "node:dns";
import net from "node:net";
import { BoundedMap } from "../bounded-map";

export interface ReverseDnsOptions {
    /** DNS servers (`127.0.0.53`, `10.0.0.1:5353`, `[::1]:53`); the system's when empty. */
    servers?: readonly string[];
    /** Time limit of one lookup (ms). */
    timeoutMs?: number;
    /** How long a name is kept (ms). */
    ttlMs?: number;
    /** How long "no name" (or a failed lookup) is kept (ms). */
    negativeTtlMs?: number;
    /** Most addresses kept in the cache. */
    capacity?: number;
    /** Most new lookups one poll starts. */
    maxPerPoll?: number;
    /** Longest a poll waits for lookups it started (ms). */
    waitMs?: number;
    now?: () => number;
}

export const REVERSE_DNS_DEFAULTS = {
    timeoutMs: 2000,
    ttlMs: 60 * 60_000,
    negativeTtlMs: 10 * 60_000,
    capacity: 20_000,
    maxPerPoll: 200,
    waitMs: 300,
} as const;

interface Cached {
    name: string | undefined;
    until: number;
}

/** RFC 1123 host name: labels of letters, digits and inner hyphens, at most 253 characters. */
const HOST_NAME =
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** The name as shown (no root dot), or undefined when it is no valid host name. */
export function cleanHostName(name: unknown): string | undefined {
    if (typeof name !== "string") return undefined;
    const text = name.endsWith(".") ? name.slice(0, -1) : name;
    return HOST_NAME.test(text) ? text : undefined;
}

/** Errors after which the address is asked again at once next time (the lookup was stopped). */
const NOT_AN_ANSWER = new Set(["ECANCELLED", "EDESTRUCTION"]);

export class ReverseDns {
    private readonly resolver: Resolver;
    private readonly cache: BoundedMap<string, Cached>;
    private readonly pending = new Map<string, Promise<void>>();
    private readonly o: Required<Omit<ReverseDnsOptions, "servers" | "now">>;
    private readonly now: () => number;
    private closed = false;
    /** Lookups started, for tests and the bench. */
    started = 0;

    constructor(options: ReverseDnsOptions = {}) {
        this.o = {
            timeoutMs: options.timeoutMs ?? REVERSE_DNS_DEFAULTS.timeoutMs,
            ttlMs: options.ttlMs ?? REVERSE_DNS_DEFAULTS.ttlMs,
            negativeTtlMs: options.negativeTtlMs ?? REVERSE_DNS_DEFAULTS.negativeTtlMs,
            capacity: options.capacity ?? REVERSE_DNS_DEFAULTS.capacity,
            maxPerPoll: options.maxPerPoll ?? REVERSE_DNS_DEFAULTS.maxPerPoll,
            waitMs: options.waitMs ?? REVERSE_DNS_DEFAULTS.waitMs,
        };
        this.now = options.now ?? Date.now;
        this.cache = new BoundedMap(this.o.capacity);
        this.resolver = new Resolver({ timeout: this.o.timeoutMs, tries: 1 });
        if (options.servers !== undefined && options.servers.length > 0) {
            this.resolver.setServers([...options.servers]);
        }
    }

    /** The cached name of an address: a string, null for "known to have none", undefined if not known. */
    private cached(ip: string): string | null | undefined {
        const hit = this.cache.get(ip);
        if (hit === undefined) return undefined;
        if (hit.until <= this.now()) {
            this.cache.delete(ip);
            return undefined;
        }
        return hit.name ?? null;
    }

    private lookup(ip: string): Promise<void> {
        this.started++;
        const done = new Promise<void>((resolve) => {
            this.resolver.reverse(ip, (err, names) => {
                this.pending.delete(ip);
                if (this.closed) return resolve();
                const code = err?.code;
                if (err && code !== undefined && NOT_AN_ANSWER.has(code)) return resolve();
                const name = err ? undefined : names.map(cleanHostName).find((n) => n !== undefined);
                const ttl = name === undefined ? this.o.negativeTtlMs : this.o.ttlMs;
                this.cache.set(ip, { name, until: this.now() + ttl });
                resolve();
            });
        });
        this.pending.set(ip, done);
        return done;
    }

    /**
     * The names of these addresses that are known now or arrive within the wait (or before
     * `signal` aborts). Starts lookups for addresses not cached, at most `maxPerPoll` of them.
     */
    async names(ips: Iterable<string>, signal?: AbortSignal): Promise<Map<string, string>> {
        const waitFor: Promise<void>[] = [];
        const wanted = new Set(ips);
        let budget = this.o.maxPerPoll;
        for (const ip of wanted) {
            // Device text is untrusted: only an address is looked up (the resolver throws on others).
            if (this.closed || net.isIP(ip) === 0 || this.cached(ip) !== undefined) continue;
            const running = this.pending.get(ip);
            if (running !== undefined) waitFor.push(running);
            else if (budget-- > 0) waitFor.push(this.lookup(ip));
        }
        if (waitFor.length > 0) await settledWithin(waitFor, this.o.waitMs, signal);
        const out = new Map<string, string>();
        for (const ip of wanted) {
            const name = this.cached(ip);
            if (typeof name === "string") out.set(ip, name);
        }
        return out;
    }

    /** Lookups still running. */
    get running(): number {
        return this.pending.size;
    }

    /** Cancel every lookup still running; later calls find nothing new. */
    close(): void {
        this.closed = true;
        this.resolver.cancel();
        this.pending.clear();
    }
}

/** Resolves when all settle, `ms` passed, or `signal` aborted, whichever comes first. */
function settledWithin(all: Promise<void>[], ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
        const finish = (): void => {
            clearTimeout(timer);
            signal?.removeEventListener("abort", finish);
            resolve();
        };
        const timer = setTimeout(finish, ms);
        signal?.addEventListener("abort", finish, { once: true });
        void Promise.all(all).then(finish);
    });
}
