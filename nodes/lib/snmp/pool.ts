/**
 * Sessions reused per device while polling continues, closed when idle and all at once on close.
 *
 * One pool belongs to one `snmp-credentials` config node, so one set of settings; sessions are
 * keyed by host and port. A session is busy while a poll uses it; once idle for `idleMs` it is
 * closed, and at most `maxIdle` idle sessions are kept at all (the least recently used go
 * first), so the sockets of a large fleet do not stay open between polls. A session that went
 * bad (watchdog fired, socket error) is closed as soon as it is free.
 *
 * Opening a session may resolve a host name. That happens inside the poll's deadline: a caller
 * whose signal aborts stops waiting at once, while the one lookup per host goes on in the
 * background (the next poll of that host waits for the same lookup instead of starting another)
 * and is cancelled, where the resolver allows it, when the pool closes.
 */
import { SnmpError } from "./errors";
import { abortError } from "./query";
import { type Lookup, SnmpSession } from "./session";
import type { SessionSettings } from "./settings";

interface Entry {
    opening: Promise<SnmpSession>;
    session?: SnmpSession;
    busy: number;
    /** When the session last became idle (ms, Date.now()). */
    idleSince: number;
}

export interface PoolOptions {
    /** Close a session after this long without use (default 10 minutes). */
    idleMs?: number;
    /** Keep at most this many idle sessions (default 1,000); the least recently used close first. */
    maxIdle?: number;
    lookup?: Lookup;
}

const DEFAULT_IDLE_MS = 10 * 60_000;
const DEFAULT_MAX_IDLE = 1000;

export class SessionPool {
    /** In order of last release: the least recently used idle session comes first. */
    private readonly entries = new Map<string, Entry>();
    private readonly idleMs: number;
    private readonly maxIdle: number;
    private readonly lookup: Lookup | undefined;
    /** Aborted on close: cancels lookups still running. */
    private readonly closing = new AbortController();
    private idle = 0;
    private sweepTimer: NodeJS.Timeout | undefined;

    constructor(
        readonly settings: SessionSettings,
        options: PoolOptions = {},
    ) {
        this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
        this.maxIdle = Math.max(0, options.maxIdle ?? DEFAULT_MAX_IDLE);
        this.lookup = options.lookup;
    }

    private get closed(): boolean {
        return this.closing.signal.aborted;
    }

    /** Sessions currently open or opening. */
    get size(): number {
        return this.entries.size;
    }

    /** Sessions open and not in use. */
    get idleCount(): number {
        return this.idle;
    }

    /**
     * Run `fn` with the session for host:port, opening it if needed. When `signal` aborts while
     * the session is still opening (a slow name lookup), this rejects at once with its reason.
     */
    async use<T>(
        host: string,
        port: number | undefined,
        fn: (session: SnmpSession) => Promise<T>,
        signal?: AbortSignal,
    ): Promise<T> {
        if (this.closed) throw new SnmpError("cancelled", "SNMP settings were closed (redeploy)", { host });
        if (signal?.aborted) throw abortError(signal, host);
        const settings =
            port === undefined || port === this.settings.port ? this.settings : { ...this.settings, port };
        const key = `${host.trim().toLowerCase()}|${settings.port}`;
        let entry = this.entries.get(key);
        if (entry === undefined) {
            entry = this.open(key, host, settings);
        } else if (entry.busy === 0 && entry.session !== undefined) {
            this.idle--;
        }
        entry.busy++;
        try {
            const session = entry.session ?? (await whileOpen(entry.opening, signal, host));
            return await fn(session);
        } finally {
            entry.busy--;
            this.release(key, entry);
        }
    }

    private open(key: string, host: string, settings: SessionSettings): Entry {
        const fresh: Entry = {
            opening: SnmpSession.open(host, settings, this.lookup, this.closing.signal),
            busy: 0,
            idleSince: 0,
        };
        this.entries.set(key, fresh);
        fresh.opening.then(
            (s) => {
                fresh.session = s;
                // Closed while opening: do not leak the socket.
                if (this.closed || this.entries.get(key) !== fresh) s.close();
                // Every caller gave up while it opened: it is idle from now on.
                else if (fresh.busy === 0) this.release(key, fresh);
            },
            () => {
                if (this.entries.get(key) === fresh) this.entries.delete(key);
            },
        );
        return fresh;
    }

    private release(key: string, entry: Entry): void {
        if (entry.busy > 0 || this.entries.get(key) !== entry) return;
        const session = entry.session;
        if (session === undefined) return;
        if (session.broken || session.isClosed || this.closed) {
            this.entries.delete(key);
            session.close();
            return;
        }
        // Move to the end: the map stays in order of last use.
        this.entries.delete(key);
        this.entries.set(key, entry);
        entry.idleSince = Date.now();
        this.idle++;
        if (this.idle > this.maxIdle) this.closeIdle(this.idle - this.maxIdle, Infinity);
        this.scheduleSweep();
    }

    /** Close up to `count` idle sessions, oldest first, that have been idle at least `minIdleMs`. */
    private closeIdle(count: number, minIdleMs: number): void {
        const now = Date.now();
        for (const [key, entry] of this.entries) {
            if (count <= 0) break;
            if (entry.busy > 0 || entry.session === undefined) continue;
            if (minIdleMs !== Infinity && now - entry.idleSince < minIdleMs) break;
            this.entries.delete(key);
            this.idle--;
            count--;
            entry.session.close();
        }
    }

    /** One timer per pool (not one per session) closes sessions idle for longer than idleMs. */
    private scheduleSweep(): void {
        if (this.sweepTimer !== undefined || this.closed) return;
        this.sweepTimer = setTimeout(
            () => {
                this.sweepTimer = undefined;
                this.closeIdle(Infinity, this.idleMs);
                if (this.idle > 0) this.scheduleSweep();
            },
            Math.max(10, Math.min(this.idleMs, 60_000)),
        );
        this.sweepTimer.unref();
    }

    /** Close every session now (node close / redeploy). Pending requests fail with `cancelled`. */
    close(): void {
        this.closing.abort(new SnmpError("cancelled", "SNMP settings were closed (redeploy)"));
        if (this.sweepTimer !== undefined) clearTimeout(this.sweepTimer);
        this.sweepTimer = undefined;
        for (const entry of this.entries.values()) entry.session?.close();
        this.entries.clear();
        this.idle = 0;
    }
}

/** Wait for the session to open, or stop waiting when the signal aborts (the lookup goes on). */
function whileOpen(opening: Promise<SnmpSession>, signal: AbortSignal | undefined, host: string) {
    if (signal === undefined) return opening;
    return new Promise<SnmpSession>((resolve, reject) => {
        const onAbort = (): void => reject(abortError(signal, host));
        signal.addEventListener("abort", onAbort, { once: true });
        opening.then(
            (s) => {
                signal.removeEventListener("abort", onAbort);
                resolve(s);
            },
            (err: unknown) => {
                signal.removeEventListener("abort", onAbort);
                reject(err instanceof Error ? err : new Error(String(err)));
            },
        );
    });
}
