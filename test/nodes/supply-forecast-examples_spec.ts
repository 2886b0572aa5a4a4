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

describe("example: Pages per printer this month", function () {
    const usageFile = join(__dirname, "..", "..", "examples", "13 - Pages per printer this month.json");

    afterEach(async function () {
        await helper.unload();
    });

    interface Row {
        printer: string;
        vendor: string;
        model: string;
        serial: string;
        pages: number;
        mono: number | null;
        colour: number | null;
        toOrder: string;
    }

    it("opens with a comment and lists this month's pages per printer, mono and colour", async function () {
        this.timeout(60_000);
        const example = JSON.parse(readFileSync(usageFile, "utf8")) as FlowNode[];
        assert.equal(example[0]?.type, "comment");
        assert.ok(!/"(community|authKey|privKey|credentials)"/.test(JSON.stringify(example)), "no secrets");
        const byName = (name: string, type: string): FlowNode => {
            const found = example.find((n) => n.name === name && n.type === type);
            assert.ok(found, `no ${type} named ${name}`);
            return found;
        };
        const forecast = example.find((n) => n.type === "supply-forecast");
        assert.ok(forecast);
        const poll = example.find((n) => n.type === "printer-supplies");
        assert.deepEqual(poll?.wires?.[0], [forecast.id], "printer-supplies output 1 feeds the forecast");
        const table = byName("this month, one row per printer", "function");
        assert.ok(forecast.wires?.[2]?.includes(table.id), "the usage report goes to the table function");
        const ask = example.find((n) => n.type === "inject" && n.topic === "usage");
        assert.deepEqual(ask?.wires, [[forecast.id]], "an inject asks for the usage report");

        // The forecast node alone, its third output caught by a helper.
        const { x: _x, y: _y, ...rest } = forecast;
        await helper.load(forecastNode, [
            { ...rest, wires: [[], [], ["usage"]] },
            { id: "usage", type: "helper" },
        ]);
        const answers: Msg[] = [];
        node("usage").on("input", (msg) => answers.push(msg));

        const readings: Msg[] = [];
        const simulate = byName("40 days of page counts", "function");
        assert.deepEqual(simulate.wires, [[forecast.id]]);
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const replay = new Function("node", simulate.func as string) as (n: { send(msg: Msg): void }) => void;
        replay({ send: (msg) => readings.push(msg) });
        for (const msg of readings) node(forecast.id).receive(msg);
        node(forecast.id).receive({ topic: "usage" });
        await until(() => answers.length === 1, "the usage report");

        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        const format = new Function("msg", table.func as string) as (
            msg: Msg,
        ) => (Msg & { text?: string }) | null;
        const out = format(answers[0] as Msg);
        assert.ok(out);
        const rows = out.payload as Row[];

        // This month from the readings themselves: the last count minus the last one before the 1st.
        const month = new Date();
        month.setHours(0, 0, 0, 0);
        month.setDate(1);
        const expected = (device: string, counter: "total" | "mono" | "colour"): number | null => {
            const mine = readings
                .map((m) => m.payload as { device: string; time: string; pages: Record<string, number> })
                .filter((p) => p.device === device);
            const last = mine[mine.length - 1]?.pages[counter];
            const before = mine.filter((p) => Date.parse(p.time) < month.getTime()).pop()?.pages[counter];
            return last === undefined || before === undefined ? null : last - before;
        };
        assert.deepEqual(
            rows.map((r) => [r.printer, r.vendor, r.model, r.serial, r.pages, r.mono, r.colour]),
            [
                [
                    "Floor 2",
                    "Brother",
                    "HL-L5100DN",
                    "E78000A1N000001",
                    expected("Floor 2", "total"),
                    expected("Floor 2", "mono"),
                    null,
                ],
                [
                    "Reception",
                    "HP",
                    "Color LaserJet Pro M454dw",
                    "VNB3J00001",
                    expected("Reception", "total"),
                    expected("Reception", "mono"),
                    expected("Reception", "colour"),
                ],
            ],
        );
        assert.match(out.text as string, /^Floor 2: Brother HL-L5100DN, SN E78000A1N000001, [\d,]+ pages/);
    });
});
