// Output 2 for time-series stores: the shapes node-red-contrib-influxdb's `influxdb out` and
// node-red-contrib-prometheus-exporter's `prometheus out` document as their input, the series
// names and tags, and (for Prometheus) what prom-client, the library behind that node, makes of
// them. InfluxDB itself is in test/nodes/time-series_spec.
import assert from "node:assert/strict";
import { Gauge, Registry } from "prom-client";
import { seriesPoint as apPoint } from "../../nodes/lib/ap/metrics";
import { metricMessages } from "../../nodes/lib/printer/messages";
import { seriesPoint as printerPoint } from "../../nodes/lib/printer/messages";
import type { PrinterReading } from "../../nodes/lib/printer/contract";
import { asSeries, seriesFormat, tags, type SeriesPoint } from "../../nodes/lib/series";

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/; // Prometheus data model: metric names
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/; // ... and label names (no leading __, reserved)

function reading(): PrinterReading {
    return {
        model: "M283",
        serial: "CNB1",
        name: "npi",
        location: null,
        uptime: 1,
        time: "2026-03-02T08:00:00.000Z",
        status: "idle",
        errors: [],
        alerts: [],
        supplies: [
            {
                id: "1.1",
                name: "Black Cartridge",
                type: "toner",
                color: "black",
                class: "consumed",
                unit: "percent",
                level: 40,
                max: 100,
                percent: 40,
                state: "ok",
            },
            {
                id: "1.5",
                name: "Waste Toner Box",
                type: "wasteToner",
                color: null,
                class: "receptacle",
                unit: "percent",
                level: 90,
                max: 100,
                percent: 90,
                state: "ok",
            },
        ],
        trays: [
            {
                id: "1.2",
                name: "Tray 2",
                media: null,
                unit: "sheets",
                level: 125,
                max: 250,
                percent: 50,
                state: "ok",
                manual: false,
            },
        ],
        outputs: [],
        pageCount: 1,
        quirks: [],
    };
}

describe("time series: output 2 for InfluxDB and Prometheus", function () {
    it("reads the setting: empty (an earlier flow) is numbers, an unknown word is refused", () => {
        assert.equal(seriesFormat(undefined), "number");
        assert.equal(seriesFormat(""), "number");
        assert.equal(seriesFormat("influxdb"), "influxdb");
        assert.equal(seriesFormat("prometheus"), "prometheus");
        assert.equal(seriesFormat("graphite"), null);
    });

    it("numbers stay exactly as before: no measurement, no tags", () => {
        const [msg] = metricMessages("Reception", "127.0.0.10", reading());
        assert.ok(msg);
        const shaped = asSeries(msg, printerPoint(msg.metric), "number");
        assert.deepEqual(shaped, msg);
        assert.equal("measurement" in shaped, false);
    });

    it("InfluxDB: payload [fields, tags] and msg.measurement, as influxdb out documents", () => {
        const msgs = metricMessages("Reception", "127.0.0.10", reading()).map((m) =>
            asSeries(m, printerPoint(m.metric), "influxdb"),
        );
        assert.deepEqual(msgs[0], {
            topic: "Reception Black Cartridge",
            metric: msgs[0]?.metric,
            measurement: "printer_supply_percent",
            tags: {
                device: "Reception",
                host: "127.0.0.10",
                id: "1.1",
                name: "Black Cartridge",
                type: "toner",
                color: "black",
            },
            payload: [
                { value: 40 },
                {
                    device: "Reception",
                    host: "127.0.0.10",
                    id: "1.1",
                    name: "Black Cartridge",
                    type: "toner",
                    color: "black",
                },
            ],
        });
        // A colour the printer does not give is no tag (InfluxDB has no empty tag value).
        assert.deepEqual(msgs[1]?.tags, {
            device: "Reception",
            host: "127.0.0.10",
            id: "1.5",
            name: "Waste Toner Box",
            type: "wasteToner",
        });
        assert.equal(msgs[2]?.measurement, "printer_tray_percent");
    });

    it("Prometheus: payload {op: set, val, labels}, as prometheus out documents", () => {
        const [msg] = metricMessages("Reception", "127.0.0.10", reading());
        assert.ok(msg);
        const shaped = asSeries(msg, printerPoint(msg.metric), "prometheus");
        assert.deepEqual(shaped.payload, { op: "set", val: 40, labels: shaped.tags });
    });

    it("Wi-Fi counts: one measurement per kind of count, each with a fixed set of tags", () => {
        const base = { device: "wlc", host: "127.0.0.20" };
        const cases: [Parameters<typeof apPoint>[0], SeriesPoint][] = [
            [
                { ...base, kind: "clients", ap: "AP-Hall", apId: "7" },
                { measurement: "wifi_ap_clients", tags: { ...base, ap: "AP-Hall", ap_id: "7" } },
            ],
            [
                { ...base, kind: "clients", ssid: "Office" },
                { measurement: "wifi_ssid_clients", tags: { ...base, ssid: "Office" } },
            ],
            [
                { ...base, kind: "clients", band: "5GHz" },
                { measurement: "wifi_band_clients", tags: { ...base, band: "5GHz" } },
            ],
            [
                { ...base, kind: "signal", mac: "aa:bb:cc:dd:ee:ff", name: "laptop", ap: "AP-Hall" },
                {
                    measurement: "wifi_client_signal_dbm",
                    tags: { ...base, mac: "aa:bb:cc:dd:ee:ff", name: "laptop", ap: "AP-Hall" },
                },
            ],
        ];
        for (const [metric, want] of cases) assert.deepEqual(apPoint(metric), want);
        // A kind added later (issue 13's per-AP signal, weak clients...) still gets a valid name.
        assert.equal(apPoint({ ...base, kind: "signal", ap: "AP-Hall" }).measurement, "wifi_ap_signal_dbm");
        assert.equal(apPoint({ ...base, kind: "weakClients" as "signal" }).measurement, "wifi_weak_clients");
        assert.equal(
            printerPoint({ ...base, kind: "pages" as "supply", id: "", name: "", type: "", color: null })
                .measurement,
            "printer_pages",
        );
    });

    it("every series name and tag name is valid in Prometheus, and prom-client takes them as the exporter node passes them", async () => {
        const points = [
            ...metricMessages("Reception", "127.0.0.10", reading()).map((m) => printerPoint(m.metric)),
            apPoint({ device: "wlc", host: "127.0.0.20", kind: "clients", ap: "AP-Hall", apId: "7" }),
            apPoint({ device: "wlc", host: "127.0.0.20", kind: "clients", ssid: "Office" }),
            apPoint({ device: "wlc", host: "127.0.0.20", kind: "clients", band: "5GHz" }),
            apPoint({
                device: "wlc",
                host: "127.0.0.20",
                kind: "signal",
                mac: "aa",
                name: "n",
                ap: "a",
                ssid: "s",
                band: "5GHz",
            }),
        ];
        // The labels documented for each metric (help and README), declared as a user would.
        const declared: Record<string, string[]> = {
            printer_supply_percent: ["device", "host", "id", "name", "type", "color"],
            printer_tray_percent: ["device", "host", "id", "name", "type", "color"],
            wifi_ap_clients: ["device", "host", "ap", "ap_id"],
            wifi_ssid_clients: ["device", "host", "ssid"],
            wifi_band_clients: ["device", "host", "band"],
            wifi_client_signal_dbm: ["device", "host", "mac", "name", "ap", "ssid", "band"],
        };
        const registry = new Registry();
        const gauges = new Map<string, Gauge>();
        for (const [name, labelNames] of Object.entries(declared)) {
            assert.match(name, METRIC_NAME);
            for (const l of labelNames) assert.match(l, LABEL_NAME);
            gauges.set(name, new Gauge({ name, help: name, labelNames, registers: [registry] }));
        }
        for (const point of points) {
            const gauge = gauges.get(point.measurement);
            assert.ok(gauge, `${point.measurement} is documented`);
            // What prometheus out does with {op: "set", val, labels}: metric[op](labels, val).
            gauge.set(point.tags, 1);
        }
        const text = await registry.metrics();
        assert.match(
            text,
            /printer_supply_percent\{device="Reception",host="127.0.0.10",id="1.1",name="Black Cartridge",type="toner",color="black"\} 1/,
        );
        assert.match(text, /wifi_ssid_clients\{device="wlc",host="127.0.0.20",ssid="Office"\} 1/);
    });

    it("tags leave out what is missing or empty", () => {
        assert.deepEqual(
            tags([
                ["a", "x"],
                ["b", ""],
                ["c", null],
                ["d", undefined],
            ]),
            { a: "x" },
        );
    });
});
