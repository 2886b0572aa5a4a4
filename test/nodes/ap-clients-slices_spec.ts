/**
 * A controller with 20,000 clients on 2,000 APs (generated, tools/bench/ap-fixture.ts, only the
 * objects the profile reads), read over SNMP from the simulator: its decode runs in slices with
 * turns of the event loop in between (timers keep firing), gives the same reading as in one
 * piece, leaves a small device in one slice, and stops when the poll is aborted or the node is
 * closed. How long the blocks are is a figure for `npm run bench`, not an assertion here.
 */
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import type { Node, NodeMessage } from "node-red";
import { buildReadingYielding, planFor, type BuiltReading } from "../../nodes/lib/ap/engine";
import { pollAp } from "../../nodes/lib/ap/poll-ap";
import { profileById } from "../../nodes/lib/ap/profiles";
import type { ApProfile } from "../../nodes/lib/ap/types";
import { SLICE_MS } from "../../nodes/lib/slices";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { runQuery, type QueryResult } from "../../nodes/lib/snmp/query";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { ciscoController, readBy } from "../../tools/bench/ap-fixture";
import { startSimulator, type Simulator } from "../../tools/sim";
import { allNodes, collect, helper, until } from "../helpers/nodered";

const PROFILE = profileById("cisco-aireos") as ApProfile;
const CLIENTS = 20_000;
const CTX = { device: "campus", host: "127.0.0.1", time: "2026-01-01T00:00:00.000Z" };

/** Ticks of a 1 ms interval timer while `work` runs: how often the event loop got a turn. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; ms: number }> {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const t0 = performance.now();
    try {
        const value = await work();
        return { value, ticks, ms: performance.now() - t0 };
    } finally {
        clearInterval(timer);
    }
}

async function open(sim: Simulator, name: string): Promise<SnmpSession> {
    const ep = sim.endpoint(name);
    const settings = normalizeSettings({ community: ep.community, port: ep.port, timeout: 5000, retries: 0 });
    return SnmpSession.open(ep.host, settings);
}

describe("ap-clients decodes a big controller in slices", function () {
    this.timeout(120_000);
    let sim: Simulator;
    let result: QueryResult;

    before(async () => {
        const only = readBy(planFor(PROFILE));
        sim = await startSimulator({
            devices: [
                {
                    name: "wlc",
                    records: ciscoController({ aps: CLIENTS / 10, clients: CLIENTS, only }).records,
                    port: 0,
                    dynamics: false,
                },
                {
                    name: "small",
                    records: ciscoController({ aps: 5, clients: 50, only }).records,
                    port: 0,
                    dynamics: false,
                },
            ],
            maxMsgSize: 65_000,
        });
        const session = await open(sim, "wlc");
        try {
            result = await runQuery(
                session,
                { ...planFor(PROFILE), maxRows: 100_000 },
                { maxRepetitions: 50 },
            );
        } finally {
            session.close();
        }
    });
    after(() => sim?.stop());

    it("lets timers run while 20,000 clients are decoded, and gives the reading decoded in one piece", async () => {
        const vendorOf = (mac: string): string | undefined => (mac.startsWith("02:") ? undefined : "Acme");
        const ctx = { ...CTX, vendorOf };
        const sliced = await ticksDuring(() => buildReadingYielding(PROFILE, result, ctx));
        const tiny = await ticksDuring(() => buildReadingYielding(PROFILE, result, ctx, { sliceMs: 0 }));
        const whole = await ticksDuring(() =>
            buildReadingYielding(PROFILE, result, ctx, { sliceMs: Infinity }),
        );

        assert.equal(sliced.value.reading.totals.clients, CLIENTS);
        assert.equal(sliced.value.reading.clients.length, CLIENTS);
        assert.equal(sliced.value.reading.aps.length, CLIENTS / 10);
        // In slices the interval timer fires between them; in one piece it cannot fire at all.
        assert.ok(
            sliced.ticks >= 5,
            `${sliced.ticks} timer ticks during a ${sliced.ms.toFixed(0)} ms decode`,
        );
        assert.ok(tiny.ticks >= sliced.ticks, `${tiny.ticks} ticks with the smallest slices`);
        assert.equal(whole.ticks, 0);
        const same = (a: BuiltReading, b: BuiltReading): void => {
            assert.deepEqual(a.reading, b.reading);
            assert.deepEqual([...a.clientAps], [...b.clientAps]);
            assert.deepEqual(a.quirks, b.quirks);
            assert.equal(a.clientsComplete, b.clientsComplete);
        };
        same(sliced.value, whole.value);
        same(tiny.value, whole.value);
        // Clients sorted by MAC, APs by name (numbers in order), as the payload documents.
        const macs = whole.value.reading.clients.map((c) => c.mac);
        assert.deepEqual(
            macs,
            [...macs].sort((a, b) => a.localeCompare(b)),
        );
        const names = whole.value.reading.aps.map((a) => a.name);
        assert.deepEqual(
            names,
            [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
        );
    });

    it("decodes a 50-client controller without waiting for a turn of the event loop", async () => {
        const session = await open(sim, "small");
        try {
            const small = await runQuery(session, planFor(PROFILE), { maxRepetitions: 50 });
            const run = await ticksDuring(() => buildReadingYielding(PROFILE, small, CTX));
            assert.equal(run.value.reading.totals.clients, 50);
            // Done within one slice, it never paused (a machine too busy to finish in one may).
            assert.ok(run.ms > SLICE_MS || run.ticks === 0, `${run.ticks} ticks in ${run.ms.toFixed(1)} ms`);
        } finally {
            session.close();
        }
    });

    it("stops decoding at the next pause once the poll is aborted, with a cancelled error", async () => {
        const session = await open(sim, "wlc");
        const ep = sim.endpoint("wlc");
        const controller = new AbortController();
        let looked = 0;
        /** The MAC table, read once per client while the clients are decoded: aborts mid-decode. */
        class AbortingNames extends Map<string, string> {
            override get(mac: string): string | undefined {
                looked++;
                controller.abort();
                return super.get(mac);
            }
        }
        try {
            await assert.rejects(
                pollAp(
                    session,
                    { host: ep.host, port: ep.port },
                    {
                        vendor: "cisco-aireos",
                        maxRepetitions: 50,
                        maxRows: 100_000,
                        signal: controller.signal,
                        now: () => new Date(),
                        macNames: new AbortingNames(),
                    },
                ),
                (err: unknown) => err instanceof SnmpError && err.code === "cancelled",
            );
        } finally {
            session.close();
        }
        assert.ok(looked >= 1 && looked <= 256, `${looked} clients named after the abort`);
    });

    describe("in a flow", () => {
        afterEach(() => helper.unload());

        it("ends a decode under way when the flow is stopped, and sends nothing after", async () => {
            const ep = sim.endpoint("wlc");
            await helper.load(
                allNodes(),
                [
                    { id: "t1", type: "tab", label: "wifi" },
                    {
                        id: "c1",
                        type: "snmp-credentials",
                        version: "2c",
                        timeout: 5000,
                        retries: 0,
                        maxRows: 100000,
                    },
                    {
                        id: "a1",
                        z: "t1",
                        type: "ap-clients",
                        snmp: "c1",
                        devices: `${ep.host}:${ep.port} campus`,
                        vendor: "cisco-aireos",
                        wires: [["out1"], ["out2"], ["out3"]],
                    },
                    { id: "out1", z: "t1", type: "helper" },
                    { id: "out2", z: "t1", type: "helper" },
                    { id: "out3", z: "t1", type: "helper" },
                ],
                { c1: { community: "public" } },
            );
            const a1 = helper.getNode("a1") as Node & { receive(msg: unknown): void };
            // A whole poll first: how many requests the node's reading of the controller takes.
            const before = sim.deviceCounters("wlc").requests;
            const first = collect(helper.getNode("out1"), 1, 60_000);
            a1.receive({ payload: "tick" });
            const [msg] = (await first) as (NodeMessage & { payload: { totals: { clients: number } } })[];
            assert.equal(msg?.payload.totals.clients, CLIENTS);
            const perPoll = sim.deviceCounters("wlc").requests - before;

            // Stop the flow once every request is answered: the decode is under way.
            const sent: unknown[] = [];
            const send = a1.send.bind(a1);
            a1.send = (msgs: unknown) => {
                sent.push(msgs);
                send(msgs as NodeMessage);
            };
            const start = sim.deviceCounters("wlc").requests;
            a1.receive({ payload: "tick" });
            await until(
                () => sim.deviceCounters("wlc").requests - start >= perPoll,
                "the last answer",
                60_000,
            );
            await new Promise((r) => setTimeout(r, 20));
            await helper.unload();
            const closed = sent.length;
            // Long enough for the decode to have finished, had it gone on.
            await new Promise((r) => setTimeout(r, 1500));
            assert.equal(sim.deviceCounters("wlc").requests - start, perPoll, "every request was answered");
            assert.equal(closed, 0, "nothing was sent before the stop");
            assert.equal(sent.length, 0, "nothing was sent after the stop");
        });
    });
});
