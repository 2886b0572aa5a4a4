/**
 * One printer must not flood a flow: a hostile responder (test/helpers/hostile.ts) that answers
 * with 10,000 supply rows, every one nearly empty, polled by printer-supplies and wired into
 * threshold-alert as the email example does. What a user would count: the rows the printer's
 * message carries (and the quirk that says they were cut), the chart messages on output 2, and
 * the notifications (what would be emails), on the first poll and on the next.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { NodeMessage } from "node-red";
import type { PrinterPayload } from "../../nodes/lib/printer/messages";
import { encodeInteger } from "../../tools/sim/ber";
import {
    recordingObjects,
    startHostileAgent,
    withGeneratedTable,
    withValue,
    type HostileAgent,
} from "../helpers/hostile";
import { allNodes, helper } from "../helpers/nodered";

const PRINTER = path.join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
/** prtMarkerSuppliesEntry; column 9 is prtMarkerSuppliesLevel (its max, column 8, is 100). */
const SUPPLIES = "1.3.6.1.2.1.43.11.1.1";
const LEVEL = "1.3.6.1.2.1.43.11.1.1.9.1.1";
const ROWS = 10_000;

type Msg = NodeMessage & Record<string, unknown>;

describe("one flooding printer: 10,000 nearly empty supplies", function () {
    this.timeout(120_000);
    let agent: HostileAgent;

    before(async () => {
        // Every generated row copies the first one, made nearly empty (4 of 100).
        const objects = recordingObjects(PRINTER).map((o) =>
            o.oid.join(".") === LEVEL ? withValue(o, encodeInteger(4)) : o,
        );
        agent = await startHostileAgent({
            space: withGeneratedTable(objects, SUPPLIES, ROWS, (i) => [1, i]),
            maxMsgSize: 65_000,
        });
        await helper.startServer();
    });
    after(async () => {
        await helper.unload();
        await helper.stopServer();
        await agent.stop();
    });

    it("sends a bounded number of rows, chart messages and notifications, and says what it cut", async () => {
        await helper.load(
            allNodes(),
            [
                { id: "t1", type: "tab" },
                {
                    id: "c1",
                    type: "snmp-credentials",
                    version: "2c",
                    timeout: 2000,
                    retries: 0,
                    maxRepetitions: 100,
                    maxRows: 20_000,
                    deadline: 60_000,
                },
                {
                    id: "p1",
                    z: "t1",
                    type: "printer-supplies",
                    snmp: "c1",
                    devices: `${agent.host}:${agent.port} Flooder`,
                    wires: [["a1", "readings"], ["charts"]],
                },
                { id: "a1", z: "t1", type: "threshold-alert", wires: [["mails"], []] },
                { id: "readings", z: "t1", type: "helper" },
                { id: "charts", z: "t1", type: "helper" },
                { id: "mails", z: "t1", type: "helper" },
            ],
            { c1: { community: "public" } },
        );
        const got: Record<string, Msg[]> = { readings: [], charts: [], mails: [] };
        for (const id of Object.keys(got)) helper.getNode(id)?.on("input", (m: Msg) => got[id]!.push(m));
        const poll = async (n: number): Promise<void> => {
            helper.getNode("p1")?.receive({ payload: "poll" });
            const until = Date.now() + 100_000;
            while (got.readings!.length < n) {
                assert.ok(Date.now() < until, "the poll ends");
                await new Promise((r) => setTimeout(r, 20));
            }
            // threshold-alert answers in the same tick as the reading arrives; let it finish.
            await new Promise((r) => setTimeout(r, 200));
        };

        await poll(1);
        const reading = got.readings![0]!.payload as PrinterPayload;
        assert.equal(reading.reachable, true);
        assert.equal(reading.supplies.length, 200, "the first 200 of the 10,000 rows");
        assert.ok(reading.quirks.includes("suppliesCapped"), `quirks: ${reading.quirks.join(", ")}`);
        // One chart message per supply and tray kept, and one per page counter the printer gives.
        const counters = Object.values(reading.pages ?? {}).filter(
            (n) => n !== null && n !== undefined,
        ).length;
        assert.ok(
            got.charts!.length <= 200 + reading.trays.length + counters,
            `${got.charts!.length} chart messages`,
        );

        const mails = got.mails!.splice(0);
        assert.equal(mails.length, 21, "20 notifications one by one, and one summary");
        const summary = mails[20] as Msg & { alert: { kind: string; value: number; severity: string } };
        assert.equal(summary.alert.kind, "summary");
        assert.equal(summary.alert.severity, "critical");
        assert.match(String(summary.topic), /^Flooder: \d+ more alert changes$/);
        assert.equal(summary.alert.value, Number(/\d+/.exec(String(summary.topic))?.[0]));
        assert.ok(summary.alert.value >= 180, `the summary stands for ${summary.alert.value}`);

        await poll(2);
        assert.deepEqual(
            got.mails!.map((m) => m.topic),
            [],
            "the next poll repeats nothing",
        );
    });
});
