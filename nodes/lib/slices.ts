/**
 * Long computations in slices. A pass written as a generator (`Steps`) says where it may pause
 * (`yield`, every {@link ROWS_PER_STEP} rows or so); a driver decides whether it does:
 * {@link finish} never pauses (tests, small inputs), {@link finishInSlices} gives the event loop a
 * turn (setImmediate) once a slice has run for its time budget, so that a 200,000-client
 * controller decodes while timers, HTTP and other flows keep running, and a 50-client AP, done
 * well inside one slice, never waits for a turn. Both drivers run the same code: the result
 * does not depend on where the pauses fell.
 */
import { performance } from "node:perf_hooks";

/** A computation that may pause at each `yield` and returns a `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Rows (or items) a pass handles between two pause points. */
export const ROWS_PER_STEP = 256;

/** How long a slice may run before the event loop gets a turn, ms (default). */
export const SLICE_MS = 5;

/** Run the steps to the end without pausing. */
export function finish<T>(steps: Steps<T>): T {
    for (;;) {
        const step = steps.next();
        if (step.done === true) return step.value;
    }
}

export interface SliceOptions {
    /** Longest slice before a turn of the event loop, ms; Infinity for one piece. */
    sliceMs?: number;
    /** Stop at the next pause once this fires: the promise rejects with `aborted()`. */
    signal?: AbortSignal;
    /** The error to reject with when the signal has fired. */
    aborted?: (signal: AbortSignal) => Error;
}

function abortReason(signal: AbortSignal, options: SliceOptions): Error {
    if (options.aborted) return options.aborted(signal);
    return signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** Resolves in a coming turn of the event loop, after the I/O and timers that are due. */
export function nextTurn(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Run the steps in slices of about `sliceMs`, with a turn of the event loop between slices.
 * A fired signal ends the steps (their `finally` blocks run) at the next pause.
 */
export async function finishInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
    const budget = options.sliceMs ?? SLICE_MS;
    const { signal } = options;
    let started = performance.now();
    try {
        for (;;) {
            if (signal?.aborted) throw abortReason(signal, options);
            const step = steps.next();
            if (step.done === true) return step.value;
            if (performance.now() - started < budget) continue;
            await nextTurn();
            started = performance.now();
        }
    } finally {
        // Ended early (aborted, or a step threw): close the generator so nothing runs on.
        steps.return(undefined as T);
    }
}

/**
 * A stable sort in pause-able steps (bottom-up merge sort): the same order as
 * `Array.prototype.sort` with the same comparison, which is stable too. Returns a new array.
 */
export function* sortSteps<T>(items: readonly T[], compare: (a: T, b: T) => number): Steps<T[]> {
    let from = items.slice();
    const n = from.length;
    if (n < 2) return from;
    let to: T[] = new Array<T>(n);
    let work = 0;
    for (let width = 1; width < n; width *= 2) {
        for (let lo = 0; lo < n; lo += 2 * width) {
            const mid = Math.min(lo + width, n);
            const hi = Math.min(lo + 2 * width, n);
            let i = lo;
            let j = mid;
            let k = lo;
            while (i < mid && j < hi) {
                // `<= 0` takes the left one first on ties: stable.
                if (compare(from[i] as T, from[j] as T) <= 0) to[k++] = from[i++] as T;
                else to[k++] = from[j++] as T;
            }
            while (i < mid) to[k++] = from[i++] as T;
            while (j < hi) to[k++] = from[j++] as T;
            work += hi - lo;
            if (work >= 8 * ROWS_PER_STEP) {
                work = 0;
                yield;
            }
        }
        [from, to] = [to, from];
    }
    return from;
}
