/**
 * Durable node state, for any node of the package that learns over time (forecast history,
 * alert state, known Wi-Fi clients, dashboard history). One call in the node's constructor:
 *
 *     const slot = openState(RED, node, { contextKey: "history", store: config.store, snapshot: () => state });
 *     const stored = await slot.load();   // once; undefined when nothing usable was stored
 *     ...                                 // hand `stored` to the engine's own versioned reader
 *     slot.changed();                     // after each change: written within a second
 *
 * The slot writes on close by itself and forgets the state when the node is deleted. Where the
 * state goes is decided by `placeState` (placement.ts): a persistent context store when one is
 * configured (as earlier versions did), else `<userDir>/snmp-office/<node id>.json`.
 *
 * The node file passes RED and the node; nothing here imports node-red.
 */
import { StateFile } from "./file";
import { placeState, type StateSettings } from "./placement";
import {
    ContextBackend,
    DurableSlot,
    FileBackend,
    JournalledBackend,
    MemoryBackend,
    type Backend,
    type NodeContext,
} from "./slot";

export { DurableSlot } from "./slot";
export { STATE_FOLDER, placeState } from "./placement";

/** Largest state file written or read: the engines bound their state far below this. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

/** What is used of RED (structural). */
export interface RedForState {
    settings: StateSettings;
}

/** What is used of the node (structural). */
export interface NodeForState {
    id: string;
    type: string;
    z?: string;
    /** Set by Node-RED on nodes inside a subflow instance: the id in the subflow's definition. */
    _alias?: string;
    context(): unknown;
    warn(text: string): void;
    on(event: "close", handler: (removed: boolean, done: () => void) => void): unknown;
}

export interface StateOptions {
    /** The context key the state is kept under where a persistent context store is configured. */
    contextKey: string;
    /** The node's context store setting ("" or undefined = the default store). */
    store?: string;
    /** The state as JSON-able data, taken when a write happens. */
    snapshot(): unknown;
    /** Wait between a change and its write, ms (default 1 s). */
    delayMs?: number;
    /** Largest state written (default MAX_STATE_BYTES). */
    maxBytes?: number;
}

/** Process memory per RED instance, for a runtime that has no user directory. */
const memories = new WeakMap<object, Map<string, unknown>>();

function memoryOf(RED: object): Map<string, unknown> {
    let memory = memories.get(RED);
    if (memory === undefined) {
        memory = new Map();
        memories.set(RED, memory);
    }
    return memory;
}

/**
 * The id the state is kept under: the node's id, which inside a subflow instance is built from
 * the instance and the node's id in the subflow (the scope Node-RED gives the node's context).
 */
export function stateId(node: Pick<NodeForState, "id" | "z" | "_alias">): string {
    return node._alias !== undefined && node.z !== undefined ? `${node.z}-${node._alias}` : node.id;
}

function backendFor(RED: RedForState, node: NodeForState, options: StateOptions): Backend {
    const id = stateId(node);
    const maxBytes = options.maxBytes ?? MAX_STATE_BYTES;
    const placement = placeState(RED.settings, options.store);
    switch (placement.kind) {
        case "file":
            return new FileBackend(new StateFile(placement.dir, id, node.type, maxBytes));
        case "memory":
            return new MemoryBackend(memoryOf(RED), id);
        case "context": {
            const context = new ContextBackend(
                node.context() as NodeContext,
                options.contextKey,
                placement.store,
                placement.storeName,
            );
            if (placement.journalDir === null) return context;
            const journal = new FileBackend(new StateFile(placement.journalDir, id, node.type, maxBytes));
            return new JournalledBackend(context, journal);
        }
    }
}

/** Opens the node's durable state; the slot closes with the node (written, or removed with it). */
export function openState(RED: RedForState, node: NodeForState, options: StateOptions): DurableSlot {
    const slot = new DurableSlot(backendFor(RED, node, options), {
        snapshot: () => options.snapshot(),
        report: (text) => node.warn(text),
        delayMs: options.delayMs,
        timers: {
            setTimeout: (fn, ms) => {
                const timer = setTimeout(fn, ms);
                // A pending write never keeps the process alive: closing the node writes it.
                timer.unref();
                return timer;
            },
            clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
        },
    });
    node.on("close", (removed: boolean, done: () => void) => {
        slot.close(removed).then(done, (err: unknown) => {
            node.warn(`closing the saved state failed: ${err instanceof Error ? err.message : String(err)}`);
            done();
        });
    });
    return slot;
}
