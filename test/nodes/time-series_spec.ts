/**
 * Output 2 wired straight into InfluxDB, as a user does it: a real Node-RED (child process) with
 * node-red-contrib-influxdb installed, printer-supplies and ap-clients set to "Output 2 as InfluxDB
 * points" polling simulated devices over SNMP on loopback, their output 2 into `influxdb out`
 * without any node in between, and a real InfluxDB (Debian's influxd on free loopback ports).
 * The test reads back what InfluxDB stored and compares it with what the nodes sent.
 */
import assert from "node:assert/strict";
import type { Simulator } from "../../tools/sim";
import { skipWithoutInfluxd, startInflux, type Influx } from "../helpers/influx";
import { address, pressInject, startOfficeSimulator } from "../helpers/flow-run";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

const TAB = "series-tab";

interface Point {
    fields: Record<string, number>;
    tags: Record<string, string>;
    measurement: string;
}

function flow(sim: Simulator, influx: Influx): unknown[] {
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
    // What each message carries, logged as JSON by a core debug node (a JSONata expression).
    const sent = {
        tosidebar: false,
        console: true,
        complete: '$string({"measurement": measurement, "fields": payload[0], "tags": payload[1]})',
        targetType: "jsonata",
    };
    return [
        { id: TAB, type: "tab", label: "series" },
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
            id: "influx",
            type: "influxdb",
            hostname: "127.0.0.1",
            port: String(influx.port),
            protocol: "http",
            database: "office",
            name: "test influx",
            usetls: false,
            influxdbVersion: "1.x",
            url: `http://127.0.0.1:${influx.port}`,
            rejectUnauthorized: false,
        },
        node("poll", "inject", { name: "poll", props: [], repeat: "", once: false }, [["printers", "wifi"]]),
        node(
            "printers",
            "printer-supplies",
            { snmp: "creds", devices: `${at("laser")} Reception`, series: "influxdb" },
            [[], ["to-influx", "sent"]],
        ),
        node(
            "wifi",
            "ap-clients",
            { snmp: "creds", devices: `${at("wlc")} wlc`, vendor: "auto", series: "influxdb" },
            [[], ["to-influx", "sent"], []],
        ),
        // The measurement in this node is what msg.measurement overrides.
        node("to-influx", "influxdb out", {
            influxdb: "influx",
            name: "history",
            measurement: "unused",
            precision: "",
            retentionPolicy: "",
        }),
        node("sent", "debug", { name: "sent", active: true, ...sent }),
    ];
}

describe("output 2 straight into InfluxDB (node-red-contrib-influxdb, real influxd)", function () {
    this.timeout(120_000);
    let influx: Influx;
    let sim: Simulator;
    let rt: ChildRuntime | undefined;

    before(async function () {
        skipWithoutInfluxd(this);
        influx = await startInflux();
        await influx.query("CREATE DATABASE office");
        sim = await startOfficeSimulator();
        rt = await startChildRuntime({
            flows: flow(sim, influx),
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

    function sentPoints(): Point[] {
        const out: Point[] = [];
        for (const line of (rt?.output() ?? "").split("\n")) {
            const m = /\[debug:sent\] (\{.*\})\s*$/.exec(line);
            if (m?.[1] !== undefined) out.push(JSON.parse(m[1]) as Point);
        }
        return out;
    }

    it("stores one series per supply, tray and count, tagged, with the values the nodes sent", async () => {
        assert.ok(rt);
        await pressInject(rt, "poll");
        let points: Point[] = [];
        const until = Date.now() + 20_000;
        while (Date.now() < until) {
            points = sentPoints();
            const stored = await influx.query('SELECT count("value") FROM /.*/', "office");
            const count = stored.reduce((n, s) => n + Number(s.values[0]?.[1] ?? 0), 0);
            if (points.length > 0 && count >= points.length) break;
            await new Promise((r) => setTimeout(r, 250));
        }
        assert.ok(!/\[error\]/.test(rt?.output() ?? ""), rt?.output());
        const measurements = new Set(points.map((p) => p.measurement));
        assert.deepEqual([...measurements].sort(), [
            "printer_supply_percent",
            "printer_tray_percent",
            "wifi_ap_clients",
            "wifi_band_clients",
            "wifi_ssid_clients",
        ]);
        const shown = await influx.query("SHOW MEASUREMENTS", "office");
        assert.deepEqual(shown[0]?.values.map((v) => v[0]).sort(), [...measurements].sort());
        assert.equal(
            (await influx.query('SELECT * FROM "unused"', "office")).length,
            0,
            "msg.measurement won",
        );
        for (const point of points) {
            const where = Object.entries(point.tags)
                .map(([k, v]) => `"${k}" = '${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`)
                .join(" AND ");
            const series = await influx.query(
                `SELECT last("value") FROM "${point.measurement}" WHERE ${where} GROUP BY *`,
                "office",
            );
            assert.equal(series.length, 1, `one series for ${JSON.stringify(point.tags)}`);
            // GROUP BY * lists every tag key of the measurement; one a point does not have is "".
            const stored = Object.fromEntries(
                Object.entries(series[0]?.tags ?? {}).filter(([, v]) => v !== ""),
            );
            assert.deepEqual(stored, point.tags, "stored with exactly the tags sent");
            assert.equal(series[0]?.values[0]?.[1], point.fields.value);
        }
        const supplies = points.filter((p) => p.measurement === "printer_supply_percent");
        assert.ok(supplies.length >= 4, "the printer's supplies");
        assert.ok(
            supplies.every(
                (p) => p.tags.device === "Reception" && p.tags.id !== undefined && p.tags.name !== undefined,
            ),
        );
    });
});
