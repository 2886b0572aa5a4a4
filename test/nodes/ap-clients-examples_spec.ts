/**
 * The example flows of the ap-clients node: they import cleanly (a comment first, valid wiring,
 * documentation addresses) and, pointed at the simulator, do what their comment says.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NodeMessage } from "node-red";
import { startSimulator, type Simulator } from "../../tools/sim";
import type { ApReading } from "../../nodes/lib/ap/types";
import { allNodes, collect, helper } from "../helpers/nodered";
import { fixtureText } from "../lib/ap-result";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
const FILES = [
    "03 - List Wi-Fi clients.json",
    "04 - Chart clients per access point (needs node-red-dashboard).json",
    "12 - Who is on which AP, and how well (needs node-red-dashboard).json",
];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const functionNode = require("@node-red/nodes/core/function/10-function.js") as unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const switchNode = require("@node-red/nodes/core/function/10-switch.js") as unknown;

function flowOf(file: string): FlowNode[] {
    return JSON.parse(readFileSync(path.join(EXAMPLES, file), "utf8")) as FlowNode[];
}

/** The example as a test flow: the device list pointed at the simulator, sinks replaced by helper nodes. */
function runnable(file: string, device: string, sinks: string[]): FlowNode[] {
    const tab: FlowNode = { id: "t1", type: "tab" };
    const nodes = flowOf(file)
        .filter((n) => !["comment", "ui_group", "ui_tab"].includes(n.type))
        .map((n) => {
            if (n.type === "ap-clients") return { ...n, z: "t1", devices: device };
            if (sinks.includes(n.type)) return { id: n.id, z: "t1", type: "helper" };
            if (n.type === "inject" || n.type === "catch") return { id: n.id, z: "t1", type: "helper" };
            return { ...n, z: "t1" };
        });
    return [tab, ...nodes];
}

describe("ap-clients examples", function () {
    this.timeout(20_000);
    let sim: Simulator;

    before(async () => {
        sim = await startSimulator({
            devices: [
                { name: "wlc", records: fixtureText("cisco-aireos"), port: 0, dynamics: false },
                { name: "nxc", records: fixtureText("zyxel-controller"), port: 0, dynamics: false },
            ],
        });
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await sim?.stop();
    });
    afterEach(() => helper.unload());

    for (const file of FILES) {
        it(`${file}: opens with a comment, wires only to its own nodes, uses documentation addresses`, () => {
            const flow = flowOf(file);
            assert.equal(flow[0]?.type, "comment");
            assert.ok(String(flow[0]?.info).length > 100, "the comment explains the flow");
            const ids = new Set(flow.map((n) => n.id));
            assert.equal(ids.size, flow.length, "ids are unique");
            for (const n of flow)
                for (const to of (n.wires ?? []).flat()) assert.ok(ids.has(to), `${n.id} -> ${to}`);
            const ap = flow.find((n) => n.type === "ap-clients");
            assert.ok(ap);
            assert.equal(ap.vendor, "auto");
            for (const line of String(ap.devices).split("\n"))
                assert.match(line, /^127\.0\.0\.\d+ /, "loopback only");
            const creds = flow.find((n) => n.type === "snmp-credentials");
            assert.ok(creds && ap.snmp === creds.id);
            assert.ok(
                flow.every((n) => !("community" in n) && !("credentials" in n)),
                "no secret in the flow",
            );
        });
    }

    it("03 lists the devices on output 1 and sends events on output 3", async () => {
        const ep = sim.endpoint("wlc");
        const flow = runnable(FILES[0] ?? "", `${ep.host}:${ep.port} WLC`, ["debug"]);
        await helper.load(allNodes(), flow, { a9c1e0000000000c: { community: ep.community } });
        const ap = flow.find((n) => n.type === "ap-clients");
        const out1 = ap?.wires?.[0]?.[0] ?? "";
        const got = collect(helper.getNode(out1), 1);
        helper.getNode(ap?.id ?? "")?.receive({ payload: Date.now() });
        const [msg] = (await got) as (NodeMessage & { payload: ApReading })[];
        assert.equal(msg?.payload.totals.clients, 5);
        assert.ok(ap?.wires?.[2]?.length, "output 3 goes to a Debug node");
    });

    it("04 feeds the chart from output 2 directly, one topic per line", async () => {
        const ep = sim.endpoint("wlc");
        const flow = runnable(FILES[1] ?? "", `${ep.host}:${ep.port} WLC`, ["debug", "ui_chart"]);
        const original = flowOf(FILES[1] ?? "");
        const ap = original.find((n) => n.type === "ap-clients");
        const chartId = ap?.wires?.[1]?.[0] ?? "";
        assert.equal(
            original.find((n) => n.id === chartId)?.type,
            "ui_chart",
            "no node between output 2 and the chart",
        );
        await helper.load(allNodes(), flow, { a9c1e0000000001c: { community: ep.community } });
        const got = collect(helper.getNode(chartId), 9);
        helper.getNode(ap?.id ?? "")?.receive({ payload: Date.now() });
        const msgs = (await got) as (NodeMessage & { payload: unknown })[];
        assert.ok(msgs.every((m) => typeof m.payload === "number" && typeof m.topic === "string"));
        assert.ok(msgs.some((m) => m.topic === "WLC ap-lobby clients"));
    });

    it("12 lists each AP's load, signal and utilisation and who is on it; charts median signal and utilisation", async () => {
        const ep = sim.endpoint("wlc");
        const flow = runnable(FILES[2] ?? "", `${ep.host}:${ep.port} WLC`, ["debug", "ui_chart"]);
        await helper.load([...allNodes(), functionNode, switchNode], flow, {
            a9c1e000000000cc: { community: ep.community },
        });
        const original = flowOf(FILES[2] ?? "");
        const byName = (type: string, label?: string): FlowNode | undefined =>
            original.find(
                (n) => n.type === type && (label === undefined || n.label === label || n.name === label),
            );
        const signalChart = byName("ui_chart", "Median client signal per AP (dBm)")?.id ?? "";
        const useChart = byName("ui_chart", "Channel utilisation per AP (%)")?.id ?? "";
        const whoDebug = byName("debug", "who is where")?.id ?? "";
        const who = collect(helper.getNode(whoDebug), 1);
        const signals = collect(helper.getNode(signalChart), 3);
        const uses = collect(helper.getNode(useChart), 3);
        helper.getNode(byName("ap-clients")?.id ?? "")?.receive({ payload: Date.now() });
        const [table] = (await who) as (NodeMessage & { payload: Record<string, unknown>[] })[];
        const office = table?.payload.find((a) => a.ap === "ap-office");
        assert.deepEqual(
            { ...office, who: undefined },
            {
                ap: "ap-office",
                load: "busy",
                clients: 2,
                medianSignal: -54,
                weakClients: 0,
                utilisation: 64,
                who: undefined,
            },
        );
        assert.deepEqual(
            (office?.who as { who: string }[]).map((c) => c.who),
            ["Apple, Inc.", "Apple, Inc."],
            "no name or hostname: the maker",
        );
        const s = (await signals) as (NodeMessage & { payload: number })[];
        assert.ok(s.some((m) => m.topic === "WLC ap-lobby median signal" && m.payload === -61.5));
        const u = (await uses) as (NodeMessage & { payload: number })[];
        assert.ok(u.some((m) => m.topic === "WLC ap-office utilisation" && m.payload === 64));
    });

    it("11 opens with a comment, uses a documentation address and reads a controller's APs by custom OIDs", async () => {
        const file = "11 - Read a device with custom OIDs.json";
        const original = flowOf(file);
        assert.equal(original[0]?.type, "comment");
        const ap = original.find((n) => n.type === "ap-clients");
        assert.ok(ap);
        assert.equal(ap.vendor, "custom");
        assert.match(String(ap.devices), /^127\.0\.0\.\d+ /);
        assert.ok(
            original.every((n) => !("community" in n) && !("credentials" in n)),
            "no secret in the flow",
        );
        const ep = sim.endpoint("nxc");
        const flow = runnable(file, `${ep.host}:${ep.port} NXC`, ["debug"]);
        await helper.load(allNodes(), flow, { b7d2c0000000000c: { community: ep.community } });
        const got = collect(helper.getNode(ap.wires?.[0]?.[0] ?? ""), 1);
        helper.getNode(ap.id)?.receive({ payload: Date.now() });
        const [msg] = (await got) as (NodeMessage & { payload: ApReading })[];
        assert.equal(msg?.payload.profile, "custom");
        assert.deepEqual(
            msg?.payload.aps.map((a) => [a.name, a.clients]),
            [
                ["WAX510D-Lab", 2],
                ["WAX650S-Hall", 4],
            ],
        );
        assert.equal(msg?.payload.totals.clients, 6);
    });
});
