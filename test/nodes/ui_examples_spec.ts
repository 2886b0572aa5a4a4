/**
 * Examples 08–10 (dashboards): each opens with a comment, is well formed, uses no function node,
 * and feeds the charts from output 2 of a query node (directly or through a switch only).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../tools/runtime";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const DASHBOARD_EXAMPLES = [
    "08 - Dashboard printers and Wi-Fi.json",
    "09 - Gauges and charts with the stock widgets.json",
    "10 - Dashboard 2 charts and tables.json",
];

function readExample(file: string): FlowNode[] {
    return JSON.parse(readFileSync(join(PROJECT_ROOT, "examples", file), "utf8")) as FlowNode[];
}

/** The nodes wired into `id`, with the output port they come from. */
function sources(flow: FlowNode[], id: string): { node: FlowNode; port: number }[] {
    const out: { node: FlowNode; port: number }[] = [];
    for (const node of flow) {
        (node.wires ?? []).forEach((targets, port) => {
            if (targets.includes(id)) out.push({ node, port });
        });
    }
    return out;
}

/** Where a chart's data comes from: the query node and port, looking through switch nodes. */
function origin(flow: FlowNode[], id: string): string[] {
    return sources(flow, id).flatMap(({ node, port }) =>
        node.type === "switch" ? origin(flow, node.id) : [`${node.type}#${port + 1}`],
    );
}

describe("dashboard examples", () => {
    for (const file of DASHBOARD_EXAMPLES) {
        describe(file, () => {
            const flow = readExample(file);

            it("opens with a comment that says what it shows", () => {
                assert.equal(flow[0]?.type, "comment");
                assert.ok(String(flow[0]?.name).length > 10);
                assert.ok(String(flow[0]?.info).length > 100);
            });

            it("is well formed: unique ids, wires and config references that exist", () => {
                const ids = new Set(flow.map((n) => n.id));
                assert.equal(ids.size, flow.length);
                for (const n of flow) {
                    for (const targets of n.wires ?? [])
                        for (const t of targets) assert.ok(ids.has(t), `${n.id} → ${t}`);
                    for (const key of ["group", "snmp", "tab", "page", "ui", "theme"]) {
                        if (typeof n[key] === "string" && n[key] !== "")
                            assert.ok(ids.has(n[key]), `${n.type}.${key}`);
                    }
                }
            });

            it("needs no function node and keeps credentials out of the flow", () => {
                assert.deepEqual(
                    flow.filter((n) => n.type === "function"),
                    [],
                );
                const text = JSON.stringify(flow);
                assert.doesNotMatch(text, /"community"|"authKey"|"privKey"/);
                // Documentation addresses only (RFC 5737 TEST-NET-1).
                for (const n of flow.filter((x) => typeof x.devices === "string")) {
                    for (const line of String(n.devices).split("\n")) assert.match(line, /^192\.0\.2\.\d+ /);
                }
            });

            it("feeds every chart and gauge from output 2 of a query node", () => {
                const charts = flow.filter((n) => ["ui_chart", "ui_gauge", "ui-chart"].includes(n.type));
                if (file.startsWith("08")) assert.equal(charts.length, 0);
                else assert.ok(charts.length >= 2);
                for (const c of charts) {
                    const from = origin(flow, c.id);
                    assert.ok(from.length > 0, c.id);
                    for (const f of from)
                        assert.match(f, /^(printer-supplies|ap-clients)#2$/, `${c.type} ${c.id}`);
                }
            });
        });
    }

    it("08 wires output 1 of each query node into its widget", () => {
        const flow = readExample(DASHBOARD_EXAMPLES[0] ?? "");
        const widget = (type: string): FlowNode | undefined => flow.find((n) => n.type === type);
        assert.deepEqual(origin(flow, widget("ui_printer_supplies")?.id ?? ""), ["printer-supplies#1"]);
        assert.deepEqual(origin(flow, widget("ui_wifi_clients")?.id ?? ""), ["ap-clients#1"]);
    });

    it("10 shows table cells as text", () => {
        const flow = readExample(DASHBOARD_EXAMPLES[2] ?? "");
        const tables = flow.filter((n) => n.type === "ui-table");
        assert.equal(tables.length, 2);
        for (const t of tables) {
            const columns = t.columns as { type: string }[];
            assert.ok(columns.length > 0);
            assert.ok(columns.every((c) => c.type === "text"));
        }
    });
});
