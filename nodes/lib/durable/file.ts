/**
 * One node's state file: `<dir>/<node id>.json`, holding the state the node's engine gave (any
 * JSON; the engine owns its format, version and migrations) in an envelope of ours that says
 * what it is, for which node, when it was saved and in which version of the envelope.
 *
 * - Written atomically: a temporary file beside it, fsync, rename over the old one, fsync of the
 *   folder; a crash leaves the old file or the new one, never half of one.
 * - Bounded: a state over `maxBytes` is not written, a file over it is not read.
 * - A file that cannot be used (not JSON, not ours, another node's, a newer envelope, too large,
 *   unreadable) is renamed aside to `<name>.json.bad-<time>`, never deleted, and said so.
 */
import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import { join } from "node:path";
import { isRecord, isoTime, textOf } from "../json";

/** What the envelope says it is. */
export const FORMAT = "node-red-contrib-snmp-office state";
/** Version of the envelope (not of the state inside: each engine versions its own). */
export const ENVELOPE_VERSION = 1;

/** Longest node id kept as it is in a file name; longer or unusual ids are shortened with a hash. */
const MAX_PLAIN_ID = 80;
const PLAIN_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface Envelope {
    format: typeof FORMAT;
    version: number;
    nodeId: string;
    nodeType: string;
    /** ISO 8601 time of the write. */
    savedAt: string;
    state: unknown;
}

/** A file name for a node id: the id itself when it is plain, else a readable part and a hash. */
export function fileNameFor(nodeId: string): string {
    if (nodeId.length <= MAX_PLAIN_ID && PLAIN_ID.test(nodeId)) return `${nodeId}.json`;
    const readable = nodeId.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40);
    const hash = createHash("sha256").update(nodeId).digest("hex").slice(0, 16);
    return `${readable}~${hash}.json`;
}

/**
 * Steps from older envelope versions to the current one, by the version they start from. None
 * yet: version 1 is the first. A later version adds its step here and bumps ENVELOPE_VERSION.
 */
const UPGRADES: ReadonlyMap<number, (envelope: Record<string, unknown>) => Record<string, unknown>> =
    new Map();

export type Opened = { ok: true; state: unknown; savedAt: string } | { ok: false; why: string };

/** Reads an envelope back (parsed JSON), upgrading older versions; never throws. */
export function openEnvelope(raw: unknown, nodeId: string, nodeType: string): Opened {
    if (!isRecord(raw) || raw.format !== FORMAT)
        return { ok: false, why: "it is not a state file of this package" };
    let envelope = raw;
    let version = typeof raw.version === "number" && Number.isInteger(raw.version) ? raw.version : null;
    if (version === null || version < 1) return { ok: false, why: "it has no valid version" };
    if (version > ENVELOPE_VERSION) {
        return { ok: false, why: `it was written by a newer version of the package (format ${version})` };
    }
    while (version < ENVELOPE_VERSION) {
        const step = UPGRADES.get(version);
        if (step === undefined) return { ok: false, why: `format ${version} cannot be upgraded` };
        envelope = step(envelope);
        version++;
    }
    const id = textOf(envelope.nodeId);
    if (id !== nodeId) return { ok: false, why: `it belongs to node ${JSON.stringify(id)}` };
    if (envelope.nodeType !== nodeType) {
        return {
            ok: false,
            why: `it belongs to a ${String(envelope.nodeType)} node, not a ${nodeType} node`,
        };
    }
    if (!("state" in envelope)) return { ok: false, why: "it holds no state" };
    return { ok: true, state: envelope.state, savedAt: isoTime(envelope.savedAt) ?? "" };
}

export type FileRead =
    | { kind: "none" }
    | { kind: "ok"; state: unknown; savedAt: string }
    /** Unusable: `aside` is where it went, or null when it could not be moved (then `asideError`). */
    | { kind: "bad"; why: string; aside: string | null; asideError?: string };

export class StateTooLarge extends Error {
    constructor(
        readonly bytes: number,
        readonly maxBytes: number,
    ) {
        super(`the state is ${megabytes(bytes)}, over the limit of ${megabytes(maxBytes)}`);
    }
}

export function megabytes(bytes: number): string {
    return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function errorText(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown): string | undefined {
    return isRecord(err) && typeof err.code === "string" ? err.code : undefined;
}

/** `20240503T101500Z`: a time that sorts and fits in a file name on every system. */
function stamp(now: number): string {
    return new Date(now)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z");
}

export interface WriteResult {
    /** Bytes written (0 when the content had not changed since the last write). */
    bytes: number;
    /** Time spent serialising, during which nothing else runs, ms. */
    blockedMs: number;
}

export class StateFile {
    readonly path: string;
    private readonly name: string;
    /** The state as last written, to skip writes that change nothing. */
    private lastState: string | null = null;
    private temps = 0;

    constructor(
        readonly dir: string,
        readonly nodeId: string,
        readonly nodeType: string,
        readonly maxBytes: number,
        private readonly now: () => number = Date.now,
    ) {
        this.name = fileNameFor(nodeId);
        this.path = join(dir, this.name);
    }

    /** Reads the file once; an unusable one is moved aside. Removes temporary files a crash left. */
    async read(): Promise<FileRead> {
        await this.removeTemps();
        let size: number;
        try {
            size = (await fs.stat(this.path)).size;
        } catch (err) {
            if (errorCode(err) === "ENOENT") return { kind: "none" };
            return this.bad(`it cannot be read (${errorText(err)})`);
        }
        if (size > this.maxBytes) {
            return this.bad(`it is ${megabytes(size)}, over the limit of ${megabytes(this.maxBytes)}`);
        }
        let text: string;
        try {
            text = await fs.readFile(this.path, "utf8");
        } catch (err) {
            return this.bad(`it cannot be read (${errorText(err)})`);
        }
        let raw: unknown;
        try {
            raw = JSON.parse(text);
        } catch (err) {
            return this.bad(`it is not valid JSON (${errorText(err)})`);
        }
        const opened = openEnvelope(raw, this.nodeId, this.nodeType);
        if (!opened.ok) return this.bad(opened.why);
        return { kind: "ok", state: opened.state, savedAt: opened.savedAt };
    }

    /** Writes the state atomically; throws StateTooLarge or the file system's error. */
    async write(state: unknown): Promise<WriteResult> {
        const started = performance.now();
        const stateJson = JSON.stringify(state) ?? "null";
        const blockedMs = performance.now() - started;
        // The time of the write alone does not make it a change worth a disk write.
        if (stateJson === this.lastState) return { bytes: 0, blockedMs };
        const head: Omit<Envelope, "state"> = {
            format: FORMAT,
            version: ENVELOPE_VERSION,
            nodeId: this.nodeId,
            nodeType: this.nodeType,
            savedAt: new Date(this.now()).toISOString(),
        };
        // The envelope's fields, then the state as serialised once (it may be megabytes).
        const json = `${JSON.stringify(head).slice(0, -1)},"state":${stateJson}}`;
        const bytes = Buffer.byteLength(json);
        if (bytes > this.maxBytes) throw new StateTooLarge(bytes, this.maxBytes);
        await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
        const temp = `${this.path}.tmp-${process.pid}-${++this.temps}`;
        try {
            const handle = await fs.open(temp, "w", 0o600);
            try {
                await handle.writeFile(json, "utf8");
                await handle.sync();
            } finally {
                await handle.close();
            }
            await fs.rename(temp, this.path);
        } catch (err) {
            await fs.rm(temp, { force: true });
            throw err;
        }
        await syncFolder(this.dir);
        this.lastState = stateJson;
        return { bytes, blockedMs };
    }

    /** Deletes the file (the node was deleted); a missing file is fine. */
    async remove(): Promise<void> {
        this.lastState = null;
        await fs.rm(this.path, { force: true });
        await this.removeTemps();
    }

    private async bad(why: string): Promise<FileRead> {
        let aside = `${this.path}.bad-${stamp(this.now())}`;
        for (let n = 2; await exists(aside); n++) aside = `${this.path}.bad-${stamp(this.now())}-${n}`;
        try {
            await fs.rename(this.path, aside);
            return { kind: "bad", why, aside };
        } catch (err) {
            return { kind: "bad", why, aside: null, asideError: errorText(err) };
        }
    }

    /** Temporary files of this node left by a crash in the middle of a write. */
    private async removeTemps(): Promise<void> {
        let names: string[];
        try {
            names = await fs.readdir(this.dir);
        } catch (err) {
            if (errorCode(err) === "ENOENT") return;
            throw err;
        }
        const prefix = `${this.name}.tmp-`;
        for (const name of names)
            if (name.startsWith(prefix)) await fs.rm(join(this.dir, name), { force: true });
    }
}

async function exists(path: string): Promise<boolean> {
    try {
        await fs.stat(path);
        return true;
    } catch {
        // Anything that is not there (or cannot be looked at) is a free name to try.
        return false;
    }
}

/** Makes the rename itself durable. Windows cannot open a folder for this, and needs no such step. */
async function syncFolder(dir: string): Promise<void> {
    if (process.platform === "win32") return;
    const handle = await fs.open(dir, "r");
    try {
        await handle.sync();
    } finally {
        await handle.close();
    }
}
