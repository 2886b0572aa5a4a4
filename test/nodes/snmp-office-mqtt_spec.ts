/**
 * snmp-office-mqtt as a user runs it: a real Node-RED (child process) polls simulated printers
 * and access points over SNMP on loopback, the node's messages go through Node-RED's own
 * `mqtt out` node to a real broker (mosquitto on a free loopback port), and a subscriber checks
 * what Home Assistant would receive: every discovery config against HA's documented rules, the
 * state and availability topics, HA's birth message, a restart of Node-RED (no duplicate entity,
 * the same unique ids, nothing sent again), a device going down, and cleanup.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { startSimulator, type Simulator } from "../../tools/sim";
import {
    skipWithoutMosquitto,
    startBroker,
    subscribe,
    type Broker,
    type Subscriber,
} from "../helpers/broker";
import { checkDiscovery, renderValue } from "../helpers/ha-discovery";
import { address, pressInject, waitFor } from "../helpers/flow-run";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const TAB = "mqtt-tab";

function flow(sim: Simulator, broker: Broker): unknown[] {
    const at = (name: string): string => address(sim, name);
    const node = (id: string, type: string, extra: Record<string, unknown>, wires: string[][] = []) => ({
        id,
        type,
        z: TAB,
        x: 100,
        y: 100,
        wires,
        ...extra,
    });
    return [
        { id: TAB, type: "tab", label: "mqtt" },
        {
            id: "creds",
            type: "snmp-credentials",
            name: "sim",
            version: "2c",
            port: 161,
            timeout: 3000,
            retries: 0,
        },
        {
            id: "broker",
            type: "mqtt-broker",
            name: "test broker",
            broker: "127.0.0.1",
            port: String(broker.port),
            clientid: "",
            autoConnect: true,
            usetls: false,
            protocolVersion: "4",
            keepalive: "60",
            cleansession: true,
            autoUnsubscribe: true,
            birthTopic: "",
            closeTopic: "",
            willTopic: "",
        },
        node("poll-printers", "inject", { name: "poll printers", props: [], repeat: "", once: false }, [
            ["printers"],
        ]),
        node(
            "printers",
            "printer-supplies",
            { snmp: "creds", devices: `${at("laser")} Reception\n${at("mono")} Floor 2`, lowLevel: 10 },
            [["forecast", "polled"], []],
        ),
        node("forecast", "supply-forecast", { days: 30, store: "" }, [["to-mqtt"], [], []]),
        node("poll-wifi", "inject", { name: "poll wifi", props: [], repeat: "", once: false }, [["wifi"]]),
        node(
            "wifi",
            "ap-clients",
            { snmp: "creds", devices: `${at("wlc")} wlc\n${at("unifi")} office-ap`, vendor: "auto" },
            [["to-mqtt", "polled"], [], []],
        ),
        node(
            "ha-status",
            "mqtt in",
            { topic: "homeassistant/status", qos: "0", datatype: "utf8", broker: "broker", inputs: 0 },
            [["to-mqtt"]],
        ),
        node(
            "cleanup",
            "inject",
            {
                name: "cleanup",
                props: [{ p: "topic", vt: "str" }, { p: "payload" }],
                topic: "cleanup",
                payload: '{"hours":0}',
                payloadType: "json",
                repeat: "",
                once: false,
            },
            [["to-mqtt"]],
        ),
        node(
            "to-mqtt",
            "snmp-office-mqtt",
            {
                prefix: "homeassistant",
                base: "snmp-office",
                discovery: true,
                plain: true,
                expireDays: 30,
                store: "",
            },
            [["mqtt-out"]],
        ),
        node("mqtt-out", "mqtt out", { topic: "", qos: "", retain: "", broker: "broker" }),
        node("polled", "debug", {
            name: "polled",
            active: true,
            tosidebar: false,
            console: true,
            complete: "topic",
            targetType: "msg",
        }),
    ];
}

function count(text: string, pattern: RegExp): number {
    return (text.match(pattern) ?? []).length;
}

/** Retained discovery configs as the broker keeps them (a fresh subscriber gets these). */
async function retainedConfigs(broker: Broker): Promise<Map<string, string>> {
    const fresh = await subscribe(broker.url, ["homeassistant/#"]);
    // Retained messages arrive right after the subscription; wait until they stop coming.
    let seen = -1;
    while (seen !== fresh.messages.length) {
        seen = fresh.messages.length;
        await new Promise((r) => setTimeout(r, 300));
    }
    await fresh.close();
    const out = new Map<string, string>();
    for (const m of fresh.messages) if (m.retain && m.payload !== "") out.set(m.topic, m.payload);
    return out;
}

describe("snmp-office-mqtt with a real broker and Node-RED's mqtt out", function () {
    this.timeout(120_000);
    let broker: Broker;
    let sim: Simulator;
    let rt: ChildRuntime | undefined;
    let sub: Subscriber;
    let userDir = "";

    // A default install: no persistent context store, so what was published is kept in the
    // package's own state file under the user directory.
    const settings = {};
    const log = (): string => `${rt?.output() ?? ""}\n--- broker\n${broker?.output() ?? ""}`;

    before(async function () {
        skipWithoutMosquitto(this);
        broker = await startBroker();
        sim = await startSimulator({
            devices: [
                {
                    name: "laser",
                    file: path.join(FIXTURES, "printers", "colour-laser.snmprec"),
                    port: 0,
                    dynamics: false,
                },
                {
                    name: "mono",
                    file: path.join(FIXTURES, "printers", "samsung-mono.snmprec"),
                    port: 0,
                    dynamics: false,
                },
                {
                    name: "wlc",
                    file: path.join(FIXTURES, "wireless", "cisco-wlc.snmprec"),
                    port: 0,
                    dynamics: false,
                },
                {
                    name: "unifi",
                    file: path.join(FIXTURES, "wireless", "unifi-ap.snmprec"),
                    port: 0,
                    dynamics: false,
                },
            ],
        });
        sub = await subscribe(broker.url, ["homeassistant/#", "snmp-office/#"]);
        // Our own user directory, kept over the restart (the helper removes only one it made).
        userDir = mkdtempSync(join(tmpdir(), "snmp-office-mqtt-nr-"));
        rt = await startChildRuntime({
            userDir,
            flows: flow(sim, broker),
            dashboard: false,
            logLevel: "info",
            settings,
        });
    });

    after(async () => {
        await sub?.close();
        await rt?.stop();
        await sim?.stop();
        await broker?.stop();
        if (userDir !== "") rmSync(userDir, { recursive: true, force: true });
    });

    const polls = (): number => count(rt?.output() ?? "", /\[debug:polled\]/g);

    async function pollAll(): Promise<void> {
        const before = polls();
        await pressInject(rt as ChildRuntime, "poll-printers");
        await pressInject(rt as ChildRuntime, "poll-wifi");
        await waitFor(() => polls() >= before + 4, "four devices polled", log);
    }

    const configs = new Map<string, Record<string, unknown>>();

    it("publishes discovery configs HA accepts, one state and availability per device, plain numbers", async () => {
        await waitFor(
            () => (rt?.output() ?? "").includes("Connected to broker"),
            "the mqtt out node connected",
            log,
        );
        await pollAll();
        await waitFor(
            () => sub.latest().has("snmp-office/wifi_office_ap/state"),
            "the last device published",
            log,
        );
        await new Promise((r) => setTimeout(r, 500));
        const latest = sub.latest();
        if (process.env.DUMP_MQTT) for (const [t, p] of latest) console.log(t, p.slice(0, 400));
        for (const [topic, text] of latest) {
            if (topic.startsWith("homeassistant/") && topic.endsWith("/config"))
                configs.set(topic, checkDiscovery(topic, text));
        }
        assert.ok(sub.messages.every((m) => m.retain === false || m.retain === true));
        const devices = new Map<string, Record<string, unknown>>();
        for (const c of configs.values()) {
            const d = c.device as { identifiers: string[] };
            devices.set(d.identifiers[0] ?? "", c);
        }
        const ids = [...devices.keys()].sort();
        // Two printers, the controller, its APs, the standalone AP.
        assert.ok(
            ids.some((id) => id.startsWith("snmp_office_printer_")),
            ids.join(),
        );
        assert.ok(ids.includes("snmp_office_wifi_wlc"), ids.join());
        assert.ok(ids.includes("snmp_office_wifi_office_ap"), ids.join());
        assert.ok(
            ids.some((id) => id.startsWith("snmp_office_ap_")),
            `APs behind the controller: ${ids.join()}`,
        );
        const uniques = [...configs.values()].map((c) => c.unique_id);
        assert.equal(new Set(uniques).size, uniques.length, "no unique id twice");
        // Every entity's state topic is published, and its value renders as HA would take it.
        for (const c of configs.values()) {
            const state = latest.get(String(c.state_topic));
            assert.ok(state, `state for ${String(c.unique_id)}`);
            const value = renderValue(c, state);
            if (c.unit_of_measurement !== undefined)
                assert.match(value, /^(-?\d+(\.\d+)?|None)$/, `${String(c.unique_id)}: ${value}`);
            assert.equal(latest.get(String(c.availability_topic)), "online");
        }
        const levels = [...configs.values()].filter((c) => c.unit_of_measurement === "%");
        assert.ok(levels.length >= 4, "levels of both printers");
        const daysLeft = [...configs.values()].filter((c) => String(c.name).endsWith("days left"));
        assert.ok(daysLeft.length > 0, "days left through supply-forecast");
        const plain = [...latest.keys()].filter((t) => /^snmp-office\/printer_[^/]+\/supply\//.test(t));
        assert.ok(
            plain.length > 0 && plain.every((t) => /^\d+(\.\d+)?$/.test(latest.get(t) ?? "")),
            plain.join(),
        );
        assert.ok(!/\[error\]/.test(rt?.output() ?? ""), log());
    });

    it("sends nothing again when the readings did not change", async () => {
        const before = sub.messages.length;
        await pollAll();
        await new Promise((r) => setTimeout(r, 1000));
        const again = sub.messages.slice(before).filter((m) => m.topic.endsWith("/config"));
        assert.deepEqual(
            again.map((m) => m.topic),
            [],
        );
    });

    it("after a restart of Node-RED: nothing sent again, the broker holds each entity once with the same unique id", async () => {
        await rt?.stop();
        rt = await startChildRuntime({ userDir, dashboard: false, logLevel: "info", settings });
        await waitFor(() => (rt?.output() ?? "").includes("Connected to broker"), "reconnected", log);
        const before = sub.messages.length;
        await pollAll();
        await new Promise((r) => setTimeout(r, 1000));
        const configsAgain = sub.messages.slice(before).filter((m) => m.topic.endsWith("/config"));
        assert.deepEqual(
            configsAgain.map((m) => m.topic),
            [],
            "no config sent again after the restart",
        );
        const retained = await retainedConfigs(broker);
        assert.deepEqual([...retained.keys()].sort(), [...configs.keys()].sort());
        const uniques = [...retained.values()].map((t) => (JSON.parse(t) as { unique_id: string }).unique_id);
        assert.equal(new Set(uniques).size, uniques.length, "each unique id once");
        assert.deepEqual(new Set(uniques), new Set([...configs.values()].map((c) => c.unique_id)));
    });

    it("sends every config again when HA announces its start (birth message online)", async () => {
        const before = sub.messages.length;
        await sub.publish("homeassistant/status", "online");
        await waitFor(
            () =>
                sub.messages.slice(before).filter((m) => m.topic.endsWith("/config")).length >= configs.size,
            "every config again",
            log,
        );
        const again = sub.messages.slice(before).filter((m) => m.topic.endsWith("/config"));
        assert.deepEqual(new Set(again.map((m) => m.topic)), new Set(configs.keys()));
    });

    it("marks a device that stops answering offline", async () => {
        sim.setFaults("mono", { down: true });
        const before = sub.messages.length;
        await pollAll();
        await waitFor(
            () =>
                sub.messages
                    .slice(before)
                    .some((m) => m.topic.endsWith("/availability") && m.payload === "offline"),
            "an offline availability",
            log,
        );
        const offline = sub.messages.slice(before).filter((m) => m.payload === "offline");
        assert.equal(offline.length, 1, offline.map((m) => m.topic).join());
        assert.match(offline[0]?.topic ?? "", /^snmp-office\/printer_[^/]+\/availability$/);
        sim.setFaults("mono", { down: false });
    });

    it("cleanup removes every entity from HA: each config cleared with an empty retained message", async () => {
        await pressInject(rt as ChildRuntime, "cleanup");
        await waitFor(
            () => [...configs.keys()].every((t) => sub.latest().get(t) === ""),
            "every config cleared",
            log,
        );
        const retained = await retainedConfigs(broker);
        assert.equal(retained.size, 0, [...retained.keys()].join());
    });
});
