// snmp-office-mqtt's engine: what each input becomes on MQTT, checked against Home Assistant's
// documented discovery rules (test/helpers/ha-discovery.ts) and against what must not be sent
// twice. The broker, the mqtt out node and a restart of Node-RED are in test/nodes/mqtt_spec.
import assert from "node:assert/strict";
import {
    DAY_MS,
    HOUR_MS,
    MqttPublisher,
    type MqttMessage,
    type Outcome,
    type PublisherOptions,
} from "../../nodes/lib/mqtt/publisher";
import {
    apId,
    macConnection,
    printerId,
    safeSlug,
    slug,
    usableSerial,
    wifiId,
} from "../../nodes/lib/mqtt/ids";
import { emptyState, loadState, STATE_VERSION } from "../../nodes/lib/mqtt/state";
import { topicPrefix } from "../../nodes/lib/mqtt/topics";
import { checkDiscovery, renderValue } from "../helpers/ha-discovery";

const T0 = Date.parse("2026-03-02T08:00:00Z");

const OPTIONS: PublisherOptions = {
    topics: { prefix: "homeassistant", base: "snmp-office" },
    origin: { name: "node-red-contrib-snmp-office", sw_version: "0.1.0" },
    discovery: true,
    plain: true,
    expireMs: 30 * DAY_MS,
};

function supply(
    id: string,
    name: string,
    percent: number | null,
    state = "ok",
    extra: Record<string, unknown> = {},
) {
    return {
        id,
        name,
        type: "toner",
        color: "black",
        class: "consumed",
        unit: "percent",
        level: percent,
        max: 100,
        percent,
        state,
        ...extra,
    };
}

function printer(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        device: "Reception",
        host: "127.0.0.10",
        reachable: true,
        model: "HP Color LaserJet MFP M283fdw",
        serial: "CNB1234567",
        name: "NPI1A2B3C",
        time: "2026-03-02T08:00:00.000Z",
        status: "idle",
        errors: [],
        alerts: [],
        supplies: [
            supply("1.1", "Black Cartridge HP 207X", 40),
            supply("1.2", "Cyan Cartridge HP 207X", null, "someRemaining"),
        ],
        trays: [
            {
                id: "1.2",
                name: "Tray 2",
                media: "A4",
                unit: "sheets",
                level: 250,
                max: 250,
                percent: 100,
                state: "ok",
                manual: false,
            },
        ],
        outputs: [],
        pageCount: 12345,
        quirks: [],
        ...over,
    };
}

function controller(
    aps: Record<string, unknown>[],
    over: Record<string, unknown> = {},
): Record<string, unknown> {
    return {
        device: "wlc",
        host: "127.0.0.20",
        reachable: true,
        profile: "cisco-aireos",
        model: "AIR-CT3504-K9",
        time: "2026-03-02T08:00:00.000Z",
        totals: { clients: 7, aps: aps.length },
        aps,
        ssids: [
            { ssid: "Office", clients: 5 },
            { ssid: "Guests", clients: 2 },
        ],
        clients: [],
        capabilities: { perClient: false, signal: "dBm" },
        ...over,
    };
}

function ap(name: string, mac: string, clients: number, median?: number): Record<string, unknown> {
    return {
        id: name,
        name,
        mac,
        clients,
        radios: [
            { id: "0", band: "2.4GHz", clients: 1 },
            { id: "1", band: "5GHz", clients: clients - 1 },
        ],
        ssids: [],
        ...(median === undefined ? {} : { signal: { median, min: median - 10, weak: 0 } }),
    };
}

function published(outcome: Outcome): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of outcome.messages)
        out.set(m.topic, typeof m.payload === "string" ? m.payload : JSON.stringify(m.payload));
    return out;
}

function configs(messages: Map<string, string>): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const [topic, text] of messages)
        if (topic.endsWith("/config") && text !== "") out.set(topic, checkDiscovery(topic, text));
    return out;
}

function byName(cfgs: Map<string, Record<string, unknown>>, name: string): Record<string, unknown> {
    const found = [...cfgs.values()].find((c) => c.name === name);
    assert.ok(found, `an entity named ${name}`);
    return found;
}

function retainedOnly(messages: MqttMessage[]): void {
    for (const m of messages) assert.equal(m.retain, true, `${m.topic} is retained`);
}

describe("mqtt: ids", function () {
    it("slugs keep letters and digits, fold the rest, and never come out empty", () => {
        assert.equal(slug("Black Cartridge HP 207X"), "black_cartridge_hp_207x");
        assert.equal(slug("Büro 2.OG"), "buro_2_og");
        assert.equal(slug("1.1"), "1_1");
        assert.equal(slug("x".repeat(100)).length, 48);
        assert.match(safeSlug("打印机"), /^x[0-9a-z]+$/);
        assert.notEqual(safeSlug("打印机"), safeSlug("プリンター"));
    });

    it("a printer is known by its serial, else its name, else its address and port", () => {
        assert.deepEqual(printerId({ serial: "CNB1234567", device: "Reception", host: "127.0.0.10" }), {
            id: "printer_cnb1234567",
            basis: "serial",
        });
        assert.deepEqual(printerId({ serial: null, device: "Reception", host: "127.0.0.10" }), {
            id: "printer_reception",
            basis: "name",
        });
        assert.deepEqual(
            printerId({ serial: "0000000000", device: "127.0.0.10", host: "127.0.0.10", port: 1161 }),
            {
                id: "printer_127_0_0_10_1161",
                basis: "address",
            },
        );
        for (const bogus of ["", "unknown", "XXXXXXXX", "n/a", "abc", "Serial Number"])
            assert.equal(usableSerial(bogus), null, bogus);
    });

    it("a Wi-Fi device by name, an AP behind a controller by MAC", () => {
        assert.equal(wifiId({ device: "wlc", host: "127.0.0.20" }).id, "wifi_wlc");
        assert.equal(apId("wifi_wlc", { id: "AP-1", mac: "00:11:22:AA:BB:CC" }).id, "ap_001122aabbcc");
        assert.equal(apId("wifi_wlc", { id: "AP-1" }).id, "wifi_wlc_ap_ap_1");
        assert.equal(macConnection("0011.22aa.bbcc"), "00:11:22:aa:bb:cc");
        assert.equal(macConnection("00:00:00:00:00:00"), null);
    });

    it("topic prefixes: levels without wildcards, not a broker's $ topic", () => {
        assert.equal(topicPrefix("", "homeassistant"), "homeassistant");
        assert.equal(topicPrefix(" site/ha ", "x"), "site/ha");
        for (const bad of ["a/+/b", "#", "a//b", "/a", "a/", "$SYS", "   "])
            assert.equal(topicPrefix(bad, "x"), null, bad);
    });
});

describe("mqtt: a printer in Home Assistant", function () {
    it("publishes one device with a config per entity that HA's rules accept, retained", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const outcome = p.handle({ payload: printer() }, T0);
        assert.equal(outcome.kind, "published");
        retainedOnly(outcome.messages);
        const sent = published(outcome);
        const cfgs = configs(sent);
        assert.deepEqual([...cfgs.keys()].sort(), [
            "homeassistant/binary_sensor/snmp_office_printer_cnb1234567/problem/config",
            "homeassistant/sensor/snmp_office_printer_cnb1234567/pages/config",
            "homeassistant/sensor/snmp_office_printer_cnb1234567/status/config",
            "homeassistant/sensor/snmp_office_printer_cnb1234567/supply_1_1/config",
            "homeassistant/sensor/snmp_office_printer_cnb1234567/supply_1_2/config",
            "homeassistant/sensor/snmp_office_printer_cnb1234567/tray_1_2/config",
        ]);
        const black = byName(cfgs, "Black Cartridge HP 207X");
        assert.equal(black.unique_id, "snmp_office_printer_cnb1234567_supply_1_1");
        assert.equal(black.unit_of_measurement, "%");
        assert.equal(black.state_topic, "snmp-office/printer_cnb1234567/state");
        assert.equal(black.availability_topic, "snmp-office/printer_cnb1234567/availability");
        assert.deepEqual(black.device, {
            identifiers: ["snmp_office_printer_cnb1234567"],
            name: "Reception",
            model: "HP Color LaserJet MFP M283fdw",
            serial_number: "CNB1234567",
            configuration_url: "http://127.0.0.10/",
        });
        // Every config of the device shares one device block, state topic and availability.
        for (const c of cfgs.values()) {
            assert.deepEqual(c.device, black.device);
            assert.equal(c.state_topic, black.state_topic);
        }
        assert.equal(sent.get("snmp-office/printer_cnb1234567/availability"), "online");
        assert.equal(sent.get("snmp-office/printer_cnb1234567/supply/1_1"), "40");
        assert.equal(sent.get("snmp-office/printer_cnb1234567/tray/1_2"), "100");
        assert.equal(sent.get("snmp-office/printer_cnb1234567/pages"), "12345");
        // Configs go first, so that HA knows an entity before its state arrives.
        const topics = outcome.messages.map((m) => m.topic);
        const lastConfig = topics.length - 1 - [...topics].reverse().findIndex((t) => t.endsWith("/config"));
        assert.ok(lastConfig < topics.indexOf("snmp-office/printer_cnb1234567/state"));
    });

    it("never makes up a level: some remaining is an unknown state with the word in the attributes", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const sent = published(p.handle({ payload: printer() }, T0));
        const cfgs = configs(sent);
        const state = sent.get("snmp-office/printer_cnb1234567/state") ?? "";
        const cyan = byName(cfgs, "Cyan Cartridge HP 207X");
        assert.equal(renderValue(cyan, state), "None", "HA shows unknown for None");
        assert.equal(renderValue(byName(cfgs, "Black Cartridge HP 207X"), state), "40");
        const attributes = (JSON.parse(state) as { attributes: Record<string, Record<string, unknown>> })
            .attributes;
        assert.equal(attributes.supply_1_2?.status, "someRemaining");
        assert.equal(
            sent.has("snmp-office/printer_cnb1234567/supply/1_2"),
            false,
            "no plain number for an unknown level",
        );
        assert.equal(renderValue(byName(cfgs, "Status"), state), "idle");
        assert.equal(renderValue(byName(cfgs, "Problem"), state), "OFF");
    });

    it("error flags turn the problem sensor on; an unknown status is unknown", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const sent = published(
            p.handle({ payload: printer({ status: "unknown", errors: ["jammed", "doorOpen"] }) }, T0),
        );
        const cfgs = configs(sent);
        const state = sent.get("snmp-office/printer_cnb1234567/state") ?? "";
        assert.equal(renderValue(byName(cfgs, "Problem"), state), "ON");
        assert.equal(renderValue(byName(cfgs, "Status"), state), "None");
        const attributes = (JSON.parse(state) as { attributes: Record<string, Record<string, unknown>> })
            .attributes;
        assert.deepEqual(attributes.problem?.errors, ["jammed", "doorOpen"]);
    });

    it("adds days left where supply-forecast sits between, and page counters where given", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const payload = printer({
            supplies: [
                supply("1.1", "Black", 40, "ok", { forecast: { daysLeft: 12.5 } }),
                supply("1.2", "Cyan", null, "someRemaining", {
                    forecast: { daysLeft: null, reason: "level not numeric" },
                }),
            ],
            pages: { total: 12345, mono: 10000, colour: 2345, duplex: 500 },
            vendor: "HP",
            firmware: "20240101",
        });
        const sent = published(p.handle({ payload }, T0));
        const cfgs = configs(sent);
        const state = sent.get("snmp-office/printer_cnb1234567/state") ?? "";
        const days = byName(cfgs, "Black days left");
        assert.equal(days.unit_of_measurement, "d");
        assert.equal(days.device_class, "duration");
        assert.equal(renderValue(days, state), "12.5");
        assert.equal(renderValue(byName(cfgs, "Cyan days left"), state), "None");
        assert.equal(renderValue(byName(cfgs, "Pages mono"), state), "10000");
        assert.equal(renderValue(byName(cfgs, "Pages colour"), state), "2345");
        assert.equal(byName(cfgs, "Pages").state_class, "total_increasing");
        const device = byName(cfgs, "Pages").device as Record<string, unknown>;
        assert.equal(device.manufacturer, "HP");
        assert.equal(device.sw_version, "20240101");
    });

    it("sends nothing again for the same reading, and only what changed for a new one", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        p.handle({ payload: printer() }, T0);
        assert.deepEqual(p.handle({ payload: printer() }, T0 + 300_000).messages, []);
        const next = printer({
            supplies: [
                supply("1.1", "Black Cartridge HP 207X", 39),
                supply("1.2", "Cyan Cartridge HP 207X", null, "someRemaining"),
            ],
        });
        const sent = published(p.handle({ payload: next }, T0 + 600_000));
        assert.deepEqual([...sent.keys()].sort(), [
            "snmp-office/printer_cnb1234567/state",
            "snmp-office/printer_cnb1234567/supply/1_1",
        ]);
    });

    it("keeps the device across an address change and a serial that did not answer once", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        p.handle({ payload: printer() }, T0);
        const moved = published(p.handle({ payload: printer({ host: "127.0.0.11" }) }, T0 + 1000));
        assert.ok(
            [...moved.keys()].every((t) => t.includes("printer_cnb1234567")),
            [...moved.keys()].join(),
        );
        const cfg = configs(moved).values().next().value;
        assert.equal((cfg?.device as Record<string, unknown>).configuration_url, "http://127.0.0.11/");
        const noSerial = published(
            p.handle({ payload: printer({ host: "127.0.0.11", serial: null }) }, T0 + 2000),
        );
        assert.ok(
            [...noSerial.keys()].every((t) => t.includes("printer_cnb1234567")),
            [...noSerial.keys()].join(),
        );
        assert.equal(p.summary().devices, 1);
    });

    it("an unreachable printer goes offline, and comes back online", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        p.handle({ payload: printer() }, T0);
        const down = {
            device: "Reception",
            host: "127.0.0.10",
            reachable: false,
            time: "x",
            error: { code: "timeout", message: "no answer" },
        };
        const off = p.handle({ payload: down }, T0 + 1000);
        assert.deepEqual(off.messages, [
            { topic: "snmp-office/printer_cnb1234567/availability", payload: "offline", retain: true },
        ]);
        assert.deepEqual(p.handle({ payload: down }, T0 + 2000).messages, [], "offline is not sent twice");
        assert.deepEqual(p.summary(), { devices: 1, offline: 1, entities: 6 });
        const back = published(p.handle({ payload: printer() }, T0 + 3000));
        assert.deepEqual([...back.entries()], [["snmp-office/printer_cnb1234567/availability", "online"]]);
        const never = p.handle({ payload: { ...down, host: "127.0.0.99" } }, T0);
        assert.equal(never.kind, "unknown-device");
        assert.deepEqual(never.messages, []);
    });

    it("a removed supply stays (unknown) until cleanup, which clears its config and plain topic", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        p.handle({ payload: printer() }, T0);
        const without = printer({ supplies: [supply("1.1", "Black Cartridge HP 207X", 40)] });
        const after = published(p.handle({ payload: without }, T0 + 1000));
        assert.deepEqual([...after.keys()], ["snmp-office/printer_cnb1234567/state"], "the config stays");
        const state = JSON.parse(after.get("snmp-office/printer_cnb1234567/state") ?? "") as Record<
            string,
            unknown
        >;
        assert.equal(state.supply_1_2, null);
        const cleanup = p.handle({ topic: "cleanup" }, T0 + 2000);
        assert.equal(cleanup.kind, "cleanup");
        const cleared = published(cleanup);
        assert.equal(
            cleared.get("homeassistant/sensor/snmp_office_printer_cnb1234567/supply_1_2/config"),
            "",
        );
        const newState = JSON.parse(cleared.get("snmp-office/printer_cnb1234567/state") ?? "") as Record<
            string,
            unknown
        >;
        assert.equal("supply_1_2" in newState, false);
        assert.deepEqual(p.handle({ topic: "cleanup" }, T0 + 3000).messages, []);
    });

    it("cleanup removes devices not heard of for an hour (or msg.payload.hours), every topic cleared", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const first = p.handle({ payload: printer() }, T0);
        const topics = first.messages.map((m) => m.topic);
        p.handle(
            { payload: printer({ serial: "OTHER12345", host: "127.0.0.12", device: "Floor 2" }) },
            T0 + 2 * HOUR_MS,
        );
        const outcome = p.handle({ topic: "cleanup" }, T0 + 2 * HOUR_MS);
        assert.equal(outcome.kind, "cleanup");
        if (outcome.kind === "cleanup") assert.deepEqual(outcome.removed, { devices: 1, entities: 0 });
        assert.deepEqual(outcome.messages.map((m) => m.topic).sort(), [...topics].sort());
        assert.ok(outcome.messages.every((m) => m.payload === ""));
        const all = p.handle({ topic: "cleanup", payload: { hours: 0 } }, T0 + 2 * HOUR_MS + 1);
        assert.equal(p.summary().devices, 0);
        assert.ok(all.messages.length > 0);
    });

    it("removes a device unseen for the set number of days, and a supply missing that long", () => {
        const p = new MqttPublisher(emptyState(), { ...OPTIONS, expireMs: 2 * DAY_MS });
        p.handle({ payload: printer() }, T0);
        p.handle({ payload: printer({ host: "127.0.0.12", serial: "OTHER12345", device: "Floor 2" }) }, T0);
        p.handle(
            { payload: printer({ supplies: [supply("1.1", "Black Cartridge HP 207X", 40)] }) },
            T0 + DAY_MS,
        );
        const later = published(
            p.handle(
                { payload: printer({ supplies: [supply("1.1", "Black Cartridge HP 207X", 40)] }) },
                T0 + 3 * DAY_MS,
            ),
        );
        assert.equal(later.get("homeassistant/sensor/snmp_office_printer_cnb1234567/supply_1_2/config"), "");
        assert.equal(
            later.get("homeassistant/sensor/snmp_office_printer_other12345/pages/config"),
            "",
            "the other printer expired",
        );
        assert.equal(p.summary().devices, 1);
    });

    it("sends everything again when HA announces its start, configs first", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const first = p.handle({ payload: printer() }, T0);
        const birth = p.handle({ topic: "homeassistant/status", payload: "online" }, T0 + 1000);
        assert.equal(birth.kind, "birth");
        assert.deepEqual(
            new Set(birth.messages.map((m) => m.topic)),
            new Set(first.messages.map((m) => m.topic)),
        );
        const firstOther = birth.messages.findIndex((m) => !m.topic.endsWith("/config"));
        assert.ok(birth.messages.slice(firstOther).every((m) => !m.topic.endsWith("/config")));
        assert.equal(p.handle({ topic: "homeassistant/status", payload: "offline" }, T0).kind, "ignored");
        assert.equal(
            p.handle({ topic: "homeassistant/status", payload: Buffer.from("online") }, T0).kind,
            "birth",
        );
    });

    it("after a restart (state stored and read back) sends nothing for an unchanged reading, all of it on HA's start", () => {
        const before = new MqttPublisher(emptyState(), OPTIONS);
        const first = before.handle({ payload: printer() }, T0);
        const stored = JSON.parse(JSON.stringify(before.stored)) as unknown;
        const loaded = loadState(stored);
        assert.equal(loaded.unreadable, false);
        const after = new MqttPublisher(loaded.state, OPTIONS);
        assert.deepEqual(after.handle({ payload: printer() }, T0 + 1000).messages, []);
        // HA restarted before this process read the device again: it is sent in full with its next reading.
        const restarted = new MqttPublisher(loadState(stored).state, OPTIONS);
        assert.deepEqual(
            restarted.handle({ topic: "homeassistant/status", payload: "online" }, T0).messages,
            [],
        );
        const full = restarted.handle({ payload: printer() }, T0 + 2000);
        assert.deepEqual(full.messages.map((m) => m.topic).sort(), first.messages.map((m) => m.topic).sort());
    });

    it("a new prefix or base clears the old topics and publishes under the new ones", () => {
        const before = new MqttPublisher(emptyState(), OPTIONS);
        before.handle({ payload: printer() }, T0);
        const after = new MqttPublisher(loadState(JSON.parse(JSON.stringify(before.stored))).state, {
            ...OPTIONS,
            topics: { prefix: "ha", base: "office" },
            plain: false,
        });
        const sent = published(after.handle({ payload: printer() }, T0 + 1000));
        assert.equal(sent.get("homeassistant/sensor/snmp_office_printer_cnb1234567/pages/config"), "");
        assert.equal(sent.get("snmp-office/printer_cnb1234567/supply/1_1"), "");
        assert.ok(sent.has("ha/sensor/snmp_office_printer_cnb1234567/pages/config"));
        assert.equal(sent.get("office/printer_cnb1234567/availability"), "online");
        assert.ok(
            ![...sent.keys()].some((t) => t.startsWith("office/printer_cnb1234567/supply")),
            "plain topics off",
        );
    });

    it("answers input it cannot use with an error naming what came, and stores nothing", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const outcome = p.handle({ payload: 42 }, T0);
        assert.equal(outcome.kind, "error");
        if (outcome.kind === "error")
            assert.deepEqual([outcome.error, outcome.what], ["not-device", "a number"]);
        const noHost = p.handle({ payload: { supplies: [] } }, T0);
        assert.equal(noHost.kind === "error" && noHost.error, "no-host");
        const wifiNoHost = p.handle({ payload: { aps: [] } }, T0);
        assert.equal(wifiNoHost.kind === "error" && wifiNoHost.error, "no-host");
        assert.equal(p.summary().devices, 0);
    });
});

describe("mqtt: Wi-Fi in Home Assistant", function () {
    it("a controller is one device with clients per SSID and band, each AP a device linked to it", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const outcome = p.handle(
            {
                payload: controller([
                    ap("AP-Hall", "00:11:22:aa:bb:01", 4, -61),
                    ap("AP-Office", "00:11:22:aa:bb:02", 3),
                ]),
            },
            T0,
        );
        retainedOnly(outcome.messages);
        const sent = published(outcome);
        const cfgs = configs(sent);
        const state = sent.get("snmp-office/wifi_wlc/state") ?? "";
        assert.equal(renderValue(byName(cfgs, "Clients"), state), "7");
        assert.equal(renderValue(byName(cfgs, "Clients on Office"), state), "5");
        assert.equal(renderValue(byName(cfgs, "Clients on 5GHz"), state), "5");
        const hall = [...cfgs.values()].filter(
            (c) => (c.device as Record<string, unknown>).name === "AP-Hall",
        );
        assert.deepEqual(hall.map((c) => c.name).sort(), ["Clients", "Signal"]);
        const signal = hall.find((c) => c.name === "Signal");
        assert.equal(signal?.device_class, "signal_strength");
        assert.equal(renderValue(signal ?? {}, sent.get("snmp-office/ap_001122aabb01/state") ?? ""), "-61");
        assert.deepEqual((signal?.device as Record<string, unknown>).connections, [
            ["mac", "00:11:22:aa:bb:01"],
        ]);
        assert.equal((signal?.device as Record<string, unknown>).via_device, "snmp_office_wifi_wlc");
        assert.equal(
            (byName(cfgs, "Clients on Office").device as Record<string, unknown>).manufacturer,
            "Cisco",
            "the maker from the vendor profile",
        );
        assert.equal(
            (signal?.device as Record<string, unknown>).manufacturer,
            "Cisco",
            "an AP: its controller's",
        );
        const office = [...cfgs.values()].filter(
            (c) => (c.device as Record<string, unknown>).name === "AP-Office",
        );
        assert.deepEqual(
            office.map((c) => c.name),
            ["Clients"],
            "no signal entity where the device gives none",
        );
        const ids = [...cfgs.values()].map((c) => c.unique_id);
        assert.equal(new Set(ids).size, ids.length, "unique ids are unique");
    });

    it("an AP the controller no longer lists goes offline; the controller down takes its APs along", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        p.handle(
            {
                payload: controller([
                    ap("AP-Hall", "00:11:22:aa:bb:01", 4),
                    ap("AP-Office", "00:11:22:aa:bb:02", 3),
                ]),
            },
            T0,
        );
        const one = published(
            p.handle({ payload: controller([ap("AP-Hall", "00:11:22:aa:bb:01", 4)]) }, T0 + 1000),
        );
        assert.equal(one.get("snmp-office/ap_001122aabb02/availability"), "offline");
        const down = {
            device: "wlc",
            host: "127.0.0.20",
            reachable: false,
            time: "x",
            error: { code: "timeout", message: "" },
        };
        const off = published(p.handle({ payload: down }, T0 + 2000));
        assert.equal(off.get("snmp-office/wifi_wlc/availability"), "offline");
        assert.equal(off.get("snmp-office/ap_001122aabb01/availability"), "offline");
    });

    it("a standalone AP is one device, with its MAC as a connection and its median signal", () => {
        const p = new MqttPublisher(emptyState(), OPTIONS);
        const reading = controller([ap("office-ap", "00:11:22:aa:bb:09", 6, -58)], {
            device: "office-ap",
            profile: "ubnt-unifi",
            totals: { clients: 6, aps: 1 },
        });
        const sent = published(p.handle({ payload: reading }, T0));
        const cfgs = configs(sent);
        const devices = new Set([...cfgs.values()].map((c) => JSON.stringify(c.device)));
        assert.equal(devices.size, 1, "one device");
        const signal = byName(cfgs, "Signal");
        assert.deepEqual((signal.device as Record<string, unknown>).connections, [
            ["mac", "00:11:22:aa:bb:09"],
        ]);
        assert.equal(renderValue(signal, sent.get("snmp-office/wifi_office_ap/state") ?? ""), "-58");
        assert.equal((signal.device as Record<string, unknown>).manufacturer, "Ubiquiti");
        const custom = published(
            new MqttPublisher(emptyState(), OPTIONS).handle(
                { payload: { ...reading, profile: "custom" } },
                T0,
            ),
        );
        assert.equal(
            (byName(configs(custom), "Signal").device as Record<string, unknown>).manufacturer,
            undefined,
            "no maker made up for a custom profile",
        );
    });
});

describe("mqtt: stored state", function () {
    it("reads back what it wrote, refuses another version, drops damaged entries", () => {
        assert.deepEqual(loadState(undefined), { state: emptyState(), unreadable: false, dropped: 0 });
        assert.equal(loadState({ version: 99, devices: {} }).unreadable, true);
        const loaded = loadState({
            version: STATE_VERSION,
            devices: {
                good: {
                    kind: "printer",
                    name: "A",
                    host: "127.0.0.1",
                    lastSeen: 1,
                    lastReading: 1,
                    online: true,
                    entities: {
                        pages: { component: "sensor", lastSeen: 1 },
                        bad: { component: "light", lastSeen: 1 },
                    },
                    topics: { "a/b": "x", "c/d": 3 },
                },
                bad: { kind: "toaster", host: "127.0.0.2", lastSeen: 1 },
                worse: "nope",
            },
        });
        assert.equal(loaded.dropped, 2);
        assert.deepEqual(Object.keys(loaded.state.devices), ["good"]);
        assert.deepEqual(Object.keys(loaded.state.devices.good?.entities ?? {}), ["pages"]);
        assert.deepEqual(loaded.state.devices.good?.topics, { "a/b": "x" });
    });
});
