/**
 * The ap-clients node in a flow, polling the simulator over real SNMP on loopback: what a user
 * wires (Inject -> ap-clients -> Debug, chart, Catch) and what they then see.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Node, NodeMessage } from "node-red";
import { loadDevices, startSimulator, type SimDevice, type Simulator } from "../../tools/sim";
import { detectionPlan } from "../../nodes/lib/ap/detect";
import { buildReading, planFor } from "../../nodes/lib/ap/engine";
import type { ApEvent } from "../../nodes/lib/ap/events";
import type { Metric } from "../../nodes/lib/ap/metrics";
import { profileById } from "../../nodes/lib/ap/profiles";
import type { ApReading, ApUnreachable } from "../../nodes/lib/ap/types";
import { runQuery } from "../../nodes/lib/snmp/query";
import { openSocketCount, SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import type { NodeStatus } from "../../nodes/lib/status";
import { allNodes, collect, helper, recordStatuses, until } from "../helpers/nodered";
import { fixtureText, parseRecords, resultFor } from "../lib/ap-result";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

const FIXTURES = path.join(__dirname, "..", "fixtures", "wireless");

type Out = NodeMessage & { payload: ApReading | ApUnreachable };
type MetricMsg = NodeMessage & { payload: number; metric: Metric };
type EventMsg = NodeMessage & { payload: ApEvent };

let sim: Simulator;

function line(name: string, display = name): string {
    const ep = sim.endpoint(name);
    return `${ep.host}:${ep.port} ${display}`;
}

function flow(devices: string, node: Record<string, unknown> = {}): unknown[] {
    return [
        { id: "t1", type: "tab", label: "wifi" },
        { id: "c1", type: "snmp-credentials", version: "2c", timeout: 1000, retries: 0 },
        {
            id: "a1",
            z: "t1",
            type: "ap-clients",
            snmp: "c1",
            devices,
            vendor: "auto",
            wires: [["out1"], ["out2"], ["out3"]],
            ...node,
        },
        { id: "out1", z: "t1", type: "helper" },
        { id: "out2", z: "t1", type: "helper" },
        { id: "out3", z: "t1", type: "helper" },
        { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
        { id: "caught", z: "t1", type: "helper" },
    ];
}

async function load(f: unknown[]): Promise<void> {
    await helper.load([...allNodes(), catchNode], f, { c1: { community: "public" } });
}

function node(id: string): Node & { receive(msg: Record<string, unknown>): void } {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id}`);
    return n;
}

/** Everything a node sends on a helper node, as it arrives. */
function record<T extends NodeMessage>(id: string): T[] {
    const got: T[] = [];
    node(id).on("input", (msg: NodeMessage) => got.push(msg as T));
    return got;
}

/** Trigger the node and collect one output-1 message per device. */
async function poll(count: number, msg: Record<string, unknown> = { payload: "tick" }): Promise<Out[]> {
    const got = collect(node("out1"), count);
    node("a1").receive(msg);
    return (await got) as Out[];
}

function reading(msgs: Out[], topic: string): ApReading {
    const m = msgs.find((x) => x.topic === topic);
    assert.ok(m, `a message for ${topic} among ${msgs.map((x) => x.topic).join(", ")}`);
    assert.equal(m.payload.reachable, true, `${topic}: ${JSON.stringify(m.payload)}`);
    return m.payload;
}

/** Record every status the node shows. */
function statuses(id: string): NodeStatus[] {
    return recordStatuses(node(id));
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

/** Fixture -> [profile, clients, APs, client rows, signal kind]. */
const EXPECTED: Record<string, [string, number | null, number, number, string]> = {
    "cisco-aireos": ["cisco-aireos", 5, 3, 5, "dBm"],
    "cisco-ios-ap": ["cisco-ios-ap", 3, 1, 3, "dBm"],
    "aruba-controller": ["aruba-controller", 4, 2, 4, "snr"],
    "aruba-controller-idle": ["aruba-controller", 0, 0, 0, "snr"],
    "aruba-instant": ["aruba-instant", 3, 2, 3, "snr"],
    "ruckus-zd": ["ruckus-zd", 3, 2, 3, "dBm"],
    "ruckus-unleashed": ["ruckus-unleashed", 7, 3, 0, "none"],
    "ruckus-sz": ["ruckus-sz", 12, 3, 0, "none"],
    "meraki-cloud": ["meraki-cloud", 20, 2, 0, "none"],
    fortigate: ["fortigate", 3, 2, 3, "dBm"],
    fortiwlc: ["fortiwlc", 12, 4, 0, "none"],
    "mikrotik-capsman": ["mikrotik-capsman", 3, 3, 3, "dBm"],
    "mikrotik-wifi": ["mikrotik-wifi", 3, 1, 3, "dBm"],
    "mikrotik-wifi-idle": ["mikrotik-wifi", 0, 1, 0, "dBm"],
    "mikrotik-wireless": ["mikrotik-wireless", 4, 1, 4, "dBm"],
    "ubnt-unifi": ["ubnt-unifi", 9, 1, 0, "none"],
    "ubnt-airmax": ["ubnt-airmax", 3, 1, 3, "dBm"],
    aerohive: ["aerohive", 3, 1, 3, "dBm"],
    "tplink-eap": ["tplink-eap", 2, 1, 2, "none"],
    "cambium-cnpilot": ["cambium-cnpilot", 3, 1, 3, "snr"],
    "cambium-epmp": ["cambium-epmp", 12, 1, 0, "none"],
    "zyxel-ap": ["zyxel-ap", 8, 1, 8, "dBm"],
    "zyxel-nwa-legacy": ["zyxel-nwa-legacy", 3, 1, 3, "none"],
    "zyxel-controller": ["zyxel-controller", 6, 2, 6, "dBm"],
    "zyxel-usg-flex": ["zyxel-controller", 3, 1, 0, "none"],
    "huawei-wlan": ["huawei-wlan", 5, 2, 5, "dBm"],
    fortiap: ["fortiap", 3, 1, 3, "none"],
    fortiwifi: ["fortigate", 3, 2, 3, "dBm"],
    "ruckus-zoneflex": ["ruckus-zoneflex", 5, 1, 5, "snr"],
    "cisco-9800": ["cisco-9800", 4, 2, 4, "dBm"],
    "alcatel-stellar": ["alcatel-stellar", 3, 1, 3, "snr"],
    "linux-extend": ["linux-extend", 6, 1, 0, "none"],
    "asuswrt-extend": ["linux-extend", 8, 1, 0, "none"],
    "openwrt-agent": ["openwrt-agent", 5, 1, 0, "none"],
    peplink: ["peplink", 7, 2, 0, "none"],
    "cambium-pmp": ["cambium-pmp", 3, 1, 3, "none"],
    "ubnt-af60": ["ubnt-af60", 2, 1, 2, "dBm"],
    mimosa: ["mimosa", 3, 1, 3, "none"],
    ligowave: ["ligowave", 2, 1, 2, "dBm"],
    deliberant: ["deliberant", 4, 1, 0, "none"],
    tachyon: ["tachyon", 2, 1, 2, "dBm"],
    teldat: ["teldat", 3, 1, 3, "none"],
    albentia: ["albentia", 12, 1, 0, "none"],
    "grandstream-gwn": ["grandstream-gwn", 3, 1, 3, "dBm"],
    "lancom-lcos": ["lancom-lcos", 3, 1, 3, "dBm"],
    "lancom-lcos-lx": ["lancom-lcos-lx", 2, 1, 2, "dBm"],
    "extreme-ewc": ["extreme-ewc", 12, 2, 0, "none"],
    xirrus: ["xirrus", 9, 1, 0, "none"],
    "hp-msm": ["hp-msm", 14, 0, 0, "none"],
    "symbol-wing": ["symbol-wing", 6, 1, 0, "none"],
    "apple-airport": ["apple-airport", 4, 1, 0, "none"],
    "alta-labs": ["alta-labs", 4, 1, 4, "dBm"],
    "aruba-instant-old": ["aruba-instant", 3, 2, 3, "none"],
    "aruba-controller-disagree": ["aruba-controller", 6, 2, 4, "snr"],
    "unifi-radio-only": ["ubnt-unifi", null, 1, 0, "none"],
    "unifi-no-vap": ["ubnt-unifi", null, 1, 0, "none"],
};

/** The quirks of the fixtures that have any: how they were found, what their numbers say. */
const QUIRKS: Record<string, string[]> = {
    "meraki-cloud": ["detectedByProbe"],
    "asuswrt-extend": ["detectedByProbe"],
    "aruba-controller-disagree": ["apTotalsDiffer"],
    "unifi-radio-only": ["noClientCounts"],
    "unifi-no-vap": ["noClientCounts"],
};

/** The reading the pure decoder makes of a complete walk of the fixture. */
function decoded(fixture: string, profile: string, display: string, host: string): ApReading {
    const p = profileById(profile);
    assert.ok(p);
    const records = parseRecords(fixtureText(fixture));
    return buildReading(p, resultFor(records, planFor(p)), { device: display, host, time: "" }).reading;
}

describe("ap-clients node", function () {
    this.timeout(20_000);

    before(async () => {
        const devices: SimDevice[] = loadDevices([FIXTURES], {
            dynamics: false,
            port: 0,
            community: "public",
        });
        // Copies that tests change between polls, so the others see the fixtures as written.
        for (const name of ["cisco-aireos", "mikrotik-wireless"]) {
            devices.push({ name: `${name}-live`, records: fixtureText(name), port: 0, dynamics: false });
        }
        // A device that never answers.
        devices.push({
            name: "silent",
            records: fixtureText("aruba-controller"),
            port: 0,
            dynamics: false,
            faults: { down: true },
        });
        sim = await startSimulator({ devices });
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await sim?.stop();
    });
    afterEach(async () => {
        await helper.unload();
    });

    it("says when a reading is incomplete instead of passing partial counts for whole ones", async () => {
        const f = flow(line("cisco-aireos"));
        (f[1] as Record<string, unknown>).maxRows = 2; // the controller has 5 clients
        await load(f);
        const [cut] = await poll(1);
        assert.ok(cut);
        assert.deepEqual((cut.payload as ApReading).quirks, ["rowsTruncated"]);
        await helper.unload();
        await load(flow(line("cisco-aireos")));
        const [whole] = await poll(1);
        assert.equal(
            (whole?.payload as ApReading | undefined)?.quirks,
            undefined,
            "a complete reading has no quirks property",
        );
    });

    it("detects every fixture in at most two requests at the agent (one GETNEXT per probe object)", async () => {
        const settings = normalizeSettings({ community: "public", timeout: 1000, retries: 0 });
        const names = [...Object.keys(EXPECTED), "linux-server", "unifi-silent"];
        const counts: Record<string, number> = {};
        for (const name of names) {
            const ep = sim.endpoint(name);
            const session = await SnmpSession.open(ep.host, { ...settings, port: ep.port });
            const before = sim.deviceCounters(name).requests;
            try {
                const result = await runQuery(session, detectionPlan(), { maxRepetitions: 1 });
                assert.equal(
                    result.requests,
                    sim.deviceCounters(name).requests - before,
                    `${name}: requests counted`,
                );
            } finally {
                session.close();
            }
            counts[name] = sim.deviceCounters(name).requests - before;
        }
        const over = Object.entries(counts).filter(([, n]) => n > 2);
        assert.deepEqual(over, [], "devices that took more than two requests to detect");
        assert.ok(Object.values(counts).every((n) => n >= 1));
    });

    it("reads every fixture end to end over SNMP exactly as the decoder reads a complete walk", async () => {
        const names = Object.keys(EXPECTED);
        await load(flow(names.map((n) => line(n)).join("\n")));
        const msgs = await poll(names.length);
        for (const name of names) {
            const [profile, clients, aps, rows, signal] = EXPECTED[name] ?? [];
            const r = reading(msgs, name);
            assert.equal(r.profile, profile, name);
            assert.deepEqual(r.totals, { clients, aps }, name);
            assert.equal(r.clients.length, rows, name);
            assert.equal(r.capabilities.signal, signal, name);
            assert.match(r.time, /^\d{4}-\d\d-\d\dT/);
            const expected = decoded(name, profile ?? "", name, sim.endpoint(name).host);
            assert.equal(
                (r as unknown as { port?: number }).port,
                sim.endpoint(name).port,
                `${name}: port polled`,
            );
            assert.deepEqual(r.quirks, QUIRKS[name], `${name}: quirks`);
            assert.deepEqual(
                { ...r, time: "", port: undefined, quirks: undefined },
                { ...expected, port: undefined, quirks: undefined },
                `${name}: same reading as a complete walk`,
            );
        }
    });

    it("also reads the simulator's own wireless fixtures (written from the same MIBs by another hand)", async () => {
        await load(flow(["cisco-wlc", "mikrotik-router", "unifi-ap"].map((n) => line(n)).join("\n")));
        const msgs = await poll(3);
        assert.equal(reading(msgs, "cisco-wlc").profile, "cisco-aireos");
        assert.equal(reading(msgs, "mikrotik-router").profile, "mikrotik-wireless");
        assert.equal(reading(msgs, "unifi-ap").profile, "ubnt-unifi");
        for (const m of msgs) {
            const r = m.payload as ApReading;
            assert.ok((r.totals.clients ?? -1) >= 0, `${r.device}: a count`);
        }
    });

    it("sends one count per AP, SSID and band on output 2, for charts", async () => {
        await load(flow(line("cisco-aireos", "WLC")));
        const counts = record<MetricMsg>("out2");
        await poll(1);
        await until(() => counts.length >= 9, "9 count messages");
        await settle();
        assert.deepEqual(
            counts.map((m) => [m.topic, m.payload]).sort(),
            [
                ["WLC 2.4GHz clients", 1],
                ["WLC 5GHz clients", 3],
                ["WLC 6GHz clients", 1],
                ["WLC Guest clients", 2],
                ["WLC IoT Devices clients", 0],
                ["WLC Office clients", 3],
                ["WLC ap-lobby clients", 2],
                ["WLC ap-office clients", 2],
                ["WLC ap-store clients", 1],
            ].sort(),
        );
        const host = sim.endpoint("cisco-aireos").host;
        assert.deepEqual(counts.find((m) => m.topic === "WLC ap-lobby clients")?.metric, {
            device: "WLC",
            host,
            kind: "clients",
            ap: "ap-lobby",
            apId: "00:3a:7d:10:00:10",
        });
        assert.deepEqual(counts.find((m) => m.topic === "WLC 6GHz clients")?.metric, {
            device: "WLC",
            host,
            kind: "clients",
            band: "6GHz",
        });
    });

    it("adds each client's signal in dBm on output 2 when asked, named from the MAC table", async () => {
        await load(
            flow(line("mikrotik-wireless", "shop"), {
                signalMetrics: true,
                macNames: "28:cd:c1:00:00:01 Till 1\n28-CD-C1-00-00-04 Guest tablet",
            }),
        );
        const counts = record<MetricMsg>("out2");
        const [msg] = await poll(1);
        const r = msg?.payload as ApReading;
        assert.equal(r.clients.find((c) => c.mac === "28:cd:c1:00:00:01")?.name, "Till 1");
        assert.equal(
            r.clients.find((c) => c.mac === "28:cd:c1:00:00:03")?.name,
            "cAP-ac-garage",
            "the device's own name wins",
        );
        await settle();
        const signals = counts.filter((m) => m.metric.kind === "signal");
        assert.deepEqual(
            signals.map((m) => [m.topic, m.payload]),
            [
                ["shop Till 1 signal", -58],
                ["shop 28:cd:c1:00:00:02 signal", -81],
                ["shop cAP-ac-garage signal", -47],
                ["shop Guest tablet signal", -66],
            ],
        );
        assert.deepEqual(signals[0]?.metric, {
            device: "shop",
            host: sim.endpoint("mikrotik-wireless").host,
            kind: "signal",
            mac: "28:cd:c1:00:00:01",
            name: "Till 1",
            ap: "shop",
            ssid: "Shop",
            band: "2.4GHz",
        });
    });

    it("reports joined, left and roamed between two polls, and nothing after the first", async () => {
        const dev = "cisco-aireos-live";
        await load(flow(line(dev, "WLC")));
        const events = record<EventMsg>("out3");
        await poll(1);
        await settle();
        assert.equal(events.length, 0, "the first poll only learns who is there");

        const STA = "1.3.6.1.4.1.14179.2.1.4.1";
        const STATS = "1.3.6.1.4.1.14179.2.1.6.1";
        // a4:83:e7:00:00:01 roams from ap-lobby to ap-office (5 GHz slot)
        sim.set(dev, `${STA}.4.164.131.231.0.0.1`, "4x", "003A7D100020");
        sim.set(dev, `${STATS}.1.164.131.231.0.0.1`, 2, -64);
        // a4:83:e7:00:00:02 leaves
        for (const col of [1, 2, 4, 5, 6, 7, 9]) sim.remove(dev, `${STA}.${col}.164.131.231.0.0.2`);
        for (const col of [1, 26]) sim.remove(dev, `${STATS}.${col}.164.131.231.0.0.2`);
        for (const col of [15, 50]) sim.remove(dev, `1.3.6.1.4.1.9.9.599.1.3.1.1.${col}.164.131.231.0.0.2`);
        // a4:83:e7:00:00:07 joins ap-store on the Office WLAN
        const c7 = "164.131.231.0.0.7";
        sim.set(dev, `${STA}.1.${c7}`, "4x", "A483E7000007");
        sim.set(dev, `${STA}.4.${c7}`, "4x", "003A7D100030");
        sim.set(dev, `${STA}.5.${c7}`, 2, 1);
        sim.set(dev, `${STA}.7.${c7}`, 4, "Office");
        sim.set(dev, `${STA}.9.${c7}`, 2, 3);
        sim.set(dev, `${STATS}.1.${c7}`, 2, -70);

        const [second] = await poll(1);
        await until(() => events.length >= 3, "3 events");
        await settle();
        const time = (second?.payload as ApReading).time;
        assert.deepEqual(
            events.map((e) => e.payload),
            [
                {
                    event: "roamed",
                    mac: "a4:83:e7:00:00:01",
                    ap: "ap-office",
                    previousAp: "ap-lobby",
                    ssid: "Office",
                    signal: -64,
                    time,
                },
                {
                    event: "joined",
                    mac: "a4:83:e7:00:00:07",
                    ap: "ap-store",
                    ssid: "Office",
                    signal: -70,
                    time,
                },
                { event: "left", mac: "a4:83:e7:00:00:02", ap: "ap-lobby", ssid: "Guest", signal: -71, time },
            ],
        );
        assert.ok(events.every((e) => e.topic === "WLC"));

        await poll(1);
        await settle();
        assert.equal(events.length, 3, "no change, no event");
    });

    it("reports a device no profile matches with its sysObjectID and sysDescr, on output 1 and to Catch", async () => {
        await load(flow(line("linux-server", "files")));
        const caught = collect(node("caught"), 1);
        const [msg] = await poll(1);
        const p = msg?.payload as ApUnreachable;
        assert.equal(p.reachable, false);
        assert.equal(p.device, "files");
        assert.equal(p.error.code, "unsupported");
        assert.match(p.error.message, /1\.3\.6\.1\.4\.1\.8072\.3\.2\.10/);
        assert.match(p.error.message, /Linux files 6\.1\.0/);
        assert.match(p.error.message, /custom profile/);
        assert.deepEqual(Object.keys(p).sort(), ["device", "error", "host", "port", "reachable", "time"]);
        const [c] = (await caught) as (NodeMessage & { host?: string; error?: { message?: string } })[];
        assert.equal(c?.host, sim.endpoint("linux-server").host);
        assert.match(c?.error?.message ?? "", /matches no access point profile/);
    });

    it("keeps reporting the other devices when one does not answer, and says so in the status", async () => {
        await load(
            flow(
                [
                    line("cisco-aireos", "WLC"),
                    line("mikrotik-wireless", "shop"),
                    line("silent", "nowhere"),
                ].join("\n"),
            ),
        );
        const seen = statuses("a1");
        const msgs = await poll(3);
        assert.equal(reading(msgs, "WLC").totals.clients, 5);
        assert.equal(reading(msgs, "shop").totals.clients, 4);
        const down = msgs.find((m) => m.topic === "nowhere")?.payload as ApUnreachable;
        assert.equal(down.reachable, false);
        assert.equal(down.error.code, "timeout");
        await until(() => seen.some((s) => s.fill === "yellow"), "the final status");
        assert.deepEqual(seen.at(-1), {
            fill: "yellow",
            shape: "ring",
            text: "3 devices, 4 APs, 9 clients, 1 unreachable",
        });
        assert.ok(seen.some((s) => s.fill === "blue" && /^polling \d\/3$/.test(s.text ?? "")));
    });

    it("shows a summary of devices, APs and clients in the status", async () => {
        await load(
            flow([line("cisco-aireos"), line("mikrotik-wireless"), line("aruba-controller")].join("\n")),
        );
        const seen = statuses("a1");
        await poll(3);
        await until(() => seen.some((s) => s.fill === "green"), "a green status");
        assert.deepEqual(seen.at(-1), { fill: "green", shape: "dot", text: "3 devices, 6 APs, 13 clients" });
    });

    it("detects a device once, and again when it stops answering the profile it had", async () => {
        const dev = "mikrotik-wireless-live";
        await load(flow(line(dev, "shop")));
        const detections = (): number =>
            sim.log.filter((e) => e.device === dev && e.oids.some((o) => o.startsWith("1.3.6.1.4.1.29671.")))
                .length;
        const before = detections();
        await poll(1);
        await poll(1);
        assert.equal(detections() - before, 1, "one detection for two polls");

        // The wireless package is removed: the AP interface table is gone.
        const AP = "1.3.6.1.4.1.14988.1.1.1.3.1";
        for (const col of [4, 6, 7, 8, 9, 11])
            for (const i of [1, 2, 5]) sim.remove(dev, `${AP}.${col}.${i}`);
        const [msg] = await poll(1);
        assert.equal(detections() - before, 2, "detected again");
        const p = msg?.payload as ApUnreachable;
        assert.equal(p.error.code, "unsupported");
        assert.match(p.error.message, /looks like MikroTik/);
    });

    it("uses a vendor chosen by hand, and says what is missing when the device does not fit it", async () => {
        await load(flow(line("fortigate", "fgt"), { vendor: "ruckus-zd" }));
        const [msg] = await poll(1);
        const p = msg?.payload as ApUnreachable;
        assert.equal(p.error.code, "unsupported");
        assert.match(p.error.message, /ruckusZDSystemStatsNumSta/);
        assert.match(p.error.message, /Ruckus ZoneDirector profile/);

        await helper.unload();
        await load(flow(line("fortigate", "fgt"), { vendor: "fortigate" }));
        const [ok] = await poll(1);
        assert.equal((ok?.payload as ApReading).profile, "fortigate");
    });

    it("polls a device with custom OIDs: a count column and a MAC-indexed table with SNR and SSID", async () => {
        const AI = "1.3.6.1.4.1.14823.2.3.3.1";
        await load(
            flow(line("aruba-instant", "vc"), {
                vendor: "custom",
                customCount: `${AI}.1.7.1.4`,
                customSignal: `${AI}.2.4.1.7`,
                customSignalUnit: "snr",
            }),
        );
        const [msg] = await poll(1);
        const r = msg?.payload as ApReading;
        assert.equal(r.profile, "custom");
        assert.equal(r.totals.clients, 3);
        assert.deepEqual(
            r.clients.map((c) => [c.mac, c.snr, c.signal]),
            [
                ["d8:bb:c1:00:00:01", 40, undefined],
                ["d8:bb:c1:00:00:02", 18, undefined],
                ["d8:bb:c1:00:00:03", 27, undefined],
            ],
        );
        assert.deepEqual(r.capabilities, { perClient: true, signal: "snr" });
    });

    it("refuses custom settings without OIDs with a clear error, and throws nothing", async () => {
        await load(flow(line("fortigate"), { vendor: "custom" }));
        const logged = helper.log().args.flat() as { level?: number; msg?: unknown }[];
        assert.ok(
            logged.some((e) => /give at least a client count/.test(String(e?.msg))),
            "one clear log line at deploy",
        );
        const caught = collect(node("caught"), 1);
        node("a1").receive({ payload: "tick" });
        const [c] = (await caught) as (NodeMessage & { error?: { message?: string } })[];
        assert.match(c?.error?.message ?? "", /give at least a client count/);
    });

    it("leaves no socket open once the flow is stopped", async () => {
        const baseline = openSocketCount();
        await load(flow([line("cisco-aireos"), line("aerohive")].join("\n")));
        await poll(2);
        await helper.unload();
        await until(() => openSocketCount() === baseline, "sockets closed");
    });
});
