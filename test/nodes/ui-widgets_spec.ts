/**
 * The two dashboard widgets in a Node-RED runtime without node-red-dashboard (the test helper's
 * RED.require refuses every module, exactly as a runtime does when the dashboard is not
 * installed): they load, say so in their status, accept readings, refuse wrong input through a
 * Catch node, and leave the rest of the flow working.
 */
import assert from "node:assert/strict";
import type { Node, NodeMessage } from "node-red";
import { collect, helper } from "../helpers/nodered";

/* eslint-disable @typescript-eslint/no-require-imports */
const printerWidget = require("../../nodes/ui_printer_supplies") as unknown;
const wifiWidget = require("../../nodes/ui_wifi_clients") as unknown;
/* eslint-enable @typescript-eslint/no-require-imports */

interface SpyCall {
    thisValue: unknown;
    args: unknown[];
}

/** The statuses a node has set so far (status is a spy on Node.prototype in the helper). */
function statuses(node: Node | null): unknown[] {
    const spy = (node as unknown as { status: { getCalls(): SpyCall[] } }).status;
    return spy
        .getCalls()
        .filter((c) => c.thisValue === node)
        .map((c) => c.args[0]);
}

const READING = {
    topic: "Office 2F",
    payload: {
        device: "Office 2F",
        host: "10.0.0.5",
        reachable: true,
        model: "LaserJet",
        time: "2026-11-21T09:00:00.000Z",
        status: "idle",
        errors: [],
        alerts: [],
        supplies: [{ id: "1.1", name: "Black", color: "black", class: "consumed", percent: 40, state: "ok" }],
        trays: [],
    },
};

const AP_READING = {
    topic: "WLC",
    payload: {
        device: "WLC",
        host: "10.0.1.1",
        reachable: true,
        totals: { clients: 1, aps: 1 },
        aps: [{ id: "1", name: "AP-1", clients: 1 }],
        clients: [{ mac: "aa:bb:cc:dd:ee:ff", ap: "AP-1", ssid: "Office", signal: -55 }],
        capabilities: { perClient: true, signal: "dBm" },
    },
};

describe("dashboard widgets without node-red-dashboard", () => {
    before(() => helper.startServer());
    after(() => helper.stopServer());
    afterEach(() => helper.unload());

    const flow = [
        { id: "tab", type: "tab" },
        { id: "p", type: "ui_printer_supplies", z: "tab", group: "no-such-group", stalePolls: 3, wires: [] },
        { id: "w", type: "ui_wifi_clients", z: "tab", group: "no-such-group", maxRows: 50, wires: [] },
        // (Ids differ from type names: the runtime would take "catch" for a config node reference.)
        { id: "c1", type: "complete", z: "tab", scope: ["p", "w"], wires: [["doneOut"]] },
        { id: "doneOut", type: "helper", z: "tab" },
        { id: "c2", type: "catch", z: "tab", scope: ["p", "w"], uncaught: false, wires: [["caught"]] },
        { id: "caught", type: "helper", z: "tab" },
        { id: "other", type: "helper", z: "tab" },
    ];

    it("loads both widgets with a grey 'no dashboard' status", async () => {
        await helper.load([printerWidget, wifiWidget], flow);
        assert.deepEqual(statuses(helper.getNode("p")), [
            { fill: "grey", shape: "ring", text: "ui_printer_supplies.status.no-dashboard" },
        ]);
        assert.deepEqual(statuses(helper.getNode("w")), [
            { fill: "grey", shape: "ring", text: "ui_wifi_clients.status.no-dashboard" },
        ]);
    });

    it("accepts readings (a Complete node sees them finish) and the rest of the flow runs", async () => {
        await helper.load([printerWidget, wifiWidget], flow);
        const completed = collect(helper.getNode("doneOut"), 2);
        const other = collect(helper.getNode("other"), 1);
        helper.getNode("p")?.receive(READING);
        helper.getNode("w")?.receive(AP_READING);
        helper.getNode("other")?.receive({ payload: "still here" });
        const msgs = await completed;
        assert.deepEqual(msgs.map((m) => m.topic).sort(), ["Office 2F", "WLC"]);
        assert.equal((await other)[0]?.payload, "still here");
    });

    it("refuses a wrong message with an error a Catch node receives", async () => {
        await helper.load([printerWidget, wifiWidget], flow);
        const caught = collect(helper.getNode("caught"), 2);
        helper.getNode("p")?.receive({ topic: "Office 2F Black", payload: 40 });
        helper.getNode("w")?.receive({ topic: "WLC AP-1 clients", payload: 7 });
        const msgs = (await caught) as (NodeMessage & {
            error: { message: string; source: { id: string } };
        })[];
        const byNode = Object.fromEntries(msgs.map((m) => [m.error.source.id, m.error.message]));
        // The helper's RED._ returns catalog keys; test/lib/dashboard_spec.ts checks the English text.
        assert.match(byNode.p ?? "", /ui_printer_supplies\.errors\.not-a-reading$/);
        assert.match(byNode.w ?? "", /ui_wifi_clients\.errors\.not-a-reading$/);
    });

    it("closes cleanly on redeploy", async () => {
        await helper.load([printerWidget, wifiWidget], flow);
        helper.getNode("p")?.receive(READING);
        await helper.unload();
        await helper.load([printerWidget, wifiWidget], flow);
        assert.ok(helper.getNode("p"));
    });
});
