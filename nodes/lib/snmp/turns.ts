/**
 * What follows an SNMP answer (parsing it, checking it, the query's bookkeeping, decoding the
 * device, building and sending its messages) runs in turns of the event loop, a few answers per
 * turn, instead of all at once in the turn that received them.
 *
 * Hundreds of devices in flight answer within a few milliseconds of each other; Node.js reads
 * every datagram that is ready in one pass, so handling each answer where it arrives would block
 * the event loop for the whole burst (timers, HTTP, the editor and other flows wait). Here each
 * turn handles a batch, and the batch shrinks when a turn, with everything the answers set off,
 * took longer than the budget, and grows back when turns are short.
 */
import { performance } from "node:perf_hooks";

/** The longest a turn should take, in milliseconds. */
const BUDGET_MS = 8;
/** At most this many answers per turn: a turn after cheap ones must not take a batch of costly ones (first polls). */
const MAX_BATCH = 16;

let queue: (() => void)[] = [];
let head = 0;
let scheduled = false;
let batch = 8;
/** When the previous turn started (ms), or undefined when the queue ran dry. */
let lastTurn: number | undefined;
/** True while a queued function runs. */
let running = false;

/** Is the caller running inside a turn (so that more work can go on without queueing again)? */
export function inTurnNow(): boolean {
    return running;
}

/**
 * Run `fn` in a coming turn of the event loop, after the answers queued before it. `fn` should
 * not throw: what it throws is reported as a process warning, and the queue goes on.
 */
export function inTurn(fn: () => void): void {
    queue.push(fn);
    if (!scheduled) {
        scheduled = true;
        setImmediate(turn);
    }
}

function turn(): void {
    const now = performance.now();
    if (lastTurn !== undefined) {
        // The previous turn's work and what it set off (continuations, sends) all ran in between.
        const took = now - lastTurn;
        // Over budget: as many answers as fit the budget at the pace just seen, at most half.
        batch =
            took > BUDGET_MS
                ? Math.max(1, Math.min(batch >> 1, Math.floor((batch * BUDGET_MS) / took)))
                : Math.min(MAX_BATCH, batch + 1);
    }
    lastTurn = now;
    const end = Math.min(queue.length, head + batch);
    while (head < end) {
        const fn = queue[head] as () => void;
        head++;
        running = true;
        try {
            fn();
        } catch (err) {
            // A bug in the caller: say so, but never stall every later answer of the process.
            process.emitWarning(err instanceof Error ? err : String(err), "SnmpAnswerWarning");
        } finally {
            running = false;
        }
    }
    if (head < queue.length) {
        if (head > 4096) {
            queue = queue.slice(head);
            head = 0;
        }
        setImmediate(turn);
        return;
    }
    queue = [];
    head = 0;
    scheduled = false;
    lastTurn = undefined;
}
