/**
 * The two widgets in a real Node-RED with node-red-dashboard, looked at in headless Chromium:
 * the cards and the table show the values of the messages, in the right order and colours, a new
 * browser tab gets the current state, the client table sorts on a click, and hostile device
 * strings are shown as text without running anything.
 */
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";
import { dashboard2Site, dashboardSite, type FlowNode } from "../../tools/demo/dashboard";
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
        {
            id: "1",
            name: "AP-Lobby",
            clients: 3,
            radios: [],
            ssids: [],
            load: "busy",
            signal: { median: -63, min: -77, weak: 1 },
        },
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
        {
            mac: "aa:bb:cc:00:00:03",
            ap: "AP-Lobby",
            ssid: "Office",
            band: "5",
            signal: -63,
            vendor: "Example Devices Ltd",
        },
        {
            mac: "aa:bb:cc:00:00:04",
            name: ANGULAR_CLIENT,
            ap: "AP-Office",
            ssid: "Office",
            band: "5",
            signal: -55,
        },
        {
            mac: "aa:bb:cc:00:00:05",
            name: "laptop-7",
            ap: "AP-Office",
            ssid: "Office",
            band: "6",
            snr: 30,
            randomMac: true,
        },
    ],
    capabilities: { perClient: true, signal: "dBm" },
};

/** An Inject node that sends one reading into `target` (fired by the test through the admin API). */
function inject(key: string, targets: string[], payload: unknown, tab: string): FlowNode {
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
        wires: [targets],
    };
}

/** Each dashboard: where its page is. */
interface Dash {
    name: string;
    url: string;
    /** Screenshot file name prefix. */
    shot: string;
}

const SITE1 = dashboardSite({
    prefix: "t",
    site: "Office",
    tabs: {
        office: {
            name: "Office",
            groups: { printers: { name: "Printers", width: 18 }, wifi: { name: "Wi-Fi", width: 12 } },
        },
    },
});
const SITE2 = dashboard2Site({
    prefix: "t",
    site: "Office",
    page: {
        name: "Office",
        path: "/office",
        groups: { printers: { name: "Printers", width: 12 }, wifi: { name: "Wi-Fi", width: 12 } },
    },
});

const DASHBOARDS: Dash[] = [
    { name: "node-red-dashboard", url: "/ui/", shot: "" },
    { name: "Dashboard 2", url: SITE2.url, shot: "dashboard2-" },
];

/** Both dashboards in one Node-RED, each with both panels, fed by the same Inject nodes. */
function flow(): FlowNode[] {
    const tab = "flow1";
    const widget = (id: string, type: string, group: string | undefined, extra = {}): FlowNode => ({
        id,
        type,
        z: tab,
        group,
        order: 1,
        width: 0,
        height: 0,
        // Never stale here: the tests fire readings at uneven moments, and a printer read once
        // would borrow the others' interval and grey in the middle of a test (unit-tested instead).
        stalePolls: 1000,
        wires: [],
        ...extra,
    });
    return [
        { id: tab, type: "tab", label: "Widgets" },
        ...SITE1.nodes,
        ...SITE2.nodes,
        widget("ps", "ui_printer_supplies", SITE1.groups["office.printers"]),
        widget("wc", "ui_wifi_clients", SITE1.groups["office.wifi"], { maxRows: 200 }),
        widget("ps2", "ui-printer-supplies", SITE2.groups.printers),
        widget("wc2", "ui-wifi-clients", SITE2.groups.wifi, { maxRows: 200 }),
        inject("reception", ["ps", "ps2"], RECEPTION, tab),
        inject("accounting", ["ps", "ps2"], ACCOUNTING, tab),
        inject("warehouse", ["ps", "ps2"], WAREHOUSE, tab),
        inject("warehouseDown", ["ps", "ps2"], WAREHOUSE_DOWN, tab),
        inject("wlc", ["wc", "wc2"], WLC, tab),
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

const WIDTHS = [360, 800, 1400];

/**
 * In the page: every printer card, access point tile and widget, and whatever inside it sticks
 * out of it (by its box, or scrolls inside it), described for the failure message. Runs in the browser.
 */
function measureOverflow(): { cards: number; overflows: string[]; pageWidth: number; cardColumns: number } {
    const overflows: string[] = [];
    const boxes = Array.from(document.querySelectorAll<HTMLElement>(".sno-card, .sno-ap, .sno-root"));
    const describe = (e: Element): string =>
        `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")} "${(e.textContent ?? "").trim().slice(0, 40)}"`;
    for (const box of boxes) {
        const outer = box.getBoundingClientRect();
        if (box.scrollWidth > box.clientWidth + 1)
            overflows.push(`${describe(box)} scrolls: ${box.scrollWidth} > ${box.clientWidth}`);
        for (const inner of Array.from(box.querySelectorAll("*"))) {
            const r = inner.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if (r.left < outer.left - 1 || r.right > outer.right + 1)
                overflows.push(
                    `${describe(inner)} [${Math.round(r.left)}, ${Math.round(r.right)}] outside ${describe(box)} [${Math.round(outer.left)}, ${Math.round(outer.right)}]`,
                );
        }
    }
    const lefts = new Set(
        Array.from(document.querySelectorAll(".sno-card")).map((c) =>
            Math.round(c.getBoundingClientRect().left),
        ),
    );
    return {
        cards: document.querySelectorAll(".sno-card, .sno-ap").length,
        overflows,
        pageWidth: document.documentElement.scrollWidth,
        cardColumns: lefts.size,
    };
}

/** The first line of each element's text (a client's name, not the MAC under it). */
async function firstLines(page: Page | Locator, selector: string): Promise<string[]> {
    return page
        .locator(selector)
        .allInnerTexts()
        .then((all) => all.map((s) => (s.split("\n")[0] ?? "").replace(/\s+/g, " ").trim()));
}

async function texts(page: Page | Locator, selector: string): Promise<string[]> {
    return page
        .locator(selector)
        .allInnerTexts()
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
        rt = await startChildRuntime({ flows: flow(), dashboard: true, dashboard2: true });
        for (const id of ["reception", "accounting", "warehouse", "warehouseDown", "wlc"]) await fire(rt, id);
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
    });

    for (const d of DASHBOARDS) {
        describe(d.name, () => {
            it("serves the dashboard's page", async () => {
                const res = await httpGet(rt.url, d.url);
                assert.equal(res.status, 200);
            });

            it("shows one card per printer, most urgent first, with the values of the readings", async () => {
                const page = await browser.newPage();
                await page.goto(`${rt.url}${d.url}`);
                await page.locator(".sno-card").nth(2).waitFor();
                assert.deepEqual(await texts(page, ".sno-card .sno-name"), [
                    "Accounting",
                    "Reception MFP",
                    "Warehouse",
                ]);
                assert.equal(
                    await page.locator(".sno-printers .sno-summary").textContent(),
                    "3 printers · 2 critical · 1 offline",
                );
                // The header counts and the cards' marks are the same levels (threshold-alert's
                // defaults here: an empty tray is critical).
                const urgencies = await page
                    .locator(".sno-card")
                    .evaluateAll((els) =>
                        els.map((e) => Array.from(e.classList).find((c) => c.startsWith("sno-u-"))),
                    );
                assert.deepEqual(urgencies, ["sno-u-critical", "sno-u-critical", "sno-u-offline"]);

                const reception = page.locator('.sno-card[data-key="10.0.0.11"]');
                assert.deepEqual(await texts(reception, ".sno-status"), ["idle"], "not 'down'");
                assert.deepEqual(
                    await texts(reception, ".sno-issue"),
                    [],
                    "low toner is said once, on the yellow bar, not again as a line",
                );
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
                await screenshot(page, `${d.shot}printers.png`);
                await page.close();
            });

            it("shows hostile device strings as text and runs none of them", async () => {
                const page = await browser.newPage();
                const dialogs: string[] = [];
                page.on("dialog", (d) => {
                    dialogs.push(d.message());
                    void d.dismiss();
                });
                await page.goto(`${rt.url}${d.url}`);
                await page.locator(".sno-table tbody tr").nth(4).waitFor();
                const accounting = page.locator('.sno-card[data-key="10.0.0.12"]');
                assert.deepEqual(await texts(accounting, ".sno-label"), [HOSTILE_SUPPLY]);
                assert.deepEqual(await texts(accounting, ".sno-status"), ["paper jam"], "what stops it");
                assert.deepEqual(await texts(accounting, ".sno-issue"), [HOSTILE_ALERT]);
                assert.ok(await accounting.locator(".sno-label").isVisible());
                const labels = await firstLines(page, ".sno-table tbody td:first-child");
                assert.ok(labels.includes(HOSTILE_CLIENT), labels.join(" | "));
                assert.ok(
                    labels.includes(ANGULAR_CLIENT),
                    "an Angular expression from a device is not evaluated",
                );
                const found = await page.evaluate(() => ({
                    xss: (window as unknown as { __xss?: number }).__xss,
                    xss2: (window as unknown as { __xss2?: number }).__xss2,
                    xss3: (window as unknown as { __xss3?: number }).__xss3,
                    // Only the history lines' own pictures: paths from numbers, no text.
                    svgs: document.querySelectorAll(".sno-root svg:not(.sno-spark), .sno-spark *:not(path)")
                        .length,
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
                await page.goto(`${rt.url}${d.url}`);
                await page.locator(".sno-table tbody tr").nth(4).waitFor();
                assert.deepEqual(await texts(page, ".sno-ap .sno-apname"), ["AP-Lobby", "AP-Office"]);
                assert.deepEqual(await texts(page, ".sno-ap .sno-count"), ["3", "2"]);
                assert.deepEqual(
                    await texts(page, ".sno-ap .sno-load"),
                    ["busy"],
                    "where ap-clients gives one",
                );
                // A second reading draws each AP's lines over time.
                await fire(rt, "wlc");
                await page.locator(".sno-ap .sno-spark-signal").nth(1).waitFor({ timeout: 10_000 });
                assert.equal(
                    await page.locator(".sno-ap .sno-spark-clients").count(),
                    2,
                    "clients over time",
                );
                assert.equal(await page.locator(".sno-ap .sno-spark-signal").count(), 2, "signal over time");
                assert.equal(
                    await page.locator(".sno-wifi .sno-summary").textContent(),
                    "1 device · 2 APs · 5 clients",
                );
                const rows = async (): Promise<string[]> => texts(page, ".sno-table tbody tr");
                // By AP, then by name; the MAC under a name, the maker or a private address.
                assert.deepEqual(await rows(), [
                    `${HOSTILE_CLIENT} aa:bb:cc:00:00:02 AP-Lobby Guest 2.4 GHz poor-77 dBm`,
                    "aa:bb:cc:00:00:03 Example Devices Ltd AP-Lobby Office 5 GHz fair-63 dBm",
                    "reception-pc aa:bb:cc:00:00:01 AP-Lobby Office 5 GHz excellent-48 dBm",
                    `${ANGULAR_CLIENT} aa:bb:cc:00:00:04 AP-Office Office 5 GHz good-55 dBm`,
                    "laptop-7 aa:bb:cc:00:00:05 private address AP-Office Office 6 GHz goodSNR 30 dB",
                ]);
                const signalHeader = page.locator('th[data-sort="signalSort"]');
                await signalHeader.locator("button").click();
                assert.deepEqual(
                    await firstLines(page, ".sno-table tbody td:first-child"),
                    [HOSTILE_CLIENT, "laptop-7", "aa:bb:cc:00:00:03", ANGULAR_CLIENT, "reception-pc"],
                    "weakest first",
                );
                assert.equal(await signalHeader.getAttribute("aria-sort"), "ascending");
                await signalHeader.locator("button").click();
                assert.equal((await firstLines(page, ".sno-table tbody td:first-child"))[0], "reception-pc");
                assert.equal(await signalHeader.getAttribute("aria-sort"), "descending");
                const dots = await page
                    .locator(".sno-table tbody .sno-q")
                    .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
                assert.equal(dots[0], "rgb(46, 125, 50)", "excellent is green");
                await page.locator('th[data-sort="label"] button').click();
                // By name as people read it (Intl.Collator: punctuation first, letters by case-blind order).
                assert.deepEqual(await firstLines(page, ".sno-table tbody td:first-child"), [
                    ANGULAR_CLIENT,
                    HOSTILE_CLIENT,
                    "aa:bb:cc:00:00:03",
                    "laptop-7",
                    "reception-pc",
                ]);
                // The filter box: by any column, in this browser only.
                await page.locator(".sno-filter").fill("lobby");
                await page.waitForFunction(
                    () => document.querySelectorAll(".sno-table tbody tr").length === 3,
                );
                await page.locator(".sno-filter").fill("private");
                await page.waitForFunction(
                    () => document.querySelectorAll(".sno-table tbody tr").length === 1,
                );
                assert.deepEqual(await firstLines(page, ".sno-table tbody td:first-child"), ["laptop-7"]);
                await page.locator(".sno-filter").fill("");
                await screenshot(page, `${d.shot}wifi.png`);
                await page.close();
            });

            it("updates live, and a tab opened later gets the current state at once", async () => {
                const page = await browser.newPage();
                await page.goto(`${rt.url}${d.url}`);
                await page.locator(".sno-card").nth(2).waitFor();
                await fire(rt, "warehouse");
                await page
                    .locator('.sno-card[data-key="10.0.0.13"]:not(.sno-greyed)')
                    .waitFor({ timeout: 10_000 });
                const later = await browser.newPage();
                await later.goto(`${rt.url}${d.url}`);
                await later
                    .locator('.sno-card[data-key="10.0.0.13"]:not(.sno-greyed)')
                    .waitFor({ timeout: 10_000 });
                assert.equal(await later.locator(".sno-card").count(), 3);
                await later.close();
                // Back as it was for the next tests: unreachable, its last values kept.
                await fire(rt, "warehouseDown");
                await page.locator('.sno-card[data-key="10.0.0.13"].sno-greyed').waitFor({ timeout: 10_000 });
                await page.close();
            });

            for (const width of WIDTHS) {
                it(`at ${width} px: nothing overflows its card, the page does not scroll sideways`, async () => {
                    const page = await browser.newPage();
                    await page.setViewportSize({ width, height: 900 });
                    await page.goto(`${rt.url}${d.url}`);
                    await page.locator(".sno-card").nth(2).waitFor();
                    await page.locator(".sno-table tbody tr").nth(4).waitFor();
                    await page.waitForTimeout(500);
                    const m = await page.evaluate(measureOverflow);
                    assert.ok(m.cards >= 3 + 2, `cards and AP tiles measured: ${m.cards}`);
                    assert.deepEqual(m.overflows, [], "elements outside their card");
                    assert.ok(m.pageWidth <= width, `the page is ${m.pageWidth} px wide in ${width} px`);
                    if (width === 360) {
                        assert.equal(m.cardColumns, 1, "printer cards stack in one column");
                        await screenshot(page, `${d.shot}phone.png`);
                    }
                    await page.close();
                });
            }

            // node-red-dashboard sizes its widgets in grid units: ours asks for the height it needs.
            if (d.shot === "")
                it("grows the widgets to fit their content (no scrolling inside)", async () => {
                    const page = await browser.newPage();
                    await page.goto(`${rt.url}${d.url}`);
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
    }
});
