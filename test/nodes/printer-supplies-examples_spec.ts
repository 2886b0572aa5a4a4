/**
 * The printer examples as a user meets them: imported into a real Node-RED (with the dashboard),
 * pointed at a printer, deployed. Each must start, poll, and feed its debug and chart nodes.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startSimulator, type Simulator } from "../../tools/sim";
import { httpGet, startChildRuntime, type ChildRuntime } from "../helpers/runtime";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLES = {
    read: path.join(ROOT, "examples", "01 - Read printer supplies.json"),
    chart: path.join(ROOT, "examples", "02 - Chart toner and paper (needs node-red-dashboard).json"),
};
const CONFIG_TYPES = new Set(["snmp-credentials", "ui_group", "ui_tab", "ui_base"]);

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

function load(file: string): FlowNode[] {
    return JSON.parse(readFileSync(file, "utf8")) as FlowNode[];
}

/** An example as imported into a tab, with the printer list pointing at the simulator. */
function imported(nodes: FlowNode[], tab: string, devices: string): FlowNode[] {
    return [
        { id: tab, type: "tab", label: tab },
        ...nodes.map((n) => ({
            ...n,
            ...(CONFIG_TYPES.has(n.type) ? {} : { z: tab }),
            ...(n.type === "printer-supplies" ? { devices } : {}),
            ...(n.type === "inject" ? { onceDelay: "0.1", repeat: "" } : {}),
        })),
    ];
}

describe("printer-supplies examples", function () {
    this.timeout(60_000);

    it("open with a comment, carry no secret, and chart output 2 without a function node in between", () => {
        for (const file of Object.values(EXAMPLES)) {
            const nodes = load(file);
            assert.equal(nodes[0]?.type, "comment", `${path.basename(file)} opens with a comment`);
            const text = JSON.stringify(nodes);
            assert.ok(!/"(community|authKey|privKey|credentials)"/.test(text), "no credentials in the flow");
            assert.ok(!nodes.some((n) => n.type === "function"));
            const printer = nodes.find((n) => n.type === "printer-supplies");
            assert.ok(printer?.wires?.[0]?.length && printer.wires[1]?.length, "both outputs wired");
        }
        const chart = load(EXAMPLES.chart);
        const printer = chart.find((n) => n.type === "printer-supplies");
        const target = chart.find((n) => n.id === printer?.wires?.[1]?.[0]);
        assert.equal(target?.type, "ui_chart", "output 2 goes straight into the chart");
    });

    describe("deployed in Node-RED with the dashboard", () => {
        let sim: Simulator;
        let rt: ChildRuntime;

        before(async () => {
            sim = await startSimulator({
                devices: [
                    {
                        name: "laser",
                        file: path.join(ROOT, "test", "fixtures", "printers", "colour-laser.snmprec"),
                        port: 0,
                        dynamics: false,
                    },
                ],
            });
            const ep = sim.endpoint("laser");
            const devices = `${ep.host}:${ep.port} Reception`;
            const read = imported(load(EXAMPLES.read), "read", devices);
            const chart = imported(load(EXAMPLES.chart), "chart", devices);
            // A console debug beside the chart shows what the chart receives.
            const printer = chart.find((n) => n.type === "printer-supplies");
            assert.ok(printer?.wires?.[1]);
            printer.wires[1].push("chart-feed");
            chart.push({
                id: "chart-feed",
                z: "chart",
                type: "debug",
                name: "chart feed",
                active: true,
                tosidebar: false,
                console: true,
                complete: "topic",
                targetType: "msg",
                wires: [],
            });
            rt = await startChildRuntime({ flows: [...read, ...chart], dashboard: true, logLevel: "info" });
        });
        after(async () => {
            await rt?.stop();
            await sim?.stop();
        });

        it("starts every node, polls the printer and feeds the chart one series per supply", async () => {
            // The child's console comes in chunks: wait for the last series asserted, not an earlier one.
            const end = Date.now() + 20_000;
            while (!rt.output().includes("[debug:chart feed] Reception Tray 2") && Date.now() < end) {
                await new Promise((r) => setTimeout(r, 100));
            }
            const log = rt.output();
            assert.match(log, /\[debug:chart feed\] Reception Black Cartridge HP 212X W2120X/, log);
            assert.match(log, /\[debug:chart feed\] Reception Tray 2/);
            assert.ok(!/missing types|Waiting for missing/i.test(log), log);
            assert.ok(!/\[error\]/.test(log), log);
            const ui = await httpGet(rt.url, "/ui/");
            assert.equal(ui.status, 200, "the dashboard is served");
        });
    });
});
