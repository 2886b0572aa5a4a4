/**
 * Who each Wi-Fi client is, beyond the AP's own tables: the IP from a router's ARP table and a
 * reverse DNS name, in a flow against the simulator (AP and router) and a DNS server on loopback.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Node, NodeMessage } from "node-red";
import { startSimulator, type Simulator } from "../../tools/sim";
import { REVERSE_DNS_DEFAULTS } from "../../nodes/lib/ap/rdns";
import type { ApReading, ClientInfo } from "../../nodes/lib/ap/types";
import type { NodeStatus } from "../../nodes/lib/status";
import { ptrName, startDnsServer, type DnsServer } from "../helpers/dns-server";
import { allNodes, collect, helper, recordStatuses, until } from "../helpers/nodered";

const WIRELESS = path.join(__dirname, "..", "fixtures", "wireless");
const NETWORK = path.join(__dirname, "..", "fixtures", "network");

type Out = NodeMessage & { payload: ApReading };

/** The names the DNS server knows (the router's ARP table gives these addresses). */
const PTR = {
    "192.168.88.21": "kitchen-tablet.home.arpa",
    "192.168.88.23": "printer-hall.home.arpa",
    // The LCOS LX client's own ip: never asked, the device names it.
    "10.100.0.101": "not-asked.home.arpa",
};

let sim: Simulator;
let dns: DnsServer;

function line(name: string, display = name): string {
    const ep = sim.endpoint(name);
    return `${ep.host}:${ep.port} ${display}`;
}

function routerAddress(name = "router"): string {
    const ep = sim.endpoint(name);
    return `${ep.host}:${ep.port}`;
}

function flow(node: Record<string, unknown> = {}): unknown[] {
    return [
        { id: "t1", type: "tab", label: "wifi" },
        { id: "c1", type: "snmp-credentials", version: "2c", timeout: 500, retries: 0 },
        { id: "c2", type: "snmp-credentials", version: "2c", timeout: 500, retries: 0 },
        {
            id: "a1",
            z: "t1",
            type: "ap-clients",
            snmp: "c1",
            devices: [line("mikrotik-wifi", "Home AP"), line("lancom-lcos-lx", "Office AP")].join("\n"),
            vendor: "auto",
            wires: [["out1"], [], []],
            ...node,
        },
        { id: "out1", z: "t1", type: "helper" },
    ];
}

async function load(f: unknown[]): Promise<void> {
    await helper.load(allNodes(), f, { c1: { community: "public" }, c2: { community: "router-secret" } });
}

function node(id: string): Node & { receive(msg: Record<string, unknown>): void } {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id}`);
    return n;
}

async function poll(): Promise<Map<string, ApReading>> {
    const got = collect(node("out1"), 2);
    node("a1").receive({ payload: "tick" });
    const msgs = (await got) as Out[];
    return new Map(msgs.map((m) => [String(m.topic), m.payload]));
}

function clients(readings: Map<string, ApReading>, topic: string): Map<string, ClientInfo> {
    const r = readings.get(topic);
    assert.ok(r?.reachable, `${topic} was read`);
    return new Map(r.clients.map((c) => [c.mac, c]));
}

function warnings(): string[] {
    return (helper.log().args.flat() as { level?: number; msg?: unknown }[])
        .filter((e) => e?.level === 30)
        .map((e) => String(e.msg));
}

describe("ap-clients: client IPs from a router's ARP table and names from reverse DNS", function () {
    this.timeout(30_000);

    before(async () => {
        const file = (dir: string, name: string): string => path.join(dir, `${name}.snmprec`);
        sim = await startSimulator({
            devices: [
                { name: "mikrotik-wifi", file: file(WIRELESS, "mikrotik-wifi"), port: 0, dynamics: false },
                { name: "lancom-lcos-lx", file: file(WIRELESS, "lancom-lcos-lx"), port: 0, dynamics: false },
                { name: "router", file: file(NETWORK, "edge-router"), port: 0, dynamics: false },
                // The same router behind another community: only the second credentials reach it.
                {
                    name: "router-own-community",
                    file: file(NETWORK, "edge-router"),
                    port: 0,
                    dynamics: false,
                    community: "router-secret",
                },
                { name: "router-down", file: file(NETWORK, "edge-router"), port: 0, faults: { down: true } },
            ],
        });
        dns = await startDnsServer(PTR);
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await sim?.stop();
        await dns?.close();
    });
    beforeEach(() => {
        dns.questions.length = 0;
        dns.silent = false;
    });
    afterEach(async () => {
        await helper.unload();
    });

    it("asks no router and no DNS server unless the node names them (off by default)", async () => {
        const before = sim.deviceCounters("router").requests;
        await load(flow());
        const home = clients(await poll(), "Home AP");
        assert.equal(home.size, 3);
        for (const c of home.values()) assert.equal(c.ip, undefined, `${c.mac} has no ip`);
        assert.equal(sim.deviceCounters("router").requests, before, "no request to the router");
        assert.deepEqual(dns.questions, [], "no DNS question");
    });

    it("gives clients the router's IP and a reverse DNS name; the device's own ip and hostname win", async () => {
        await load(flow({ arpRouter: routerAddress(), reverseDns: true, dnsServers: dns.address }));
        const readings = await poll();
        const home = clients(readings, "Home AP");
        assert.deepEqual(
            [...home.values()].map((c) => [c.mac, c.ip, c.hostname, c.name]),
            [
                // ipNetToPhysicalTable, IPv4 over its IPv6 rows; named by PTR.
                [
                    "9c:b6:d0:00:00:01",
                    "192.168.88.21",
                    "kitchen-tablet.home.arpa",
                    "kitchen-tablet.home.arpa",
                ],
                // Only in ipNetToMediaTable; the DNS server has no name for it.
                ["9c:b6:d0:00:00:02", "192.168.88.22", undefined, undefined],
                // Its ipNetToPhysicalTable row is invalid(2): the live ipNetToMediaTable entry counts.
                ["9c:b6:d0:00:00:03", "192.168.88.23", "printer-hall.home.arpa", "printer-hall.home.arpa"],
            ],
        );
        // The LCOS LX AP gives ip and hostname itself: the router's other address is not used,
        // and its clients are not looked up.
        const office = clients(readings, "Office AP");
        assert.equal(office.get("fa:27:df:00:00:01")?.ip, "10.100.0.101");
        assert.equal(office.get("fa:27:df:00:00:01")?.hostname, "anna-laptop");
        assert.deepEqual(
            [...dns.questions].sort(),
            ["192.168.88.21", "192.168.88.22", "192.168.88.23"].map(ptrName).sort(),
        );
    });

    it("reads the ARP table once per cache period for all devices, and asks DNS once per address", async () => {
        await load(flow({ arpRouter: routerAddress(), reverseDns: true, dnsServers: dns.address }));
        const start = sim.deviceCounters("router").requests;
        await poll();
        const oneRead = sim.deviceCounters("router").requests - start;
        assert.ok(oneRead > 0, "the first poll reads the router");
        const again = clients(await poll(), "Home AP");
        assert.equal(again.get("9c:b6:d0:00:00:01")?.ip, "192.168.88.21", "from the cache");
        assert.equal(again.get("9c:b6:d0:00:00:03")?.hostname, "printer-hall.home.arpa", "from the cache");
        assert.equal(sim.deviceCounters("router").requests - start, oneRead, "no second read");
        assert.equal(dns.questions.length, 3, "answers and no-name answers are cached");
    });

    it("lets the user's MAC names win over the reverse DNS name", async () => {
        await load(
            flow({
                arpRouter: routerAddress(),
                reverseDns: true,
                dnsServers: dns.address,
                macNames: "9c:b6:d0:00:00:03 Hall printer",
            }),
        );
        const c = clients(await poll(), "Home AP").get("9c:b6:d0:00:00:03");
        assert.equal(c?.name, "Hall printer");
        assert.equal(c?.hostname, "printer-hall.home.arpa");
    });

    it("reaches a router with its own SNMP settings when the node names them", async () => {
        await load(flow({ arpRouter: routerAddress("router-own-community"), arpSnmp: "c2" }));
        const home = clients(await poll(), "Home AP");
        assert.equal(home.get("9c:b6:d0:00:00:02")?.ip, "192.168.88.22");
    });

    it("still reads the APs when the router does not answer, with one clear warning and a yellow status", async () => {
        await load(flow({ arpRouter: routerAddress("router-down") }));
        const seen: NodeStatus[] = recordStatuses(node("a1"));
        const before = warnings().length;
        for (let i = 0; i < 2; i++) {
            const readings = await poll();
            const home = clients(readings, "Home AP");
            assert.equal(home.size, 3, "the AP's clients are all there");
            for (const c of home.values()) assert.equal(c.ip, undefined);
            assert.equal(clients(readings, "Office AP").size, 2);
        }
        const warned = warnings()
            .slice(before)
            .filter((w) => w.includes("ARP"));
        assert.equal(warned.length, 1, warned.join("\n"));
        assert.match(
            warned[0] ?? "",
            new RegExp(`ARP table of router ${routerAddress("router-down")} not read: `),
        );
        assert.doesNotMatch(warned[0] ?? "", /public/, "no community in the text");
        // The summary follows the last device's message.
        await until(() => /no ARP/.test(String(seen.at(-1)?.text)), "the summary status");
        assert.equal(seen.at(-1)?.fill, "yellow");
    });

    it("does not hold the poll for a DNS server that does not answer", async () => {
        dns.silent = true;
        await load(flow({ arpRouter: routerAddress(), reverseDns: true, dnsServers: dns.address }));
        const started = Date.now();
        const home = clients(await poll(), "Home AP");
        const took = Date.now() - started;
        assert.equal(home.get("9c:b6:d0:00:00:01")?.ip, "192.168.88.21", "the ARP address still lands");
        assert.equal(home.get("9c:b6:d0:00:00:01")?.hostname, undefined);
        assert.ok(dns.questions.length >= 3, "the lookups were sent");
        assert.ok(
            took < REVERSE_DNS_DEFAULTS.timeoutMs,
            `the poll took ${took} ms: it must not wait for the lookups' ${REVERSE_DNS_DEFAULTS.timeoutMs} ms limit`,
        );
    });

    it("refuses a router it cannot parse, with a red ring and one log line", async () => {
        await load(flow({ arpRouter: "router..lan" }));
        node("a1").receive({ payload: "tick" });
        await new Promise((r) => setTimeout(r, 50));
        const errors = (helper.log().args.flat() as { level?: number; msg?: unknown }[])
            .filter((e) => e?.level === 20)
            .map((e) => String(e.msg));
        assert.ok(
            errors.some((e) => /ARP router: .*router\.\.lan/.test(e)),
            errors.join("\n"),
        );
    });
});

/**
 * Vendor by vendor, fixtures written from the MIBs: who is on which AP and how well. Each client
 * has its signal (dBm, or SNR where the MIB has only that) and a hostname (the device's own, or
 * the PTR name of the address the device gives, with reverse DNS on); each radio its channel
 * utilisation, as written in the fixture.
 */
interface VendorCase {
    fixture: string;
    /** mac -> [signal dBm or undefined, snr or undefined, hostname]. */
    clients: Record<string, [number | undefined, number | undefined, string]>;
    /** AP name -> radio id -> utilisation %. */
    radios: Record<string, Record<string, number>>;
    /** Client ip -> PTR name the test's DNS server gives (none: the device names its clients). */
    ptr?: Record<string, string>;
}

const VENDORS: VendorCase[] = [
    {
        fixture: "lancom-lcos-lx", // LCOS-LX-MIB: DHCP hostname in the station table
        clients: {
            "fa:27:df:00:00:01": [-55, undefined, "anna-laptop"],
            "fa:27:df:00:00:02": [-72, undefined, "pixel-7"],
        },
        radios: { "lancom-lcos-lx": { "WLAN-1": 42, "WLAN-2": 18 } },
    },
    {
        fixture: "cisco-aireos", // AIRESPACE-WIRELESS-MIB: RSSI, bsnAPIfLoadChannelUtilization; ip, no hostname
        clients: {
            "a4:83:e7:00:00:01": [-52, 38, "lobby-kiosk.office.lan"],
            "a4:83:e7:00:00:02": [-71, 19, "guest-phone.office.lan"],
            "a4:83:e7:00:00:03": [-60, 30, "anna-laptop.office.lan"],
            "a4:83:e7:00:00:04": [-48, 41, "ben-laptop.office.lan"],
            "a4:83:e7:00:00:05": [-66, 25, "guest-tablet.office.lan"],
        },
        radios: {
            "ap-lobby": { "0": 35, "1": 22 },
            "ap-office": { "0": 12, "1": 64 },
            "ap-store": { "0": 8, "1": 5, "2": 3 },
        },
        ptr: {
            "10.0.20.101": "lobby-kiosk.office.lan",
            "10.0.30.5": "guest-phone.office.lan",
            "10.0.20.103": "anna-laptop.office.lan",
            "10.0.20.104": "ben-laptop.office.lan",
            "10.0.30.9": "guest-tablet.office.lan",
        },
    },
    {
        fixture: "huawei-wlan", // HUAWEI-WLAN-STATION-MIB hwWlanStaRssi, hwWlanRadioChUtilizationRate; ip
        clients: {
            "f4:8e:38:00:00:01": [-61, undefined, "desk-01.office.lan"],
            "f4:8e:38:00:00:02": [-55, undefined, "desk-02.office.lan"],
            "f4:8e:38:00:00:03": [-70, undefined, "meeting-tv.office.lan"],
            "f4:8e:38:00:00:04": [-66, undefined, "desk-04.office.lan"],
            "f4:8e:38:00:00:05": [-49, undefined, "desk-05.office.lan"],
        },
        radios: { "AP-Floor1": { "0": 40, "1": 85 }, "AP-Floor2": { "0": 10, "1": 20 } },
        ptr: {
            "10.20.0.31": "desk-01.office.lan",
            "10.20.0.32": "desk-02.office.lan",
            "10.30.0.33": "meeting-tv.office.lan",
            "10.30.0.34": "desk-04.office.lan",
            "10.20.0.35": "desk-05.office.lan",
        },
    },
    {
        fixture: "aruba-instant", // AI-AP-MIB aiClientSNR, aiRadioUtilization64; ip
        clients: {
            "d8:bb:c1:00:00:01": [undefined, 40, "hall-printer.office.lan"],
            "d8:bb:c1:00:00:02": [undefined, 18, "lab-scope.office.lan"],
            "d8:bb:c1:00:00:03": [undefined, 27, "lab-laptop.office.lan"],
        },
        radios: { "iap-hall": { "0": 31, "1": 58 }, "iap-lab": { "0": 12, "1": 77 } },
        ptr: {
            "192.168.1.101": "hall-printer.office.lan",
            "192.168.1.102": "lab-scope.office.lan",
            "192.168.1.103": "lab-laptop.office.lan",
        },
    },
    {
        fixture: "alcatel-stellar", // apClientSNR, apRadioUtilization; ip
        clients: {
            "38:f9:d3:00:00:01": [undefined, 38, "stellar-a.office.lan"],
            "38:f9:d3:00:00:02": [undefined, 27, "stellar-b.office.lan"],
            "38:f9:d3:00:00:03": [undefined, 19, "stellar-c.office.lan"],
        },
        radios: { "alcatel-stellar": { "1": 47, "2": 23 } },
        ptr: {
            "10.50.0.21": "stellar-a.office.lan",
            "10.50.0.22": "stellar-b.office.lan",
            "10.51.0.23": "stellar-c.office.lan",
        },
    },
];

describe("ap-clients: who is on which AP and how well, per vendor (fixtures from the MIBs)", function () {
    this.timeout(30_000);
    let vsim: Simulator;
    let vdns: DnsServer;

    before(async () => {
        vsim = await startSimulator({
            devices: VENDORS.map((v) => ({
                name: v.fixture,
                file: path.join(WIRELESS, `${v.fixture}.snmprec`),
                port: 0,
                dynamics: false,
            })),
        });
        vdns = await startDnsServer(
            Object.assign({}, ...VENDORS.map((v) => v.ptr ?? {})) as Record<string, string>,
        );
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await vsim?.stop();
        await vdns?.close();
    });
    afterEach(async () => {
        await helper.unload();
    });

    for (const v of VENDORS) {
        it(`${v.fixture}: each client's signal and hostname, each radio's utilisation`, async () => {
            const ep = vsim.endpoint(v.fixture);
            await load([
                { id: "t1", type: "tab", label: "wifi" },
                { id: "c1", type: "snmp-credentials", version: "2c", timeout: 1000, retries: 0 },
                {
                    id: "a1",
                    z: "t1",
                    type: "ap-clients",
                    snmp: "c1",
                    devices: `${ep.host}:${ep.port} ${v.fixture}`,
                    reverseDns: true,
                    dnsServers: vdns.address,
                    wires: [["out1"], [], []],
                },
                { id: "out1", z: "t1", type: "helper" },
            ]);
            const got = collect(node("out1"), 1);
            node("a1").receive({ payload: "tick" });
            const [msg] = (await got) as Out[];
            const reading = msg?.payload;
            assert.ok(reading?.reachable, JSON.stringify(reading));
            assert.equal(reading.profile, v.fixture);
            assert.deepEqual(
                Object.fromEntries(reading.clients.map((c) => [c.mac, [c.signal, c.snr, c.hostname]])),
                v.clients,
            );
            // Without a MAC table, the hostname is the client's name.
            for (const c of reading.clients) assert.equal(c.name, c.hostname, c.mac);
            const radios = Object.fromEntries(
                reading.aps.map((ap) => [
                    ap.name,
                    Object.fromEntries(ap.radios.map((r) => [r.id, r.utilisation])),
                ]),
            );
            assert.deepEqual(radios, v.radios);
            for (const ap of reading.aps) {
                const busiest = Math.max(...Object.values(v.radios[ap.name] ?? {}));
                assert.equal(ap.utilisation, busiest, `${ap.name}: its busiest radio`);
                if (Object.values(v.clients).some(([dBm]) => dBm !== undefined) && ap.clients) {
                    assert.ok(ap.signal, `${ap.name} has a signal summary`);
                }
            }
        });
    }
});
