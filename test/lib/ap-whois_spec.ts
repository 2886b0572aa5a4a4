/**
 * The parts of "who each client is" that need no network, and the reverse DNS cache's limits
 * against a DNS server on loopback.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { arpPlan, arpTable } from "../../nodes/lib/ap/arp";
import { cleanHostName, ReverseDns } from "../../nodes/lib/ap/rdns";
import type { ClientInfo } from "../../nodes/lib/ap/types";
import { ClientWhois } from "../../nodes/lib/ap/whois";
import { DEFAULT_ARP_TTL_MS, whoisSettings } from "../../nodes/lib/ap/whois-settings";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { startSimulator, type Simulator } from "../../tools/sim";
import { until } from "../helpers/nodered";
import { validDnsServers, validRouter } from "../../nodes/lib/editor";
import { startDnsServer, type DnsServer } from "../helpers/dns-server";
import { parseRecords, resultFor } from "./ap-result";

const ROUTER = readFileSync(join(__dirname, "..", "fixtures", "network", "edge-router.snmprec"), "utf8");

describe("ap whois: the router's ARP table", () => {
    it("maps each neighbour's MAC to its address, IPv4 first, skipping invalid, local and incomplete rows", () => {
        const table = arpTable(resultFor(parseRecords(ROUTER), arpPlan(1000)));
        assert.deepEqual(Object.fromEntries(table), {
            // The router itself: local(5) in the newer table, but ipNetToMediaTable has no such type.
            "02:00:00:00:00:01": "192.168.88.1",
            "9c:b6:d0:00:00:01": "192.168.88.21",
            "9c:b6:d0:00:00:02": "192.168.88.22",
            "9c:b6:d0:00:00:03": "192.168.88.23",
            "fa:27:df:00:00:01": "10.100.0.201",
            "9c:b6:d0:00:00:42": "2001:db8::42",
        });
    });

    it("is empty for a router without either table", () => {
        const table = arpTable(resultFor(parseRecords("1.3.6.1.2.1.1.5.0|4|r\n"), arpPlan(1000)));
        assert.equal(table.size, 0);
    });
});

describe("ap whois: settings", () => {
    it("is off with every field blank", () => {
        assert.deepEqual(whoisSettings({}), {
            arpTtlMs: DEFAULT_ARP_TTL_MS,
            reverseDns: false,
            dnsServers: [],
        });
    });

    it("reads the router, the cache minutes, reverse DNS and the DNS servers", () => {
        assert.deepEqual(
            whoisSettings({
                arpRouter: " 10.0.0.1:1161 ",
                arpMinutes: "2.5",
                reverseDns: "true",
                dnsServers: "127.0.0.1:5353, ::1 [fd00::53]:53",
            }),
            {
                router: { host: "10.0.0.1", port: 1161, label: "10.0.0.1:1161" },
                arpTtlMs: 150_000,
                reverseDns: true,
                dnsServers: ["127.0.0.1:5353", "::1", "[fd00::53]:53"],
            },
        );
    });

    it("names the field of a mistake, and the editor flags the same entries", () => {
        const cases: [Record<string, string>, RegExp][] = [
            [{ arpRouter: "router..lan" }, /^ARP router: /],
            [{ arpRouter: "10.0.0.1:0" }, /^ARP router: invalid port/],
            [{ arpMinutes: "0" }, /^ARP cache minutes: /],
            [{ arpMinutes: "five" }, /^ARP cache minutes: /],
            [{ dnsServers: "dns.office.lan" }, /^DNS servers: "dns.office.lan" is not an IP address/],
        ];
        for (const [config, why] of cases) {
            const got = whoisSettings(config);
            assert.ok("error" in got, JSON.stringify(config));
            assert.match(got.error, why);
        }
        assert.equal(validRouter("router..lan"), false);
        assert.equal(validRouter("gw.office.lan:161"), true);
        assert.equal(validRouter(""), true);
        assert.equal(validDnsServers("dns.office.lan"), false);
        assert.equal(validDnsServers("192.168.1.1 192.168.1.2:53"), true);
    });
});

describe("ap whois: reverse DNS", function () {
    this.timeout(10_000);
    let dns: DnsServer;
    const NAMES = { "192.0.2.10": "anna-laptop.office.lan.", "192.0.2.11": "bad name<script>.lan" };

    before(async () => {
        dns = await startDnsServer(NAMES);
    });
    after(async () => {
        await dns.close();
    });
    beforeEach(() => {
        dns.questions.length = 0;
        dns.silent = false;
    });

    it("keeps only valid host names, without the root dot", () => {
        assert.equal(cleanHostName("printer.office.lan."), "printer.office.lan");
        assert.equal(cleanHostName("bad name<script>.lan"), undefined);
        assert.equal(cleanHostName("-x.lan"), undefined);
        assert.equal(cleanHostName(`${"a".repeat(64)}.lan`), undefined);
        assert.equal(cleanHostName(42), undefined);
    });

    it("answers from the server, then from its cache (names and no-names alike)", async () => {
        const r = new ReverseDns({ servers: [dns.address] });
        try {
            const first = await r.names(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
            // 192.0.2.11's name is no host name: dropped, as is the unknown 192.0.2.12.
            assert.deepEqual(Object.fromEntries(first), { "192.0.2.10": "anna-laptop.office.lan" });
            assert.equal(dns.questions.length, 3);
            const again = await r.names(["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
            assert.deepEqual(Object.fromEntries(again), Object.fromEntries(first));
            assert.equal(dns.questions.length, 3, "no second question");
        } finally {
            r.close();
        }
    });

    it("looks up only addresses: device text that is none is skipped, not thrown on", async () => {
        const r = new ReverseDns({ servers: [dns.address] });
        try {
            const got = await r.names(["not an address", "192.0.2.10", ""]);
            assert.deepEqual(Object.fromEntries(got), { "192.0.2.10": "anna-laptop.office.lan" });
            assert.equal(r.started, 1);
        } finally {
            r.close();
        }
    });

    it("asks again once an entry is older than its time to live", async () => {
        let now = 1_000_000;
        const r = new ReverseDns({ servers: [dns.address], ttlMs: 1000, negativeTtlMs: 500, now: () => now });
        try {
            await r.names(["192.0.2.10", "192.0.2.12"]);
            now += 600; // the no-name answer has expired, the name has not
            await r.names(["192.0.2.10", "192.0.2.12"]);
            assert.equal(dns.questions.length, 3);
        } finally {
            r.close();
        }
    });

    it("starts at most maxPerPoll lookups per call", async () => {
        const r = new ReverseDns({ servers: [dns.address], maxPerPoll: 2 });
        try {
            await r.names(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]);
            assert.equal(r.started, 2);
            await r.names(["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"]);
            assert.equal(r.started, 4, "the next poll takes the next ones");
        } finally {
            r.close();
        }
    });

    it("stops waiting for a silent server at the wait limit, at the deadline, and on close", async () => {
        dns.silent = true;
        const r = new ReverseDns({ servers: [dns.address], timeoutMs: 5000, waitMs: 100 });
        let t = Date.now();
        assert.equal((await r.names(["192.0.2.20"])).size, 0);
        assert.ok(Date.now() - t < 2000, "the wait limit, not the lookup's 5 s");

        const patient = new ReverseDns({ servers: [dns.address], timeoutMs: 5000, waitMs: 5000 });
        const deadline = new AbortController();
        setTimeout(() => deadline.abort(), 50);
        t = Date.now();
        await patient.names(["192.0.2.21"], deadline.signal);
        assert.ok(Date.now() - t < 2000, "the deadline ends the wait");

        const waiting = patient.names(["192.0.2.22"]);
        setTimeout(() => patient.close(), 50);
        t = Date.now();
        await waiting;
        assert.ok(Date.now() - t < 2000, "close ends the wait");
        assert.equal(patient.running, 0, "nothing left running");
        r.close();
    });
});

describe("ap whois: the ARP cache against a router in the simulator", function () {
    this.timeout(20_000);
    let sim: Simulator;
    let session: SnmpSession;
    let now = 1_000_000;
    const warned: string[] = [];
    const client = (): ClientInfo[] => [
        { mac: "9c:b6:d0:00:00:01" },
        { mac: "9c:b6:d0:00:00:02", ip: "10.9.9.9" },
    ];

    function whois(): ClientWhois {
        return new ClientWhois({
            router: { label: "edge-router", use: (fn) => fn(session) },
            arpTtlMs: 60_000,
            query: () => ({ maxRepetitions: 10, maxRows: 1000 }),
            warn: (text) => warned.push(text),
            now: () => now,
        });
    }

    before(async () => {
        sim = await startSimulator({
            devices: [{ name: "router", records: ROUTER, port: 0, dynamics: false }],
        });
        const ep = sim.endpoint("router");
        session = await SnmpSession.open(
            ep.host,
            normalizeSettings({ community: "public", port: ep.port, timeout: 500, retries: 0 }),
        );
    });
    after(async () => {
        session?.close();
        await sim?.stop();
    });
    beforeEach(() => {
        sim.setFaults("router", { delayMs: 0, down: false });
        warned.length = 0;
    });

    it("reads once per period, keeps the device's own ip, and refreshes without holding a poll", async () => {
        const w = whois();
        const first = client();
        await w.enrich(first);
        assert.deepEqual(
            first.map((c) => c.ip),
            ["192.168.88.21", "10.9.9.9"],
        );
        await w.enrich(client());
        assert.equal(w.reads, 1, "cached");
        now += 61_000;
        sim.setFaults("router", { delayMs: 3000 });
        const started = Date.now();
        const during = client();
        await w.enrich(during);
        assert.ok(Date.now() - started < 1500, "the refresh is not waited for");
        assert.equal(during[0]?.ip, "192.168.88.21", "the table it replaces serves meanwhile");
        assert.equal(w.reads, 2);
        w.close();
    });

    it("drops the table when the router stops answering, warns once, and retries in the background", async () => {
        const w = whois();
        await w.enrich(client());
        sim.setFaults("router", { down: true });
        now += 61_000;
        w.prepare();
        await until(() => w.routerProblem !== undefined, "the failed refresh");
        const after = client();
        const started = Date.now();
        await w.enrich(after);
        assert.ok(Date.now() - started < 400, "no wait for a router known to fail");
        assert.equal(after[0]?.ip, undefined, "no stale address");
        assert.equal(warned.length, 1, warned.join("\n"));
        assert.match(warned[0] ?? "", /^ARP table of router edge-router not read: /);
        now += 61_000; // the retry is due: still failing, still one warning
        w.prepare();
        await until(() => w.reads === 3, "the retry");
        await new Promise((r) => setTimeout(r, 700));
        assert.equal(warned.length, 1);
        sim.setFaults("router", { delayMs: 0, down: false });
        now += 61_000;
        w.prepare();
        await until(() => w.routerProblem === undefined, "the recovery");
        const back = client();
        await w.enrich(back);
        assert.equal(back[0]?.ip, "192.168.88.21");
        w.close();
    });

    it("stops a read in flight on close, without a warning", async () => {
        const w = whois();
        sim.setFaults("router", { delayMs: 3000 });
        const started = Date.now();
        const waiting = w.enrich(client());
        setTimeout(() => w.close(), 50);
        await waiting;
        assert.ok(Date.now() - started < 1500, "close ends the wait");
        await new Promise((r) => setTimeout(r, 100));
        assert.deepEqual(warned, []);
    });
});
