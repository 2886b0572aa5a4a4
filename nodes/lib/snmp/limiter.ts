/**
 * How many devices are polled at once, shared by every node in the process.
 *
 * The number follows what the process can take. A device in flight mostly waits for the network,
 * so on a 150 ms link hundreds are needed to keep a poll going at the speed of the CPU; what limits
 * them is the event loop. Answers that arrive together are decoded one after the other, and while
 * they are, nothing else in Node-RED runs: the longest such stall is what users feel. So each
 * window of about 100 ms looks at the longest time the event loop went without running timers
 * (a 10 ms ticker, on only while devices are polled; a block still going on counts too) and at
 * how busy the loop was (`eventLoopUtilization`):
 * - a stall of more than STALL_MS: fewer devices in flight (x 0.7);
 * - devices waited for a slot in the window, no stall above CALM_MS and the loop not saturated:
 *   twice as many, except in the first window after a pause: the loop was idle there because the
 *   first answers were still on the way, not because it had room (on a 20 ms link, judging that
 *   window doubled the number at every poll, to 512 devices in flight where about 70 kept the
 *   link busy). Waiting at any time in the window counts, not only at its end: a poll's last
 *   window ends when its last devices finish, with none waiting (100 printers on a 100 ms link
 *   stayed at 64 in flight, two round trips of time per poll where one would do);
 * - otherwise the number holds (a saturated loop gains nothing from more devices in flight).
 * The user's cap (`snmpCredentialsConcurrency`) always holds.
 *
 * Waiting work leaves the queue when its signal aborts, so a closed node never holds a slot.
 * Starts are spread over turns of the event loop (a few dozen per turn) so that a poll of 1,000
 * devices does not open 1,000 sockets and send their requests in one block of the event loop.
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
/** A longer event-loop delay in a window means too many devices in flight. */
const STALL_MS = 30;
/** Below this longest delay there is room for more. */
const CALM_MS = 15;
/** The event loop is saturated at this share of busy time: more in flight only queue. */
const SATURATED = 0.9;
/** The ticker's interval while devices are polled (ms): a longer gap between ticks is a stall. */
const TICK_MS = 10;
/** Devices started per turn of the event loop. */
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
    /**
     * Devices started in this turn of the event loop. Every finished device and every queued one
     * drains the queue, so the count is kept here, not per call: a poll that queues 1,000
     * devices, or a turn in which the number in flight doubled, starts BURST of them and leaves
     * the rest to the coming turns.
     */
    private startsInTurn = 0;
    private readonly nextTurn = (): void => {
        this.startsInTurn = 0;
        this.drain();
    };
    /** One abort listener per signal (not per waiting entry): the entries it drops. */
    private readonly waitingBySignal = new WeakMap<AbortSignal, Set<Waiting>>();

    // The current measurement window.
    private windowStart = performance.now();
    private windowElu: EventLoopUtilization = performance.eventLoopUtilization();
    private finished = 0;
    /** Devices waited for a slot at some time in this window. */
    private starved = false;
    /** This window began when devices started after a pause. */
    private rampWindow = false;
    /** Ticks while devices are in flight; the last tick and the longest gap in this window. */
    private ticker: NodeJS.Timeout | undefined;
    private lastTick = 0;
    private longestGap = 0;

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
                    if (this.active === 0) this.wake();
                    this.active++;
                    if (this.active > this.peak) this.peak = this.active;
                    let p: Promise<T>;
                    try {
                        p = fn();
                    } catch (err) {
                        p = Promise.reject(err instanceof Error ? err : new Error(String(err)));
                    }
                    p.then(resolve, reject).finally(() => {
                        this.active--;
                        this.measure();
                        this.drain();
                        if (this.active === 0 && this.waiting === 0) this.rest();
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
        while (this.active < this.allowed && this.head < this.queue.length) {
            // The turn's first start set up the next turn, which drains on from here.
            if (this.startsInTurn >= BURST) return;
            const next = this.queue[this.head++] as Waiting;
            if (next.gone) continue;
            if (this.startsInTurn++ === 0) setImmediate(this.nextTurn);
            next.start();
        }
        if (this.head < this.queue.length) this.starved = true;
        if (this.head > 1024 && this.head * 2 > this.queue.length) this.compact();
    }

    /** Devices start after a pause: a new window, and the ticker on. */
    private wake(): void {
        if (!this.adaptive) return;
        const now = performance.now();
        this.lastTick = now;
        this.longestGap = 0;
        if (this.ticker === undefined) {
            this.ticker = setInterval(() => {
                const t = performance.now();
                this.longestGap = Math.max(this.longestGap, t - this.lastTick);
                this.lastTick = t;
            }, TICK_MS);
            this.ticker.unref();
        }
        this.windowStart = now;
        this.windowElu = performance.eventLoopUtilization();
        this.finished = 0;
        this.starved = false;
        this.rampWindow = true;
    }

    /** Nothing in flight or waiting: no ticker. */
    private rest(): void {
        if (this.ticker !== undefined) clearInterval(this.ticker);
        this.ticker = undefined;
    }

    /** One device finished: at the end of a window, size the number in flight anew. */
    private measure(): void {
        if (!this.adaptive) return;
        this.finished++;
        const now = performance.now();
        if (now - this.windowStart < WINDOW_MS || this.finished < 4) return;
        const busy = performance.eventLoopUtilization(this.windowElu).utilization;
        const stall = Math.max(this.longestGap, now - this.lastTick) - TICK_MS;
        let next = this.allowed;
        if (stall > STALL_MS) next = this.allowed * 0.7;
        else if (stall < CALM_MS && busy < SATURATED && this.starved && !this.rampWindow)
            next = this.allowed * 2;
        this.rampWindow = false;
        this.allowed = Math.max(Math.min(FLOOR, this.cap), Math.min(this.cap, Math.round(next)));
        this.longestGap = 0;
        this.windowStart = now;
        this.windowElu = performance.eventLoopUtilization();
        this.finished = 0;
        this.starved = this.waiting > 0;
    }
}

function sane(max: number): number {
    return Math.max(1, Math.floor(max) || DEFAULT_CONCURRENCY);
}

/** The process-wide limiter used by the query nodes. */
export const sharedLimiter = new Limiter();
