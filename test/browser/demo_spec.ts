/**
 * The `npm start` demo, as a visitor sees it: the simulated office (tools/demo/office.ts) polled
 * by the real printer-supplies and ap-clients nodes through the demo flow, in a real Node-RED with
 * node-red-dashboard, looked at in headless Chromium. The values on the page are the simulator's,
 * and they follow it when it moves.
 *
 * The same office is on Dashboard 2 at /dashboard, with the same cards.
 *
 * Also saves the README screenshots: `SAVE_README_SCREENSHOTS=1 npm test` writes
 * docs/screenshots/printers.png, wifi.png and dashboard2.png (otherwise they go to test-output/ only).
 */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { demoFlow } from "../../tools/demo/flow";
import { OFFICE_PRINTERS, OFFICE_WIFI, startOffice, type Office } from "../../tools/demo/office";
import { PROJECT_ROOT } from "../../tools/runtime";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { haveChromium, launchChromium, screenshot, type Browser } from "./chromium";

/** prtMarkerSuppliesTable columns (RFC 3805). */
const SUPPLY = {
    class: "1.3.6.1.2.1.43.11.1.1.4.1.",
    max: "1.3.6.1.2.1.43.11.1.1.8.1.",
    level: "1.3.6.1.2.1.43.11.1.1.9.1.",
};
const RECEPTACLE = 4; // prtMarkerSuppliesClass receptacleThatIsFilled

const RECEPTION = OFFICE_PRINTERS[0]?.name ?? "";

/** The office printers whose fixtures are in the project. */
const PRINTERS = OFFICE_PRINTERS.filter((p) => existsSync(join(PROJECT_ROOT, p.file)));
const WIFI = OFFICE_WIFI.filter((p) => existsSync(join(PROJECT_ROOT, p.file)));

const PACKAGE_NODES = Object.keys(
    (
        JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
            "node-red": { nodes: object };
        }
    )["node-red"].nodes,
);

function intOf(office: Office, device: string, oid: string): number | undefined {
    const v = office.sim.get(device, oid);
    return v !== undefined && typeof v.value === "number" ? v.value : undefined;
}

/**
 * What a card should say for each supply of hrDevice 1 with a numeric level, from the simulator's
 * own values: the percent left, or how full a waste box is.
 */
function expectedBars(office: Office, device: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
        const cls = intOf(office, device, `${SUPPLY.class}${i}`);
        if (cls === undefined) break;
        const level = intOf(office, device, `${SUPPLY.level}${i}`) ?? -2;
        const max = intOf(office, device, `${SUPPLY.max}${i}`) ?? -2;
        if (level < 0 || max <= 0) continue;
        const left = (100 * level) / max;
        out.push(cls === RECEPTACLE ? `${Math.round(100 - left)} % full` : `${Math.round(left)} %`);
    }
    return out;
}

/** The numbers shown on a card's supply and waste bars ("62 %", "45 % full"), in order. */
async function shownBars(page: Page, device: string): Promise<string[]> {
    const card = page.locator(".sno-card", { has: page.locator(".sno-name", { hasText: device }) });
    const values = await card
        .locator('.sno-bar[data-kind="supply"] .sno-value, .sno-bar[data-kind="waste"] .sno-value')
        .allTextContents();
    return values.map((v) => v.replace(/ · .*$/, "").trim()).filter((v) => /^\d+ %/.test(v));
}

async function pressInject(rt: ChildRuntime, id: string): Promise<void> {
    const res = await fetch(`${rt.url}/inject/${id}`, { method: "POST" });
    assert.equal(res.status, 200, `inject ${id}`);
}

const SAVE = process.env.SAVE_README_SCREENSHOTS !== undefined && process.env.SAVE_README_SCREENSHOTS !== "";

/**
 * For the README: some minutes of office life polled a second and a half apart, so the charts
 * have lines; the screenshot follows at once (the widgets grey devices that stop reporting).
 */
async function officeLife(office: Office, rt: ChildRuntime, page: Page): Promise<void> {
    // Short steps: enough for the lines to move, too little for a cartridge to be replaced
    // (the fixtures' alert rows do not follow a replacement).
    for (let i = 0; i < 10; i++) {
        office.sim.advance(6_000);
        await pressInject(rt, "snmp-office-demo-poll-printers");
        await pressInject(rt, "snmp-office-demo-poll-aps");
        await page.waitForTimeout(1500);
    }
}

/** A screenshot for test-output/, and for the README when asked; pop-up notifications hidden. */
async function keep(page: Page, name: string, readmeName: string, height: number): Promise<void> {
    await page.setViewportSize({ width: 1400, height });
    await page.addStyleTag({ content: "md-toast,.v-snackbar{display:none !important}" });
    await page.waitForTimeout(500);
    const file = await screenshot(page, name);
    if (SAVE) {
        mkdirSync(join(PROJECT_ROOT, "docs", "screenshots"), { recursive: true });
        copyFileSync(file, join(PROJECT_ROOT, "docs", "screenshots", readmeName));
    }
}

describe("npm start demo in Chromium", function () {
    this.timeout(180_000);
    let office: Office;
    let rt: ChildRuntime;
    let browser: Browser;

    before(async function () {
        if (!haveChromium()) {
            console.log("      (skipped: /usr/bin/chromium is not installed; apt-get install chromium)");
            this.skip();
        }
        const missing = ["printer-supplies", "ap-clients"].filter((t) => !PACKAGE_NODES.includes(t));
        if (missing.length > 0) {
            console.log(
                `      (skipped: the demo needs the ${missing.join(" and ")} node, not in package.json yet)`,
            );
            this.skip();
        }
        // Values still until the test moves them, so that the page can be compared with the simulator.
        office = await startOffice({ dynamicMs: 0, seed: 1 });
        const flow = demoFlow({
            printers: office.printers,
            aps: office.aps,
            snmp: { version: "2c", community: "public" },
            printerIntervalS: 600,
            apIntervalS: 600,
            source: "simulator",
        });
        rt = await startChildRuntime({ flows: flow.flows, dashboard: true, dashboard2: true });
        browser = await launchChromium({ width: 1400, height: 1500 });
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
        await office?.stop();
    });

    it("shows every simulated printer with the simulator's supply levels", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/#!/0`);
        await page
            .locator(".sno-card")
            .nth(PRINTERS.length - 1)
            .waitFor({ timeout: 120_000 });
        const names = await page.locator(".sno-card .sno-name").allTextContents();
        assert.deepEqual([...names].sort(), PRINTERS.map((p) => p.name).sort());
        const expected = expectedBars(office, RECEPTION);
        assert.ok(expected.length >= 4, `${RECEPTION} has numeric supplies: ${expected.join(", ")}`);
        assert.deepEqual(await shownBars(page, RECEPTION), expected);
        // The charts and the alert list are fed too.
        await page.locator(".sod-alert, .sod-ok").first().waitFor({ timeout: 30_000 });
        await page
            .locator("ui-chart-js canvas, .nr-dashboard-chart canvas")
            .first()
            .waitFor({ timeout: 30_000 });
        if (SAVE) await officeLife(office, rt, page);
        await keep(page, "demo-printers.png", "printers.png", 1700);
        await page.close();
    });

    it("follows the simulator: toner drains and the card shows the new level", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/#!/0`);
        await page
            .locator(".sno-card")
            .nth(PRINTERS.length - 1)
            .waitFor({ timeout: 120_000 });
        const before = await shownBars(page, RECEPTION);
        office.sim.advance(30 * 60_000);
        const after = expectedBars(office, RECEPTION);
        assert.notDeepEqual(after, before, "half an hour of printing moves some level");
        await pressInject(rt, "snmp-office-demo-poll-printers");
        await page.waitForFunction(
            ([device, want]) => {
                const card = Array.from(document.querySelectorAll(".sno-card")).find(
                    (c) => c.querySelector(".sno-name")?.textContent === device,
                );
                const shown = Array.from(
                    card?.querySelectorAll(
                        '.sno-bar[data-kind="supply"] .sno-value, .sno-bar[data-kind="waste"] .sno-value',
                    ) ?? [],
                )
                    .map((v) => (v.textContent ?? "").replace(/ · .*$/, "").trim())
                    .filter((v) => /^\d+ %/.test(v));
                return JSON.stringify(shown) === want;
            },
            [RECEPTION, JSON.stringify(after)] as const,
            { timeout: 30_000 },
        );
        await page.close();
    });

    it("shows the Wi-Fi devices, clients per AP and a table that agrees with the counts", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/ui/#!/1`);
        await page.locator(".sno-table tbody tr").first().waitFor({ timeout: 120_000 });
        const summary = (await page.locator(".sno-wifi .sno-summary").textContent()) ?? "";
        assert.match(summary, new RegExp(`^${WIFI.length} devices · \\d+ APs · \\d+ clients$`));
        const bars = await page
            .locator(".sno-ap")
            .evaluateAll((els) =>
                els.map((e) => [
                    e.querySelector(".sno-apname")?.textContent ?? "",
                    Number(e.querySelector(".sno-count")?.textContent),
                ]),
            );
        const rows = await page
            .locator(".sno-table tbody tr td:nth-child(3)")
            .allTextContents()
            .then((aps) => aps.map((a) => a.trim()));
        assert.ok(rows.length > 0);
        // Every AP that has clients in the table shows as many on its bar.
        for (const ap of new Set(rows)) {
            const bar = bars.find(([name]) => name === ap);
            assert.ok(bar, `a bar for ${ap}`);
            assert.equal(bar[1], rows.filter((r) => r === ap).length, `clients on ${ap}`);
        }
        if (SAVE) await officeLife(office, rt, page);
        await keep(page, "demo-wifi.png", "wifi.png", 1000);
        await page.close();
    });

    it("shows the same office on Dashboard 2 (/dashboard), card for card", async () => {
        const page = await browser.newPage();
        await page.goto(`${rt.url}/dashboard/office`);
        await page
            .locator(".sno-card")
            .nth(PRINTERS.length - 1)
            .waitFor({ timeout: 120_000 });
        const names = await page.locator(".sno-card .sno-name").allTextContents();
        assert.deepEqual([...names].sort(), PRINTERS.map((p) => p.name).sort());
        assert.deepEqual(await shownBars(page, RECEPTION), expectedBars(office, RECEPTION));
        await page.locator(".sno-table tbody tr").first().waitFor({ timeout: 120_000 });
        const summary = (await page.locator(".sno-wifi .sno-summary").textContent()) ?? "";
        assert.match(summary, new RegExp(`^${WIFI.length} devices · \\d+ APs · \\d+ clients$`));
        if (SAVE) await officeLife(office, rt, page);
        await keep(page, "demo-dashboard2.png", "dashboard2.png", 1600);
        await page.close();
    });
});
