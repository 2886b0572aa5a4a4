/**
 * Examples 08–10 (dashboards): each opens with a comment, is well formed, uses no function node,
 * and feeds the charts from output 2 of a query node (directly or through a switch only); 08 and
 * 09 also run in a real runtime against the simulator (10 needs Dashboard 2, not installed here).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PROJECT_ROOT } from "../../tools/runtime";
import { startSimulator, type Simulator } from "../../tools/sim";
import { haveChromium, launchChromium, screenshot, type Browser } from "../browser/chromium";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

type FlowNode = Record<string, unknown> & { id: string; type: string; wires?: string[][] };

const DASHBOARD_EXAMPLES = [
    "08 - Dashboard printers and Wi-Fi (needs node-red-dashboard).json",
    "09 - Gauges and charts with the stock widgets (needs node-red-dashboard).json",
    "10 - Dashboard 2 charts and tables (needs Dashboard 2).json",
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
                // Loopback addresses only: deploying the example as it is reaches no network.
                for (const n of flow.filter((x) => typeof x.devices === "string")) {
                    for (const line of String(n.devices).split("\n")) assert.match(line, /^127\.0\.0\.\d+ /);
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

    it("10 wires output 1 of each query node into its Dashboard 2 panel", () => {
        const flow = readExample(DASHBOARD_EXAMPLES[2] ?? "");
        const widget = (type: string): FlowNode | undefined => flow.find((n) => n.type === type);
        assert.deepEqual(origin(flow, widget("ui-printer-supplies")?.id ?? ""), ["printer-supplies#1"]);
        assert.deepEqual(origin(flow, widget("ui-wifi-clients")?.id ?? ""), ["ap-clients#1"]);
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

/**
 * Examples 08 and 09 imported into a real Node-RED with node-red-dashboard (10 with Dashboard 2), their documentation
 * addresses replaced by simulated devices on loopback (no traffic ever goes anywhere else), and
 * looked at in Chromium: the widgets, charts and gauges show data.
 */
describe("dashboard examples in a real runtime", function () {
    this.timeout(120_000);
    let sim: Simulator | undefined;
    let browser: Browser | undefined;

    before(async function () {
        const types = Object.keys(
            (
                JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
                    "node-red": { nodes: object };
                }
            )["node-red"].nodes,
        );
        const missing = ["printer-supplies", "ap-clients"].filter((t) => !types.includes(t));
        if (missing.length > 0) {
            console.log(`      (skipped: needs the ${missing.join(" and ")} node, not in package.json yet)`);
            this.skip();
        }
        if (!haveChromium()) {
            console.log("      (skipped: /usr/bin/chromium is not installed; apt-get install chromium)");
            this.skip();
        }
        sim = await startSimulator({
            devices: [
                {
                    name: "printer",
                    file: join(PROJECT_ROOT, "test/fixtures/printers/colour-laser.snmprec"),
                    port: 0,
                },
                {
                    name: "wlc",
                    file: join(PROJECT_ROOT, "test/fixtures/wireless/cisco-wlc.snmprec"),
                    port: 0,
                },
            ],
        });
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
        await sim?.stop();
    });

    /** The example as the editor imports it (into a tab), polling the simulator instead. */
    function imported(file: string): FlowNode[] {
        const s = sim as Simulator;
        const line = (name: string): string => {
            const e = s.endpoint(name);
            return `${e.host}:${e.port} ${name === "printer" ? "Office 2F" : "Office controller"}`;
        };
        const flow = readExample(file).map((n) => {
            const node: FlowNode = { ...n };
            if (Array.isArray(n.wires) || n.type === "comment") node.z = "tab";
            if (n.type === "printer-supplies") node.devices = line("printer");
            if (n.type === "ap-clients") node.devices = line("wlc");
            if (n.type === "inject") node.onceDelay = "0.5";
            return node;
        });
        return [{ id: "tab", type: "tab", label: file }, ...flow];
    }

    async function open(file: string, check: (page: Page) => Promise<void>, path = "/ui/"): Promise<void> {
        const dashboard2 = path.startsWith("/dashboard");
        const rt: ChildRuntime = await startChildRuntime({
            flows: imported(file),
            dashboard: !dashboard2,
            dashboard2,
        });
        try {
            const page = await (browser as Browser).newPage();
            await page.goto(`${rt.url}${path}`);
            await check(page);
            await screenshot(page, `example-${file.slice(0, 2)}.png`);
            await page.close();
            assert.doesNotMatch(rt.output(), /missing (node )?types|\[error\]/i, rt.output());
        } finally {
            await rt.stop();
        }
    }

    it("08 shows the printer card and the Wi-Fi table", async () => {
        await open(DASHBOARD_EXAMPLES[0] ?? "", async (page) => {
            await page.locator(".sno-card .sno-name", { hasText: "Office 2F" }).waitFor({ timeout: 60_000 });
            await page.locator(".sno-table tbody tr").first().waitFor({ timeout: 60_000 });
            assert.ok((await page.locator(".sno-card .sno-bar").count()) >= 4);
        });
    });

    it("09 draws the charts and the gauges from output 2", async () => {
        // The black cartridge of the colour laser fixture: prtMarkerSuppliesLevel / MaxCapacity .1.1.
        const level = (sim as Simulator).get("printer", "1.3.6.1.2.1.43.11.1.1.9.1.1")?.value;
        const max = (sim as Simulator).get("printer", "1.3.6.1.2.1.43.11.1.1.8.1.1")?.value;
        assert.ok(typeof level === "number" && typeof max === "number");
        const black = String(Math.round((100 * level) / max));
        await open(DASHBOARD_EXAMPLES[1] ?? "", async (page) => {
            await page.locator(".nr-dashboard-chart canvas").nth(1).waitFor({ timeout: 60_000 });
            await page.waitForFunction(
                (want) => {
                    const title = Array.from(document.querySelectorAll(".nr-dashboard-gauge-title")).find(
                        (t) => t.textContent?.trim() === "Black toner",
                    );
                    const texts = Array.from(title?.closest("md-card")?.querySelectorAll("svg text") ?? []);
                    return texts.some((t) => t.textContent?.trim() === want);
                },
                black,
                { timeout: 60_000 },
            );
        });
    });

    it("10 shows the printers and Wi-Fi panels beside Dashboard 2's charts and tables", async () => {
        await open(
            DASHBOARD_EXAMPLES[2] ?? "",
            async (page) => {
                await page
                    .locator(".sno-card .sno-name", { hasText: "Office 2F" })
                    .waitFor({ timeout: 60_000 });
                await page.locator(".sno-table tbody tr").first().waitFor({ timeout: 60_000 });
                assert.ok((await page.locator(".sno-card .sno-bar").count()) >= 4);
                await page.locator(".sno-ap").first().waitFor({ timeout: 60_000 });
                // The stock widgets beside them: two charts and two tables with rows.
                await page.locator("canvas").nth(1).waitFor({ timeout: 60_000 });
                await page
                    .locator(".nrdb-ui-table tbody tr, .v-table tbody tr")
                    .nth(1)
                    .waitFor({ timeout: 60_000 });
            },
            "/dashboard/office",
        );
    });
});
