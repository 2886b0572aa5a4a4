/**
 * Every profile against its own fixture (written from the vendor MIB): detection picks it, and
 * the reading has the numbers a user would check on the device's own UI. Decoding only: the
 * fixture becomes the result of a complete walk. SNMP itself is tested in test/nodes.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { candidates, chooseProfile, detectionPlan, systemInfo } from "../../nodes/lib/ap/detect";
import { buildReading, clientColumns, planFor, type BuiltReading } from "../../nodes/lib/ap/engine";
import { PROFILES } from "../../nodes/lib/ap/profiles";
import type { ApReading } from "../../nodes/lib/ap/types";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { isUnder } from "../../nodes/lib/snmp/varbind";
import { fixtureText, parseRecords, resultFor, WIRELESS_FIXTURES } from "./ap-result";

function read(name: string): BuiltReading & { profile: string } {
    const records = parseRecords(fixtureText(name));
    const detection = resultFor(records, detectionPlan());
    const sys = systemInfo(detection);
    const profile = chooseProfile("192.0.2.1", sys, detection);
    const built = buildReading(profile, resultFor(records, planFor(profile)), {
        device: sys.name ?? "192.0.2.1",
        host: "192.0.2.1",
        time: "2026-01-01T00:00:00.000Z",
    });
    return { ...built, profile: profile.id };
}

function ssids(r: ApReading): Record<string, number> {
    return Object.fromEntries(r.ssids.map((s) => [s.ssid, s.clients]));
}

function ap(r: ApReading, name: string): ApReading["aps"][number] {
    const found = r.aps.find((a) => a.name === name);
    assert.ok(found, `AP ${name} in ${r.aps.map((a) => a.name).join(", ")}`);
    return found;
}

function client(r: ApReading, mac: string): ApReading["clients"][number] {
    const found = r.clients.find((c) => c.mac === mac);
    assert.ok(found, `client ${mac}`);
    return found;
}

describe("ap profiles: the profile table", () => {
    it("has unique ids, a signature and a probe for every profile", () => {
        const ids = PROFILES.map((p) => p.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const p of PROFILES) {
            assert.ok(p.detect.match.length > 0, p.id);
            assert.match(p.detect.probe, /^1\.3\.6\.1\.4\.1\.\d+(\.\d+)+$/, p.id);
        }
    });

    it("never probes a client table (empty whenever nobody is connected)", () => {
        for (const p of PROFILES) {
            const clientTables = clientColumns(p);
            assert.ok(
                !clientTables.some((c) => c === p.detect.probe || isUnder(p.detect.probe, c)),
                `${p.id} probes ${p.detect.probe}`,
            );
        }
    });

    it("reads the probe in every poll, so a replaced device is noticed", () => {
        for (const p of PROFILES) {
            const plan = planFor(p);
            assert.ok(
                plan.columns.includes(p.detect.probe) || plan.scalars.includes(`${p.detect.probe}.0`),
                p.id,
            );
        }
    });

    it("covers the vendors of the issue", () => {
        const ids = new Set(PROFILES.map((p) => p.id));
        for (const id of [
            "ubnt-unifi",
            "ubnt-airmax",
            "mikrotik-wireless",
            "mikrotik-capsman",
            "mikrotik-wifi",
            "cisco-aireos",
            "cisco-ios-ap",
            "aruba-controller",
            "aruba-instant",
            "ruckus-zd",
            "ruckus-unleashed",
            "ruckus-sz",
            "meraki-cloud",
            "fortigate",
            "fortiwlc",
            "aerohive",
            "tplink-eap",
            "cambium-cnpilot",
            "cambium-epmp",
        ]) {
            assert.ok(ids.has(id), id);
        }
    });

    it("offers every profile in the editor's vendor list, besides auto-detect and custom", () => {
        const html = readFileSync(join(__dirname, "..", "..", "nodes", "ap-clients.html"), "utf8");
        const select = /<select id="node-input-vendor"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
        const values = Array.from(select.matchAll(/<option value="([^"]+)"/g), (m) => m[1]);
        assert.deepEqual(values.sort(), ["auto", "custom", ...PROFILES.map((p) => p.id)].sort());
        for (const p of PROFILES) assert.ok(select.includes(`>${p.label}<`), `label of ${p.id}`);
    });

    it("has a fixture for every profile", () => {
        const fixtures = readdirSync(WIRELESS_FIXTURES).map((f) => f.replace(/\.snmprec$/, ""));
        const detected = new Set(
            fixtures.flatMap((f) => {
                try {
                    return [read(f).profile];
                } catch {
                    return [];
                }
            }),
        );
        for (const p of PROFILES) assert.ok(detected.has(p.id), `a fixture detected as ${p.id}`);
    });
});

describe("ap profiles: detection", () => {
    it("prefers the ZoneDirector profile for a ZD1200, whose sysObjectID is also Unleashed's", () => {
        const sys = { objectId: "1.3.6.1.4.1.25053.3.1.5.15", descr: "Ruckus Wireless ZD1200" };
        assert.deepEqual(
            candidates(sys).map((p) => p.id),
            ["ruckus-zd", "ruckus-unleashed"],
        );
        assert.equal(read("ruckus-zd").profile, "ruckus-zd");
    });

    it("recognises UniFi on the generic Linux sysObjectID by its sysDescr", () => {
        assert.equal(read("ubnt-unifi").profile, "ubnt-unifi");
        assert.deepEqual(candidates({ objectId: "1.3.6.1.4.1.8072.3.2.10", descr: "Linux files 6.1" }), []);
    });

    it("finds Meraki's dashboard by its probe alone", () => {
        assert.equal(read("meraki-cloud").profile, "meraki-cloud");
    });

    it("names the sysObjectID and sysDescr of a device no profile matches, and points to custom", () => {
        assert.throws(
            () => read("linux-server"),
            (err: unknown) =>
                err instanceof SnmpError &&
                err.code === "unsupported" &&
                err.message.includes("1.3.6.1.4.1.8072.3.2.10") &&
                err.message.includes("Linux files 6.1.0-18-amd64") &&
                err.message.includes("custom profile"),
        );
    });

    it("says what is missing when a device looks like a supported one but does not answer its probe", () => {
        assert.throws(
            () => read("unifi-no-vap"),
            (err: unknown) =>
                err instanceof SnmpError &&
                err.code === "unsupported" &&
                /looks like Ubiquiti UniFi AP/.test(err.message) &&
                err.message.includes("unifiVapNumStations") &&
                err.message.includes("SNMP is enabled for the site"),
        );
    });
});

describe("ap profiles: readings", () => {
    it("cisco-aireos: clients per AP, radio and WLAN; RSSI in dBm and SNR; probing stations left out", () => {
        const { reading: r, profile } = read("cisco-aireos");
        assert.equal(profile, "cisco-aireos");
        assert.equal(r.model, "AIR-CT3504-K9");
        assert.deepEqual(r.totals, { clients: 5, aps: 3 });
        assert.deepEqual(ssids(r), { Office: 3, Guest: 2, "IoT Devices": 0 });
        assert.equal(ap(r, "ap-lobby").clients, 2);
        assert.equal(ap(r, "ap-lobby").ip, "10.0.10.11");
        assert.deepEqual(
            ap(r, "ap-store").radios.map((x) => [x.band, x.channel, x.clients]),
            [
                ["2.4GHz", 1, 0],
                ["5GHz", 149, 0],
                ["6GHz", 37, 1],
            ],
        );
        assert.equal(r.clients.length, 5, "the probing station is not a client");
        assert.deepEqual(client(r, "a4:83:e7:00:00:05"), {
            mac: "a4:83:e7:00:00:05",
            ap: "ap-store",
            ssid: "Guest",
            band: "6GHz",
            signal: -66,
            snr: 25,
            txRate: 573,
            uptime: 15,
            ip: "10.0.30.9",
        });
        assert.deepEqual(r.capabilities, { perClient: true, signal: "dBm" });
    });

    it("cisco-ios-ap: the AP lists itself; SSIDs come from the index; repeaters are not clients", () => {
        const { reading: r } = read("cisco-ios-ap");
        assert.equal(r.aps.length, 1);
        assert.equal(r.aps[0]?.name, "ap-warehouse");
        assert.deepEqual(
            r.aps[0]?.radios.map((x) => [x.id, x.clients]),
            [
                ["Dot11Radio0", 1],
                ["Dot11Radio1", 2],
            ],
        );
        assert.deepEqual(ssids(r), { Corp: 2, "Guest Wi-Fi": 1 });
        assert.equal(r.clients.length, 3);
        assert.equal(client(r, "3c:22:fb:00:00:02").ssid, "Guest Wi-Fi");
        assert.equal(client(r, "3c:22:fb:00:00:01").name, "LAPTOP-7");
        assert.equal(client(r, "3c:22:fb:00:00:01").ip, "10.0.10.21");
    });

    it("aruba-controller: SNR only (never relabelled as dBm), AP via BSSID, IP from the user table, wired stations out", () => {
        const { reading: r } = read("aruba-controller");
        assert.deepEqual(r.totals, { clients: 4, aps: 2 });
        assert.deepEqual(ssids(r), { corp: 3, guest: 1 }, "from the length-prefixed ESSID index");
        assert.equal(r.clients.length, 4);
        const c = client(r, "f0:18:98:00:00:01");
        assert.equal(c.ap, "ap-front");
        assert.equal(c.snr, 35);
        assert.equal(c.signal, undefined);
        assert.equal(c.ip, "10.1.20.31");
        assert.equal(c.uptime, 12000);
        assert.ok(!r.clients.some((x) => x.mac === "f0:18:98:00:00:05"), "wired station");
        assert.deepEqual(
            r.aps.map((a) => a.name),
            ["ap-back", "ap-front"],
            "the AP that is down is left out, radios and all",
        );
        assert.deepEqual(r.capabilities, { perClient: true, signal: "snr" });
        assert.deepEqual(
            ap(r, "ap-front").radios.map((x) => [x.band, x.clients, x.noise]),
            [
                ["2.4GHz", 1, -95],
                ["5GHz", 2, -92],
            ],
        );
    });

    it("aruba-controller with no AP and no client: zero from the device's own totals, not a guess", () => {
        const { reading: r } = read("aruba-controller-idle");
        assert.deepEqual(r.totals, { clients: 0, aps: 0 });
        assert.deepEqual(r.aps, []);
        assert.deepEqual(r.clients, []);
    });

    it("aruba-instant: APs of the cluster, noise sent without sign, AP by BSSID or by AP address", () => {
        const { reading: r } = read("aruba-instant");
        assert.deepEqual(r.totals, { clients: 3, aps: 2 });
        assert.deepEqual(ssids(r), { Staff: 2, Visitors: 1 });
        assert.deepEqual(
            ap(r, "iap-hall").radios.map((x) => [x.channel, x.noise, x.clients, x.band]),
            [
                [36, -94, 1, undefined],
                [6, -95, 1, undefined],
            ],
        );
        assert.equal(client(r, "d8:bb:c1:00:00:02").ssid, "Visitors");
        assert.equal(client(r, "d8:bb:c1:00:00:03").ap, "iap-lab", "found through its AP's IP");
        assert.equal(client(r, "d8:bb:c1:00:00:03").ssid, undefined, "unknown BSSID: no SSID is made up");
        assert.equal(r.capabilities.signal, "snr");
    });

    it("ruckus-zd: signal in dBm where the firmware gives it, SNR always", () => {
        const { reading: r } = read("ruckus-zd");
        assert.deepEqual(r.totals, { clients: 3, aps: 2 });
        assert.deepEqual(ssids(r), { Staff: 2, Guest: 1 });
        assert.deepEqual(client(r, "ac:bc:32:00:00:01").signal, -58);
        const old = client(r, "ac:bc:32:00:00:03");
        assert.equal(old.signal, undefined);
        assert.equal(old.snr, 29);
        assert.equal(old.ap, "R510-Meeting");
        assert.equal(old.band, "5GHz");
    });

    it("ruckus-unleashed: totals only, no AP list made up", () => {
        const { reading: r } = read("ruckus-unleashed");
        assert.deepEqual(r.totals, { clients: 7, aps: 3 });
        assert.deepEqual(r.aps, []);
        assert.deepEqual(r.capabilities, { perClient: false, signal: "none" });
    });

    it("ruckus-sz: per-AP and per-WLAN counts", () => {
        const { reading: r } = read("ruckus-sz");
        assert.deepEqual(r.totals, { clients: 12, aps: 3 });
        assert.deepEqual(ssids(r), { Campus: 9, Events: 3 });
        assert.equal(ap(r, "sz-ap-spare").clients, 0);
    });

    it("meraki-cloud: access points online only; switches and offline APs left out", () => {
        const { reading: r } = read("meraki-cloud");
        assert.deepEqual(
            r.aps.map((a) => [a.name, a.clients]),
            [
                ["MR36 Office", 6],
                ["MR46 Lobby", 14],
            ],
        );
        assert.deepEqual(r.totals, { clients: 20, aps: 2 });
    });

    it("fortigate: string AP ids in the index, length-prefixed MACs, offline stations out, SNR from signal and noise", () => {
        const { reading: r } = read("fortigate");
        assert.deepEqual(r.totals, { clients: 3, aps: 2 });
        assert.equal(ap(r, "FAP-Atrium").id, "FP231FTF20000001");
        assert.equal(ap(r, "FAP-Atrium").ip, "10.4.11.11");
        assert.deepEqual(ap(r, "FAP-Canteen").ssids, [
            { ssid: "guest", clients: 0 },
            { ssid: "office", clients: 1 },
        ]);
        assert.equal(r.clients.length, 3);
        const c = client(r, "3c:06:30:00:00:01");
        assert.deepEqual(
            [c.ap, c.signal, c.noise, c.snr, c.band, c.name],
            ["FAP-Atrium", -49, -95, 46, "5GHz", "MacBook-Anna"],
        );
        assert.equal(client(r, "3c:06:30:00:00:02").name, undefined, "an empty host name is no name");
    });

    it("fortiwlc: totals only", () => {
        const { reading: r } = read("fortiwlc");
        assert.deepEqual(r.totals, { clients: 12, aps: 4 });
    });

    it("mikrotik-capsman: each CAPsMAN interface is an AP named from IF-MIB", () => {
        const { reading: r } = read("mikrotik-capsman");
        assert.deepEqual(
            r.aps.map((a) => [a.name, a.clients]),
            [
                ["cap-attic-5g", 0],
                ["cap-lobby-2g", 1],
                ["cap-lobby-5g", 2],
            ],
        );
        assert.deepEqual(ssids(r), { HomeNet: 2, "HomeNet-Guest": 1 });
        const c = client(r, "48:d7:05:00:00:02");
        assert.deepEqual([c.ap, c.signal, c.txRate, c.uptime], ["cap-lobby-5g", -55, 866.7, 1200]);
    });

    it("mikrotik-wifi: no count objects, so counts are the client rows", () => {
        const { reading: r } = read("mikrotik-wifi");
        assert.deepEqual(r.totals, { clients: 3, aps: 1 });
        assert.deepEqual(
            r.aps[0]?.radios.map((x) => [x.id, x.band, x.channel, x.clients]),
            [
                ["wifi1", "5GHz", 36, 2],
                ["wifi2", "2.4GHz", 6, 1],
            ],
        );
        assert.equal(client(r, "9c:b6:d0:00:00:03").band, "2.4GHz");
    });

    it("mikrotik-wifi with an empty registration table: 0 clients, and that is a real 0", () => {
        const { reading: r, clientsComplete } = read("mikrotik-wifi-idle");
        assert.deepEqual(r.totals, { clients: 0, aps: 1 });
        assert.deepEqual(r.capabilities, { perClient: true, signal: "dBm" });
        assert.ok(clientsComplete);
    });

    it("mikrotik-wireless: interfaces as radios, SNR 0 means unavailable, SSIDs from the AP interfaces", () => {
        const { reading: r } = read("mikrotik-wireless");
        assert.equal(r.model, "RB4011iGS+5HacQ2HnD");
        assert.deepEqual(r.totals, { clients: 4, aps: 1 });
        assert.deepEqual(ssids(r), { Shop: 3, "Shop-Guest": 1 });
        assert.deepEqual(
            r.aps[0]?.radios.map((x) => [x.id, x.band, x.channel, x.clients]),
            [
                ["wlan1", "2.4GHz", 6, 2],
                ["wlan2", "5GHz", 100, 1],
                ["wlan3", undefined, undefined, 1],
            ],
        );
        assert.equal(client(r, "28:cd:c1:00:00:02").snr, undefined);
        assert.equal(client(r, "28:cd:c1:00:00:02").signal, -81);
        assert.equal(client(r, "28:cd:c1:00:00:04").ssid, "Shop-Guest");
        assert.equal(client(r, "28:cd:c1:00:00:03").name, "cAP-ac-garage");
    });

    it("ubnt-unifi: per radio and per SSID from the VAP table; no client rows", () => {
        const { reading: r, clientsComplete } = read("ubnt-unifi");
        assert.equal(r.model, "UAP-AC-Pro");
        assert.deepEqual(r.totals, { clients: 9, aps: 1 });
        assert.deepEqual(ssids(r), { Home: 8, Guests: 1 }, "the hidden VAP with no client is not listed");
        assert.deepEqual(
            r.aps[0]?.radios.map((x) => [x.band, x.clients]),
            [
                ["2.4GHz", 4],
                ["5GHz", 5],
            ],
        );
        assert.deepEqual(r.capabilities, { perClient: false, signal: "none" });
        assert.ok(!clientsComplete, "no events from a device without client rows");
    });

    it("ubnt-airmax: stations with name, dBm signal and noise, SNR as their difference", () => {
        const { reading: r } = read("ubnt-airmax");
        assert.equal(r.model, "Rocket 5AC Prism");
        const c = client(r, "78:8a:20:00:00:01");
        assert.deepEqual(
            [c.name, c.signal, c.noise, c.snr, c.band, c.uptime, c.txRate],
            ["cpe-smith", -61, -98, 37, "5GHz", 50000, 173.3],
        );
    });

    it("aerohive: a positive 'RSSI' is an SNR, a negative one dBm; never one relabelled as the other", () => {
        const { reading: r } = read("aerohive");
        assert.deepEqual(r.totals, { clients: 3, aps: 1 });
        const above = client(r, "58:e6:ba:00:00:01");
        assert.equal(above.snr, 28);
        assert.equal(above.signal, undefined);
        const dbm = client(r, "58:e6:ba:00:00:03");
        assert.equal(dbm.signal, -63);
        assert.equal(dbm.snr, undefined);
        assert.equal(above.name, "printer-2f");
        assert.deepEqual(
            r.aps[0]?.radios.map((x) => [x.id, x.noise]),
            [
                ["wifi0", -95],
                ["wifi1", -93],
            ],
        );
    });

    it("tplink-eap: MACs written as text become MACs", () => {
        const { reading: r } = read("tplink-eap");
        assert.deepEqual(
            r.clients.map((c) => c.mac),
            ["60:01:94:98:c8:3c", "ac:84:c6:11:22:33"],
        );
        assert.deepEqual(r.capabilities, { perClient: true, signal: "none" });
    });

    it("cambium-cnpilot: SNR per client, counts per radio", () => {
        const { reading: r } = read("cambium-cnpilot");
        assert.deepEqual(r.totals, { clients: 3, aps: 1 });
        assert.equal(client(r, "b4:f1:da:00:00:02").snr, 33);
        assert.equal(client(r, "b4:f1:da:00:00:01").ip, "10.6.0.21");
        assert.equal(r.capabilities.signal, "snr");
    });

    it("cambium-epmp: the subscriber count", () => {
        const { reading: r } = read("cambium-epmp");
        assert.deepEqual(r.totals, { clients: 12, aps: 1 });
        assert.equal(r.aps[0]?.clients, 12);
    });

    it("leaves out what a MIB lacks instead of writing 0", () => {
        for (const name of ["ruckus-unleashed", "tplink-eap", "cambium-epmp", "ubnt-unifi"]) {
            const { reading: r } = read(name);
            for (const c of r.clients) {
                for (const [k, v] of Object.entries(c)) assert.notEqual(v, 0, `${name} ${c.mac}.${k}`);
            }
        }
        const { reading: t } = read("tplink-eap");
        assert.deepEqual(Object.keys(t.clients[0] ?? {}), ["mac", "ap"]);
    });
});
