/**
 * Two printers behind one address on different ports (a print server, NAT, a port-forwarded
 * agent), simulated on 127.0.0.1, polled by one printer-supplies node whose readings go into
 * threshold-alert and supply-forecast. The printers differ where it shows: one toner nearly empty
 * on the first and nearly full on the second, and page counters far apart. Over 5 polls a user
 * must get each "low" notification once and nothing else: no "ok again", no repeat, and no
 * refilled, replaced or counter-reset event from mixing the two up.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NodeMessage } from "node-red";
import { startSimulator, type Simulator } from "../../tools/sim";
import { allNodes, helper } from "../helpers/nodered";

const FIXTURE = join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
/** Supply 1.3 (magenta) is at 8 % in the fixture; prtMarkerLifeCount is 48,213. */
const MAGENTA = "1.3.6.1.2.1.43.11.1.1.9.1.3|2|";
const LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4.1.1|65|";

type Msg = NodeMessage & Record<string, unknown>;

describe("two printers behind one address on different ports", function () {
    this.timeout(60_000);
    let sim: Simulator;

    before(async () => {
        const front = readFileSync(FIXTURE, "utf8");
        const back = front
            .replace(`${MAGENTA}8`, `${MAGENTA}80`)
            .replace(`${LIFE_COUNT}48213`, `${LIFE_COUNT}1200`);
        assert.notEqual(back, front);
        sim = await startSimulator({
            devices: [
                { name: "front", records: front, port: 0, dynamics: false },
                { name: "back", records: back, port: 0, dynamics: false },
            ],
        });
        await helper.startServer();
    });
    after(async () => {
        await helper.unload();
        await helper.stopServer();
        await sim.stop();
    });

    it("notifies each low supply once and gives no false forecast event over 5 polls", async () => {
        const front = sim.endpoint("front");
        const back = sim.endpoint("back");
        assert.equal(front.host, back.host, "one address");
        await helper.load(
            allNodes(),
            [
                { id: "t1", type: "tab" },
                { id: "c1", type: "snmp-credentials", version: "2c", timeout: 2000, retries: 0 },
                {
                    id: "p1",
                    z: "t1",
                    type: "printer-supplies",
                    snmp: "c1",
                    devices: `${front.host}:${front.port} Front desk\n${back.host}:${back.port} Back office`,
                    wires: [["a1", "f1", "readings"], ["a2"]],
                },
                { id: "a1", z: "t1", type: "threshold-alert", wires: [["mails"], []] },
                // The same alerts from output 2's numbers, as a chart-and-alert flow has them.
                { id: "a2", z: "t1", type: "threshold-alert", wires: [["mails2"], []] },
                { id: "mails2", z: "t1", type: "helper" },
                { id: "f1", z: "t1", type: "supply-forecast", days: 30, wires: [[], ["events"], []] },
                { id: "readings", z: "t1", type: "helper" },
                { id: "mails", z: "t1", type: "helper" },
                { id: "events", z: "t1", type: "helper" },
            ],
            { c1: { community: sim.endpoint("front").community } },
        );
        const got: Record<string, Msg[]> = { readings: [], mails: [], mails2: [], events: [] };
        for (const id of Object.keys(got)) helper.getNode(id)?.on("input", (m: Msg) => got[id]!.push(m));

        for (let poll = 1; poll <= 5; poll++) {
            helper.getNode("p1")?.receive({ payload: "poll" });
            const until = Date.now() + 20_000;
            while (got.readings!.length < 2 * poll) {
                assert.ok(Date.now() < until, `poll ${poll} ends`);
                await new Promise((r) => setTimeout(r, 10));
            }
        }
        await new Promise((r) => setTimeout(r, 200));

        const ports = new Set(got.readings!.map((m) => (m.payload as { port: number }).port));
        assert.deepEqual(ports, new Set([front.port, back.port]), "both printers were read each time");
        // Tray 3 is low in both (the fixture's); the magenta toner only in the first.
        assert.deepEqual(got.mails!.map((m) => [m.topic, (m.alert as { key: string }).key]).sort(), [
            ["Back office: Tray 3 low on paper (8.2 %)", `${back.host}:${back.port}/tray/1.3`],
            ["Front desk: Tray 3 low on paper (8.2 %)", `${front.host}:${front.port}/tray/1.3`],
            ["Front desk: magenta toner low (8 %)", `${front.host}:${front.port}/supply/1.3`],
        ]);
        assert.deepEqual(
            got.mails2!.map((m) => (m.alert as { key: string }).key).sort(),
            [
                `${back.host}:${back.port}/tray/1.3`,
                `${front.host}:${front.port}/supply/1.3`,
                `${front.host}:${front.port}/tray/1.3`,
            ].sort(),
        );
        assert.deepEqual(
            got.events!.map((m) => (m.payload as { event: string }).event),
            [],
        );
    });
});
