/**
 * The durable state store on a real file system: where state goes for each Node-RED setting,
 * the file (atomic, bounded, set aside when unusable, versioned envelope) and the slot (read
 * once, written within the delay, on close, removed with the node, problems said once).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    rmSync,
    statSync,
    writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
    ENVELOPE_VERSION,
    FORMAT,
    StateFile,
    StateTooLarge,
    fileNameFor,
    openEnvelope,
} from "../../nodes/lib/durable/file";
import { openState, stateId } from "../../nodes/lib/durable";
import { placeState, resolveContextStore, writeDelayMs } from "../../nodes/lib/durable/placement";
import {
    ContextBackend,
    DurableSlot,
    FileBackend,
    JournalledBackend,
    MemoryBackend,
    delayAfter,
    type Backend,
    type NodeContext,
} from "../../nodes/lib/durable/slot";

const realTimers = {
    setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
    clearTimeout: (h: unknown): void => clearTimeout(h as NodeJS.Timeout),
};

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function listDir(dir: string): string[] {
    return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A backend around a real one that counts writes and can be made to fail. */
class Counting implements Backend {
    writes: unknown[] = [];
    failWith: Error | null = null;
    constructor(private readonly inner: Backend) {}
    get where(): string {
        return this.inner.where;
    }
    read(report: (text: string) => void): Promise<unknown> {
        return this.inner.read(report);
    }
    async write(value: unknown): Promise<number> {
        if (this.failWith !== null) throw this.failWith;
        this.writes.push(JSON.parse(JSON.stringify(value)));
        return this.inner.write(value);
    }
    remove(): Promise<void> {
        return this.inner.remove();
    }
}

/** A node context the way Node-RED's stores answer (asynchronously, through callbacks). */
class Context implements NodeContext {
    data = new Map<string, unknown>();
    stores: (string | undefined)[] = [];
    get(
        key: string,
        store: string | undefined,
        cb: (err: Error | null | undefined, value: unknown) => void,
    ): void {
        this.stores.push(store);
        setImmediate(() => cb(null, this.data.get(key)));
    }
    set(key: string, value: unknown, store: string | undefined, cb: (err?: Error | null) => void): void {
        this.stores.push(store);
        this.data.set(key, JSON.parse(JSON.stringify(value)));
        setImmediate(() => cb(null));
    }
}

describe("durable state: where it goes", () => {
    const userDir = "/srv/node-red";

    it("uses a file of its own on a default install (no contextStorage)", () => {
        assert.deepEqual(placeState({ userDir }, undefined), {
            kind: "file",
            dir: join(userDir, "snmp-office"),
        });
        assert.deepEqual(placeState({ userDir, contextStorage: {} }, ""), {
            kind: "file",
            dir: join(userDir, "snmp-office"),
        });
    });

    it("uses a file when the store the node would use is a memory store", () => {
        const contextStorage = { default: { module: "memory" }, disk: { module: "localfilesystem" } };
        assert.equal(placeState({ userDir, contextStorage }, "").kind, "file");
        assert.equal(placeState({ userDir, contextStorage }, "disk").kind, "context");
    });

    it("keeps using a persistent context store, with a journal when it writes only every few seconds", () => {
        const lazy = { default: { module: "localfilesystem" } };
        assert.deepEqual(placeState({ userDir, contextStorage: lazy }, ""), {
            kind: "context",
            store: undefined,
            storeName: "default",
            journalDir: join(userDir, "snmp-office"),
        });
        const direct = { file: { module: "localfilesystem", config: { cache: false } } };
        assert.deepEqual(placeState({ userDir, contextStorage: direct }, "file"), {
            kind: "context",
            store: "file",
            storeName: "file",
            journalDir: null,
        });
        const quick = { file: { module: "localfilesystem", config: { flushInterval: 1 } } };
        assert.equal(
            (placeState({ userDir, contextStorage: quick }, "file") as { journalDir: unknown }).journalDir,
            null,
        );
        // A store module given as an object (node-red-context-redis and the like) writes at once.
        const custom = { default: { module: { name: "redis" }, config: {} } };
        assert.deepEqual(placeState({ userDir, contextStorage: custom }, ""), {
            kind: "context",
            store: undefined,
            storeName: "default",
            journalDir: null,
        });
    });

    it("resolves the default store as Node-RED does: 'default', its alias, else the first listed", () => {
        const aliased = { default: "disk", disk: { module: "localfilesystem" }, mem: { module: "memory" } };
        assert.equal(resolveContextStore(aliased, "")?.name, "disk");
        assert.equal(resolveContextStore(aliased, "mem")?.name, "mem");
        assert.equal(resolveContextStore(aliased, "nonesuch")?.name, "disk", "an unknown name falls back");
        const firstListed = { mem: { module: "memory" }, disk: { module: "localfilesystem" } };
        assert.equal(resolveContextStore(firstListed, undefined)?.name, "mem");
        assert.equal(placeState({ userDir, contextStorage: firstListed }, "").kind, "file");
        assert.equal(resolveContextStore(undefined, ""), null);
        assert.equal(resolveContextStore({ default: "missing" }, ""), null);
    });

    it("reads localfilesystem's flush interval (seconds, 30 by default)", () => {
        assert.equal(writeDelayMs({ name: "a", config: { module: "localfilesystem" } }), 30_000);
        assert.equal(
            writeDelayMs({ name: "a", config: { module: "localfilesystem", config: { flushInterval: 5 } } }),
            5_000,
        );
        assert.equal(
            writeDelayMs({ name: "a", config: { module: "localfilesystem", config: { cache: false } } }),
            0,
        );
        assert.equal(writeDelayMs({ name: "a", config: { module: "memory" } }), 0);
    });

    it("keeps state in process memory when no user directory is known", () => {
        assert.deepEqual(placeState({}, ""), { kind: "memory" });
        assert.deepEqual(placeState({ userDir: "" }, ""), { kind: "memory" });
    });

    it("names the state by the node id, as Node-RED scopes the node's context (subflows too)", () => {
        assert.equal(stateId({ id: "a1b2c3d4e5f60718" }), "a1b2c3d4e5f60718");
        assert.equal(stateId({ id: "x-y", z: "inst1", _alias: "n7" }), "inst1-n7");
    });
});

describe("durable state: the file", () => {
    let dir = "";
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "snmp-office-state-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const file = (id = "n1", type = "threshold-alert", maxBytes = 1024 * 1024): StateFile =>
        new StateFile(join(dir, "snmp-office"), id, type, maxBytes, () => Date.UTC(2024, 4, 3, 10, 15, 0));

    it("writes the state in a versioned envelope and reads it back", async () => {
        const f = file();
        assert.deepEqual(await f.read(), { kind: "none" }, "nothing stored yet");
        const written = await f.write({ version: 1, keys: { a: 1 } });
        assert.ok(written.bytes > 0);
        const raw = JSON.parse(readFileSync(f.path, "utf8")) as Record<string, unknown>;
        assert.deepEqual(raw, {
            format: FORMAT,
            version: ENVELOPE_VERSION,
            nodeId: "n1",
            nodeType: "threshold-alert",
            savedAt: "2024-05-03T10:15:00.000Z",
            state: { version: 1, keys: { a: 1 } },
        });
        assert.equal(statSync(f.path).mode & 0o777, 0o600, "only the Node-RED user reads it");
        assert.deepEqual(await file().read(), {
            kind: "ok",
            state: { version: 1, keys: { a: 1 } },
            savedAt: "2024-05-03T10:15:00.000Z",
        });
        assert.deepEqual(listDir(join(dir, "snmp-office")), ["n1.json"], "no temporary file left");
    });

    it("skips a write that would change nothing", async () => {
        const f = file();
        await f.write({ a: 1 });
        assert.equal((await f.write({ a: 1 })).bytes, 0);
        assert.ok((await f.write({ a: 2 })).bytes > 0);
    });

    it("sets a file that is not JSON aside, once, and starts afresh", async () => {
        const f = file();
        mkdirSync(f.dir, { recursive: true });
        writeFileSync(f.path, '{"format": "node-red-contrib-snmp-office state", "vers');
        const got = await f.read();
        assert.equal(got.kind, "bad");
        assert.match((got as { why: string }).why, /not valid JSON/);
        assert.deepEqual(listDir(f.dir), ["n1.json.bad-20240503T101500Z"]);
        assert.equal(
            readFileSync(join(f.dir, "n1.json.bad-20240503T101500Z"), "utf8"),
            '{"format": "node-red-contrib-snmp-office state", "vers',
            "kept as it was, not wiped",
        );
        assert.deepEqual(
            await file().read(),
            { kind: "none" },
            "the next start finds nothing to complain about",
        );
    });

    it("sets aside a file that is not its own: another format, node, type or a newer version", async () => {
        const cases: [unknown, RegExp][] = [
            [{ version: 1, keys: {} }, /not a state file of this package/],
            [
                { format: FORMAT, version: 1, nodeId: "n2", nodeType: "threshold-alert", state: {} },
                /node "n2"/,
            ],
            [
                { format: FORMAT, version: 1, nodeId: "n1", nodeType: "ap-clients", state: {} },
                /ap-clients node/,
            ],
            [
                { format: FORMAT, version: 99, nodeId: "n1", nodeType: "threshold-alert", state: {} },
                /newer version/,
            ],
            [
                { format: FORMAT, version: "1", nodeId: "n1", nodeType: "threshold-alert", state: {} },
                /no valid version/,
            ],
            [{ format: FORMAT, version: 1, nodeId: "n1", nodeType: "threshold-alert" }, /holds no state/],
        ];
        for (const [content, why] of cases) {
            const f = file();
            mkdirSync(f.dir, { recursive: true });
            writeFileSync(f.path, JSON.stringify(content));
            const got = await f.read();
            assert.equal(got.kind, "bad", JSON.stringify(content));
            assert.match((got as { why: string }).why, why);
            assert.equal(existsSync(f.path), false, "moved aside");
        }
        const asides = listDir(join(dir, "snmp-office"));
        assert.equal(
            asides.length,
            cases.length,
            `one aside copy each, none overwritten: ${asides.join(", ")}`,
        );
    });

    it("reads an envelope through the version steps (none yet) and refuses what it does not know", () => {
        const good = {
            format: FORMAT,
            version: 1,
            nodeId: "a",
            nodeType: "t",
            savedAt: "2024-05-03T10:15:00Z",
            state: [1],
        };
        assert.deepEqual(openEnvelope(good, "a", "t"), {
            ok: true,
            state: [1],
            savedAt: "2024-05-03T10:15:00Z",
        });
        assert.equal(openEnvelope({ ...good, version: 0 }, "a", "t").ok, false);
        assert.equal(openEnvelope(null, "a", "t").ok, false);
        assert.equal(openEnvelope([good], "a", "t").ok, false);
    });

    it("neither writes nor reads more than its bound", async () => {
        const f = file("n1", "threshold-alert", 1000);
        await f.write({ small: true });
        await assert.rejects(f.write({ big: "x".repeat(2000) }), (err: unknown) => {
            assert.ok(err instanceof StateTooLarge);
            assert.match(err.message, /over the limit of 1 kB/);
            return true;
        });
        assert.deepEqual(((await file("n1", "threshold-alert", 1000).read()) as { state: unknown }).state, {
            small: true,
        });
        writeFileSync(f.path, JSON.stringify({ pad: "y".repeat(5000) }));
        const got = await file("n1", "threshold-alert", 1000).read();
        assert.equal(got.kind, "bad");
        assert.match((got as { why: string }).why, /over the limit/);
    });

    it("keeps the old file when a write was cut short, and clears the half-written temporary", async () => {
        const f = file();
        await f.write({ generation: 1 });
        // What a crash in the middle of a write leaves: the temporary, not yet renamed.
        writeFileSync(`${f.path}.tmp-12345-7`, '{"format":"node-red-contrib-snmp-office state","ver');
        assert.deepEqual(((await file().read()) as { state: unknown }).state, { generation: 1 });
        assert.deepEqual(listDir(f.dir), ["n1.json"]);
    });

    it("removes the file of a deleted node", async () => {
        const f = file();
        await f.write({ a: 1 });
        await f.remove();
        assert.deepEqual(listDir(f.dir), []);
        await f.remove();
    });

    it("gives every node id its own file name with no path in it", () => {
        assert.equal(fileNameFor("3f1c2a9b7d4e5f60"), "3f1c2a9b7d4e5f60.json");
        assert.equal(fileNameFor("inst1-n7"), "inst1-n7.json");
        const odd = ["../../etc/passwd", "a/b", "a\\b", ".hidden", "x".repeat(300), "a b", "a:b", "a_b"];
        const names = odd.map(fileNameFor);
        for (const name of names) {
            assert.match(name, /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*\.json$/, name);
            assert.ok(name.length < 100, name);
        }
        assert.equal(new Set(names).size, odd.length, "no two ids share a file");
    });

    it("does not write over a file it could neither use nor move aside", async function () {
        const f = file();
        mkdirSync(f.dir, { recursive: true });
        writeFileSync(f.path, "not json");
        // Make the folder refuse renames: immutable as root, read-only otherwise.
        const root = process.getuid?.() === 0;
        try {
            if (root) execFileSync("chattr", ["+i", f.dir], { stdio: "ignore" });
            else execFileSync("chmod", ["a-w", f.dir]);
        } catch {
            this.skip();
        }
        try {
            const backend = new FileBackend(f);
            const reports: string[] = [];
            assert.equal(await backend.read((t) => reports.push(t)), undefined);
            assert.equal(reports.length, 1);
            assert.match(
                reports[0] ?? "",
                /cannot be used \(it is not valid JSON.*nor set aside.*not saving over it/,
            );
            assert.equal(await backend.write({ fresh: true }), 0);
        } finally {
            if (root) execFileSync("chattr", ["-i", f.dir]);
            else execFileSync("chmod", ["u+w", f.dir]);
        }
        assert.equal(readFileSync(f.path, "utf8"), "not json", "left as it was");
    });
});

describe("durable state: the slot", () => {
    let dir = "";
    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "snmp-office-slot-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function fileSlot(state: { value: unknown }, delayMs = 60) {
        const f = new StateFile(dir, "n1", "supply-forecast", 1024 * 1024);
        const backend = new Counting(new FileBackend(f));
        const reports: string[] = [];
        const slot = new DurableSlot(backend, {
            snapshot: () => state.value,
            report: (t) => reports.push(t),
            timers: realTimers,
            delayMs,
        });
        return { f, backend, reports, slot };
    }

    it("writes many changes as one write, within the delay, and never before the first read", async () => {
        const state = { value: { n: 0 } as unknown };
        const stored = fileSlot({ value: { n: 41 } });
        await stored.slot.load();
        stored.slot.changed();
        await stored.slot.close(false);

        const { slot, backend } = fileSlot(state);
        slot.changed();
        await sleep(120);
        assert.equal(backend.writes.length, 0, "a change before the read writes nothing");
        assert.deepEqual(await slot.load(), { n: 41 });
        state.value = { n: 42 };
        for (let i = 0; i < 20; i++) slot.changed();
        await sleep(20);
        assert.equal(backend.writes.length, 0, "not yet");
        await sleep(100);
        assert.deepEqual(backend.writes, [{ n: 42 }], "one write for twenty changes");
        await slot.close(false);
        assert.deepEqual(backend.writes, [{ n: 42 }], "nothing left to write on close");
    });

    it("is not postponed by a steady stream of changes", async () => {
        const state = { value: 0 as unknown };
        const { slot, backend } = fileSlot(state, 50);
        await slot.load();
        const started = Date.now();
        while (backend.writes.length === 0 && Date.now() - started < 1000) {
            state.value = (state.value as number) + 1;
            slot.changed();
            await sleep(5);
        }
        assert.ok(Date.now() - started < 200, `first write after ${Date.now() - started} ms`);
        await slot.close(false);
    });

    it("writes the last change on close, and removes the file when the node was deleted", async () => {
        const state = { value: { a: 1 } as unknown };
        const { slot, f } = fileSlot(state, 10_000);
        await slot.load();
        slot.changed();
        await slot.close(false);
        assert.deepEqual(((await f.read()) as { state: unknown }).state, { a: 1 }, "written on close");

        const again = fileSlot(state, 10_000);
        assert.deepEqual(await again.slot.load(), { a: 1 });
        again.slot.changed();
        await again.slot.close(true);
        assert.deepEqual(listDir(dir), [], "the deleted node's file is gone");
        again.slot.changed();
        await sleep(20);
        assert.deepEqual(listDir(dir), [], "no write after close");
    });

    it("reports a failing write once, retries, and says when saving works again", async () => {
        const state = { value: { a: 1 } as unknown };
        const { slot, backend, reports } = fileSlot(state, 10);
        await slot.load();
        backend.failWith = Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
        slot.changed();
        await sleep(50);
        slot.changed();
        await slot.flush();
        await slot.flush();
        assert.deepEqual(reports, [
            `could not save the state (${slot.where}): ENOSPC: no space left on device`,
        ]);
        backend.failWith = null;
        await slot.flush();
        assert.deepEqual(backend.writes, [{ a: 1 }], "the unwritten change is written once it can be");
        assert.equal(reports[1], `the state is saved again (${slot.where})`);
        await slot.close(false);
    });

    it("says once that a state over the bound is not saved", async () => {
        const f = new StateFile(dir, "n1", "ap-clients", 100);
        const reports: string[] = [];
        const slot = new DurableSlot(new FileBackend(f), {
            snapshot: () => ({ clients: "x".repeat(500) }),
            report: (t) => reports.push(t),
            timers: realTimers,
            delayMs: 5,
        });
        await slot.load();
        slot.changed();
        await slot.flush();
        slot.changed();
        await slot.flush();
        assert.equal(reports.length, 1);
        assert.match(
            reports[0] ?? "",
            /not saved: the state is 1 kB, over the limit of 1 kB; it will not survive a restart/,
        );
        await slot.close(false);
        assert.equal(reports.length, 1);
    });

    it("writes less often when serialising the state holds the event loop long", () => {
        assert.equal(delayAfter(3, 1000), 1000);
        assert.equal(delayAfter(100, 1000), 2000, "at most 5 % of the time goes to saving");
    });

    it("keeps a persistent context store's key, and reads a journal before it", async () => {
        const context = new Context();
        const ctx = new ContextBackend(context, "alerts", "disk", "disk");
        context.data.set("alerts", { version: 1, from: "context" });
        assert.deepEqual(await ctx.read(() => undefined), { version: 1, from: "context" });

        const journal = new FileBackend(new StateFile(dir, "n1", "threshold-alert", 1 << 20));
        const both = new JournalledBackend(ctx, journal);
        assert.deepEqual(await both.read(() => undefined), { version: 1, from: "context" }, "no journal yet");
        await both.write({ version: 1, from: "journal" });
        assert.deepEqual(
            context.data.get("alerts"),
            { version: 1, from: "journal" },
            "the store is written too",
        );
        context.data.set("alerts", { version: 1, from: "stale flush" });
        assert.deepEqual(await both.read(() => undefined), { version: 1, from: "journal" });
        assert.deepEqual(context.stores, ["disk", "disk", "disk"], "always the node's own store");
        await both.remove();
        assert.deepEqual(listDir(dir), []);
    });

    it("reports a context store that fails to read, once, and starts afresh", async () => {
        const broken: NodeContext = {
            get: (_k, _s, cb) => cb(new Error("store offline"), undefined),
            set: (_k, _v, _s, cb) => cb(new Error("store offline")),
        };
        const reports: string[] = [];
        const slot = new DurableSlot(new ContextBackend(broken, "history", undefined, "redis"), {
            snapshot: () => ({}),
            report: (t) => reports.push(t),
            timers: realTimers,
        });
        assert.equal(await slot.load(), undefined);
        assert.deepEqual(reports, [
            'could not read the saved state (context store "redis", key "history"): store offline; starting afresh',
        ]);
    });

    it("keeps state in memory over a redeploy when there is no user directory", async () => {
        const memory = new Map<string, unknown>();
        const a = new DurableSlot(new MemoryBackend(memory, "n1"), {
            snapshot: () => ({ a: 1 }),
            report: () => undefined,
            timers: realTimers,
        });
        await a.load();
        a.changed();
        await a.close(false);
        const b = new DurableSlot(new MemoryBackend(memory, "n1"), {
            snapshot: () => ({}),
            report: () => undefined,
            timers: realTimers,
        });
        assert.deepEqual(await b.load(), { a: 1 });
        await b.close(true);
        assert.equal(memory.size, 0);
    });

    it("opens a node's state where the settings say and closes it with the node", async () => {
        let onClose: ((removed: boolean, done: () => void) => void) | undefined;
        const warnings: string[] = [];
        const node = {
            id: "f00d",
            type: "supply-forecast",
            context: () => new Context(),
            warn: (t: string) => warnings.push(t),
            on: (_e: "close", h: (removed: boolean, done: () => void) => void) => (onClose = h),
        };
        const state = { keys: 3 };
        const slot = openState({ settings: { userDir: dir } }, node, {
            contextKey: "history",
            snapshot: () => state,
        });
        assert.equal(slot.where, `file ${join(dir, "snmp-office", "f00d.json")}`);
        assert.equal(await slot.load(), undefined);
        slot.changed();
        await new Promise<void>((resolve) => onClose?.(false, resolve));
        const saved = JSON.parse(readFileSync(join(dir, "snmp-office", "f00d.json"), "utf8")) as {
            state: unknown;
        };
        assert.deepEqual(saved.state, { keys: 3 }, "written when the node closed");
        assert.deepEqual(warnings, []);
    });
});
