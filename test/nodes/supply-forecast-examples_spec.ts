// The example flow as shipped: its function node's code replays 30 days of readings into the
// real supply-forecast and switch nodes, and what its debug nodes would show is checked. (The
// function node itself needs Node-RED's full settings runtime, which the test helper does not
// start, so its code runs here with a one-line `node.send`.)
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
// A node module is `export =` (what Node-RED loads); this is how TypeScript imports it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import forecastNode = require("../../nodes/supply-forecast");
import { helper } from "../helpers/nodered";

interface FlowNode {
    id: string;
    type: string;
    name?: string;
    wires?: string[][];
    [key: string]: unknown;
}

interface Msg {
    topic?: string;
    payload?: unknown;
}

interface TestNode {
    receive(msg: Msg): void;
    on(event: "input", listener: (msg: Msg) => void): void;
}

function node(id: string): TestNode {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id} is not running`);
    return n;
}

// Node-RED's own switch node, as the example uses it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const switchNode = require("@node-red/nodes/core/function/10-switch.js") as unknown;

const file = join(__dirname, "..", "..", "examples", "07 - Forecast toner and paper.json");

async function until(cond: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 5000 && !cond(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(cond(), `timed out waiting for ${what}`);
}

describe("example: Forecast toner and paper", function () {
    afterEach(async function () {
        await helper.unload();
    });

    it("opens with a comment and shows forecasts, events and a shopping list", async function () {
        const example = JSON.parse(readFileSync(file, "utf8")) as FlowNode[];
        assert.equal(example[0]?.type, "comment");
        const byName = (name: string, type = "debug"): FlowNode => {
            const node = example.find((n) => n.name === name && n.type === type);
            assert.ok(node, `no node named ${name}`);
            return node;
        };
        // Debug nodes become test helpers with the same ids; the injects are pressed by hand.
        const flow = example
            .filter((n) => n.type !== "comment" && n.type !== "inject" && n.type !== "function")
            .map((n) => {
                if (n.type === "debug") return { id: n.id, type: "helper" };
                // Without a tab the runtime would not start nodes placed on one; the editor
                // puts imported nodes on the current tab.
                const { x: _x, y: _y, ...rest } = n;
                return rest;
            });
        await helper.load([switchNode, forecastNode], flow);
        const seen = new Map<string, Msg[]>();
        for (const name of ["supplies with forecast", "events", "shopping list"]) {
            const list: Msg[] = [];
            seen.set(name, list);
            node(byName(name).id).on("input", (msg) => list.push(msg));
        }

        const forecast = example.find((n) => n.type === "supply-forecast");
        assert.ok(forecast);
        const fn = byName("30 days of readings", "function");
        assert.deepEqual(fn.wires, [[forecast.id]]);
        const readings: Msg[] = [];
        // The function node's body, run with the one thing it uses from its sandbox.
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const body = new Function("node", fn.func as string) as (node: { send(msg: Msg): void }) => void;
        body({ send: (msg) => readings.push(msg) });
        assert.equal(readings.length, 30 * 12 + 1);
        const answers = seen.get("events") as Msg[];
        for (const msg of readings) node(forecast.id).receive(msg);
        const last = seen.get("supplies with forecast") as Msg[];
        await until(() => last.length === 1, "the last reading");
        const supplies = last[0]?.payload as {
            supplies: Array<{ name: string; forecast: { daysLeft: number } }>;
        };
        for (const s of supplies.supplies) {
            assert.ok(typeof s.forecast.daysLeft === "number", `${s.name}: ${JSON.stringify(s.forecast)}`);
        }
        const events = answers.map((m) => (m.payload as { event: string }).event);
        assert.ok(events.includes("replaced"), events.join(", "));
        assert.ok(events.includes("refilled"), events.join(", "));
        assert.ok(!events.includes("inverted"), "the demo's waste box reports space left, as RFC 3805 says");

        const report = example.find((n) => n.type === "inject" && n.topic === "report");
        assert.ok(report, "an inject sends the report");
        node(forecast.id).receive({ topic: "report" });
        const lists = seen.get("shopping list") as Msg[];
        await until(() => lists.length === 1, "the shopping list");
        const text = (lists[0]?.payload as { text: string }).text;
        assert.match(text, /TK-5240/);
    });
});
