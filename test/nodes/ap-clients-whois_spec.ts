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
