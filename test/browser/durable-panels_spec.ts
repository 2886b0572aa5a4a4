/**
 * The dashboard panels keep their cards and history lines over a full deploy and a restart of
 * Node-RED (issue 15), on both dashboards: a real Node-RED in a child process with default
 * settings (no context store), readings fed over HTTP, the runtime redeployed and restarted, and
 * the pages looked at in headless Chromium. After the restart a page shows the same cards, greyed
 * as their age says, with the very same history lines; a new reading continues them; deleting a
 * panel deletes what it kept.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { dashboard2Site, dashboardSite, type FlowNode } from "../../tools/demo/dashboard";
import { deployFlows, postJson, startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { launchChromium, skipWithoutChromium, type Browser } from "./chromium";

const TAB = "d0ab1e00000000d0";
const PS = "d0ab1e00000000d1";
const WC = "d0ab1e00000000d2";
const PS2 = "d0ab1e00000000d3";
const WC2 = "d0ab1e00000000d4";
const PANELS = [PS, WC, PS2, WC2];

const SITE1 = dashboardSite({
    prefix: "h",
    site: "Office",
    tabs: {
        office: {
            name: "Office",
            groups: { printers: { name: "Printers", width: 12 }, wifi: { name: "Wi-Fi", width: 12 } },
        },
    },
});
const SITE2 = dashboard2Site({
    prefix: "h",
    site: "Office",
    page: {
        name: "Office",
        path: "/office",
        groups: { printers: { name: "Printers", width: 12 }, wifi: { name: "Wi-Fi", width: 12 } },
    },
});
const PAGES = [
    { name: "node-red-dashboard", url: "/ui/" },
    { name: "Dashboard 2", url: SITE2.url },
];

function printer(host: string, device: string, black: number): Record<string, unknown> {
    return {
        device,
        host,
        reachable: true,
        model: "Mono 2100",
        time: new Date().toISOString(),
        status: "idle",
        errors: [],
        alerts: [],
        supplies: [
            {
                id: "1.1",
                name: "Black Toner",
                type: "toner",
                color: "black",
                class: "consumed",
                unit: "percent",
                level: black,
                max: 100,
                percent: black,
                state: "ok",
            },
        ],
        trays: [],
        outputs: [],
        quirks: [],
    };
}

function wlc(clients: number): Record<string, unknown> {
    return {
        device: "Office WLC",
        host: "10.0.1.1",
        reachable: true,
        time: new Date().toISOString(),
        totals: { clients, aps: 1 },
        aps: [
            {
                id: "1",
                name: "AP-Lobby",
                clients,
                radios: [],
                ssids: [],
                signal: { median: -60 - clients, min: -80, weak: 0 },
            },
        ],
        ssids: [],
        clients: [],
        capabilities: { perClient: false, signal: "dBm" },
    };
}

/** POST /feed/<name> with one reading: it goes to the panels of both dashboards. */
function feed(id: string, name: string, to: string[]): FlowNode[] {
    return [
        {
            id,
            type: "http in",
            z: TAB,
            url: `/feed/${name}`,
            method: "post",
            upload: false,
            wires: [[`${id}r`, `${id}f`]],
        },
        { id: `${id}r`, type: "http response", z: TAB, statusCode: "204", headers: {}, wires: [] },
        // Only the reading goes on (not the request and response objects).
        {
            id: `${id}f`,
            type: "function",
            z: TAB,
            func: "return { payload: msg.payload };",
            outputs: 1,
            wires: [to],
        },
    ];
}

function flow(without: string[] = []): FlowNode[] {
    const panel = (id: string, type: string, group: string | undefined): FlowNode => ({
        id,
        type,
        z: TAB,
        group,
        order: 1,
        width: 0,
        height: 0,
        // Stale after one missed poll: after the restart the cards are greyed by their age.
        stalePolls: 1,
        maxRows: 200,
        wires: [],
    });
    const nodes: FlowNode[] = [
        { id: TAB, type: "tab", label: "Panels" },
        ...SITE1.nodes,
        ...SITE2.nodes,
        panel(PS, "ui_printer_supplies", SITE1.groups["office.printers"]),
        panel(WC, "ui_wifi_clients", SITE1.groups["office.wifi"]),
        panel(PS2, "ui-printer-supplies", SITE2.groups.printers),
        panel(WC2, "ui-wifi-clients", SITE2.groups.wifi),
        ...feed(
            "d0ab1e00000000e1",
            "printer",
            [PS, PS2].filter((id) => !without.includes(id)),
        ),
        ...feed(
            "d0ab1e00000000e2",
            "wifi",
            [WC, WC2].filter((id) => !without.includes(id)),
        ),
    ];
    return nodes.filter((n) => !without.includes(n.id));
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function post(rt: ChildRuntime, name: string, payload: unknown): Promise<void> {
    return postJson(rt.url, `/feed/${name}`, payload, 15_000);
}

function deploy(rt: ChildRuntime, flows: FlowNode[]): Promise<void> {
    return deployFlows(rt.url, flows);
}

/** What a page shows of the panels: the cards, whether greyed, and the history lines' paths. */
interface Shown {
    cards: string[];
    greyed: boolean[];
    toner: Record<string, string>;
    clients: string;
    signal: string;
}

async function shown(page: Page): Promise<Shown> {
    return page.evaluate(() => {
        const cards = Array.from(document.querySelectorAll(".sno-card"));
        const toner: Record<string, string> = {};
        for (const c of cards) {
            const d = c.querySelector(".sno-bar .sno-spark-line")?.getAttribute("d");
            toner[c.getAttribute("data-key") ?? "?"] = d ?? "";
        }
        const ap = document.querySelector(".sno-ap");
        return {
            cards: cards.map((c) => c.querySelector(".sno-name")?.textContent?.trim() ?? ""),
            greyed: cards.map((c) => c.classList.contains("sno-greyed")),
            toner,
            clients: ap?.querySelector(".sno-spark-clients .sno-spark-line")?.getAttribute("d") ?? "",
            signal: ap?.querySelector(".sno-spark-signal .sno-spark-line")?.getAttribute("d") ?? "",
        };
    });
}

/** Points of a drawn line ("M x,y L x,y …"). */
function points(d: string): number {
    return d === "" ? 0 : d.split("L").length;
}

describe("dashboard panels keep their cards and history over deploys and restarts", function () {
    this.timeout(180_000);
    let dir = "";
    let userDir = "";
    let rt: ChildRuntime | undefined;
    let browser: Browser | undefined;

    before(function () {
        skipWithoutChromium(this);
    });
    beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), "snmp-office-panels-"));
        userDir = join(dir, "user");
        browser = await launchChromium();
    });
    afterEach(async () => {
        await browser?.close();
        await rt?.stop();
        rt = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    const start = async (flows?: FlowNode[]): Promise<ChildRuntime> => {
        rt = await startChildRuntime({
            userDir,
            dashboard: true,
            dashboard2: true,
            ...(flows ? { flows } : {}),
        });
        return rt;
    };
    const stateFiles = (): string[] =>
        existsSync(join(userDir, "snmp-office")) ? readdirSync(join(userDir, "snmp-office")).sort() : [];
    const saved = (id: string): string => {
        const file = join(userDir, "snmp-office", `${id}.json`);
        return existsSync(file) ? readFileSync(file, "utf8") : "";
    };

    /** Opens each dashboard once the panels show `cards` printers and both AP lines; what each shows. */
    async function look(runtime: ChildRuntime, cards: number): Promise<Shown[]> {
        const out: Shown[] = [];
        for (const p of PAGES) {
            const page = await (browser as Browser).newPage();
            await page.goto(`${runtime.url}${p.url}`);
            await page
                .locator(".sno-card")
                .nth(cards - 1)
                .waitFor({ timeout: 20_000 });
            await page.locator(".sno-ap .sno-spark-signal").first().waitFor({ timeout: 20_000 });
            await page
                .locator(".sno-card .sno-spark-line")
                .nth(cards - 1)
                .waitFor({ timeout: 20_000 });
            out.push(await shown(page));
            await page.close();
        }
        return out;
    }

    it("shows the same cards and history lines after a full deploy and a restart, on both dashboards", async () => {
        let runtime = await start(flow());
        // Three polls 1.2 s apart: each panel learns the interval, and draws a line of three points.
        for (let i = 0; i < 3; i++) {
            if (i > 0) await sleep(1_200);
            await post(runtime, "printer", printer("10.0.0.21", "Reception", 60 - 7 * i));
            await post(runtime, "printer", printer("10.0.0.22", "Accounting", 90 - 3 * i));
            await post(runtime, "wifi", wlc(3 + 2 * i));
        }
        const before = await look(runtime, 2);
        for (const s of before) {
            assert.deepEqual(s.cards.slice().sort(), ["Accounting", "Reception"]);
            assert.equal(points(s.toner["10.0.0.21"] ?? ""), 3, JSON.stringify(s));
            assert.equal(points(s.clients), 3, JSON.stringify(s));
        }
        // Each panel times a reading on its arrival, so the two dashboards' lines differ by a few ms.
        assert.deepEqual(before[1]?.cards, before[0]?.cards, "both dashboards show the same cards");

        // Written within a second of the change (more allowed for a busy machine): one file per panel.
        const all = PANELS.map((id) => `${id}.json`).sort();
        const deadline = Date.now() + 10_000;
        while (
            Date.now() < deadline &&
            !PANELS.every((id) => saved(id).includes("Accounting") || saved(id).includes("AP-Lobby"))
        )
            await sleep(100);
        assert.deepEqual(stateFiles(), all);

        // A full deploy closes and recreates every node.
        await deploy(runtime, flow());
        const afterDeploy = await look(runtime, 2);
        afterDeploy.forEach((s, i) => {
            assert.deepEqual(s.toner, before[i]?.toner, "the same history lines after a full deploy");
            assert.equal(s.clients, before[i]?.clients);
            assert.equal(s.signal, before[i]?.signal);
        });

        // A restart of Node-RED: the cards come back from the files, greyed by their age (their
        // interval is 1.2 s and the restart takes longer), with the very same history lines.
        await runtime.stop();
        runtime = await start();
        const afterRestart = await look(runtime, 2);
        afterRestart.forEach((s, i) => {
            assert.deepEqual(s.cards, before[i]?.cards, "the same cards");
            assert.deepEqual(s.greyed, [true, true], "stale by their age");
            assert.deepEqual(s.toner, before[i]?.toner, "the same history lines after a restart");
            assert.equal(s.clients, before[i]?.clients);
            assert.equal(s.signal, before[i]?.signal);
        });

        // The next poll continues the lines and brings the card back to life.
        await post(runtime, "printer", printer("10.0.0.21", "Reception", 40));
        await post(runtime, "wifi", wlc(9));
        await sleep(500);
        for (const p of PAGES) {
            const page = await (browser as Browser).newPage();
            await page.goto(`${runtime.url}${p.url}`);
            await page
                .locator('.sno-card[data-key="10.0.0.21"]:not(.sno-greyed)')
                .waitFor({ timeout: 20_000 });
            const s = await shown(page);
            assert.equal(points(s.toner["10.0.0.21"] ?? ""), 4, `${p.name}: ${JSON.stringify(s)}`);
            assert.equal(points(s.clients), 4, `${p.name}: ${JSON.stringify(s)}`);
            await page.close();
        }

        // Deleting a panel deletes what it kept; the others keep theirs.
        await deploy(runtime, flow([PS2]));
        const left = Date.now() + 10_000;
        while (Date.now() < left && stateFiles().includes(`${PS2}.json`)) await sleep(100);
        assert.deepEqual(
            stateFiles(),
            all.filter((f) => f !== `${PS2}.json`),
        );
        assert.doesNotMatch(runtime.output(), /\[(warn|error)\] \[(ui_|ui-)/, runtime.output());
    });
});
