/**
 * Sessions reused per device while polling continues, closed when idle and all at once on close.
 *
 * One pool belongs to one `snmp-credentials` config node, so one set of settings; sessions are
 * keyed by host and port. A session is busy while a poll uses it; once idle for `idleMs` it is
 * closed. A session that went bad (watchdog fired, socket error) is closed as soon as it is free.
 */
import { SnmpError } from "./errors";
import { type Lookup, SnmpSession } from "./session";
import type { SessionSettings } from "./settings";

interface Entry {
    opening: Promise<SnmpSession>;
    session?: SnmpSession;
    busy: number;
    idleTimer?: NodeJS.Timeout;
}

export interface PoolOptions {
    /** Close a session after this long without use (default 10 minutes). */
    idleMs?: number;
    lookup?: Lookup;
}

export class SessionPool {
    private readonly entries = new Map<string, Entry>();
    private readonly idleMs: number;
    private readonly lookup: Lookup | undefined;
    private closed = false;

    constructor(
        readonly settings: SessionSettings,
        options: PoolOptions = {},
    ) {
        this.idleMs = options.idleMs ?? 10 * 60_000;
        this.lookup = options.lookup;
    }

    /** Sessions currently open or opening. */
    get size(): number {
        return this.entries.size;
    }

    /** Run `fn` with the session for host:port, opening it if needed. */
    async use<T>(
        host: string,
        port: number | undefined,
        fn: (session: SnmpSession) => Promise<T>,
    ): Promise<T> {
        if (this.closed) throw new SnmpError("cancelled", "SNMP settings were closed (redeploy)", { host });
        const settings =
            port === undefined || port === this.settings.port ? this.settings : { ...this.settings, port };
        const key = `${host.trim().toLowerCase()}|${settings.port}`;
        let entry = this.entries.get(key);
        if (entry === undefined) {
            const fresh: Entry = { opening: SnmpSession.open(host, settings, this.lookup), busy: 0 };
            entry = fresh;
            this.entries.set(key, fresh);
            fresh.opening.then(
                (s) => {
                    fresh.session = s;
                    // Closed while opening: do not leak the socket.
                    if (this.closed || this.entries.get(key) !== fresh) s.close();
                },
                () => {
                    if (this.entries.get(key) === fresh) this.entries.delete(key);
                },
            );
        }
        entry.busy++;
        if (entry.idleTimer) {
            clearTimeout(entry.idleTimer);
            entry.idleTimer = undefined;
        }
        try {
            const session = await entry.opening;
            return await fn(session);
        } finally {
            entry.busy--;
            this.release(key, entry);
        }
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
        entry.idleTimer = setTimeout(() => {
            if (entry.busy === 0 && this.entries.get(key) === entry) {
                this.entries.delete(key);
                session.close();
            }
        }, this.idleMs);
        entry.idleTimer.unref();
    }

    /** Close every session now (node close / redeploy). Pending requests fail with `cancelled`. */
    close(): void {
        this.closed = true;
        for (const entry of this.entries.values()) {
            if (entry.idleTimer) clearTimeout(entry.idleTimer);
            entry.session?.close();
        }
        this.entries.clear();
    }
}
