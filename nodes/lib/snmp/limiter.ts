/**
 * A limit on how many devices are polled at once, shared by every node in the process, so that
 * a poll of 1,000 printers does not open 1,000 sockets at the same moment. Waiting work leaves
 * the queue when its signal aborts, so a closed node never holds a slot.
 */
import { abortError } from "./query";

export const DEFAULT_CONCURRENCY = 32;

export class Limiter {
    private active = 0;
    private readonly queue: { start: () => void; abandon: () => void }[] = [];

    constructor(private max: number = DEFAULT_CONCURRENCY) {}

    get running(): number {
        return this.active;
    }

    get waiting(): number {
        return this.queue.length;
    }

    get limit(): number {
        return this.max;
    }

    setLimit(max: number): void {
        this.max = Math.max(1, Math.floor(max) || DEFAULT_CONCURRENCY);
        this.drain();
    }

    /** Run `fn` when a slot is free. `host` names the device in a cancellation error. */
    run<T>(fn: () => Promise<T>, signal?: AbortSignal, host = "device"): Promise<T> {
        if (signal?.aborted) return Promise.reject(abortError(signal, host));
        return new Promise<T>((resolve, reject) => {
            const onAbort = (): void => {
                const at = this.queue.indexOf(entry);
                if (at >= 0) this.queue.splice(at, 1);
                reject(abortError(signal as AbortSignal, host));
            };
            const entry = {
                start: (): void => {
                    signal?.removeEventListener("abort", onAbort);
                    this.active++;
                    let p: Promise<T>;
                    try {
                        p = fn();
                    } catch (err) {
                        p = Promise.reject(err instanceof Error ? err : new Error(String(err)));
                    }
                    p.then(resolve, reject).finally(() => {
                        this.active--;
                        this.drain();
                    });
                },
                abandon: onAbort,
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            this.queue.push(entry);
            this.drain();
        });
    }

    private drain(): void {
        while (this.active < this.max && this.queue.length > 0) {
            this.queue.shift()?.start();
        }
    }
}

/** The process-wide limiter used by the query nodes. */
export const sharedLimiter = new Limiter();
