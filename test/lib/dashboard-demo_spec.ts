/**
 * The flow `npm start` writes and how it reads real devices: a complete, valid flow with the
 * community kept out of it, the same node ids at every start, device lists from the environment
 * or a file.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoFlow, type DemoOptions } from "../../tools/demo/flow";
import { realDevices } from "../../tools/demo/start";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const OPTIONS: DemoOptions = {
    printers: ["127.0.0.11:40001 Reception MFP", "127.0.0.12:40002 Accounting"],
    aps: ["127.0.0.31:40003 Office controller"],
    snmp: { version: "2c", community: "c0mmunity-s3cret" },
    printerIntervalS: 10,
    apIntervalS: 5,
    source: "simulator",
};

function byType(flow: FlowNode[], type: string): FlowNode[] {
    return flow.filter((n) => n.type === type);
}

describe("npm start: the demo flow", () => {
    const { flows, credentials } = demoFlow(OPTIONS);
    const flow = flows as FlowNode[];
    const ids = new Set(flow.map((n) => n.id));

    it("is a complete flow: unique ids, wires and references that exist", () => {
        assert.equal(ids.size, flow.length);
        for (const n of flow) {
            for (const targets of n.wires ?? [])
                for (const t of targets) assert.ok(ids.has(t), `${n.id} → ${t}`);
            for (const key of ["group", "snmp", "tab", "page", "ui", "theme"]) {
                if (typeof n[key] === "string") assert.ok(ids.has(n[key]), `${n.type}.${key} = ${n[key]}`);
            }
            if (typeof n.z === "string") assert.ok(ids.has(n.z));
        }
        assert.equal(byType(flow, "ui_base").length, 1);
        assert.equal(byType(flow, "ui-base").length, 1);
    });

    it("polls the devices it is given, at the intervals given", () => {
        assert.equal(byType(flow, "printer-supplies")[0]?.devices, OPTIONS.printers.join("\n"));
        assert.equal(byType(flow, "ap-clients")[0]?.devices, OPTIONS.aps.join("\n"));
        assert.deepEqual(
            byType(flow, "inject")
                .map((n) => n.repeat)
                .sort(),
            ["10", "5"],
        );
    });

    it("feeds the widgets of both dashboards and threshold-alert from output 1, the charts from output 2", () => {
        const printers = byType(flow, "printer-supplies")[0];
        const aps = byType(flow, "ap-clients")[0];
        const typeOf = (id: string): string => flow.find((n) => n.id === id)?.type ?? "?";
        assert.deepEqual(printers?.wires?.[0]?.map(typeOf).sort(), [
            "threshold-alert",
            "ui-printer-supplies",
            "ui_printer_supplies",
        ]);
        assert.deepEqual(aps?.wires?.[0]?.map(typeOf).sort(), [
            "threshold-alert",
            "ui-wifi-clients",
            "ui_wifi_clients",
        ]);
        for (const out of [printers?.wires?.[1], aps?.wires?.[1]]) {
            assert.deepEqual(out?.map(typeOf), ["switch"]);
            const sw = flow.find((n) => n.id === out?.[0]);
            assert.deepEqual(sw?.wires?.[0]?.map(typeOf), ["ui_chart"]);
        }
        assert.equal(byType(flow, "function").length, 0);
        const alert = byType(flow, "threshold-alert")[0];
        // Its list of active alerts marks the cards of all four panels, so they agree with it.
        assert.deepEqual(alert?.wires?.[1]?.map(typeOf).sort(), [
            "ui-printer-supplies",
            "ui-wifi-clients",
            "ui_printer_supplies",
            "ui_template",
            "ui_wifi_clients",
        ]);
    });

    it("pops up at most one notification a minute, the others only in the debug sidebar", () => {
        const typeOf = (id: string): string => flow.find((n) => n.id === id)?.type ?? "?";
        const alert = byType(flow, "threshold-alert")[0];
        assert.deepEqual(alert?.wires?.[0]?.map(typeOf).sort(), ["debug", "delay"]);
        const limit = flow.find((n) => n.type === "delay" && alert?.wires?.[0]?.includes(n.id));
        assert.equal(limit?.pauseType, "rate");
        assert.equal(limit?.drop, true, "the rest dropped, not queued for later");
        const minutes: Record<string, number> = { second: 1 / 60, minute: 1, hour: 60, day: 1440 };
        const unit = minutes[String(limit?.rateUnits)] ?? NaN;
        const perMinute = Number(limit?.rate) / (Number(limit?.nbRateUnits) * unit);
        assert.ok(perMinute <= 1, `${perMinute} a minute`);
        assert.deepEqual(limit?.wires?.[0]?.map(typeOf), ["ui_toast"]);
        assert.equal(byType(flow, "ui_toast").length, 1);
    });

    it("keeps the community out of the flow and shows device text as text", () => {
        assert.doesNotMatch(JSON.stringify(flow), /c0mmunity-s3cret/);
        const snmp = byType(flow, "snmp-credentials")[0];
        assert.deepEqual(credentials[snmp?.id ?? ""], { community: "c0mmunity-s3cret" });
        const list = byType(flow, "ui_template")[0];
        assert.doesNotMatch(String(list?.format), /ng-bind-html|innerHTML/);
        assert.equal(byType(flow, "ui_toast")[0]?.raw, false);
    });

    it("writes the same node ids at every start, whatever the ports", () => {
        const again = demoFlow({ ...OPTIONS, printers: ["127.0.0.11:50001 Reception MFP"] }).flows;
        assert.deepEqual(
            again.map((n) => n.id),
            flow.map((n) => n.id),
        );
    });
});

describe("npm start -- --real: devices from the environment or a file", () => {
    it("reads PRINTERS, APS, COMMUNITY and SNMP_VERSION", () => {
        const d = realDevices({
            PRINTERS: "10.0.0.5 Office 2F; 10.0.0.6\n 10.0.0.7:1161 Lab printer ;",
            APS: "10.0.0.2 Controller",
            COMMUNITY: "office",
            SNMP_VERSION: "v1",
        });
        assert.deepEqual(d.printers, ["10.0.0.5 Office 2F", "10.0.0.6", "10.0.0.7:1161 Lab printer"]);
        assert.deepEqual(d.aps, ["10.0.0.2 Controller"]);
        assert.deepEqual(d.snmp, { version: "1", community: "office" });
        assert.deepEqual(realDevices({}).snmp, { version: "2c", community: "public" });
        assert.throws(() => realDevices({ SNMP_VERSION: "3" }), /not supported by the demo.*editor/);
    });

    it("reads the same from a JSON file", () => {
        const dir = mkdtempSync(join(tmpdir(), "snmp-office-demo-"));
        try {
            const file = join(dir, "office.json");
            writeFileSync(
                file,
                JSON.stringify({
                    printers: ["10.0.0.5 Office 2F"],
                    aps: "10.0.0.2; 10.0.0.3",
                    community: "x",
                    timeout: 2000,
                }),
            );
            assert.deepEqual(realDevices({}, file), {
                printers: ["10.0.0.5 Office 2F"],
                aps: ["10.0.0.2", "10.0.0.3"],
                snmp: { version: "2c", community: "x", timeout: 2000 },
            });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
