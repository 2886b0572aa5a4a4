/**
 * Who each client is, beyond what the AP says: the IP address from a router's ARP table and a
 * reverse DNS name for it. Both are optional and off by default; both work inside the poll's
 * deadline and never fail it (a router that does not answer costs its clients their `ip`, one
 * warning, and a status note).
 *
 * The ARP table is read once per cache period for all the devices a node polls: the first poll
 * that needs it starts the read (beside its own SNMP read). The first read is waited for, by each
 * poll no longer than its own deadline; a refresh is not (polls use the table it replaces until it
 * lands). A failed read drops the table and is tried again after a minute at most, in the
 * background.
 */
import { SnmpError, toSnmpError } from "../snmp/errors";
import { runQuery, type SnmpTransport } from "../snmp/query";
import { arpPlan, arpTable } from "./arp";
import type { ClientInfo } from "./contract";
import type { ReverseDns } from "./rdns";

/** Run `fn` with a session to the router (the node file hands in its pool). */
export type UseRouter = <T>(fn: (t: SnmpTransport) => Promise<T>, signal?: AbortSignal) => Promise<T>;

export interface WhoisOptions {
    /** The router whose ARP table gives client IPs (`host` or `host:port`, as shown in messages). */
    router?: { label: string; use: UseRouter };
    /** How long one read of the ARP table is used (ms); default 5 minutes. */
    arpTtlMs?: number;
    /** Reverse DNS names for client IPs (ARP's or the device's); absent means off. */
    reverseDns?: ReverseDns;
    /** Query settings at each read (max repetitions, row cap). */
    query: () => { maxRepetitions: number; maxRows: number };
    /** The ARP read failed after working (or at first): say it once. */
    warn: (text: string) => void;
    now?: () => number;
}

import { DEFAULT_ARP_TTL_MS } from "./whois-settings";

export { DEFAULT_ARP_TTL_MS, whoisSettings, type WhoisConfig, type WhoisSettings } from "./whois-settings";
/** A failed ARP read is tried again after this long at most. */
const RETRY_MS = 60_000;

interface ArpState {
    macs: Map<string, string>;
    until: number;
}

export class ClientWhois {
    private readonly o: WhoisOptions;
    private readonly now: () => number;
    private table: ArpState | undefined;
    private failedUntil = 0;
    private reading: Promise<void> | undefined;
    private readonly closing = new AbortController();
    /** The last ARP read failed (for the status); cleared by the next good one. */
    routerProblem: SnmpError | undefined;
    /** ARP reads started, for tests. */
    reads = 0;

    constructor(options: WhoisOptions) {
        this.o = options;
        this.now = options.now ?? Date.now;
    }

    /** True when something is switched on: a router or reverse DNS. */
    get active(): boolean {
        return this.o.router !== undefined || this.o.reverseDns !== undefined;
    }

    private get ttl(): number {
        return this.o.arpTtlMs ?? DEFAULT_ARP_TTL_MS;
    }

    /**
     * Start reading the ARP table unless a fresh one is cached (or a read is running, or a failure
     * is too recent). Call at the start of a poll, so that the read overlaps the device's own.
     */
    prepare(): void {
        const router = this.o.router;
        if (router === undefined || this.reading !== undefined || this.closing.signal.aborted) return;
        const now = this.now();
        if ((this.table !== undefined && this.table.until > now) || this.failedUntil > now) return;
        this.reads++;
        const { maxRepetitions, maxRows } = this.o.query();
        const signal = this.closing.signal;
        this.reading = router
            .use((t) => runQuery(t, arpPlan(maxRows), { maxRepetitions, signal }), signal)
            .then(
                (result) => {
                    this.table = { macs: arpTable(result), until: this.now() + this.ttl };
                    this.routerProblem = undefined;
                },
                (err: unknown) => {
                    if (signal.aborted) return;
                    const error = toSnmpError(err, router.label);
                    this.failedUntil = this.now() + Math.min(this.ttl, RETRY_MS);
                    // Stale addresses would mislead: clients go without an ip until it answers.
                    this.table = undefined;
                    if (this.routerProblem === undefined) {
                        this.o.warn(
                            `ARP table of router ${router.label} not read: ${error.message}; ` +
                                "Wi-Fi clients get no ip from it until it answers (tried again within a minute)",
                        );
                    }
                    this.routerProblem = error;
                },
            )
            .finally(() => {
                this.reading = undefined;
            });
    }

    /**
     * The ARP table. Only the first read is waited for (no longer than `signal` allows): while a
     * later one runs, polls use the table it replaces, and while a failed router is tried again
     * they go on without it, so a slow or dead router delays no poll but the first.
     */
    private async arp(signal?: AbortSignal): Promise<Map<string, string> | undefined> {
        this.prepare();
        const first = this.table === undefined && this.routerProblem === undefined;
        if (this.reading !== undefined && first) await untilAborted(this.reading, signal);
        return this.table?.macs;
    }

    /**
     * Give the clients an `ip` from the ARP table where the device gave none, then a `hostname`
     * from reverse DNS where the device gave none (and `name` from it where nothing named the
     * client). Changes the clients in place; never throws.
     */
    async enrich(clients: ClientInfo[], signal?: AbortSignal): Promise<void> {
        if (this.o.router !== undefined) {
            const macs = await this.arp(signal);
            if (macs !== undefined) {
                for (const c of clients) {
                    const ip = c.ip === undefined ? macs.get(c.mac) : undefined;
                    if (ip !== undefined) c.ip = ip;
                }
            }
        }
        const dns = this.o.reverseDns;
        if (dns === undefined || signal?.aborted) return;
        const unnamed = clients.filter((c) => c.hostname === undefined && c.ip !== undefined);
        if (unnamed.length === 0) return;
        let names: Map<string, string>;
        try {
            names = await dns.names(
                unnamed.map((c) => c.ip as string),
                signal,
            );
        } catch (err) {
            // A bug here must cost the names, not the poll.
            this.o.warn(`reverse DNS failed: ${err instanceof Error ? err.message : String(err)}`);
            return;
        }
        for (const c of unnamed) {
            const name = names.get(c.ip as string);
            if (name === undefined) continue;
            c.hostname = name;
            // `name` keeps its meaning: the user's name for the MAC, else the hostname.
            c.name ??= name;
        }
    }

    /** Stop: the ARP read and every DNS lookup still running. */
    close(): void {
        this.closing.abort(new SnmpError("cancelled", "node closed"));
        this.o.reverseDns?.close();
    }
}

/** Wait for `p`, or stop waiting when `signal` aborts (`p` goes on). Never rejects. */
function untilAborted(p: Promise<void>, signal?: AbortSignal): Promise<void> {
    if (signal === undefined) return p.catch(() => undefined);
    if (signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        signal.addEventListener("abort", stop, { once: true });
        void p.finally(() => {
            signal.removeEventListener("abort", stop);
            resolve();
        });
    });
}
