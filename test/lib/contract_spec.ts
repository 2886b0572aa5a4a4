import assert from "node:assert/strict";
import {
    apClientsKey,
    apPresentKey,
    clientKeyPrefix,
    clientSignalKey,
    readApMetric,
    readApPayload,
    readBand,
    ssidClientsKey,
    type ApReading,
} from "../../nodes/lib/ap/contract";
import { metricMessages as apMetrics } from "../../nodes/lib/ap/metrics";
import { addressKey, metricKind, reachableKey, unreachablePayload } from "../../nodes/lib/contract";
import { isRecord } from "../../nodes/lib/json";
import {
    daysKey,
    errorKey,
    outputKey,
    printerRowObjects,
    readPrinterMetric,
    readPrinterPayload,
    supplyKey,
    trayKey,
    type PrinterPayload,
} from "../../nodes/lib/printer/contract";
import { metricMessages as printerMetrics, printerPayload } from "../../nodes/lib/printer/messages";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { seededRng } from "../../tools/sim/dynamics";

const TIME = "2024-05-03T10:00:00.000Z";

/** A printer reading with every property set to something other than its "not known" value. */
function printer(): PrinterPayload {
    return printerPayload("Office 2F", "10.0.0.5", {
        model: "HP LaserJet M404",
        serial: "PHB1234",
        name: "NPI1",
        location: "2nd floor",
        uptime: 3600,
        time: TIME,
        status: "printing",
        errors: ["lowToner", "doorOpen"],
        alerts: [
            {
                severity: "warning",
                group: "markerSupplies",
                groupIndex: 1,
                code: "markerTonerAlmostEmpty",
                text: "Low",
            },
            { severity: "critical", group: "cover", groupIndex: null, code: "coverOpen", text: "Door open" },
            { severity: "other", group: "general", groupIndex: 2, code: "1234", text: "" },
        ],
        supplies: [
            {
                id: "1.1",
                name: "Black Cartridge HP CF259A",
                type: "toner",
                color: "black",
                class: "consumed",
                unit: "percent",
                level: 14,
                max: 100,
                percent: 14,
                state: "low",
                forecast: { daysLeft: 12.5 },
            },
            {
                id: "1.2",
                name: "Waste Toner Box",
                type: "wasteToner",
                color: null,
                class: "receptacle",
                unit: "impressions",
                level: -3,
                max: -2,
                percent: null,
                state: "someRemaining",
                forecast: { daysLeft: null, reason: "insufficient data" },
            },
        ],
        trays: [
            {
                id: "1.1",
                name: "Bypass",
                media: "A4",
                unit: "sheets",
                level: 0,
                max: 100,
                percent: 0,
                state: "empty",
                manual: true,
                forecast: { daysLeft: null, reason: "no consumption" },
            },
            {
                id: "1.2",
                name: "Tray 2",
                media: null,
                unit: null,
                level: -3,
                max: 500,
                percent: null,
                state: "someRemaining",
                manual: false,
            },
        ],
        outputs: [{ id: "1.1", name: "Face down", remaining: 20, max: 250, state: "nearFull" }],
        pageCount: 12345,
        quirks: ["levelInverted"],
    });
}

/** An ap-clients reading with every property (and every optional one) set. */
function controller(): ApReading {
    return {
        device: "HQ controller",
        host: "10.0.0.7",
        reachable: true,
        profile: "cisco-wlc",
        model: "AIR-CT3504",
        time: TIME,
        totals: { clients: 3, aps: 2 },
        aps: [
            {
                id: "00:11:22:33:44:01",
                name: "Lobby",
                mac: "00:11:22:33:44:01",
                ip: "10.0.1.1",
                clients: 2,
                radios: [
                    { id: "0", band: "2.4GHz", channel: 6, clients: 1, noise: -95 },
                    { id: "1", band: "5GHz", channel: 36, clients: 1, noise: -92 },
                ],
                ssids: [{ ssid: "Staff", clients: 2 }],
            },
            { id: "ap2", name: "Canteen", radios: [], ssids: [] },
        ],
        ssids: [
            { ssid: "Staff", clients: 2 },
            { ssid: "Guest", clients: 1 },
        ],
        clients: [
            {
                mac: "aa:bb:cc:00:00:01",
                ap: "Lobby",
                ssid: "Staff",
                band: "5GHz",
                signal: -58,
                snr: 37,
                noise: -95,
                txRate: 866.7,
                rxRate: 526.5,
                uptime: 3600,
                ip: "10.0.2.15",
                name: "anna-laptop",
            },
            { mac: "aa:bb:cc:00:00:02", band: "6GHz" },
        ],
        capabilities: { perClient: true, signal: "dBm" },
        quirks: ["rowsTruncated"],
    };
}

/** A JSON round trip, as a message that went through MQTT or a file. */
function viaJson<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

describe("printer contract: reading output 1 back", () => {
    it("reads every property of a reading as it was sent", () => {
        const sent = printer();
        const read = readPrinterPayload(viaJson(sent));
        assert.deepEqual(read, { ok: true, identity: { host: "10.0.0.5" }, payload: sent });
    });

    it("reads a failed poll, and the port when a message carries one", () => {
        const sent = unreachablePayload(
            "Office 2F",
            "10.0.0.5",
            new SnmpError("timeout", "no answer from 10.0.0.5:161 in 5 s"),
            Date.parse(TIME),
        );
        const read = readPrinterPayload(viaJson({ ...sent, port: 16001 }));
        assert.deepEqual(read, { ok: true, identity: { host: "10.0.0.5", port: 16001 }, payload: sent });
        assert.deepEqual(readPrinterPayload({ host: "10.0.0.5", reachable: false }), {
            ok: true,
            identity: { host: "10.0.0.5" },
            payload: {
                device: "",
                host: "10.0.0.5",
                reachable: false,
                time: "",
                error: { code: "", message: "" },
            },
        });
    });

    it("answers what is not a printer reading with a problem that says what arrived", () => {
        const cases: [unknown, string, string][] = [
            [42, "not-object", "a number"],
            ["hello", "not-object", "a string"],
            [null, "not-object", "null"],
            [[printer()], "not-object", "an array"],
            [{}, "wrong-kind", "an object without host"],
            [{ reachable: true }, "wrong-kind", "an object without host"],
            [{ supplies: 3 }, "wrong-kind", "an object without host"],
            [{ host: "10.0.0.5", reachable: true }, "wrong-kind", "an object without supplies or trays"],
            [controller(), "wrong-kind", "an object without supplies or trays"],
            [{ supplies: [] }, "no-host", "an object without host"],
            [{ host: "  ", trays: [] }, "no-host", "an object without host"],
            [{ host: {}, reachable: false }, "no-host", "an object without host"],
        ];
        for (const [value, code, what] of cases) {
            assert.deepEqual(
                readPrinterPayload(value),
                { ok: false, problem: { code, what } },
                JSON.stringify(value),
            );
        }
    });

    it("gives fields of the wrong type their 'not known' value, and keeps rows without an id", () => {
        const read = readPrinterPayload({
            host: 5,
            device: { evil: true },
            model: ["x"],
            time: "yesterday",
            status: "<b>on fire</b>",
            errors: "jammed",
            alerts: [null, { severity: 3, text: ["x"], groupIndex: "2" }],
            supplies: [null, 7, { percent: "50", state: 1, class: 3, type: "wasteInk", forecast: "soon" }],
            trays: [{ id: 2, manual: "yes", state: "full" }],
            outputs: {},
            pageCount: "12",
        });
        assert.deepEqual(read, {
            ok: true,
            identity: { host: "5" },
            payload: {
                device: "",
                host: "5",
                reachable: true,
                model: null,
                serial: null,
                name: null,
                location: null,
                uptime: null,
                time: "",
                status: "unknown",
                errors: [],
                alerts: [{ severity: "other", group: "", groupIndex: null, code: "", text: "" }],
                supplies: [
                    {
                        id: "",
                        name: "",
                        type: "wasteInk",
                        color: null,
                        class: "receptacle",
                        unit: null,
                        level: null,
                        max: null,
                        percent: null,
                        state: "unknown",
                    },
                ],
                trays: [
                    {
                        id: "2",
                        name: "",
                        media: null,
                        unit: null,
                        level: null,
                        max: null,
                        percent: null,
                        state: "unknown",
                        manual: false,
                    },
                ],
                outputs: [],
                pageCount: null,
                quirks: [],
            },
        });
    });

    it("reads a hand-built message without `reachable` as a reading, and its row objects in step", () => {
        const message = {
            host: "10.0.0.7",
            supplies: [
                { id: "1.1", type: "toner" },
                "junk",
                { id: "1.9", type: "wasteToner", class: "consumed" },
            ],
            trays: [{ id: "1.2" }],
        };
        const read = readPrinterPayload(message);
        assert.ok(read.ok && read.payload.reachable);
        assert.deepEqual(
            read.payload.supplies.map((s) => [s.id, s.class]),
            [
                ["1.1", "consumed"],
                ["1.9", "consumed"],
            ],
            "a class given is kept, even on a waste type",
        );
        const rows = printerRowObjects(message);
        assert.equal(
            rows.supplies[1],
            message.supplies[2],
            "the message's own objects, aligned with the rows",
        );
        assert.equal(rows.trays[0], message.trays[0]);
        assert.deepEqual(printerRowObjects(42), { supplies: [], trays: [] });
    });

    it("reads PrtAlertSeverityLevelTC's warningBinaryChangeEvent as a warning", () => {
        const p = { ...printer(), alerts: [{ severity: "warningBinaryChangeEvent", code: "x" }] };
        const read = readPrinterPayload(p);
        assert.equal(read.ok && read.payload.reachable && read.payload.alerts[0]?.severity, "warning");
    });
});

describe("printer contract: reading output 2 back", () => {
    it("reads every property of the metrics printer-supplies sends", () => {
        const sent = printerMetrics("Office 2F", "10.0.0.5", printer());
        assert.ok(sent.length >= 2);
        for (const m of sent) {
            assert.deepEqual(readPrinterMetric(viaJson(m.metric)), {
                ok: true,
                identity: { host: "10.0.0.5" },
                metric: m.metric,
            });
        }
    });

    it("answers a metric of another kind, or without host, with a problem", () => {
        assert.equal(metricKind({ kind: "supply" }), "supply");
        assert.equal(metricKind({ kind: 3 }), null);
        assert.equal(metricKind("supply"), null);
        const cases: [unknown, string][] = [
            [5, "not-object"],
            [{ kind: "clients", host: "h" }, "wrong-kind"],
            [{ host: "h" }, "wrong-kind"],
            [{ kind: "supply" }, "no-host"],
            [{ kind: "tray", host: "" }, "no-host"],
        ];
        for (const [value, code] of cases) {
            const read = readPrinterMetric(value);
            assert.equal(read.ok ? "ok" : read.problem.code, code, JSON.stringify(value));
        }
        const odd = readPrinterMetric({ kind: "tray", host: "h", state: "almostFull", color: {}, id: 2 });
        assert.deepEqual(odd, {
            ok: true,
            identity: { host: "h" },
            metric: {
                device: "",
                host: "h",
                kind: "tray",
                id: "2",
                name: "",
                type: "",
                color: null,
                state: "unknown",
                unit: "%",
            },
        });
    });
});

describe("ap-clients contract: reading outputs 1 and 2 back", () => {
    it("reads every property of a reading as it was sent", () => {
        const sent = controller();
        assert.deepEqual(readApPayload(viaJson(sent)), {
            ok: true,
            identity: { host: "10.0.0.7" },
            payload: sent,
        });
    });

    it("answers what is not an ap-clients reading with a problem", () => {
        const cases: [unknown, string, string][] = [
            [3, "not-object", "a number"],
            [{ reachable: true }, "wrong-kind", "an object without host"],
            [printer(), "wrong-kind", "an object without aps"],
            [{ aps: [] }, "no-host", "an object without host"],
        ];
        for (const [value, code, what] of cases) {
            assert.deepEqual(
                readApPayload(value),
                { ok: false, problem: { code, what } },
                JSON.stringify(value),
            );
        }
        const down = readApPayload({ host: "10.0.0.7", reachable: false, error: { code: "timeout" } });
        assert.ok(down.ok && !down.payload.reachable && down.payload.error.code === "timeout");
    });

    it("leaves out what it cannot read, and fills in what a reading implies", () => {
        const read = readApPayload({
            host: "10.0.0.7",
            aps: [
                {
                    id: "1",
                    name: "U6-Lite",
                    clients: "7",
                    radios: [null, { band: "dual" }],
                    ssids: [{ ssid: "x" }],
                },
            ],
            ssids: [{ ssid: "Staff", clients: 3 }, { ssid: 4 }, { clients: 2 }],
            clients: [{ mac: "m1", band: "5", signal: "-60", snr: 30 }, { name: "no mac" }],
        });
        assert.deepEqual(read, {
            ok: true,
            identity: { host: "10.0.0.7" },
            payload: {
                device: "",
                host: "10.0.0.7",
                reachable: true,
                profile: "",
                time: "",
                totals: { clients: null, aps: 1 },
                aps: [{ id: "1", name: "U6-Lite", radios: [{ id: "" }], ssids: [] }],
                ssids: [{ ssid: "Staff", clients: 3 }],
                clients: [
                    { mac: "m1", band: "5GHz", snr: 30 },
                    { mac: "", name: "no mac" },
                ],
                capabilities: { perClient: true, signal: "none" },
            },
        });
    });

    it("reads bands as ap-clients writes them, or as a number of GHz", () => {
        assert.equal(readBand("2.4GHz"), "2.4GHz");
        assert.equal(readBand("5"), "5GHz");
        assert.equal(readBand("2.4 ghz"), "2.4GHz");
        assert.equal(readBand(6), "6GHz");
        assert.equal(readBand("60GHz"), "60GHz");
        assert.equal(readBand("dual"), undefined);
        assert.equal(readBand(null), undefined);
    });

    it("reads every property of the metrics ap-clients sends", () => {
        const sent = apMetrics(controller(), { perClientSignal: true });
        const kinds = new Set(sent.map((m) => m.metric.kind));
        assert.deepEqual([...kinds].sort(), ["clients", "signal"]);
        for (const m of sent) {
            assert.deepEqual(readApMetric(viaJson(m.metric)), {
                ok: true,
                identity: { host: "10.0.0.7" },
                metric: m.metric,
            });
        }
        const supply = readApMetric({ kind: "supply", host: "h" });
        assert.equal(supply.ok ? "ok" : supply.problem.code, "wrong-kind");
    });
});

describe("contracts: nothing throws, whatever arrives", () => {
    /** Replaces one value somewhere in a message with junk. */
    function mutate(value: unknown, r: () => number, junk: readonly unknown[]): unknown {
        const pick = (): unknown => junk[Math.floor(r() * junk.length)];
        if (Array.isArray(value)) {
            if (value.length === 0 || r() < 0.2) return pick();
            const i = Math.floor(r() * value.length);
            return (value as unknown[]).map((v, j) => (j === i ? mutate(v, r, junk) : v));
        }
        if (isRecord(value)) {
            const keys = Object.keys(value);
            if (keys.length === 0 || r() < 0.2) return pick();
            const k = keys[Math.floor(r() * keys.length)] as string;
            return { ...value, [k]: mutate(value[k], r, junk) };
        }
        return pick();
    }

    it("reads 20,000 mutated messages to a payload or a problem", () => {
        const r = seededRng(17);
        const junk = [
            null,
            undefined,
            0,
            -1,
            NaN,
            Infinity,
            "",
            "x",
            "__proto__",
            true,
            [],
            {},
            [null],
            { a: 1 },
        ];
        const bases: unknown[] = [
            printer(),
            controller(),
            ...printerMetrics("P", "h", printer()).map((m) => m.metric),
        ];
        let ok = 0;
        for (let i = 0; i < 20_000; i++) {
            let value = bases[i % bases.length];
            for (let n = 1 + Math.floor(r() * 3); n > 0; n--) value = mutate(value, r, junk);
            for (const read of [readPrinterPayload(value), readApPayload(value), readPrinterMetric(value)]) {
                assert.ok(read.ok || typeof read.problem.what === "string");
                if (read.ok) ok++;
            }
            assert.doesNotThrow(() => JSON.stringify(readApMetric(value)));
        }
        assert.ok(ok > 5_000, `most mutations still read: ${ok}`);
    });
});

describe("contracts: keys", () => {
    it("files printer facts under the host alone (stored alert state stays compatible)", () => {
        for (const device of [{ host: "10.0.0.5" }, { host: "10.0.0.5", port: 16001 }]) {
            assert.equal(reachableKey(device), "10.0.0.5/reachable");
            assert.equal(supplyKey(device, "1.1"), "10.0.0.5/supply/1.1");
            assert.equal(trayKey(device, "1.2"), "10.0.0.5/tray/1.2");
            assert.equal(outputKey(device, "1.1"), "10.0.0.5/output/1.1");
            assert.equal(errorKey(device, "jammed"), "10.0.0.5/error/jammed");
            assert.equal(daysKey(supplyKey(device, "1.1")), "10.0.0.5/supply/1.1/days");
        }
    });

    it("files Wi-Fi facts under the host alone", () => {
        const device = { host: "10.0.0.7", port: 1161 };
        assert.equal(apClientsKey(device, "ap1"), "10.0.0.7/ap/ap1/clients");
        assert.equal(apPresentKey(device, "ap1"), "10.0.0.7/ap/ap1/present");
        assert.equal(ssidClientsKey(device, "Staff"), "10.0.0.7/ssid/Staff/clients");
        assert.equal(clientKeyPrefix(device), "10.0.0.7/client/");
        assert.equal(clientSignalKey(device, "aa:bb"), "10.0.0.7/client/aa:bb/signal");
    });

    it("tells devices on one address apart by port on a dashboard", () => {
        assert.equal(addressKey({ host: "127.0.0.1" }), "127.0.0.1");
        assert.equal(addressKey({ host: "127.0.0.1", port: 16001 }), "127.0.0.1:16001");
    });
});
