/**
 * The printer-supplies node in a flow, polling the simulator over real SNMP on loopback: what a
 * user wires (Inject -> printer-supplies -> Debug, chart, Catch) and what they then see.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import path from "node:path";
import type { Node, NodeMessage } from "node-red";
import { loadDevices, startSimulator, type SimDevice, type Simulator } from "../../tools/sim";
import { openSocketCount } from "../../nodes/lib/snmp/session";
import type { PrinterPayload, UnreachablePayload, Metric } from "../../nodes/lib/printer/messages";
import type { Supply } from "../../nodes/lib/printer/contract";
import type { NodeStatus } from "../../nodes/lib/status";
import { allNodes, collect, helper, recordStatuses, until } from "../helpers/nodered";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

const FIXTURES = path.join(__dirname, "..", "fixtures", "printers");
const V3_USER = {
    name: "monitor",
    authProtocol: "sha256",
    authKey: "auth-passphrase",
    privProtocol: "aes",
    privKey: "priv-passphrase",
} as const;

type Out = NodeMessage & { payload: PrinterPayload | UnreachablePayload };
type MetricMsg = NodeMessage & { payload: number; metric: Metric };

let sim: Simulator;

function line(name: string, display = name): string {
    const ep = sim.endpoint(name);
    return `${ep.host}:${ep.port} ${display}`;
}

function flow(
    devices: string,
    node: Record<string, unknown> = {},
    credentials: Record<string, unknown> = {},
): unknown[] {
    return [
        { id: "t1", type: "tab", label: "printers" },
        { id: "c1", type: "snmp-credentials", version: "2c", timeout: 1000, retries: 0, ...credentials },
        {
            id: "p1",
            z: "t1",
            type: "printer-supplies",
            snmp: "c1",
            devices,
            wires: [["out1"], ["out2"]],
            ...node,
        },
        { id: "out1", z: "t1", type: "helper" },
        { id: "out2", z: "t1", type: "helper" },
        { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
        { id: "caught", z: "t1", type: "helper" },
    ];
}

async function load(f: unknown[], creds: Record<string, unknown> = { community: "public" }): Promise<void> {
    await helper.load([...allNodes(), catchNode], f, { c1: creds });
}

function node(id: string): Node & { receive(msg: Record<string, unknown>): void } {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id}`);
    return n;
}

/** Trigger the printer node and collect one output-1 message per device. */
async function poll(count: number, msg: Record<string, unknown> = { payload: "tick" }): Promise<Out[]> {
    const got = collect(node("out1"), count);
    node("p1").receive(msg);
    const out = (await got) as Out[];
    return out;
}

function reading(msgs: Out[], topic: string): PrinterPayload {
    const m = msgs.find((x) => x.topic === topic);
    assert.ok(m, `a message for ${topic} among ${msgs.map((x) => x.topic).join(", ")}`);
    assert.equal(m.payload.reachable, true, `${topic}: ${JSON.stringify(m.payload)}`);
    return m.payload;
}

function supply(p: PrinterPayload, id: string): Supply {
    const s = p.supplies.find((x) => x.id === id);
    assert.ok(s, `${p.device} supply ${id}`);
    return s;
}

/** Record every status the node shows. */
function statuses(id: string): NodeStatus[] {
    return recordStatuses(node(id));
}

const PRINTERS = [
    "colour-laser",
    "inkjet",
    "mono-quirks",
    "multi-engine",
    "partial-oki",
    "kyocera-used-waste",
    "samsung-mono",
    "xerox-phaser",
    "ricoh-private",
];

describe("printer-supplies node", function () {
    this.timeout(20_000);

    before(async () => {
        const devices: SimDevice[] = loadDevices([FIXTURES], {
            dynamics: false,
            port: 0,
            community: "public",
        }).map((d) => (d.name === "hp-jetdirect-v3" ? { ...d, v3: { users: [V3_USER] } } : d));
        sim = await startSimulator({ devices });
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        const sets = sim?.counters.byType.SET ?? 0;
        await sim?.stop();
        assert.equal(sets, 0, "the node never sends SET");
    });
    afterEach(async () => {
        await helper.unload();
        sim.setFaults({ delayMs: 0, down: false });
    });

    it("reports every fixture on output 1 with the values it encodes", async () => {
        await load(flow([...PRINTERS, "nas"].map((n) => line(n)).join("\n")));
        const msgs = await poll(PRINTERS.length + 1);

        const laser = reading(msgs, "colour-laser");
        assert.equal(laser.model, "HP Color LaserJet Enterprise M555");
        assert.equal(laser.host, "127.0.0.1");
        assert.equal(laser.device, "colour-laser");
        assert.deepEqual(laser.errors, ["lowPaper", "lowToner"]);
        assert.equal(laser.pageCount, 48213);
        assert.deepEqual(
            laser.supplies.map((s) => [s.id, s.color, s.percent, s.state]),
            [
                ["1.1", "black", 62, "ok"],
                ["1.2", "cyan", 35, "ok"],
                ["1.3", "magenta", 8, "low"],
                ["1.4", "yellow", 71, "ok"],
                ["1.5", null, 62.5, "ok"],
                ["1.6", null, 67.9, "ok"],
                ["1.7", null, 67.9, "ok"],
                ["1.8", null, 55, "ok"],
            ],
        );
        assert.equal(supply(laser, "1.8").class, "receptacle");
        assert.equal(laser.alerts.length, 2);
        assert.ok(!Number.isNaN(Date.parse(laser.time)));

        const inkjet = reading(msgs, "inkjet");
        assert.deepEqual(
            [supply(inkjet, "1.5").type, supply(inkjet, "1.5").class],
            ["wasteInk", "receptacle"],
        );
        assert.equal(supply(inkjet, "1.3").state, "low");

        const mono = reading(msgs, "mono-quirks");
        assert.deepEqual(
            [supply(mono, "1.1").level, supply(mono, "1.1").percent, supply(mono, "1.1").state],
            [-3, null, "someRemaining"],
            "-3 is a state, not 50 %",
        );
        assert.ok(mono.quirks.includes("errorStateOneByte"));
        assert.ok(mono.quirks.includes("textNulTrimmed"));

        const duo = reading(msgs, "multi-engine");
        assert.deepEqual(
            duo.supplies.map((s) => [s.id, s.name, s.color, s.percent, s.state]),
            [
                ["2.1", "Tonerkassette Schwarz", "black", 90, "ok"],
                ["2.2", "Tonerkassette Cyan", "cyan", 50, "ok"],
                ["2.3", "Tonerkassette Magenta", "magenta", 10, "low"],
                ["2.4", "Tonerkassette Gelb", "yellow", 100, "ok"],
                ["2.5", "Resttonerbehälter", null, 35, "ok"],
                ["2.6", "Fixiereinheit", null, null, "empty"],
                ["3.1", "Toner noir", "black", 64, "ok"],
                ["3.2", "Bac de récupération", null, null, "someRemaining"],
            ],
        );
        assert.equal(duo.pageCount, 205000, "three markers on two printers");
        for (const q of ["levelAboveMax", "percentUnit", "maxZero", "lifeCountInteger"])
            assert.ok(duo.quirks.includes(q), q);

        const oki = reading(msgs, "partial-oki");
        assert.equal(oki.supplies.length, 8);
        assert.equal(
            new Set(oki.supplies.map((s) => s.name)).size,
            8,
            "identical descriptions made distinct",
        );
        assert.equal(supply(oki, "1.4").name, "Toner Cartridge OKI DATA CORP (black)");
        assert.equal(supply(oki, "1.1").unit, null, "no unit column");

        const kyocera = reading(msgs, "kyocera-used-waste");
        assert.equal(supply(kyocera, "1.4").name, "black toner", "empty description");
        assert.deepEqual(
            [supply(kyocera, "1.5").name, supply(kyocera, "1.5").percent, supply(kyocera, "1.5").state],
            ["廃トナーボックス", 95, "ok"],
            "hex text decoded; RFC reading: 95 % space left",
        );

        const samsung = reading(msgs, "samsung-mono");
        assert.deepEqual(
            [supply(samsung, "1.1").name, supply(samsung, "1.1").state],
            ["Black Toner Cartridge", "low"],
        );

        const xerox = reading(msgs, "xerox-phaser");
        assert.equal(supply(xerox, "1.4").name, "Black Toner Cartridge");
        assert.equal(xerox.status, "down");
        assert.deepEqual(
            xerox.outputs.map((o) => o.state),
            ["full"],
        );

        const ricoh = reading(msgs, "ricoh-private");
        assert.deepEqual(
            ricoh.supplies.map((s) => [s.id, s.percent, s.state]),
            [
                ["1.1", 60, "ok"],
                ["1.2", null, "someRemaining"],
                ["1.3", null, "low"],
                ["1.4", 30, "ok"],
                ["1.5", 90, "ok"],
            ],
        );

        const nas = msgs.find((m) => m.topic === "nas");
        assert.ok(nas);
        assert.equal(nas.payload.reachable, false);
        assert.deepEqual(Object.keys(nas.payload).sort(), [
            "device",
            "error",
            "host",
            "port",
            "reachable",
            "time",
        ]);
        assert.equal(nas.payload.error.code, "notPrinter");
        assert.match(nas.payload.error.message, /no Printer-MIB.*Linux nas01/);
    });

    it("sends one number per known percentage on output 2, ready for a chart", async () => {
        await load(flow(line("xerox-phaser", "HR printer")));
        const metrics = collect(node("out2"), 7);
        await poll(1);
        const got = (await metrics) as MetricMsg[];
        assert.deepEqual(
            got.map((m) => [m.topic, m.payload]),
            [
                ["HR printer Cyan Toner Cartridge", 54],
                ["HR printer Magenta Toner Cartridge", 33],
                ["HR printer Yellow Toner Cartridge", 71],
                ["HR printer Black Toner Cartridge", 18],
                ["HR printer Imaging Unit", 77],
                ["HR printer Waste Cartridge", 60],
                ["HR printer Tray 1", 0],
            ],
        );
        assert.deepEqual(got[3]?.metric, {
            device: "HR printer",
            host: "127.0.0.1",
            kind: "supply",
            id: "1.4",
            name: "Black Toner Cartridge",
            type: "toner",
            color: "black",
            state: "ok",
            unit: "%",
        });
        assert.equal(got[6]?.metric.kind, "tray");
    });

    it("polls msg.devices or msg.host instead of its own list", async () => {
        await load(flow(line("xerox-phaser")));
        const ep = sim.endpoint("ricoh-private");
        const [byList] = await poll(1, { devices: [{ host: ep.host, port: ep.port, name: "Floor 2" }] });
        assert.equal(byList?.topic, "Floor 2");
        assert.equal((byList?.payload as PrinterPayload).serial, "E205M123456");
        const [byHost] = await poll(1, { host: `${ep.host}:${ep.port}` });
        assert.equal(byHost?.topic, "ricoh-2f", "no name given: the printer's sysName");
        assert.equal((byHost?.payload as PrinterPayload).device, "ricoh-2f");
    });

    it("inverts waste boxes that report space used when the option is set", async () => {
        await load(flow(line("kyocera-used-waste"), { invertReceptacles: true }));
        const [msg] = await poll(1);
        const p = msg?.payload as PrinterPayload;
        assert.deepEqual([supply(p, "1.5").percent, supply(p, "1.5").state], [5, "almostFull"]);
        assert.ok(p.quirks.includes("receptacleInverted"));
    });

    it("uses the node's low level", async () => {
        await load(flow(line("colour-laser"), { lowLevel: 40 }));
        const [msg] = await poll(1);
        const p = msg?.payload as PrinterPayload;
        assert.deepEqual(
            p.supplies.slice(0, 4).map((s) => s.state),
            ["ok", "low", "low", "ok"],
        );
    });

    it("shows progress, then a summary", async () => {
        await load(flow([...PRINTERS, "nas"].map((n) => line(n)).join("\n")));
        const seen = statuses("p1");
        await poll(PRINTERS.length + 1);
        await until(() => seen.length > 0 && seen[seen.length - 1]?.fill !== "blue", "the summary");
        assert.deepEqual(seen[0], { fill: "blue", shape: "dot", text: "polling 0/10" });
        assert.ok(seen.some((s) => s.text === "polling 5/10"));
        assert.deepEqual(seen[seen.length - 1], {
            fill: "yellow",
            shape: "ring",
            text: "10 printers, 6 low, 1 failed",
        });
    });

    it("reports an unreachable printer to Catch and on output 1 while the others still report", async () => {
        const socket = dgram.createSocket("udp4");
        await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
        const closedPort = socket.address().port;
        await new Promise<void>((resolve) => socket.close(() => resolve()));

        await load(
            flow(
                [`127.0.0.1:${closedPort} Gone`, line("xerox-phaser")].join("\n"),
                {},
                { timeout: 200, retries: 0 },
            ),
        );
        const caught = collect(node("caught"), 1);
        const metrics: MetricMsg[] = [];
        node("out2").on("input", (m: NodeMessage) => metrics.push(m as MetricMsg));
        const msgs = await poll(2);
        const gone = msgs.find((m) => m.topic === "Gone");
        assert.ok(gone);
        assert.equal(gone.payload.reachable, false);
        assert.ok(["timeout", "unreachable"].includes(gone.payload.error.code));
        assert.equal(reading(msgs, "xerox-phaser").supplies.length, 6, "the other printer still reports");
        const [c] = (await caught) as (NodeMessage & {
            host?: string;
            port?: number;
            error?: { message: string };
        })[];
        assert.equal(c?.host, "127.0.0.1");
        assert.equal(c?.port, closedPort);
        assert.match(c?.error?.message ?? "", /no answer from 127\.0\.0\.1/);
        assert.ok(
            metrics.every((m) => m.metric.device !== "Gone"),
            "nothing on output 2 for it",
        );
    });

    it("reads an HP printer over SNMPv3 in the context Jetdirect, and says notPrinter without it", async () => {
        const v3 = {
            version: "3",
            securityLevel: "authPriv",
            authProtocol: "sha256",
            privProtocol: "aes",
        };
        const creds = { user: V3_USER.name, authKey: V3_USER.authKey, privKey: V3_USER.privKey };
        await load(flow(line("hp-jetdirect-v3", "HP"), {}, { ...v3, context: "Jetdirect" }), creds);
        const [ok] = await poll(1);
        const hp = ok?.payload as PrinterPayload;
        assert.equal(hp.model, "HP Color LaserJet M553");
        assert.equal(supply(hp, "1.2").state, "low", "-3 level with a markerTonerAlmostEmpty alert on it");
        assert.equal(supply(hp, "1.6").name, "Fuser Kit HP 110V-B5L35A, 220V-B5L36A");
        await helper.unload();

        await load(flow(line("hp-jetdirect-v3", "HP"), {}, v3), creds);
        const [bad] = await poll(1);
        const err = (bad?.payload as UnreachablePayload).error;
        assert.equal(err.code, "notPrinter");
        assert.match(err.message, /context.*Jetdirect/);
    });

    it("reads old SNMPv1-only agents (no GETBULK) the same way", async () => {
        await load(flow(line("multi-engine"), {}, { version: "1" }));
        const before = { ...sim.deviceCounters("multi-engine").byType };
        const [first] = await poll(1);
        const [second] = await poll(1);
        const after = { ...sim.deviceCounters("multi-engine").byType };
        assert.equal(after.GETBULK ?? 0, before.GETBULK ?? 0, "no GETBULK in a v1 message");
        assert.ok((after.GETNEXT ?? 0) > (before.GETNEXT ?? 0), "GETNEXT instead");
        for (const msg of [first, second]) {
            const p = msg?.payload as PrinterPayload;
            assert.equal(p.supplies.length, 8);
            assert.equal(supply(p, "3.1").color, "black");
            assert.equal(p.pageCount, 205000);
        }
    });

    it("reads static columns once, and again after prtGeneralConfigChanges moves or a reboot", async () => {
        const name = "colour-laser";
        const requests = (): number => sim.deviceCounters(name).requests;
        await load(flow(line(name)));
        let before = requests();
        await poll(1);
        const discovery = requests() - before;

        before = requests();
        const [second] = await poll(1);
        const steady = requests() - before;
        assert.ok(steady < discovery, `steady ${steady} < discovery ${discovery}`);
        assert.equal(steady, 1, "one request for every level, status and counter");
        assert.deepEqual((second?.payload as PrinterPayload).supplies.length, 8);

        // A new description without a configuration change stays unread (it is cached) ...
        const descr = "1.3.6.1.2.1.43.11.1.1.6.1.1";
        sim.set(name, descr, 4, "Black Cartridge HP 212Y W2120Y");
        sim.set(name, "1.3.6.1.2.1.43.11.1.1.9.1.1", 2, 61);
        const [third] = await poll(1);
        assert.equal(supply(third?.payload as PrinterPayload, "1.1").name, "Black Cartridge HP 212X W2120X");
        assert.equal(supply(third?.payload as PrinterPayload, "1.1").percent, 61, "levels are always fresh");

        // ... until the printer says its configuration changed.
        const changes = sim.get(name, "1.3.6.1.2.1.43.5.1.1.1.1");
        sim.set(name, "1.3.6.1.2.1.43.5.1.1.1.1", 65, Number(changes?.value ?? 0) + 1);
        before = requests();
        const [fourth] = await poll(1);
        assert.ok(requests() - before > steady, "read everything again");
        assert.equal(supply(fourth?.payload as PrinterPayload, "1.1").name, "Black Cartridge HP 212Y W2120Y");

        sim.set(name, descr, 4, "Black Cartridge HP 212Z");
        sim.restart(name);
        const [fifth] = await poll(1);
        assert.equal(
            supply(fifth?.payload as PrinterPayload, "1.1").name,
            "Black Cartridge HP 212Z",
            "re-read after a reboot",
        );
    });

    it("sees alerts come and go between discoveries, with or without alert counters", async () => {
        const alertRow = (name: string, code: number, text: string): void => {
            const a = "1.3.6.1.2.1.43.18.1.1";
            sim.set(name, `${a}.2.1.1`, 2, 4);
            sim.set(name, `${a}.4.1.1`, 2, 11);
            sim.set(name, `${a}.5.1.1`, 2, 1);
            sim.set(name, `${a}.7.1.1`, 2, code);
            sim.set(name, `${a}.8.1.1`, 4, text);
        };
        // partial-oki has no prtAlertAllEvents: each steady poll probes the table.
        await load(flow([line("partial-oki"), line("kyocera-used-waste")].join("\n")));
        await poll(2);
        const before = sim.deviceCounters("partial-oki").requests;
        const quiet = await poll(2);
        assert.equal(
            sim.deviceCounters("partial-oki").requests - before,
            1,
            "one request when nothing changed",
        );
        assert.deepEqual(reading(quiet, "partial-oki").alerts, []);

        alertRow("partial-oki", 1104, "Toner low (C)");
        alertRow("kyocera-used-waste", 1104, "Toner low: C");
        // kyocera-used-waste keeps prtAlertAllEvents: it counts the new alert.
        sim.set("kyocera-used-waste", "1.3.6.1.2.1.43.5.1.1.19.1", 65, 1);
        const raised = await poll(2);
        for (const name of ["partial-oki", "kyocera-used-waste"]) {
            const p = reading(raised, name);
            assert.deepEqual(
                p.alerts.map((a) => [a.code, a.groupIndex]),
                [["markerTonerAlmostEmpty", 1]],
                name,
            );
            assert.equal(supply(p, "1.1").state, "low", `${name}: the alert points at supply 1.1`);
        }

        for (const column of [2, 4, 5, 7, 8]) {
            sim.remove("partial-oki", `1.3.6.1.2.1.43.18.1.1.${column}.1.1`);
            sim.remove("kyocera-used-waste", `1.3.6.1.2.1.43.18.1.1.${column}.1.1`);
        }
        const cleared = await poll(2);
        assert.deepEqual(reading(cleared, "partial-oki").alerts, []);
        assert.deepEqual(reading(cleared, "kyocera-used-waste").alerts, []);
        assert.equal(supply(reading(cleared, "partial-oki"), "1.1").state, "ok");
    });

    it("leaves no socket open when closed in the middle of a poll", async () => {
        sim.setFaults("xerox-phaser", { delayMs: 3000 });
        await load(flow(line("xerox-phaser")));
        const seen = statuses("p1");
        node("p1").receive({ payload: "tick" });
        await until(
            () => seen.some((s) => s.text === "polling 0/1") && openSocketCount() > 0,
            "the poll to start",
        );
        await helper.unload();
        await until(() => openSocketCount() === 0, "every socket to close", 2000);
        sim.setFaults("xerox-phaser", { delayMs: 0 });
    });
});
