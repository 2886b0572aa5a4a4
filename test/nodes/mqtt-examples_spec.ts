/**
 * The Home Assistant and time-series examples as a user meets them: a comment first, no function
 * node, only node types a bare Node-RED has (or the one package the file name says it needs),
 * and, imported into a real Node-RED pointed at the simulator and a real broker or InfluxDB, doing
 * what their comment says. The Prometheus example is checked against the series the nodes send
 * (its node package cannot be installed here; its input format is checked in test/lib/series_spec).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Simulator } from "../../tools/sim";
import { seriesPoint as apPoint } from "../../nodes/lib/ap/metrics";
import { seriesPoint as printerPoint } from "../../nodes/lib/printer/messages";
import {
    skipWithoutMosquitto,
    startBroker,
    subscribe,
    type Broker,
    type Subscriber,
} from "../helpers/broker";
import { checkDiscovery } from "../helpers/ha-discovery";
import { skipWithoutInfluxd, startInflux, type Influx } from "../helpers/influx";
import { address, pressInject, startOfficeSimulator, waitFor } from "../helpers/flow-run";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const ROOT = path.join(__dirname, "..", "..");
const FILES = {
    ha: "21 - Printers and Wi-Fi in Home Assistant.json",
    influx: "22 - History in InfluxDB (needs node-red-contrib-influxdb).json",
    prometheus: "23 - Metrics for Prometheus (needs node-red-contrib-prometheus-exporter).json",
};
/** Node types of a bare Node-RED that the examples use. */
const CORE = new Set(["comment", "inject", "debug", "catch", "switch", "mqtt in", "mqtt out", "mqtt-broker"]);
const OURS = new Set([
    "snmp-credentials",
    "printer-supplies",
    "ap-clients",
    "supply-forecast",
    "snmp-office-mqtt",
]);
const CONFIG = new Set(["snmp-credentials", "mqtt-broker", "influxdb", "prometheus-metric-config"]);

function load(file: string): FlowNode[] {
    return JSON.parse(readFileSync(path.join(ROOT, "examples", file), "utf8")) as FlowNode[];
}

/** The example on a tab of its own, devices pointed at the simulator, injects pressed by the test. */
function imported(
    nodes: FlowNode[],
    tab: string,
    devices: Record<string, string>,
    extra: (n: FlowNode) => object = () => ({}),
): FlowNode[] {
    return [
        { id: tab, type: "tab", label: tab },
        ...nodes.map((n) => ({
            ...n,
            ...(CONFIG.has(n.type) ? {} : { z: tab }),
            ...(devices[n.type] !== undefined ? { devices: devices[n.type] } : {}),
            ...(n.type === "inject" ? { once: false, repeat: "", crontab: "" } : {}),
            ...extra(n),
        })),
    ];
}

describe("Home Assistant and time-series examples", function () {
    this.timeout(120_000);

    it("open with a comment, have no function node and no secret, use only core nodes or the package they name", () => {
        for (const [key, file] of Object.entries(FILES)) {
            const nodes = load(file);
            assert.equal(nodes[0]?.type, "comment", `${file} opens with a comment`);
            assert.ok(!nodes.some((n) => n.type === "function"), `${file}: no function node`);
            assert.ok(
                !/"(community|authKey|privKey|credentials|password)"/.test(JSON.stringify(nodes)),
                `${file}: no secret`,
            );
            const foreign = [
                ...new Set(nodes.map((n) => n.type).filter((t) => !CORE.has(t) && !OURS.has(t))),
            ];
            if (key === "ha") assert.deepEqual(foreign, [], "a bare Node-RED has every node");
            if (key === "influx") assert.deepEqual(foreign.sort(), ["influxdb", "influxdb out"]);
            if (key === "prometheus")
                assert.deepEqual(foreign.sort(), ["prometheus-exporter", "prometheus-metric-config"]);
            // Defaults never point at a real network: loopback for brokers, stores and devices.
            for (const n of nodes) {
                if (typeof n.devices === "string")
                    assert.match(n.devices, /^(127\.0\.0\.\d+ [^\n]+\n?)+$/, file);
                if (typeof n.broker === "string" && n.type === "mqtt-broker")
                    assert.equal(n.broker, "127.0.0.1");
                if (n.type === "influxdb") assert.equal(n.hostname, "127.0.0.1");
            }
        }
    });

    it("Prometheus: each measurement the nodes send reaches a gauge whose labels are its tags", () => {
        const nodes = load(FILES.prometheus);
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const samples = [
            printerPoint({
                kind: "supply",
                device: "d",
                host: "h",
                id: "1.1",
                name: "n",
                type: "toner",
                color: "black",
            }),
            printerPoint({
                kind: "tray",
                device: "d",
                host: "h",
                id: "1.2",
                name: "n",
                type: "paper",
                color: null,
            }),
            apPoint({ kind: "clients", device: "d", host: "h", ap: "a", apId: "1" }),
            apPoint({ kind: "clients", device: "d", host: "h", ssid: "s" }),
            apPoint({ kind: "clients", device: "d", host: "h", band: "5GHz" }),
        ];
        for (const query of nodes.filter((n) => n.type === "printer-supplies" || n.type === "ap-clients")) {
            assert.equal(query.series, "prometheus");
            const router = byId.get(query.wires?.[1]?.[0] ?? "");
            assert.equal(router?.type, "switch");
            assert.equal(router?.property, "measurement");
            const rules = router?.rules as { v: string }[];
            rules.forEach((rule, i) => {
                const out = byId.get(router?.wires?.[i]?.[0] ?? "");
                assert.equal(out?.type, "prometheus-exporter");
                const metric = byId.get(String(out?.metric));
                assert.equal(metric?.name, rule.v, "the switch sends each measurement to its own gauge");
                assert.equal(metric?.mtype, "gauge");
                const point = samples.find((s) => s.measurement === rule.v);
                assert.ok(point, `${rule.v} is a measurement the nodes send`);
                const labels = String(metric?.labels).split(",");
                for (const tag of Object.keys(point.tags))
                    assert.ok(labels.includes(tag), `${rule.v} declares ${tag}`);
            });
        }
    });

    describe("Printers and Wi-Fi in Home Assistant, deployed", () => {
        let broker: Broker;
        let sim: Simulator;
        let rt: ChildRuntime;
        let sub: Subscriber;

        before(async function () {
            skipWithoutMosquitto(this);
            broker = await startBroker();
            sim = await startOfficeSimulator();
            sub = await subscribe(broker.url, ["homeassistant/#", "snmp-office/#"]);
            const at = (name: string): string => address(sim, name);
            const flow = imported(
                load(FILES.ha),
                "ha",
                { "printer-supplies": `${at("laser")} Reception`, "ap-clients": `${at("wlc")} Controller` },
                (n) => (n.type === "mqtt-broker" ? { port: String(broker.port) } : {}),
            );
            rt = await startChildRuntime({ flows: flow, dashboard: false, logLevel: "info" });
        });

        after(async () => {
            await sub?.close();
            await rt?.stop();
            await sim?.stop();
            await broker?.stop();
        });

        it("puts the printer and the controller in HA, answers HA's start; its daily cleanup keeps what is there", async () => {
            const nodes = load(FILES.ha);
            const inject = (name: string): string =>
                nodes.find((n) => n.type === "inject" && n.name === name)?.id ?? "";
            await waitFor(
                () => rt.output().includes("Connected to broker"),
                "connected",
                () => rt.output(),
            );
            await pressInject(rt, inject("every 5 minutes"));
            await pressInject(rt, inject("every minute"));
            await waitFor(
                () =>
                    sub.latest().get("snmp-office/wifi_controller/availability") === "online" &&
                    [...sub.latest().keys()].some((t) => /^snmp-office\/printer_.*\/availability$/.test(t)),
                "both devices online",
                () => rt.output(),
            );
            await new Promise((r) => setTimeout(r, 500));
            const configs = [...sub.latest()].filter(([t]) => t.endsWith("/config"));
            assert.ok(configs.length > 10, `${configs.length} configs`);
            for (const [topic, text] of configs) checkDiscovery(topic, text);
            const names = configs.map(([, text]) => (JSON.parse(text) as { name: string }).name);
            assert.ok(
                names.some((n) => n.endsWith("days left")),
                "days left through supply-forecast",
            );
            assert.ok(names.includes("Clients on Corp"), names.join());
            // HA's start message comes back in through the example's mqtt in node.
            const before = sub.messages.length;
            await sub.publish("homeassistant/status", "online");
            await waitFor(
                () =>
                    sub.messages.slice(before).filter((m) => m.topic.endsWith("/config")).length >=
                    configs.length,
                "everything published again",
                () => rt.output(),
            );
            // The daily cleanup: nothing is gone, so nothing is removed.
            const beforeCleanup = sub.messages.length;
            await pressInject(rt, inject("cleanup daily"));
            await new Promise((r) => setTimeout(r, 1000));
            assert.deepEqual(
                sub.messages.slice(beforeCleanup).filter((m) => m.payload === ""),
                [],
            );
            assert.ok(!/\[error\]/.test(rt.output()), rt.output());
        });
    });

    describe("History in InfluxDB, deployed with node-red-contrib-influxdb and a real influxd", () => {
        let influx: Influx;
        let sim: Simulator;
        let rt: ChildRuntime;

        before(async function () {
            skipWithoutInfluxd(this);
            influx = await startInflux();
            await influx.query("CREATE DATABASE office");
            sim = await startOfficeSimulator();
            const at = (name: string): string => address(sim, name);
            const flow = imported(
                load(FILES.influx),
                "influx",
                { "printer-supplies": `${at("laser")} Reception`, "ap-clients": `${at("wlc")} Controller` },
                (n) => (n.type === "influxdb" ? { port: String(influx.port) } : {}),
            );
            rt = await startChildRuntime({
                flows: flow,
                dashboard: false,
                modules: ["node-red-contrib-influxdb"],
                logLevel: "info",
            });
        });

        after(async () => {
            await rt?.stop();
            await sim?.stop();
            await influx?.stop();
        });

        it("stores levels and client counts in their measurements, tagged by device", async () => {
            const nodes = load(FILES.influx);
            for (const n of nodes.filter((x) => x.type === "inject")) await pressInject(rt, n.id);
            const want = [
                "printer_supply_percent",
                "printer_tray_percent",
                "wifi_ap_clients",
                "wifi_band_clients",
                "wifi_ssid_clients",
            ];
            // influxdb out writes each message on its own: wait for the last of them, not the first.
            const supplyQuery =
                'SELECT last("value") FROM "printer_supply_percent" GROUP BY "device", "name"';
            const ssidQuery = 'SELECT last("value") FROM "wifi_ssid_clients" GROUP BY "ssid"';
            await waitFor(
                async () => {
                    const shown = await influx.query("SHOW MEASUREMENTS", "office");
                    return (
                        want.every((m) => shown[0]?.values.some((v) => v[0] === m)) &&
                        (await influx.query(supplyQuery, "office")).length >= 4 &&
                        (await influx.query(ssidQuery, "office")).length >= 3
                    );
                },
                "every measurement, every supply and SSID",
                () => rt.output(),
            );
            const supplies = await influx.query(supplyQuery, "office");
            assert.ok(supplies.every((s) => s.tags?.device === "Reception"));
            const ssids = await influx.query(ssidQuery, "office");
            assert.deepEqual(ssids.map((s) => s.tags?.ssid).sort(), ["Corp", "Guest", "Scanners"]);
            assert.ok(!/\[error\]/.test(rt.output()), rt.output());
        });
    });
});
