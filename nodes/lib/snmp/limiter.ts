/**
 * How many devices are polled at once, shared by every node in the process.
 *
 * The number follows the network and the CPU (Little's law): devices in flight = the rate the
 * event loop can sustain × the time one device takes. Each window of about 100 ms measures both:
 * the event loop's busy time per finished device (its CPU cost, from
 * `performance.eventLoopUtilization`) and the mean time from a device's start to its end (round
 * trips, delay, queueing). On a fast LAN few devices are needed to keep the CPU busy; on a 150 ms
 * link hundreds are; once the event loop is saturated, more devices in flight only wait, so the
 * number shrinks again. The user's cap (`snmpCredentialsConcurrency`) always holds.
 *
 * Waiting work leaves the queue when its signal aborts, so a closed node never holds a slot.
 * Starts are spread over macrotasks (a few dozen at a time) so that a poll of 1,000 devices does
 * not open 1,000 sockets in one block of the event loop.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import { abortError } from "./query";

/** The cap when settings.js gives none: enough for 1,000 printers over 150 ms links. */
export const DEFAULT_CONCURRENCY = 512;
/** Never fewer than this in flight (a slow device must not starve the others). */
const FLOOR = 16;
/** Devices in flight before the first measurement. */
const START = 64;
/** How long one measurement window lasts, in milliseconds. */
const WINDOW_MS = 100;
/** The share of the event loop the polls may fill; the rest keeps Node-RED responsive. */
const TARGET_UTILIZATION = 0.85;
/** Starts per macrotask. */
const BURST = 32;

interface Waiting {
    start: () => void;
    /** Reject with the abort reason: the signal fired before the entry started. */
    abandon: () => void;
    signal: AbortSignal | undefined;
    /** Left the queue (aborted) before it started. */
    gone: boolean;
}

export interface LimiterStats {
    /** Devices allowed in flight now. */
    current: number;
    /** The most devices that were in flight at once. */
    peak: number;
}

export class Limiter {
    private active = 0;
    private queue: Waiting[] = [];
    private head = 0;
    private cap: number;
    private allowed: number;
    private peak = 0;
    private drainScheduled = false;
    /** One abort listener per signal (not per waiting entry): the entries it drops. */
    private readonly waitingBySignal = new WeakMap<AbortSignal, Set<Waiting>>();

    // The current measurement window.
    private windowStart = performance.now();
    private windowElu: EventLoopUtilization = performance.eventLoopUtilization();
    private finished = 0;
    private serviceMs = 0;
    /** The event loop's busy time per finished device (ms), smoothed over windows. */
    private cpuMs: number | undefined;

    /** `max` caps the devices in flight; `adaptive: false` pins the number to the cap. */
    constructor(
        max: number = DEFAULT_CONCURRENCY,
        private readonly adaptive = true,
    ) {
        this.cap = sane(max);
        this.allowed = adaptive ? Math.min(this.cap, START) : this.cap;
    }

    get running(): number {
        return this.active;
    }

    get waiting(): number {
        return this.queue.length - this.head;
    }

    /** The cap (the configured maximum of devices in flight). */
    get limit(): number {
        return this.cap;
    }

    get stats(): LimiterStats {
        return { current: this.allowed, peak: this.peak };
    }

    /** Set the cap (settings.js `snmpCredentialsConcurrency`). */
    setLimit(max: number): void {
        this.cap = sane(max);
        this.allowed = this.adaptive ? Math.min(this.cap, Math.max(this.allowed, START)) : this.cap;
        this.drain();
    }

    /** Forget the peak (the benchmark measures one poll at a time). */
    resetPeak(): void {
        this.peak = this.active;
    }

    /** Run `fn` when a slot is free. `host` names the device in a cancellation error. */
    run<T>(fn: () => Promise<T>, signal?: AbortSignal, host = "device"): Promise<T> {
        if (signal?.aborted) return Promise.reject(abortError(signal, host));
        return new Promise<T>((resolve, reject) => {
            const entry: Waiting = {
                signal,
                gone: false,
                abandon: () => reject(abortError(signal as AbortSignal, host)),
                start: () => {
                    this.forget(entry);
                    this.active++;
                    if (this.active > this.peak) this.peak = this.active;
                    const started = performance.now();
                    let p: Promise<T>;
                    try {
                        p = fn();
                    } catch (err) {
                        p = Promise.reject(err instanceof Error ? err : new Error(String(err)));
                    }
                    p.then(resolve, reject).finally(() => {
                        this.active--;
                        this.measure(performance.now() - started);
                        this.drain();
                    });
                },
            };
            if (signal !== undefined) this.watch(signal, entry);
            this.queue.push(entry);
            this.drain();
        });
    }

    /** Queue `entry` under its signal: one listener per signal drops all of its waiting entries. */
    private watch(signal: AbortSignal, entry: Waiting): void {
        let set = this.waitingBySignal.get(signal);
        if (set === undefined) {
            const entries = new Set<Waiting>();
            set = entries;
            this.waitingBySignal.set(signal, entries);
            signal.addEventListener(
                "abort",
                () => {
                    this.waitingBySignal.delete(signal);
                    for (const e of entries) {
                        e.gone = true;
                        e.abandon();
                    }
                    entries.clear();
                    this.compact();
                },
                { once: true },
            );
        }
        set.add(entry);
    }

    /** The entry starts: it no longer waits under its signal. */
    private forget(entry: Waiting): void {
        if (entry.signal !== undefined) this.waitingBySignal.get(entry.signal)?.delete(entry);
    }

    /** Drop aborted entries from the queue (in one pass, not one splice per entry). */
    private compact(): void {
        this.queue = this.queue.slice(this.head).filter((e) => !e.gone);
        this.head = 0;
    }

    private drain(): void {
        let started = 0;
        while (this.active < this.allowed && this.head < this.queue.length) {
            if (started >= BURST) {
                this.scheduleDrain();
                return;
            }
            const next = this.queue[this.head++] as Waiting;
            if (next.gone) continue;
            started++;
            next.start();
        }
        if (this.head > 1024 && this.head * 2 > this.queue.length) this.compact();
    }

    private scheduleDrain(): void {
        if (this.drainScheduled) return;
        this.drainScheduled = true;
        setImmediate(() => {
            this.drainScheduled = false;
            this.drain();
        });
    }

    /** One device finished after `ms`: at the end of a window, size the number in flight anew. */
    private measure(ms: number): void {
        if (!this.adaptive) return;
        this.finished++;
        this.serviceMs += ms;
        const now = performance.now();
        const elapsed = now - this.windowStart;
        if (elapsed < WINDOW_MS || this.finished < 4) return;
        const elu = performance.eventLoopUtilization(this.windowElu);
        // Busy time of the event loop per finished device, and the mean time a device takes.
        // Smoothed over windows: one window in which the process was descheduled (a busy host)
        // must not look like an idle event loop.
        const cpuMs = Math.max(0.01, (elu.utilization * elapsed) / this.finished);
        this.cpuMs = this.cpuMs === undefined ? cpuMs : (this.cpuMs + cpuMs) / 2;
        const serviceMs = this.serviceMs / this.finished;
        const target = (TARGET_UTILIZATION * serviceMs) / this.cpuMs;
        // Move fast but not wildly: at most 4x up or halved per window; never up while the event
        // loop is already as busy as the polls may make it.
        const ceiling = elu.utilization >= TARGET_UTILIZATION ? this.allowed : this.allowed * 4;
        const next = Math.min(ceiling, Math.max(this.allowed / 2, target));
        this.allowed = Math.max(Math.min(FLOOR, this.cap), Math.min(this.cap, Math.round(next)));
        this.windowStart = now;
        this.windowElu = performance.eventLoopUtilization();
        this.finished = 0;
        this.serviceMs = 0;
    }
}

function sane(max: number): number {
    return Math.max(1, Math.floor(max) || DEFAULT_CONCURRENCY);
}

/** The process-wide limiter used by the query nodes. */
export const sharedLimiter = new Limiter();
