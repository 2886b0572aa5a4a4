/**
 * The SNMP access layer against real agents on loopback: the simulator for well-behaved devices,
 * a raw responder for broken ones. What a user relies on: every value read, typed as the device
 * sent it, in few round trips; missing things absent rather than errors; clear errors with the
 * host; nothing left open.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pollBatch } from "../../nodes/lib/batch";
import { Limiter } from "../../nodes/lib/snmp/limiter";
import { SessionPool } from "../../nodes/lib/snmp/pool";
import { runQuery, type QueryPlan, type QueryResult } from "../../nodes/lib/snmp/query";
import { classifyError, openSocketCount, SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings, type SettingsInput } from "../../nodes/lib/snmp/settings";
import { asBigInt, asInt, asText, VarType } from "../../nodes/lib/snmp/varbind";
import type { SnmpError } from "../../nodes/lib/snmp/errors";
import { startSimulator, type Simulator } from "../../tools/sim";
import { parseSnmprec } from "../../tools/sim/snmprec";
import { encodeInteger, encodeOctets } from "../../tools/sim/ber";
import { generatedTable, startHostileAgent, type Behaviour, type HostileAgent } from "../helpers/hostile";
import { response, startRawAgent, vb, type RawAgent } from "../helpers/raw-agent";
import { udpSocketCount } from "../helpers/sockets";

const FIXTURE = join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
const SUPPLIES = "1.3.6.1.2.1.43.11.1.1";
const PLAN: QueryPlan = {
    scalars: ["1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0", "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.9.0"],
    columns: [
        `${SUPPLIES}.4`,
        `${SUPPLIES}.5`,
        `${SUPPLIES}.6`,
        `${SUPPLIES}.8`,
        `${SUPPLIES}.9`,
        "1.3.6.1.2.1.43.12.1.1.4",
        "1.3.6.1.2.1.43.8.2.1.10",
        "1.3.6.1.2.1.43.8.2.1.13",
        "1.3.6.1.2.1.43.31.1.1.8", // finisher supplies: not in this printer
    ],
};

/** What the fixture file says each column holds: index -> value text. */
function expectedColumn(column: string): Map<string, string> {
    const { records } = parseSnmprec(readFileSync(FIXTURE, "utf8"), "colour-laser");
    const out = new Map<string, string>();
    for (const r of records) {
        const oid = r.oid.join(".");
        if (!oid.startsWith(`${column}.`)) continue;
        const v = r.value;
        out.set(
            oid.slice(column.length + 1),
            Buffer.isBuffer(v.value) ? v.value.toString("latin1") : String(v.value),
        );
    }
    return out;
}

function valueText(result: QueryResult, column: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [index, v] of result.columns.get(column) ?? []) {
        out.set(index, Buffer.isBuffer(v.value) ? v.value.toString("latin1") : String(v.value));
    }
    return out;
}

function settings(input: SettingsInput) {
    return normalizeSettings({ timeout: 1000, retries: 0, ...input });
}

describe("SNMP access layer", function () {
    let sim: Simulator;
    let host: string;
    let port: number;

    before(async () => {
        sim = await startSimulator({
            devices: [
                { name: "laser", file: FIXTURE, port: 0, dynamics: false },
                {
                    name: "laser-v3",
                    file: FIXTURE,
                    port: 0,
                    dynamics: false,
                    v3: {
                        users: [
                            {
                                name: "monitor",
                                authProtocol: "sha256",
                                authKey: "auth-key-123",
                                privProtocol: "aes",
                                privKey: "priv-key-123",
                            },
                        ],
                    },
                },
            ],
        });
        ({ host, port } = sim.endpoint("laser"));
    });
    after(() => sim.stop());

    async function query(input: SettingsInput, plan: QueryPlan = PLAN): Promise<QueryResult> {
        const s = settings({ port, ...input });
        const session = await SnmpSession.open(host, s);
        try {
            return await runQuery(session, plan, { maxRepetitions: s.maxRepetitions });
        } finally {
            session.close();
        }
    }

    it("returns every scalar and every row of every column in one call, keyed by index", async () => {
        const r = await query({ version: "2c" });
        assert.equal(asText(r.scalars.get("1.3.6.1.2.1.1.5.0")), "NPI4A2B6C");
        assert.match(asText(r.scalars.get("1.3.6.1.2.1.1.1.0")) ?? "", /JETDIRECT/);
        for (const column of PLAN.columns ?? []) {
            const expected = expectedColumn(column);
            assert.deepEqual(valueText(r, column), expected, column);
        }
        assert.ok((r.columns.get(`${SUPPLIES}.9`)?.size ?? 0) >= 5, "the fixture has several supplies");
        assert.deepEqual([...(r.columns.get(`${SUPPLIES}.9`)?.keys() ?? [])].slice(0, 2), ["1.1", "1.2"]);
    });

    it("treats a missing scalar or column as absent, never as an error", async () => {
        const r = await query({ version: "2c" });
        assert.equal(r.scalars.has("1.3.6.1.2.1.1.9.0"), false);
        assert.equal(r.columns.get("1.3.6.1.2.1.43.31.1.1.8")?.size, 0);
        assert.deepEqual(r.failed, []);
        const v1 = await query({ version: "1" });
        assert.equal(v1.scalars.has("1.3.6.1.2.1.1.9.0"), false);
        assert.equal(v1.columns.get("1.3.6.1.2.1.43.31.1.1.8")?.size, 0);
    });

    it("reads the same plan with GETNEXT on SNMPv1 and gets the same values", async () => {
        sim.clearLog();
        const v2 = await query({ version: "2c" });
        const v1 = await query({ version: "1" });
        for (const column of PLAN.columns ?? [])
            assert.deepEqual(valueText(v1, column), valueText(v2, column), column);
        const types = new Set(sim.log.map((e) => `${e.version}:${e.type}`));
        assert.deepEqual([...types].sort(), ["1:GETNEXT", "2c:GETBULK"]);
        assert.ok(v1.requests > v2.requests, `GETNEXT ${v1.requests} requests vs GETBULK ${v2.requests}`);
    });

    it("uses no more round trips than the agent's message size forces, plus one", async () => {
        sim.clearLog();
        const r = await query({ version: "2c", maxRepetitions: 50 });
        const answers = sim.log.filter((e) => e.device === "laser");
        assert.equal(answers.length, r.requests, "every request the agent saw is counted");
        const bytes = answers.reduce((n, e) => n + (e.bytesOut ?? 0), 0);
        const lowerBound = Math.ceil(bytes / 1472);
        assert.ok(
            r.requests <= lowerBound + 1,
            `${r.requests} requests for ${bytes} bytes (bound ${lowerBound})`,
        );
        // Only columns still unfinished are asked again.
        const last = answers[answers.length - 1];
        assert.ok((last?.oids.length ?? 0) < (PLAN.columns?.length ?? 0) + (PLAN.scalars?.length ?? 0));
    });

    it("shrinks the request when the agent answers tooBig, and still reads everything", async () => {
        const small = await startSimulator({
            devices: [{ name: "laser", file: FIXTURE, port: 0, dynamics: false }],
            maxMsgSize: 484, // the smallest size an agent may have (RFC 3417)
        });
        try {
            // Long names in every text column make one GETNEXT answer for the whole plan exceed 484 bytes.
            for (const column of [`${SUPPLIES}.6`, "1.3.6.1.2.1.43.12.1.1.4", "1.3.6.1.2.1.43.8.2.1.13"]) {
                for (const index of expectedColumn(column).keys()) {
                    small.set("laser", `${column}.${index}`, 4, `Name ${index} `.padEnd(150, "x"));
                }
            }
            const ep = small.endpoint("laser");
            const read = async (version: "1" | "2c") => {
                const session = await SnmpSession.open(ep.host, settings({ version, port: ep.port }));
                try {
                    return await runQuery(session, PLAN, { maxRepetitions: 10 });
                } finally {
                    session.close();
                }
            };
            const v1 = await read("1");
            assert.ok(
                small.log.some((e) => e.version === "1" && e.detail === "tooBig"),
                "the agent did answer tooBig",
            );
            const v2 = await read("2c");
            for (const column of PLAN.columns ?? [])
                assert.deepEqual(valueText(v1, column), valueText(v2, column), column);
            assert.match(valueText(v1, `${SUPPLIES}.6`).get("1.1") ?? "", /^Name 1\.1 x+$/);
        } finally {
            await small.stop();
        }
    });

    it("keeps value types: bytes for strings, negative integers, Counter64 beyond 2^53 as bigint", async () => {
        sim.set("laser", "1.3.6.1.2.1.43.11.1.1.9.1.99", 2, -3);
        sim.set("laser", "1.3.6.1.2.1.31.1.1.1.6.1", 70, 2n ** 63n + 5n);
        sim.set("laser", "1.3.6.1.2.1.31.1.1.1.6.2", 70, 1234n);
        try {
            const r = await query(
                { version: "2c" },
                { columns: [`${SUPPLIES}.9`, "1.3.6.1.2.1.31.1.1.1.6"], scalars: ["1.3.6.1.2.1.1.5.0"] },
            );
            assert.equal(asInt(r.columns.get(`${SUPPLIES}.9`)?.get("1.99")), -3);
            const big = r.columns.get("1.3.6.1.2.1.31.1.1.1.6")?.get("1");
            assert.equal(big?.type, VarType.Counter64);
            assert.equal(asBigInt(big), 2n ** 63n + 5n);
            assert.equal(r.columns.get("1.3.6.1.2.1.31.1.1.1.6")?.get("2")?.value, 1234);
            assert.ok(Buffer.isBuffer(r.scalars.get("1.3.6.1.2.1.1.5.0")?.value));
        } finally {
            sim.remove("laser", "1.3.6.1.2.1.43.11.1.1.9.1.99");
            sim.remove("laser", "1.3.6.1.2.1.31.1.1.1.6.1");
            sim.remove("laser", "1.3.6.1.2.1.31.1.1.1.6.2");
        }
    });

    it("cuts a column at the row cap and says so", async () => {
        for (let i = 1; i <= 50; i++) sim.set("laser", `1.3.6.1.4.1.99999.1.1.2.${i}`, 2, i);
        try {
            const r = await query({ version: "2c" }, { columns: ["1.3.6.1.4.1.99999.1.1.2"], maxRows: 20 });
            assert.equal(r.columns.get("1.3.6.1.4.1.99999.1.1.2")?.size, 20);
            assert.deepEqual(r.truncated, ["1.3.6.1.4.1.99999.1.1.2"]);
        } finally {
            for (let i = 1; i <= 50; i++) sim.remove("laser", `1.3.6.1.4.1.99999.1.1.2.${i}`);
        }
    });

    it("lists every column of the plan in its order, one the agent lacks as empty", async () => {
        const ep = sim.endpoint("laser");
        const session = await SnmpSession.open(ep.host, settings({ port: ep.port }));
        const missing = "1.3.6.1.4.1.99999.7.7";
        const plan: QueryPlan = { columns: [`${SUPPLIES}.9`, missing, `${SUPPLIES}.6`] };
        const r = await runQuery(session, plan, { maxRepetitions: 25 });
        session.close();
        assert.deepEqual([...r.columns.keys()], plan.columns);
        assert.equal(r.columns.get(missing)?.size, 0);
        assert.deepEqual(valueText(r, `${SUPPLIES}.6`), expectedColumn(`${SUPPLIES}.6`));
        assert.ok((r.columns.get(`${SUPPLIES}.9`)?.size ?? 0) > 0);
    });

    it("reads SNMPv3 authPriv and names a wrong user or a wrong auth key as an auth error", async () => {
        const ep = sim.endpoint("laser-v3");
        const base = {
            version: "3",
            port: ep.port,
            user: "monitor",
            authProtocol: "SHA-256",
            authKey: "auth-key-123",
            privProtocol: "AES",
            privKey: "priv-key-123",
        };
        const s = settings(base);
        const session = await SnmpSession.open(ep.host, s);
        const r = await runQuery(session, PLAN, { maxRepetitions: 25 });
        session.close();
        assert.deepEqual(valueText(r, `${SUPPLIES}.6`), expectedColumn(`${SUPPLIES}.6`));

        for (const [change, why] of [
            [{ user: "intruder" }, /unknown user/],
            [{ authKey: "wrong-auth-key" }, /wrong digest/],
        ] as const) {
            const bad = await SnmpSession.open(ep.host, settings({ ...base, ...change }));
            await assert.rejects(runQuery(bad, PLAN, { maxRepetitions: 25 }), (e: SnmpError) => {
                assert.equal(e.code, "auth");
                assert.match(e.message, why);
                assert.equal(e.host, ep.host);
                assert.ok(!e.message.includes("wrong-auth-key"), "no secret in the message");
                return true;
            });
            bad.close();
        }
    });

    it("reports a silent device as a timeout that names the host and what to check", async () => {
        sim.setFaults("laser", { down: true });
        try {
            await assert.rejects(query({ version: "2c", timeout: 200, retries: 1 }), (e: SnmpError) => {
                assert.equal(e.code, "timeout");
                assert.equal(e.host, host);
                assert.match(e.message, new RegExp(`no answer from ${host}:${port} in 0.4 s \\(2 tries\\)`));
                assert.match(e.message, /wrong community/);
                return true;
            });
        } finally {
            sim.setFaults("laser", { down: false });
        }
    });

    it("classifies a wrong community as a timeout too: the agent stays silent, as real ones do", async () => {
        await assert.rejects(query({ version: "2c", community: "not-the-community", timeout: 200 }), {
            code: "timeout",
        });
    });

    it("classifies name resolution and network failures", async () => {
        const s = settings({ port });
        const failing = (code: string) => () => Promise.reject(Object.assign(new Error(code), { code }));
        await assert.rejects(SnmpSession.open("printer.invalid", s, failing("ENOTFOUND")), (e: SnmpError) => {
            assert.equal(e.code, "dns");
            assert.match(e.message, /cannot resolve host name "printer.invalid"/);
            return true;
        });
        const ctx = {
            host: "10.9.9.9",
            port: 161,
            version: "2c" as const,
            timeout: 1000,
            retries: 1,
            sawBadMessage: false,
        };
        assert.equal(
            classifyError(Object.assign(new Error("x"), { code: "ENETUNREACH" }), ctx).code,
            "unreachable",
        );
        assert.equal(
            classifyError(Object.assign(new Error("x"), { code: "EHOSTUNREACH" }), ctx).code,
            "unreachable",
        );
        const des = classifyError(
            Object.assign(new Error("unsupported"), { code: "ERR_OSSL_EVP_UNSUPPORTED" }),
            ctx,
        );
        assert.equal(des.code, "crypto");
        assert.match(des.message, /--openssl-legacy-provider/);
    });

    it("has no way to send SET: the session offers only reads", async () => {
        const session = await SnmpSession.open(host, settings({ port }));
        assert.equal((session as unknown as Record<string, unknown>).set, undefined);
        session.close();
        assert.ok(!sim.log.some((e) => e.type === "SET"), "no SET ever reached the agent");
    });

    describe("sessions", () => {
        it("reuses one session per device while polling continues and closes it when idle", async () => {
            const before = openSocketCount();
            const pool = new SessionPool(settings({ port }), { idleMs: 100 });
            const seen = new Set<SnmpSession>();
            for (let i = 0; i < 3; i++) {
                await pool.use(host, undefined, async (s) => {
                    seen.add(s);
                    return runQuery(s, { scalars: ["1.3.6.1.2.1.1.5.0"] }, { maxRepetitions: 5 });
                });
            }
            assert.equal(seen.size, 1, "one session for three polls");
            assert.equal(openSocketCount(), before + 1);
            await new Promise((r) => setTimeout(r, 300));
            assert.equal(pool.size, 0, "closed after being idle");
            assert.equal(openSocketCount(), before);
            pool.close();
        });

        it("leaves no UDP socket open after close, as the kernel counts them", async () => {
            const kernelBefore = udpSocketCount();
            const pool = new SessionPool(settings({ port }));
            const other = await startSimulator({
                devices: [
                    { name: "a", file: FIXTURE, port: 0, dynamics: false },
                    { name: "b", file: FIXTURE, port: 0, dynamics: false },
                ],
            });
            const kernelWithSim = udpSocketCount();
            try {
                await Promise.all(
                    ["a", "b"].map((name) => {
                        const ep = other.endpoint(name);
                        return pool.use(ep.host, ep.port, (s) => runQuery(s, PLAN, { maxRepetitions: 25 }));
                    }),
                );
                if (kernelWithSim !== undefined) assert.equal(udpSocketCount(), kernelWithSim + 2);
                pool.close();
                await new Promise((r) => setImmediate(r));
                if (kernelWithSim !== undefined) assert.equal(udpSocketCount(), kernelWithSim);
            } finally {
                await other.stop();
            }
            if (kernelBefore !== undefined) assert.equal(udpSocketCount(), kernelBefore);
        });

        it("cancels what is in flight on close instead of hanging", async () => {
            sim.setFaults("laser", { delayMs: 2000 });
            try {
                const pool = new SessionPool(settings({ port, timeout: 5000 }));
                const pending = pool.use(host, undefined, (s) => runQuery(s, PLAN, { maxRepetitions: 25 }));
                await new Promise((r) => setTimeout(r, 50));
                pool.close();
                await assert.rejects(pending, { code: "cancelled" });
            } finally {
                sim.setFaults("laser", { delayMs: 0 });
            }
        });
    });

    describe("batches", () => {
        it("polls devices concurrently within the limit, and a dead one does not hold up the others", async () => {
            const names = Array.from({ length: 8 }, (_, i) => `p${i}`);
            const fleet = await startSimulator({
                devices: names.map((name) => ({ name, file: FIXTURE, port: 0, dynamics: false })),
                faults: { delayMs: 50 },
            });
            fleet.setFaults("p3", { down: true });
            const pool = new SessionPool(settings({ port: 161, timeout: 800, retries: 0 }));
            const order: string[] = [];
            try {
                const summary = await pollBatch({
                    devices: names.map((name) => ({
                        host: fleet.endpoint(name).host,
                        port: fleet.endpoint(name).port,
                        name,
                    })),
                    pool,
                    settings: pool.settings,
                    deadlineMs: 10_000,
                    busy: new Set(),
                    signal: new AbortController().signal,
                    limiter: new Limiter(3),
                    pollOne: (_d, s, signal) => runQuery(s, PLAN, { maxRepetitions: 25, signal }),
                    onResult: (d, outcome) =>
                        order.push(`${d.name}:${outcome.ok ? "ok" : outcome.error.code}`),
                });
                assert.equal(summary.ok, 7);
                assert.equal(summary.failed, 1);
                assert.equal(
                    order[order.length - 1],
                    "p3:timeout",
                    `the dead device finishes last: ${order.join(" ")}`,
                );
                // Never more than 3 devices in flight: count overlapping request/answer intervals.
                const spans = fleet.log
                    .filter((e) => e.answeredAt !== undefined)
                    .map((e) => [e.receivedAt, e.answeredAt ?? 0, e.device] as const);
                let peak = 0;
                for (const [start] of spans) {
                    const active = new Set(
                        spans.filter(([s, end]) => s <= start && end > start).map(([, , d]) => d),
                    );
                    peak = Math.max(peak, active.size);
                }
                assert.ok(peak <= 3, `peak ${peak} devices at once`);
                assert.ok(peak >= 2, "and they did run concurrently");
            } finally {
                pool.close();
                await fleet.stop();
            }
        });

        it("gives each device its own deadline and skips a device whose previous poll is still running", async () => {
            sim.setFaults("laser", { delayMs: 150 });
            const pool = new SessionPool(settings({ port, timeout: 2000 }));
            const busy = new Set<string>();
            const run = () =>
                pollBatch({
                    devices: [{ host, port }],
                    pool,
                    settings: pool.settings,
                    deadlineMs: 250,
                    busy,
                    signal: new AbortController().signal,
                    pollOne: (_d, s, signal) => runQuery(s, PLAN, { maxRepetitions: 2, signal }),
                    onResult: () => undefined,
                });
            try {
                const first = run();
                const second = await run();
                assert.equal(second.skipped.length, 1, "the overlapping trigger is skipped");
                assert.equal(second.total, 0);
                const done = await first;
                assert.equal(done.failed, 1, "many small requests at 150 ms each overrun a 250 ms deadline");
            } finally {
                sim.setFaults("laser", { delayMs: 0 });
                pool.close();
            }
        });

        it("goes on when a reporting callback throws, and hands back what it threw", async () => {
            const pool = new SessionPool(settings({ port }));
            const reported: string[] = [];
            try {
                const summary = await pollBatch({
                    // Three devices (the same one thrice would be polled once); nothing is sent.
                    devices: ["a", "b", "c"].map((name, i) => ({ host: `127.0.0.${i + 1}`, port, name })),
                    pool,
                    settings: pool.settings,
                    deadlineMs: 10_000,
                    busy: new Set(),
                    signal: new AbortController().signal,
                    pollOne: (d) => Promise.resolve(d.name),
                    onResult: (d) => {
                        if (d.name === "b") throw new Error("report of b broke");
                        reported.push(d.name ?? "");
                    },
                });
                assert.deepEqual(reported.sort(), ["a", "c"]);
                assert.equal(summary.ok, 3, "b was polled; only its report failed");
                assert.deepEqual(
                    summary.callbackErrors.map((e) => [e.device.name, (e.error as Error).message]),
                    [["b", "report of b broke"]],
                );
            } finally {
                pool.close();
            }
        });
    });

    describe("broken agents", () => {
        let raw: RawAgent;
        afterEach(() => raw?.stop());

        it("stops a column whose OIDs do not increase (a looping agent) and keeps what it read", async () => {
            raw = await startRawAgent((req) => {
                // Always answer with the same two rows, whatever is asked: a looping agent.
                const col = "1.3.6.1.2.1.43.11.1.1.9";
                return response(req, [
                    vb.int(`${col}.1.1`, 50),
                    vb.int(`${col}.1.2`, 40),
                    vb.int(`${col}.1.1`, 50),
                ]);
            });
            const s = await SnmpSession.open(raw.host, settings({ port: raw.port }));
            const r = await runQuery(s, { columns: ["1.3.6.1.2.1.43.11.1.1.9"] }, { maxRepetitions: 10 });
            s.close();
            assert.deepEqual(r.looping, ["1.3.6.1.2.1.43.11.1.1.9"]);
            assert.equal(r.columns.get("1.3.6.1.2.1.43.11.1.1.9")?.size, 2);
            assert.ok(raw.requests.length <= 2, `gave up after ${raw.requests.length} requests`);
        });

        it("turns an undecodable answer into a 'malformed' error without crashing", async () => {
            raw = await startRawAgent((req) => {
                const good = response(req, [vb.str("1.3.6.1.2.1.1.5.0", "printer")]);
                return good.subarray(0, good.length - 5); // truncated BER
            });
            const s = await SnmpSession.open(
                raw.host,
                settings({ port: raw.port, timeout: 300, retries: 1 }),
            );
            await assert.rejects(
                runQuery(s, { scalars: ["1.3.6.1.2.1.1.5.0"] }, { maxRepetitions: 5 }),
                (e: SnmpError) => {
                    assert.equal(e.code, "malformed");
                    assert.match(e.message, /could not be decoded/);
                    return true;
                },
            );
            s.close();
        });

        it("drops answers that come from another port", async () => {
            const other = dgram.createSocket("udp4");
            await new Promise<void>((r) => other.bind(0, "127.0.0.1", () => r()));
            raw = await startRawAgent((req) => {
                // A correct answer, but sent from another port than the one asked.
                other.send(
                    response(req, [vb.str("1.3.6.1.2.1.1.5.0", "impostor")]),
                    req.from.port,
                    req.from.address,
                );
                return undefined;
            });
            const s = await SnmpSession.open(
                raw.host,
                settings({ port: raw.port, timeout: 200, retries: 0 }),
            );
            try {
                await assert.rejects(runQuery(s, { scalars: ["1.3.6.1.2.1.1.5.0"] }, { maxRepetitions: 5 }), {
                    code: "timeout",
                });
                assert.equal(s.counters.dropped, 1);
            } finally {
                s.close();
                await new Promise<void>((r) => other.close(() => r()));
            }
        });

        it("reports an agent error status on every request as an agent error", async () => {
            raw = await startRawAgent((req) => response(req, [], 5 /* genErr */, 1));
            const s = await SnmpSession.open(raw.host, settings({ port: raw.port }));
            await assert.rejects(runQuery(s, PLAN, { maxRepetitions: 5 }), (e: SnmpError) => {
                assert.equal(e.code, "agent");
                assert.match(e.message, /refused the request: GeneralError/);
                return true;
            });
            s.close();
        });
    });

    describe("agents that accept large messages", () => {
        const ENTRY = "1.3.6.1.4.1.14179.2.1.4.1"; // a controller's client table
        const COLUMNS = [2, 3, 4];
        const ROWS = 5000;
        const table = generatedTable(
            ENTRY,
            new Map([
                [2, encodeOctets(Buffer.from([0x00, 0x11, 0x22, 0x33, 0x44, 0x55]))],
                [3, encodeInteger(-61)],
                [4, encodeOctets("ap-floor-2")],
            ]),
            ROWS,
            (i) => [i],
        );
        let agent: HostileAgent | undefined;
        afterEach(() => agent?.stop());

        async function readTable(maxMsgSize: number, behave?: Behaviour) {
            agent = await startHostileAgent({ space: table, maxMsgSize, behave });
            const s = await SnmpSession.open(agent.host, settings({ port: agent.port }));
            try {
                const r = await runQuery(
                    s,
                    { columns: COLUMNS.map((c) => `${ENTRY}.${c}`), maxRows: 100_000 },
                    { maxRepetitions: 25 },
                );
                for (const c of COLUMNS)
                    assert.equal(r.columns.get(`${ENTRY}.${c}`)?.size, ROWS, `column ${c}`);
                return { requests: r.requests, bytesIn: s.counters.bytesIn, agent };
            } finally {
                s.close();
            }
        }

        it("asks for more repetitions while the answers come back whole: 5,000 rows in far fewer round trips", async () => {
            const { requests, bytesIn } = await readTable(65_000);
            // At 25 repetitions a request, 5,000 rows take 201 round trips.
            assert.ok(requests <= 40, `${requests} round trips`);
            assert.ok(
                requests <= Math.ceil(bytesIn / 65_000) + 6,
                `${requests} round trips for ${bytesIn} bytes`,
            );
        });

        it("asks for no more when the agent trims its answers to 1,472 bytes", async () => {
            const { agent: a } = await readTable(1472);
            const asked = a.requests.map((r) => r.message.pdu.errorIndex);
            assert.equal(Math.max(...asked), 25, "max-repetitions stays at the setting");
        });

        it("stops growing below what drew tooBig, and still reads every row", async () => {
            const { agent: a } = await readTable(65_000, (x) =>
                x.req.type === "GETBULK" && x.req.message.pdu.errorIndex > 100
                    ? x.encode({ errorStatus: 1, errorIndex: 0, varbinds: [] })
                    : x.encode(x.answer()),
            );
            const refused = a.requests.filter((r) => r.type === "GETBULK" && r.message.pdu.errorIndex > 100);
            assert.equal(refused.length, 1, "one tooBig, then it stays below");
        });
    });

    it("left no socket of its own open", () => {
        assert.equal(openSocketCount(), 0);
    });
});
