/**
 * The two widgets in a real Node-RED with node-red-dashboard, looked at in headless Chromium:
 * the cards and the table show the values of the messages, in the right order and colours, a new
 * browser tab gets the current state, the client table sorts on a click, and hostile device
 * strings are shown as text without running anything.
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { dashboardSite, type FlowNode } from "../../tools/demo/dashboard";
import { httpGet, startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { haveChromium, launchChromium, screenshot, type Browser } from "./chromium";

const HOSTILE_SUPPLY = `<img src=x onerror="window.__xss=1">`;
const HOSTILE_CLIENT = `<script>window.__xss2=1</script>`;
const ANGULAR_CLIENT = "{{7*7}}";
const HOSTILE_ALERT = `<svg onload="window.__xss3=1"></svg>`;
const T = "2026-11-21T09:00:00.000Z";

function supply(id: string, name: string, color: string | null, percent: number | null, state = "ok") {
    return {
        id,
        name,
        type: "toner",
        color,
        class: "consumed",
        unit: "percent",
        level: percent ?? -3,
        max: 100,
        percent,
        state,
    };
}

const RECEPTION = {
    device: "Reception MFP",
    host: "10.0.0.11",
    reachable: true,
    model: "Color MFP 4000",
    name: "reception",
    location: "Ground floor",
    time: T,
    status: "idle",
    errors: ["lowToner"],
    alerts: [],
    supplies: [
        supply("1.1", "Black Toner", "black", 64),
        supply("1.2", "Cyan Toner", "cyan", 35),
        supply("1.3", "Magenta Toner", "magenta", 55),
        supply("1.4", "Yellow Toner", "yellow", 8, "low"),
        {
            ...supply("1.5", "Waste Toner Box", null, 8, "almostFull"),
            type: "wasteToner",
            class: "receptacle",
        },
        { ...supply("1.6", "Drum Unit", null, null, "someRemaining"), type: "opc" },
    ],
    trays: [
        { id: "1.1", name: "Tray 1", media: "A4", level: 250, max: 500, percent: 50, state: "ok" },
        { id: "1.2", name: "Bypass", media: "", level: 0, max: 100, percent: 0, state: "empty" },
    ],
    outputs: [],
    pageCount: 48211,
    quirks: [],
};

const ACCOUNTING = {
    ...RECEPTION,
    device: "Accounting",
    host: "10.0.0.12",
    model: "Mono 2100",
    location: "1st floor",
    errors: ["jammed"],
    alerts: [{ severity: "warning", group: "marker", code: "other", text: HOSTILE_ALERT }],
    supplies: [supply("1.1", HOSTILE_SUPPLY, "black", 71)],
    trays: [],
};

const WAREHOUSE = {
    ...RECEPTION,
    device: "Warehouse",
    host: "10.0.0.13",
    errors: [],
    supplies: [supply("1.1", "Black", "black", 90)],
};
const WAREHOUSE_DOWN = {
    device: "Warehouse",
    host: "10.0.0.13",
    reachable: false,
    time: "2026-11-21T09:05:00.000Z",
    error: { code: "timeout", message: "no answer from 10.0.0.13:161 in 5 s" },
};

const WLC = {
    device: "Office WLC",
    host: "10.0.1.1",
    reachable: true,
    profile: "cisco-wlc",
    model: "WLC",
    time: T,
    totals: { clients: 5, aps: 2 },
    aps: [
        { id: "1", name: "AP-Lobby", clients: 3, radios: [], ssids: [] },
        { id: "2", name: "AP-Office", clients: 2, radios: [], ssids: [] },
    ],
    ssids: [],
    clients: [
        {
            mac: "aa:bb:cc:00:00:01",
            name: "reception-pc",
            ap: "AP-Lobby",
            ssid: "Office",
            band: "5",
            signal: -48,
        },
        {
            mac: "aa:bb:cc:00:00:02",
            name: HOSTILE_CLIENT,
            ap: "AP-Lobby",
            ssid: "Guest",
            band: "2.4",
            signal: -77,
        },
        { mac: "aa:bb:cc:00:00:03", ap: "AP-Lobby", ssid: "Office", band: "5", signal: -63 },
        {
            mac: "aa:bb:cc:00:00:04",
            name: ANGULAR_CLIENT,
            ap: "AP-Office",
            ssid: "Office",
            band: "5",
            signal: -55,
        },
        { mac: "aa:bb:cc:00:00:05", name: "laptop-7", ap: "AP-Office", ssid: "Office", band: "6", snr: 30 },
    ],
    capabilities: { perClient: true, signal: "dBm" },
};

/** An Inject node that sends one reading into `target` (fired by the test through the admin API). */
function inject(key: string, target: string, payload: unknown, tab: string): FlowNode {
    return {
        // An id equal to another property's value would look like a config node reference.
        id: `inject-${key}`,
        type: "inject",
        z: tab,
        name: key,
        props: [{ p: "payload" }, { p: "topic", vt: "str" }],
        repeat: "",
        once: false,
        topic: "",
        payload: JSON.stringify(payload),
        payloadType: "json",
        wires: [[target]],
    };
}

function flow(): FlowNode[] {
    const site = dashboardSite({
        prefix: "t",
        site: "Office",
        tabs: {
            office: {
                name: "Office",
                groups: { printers: { name: "Printers", width: 18 }, wifi: { name: "Wi-Fi", width: 12 } },
            },
        },
    });
    const tab = "flow1";
    return [
        { id: tab, type: "tab", label: "Widgets" },
        ...site.nodes,
        {
            id: "ps",
            type: "ui_printer_supplies",
            z: tab,
            group: site.groups["office.printers"],
            order: 1,
            width: 0,
            height: 0,
            stalePolls: 3,
            wires: [],
        },
        {
            id: "wc",
            type: "ui_wifi_clients",
            z: tab,
            group: site.groups["office.wifi"],
            order: 1,
            width: 0,
            height: 0,
            maxRows: 200,
            stalePolls: 3,
            wires: [],
        },
        inject("reception", "ps", RECEPTION, tab),
        inject("accounting", "ps", ACCOUNTING, tab),
        inject("warehouse", "ps", WAREHOUSE, tab),
        inject("warehouseDown", "ps", WAREHOUSE_DOWN, tab),
        inject("wlc", "wc", WLC, tab),
    ];
}

/**
 * Press an Inject node's button (POST /inject/:id). Right after start-up the flows may still be
 * starting, and the runtime answers 404 until the node exists: try again for a few seconds.
 */
async function fire(rt: ChildRuntime, id: string): Promise<void> {
    const until = Date.now() + 15_000;
    for (;;) {
        const res = await fetch(`${rt.url}/inject/inject-${id}`, { method: "POST" });
        if (res.status === 200) return;
        if (res.status !== 404 || Date.now() > until) {
            assert.fail(`inject ${id}: ${res.status} ${await res.text()}\n${rt.output()}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
}

async function texts(page: Page | Locator, selector: string): Promise<string[]> {
    return page
        .locator(selector)
        .allTextContents()
        .then((all) => all.map((s) => s.replace(/\s+/g, " ").trim()));
}

describe("dashboard widgets in Chromium", function () {
    this.timeout(120_000);
    let rt: ChildRuntime;
    let browser: Browser;

    before(async function () {
        if (!haveChromium()) {
            console.log("      (skipped: /usr/bin/chromium is not installed; apt-get install chromium)");
            this.skip();
        }
        rt = await startChildRuntime({ flows: flow(), dashboard: true });
        for (const id of ["reception", "accounting", "warehouse", "warehouseDown", "wlc"]) await fire(rt, id);
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
    });

    it("serves the dashboard at /ui", async () => {
        const res = await httpGet(rt.url, "/ui/");
        assert.equal(res.status, 200);
    });

    it("shows one card per printer, most urgent first, with the values of the readings", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/`);
        await page.locator(".sno-card").nth(2).waitFor();
        assert.deepEqual(await texts(page, ".sno-card .sno-name"), [
            "Accounting",
            "Warehouse",
            "Reception MFP",
        ]);
        assert.equal(
            await page.locator(".sno-printers .sno-summary").textContent(),
            "3 printers · 1 critical · 1 low · 1 offline",
        );

        const reception = page.locator('.sno-card[data-key="10.0.0.11"]');
        assert.deepEqual(await texts(reception, ".sno-status"), ["idle"]);
        assert.deepEqual(await texts(reception, ".sno-issue"), ["Low toner"]);
        const supplyRows = await texts(
            reception,
            '.sno-bar[data-kind="supply"], .sno-bar[data-kind="waste"]',
        );
        assert.deepEqual(supplyRows, [
            "Black Toner 64 %",
            "Cyan Toner 35 %",
            "Magenta Toner 55 %",
            "Yellow Toner 8 % · low",
            "Waste Toner Box 92 % full",
            "Drum Unit some remaining",
        ]);
        assert.deepEqual(await texts(reception, '.sno-bar[data-kind="tray"]'), [
            "Tray 1 50 %",
            "Bypass 0 % · empty",
        ]);

        // Real colours, widths as a share of the track.
        const fills = await reception.locator(".sno-fill").evaluateAll((els) =>
            els.map((e) => {
                const el = e as HTMLElement;
                const track = el.parentElement as HTMLElement;
                return [
                    getComputedStyle(el).backgroundColor,
                    Math.round((100 * el.offsetWidth) / track.offsetWidth),
                ];
            }),
        );
        assert.deepEqual(fills.slice(0, 5), [
            ["rgb(33, 33, 33)", 64],
            ["rgb(0, 168, 232)", 35],
            ["rgb(230, 0, 126)", 55],
            ["rgb(255, 225, 0)", 8],
            ["rgb(141, 110, 99)", 92],
        ]);

        const warehouse = page.locator('.sno-card[data-key="10.0.0.13"]');
        assert.ok(await warehouse.evaluate((e) => e.classList.contains("sno-greyed")));
        const note = (await warehouse.locator(".sno-note").textContent()) ?? "";
        assert.match(
            note,
            /^unreachable: no answer from 10\.0\.0\.13:161 in 5 s · last reading \d{1,2} Nov \d\d:\d\d:\d\d$/,
        );
        assert.deepEqual(
            await texts(warehouse, ".sno-bar"),
            ["Black 90 %", "Tray 1 50 %", "Bypass 0 % · empty"],
            "its last values stay visible",
        );
        await screenshot(page, "printers.png");
        await page.close();
    });

    it("shows hostile device strings as text and runs none of them", async () => {
        const page = await browser.newPage();
        const dialogs: string[] = [];
        page.on("dialog", (d) => {
            dialogs.push(d.message());
            void d.dismiss();
        });
        await page.goto(`${rt.url}/ui/`);
        await page.locator(".sno-table tbody tr").nth(4).waitFor();
        const accounting = page.locator('.sno-card[data-key="10.0.0.12"]');
        assert.deepEqual(await texts(accounting, ".sno-label"), [HOSTILE_SUPPLY]);
        assert.deepEqual(await texts(accounting, ".sno-issue"), ["Paper jam", HOSTILE_ALERT]);
        assert.ok(await accounting.locator(".sno-label").isVisible());
        const labels = await texts(page, ".sno-table tbody td:first-child");
        assert.ok(labels.includes(HOSTILE_CLIENT), labels.join(" | "));
        assert.ok(labels.includes(ANGULAR_CLIENT), "an Angular expression from a device is not evaluated");
        const found = await page.evaluate(() => ({
            xss: (window as unknown as { __xss?: number }).__xss,
            xss2: (window as unknown as { __xss2?: number }).__xss2,
            xss3: (window as unknown as { __xss3?: number }).__xss3,
            svgs: document.querySelectorAll(".sno-root svg").length,
            images: document.querySelectorAll(".sno-root img").length,
            scripts: Array.from(document.querySelectorAll("script")).filter((s) =>
                s.textContent?.includes("__xss"),
            ).length,
        }));
        assert.deepEqual(found, {
            xss: undefined,
            xss2: undefined,
            xss3: undefined,
            svgs: 0,
            images: 0,
            scripts: 0,
        });
        assert.deepEqual(dialogs, []);
        await page.close();
    });

    it("shows clients per AP and a table that sorts when a header is clicked", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/`);
        await page.locator(".sno-table tbody tr").nth(4).waitFor();
        assert.deepEqual(await texts(page, ".sno-ap"), ["AP-Lobby 3", "AP-Office 2"]);
        assert.equal(
            await page.locator(".sno-wifi .sno-summary").textContent(),
            "1 device · 2 APs · 5 clients",
        );
        const rows = async (): Promise<string[]> => texts(page, ".sno-table tbody tr");
        // By AP, then by name (Angular's orderBy compares lower-cased text by code unit).
        assert.deepEqual(await rows(), [
            `${HOSTILE_CLIENT} AP-Lobby Guest 2.4 GHz poor-77 dBm`,
            "aa:bb:cc:00:00:03 AP-Lobby Office 5 GHz fair-63 dBm",
            "reception-pc AP-Lobby Office 5 GHz excellent-48 dBm",
            "laptop-7 AP-Office Office 6 GHz goodSNR 30 dB",
            `${ANGULAR_CLIENT} AP-Office Office 5 GHz good-55 dBm`,
        ]);
        const signalHeader = page.locator('th[data-sort="signalSort"]');
        await signalHeader.click();
        assert.deepEqual(
            await texts(page, ".sno-table tbody td:first-child"),
            [HOSTILE_CLIENT, "laptop-7", "aa:bb:cc:00:00:03", ANGULAR_CLIENT, "reception-pc"],
            "weakest first",
        );
        assert.equal(await signalHeader.getAttribute("aria-sort"), "ascending");
        await signalHeader.click();
        assert.equal(
            await page.locator(".sno-table tbody td:first-child").first().textContent(),
            "reception-pc",
        );
        assert.equal(await signalHeader.getAttribute("aria-sort"), "descending");
        const dots = await page
            .locator(".sno-table tbody .sno-q")
            .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
        assert.equal(dots[0], "rgb(46, 125, 50)", "excellent is green");
        await page.locator('th[data-sort="label"]').click();
        assert.deepEqual(await texts(page, ".sno-table tbody td:first-child"), [
            HOSTILE_CLIENT,
            "aa:bb:cc:00:00:03",
            "laptop-7",
            "reception-pc",
            ANGULAR_CLIENT,
        ]);
        await screenshot(page, "wifi.png");
        await page.close();
    });

    it("updates live, and a tab opened later gets the current state at once", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/`);
        await page.locator(".sno-card").nth(2).waitFor();
        await fire(rt, "warehouse");
        await page.locator('.sno-card[data-key="10.0.0.13"]:not(.sno-greyed)').waitFor({ timeout: 10_000 });
        const later = await browser.newPage();
        await later.goto(`${rt.url}/ui/`);
        await later.locator('.sno-card[data-key="10.0.0.13"]:not(.sno-greyed)').waitFor({ timeout: 10_000 });
        assert.equal(await later.locator(".sno-card").count(), 3);
        await later.close();
        await page.close();
    });

    it("grows the widgets to fit their content (no scrolling inside)", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/`);
        await page.locator(".sno-table tbody tr").nth(4).waitFor();
        await page.waitForTimeout(500);
        const sizes = await page
            .locator("md-card.nr-dashboard-template")
            .evaluateAll((els) => els.map((e) => [e.scrollHeight, e.clientHeight]));
        assert.equal(sizes.length, 2);
        for (const [scroll, client] of sizes)
            assert.ok((scroll ?? 0) <= (client ?? 0) + 1, `${scroll} > ${client}`);
        await page.close();
    });
});
