/**
 * The "Find devices…" dialog in the real Node-RED editor, in headless Chromium: a user opens a
 * printer-supplies node, scans a loopback range, sees what answered (device strings as text),
 * ticks printers and adds them to the node's list. Devices are simulated on 127.0.23.x.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Page } from "playwright-core";
import { startNetwork, type Network } from "../../tools/sim/network";
import { deployFlows, startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { haveChromium, launchChromium, screenshot, type Browser } from "./chromium";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const HOSTILE_NAME = `<img src=x onerror="window.__xss=1">`;

interface EditorWindow {
    RED: {
        nodes: { node(id: string): unknown };
        editor: { edit(node: unknown): void };
    };
    __xss?: number;
}

describe("Find devices dialog (editor in Chromium)", function () {
    this.timeout(120_000);
    let net: Network;
    let rt: ChildRuntime;
    let browser: Browser;
    let page: Page;

    before(async function () {
        if (!haveChromium()) {
            console.log("      skipped: no chromium");
            this.skip();
        }
        net = await startNetwork(
            [
                { name: "laser", file: path.join(FIXTURES, "printers", "colour-laser.snmprec") },
                { name: "mono", file: path.join(FIXTURES, "printers", "mono-quirks.snmprec") },
                { name: "ap", file: path.join(FIXTURES, "wireless", "ubnt-unifi.snmprec") },
                {
                    name: "hostile",
                    records:
                        "1.3.6.1.2.1.1.1.0|4|Linux box\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10\n" +
                        `1.3.6.1.2.1.1.5.0|4|${HOSTILE_NAME}\n`,
                },
            ],
            "127.0.23",
        );
        rt = await startChildRuntime({ dashboard: false });
        await deployFlows(rt.url, [
            { id: "t1", type: "tab", label: "office" },
            {
                id: "c1",
                type: "snmp-credentials",
                version: "2c",
                port: net.port,
                credentials: { community: "public" },
            },
            {
                id: "p1",
                z: "t1",
                type: "printer-supplies",
                snmp: "c1",
                devices: "127.0.23.1 Old laser",
                x: 200,
                y: 100,
                wires: [[], []],
            },
        ]);
        browser = await launchChromium();
        page = await browser.newPage();
        await page.goto(`${rt.url}/`);
        await page.waitForFunction(() => {
            const w = window as unknown as Partial<EditorWindow>;
            return w.RED?.nodes?.node("p1") !== undefined && w.RED?.nodes?.node("p1") !== null;
        });
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
        await net?.sim.stop();
    });

    it("scans, lists what answered with printers ticked, and adds them to the node's list", async () => {
        await page.evaluate(() => {
            const { RED } = window as unknown as EditorWindow;
            RED.editor.edit(RED.nodes.node("p1"));
        });
        const button = page.locator(".snmp-office-find-button");
        await button.waitFor();
        assert.match((await button.textContent()) ?? "", /Find devices/);
        await button.click();

        const range = page.locator("#snmp-office-find-range");
        // The dialog proposes the /24 of the list's first address.
        assert.equal(await range.inputValue(), "127.0.23.0/24");
        await range.fill("127.0.23.1-10");
        await page.locator(".snmp-office-find-scan").click();
        const rows = page.locator(".snmp-office-find-results tbody tr");
        await rows.nth(3).waitFor({ timeout: 30_000 });
        assert.equal(await rows.count(), 4);
        assert.match(
            (await page.locator(".snmp-office-find-message").textContent()) ?? "",
            /scanned 10, 2 printers, 1 wireless, 1 other, 6 silent/,
        );

        const row = (host: string) => page.locator(`.snmp-office-find-results tr[data-host="${host}"]`);
        const box = (host: string) => row(host).locator("input[type=checkbox]");
        // Already in the list: shown, not offered again.
        assert.equal(await box("127.0.23.1").isDisabled(), true);
        assert.match((await row("127.0.23.1").textContent()) ?? "", /already listed/);
        // A printer not yet listed is ticked; an AP and other devices are not (but may be).
        assert.equal(await box("127.0.23.2").isChecked(), true);
        assert.equal(await box("127.0.23.3").isChecked(), false);
        assert.equal(await box("127.0.23.4").isChecked(), false);
        // A device's own strings are text, never markup.
        assert.match((await row("127.0.23.4").textContent()) ?? "", /<img src=x onerror=/);
        assert.equal(await page.evaluate(() => (window as unknown as EditorWindow).__xss), undefined);
        await screenshot(page, "find-devices-dialog.png");

        await page.locator(".snmp-office-find-add").click();
        await page.locator(".snmp-office-find-results").waitFor({ state: "detached" });
        const devices = await page.locator("#node-input-devices").inputValue();
        assert.equal(devices, "127.0.23.1 Old laser\n127.0.23.2 BRW3C2AF41E9D07");
    });
});
