/**
 * Faults under both query nodes in a flow: a lossy, jittery network (short run; `npm run load`
 * for 1,000 cycles of 50 devices), triggers faster than a slow device can answer, and a device
 * that goes down in the middle of a poll and comes back.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { NodeMessage } from "node-red";
import type { PrinterPayload, UnreachablePayload } from "../../nodes/lib/printer/messages";
import { discoveryStreams } from "../../nodes/lib/printer/plan";
import type { ApReading } from "../../nodes/lib/ap/types";
import { openSocketCount } from "../../nodes/lib/snmp/session";
import type { NodeStatus } from "../../nodes/lib/status";
import { runLoad } from "../../tools/reliability/load-lib";
import { startSimulator, type Simulator } from "../../tools/sim";
import { allNodes, helper } from "../helpers/nodered";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

const FIXTURES = path.join(__dirname, "..", "fixtures");
type Out = NodeMessage & { payload: PrinterPayload | UnreachablePayload | ApReading };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await sleep(5);
    }
}

describe("faults: loss and jitter, overlapping triggers, a device going down mid-poll", function () {
    this.timeout(60_000);

    it("5 % loss and 0-300 ms jitter: every device reports in every cycle (timeout 500 ms, 5 retries)", async () => {
        const r = await runLoad({
            cycles: 3,
            printers: 12,
            aps: 3,
            lossRate: 0.05,
            jitterMs: 300,
            timeout: 500,
            retries: 5,
            seed: 7,
        });
        console.log(
            `      ${r.cycles} cycles of ${r.devices} devices: ${r.reported} reported, ${r.lost} of ${r.requests} requests lost, cycles ${r.cycleMs.min}-${r.cycleMs.max} ms`,
        );
        assert.ok(r.lost > 0, "the network did lose requests");
        assert.deepEqual(r.failed, []);
        assert.equal(r.completeCycles, r.cycles);
        // Green, or yellow for low supplies only: nothing unreachable, failed or skipped.
        assert.match(
            r.finalStatus.p1?.text ?? "",
            /^12 printers(, \d+ low)?$/,
            JSON.stringify(r.finalStatus),
        );
        assert.match(r.finalStatus.a1?.text ?? "", /^3 devices, /, JSON.stringify(r.finalStatus));
        assert.equal(r.finalStatus.a1?.fill, "green");
    });

    describe("in a flow", () => {
        let sim: Simulator;
        before(async () => {
            sim = await startSimulator({
                devices: [
                    {
                        name: "slow",
                        file: path.join(FIXTURES, "printers", "colour-laser.snmprec"),
                        port: 0,
                        dynamics: false,
                    },
                    {
                        name: "fast",
                        file: path.join(FIXTURES, "printers", "inkjet.snmprec"),
                        port: 0,
                        dynamics: false,
                    },
                    {
                        name: "wlc",
                        file: path.join(FIXTURES, "wireless", "cisco-aireos.snmprec"),
                        port: 0,
                        dynamics: false,
                    },
                ],
            });
            await helper.startServer();
        });
        after(async () => {
            await helper.stopServer();
            await sim?.stop();
        });
        afterEach(async () => {
            await helper.unload();
            sim.setFaults("slow", { delayMs: 0, down: false });
            sim.setFaults("wlc", { delayMs: 0, down: false });
            sim.clearLog();
        });

        const line = (name: string): string => {
            const ep = sim.endpoint(name);
            return `${ep.host}:${ep.port} ${name}`;
        };

        async function load(
            node: Record<string, unknown>,
            creds: Record<string, unknown>,
        ): Promise<{
            out: Out[];
            caught: (NodeMessage & { host?: string })[];
            statuses: NodeStatus[];
        }> {
            await helper.load(
                [...allNodes(), catchNode],
                [
                    { id: "t1", type: "tab" },
                    { id: "c1", type: "snmp-credentials", version: "2c", ...creds },
                    { id: "n1", z: "t1", snmp: "c1", wires: [["out"], [], []], ...node },
                    { id: "out", z: "t1", type: "helper" },
                    { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
                    { id: "caught", z: "t1", type: "helper" },
                ],
                { c1: { community: "public" } },
            );
            const got = {
                out: [] as Out[],
                caught: [] as (NodeMessage & { host?: string })[],
                statuses: [] as NodeStatus[],
            };
            helper.getNode("out")?.on("input", (m: NodeMessage) => got.out.push(m as Out));
            helper.getNode("caught")?.on("input", (m: NodeMessage) => got.caught.push(m));
            const n = helper.getNode("n1") as unknown as { status(s: NodeStatus): void };
            const original = n.status.bind(n);
            n.status = (s: NodeStatus) => {
                got.statuses.push(s);
                original(s);
            };
            return got;
        }

        it("triggers faster than the timeout never pile up polls of the same device, and the status says so", async () => {
            // Each request 250 ms: a first poll takes about half a second (its streams at once), a
            // steady one a quarter.
            sim.setFaults("slow", { delayMs: 250 });
            const got = await load(
                { type: "printer-supplies", devices: [line("slow"), line("fast")].join("\n") },
                { timeout: 2000, retries: 0 },
            );
            const slowDone: number[] = [];
            helper.getNode("out")?.on("input", (m: NodeMessage) => {
                if (m.topic === "slow") slowDone.push(performance.now());
            });
            const triggers = 12;
            for (let i = 0; i < triggers; i++) {
                helper.getNode("n1")?.receive({ payload: i });
                await sleep(100); // the interval is shorter than one request's timeout
            }
            await until(() => got.out.filter((m) => m.topic === "slow").length >= 1, "the slow printer");
            await sleep(1200);
            const slow = got.out.filter((m) => m.topic === "slow");
            const fast = got.out.filter((m) => m.topic === "fast");
            assert.equal(fast.length, triggers, "the fast printer was polled on every trigger");
            // 12 triggers in 1.2 s: a first poll of about 0.6 s, then a poll of 0.25 s each time a
            // trigger finds the device free; piled up, it would be polled 12 times.
            assert.ok(slow.length >= 1 && slow.length <= 4, `the slow one only when free (${slow.length})`);
            assert.ok(
                slow.every((m) => m.payload.reachable),
                "and each of its polls completed",
            );
            // On the wire: the first poll's streams at once, never more; after it, never two
            // requests to the slow device outstanding at once (polls that piled up would be).
            const spans = sim.log
                .filter((e) => e.device === "slow")
                .map((e) => [e.receivedAt, e.answeredAt ?? Number.POSITIVE_INFINITY] as const)
                .sort((a, b) => a[0] - b[0]);
            const streams = discoveryStreams(100).length;
            for (const [start] of spans) {
                const outstanding = spans.filter(([s, e]) => s <= start && e > start).length;
                assert.ok(outstanding <= streams, `${outstanding} requests outstanding at once`);
            }
            const later = spans.filter(([s]) => s >= (slowDone[0] ?? Infinity));
            assert.ok(later.length >= 1, "polled again after the first poll");
            for (let i = 1; i < later.length; i++) {
                assert.ok(
                    later[i]![0] >= later[i - 1]![1],
                    `request ${i} after the first poll to the slow device overlapped the one before`,
                );
            }
            const texts = got.statuses.map((s) => s.text ?? "");
            assert.ok(
                got.statuses.some((s) => s.fill === "yellow" && /busy/.test(s.text ?? "")),
                `a status says the slow one was busy: ${JSON.stringify([...new Set(texts)])}`,
            );
            assert.deepEqual(got.caught, [], "skipping is not an error");
            // And nothing is stuck: once it is free, the next trigger polls it again.
            got.out.length = 0;
            helper.getNode("n1")?.receive({ payload: "after" });
            await until(() => got.out.length === 2, "both printers after the storm");
            assert.match(
                got.statuses.at(-1)?.text ?? "",
                /^2 printers(, \d+ low)?$/,
                "nothing busy any more",
            );
        });

        for (const kind of ["printer-supplies", "ap-clients"] as const) {
            it(`${kind}: a device that goes down mid-poll is reported unreachable, then recovers`, async () => {
                const device = kind === "printer-supplies" ? "slow" : "wlc";
                sim.setFaults(device, { delayMs: 40 });
                const got = await load(
                    {
                        type: kind,
                        devices: line(device),
                        ...(kind === "ap-clients" ? { vendor: "auto" } : {}),
                    },
                    { timeout: 300, retries: 1 },
                );
                // A good poll first, to compare the recovery with.
                helper.getNode("n1")?.receive({ payload: "before" });
                await until(() => got.out.length === 1, "the first poll");
                const first = got.out[0]!.payload;
                assert.equal(first.reachable, true);
                // The printer cache would make the next poll one request: start from scratch.
                await helper.unload();
                const again = await load(
                    {
                        type: kind,
                        devices: line(device),
                        ...(kind === "ap-clients" ? { vendor: "auto" } : {}),
                    },
                    { timeout: 300, retries: 1 },
                );
                sim.clearLog();
                helper.getNode("n1")?.receive({ payload: "down" });
                await until(
                    () => sim.log.some((e) => e.device === device && e.outcome === "response"),
                    "a first answer",
                );
                sim.setFaults(device, { down: true });
                await until(() => again.out.length === 1, "the poll to end");
                const down = again.out[0]!.payload as UnreachablePayload;
                assert.equal(down.reachable, false);
                assert.equal(down.error.code, "timeout", down.error.message);
                assert.equal(again.caught.length, 1, "the failure reached Catch");
                assert.equal(again.caught[0]?.host, "127.0.0.1");
                assert.equal(again.statuses.at(-1)?.fill, "red", "all devices down: red");
                assert.match(again.statuses.at(-1)?.text ?? "", /unreachable/);

                sim.setFaults(device, { down: false });
                for (let round = 2; round <= 3; round++) {
                    helper.getNode("n1")?.receive({ payload: `up ${round}` });
                    await until(() => again.out.length === round, `poll ${round}`);
                    const up = again.out[round - 1]!.payload;
                    assert.equal(up.reachable, true, JSON.stringify(up));
                    const strip = (p: object): unknown =>
                        JSON.parse(
                            JSON.stringify(p, (k, v: unknown) =>
                                k === "time" || k === "uptime" ? undefined : v,
                            ),
                        );
                    assert.deepEqual(strip(up), strip(first), "the same reading as before the outage");
                    assert.doesNotMatch(again.statuses.at(-1)?.text ?? "", /unreachable|failed/);
                }
                assert.equal(again.caught.length, 1, "no error after recovery");
            });
        }

        it("left no SNMP socket open", async () => {
            await helper.unload();
            await sleep(20);
            assert.equal(openSocketCount(), 0);
        });
    });
});
