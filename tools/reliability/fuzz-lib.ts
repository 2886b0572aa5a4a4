/**
 * The fuzzers behind `npm run fuzz` and the short run in `npm test`.
 *
 * Wire: the simulator serves every fixture; a proxy in front of each device sends, for every
 * response, a mutated copy first and the real one after it. Real polls (pollPrinter, pollAp,
 * through SnmpSession, the package's only door to net-snmp) read through the proxies, so every
 * mutated datagram goes through session.ts's answer reader (decode.ts) or, for what that leaves,
 * net-snmp's parser, and whatever it decodes to goes on into runQuery and the printer and AP
 * decoders. A mutation that is refused is followed by the real answer; one that is read becomes
 * the poll's data. Counted:
 * mutated datagrams, polls and their outcomes, watchdog firings, hangs (a poll still pending
 * well after its deadline), uncaught exceptions and unhandled rejections.
 *
 * Decoders: query results captured from the simulator for every fixture, mutated at the varbind
 * level (types, values, indexes, rows added and dropped, truncation flags) and decoded by the
 * printer decoder, the printer cache logic, the AP detection and reading builder, and the
 * metric builders. Counted: iterations, exceptions, the slowest iteration.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { chooseProfile, systemInfo } from "../../nodes/lib/ap/detect";
import { buildReading, planFor } from "../../nodes/lib/ap/engine";
import { metricMessages as apMetrics } from "../../nodes/lib/ap/metrics";
import { pollAp } from "../../nodes/lib/ap/poll-ap";
import { profileById, PROFILES } from "../../nodes/lib/ap/profiles";
import type { ApProfile } from "../../nodes/lib/ap/types";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { decodePrinter } from "../../nodes/lib/printer/decode";
import { metricMessages as printerMetrics } from "../../nodes/lib/printer/messages";
import { discoveryPlan, entryFromDiscovery, snapshotOf, walkedAlerts } from "../../nodes/lib/printer/plan";
import { pollPrinter } from "../../nodes/lib/printer/poll-printer";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { runQuery, type QueryResult } from "../../nodes/lib/snmp/query";
import { openSocketCount, SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings, type SettingsInput } from "../../nodes/lib/snmp/settings";
import { VarType, type Varbind } from "../../nodes/lib/snmp/varbind";
import { startMeddlingProxy, type MeddlingProxy } from "./proxy";
import { startSimulator, type V3User } from "../sim";
import { mutate, rng, type Random } from "./mutate";

const ROOT = path.join(__dirname, "..", "..");
const PRINTERS = path.join(ROOT, "test", "fixtures", "printers");
const WIRELESS = path.join(ROOT, "test", "fixtures", "wireless");
const V3_USER: V3User = {
    name: "fuzz",
    authProtocol: "sha256",
    authKey: "fuzz-auth-key",
    privProtocol: "aes",
    privKey: "fuzz-priv-key",
};

function fixtures(dir: string): { name: string; file: string }[] {
    return readdirSync(dir)
        .filter((f) => f.endsWith(".snmprec") && !f.includes("@"))
        .sort()
        .map((f) => ({ name: path.basename(f, ".snmprec"), file: path.join(dir, f) }));
}

interface Target {
    name: string;
    kind: "printer" | "ap";
    version: "1" | "2c" | "3";
}

export interface FuzzStats {
    /** Mutated datagrams sent (wire) or mutated results decoded (decoders). */
    mutations: number;
    ms: number;
    /** Polls (wire) or decode calls (decoders). */
    runs: number;
    outcomes: Record<string, number>;
    byMutation: Record<string, number>;
    /** Polls that did not settle within twice their deadline. */
    hangs: number;
    /** Requests given up on by the session's watchdog. */
    watchdogs: number;
    /** Uncaught exceptions, unhandled rejections, decoder exceptions: each a short text. */
    failures: string[];
    /** Slowest single run, ms. */
    slowestMs: number;
}

function newStats(): FuzzStats {
    return {
        mutations: 0,
        ms: 0,
        runs: 0,
        outcomes: {},
        byMutation: {},
        hangs: 0,
        watchdogs: 0,
        failures: [],
        slowestMs: 0,
    };
}

const bump = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
};

/** Catch what escapes while `run` runs. */
async function watching<T>(stats: FuzzStats, run: () => Promise<T>): Promise<T> {
    const onUncaught = (err: unknown): void => {
        stats.failures.push(`uncaught exception: ${String(err)}`);
    };
    const onRejection = (err: unknown): void => {
        stats.failures.push(`unhandled rejection: ${String(err)}`);
    };
    process.on("uncaughtExceptionMonitor", onUncaught);
    process.on("unhandledRejection", onRejection);
    try {
        return await run();
    } finally {
        process.off("uncaughtExceptionMonitor", onUncaught);
        process.off("unhandledRejection", onRejection);
    }
}

export interface WireFuzzOptions {
    mutations: number;
    seed: number;
    /** Polls in flight at once (default 48). */
    concurrency?: number;
    onProgress?: (stats: FuzzStats) => void;
}

/** Mutated responses over loopback, through session.ts (decode.ts, net-snmp), runQuery and the decoders. */
export async function wireFuzz(options: WireFuzzOptions): Promise<FuzzStats> {
    const stats = newStats();
    const r = rng(options.seed);
    const printers = fixtures(PRINTERS);
    const wireless = fixtures(WIRELESS);
    const sim = await startSimulator({
        devices: [
            ...printers.map((f) => ({ ...f, port: 0, community: "public", dynamics: false as const })),
            ...wireless.map((f) => ({ ...f, port: 0, community: "public", dynamics: false as const })),
            {
                name: "v3-printer",
                file: path.join(PRINTERS, "colour-laser.snmprec"),
                port: 0,
                dynamics: false as const,
                v3: { users: [V3_USER] },
            },
        ],
        logLimit: 0,
    });
    const targets: Target[] = [
        ...printers.flatMap((f): Target[] => [
            { name: f.name, kind: "printer", version: "2c" },
            { name: f.name, kind: "printer", version: "1" },
        ]),
        ...wireless.flatMap((f): Target[] => [
            { name: f.name, kind: "ap", version: "2c" },
            { name: f.name, kind: "ap", version: "1" },
        ]),
        { name: "v3-printer", kind: "printer", version: "3" },
    ];
    const proxies = new Map<string, MeddlingProxy>();
    const started = performance.now();
    const meddle = (answer: Buffer): Buffer[] => {
        if (stats.mutations >= options.mutations) return [answer];
        stats.mutations++;
        const m = mutate(answer, r);
        bump(stats.byMutation, m.kind);
        return [m.data, answer];
    };
    try {
        for (const name of sim.deviceNames)
            proxies.set(name, await startMeddlingProxy(sim.endpoint(name), meddle));
        const caches = new Map<string, PrinterCache>();
        const deadlineMs = 10_000;

        const pollOnce = async (t: Target): Promise<void> => {
            const proxy = proxies.get(t.name);
            if (proxy === undefined) return;
            const input: SettingsInput =
                t.version === "3"
                    ? {
                          version: "3",
                          user: V3_USER.name,
                          authProtocol: "sha256",
                          authKey: V3_USER.authKey,
                          privProtocol: "aes",
                          privKey: V3_USER.privKey,
                      }
                    : { version: t.version, community: "public" };
            const settings = normalizeSettings({ ...input, port: proxy.port, timeout: 200, retries: 0 });
            const session = await SnmpSession.open(proxy.host, settings);
            const signal = AbortSignal.timeout(deadlineMs);
            const key = `${t.name}|${t.version}`;
            // Half the printer polls start from what an earlier poll cached (the steady-state path).
            if (!caches.has(key) || r() < 0.5) caches.set(key, new PrinterCache());
            const cache = caches.get(key)!;
            const poll =
                t.kind === "printer"
                    ? pollPrinter(session, key, cache, {
                          lowLevel: 10,
                          invertReceptacles: r() < 0.2,
                          maxRepetitions: 1 + Math.floor(r() * 40),
                          maxRows: 500,
                          now: Date.now,
                          signal,
                      }).then((p) => {
                          printerMetrics("d", "h", p.reading);
                          JSON.stringify(p.reading);
                      })
                    : pollAp(
                          session,
                          { host: proxy.host, port: proxy.port, name: t.name },
                          {
                              vendor: "auto",
                              maxRepetitions: 1 + Math.floor(r() * 40),
                              maxRows: 500,
                              signal,
                              now: () => new Date(),
                          },
                      ).then((p) => {
                          apMetrics(p.reading, { perClientSignal: true });
                          JSON.stringify(p.reading);
                      });
            const t0 = performance.now();
            let hangTimer: NodeJS.Timeout | undefined;
            const hang = new Promise<"hang">((resolve) => {
                hangTimer = setTimeout(() => resolve("hang"), deadlineMs * 2);
            });
            try {
                const outcome = await Promise.race([poll.then(() => "ok"), hang]);
                if (outcome === "hang") {
                    stats.hangs++;
                    stats.failures.push(`hang: ${t.kind} ${t.name} v${t.version}`);
                }
                bump(stats.outcomes, outcome);
            } catch (err) {
                const code = err instanceof SnmpError ? err.code : "non-SnmpError";
                if (!(err instanceof SnmpError)) stats.failures.push(`not an SnmpError: ${String(err)}`);
                bump(stats.outcomes, code);
            } finally {
                clearTimeout(hangTimer);
                if (session.broken) stats.watchdogs++;
                session.close();
                stats.runs++;
                stats.slowestMs = Math.max(stats.slowestMs, performance.now() - t0);
            }
        };

        await watching(stats, async () => {
            let lastReport = 0;
            const worker = async (): Promise<void> => {
                while (stats.mutations < options.mutations) {
                    const t = targets[Math.floor(r() * targets.length)]!;
                    await pollOnce(t);
                    if (options.onProgress && stats.mutations - lastReport >= 10_000) {
                        lastReport = stats.mutations;
                        stats.ms = performance.now() - started;
                        options.onProgress(stats);
                    }
                }
            };
            await Promise.all(Array.from({ length: options.concurrency ?? 48 }, worker));
            // Let late datagrams and callbacks land before the listeners go.
            await new Promise((resolve) => setTimeout(resolve, 300));
        });
    } finally {
        for (const p of proxies.values()) await p.stop();
        await sim.stop();
    }
    stats.ms = performance.now() - started;
    if (openSocketCount() !== 0) stats.failures.push(`${openSocketCount()} SNMP sockets left open`);
    return stats;
}

// ---------------------------------------------------------------------------------------------
// Decoders

interface Captured {
    printers: QueryResult[];
    aps: { profile: ApProfile; result: QueryResult }[];
}

/** Query results as the access layer returns them from the simulator, for every fixture. */
async function captureResults(): Promise<Captured> {
    const printers = fixtures(PRINTERS);
    const wireless = fixtures(WIRELESS);
    const sim = await startSimulator({
        devices: [...printers, ...wireless].map((f) => ({
            ...f,
            port: 0,
            community: "public",
            dynamics: false as const,
        })),
        logLimit: 0,
    });
    const out: Captured = { printers: [], aps: [] };
    try {
        for (const f of printers) {
            const ep = sim.endpoint(f.name);
            const s = await SnmpSession.open(ep.host, normalizeSettings({ port: ep.port, timeout: 1000 }));
            try {
                out.printers.push(await runQuery(s, discoveryPlan(1000), { maxRepetitions: 25 }));
            } finally {
                s.close();
            }
        }
        for (const f of wireless) {
            const ep = sim.endpoint(f.name);
            const s = await SnmpSession.open(ep.host, normalizeSettings({ port: ep.port, timeout: 1000 }));
            try {
                let profile: ApProfile | undefined;
                try {
                    const p = await pollAp(
                        s,
                        { host: ep.host },
                        { vendor: "auto", maxRepetitions: 25, maxRows: 1000, now: () => new Date() },
                    );
                    profile = profileById(p.profileId);
                } catch {
                    profile = PROFILES[0]; // not an AP (a server, a router): decode it as the first profile would
                }
                if (profile === undefined) continue;
                const plan = planFor(profile);
                out.aps.push({
                    profile,
                    result: await runQuery(s, { ...plan, maxRows: 1000 }, { maxRepetitions: 25 }),
                });
            } finally {
                s.close();
            }
        }
    } finally {
        await sim.stop();
    }
    return out;
}

function randomVarbind(r: Random, oid: string, like?: Varbind): Varbind {
    const types = [
        VarType.Integer,
        VarType.OctetString,
        VarType.Null,
        VarType.OID,
        VarType.IpAddress,
        VarType.Counter,
        VarType.Gauge,
        VarType.TimeTicks,
        VarType.Opaque,
        VarType.Counter64,
        VarType.NoSuchObject,
        VarType.NoSuchInstance,
        VarType.EndOfMibView,
        VarType.Boolean,
        99,
    ];
    const values: Varbind["value"][] = [
        0,
        -1,
        -2,
        -3,
        -4,
        100,
        101,
        2147483647,
        -2147483648,
        4294967295,
        2 ** 53 + 2,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        1.5,
        2n ** 64n - 1n,
        -1n,
        "",
        "1.3.6.1.4.1.99999",
        "999.999.999.999",
        "\u0000\u001b[2J<b>x</b>",
        "4294967296.1",
        Buffer.alloc(0),
        Buffer.from([0xff, 0xfe, 0x00, 0x41]),
        Buffer.from("42"),
        Buffer.from("-3"),
        Buffer.from([0x80, 0x00]),
        Buffer.alloc(7, 0xab),
        Buffer.alloc(5000, 0x41),
        true,
        null,
    ];
    const type = r() < 0.3 && like ? like.type : types[Math.floor(r() * types.length)]!;
    const value = r() < 0.3 && like ? like.value : values[Math.floor(r() * values.length)]!;
    return { oid, type, value };
}

function randomIndex(r: Random): string {
    const shapes = [
        "0",
        "1",
        "1.1",
        "1.4294967295",
        "4294967295.4294967295",
        "1.2.3.4.5.6",
        "6.1.2.3.4.5.6",
        "164.131.231.0.0.1",
        "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1",
        String(Math.floor(r() * 1e6)),
    ];
    return shapes[Math.floor(r() * shapes.length)]!;
}

/** A copy of a result with 1-6 varbind-level mutations. */
function mutateResult(base: QueryResult, r: Random): QueryResult {
    const result: QueryResult = {
        scalars: new Map(base.scalars),
        columns: new Map(Array.from(base.columns, ([k, v]) => [k, new Map(v)])),
        truncated: r() < 0.1 ? Array.from(base.columns.keys()) : [...base.truncated],
        looping: r() < 0.1 ? Array.from(base.columns.keys()).slice(0, 2) : [...base.looping],
        failed: [...base.failed],
        requests: base.requests,
    };
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n; i++) {
        const columns = Array.from(result.columns.keys());
        const roll = r();
        if (roll < 0.25 && result.scalars.size > 0) {
            const keys = Array.from(result.scalars.keys());
            const k = keys[Math.floor(r() * keys.length)]!;
            if (r() < 0.2) result.scalars.delete(k);
            else result.scalars.set(k, randomVarbind(r, k, result.scalars.get(k)));
            continue;
        }
        const column = columns[Math.floor(r() * columns.length)];
        if (column === undefined) continue;
        const rows = result.columns.get(column)!;
        const indexes = Array.from(rows.keys());
        if (roll < 0.6 && indexes.length > 0) {
            const idx = indexes[Math.floor(r() * indexes.length)]!;
            rows.set(idx, randomVarbind(r, `${column}.${idx}`, rows.get(idx)));
        } else if (roll < 0.75) {
            const idx = randomIndex(r);
            rows.set(idx, randomVarbind(r, `${column}.${idx}`));
        } else if (roll < 0.85 && indexes.length > 0) {
            rows.delete(indexes[Math.floor(r() * indexes.length)]!);
        } else if (roll < 0.92) {
            rows.clear();
        } else {
            // A row of another column copied in (mixed-up tables).
            const other = result.columns.get(columns[Math.floor(r() * columns.length)]!)!;
            for (const [idx, vb] of other) rows.set(idx, { ...vb, oid: `${column}.${idx}` });
        }
    }
    return result;
}

export interface DecoderFuzzOptions {
    iterations: number;
    seed: number;
    captured?: Captured;
    onProgress?: (stats: FuzzStats) => void;
}

/** Mutated query results through every decoder. Synchronous work: a hang would hang the caller. */
export async function decoderFuzz(options: DecoderFuzzOptions): Promise<FuzzStats> {
    const stats = newStats();
    const captured = options.captured ?? (await captureResults());
    const r = rng(options.seed);
    const started = performance.now();
    const fail = (what: string, err: unknown): void => {
        if (stats.failures.length < 20) {
            stats.failures.push(
                `${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
            );
        } else {
            stats.failures.push(what);
        }
    };
    for (let i = 0; i < options.iterations; i++) {
        const t0 = performance.now();
        stats.mutations++;
        const printer = r() < 0.5;
        if (printer) {
            const base = captured.printers[Math.floor(r() * captured.printers.length)]!;
            const result = mutateResult(base, r);
            try {
                const now = Date.now();
                const reading = decodePrinter(result, {
                    lowLevel: Math.floor(r() * 101),
                    invertReceptacles: r() < 0.3,
                    now,
                });
                JSON.stringify(printerMetrics("d", "h", reading));
                JSON.stringify(reading);
                // The cache path: discovery, then a steady-state snapshot from another mutation.
                const entry = entryFromDiscovery(result, now);
                if (entry !== undefined) {
                    const next = mutateResult(base, r);
                    const snap = snapshotOf(entry, next, r() < 0.5 ? walkedAlerts(next) : undefined);
                    JSON.stringify(decodePrinter(snap, { lowLevel: 10, invertReceptacles: false, now }));
                }
                bump(stats.outcomes, "printer decoded");
            } catch (err) {
                bump(stats.outcomes, "printer threw");
                fail("printer decoder threw", err);
            }
        } else {
            const { profile, result: base } = captured.aps[Math.floor(r() * captured.aps.length)]!;
            const result = mutateResult(base, r);
            try {
                const sys = systemInfo(result);
                try {
                    chooseProfile("h", sys, result);
                } catch (err) {
                    // chooseProfile reports "no profile fits" as an SnmpError: that is its contract.
                    if (!(err instanceof SnmpError)) throw err;
                }
                const built = buildReading(profile, result, { device: "d", host: "h", time: "t" });
                JSON.stringify(apMetrics(built.reading, { perClientSignal: true }));
                JSON.stringify(built.reading);
                bump(stats.outcomes, "ap decoded");
            } catch (err) {
                bump(stats.outcomes, "ap threw");
                fail(`AP decoder (${profile.id}) threw`, err);
            }
        }
        stats.runs++;
        stats.slowestMs = Math.max(stats.slowestMs, performance.now() - t0);
        if (options.onProgress && i > 0 && i % 25_000 === 0) {
            stats.ms = performance.now() - started;
            options.onProgress(stats);
        }
    }
    stats.ms = performance.now() - started;
    return stats;
}
