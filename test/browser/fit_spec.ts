/**
 * node-red-dashboard's production page runs Angular with debug info off, so a widget cannot find
 * its grid item through `angular.element(...).scope()`. The panels of automatic height must still
 * be as tall as what they draw: measured in headless Chromium against the real node-red-dashboard,
 * the panel's box is within one grid row of its content, for a 5-printer office and after a sixth
 * printer arrives, and the same for the Wi-Fi panel with its table.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { dashboardSite, type FlowNode } from "../../tools/demo/dashboard";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { launchChromium, skipWithoutChromium, type Browser } from "./chromium";

const T = "2026-11-21T09:00:00.000Z";
/** One grid row of the site (tools/demo/dashboard.ts): 48 px and a 6 px gap. */
const ROW_PX = 54;

function printer(n: number, supplies: number): Record<string, unknown> {
    const colours = ["black", "cyan", "magenta", "yellow"];
    return {
        device: `Printer ${n}`,
        host: `10.0.0.${10 + n}`,
        reachable: true,
        model: "Color MFP 4000",
        name: `printer-${n}`,
        location: `Floor ${n}`,
        time: T,
        status: "idle",
        errors: [],
        alerts: [],
        supplies: Array.from({ length: supplies }, (_, i) => ({
            id: `1.${i + 1}`,
            name: `${colours[i % 4] ?? "black"} toner`,
            type: "toner",
            color: colours[i % 4] ?? "black",
            class: "consumed",
            unit: "percent",
            level: 20 + 10 * i,
            max: 100,
            percent: 20 + 10 * i,
            state: "ok",
        })),
        trays: [{ id: "1.1", name: "Tray 1", media: "A4", level: 250, max: 500, percent: 50, state: "ok" }],
        outputs: [],
        quirks: [],
    };
}

const WLC = {
    device: "Office WLC",
    host: "10.0.1.1",
    reachable: true,
    time: T,
    totals: { clients: 12, aps: 3 },
    aps: [1, 2, 3].map((i) => ({ id: String(i), name: `AP-${i}`, clients: 4, radios: [], ssids: [] })),
    ssids: [],
    clients: Array.from({ length: 12 }, (_, i) => ({
        mac: `aa:bb:cc:00:00:${String(i + 10)}`,
        name: `client-${i}`,
        ap: `AP-${(i % 3) + 1}`,
        ssid: "Office",
        band: "5",
        signal: -50 - i,
    })),
    capabilities: { perClient: true, signal: "dBm" },
};

const SITE = dashboardSite({
    prefix: "f",
    site: "Office",
    tabs: {
        office: {
            name: "Office",
            groups: { printers: { name: "Printers", width: 18 }, wifi: { name: "Wi-Fi", width: 12 } },
        },
    },
});

function inject(key: string, target: string, payload: unknown): FlowNode {
    return {
        id: `inject-${key}`,
        type: "inject",
        z: "fit",
        name: key,
        props: [{ p: "payload" }],
        repeat: "",
        once: false,
        payload: JSON.stringify(payload),
        payloadType: "json",
        wires: [[target]],
    };
}

function flow(): FlowNode[] {
    const widget = (id: string, type: string, group: string | undefined): FlowNode => ({
        id,
        type,
        z: "fit",
        group,
        order: 1,
        width: 0,
        height: 0,
        stalePolls: 1000,
        maxRows: 200,
        wires: [],
    });
    return [
        { id: "fit", type: "tab", label: "Fit" },
        ...SITE.nodes,
        widget("ps", "ui_printer_supplies", SITE.groups["office.printers"]),
        widget("wc", "ui_wifi_clients", SITE.groups["office.wifi"]),
        ...[1, 2, 3, 4, 5, 6].map((n) => inject(`p${n}`, "ps", printer(n, n === 1 ? 4 : 1 + (n % 3)))),
        inject("wlc", "wc", WLC),
        // An empty list clears the panel, as it does a chart.
        inject("clear", "ps", []),
    ];
}

async function fire(rt: ChildRuntime, key: string): Promise<void> {
    const until = Date.now() + 15_000;
    for (;;) {
        const res = await fetch(`${rt.url}/inject/inject-${key}`, { method: "POST" });
        if (res.status === 200) return;
        if (res.status !== 404 || Date.now() > until)
            assert.fail(`inject ${key}: ${res.status}\n${rt.output()}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

interface Fit {
    panel: number;
    content: number;
    group: number;
}

/** The panel's box (md-card), what it draws (.sno-root) and its group's box, px. Runs in the page. */
function measure(node: string): Fit | null {
    const card = document.querySelector<HTMLElement>(`md-card[node-id="${node}"]`);
    const root = card?.querySelector<HTMLElement>(".sno-root");
    const group = card?.closest("ui-card-panel");
    if (!card || !root || !group) return null;
    return {
        panel: card.getBoundingClientRect().height,
        content: root.getBoundingClientRect().height,
        group: group.getBoundingClientRect().height,
    };
}

/** Waits until the panel has settled within one row of its content; the last measure either way. */
async function settled(page: Page, node: string): Promise<Fit> {
    let last: Fit | null = null;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
        last = await page.evaluate(measure, node);
        if (last && last.content > 0 && Math.abs(last.panel - last.content) <= ROW_PX) {
            // Once more after the layout's own timers, to see it stays.
            await page.waitForTimeout(300);
            last = await page.evaluate(measure, node);
            if (last && Math.abs(last.panel - last.content) <= ROW_PX) return last;
        }
        await page.waitForTimeout(100);
    }
    assert.fail(`the panel ${node} did not fit its content: ${JSON.stringify(last)}`);
}

describe("node-red-dashboard panels fit their content (production Angular, no debug info)", function () {
    this.timeout(120_000);
    let rt: ChildRuntime;
    let browser: Browser;

    before(async function () {
        skipWithoutChromium(this);
        rt = await startChildRuntime({ flows: flow(), dashboard: true });
        await fire(rt, "wlc");
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
    });

    for (const width of [1400, 800, 360]) {
        it(`at ${width} px: a 5-printer panel is as tall as its cards, and grows with a sixth`, async () => {
            await fire(rt, "clear");
            for (const n of [1, 2, 3, 4, 5]) await fire(rt, `p${n}`);
            const page = await browser.newPage();
            await page.setViewportSize({ width, height: 900 });
            await page.goto(`${rt.url}/ui/`);
            await page.locator(".sno-card").nth(4).waitFor();
            assert.equal(await page.locator(".sno-card").count(), 5);
            const scope = await page.evaluate(() => {
                const card = document.querySelector('md-card[node-id="ps"]');
                const ng = (window as unknown as { angular: { element(e: unknown): { scope(): unknown } } })
                    .angular;
                return card === null ? "no card" : typeof ng.element(card).scope();
            });
            assert.equal(scope, "undefined", "the page runs without Angular debug info, as users have it");
            const five = await settled(page, "ps");
            assert.ok(five.content > 200, `five cards drawn: ${JSON.stringify(five)}`);
            assert.ok(
                five.group <= five.panel + 2 * ROW_PX,
                `the group fits the panel: ${JSON.stringify(five)}`,
            );

            await fire(rt, "p6");
            await page.locator(".sno-card").nth(5).waitFor();
            const six = await settled(page, "ps");
            if (width === 360)
                assert.ok(six.content > five.content, "one column: the sixth card adds height");
            assert.ok(six.panel >= five.panel, `${JSON.stringify(six)} after ${JSON.stringify(five)}`);

            const wifi = await settled(page, "wc");
            assert.ok(wifi.content > 300, `tiles and the table drawn: ${JSON.stringify(wifi)}`);
            await page.close();
        });
    }
});
