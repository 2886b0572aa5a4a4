/**
 * A node's durable state slot: read once, written within a second of a change (debounced, never
 * postponed by further changes), written on close, removed with the node. Where the JSON goes is
 * a backend (a file of ours, a context store, both, or process memory); what it is belongs to
 * the node's engine, which reads it back through its own versioned reader.
 *
 * A problem is said once through `report` and never stops the node: an unusable file is set
 * aside and the node starts afresh; a failed write is retried (and said again only when the
 * reason changes).
 */
import { basename } from "node:path";
import type { Timers } from "../dashboard/widget";
import { StateTooLarge, type StateFile } from "./file";

/** Where the JSON of one slot goes. */
export interface Backend {
    /** For messages: `file /home/nr/.node-red/snmp-office/abc.json`. */
    readonly where: string;
    /** The stored value, or undefined when there is none (or none usable: said through `report`). */
    read(report: (text: string) => void): Promise<unknown>;
    /** Stores the value; resolves with the time the event loop was held (serialising), ms. */
    write(value: unknown): Promise<number>;
    /** Forgets the value: the node was deleted. */
    remove(): Promise<void>;
}

/** Longest wait between a change and its write, unless serialising is slow (see `delayAfter`). */
export const WRITE_DELAY_MS = 1_000;
/** Wait before retrying a write that failed (disk full, permissions). */
export const RETRY_MS = 30_000;
/** Saving may hold the event loop at most this share of the time: a huge state is written less often. */
const MAX_SAVE_SHARE = 0.05;

export interface SlotOptions {
    /** The state to write, as JSON-able data; called when a write happens, not at each change. */
    snapshot(): unknown;
    /** Says a problem (node.warn in a node). */
    report(text: string): void;
    timers: Pick<Timers, "setTimeout" | "clearTimeout">;
    /** Wait between a change and its write, ms (default 1 s). */
    delayMs?: number;
}

function message(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

export class DurableSlot {
    private loading: Promise<unknown> | null = null;
    private loaded = false;
    private dirty = false;
    private closed = false;
    private timer: unknown = undefined;
    private writing: Promise<void> | null = null;
    private delay: number;
    /** The last write failure said, so that a retry failing the same way stays quiet. */
    private failure: string | null = null;

    constructor(
        private readonly backend: Backend,
        private readonly options: SlotOptions,
    ) {
        this.delay = options.delayMs ?? WRITE_DELAY_MS;
    }

    get where(): string {
        return this.backend.where;
    }

    /**
     * The stored state, read once (later calls get the same promise); undefined when nothing
     * usable was stored. Nothing is written before this has resolved, so a change made before
     * the read can never overwrite what was stored.
     */
    load(): Promise<unknown> {
        this.loading ??= this.backend
            .read((text) => this.options.report(text))
            .then(
                (value) => this.ready(value),
                (err: unknown) => {
                    this.options.report(`could not read the saved state (${this.where}): ${message(err)}`);
                    return this.ready(undefined);
                },
            );
        return this.loading;
    }

    /** The state changed: it is written within the delay (one write for any number of changes). */
    changed(): void {
        if (this.closed) return;
        this.dirty = true;
        this.schedule(this.delay);
    }

    /** Writes now when there is an unwritten change (waits for a write in progress first). */
    async flush(): Promise<void> {
        while (this.writing !== null) await this.writing;
        if (!this.loaded || !this.dirty) return;
        this.cancelTimer();
        this.dirty = false;
        const writing = this.write();
        this.writing = writing;
        try {
            await writing;
        } finally {
            this.writing = null;
        }
        // Changed meanwhile, or not written: once more after the delay (or the retry wait).
        if (this.dirty) this.schedule(this.failure !== null ? RETRY_MS : this.delay);
    }

    /** The node closes: the last change is written, or everything forgotten when the node was deleted. */
    async close(removed: boolean): Promise<void> {
        this.closed = true;
        this.cancelTimer();
        if (this.loading !== null) await this.loading;
        if (!removed) {
            await this.flush();
            return;
        }
        while (this.writing !== null) await this.writing;
        try {
            await this.backend.remove();
        } catch (err) {
            this.options.report(
                `could not remove the saved state of this deleted node (${this.where}): ${message(err)}`,
            );
        }
    }

    private ready(value: unknown): unknown {
        this.loaded = true;
        if (this.dirty) this.schedule(this.delay);
        return value;
    }

    private schedule(ms: number): void {
        if (!this.loaded || this.closed || this.timer !== undefined || this.writing !== null) return;
        this.timer = this.options.timers.setTimeout(() => {
            this.timer = undefined;
            this.flush().catch((err: unknown) =>
                this.options.report(`saving the state failed: ${message(err)}`),
            );
        }, ms);
    }

    private cancelTimer(): void {
        if (this.timer === undefined) return;
        this.options.timers.clearTimeout(this.timer);
        this.timer = undefined;
    }

    private async write(): Promise<void> {
        try {
            const blockedMs = await this.backend.write(this.options.snapshot());
            this.delay = delayAfter(blockedMs, this.options.delayMs ?? WRITE_DELAY_MS);
            if (this.failure !== null) {
                this.failure = null;
                this.options.report(`the state is saved again (${this.where})`);
            }
        } catch (err) {
            // Kept as unwritten: the next change, the retry or the close writes it.
            this.dirty = true;
            const text =
                err instanceof StateTooLarge
                    ? `the state was not saved: ${err.message}; it will not survive a restart`
                    : `could not save the state (${this.where}): ${message(err)}`;
            if (text !== this.failure) this.options.report(text);
            this.failure = text;
        }
    }
}

/** The wait before the next write: the delay, or longer when serialising held the event loop long. */
export function delayAfter(blockedMs: number, delayMs: number): number {
    return Math.max(delayMs, Math.ceil(blockedMs / MAX_SAVE_SHARE));
}

/** The node's own file. */
export class FileBackend implements Backend {
    /** False when an unusable file could not be moved aside: then it is never written over. */
    private writable = true;

    constructor(private readonly file: StateFile) {}

    get where(): string {
        return `file ${this.file.path}`;
    }

    async read(report: (text: string) => void): Promise<unknown> {
        const got = await this.file.read();
        if (got.kind === "none") return undefined;
        if (got.kind === "ok") return got.state;
        if (got.aside !== null) {
            report(
                `saved state ${this.file.path} set aside as ${basename(got.aside)}: ${got.why}; starting afresh`,
            );
        } else {
            this.writable = false;
            report(
                `saved state ${this.file.path} cannot be used (${got.why}) nor set aside (${got.asideError ?? "?"}): ` +
                    "starting afresh, and not saving over it until it is moved or removed",
            );
        }
        return undefined;
    }

    async write(value: unknown): Promise<number> {
        if (!this.writable) return 0;
        return (await this.file.write(value)).blockedMs;
    }

    async remove(): Promise<void> {
        await this.file.remove();
    }
}

/** The parts of a node's context used (node.context(); structural, no node-red import). */
export interface NodeContext {
    get(
        key: string,
        store: string | undefined,
        callback: (err: Error | null | undefined, value: unknown) => void,
    ): void;
    set(key: string, value: unknown, store: string | undefined, callback: (err?: Error | null) => void): void;
}

/** A key of the node's context in a persistent context store, as earlier versions kept it. */
export class ContextBackend implements Backend {
    constructor(
        private readonly context: NodeContext,
        private readonly key: string,
        private readonly store: string | undefined,
        private readonly storeName: string,
    ) {}

    get where(): string {
        return `context store "${this.storeName}", key "${this.key}"`;
    }

    read(report: (text: string) => void): Promise<unknown> {
        return new Promise((resolve) => {
            const fail = (err: unknown): void => {
                report(`could not read the saved state (${this.where}): ${message(err)}; starting afresh`);
                resolve(undefined);
            };
            try {
                this.context.get(this.key, this.store, (err, value) => (err ? fail(err) : resolve(value)));
            } catch (err) {
                fail(err);
            }
        });
    }

    write(value: unknown): Promise<number> {
        return new Promise((resolve, reject) => {
            try {
                this.context.set(this.key, value, this.store, (err) => (err ? reject(err) : resolve(0)));
            } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
            }
        });
    }

    /** Node-RED cleans a configured store of the nodes no longer in the flows itself. */
    remove(): Promise<void> {
        return Promise.resolve();
    }
}

/**
 * A context store that reaches the disk only every few seconds (localfilesystem's cache), with
 * a journal file of ours written within a second: the journal is never older than the store's
 * copy, so it is read first; the store is still written, as before.
 */
export class JournalledBackend implements Backend {
    constructor(
        private readonly context: ContextBackend,
        private readonly journal: FileBackend,
    ) {}

    get where(): string {
        return `${this.context.where}, with journal ${this.journal.where}`;
    }

    async read(report: (text: string) => void): Promise<unknown> {
        const journalled = await this.journal.read(report);
        return journalled !== undefined ? journalled : this.context.read(report);
    }

    async write(value: unknown): Promise<number> {
        await this.context.write(value);
        return this.journal.write(value);
    }

    remove(): Promise<void> {
        return this.journal.remove();
    }
}

/** Process memory: over a redeploy, not a restart (no user directory to write to). */
export class MemoryBackend implements Backend {
    constructor(
        private readonly memory: Map<string, unknown>,
        private readonly id: string,
    ) {}

    get where(): string {
        return "memory (no user directory known)";
    }

    read(): Promise<unknown> {
        return Promise.resolve(this.memory.get(this.id));
    }

    write(value: unknown): Promise<number> {
        this.memory.set(this.id, value);
        return Promise.resolve(0);
    }

    remove(): Promise<void> {
        this.memory.delete(this.id);
        return Promise.resolve();
    }
}
