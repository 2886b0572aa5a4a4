/**
 * The snmp-discover example flow: it imports cleanly (a comment first, a documentation range,
 * nothing that scans on deploy) and, pointed at a simulated loopback network, does what its
 * comment says: devices on output 1, the report on output 2, and "new devices" only when a
 * device answered that did not before.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { NodeMessage } from "node-red";
import type { FoundDevice, ScanReport } from "../../nodes/lib/discover/contract";
import { allNodes, collect, helper } from "../helpers/nodered";
import { startNetwork, type Network } from "../../tools/sim/network";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const FILE = path.join(__dirname, "..", "..", "examples", "14 - Find printers and access points.json");
const FIXTURES = path.join(__dirname, "..", "fixtures");

const nodes = [
    ...allNodes(),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("../../nodes/snmp-discover") as unknown,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@node-red/nodes/core/function/10-switch.js") as unknown,
];

const flow = JSON.parse(readFileSync(FILE, "utf8")) as FlowNode[];

describe("snmp-discover example", function () {
    this.timeout(30_000);
    let net: Network;

    before(async () => {
        net = await startNetwork(
            [
                { name: "laser", file: path.join(FIXTURES, "printers", "colour-laser.snmprec") },
                { name: "ap", file: path.join(FIXTURES, "wireless", "aerohive.snmprec") },
            ],
            "127.0.24",
        );
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await net?.sim.stop();
    });
    afterEach(() => helper.unload());

    it("opens with a comment, scans a placeholder range on this machine, and only when asked", () => {
        assert.equal(flow[0]?.type, "comment");
        assert.ok(String(flow[0]?.info).length > 200);
        const discover = flow.find((n) => n.type === "snmp-discover");
        assert.equal(discover?.range, "127.0.0.1-20");
        const inject = flow.find((n) => n.type === "inject");
        assert.equal(inject?.once, false, "deploying the example sends nothing");
        const ids = new Set(flow.map((n) => n.id));
        for (const n of flow) for (const out of n.wires ?? []) for (const to of out) assert.ok(ids.has(to));
    });

    it("pointed at a network: devices, the report, and new devices from the second scan on", async () => {
        const runnable: FlowNode[] = [
            { id: "t1", type: "tab" },
            ...flow
                .filter((n) => n.type !== "comment")
                .map((n): FlowNode => {
                    if (n.type === "snmp-discover") return { ...n, z: "t1", range: "127.0.24.1-4" };
                    if (n.type === "snmp-credentials") return { ...n, port: net.port };
                    if (n.type === "debug" || n.type === "inject" || n.type === "catch") {
                        return { id: n.id, z: "t1", type: "helper" };
                    }
                    return { ...n, z: "t1" };
                }),
        ];
        const credentials = flow.find((n) => n.type === "snmp-credentials")?.id as string;
        await helper.load(nodes, runnable, { [credentials]: { community: "public" } });
        const byName = (name: string): string => flow.find((n) => n.name === name)?.id as string;
        const discover = helper.getNode(flow.find((n) => n.type === "snmp-discover")?.id as string);
        const newDevices = helper.getNode(byName("new devices"));
        let news = 0;
        newDevices?.on("input", () => news++);

        net.sim.setFaults("ap", { down: true });
        const found = collect(helper.getNode(byName("devices found")), 1);
        const report = collect(helper.getNode(byName("scan report")), 1);
        discover?.receive({ payload: Date.now() });
        const [laser] = (await found) as (NodeMessage & { payload: FoundDevice })[];
        assert.equal(laser?.payload.kind, "printer");
        const [first] = (await report) as (NodeMessage & { payload: ScanReport })[];
        assert.equal(first?.payload.summary, "scanned 4, 1 printer, 0 wireless, 0 other, 3 silent");

        net.sim.setFaults("ap", { down: false });
        const fresh = collect(newDevices, 1);
        discover?.receive({ payload: Date.now() });
        const [again] = (await fresh) as (NodeMessage & { payload: ScanReport })[];
        assert.deepEqual(
            again?.payload.new.map((d) => [d.host, d.kind, d.line]),
            [["127.0.24.2", "wireless", "127.0.24.2 hive-2f"]],
        );
        assert.equal(news, 1, "the first scan, a baseline, passed nothing on");
    });
});
