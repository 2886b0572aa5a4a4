/**
 * The Node-RED editor in headless Chromium: both query nodes' editors load the shared checks
 * (resources/editor.js) and flag exactly the device and MAC-name entries the runtime skips,
 * on the flow as deployed and in each field's validate function.
 */
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { DEVICE_LINES, MAC_LINES } from "../helpers/editor-checks";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import { launchChromium, skipWithoutChromium, type Browser } from "./chromium";

const FLOW = [
    { id: "t1", type: "tab", label: "editor checks" },
    {
        id: "c1",
        type: "snmp-credentials",
        version: "2c",
        port: 161,
        timeout: 5000,
        retries: 1,
        maxRepetitions: 25,
    },
    // Documentation addresses only; nothing is polled (no trigger is wired).
    {
        id: "good",
        z: "t1",
        type: "printer-supplies",
        snmp: "c1",
        devices: "192.0.2.10 Front\n[2001:db8::7]:161",
        wires: [[], []],
    },
    {
        id: "bad",
        z: "t1",
        type: "printer-supplies",
        snmp: "c1",
        devices: "192.0.2.10\nprinter..example",
        wires: [[], []],
    },
    {
        id: "ap",
        z: "t1",
        type: "ap-clients",
        snmp: "c1",
        devices: "ap.example:1161",
        vendor: "auto",
        macNames: "aa.bb.cc.dd.ee.ff Dotted",
        wires: [[], [], []],
    },
];

interface EditorAnswers {
    printerDevices: boolean[];
    apDevices: boolean[];
    macNames: boolean[];
    valid: Record<string, boolean>;
}

async function editorAnswers(page: Page, devices: string[], macs: string[]): Promise<EditorAnswers> {
    return page.evaluate(
        ({ devices, macs }) => {
            interface Def {
                defaults: Record<string, { validate?: (this: unknown, v: unknown) => unknown }>;
            }
            const red = (
                window as unknown as {
                    RED: {
                        nodes: {
                            getType(t: string): Def;
                            node(id: string): { valid: boolean } | null;
                        };
                    };
                }
            ).RED;
            const check = (type: string, field: string, value: string): boolean => {
                const node = red.nodes.node(type === "ap-clients" ? "ap" : "good");
                return red.nodes.getType(type).defaults[field]?.validate?.call(node, value) === true;
            };
            return {
                printerDevices: devices.map((d) => check("printer-supplies", "devices", d)),
                apDevices: devices.map((d) => check("ap-clients", "devices", d)),
                macNames: macs.map((m) => check("ap-clients", "macNames", m)),
                valid: Object.fromEntries(
                    ["good", "bad", "ap"].map((id) => [id, red.nodes.node(id)?.valid === true]),
                ),
            };
        },
        { devices, macs },
    );
}

describe("query node editors in Chromium", function () {
    this.timeout(120_000);
    let rt: ChildRuntime;
    let browser: Browser;

    before(async function () {
        skipWithoutChromium(this);
        rt = await startChildRuntime({ flows: FLOW, dashboard: false });
        browser = await launchChromium();
    });
    after(async () => {
        await browser?.close();
        await rt?.stop();
    });

    it("flag the entries the runtime would skip, and only those", async () => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`${rt.url}/`);
        // The flows are added once every node type (and the script each loads) is ready.
        await page.waitForFunction(
            () => {
                const red = (window as unknown as { RED?: { nodes?: { node(id: string): unknown } } }).RED;
                return red?.nodes?.node("ap") !== undefined && red.nodes.node("ap") !== null;
            },
            undefined,
            { timeout: 60_000 },
        );
        const answers = await editorAnswers(
            page,
            DEVICE_LINES.map(([line]) => line),
            MAC_LINES.map(([line]) => line),
        );
        const expectedDevices = DEVICE_LINES.map(([, ok]) => ok);
        assert.deepEqual(answers.printerDevices, expectedDevices, "printer-supplies devices field");
        assert.deepEqual(answers.apDevices, expectedDevices, "ap-clients devices field");
        assert.deepEqual(
            answers.macNames,
            MAC_LINES.map(([, ok]) => ok),
            "ap-clients MAC names field",
        );
        assert.deepEqual(
            answers.valid,
            { good: true, bad: false, ap: true },
            "the deployed nodes as the editor marks them",
        );
        // The ARP router and DNS servers fields take what the runtime takes (lib/ap/whois-settings.ts).
        const whois = await page.evaluate(() => {
            const red = (
                window as unknown as {
                    RED: {
                        nodes: {
                            getType(t: string): {
                                defaults: Record<
                                    string,
                                    { validate?: (this: unknown, v: unknown) => unknown }
                                >;
                            };
                        };
                    };
                }
            ).RED;
            const defaults = red.nodes.getType("ap-clients").defaults;
            const check = (field: string, value: string): boolean =>
                defaults[field]?.validate?.call({}, value) === true;
            return {
                routers: ["", "192.0.2.1", "gw.example:1161", "router..example", "192.0.2.1:0"].map((v) =>
                    check("arpRouter", v),
                ),
                dns: ["", "192.0.2.53", "192.0.2.53:5353 [2001:db8::53]:53", "dns.example"].map((v) =>
                    check("dnsServers", v),
                ),
            };
        });
        assert.deepEqual(whois.routers, [true, true, true, false, false], "ap-clients ARP router field");
        assert.deepEqual(whois.dns, [true, true, true, false], "ap-clients DNS servers field");
        assert.deepEqual(errors, [], "no script error in the editor");
        await page.close();
    });
});
