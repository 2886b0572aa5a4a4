/**
 * The parts of a scan, each alone: ranges and their limits, reading the probe's answer (and an
 * SNMPv1 agent that runs out of MIB), classification rules, device lines, and the report.
 */
import assert from "node:assert/strict";
import { startSimulator } from "../../tools/sim";
import { classify, modelFromDescr, vendorOf } from "../../nodes/lib/discover/classify";
import { deviceLine, readFoundDevice, type FoundDevice } from "../../nodes/lib/discover/contract";
import { probe, readSighting, type Sighting } from "../../nodes/lib/discover/probe";
import { parseRange } from "../../nodes/lib/discover/range";
import { buildReport, readStoredScan, storedScan } from "../../nodes/lib/discover/report";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { VarType, type Varbind } from "../../nodes/lib/snmp/varbind";
import { encodeOid, encodeVarbind, parseOid } from "../../tools/sim/ber";
import { response, startRawAgent, vb as rawVb, type RawHandler } from "../helpers/raw-agent";

function hosts(input: unknown, max?: number): string[] {
    const r = parseRange(input, max);
    if ("error" in r) throw new Error(r.error);
    return r.targets.map((t) => (t.port === undefined ? t.host : `${t.host}:${t.port}`));
}
function rangeError(input: unknown, max?: number): string {
    const r = parseRange(input, max);
    assert.ok("error" in r, `expected an error for ${JSON.stringify(input)}`);
    return r.error;
}

describe("discover: ranges", () => {
    it("expands a CIDR block without its network and broadcast addresses", () => {
        const all = hosts("192.0.2.0/24");
        assert.equal(all.length, 254);
        assert.equal(all[0], "192.0.2.1");
        assert.equal(all.at(-1), "192.0.2.254");
        assert.deepEqual(hosts("192.0.2.77/30"), ["192.0.2.77", "192.0.2.78"]);
        // /31 and /32 have no network or broadcast address (RFC 3021).
        assert.deepEqual(hosts("192.0.2.8/31"), ["192.0.2.8", "192.0.2.9"]);
        assert.deepEqual(hosts("192.0.2.8/32"), ["192.0.2.8"]);
    });

    it("expands ranges, short or long, skipping every .0 and .255 on the way", () => {
        assert.equal(hosts("10.0.0.10-10.0.0.60").length, 51);
        assert.deepEqual(hosts("10.0.0.10-12"), ["10.0.0.10", "10.0.0.11", "10.0.0.12"]);
        assert.deepEqual(hosts("10.0.0.253 - 10.0.1.2"), [
            "10.0.0.253",
            "10.0.0.254",
            "10.0.1.1",
            "10.0.1.2",
        ]);
        assert.deepEqual(hosts("10.0.0.250-1.2"), hosts("10.0.0.250-10.0.1.2"));
    });

    it("takes several items per line and per message, once each, and host names and ports", () => {
        assert.deepEqual(hosts("192.0.2.1, 192.0.2.2 # the printers\n\n192.0.2.1\nprinter-2.example:1161"), [
            "192.0.2.1",
            "192.0.2.2",
            "printer-2.example:1161",
        ]);
        assert.deepEqual(hosts(["192.0.2.1-2", "192.0.2.9"]), ["192.0.2.1", "192.0.2.2", "192.0.2.9"]);
    });

    it("holds at most 1,024 addresses unless allowed more, and never more than a /16", () => {
        assert.equal(hosts("10.1.0.0/22").length, 1022);
        assert.match(rangeError("10.1.0.0/21"), /more than 1024 addresses.*allow more/);
        assert.equal(hosts("10.1.0.0/21", 4096).length, 2046);
        assert.match(rangeError("10.0.0.0/8", 65536), /larger than a \/16/);
        assert.match(rangeError("10.0.0.1-10.2.0.1", 65536), /larger than a \/16/);
        assert.match(rangeError(["10.1.0.0/23", "10.2.0.0/23", "10.3.0.0/24"]), /more than 1024/);
    });

    it("refuses multicast, broadcast, this-network and malformed items with the item named", () => {
        assert.match(rangeError("224.0.0.1"), /multicast/);
        assert.match(rangeError("255.255.255.255"), /broadcast/);
        assert.match(rangeError("239.255.255.250/30"), /multicast/);
        assert.match(rangeError("0.0.0.0/24"), /this network/);
        assert.match(rangeError("10.0.0.300"), /"10\.0\.0\.300"/);
        assert.match(rangeError("10.0.0.9-3"), /ends before it starts/);
        assert.match(rangeError("10.0.0.0/33"), /not a valid CIDR/);
        assert.match(rangeError("  # nothing\n"), /no range given/);
    });
});

const vb = (oid: string, type: number, value: Varbind["value"]): Varbind => ({ oid, type, value });
const text = (s: string): Buffer => Buffer.from(s, "latin1");

describe("discover: the probe's answer", () => {
    it("keeps a system object only when the agent returned exactly its instance", () => {
        const s = readSighting(
            new Map([
                ["descr", vb("1.3.6.1.2.1.1.1.0", VarType.OctetString, text("Ricoh MP C2003"))],
                ["objectId", vb("1.3.6.1.2.1.1.2.0", VarType.OID, "1.3.6.1.4.1.367.1.1")],
                // No sysName: GETNEXT went on to sysLocation; no sysLocation: on to sysServices.
                ["name", vb("1.3.6.1.2.1.1.6.0", VarType.OctetString, text("Floor 2"))],
                ["location", vb("1.3.6.1.2.1.1.7.0", VarType.Integer, 72)],
                ["printer", vb("1.3.6.1.2.1.43.5.1.1.17.1", VarType.OctetString, text("E123"))],
                ["dot11", vb("1.3.6.1.2.1.1.1.0", VarType.OctetString, text("Ricoh MP C2003"))],
            ] as const),
        );
        assert.deepEqual(s, {
            descr: "Ricoh MP C2003",
            objectId: "1.3.6.1.4.1.367.1.1",
            printerMib: true,
            dot11: false,
        });
    });

    it("takes the printer name from prtGeneralPrinterName, and nothing from outside the Printer-MIB", () => {
        const named = readSighting(
            new Map([
                ["printer", vb("1.3.6.1.2.1.43.5.1.1.16.1", VarType.OctetString, text("HP LaserJet M507"))],
            ]),
        );
        assert.equal(named.printerName, "HP LaserJet M507");
        const outside = readSighting(new Map([["printer", vb("1.3.6.1.2.1.44.1.0", VarType.Integer, 1)]]));
        assert.equal(outside.printerMib, false);
    });

    it("gets an answer from an SNMPv1 agent whose MIB ends before some probe objects", async () => {
        const sim = await startSimulator({
            devices: [
                {
                    name: "old",
                    port: 0,
                    records: "1.3.6.1.2.1.1.1.0|4|Old print server\n1.3.6.1.2.1.1.5.0|4|lp1\n",
                },
            ],
        });
        const ep = sim.endpoint("old");
        const session = await SnmpSession.open(
            ep.host,
            normalizeSettings({
                version: "1",
                port: ep.port,
                community: ep.community,
                timeout: 1000,
                retries: 0,
            }),
        );
        try {
            const s = await probe(session);
            assert.equal(s.descr, "Old print server");
            assert.equal(s.name, "lp1");
            assert.equal(s.printerMib, false);
        } finally {
            session.close();
            await sim.stop();
        }
    });
    it("asks again with a GET when the agent's GETNEXT skips the system group (out-of-order data)", async () => {
        // Such an agent answers GET for sysDescr.0 but ends the MIB on a GETNEXT from just before it.
        const system: Record<string, Buffer> = {
            "1.3.6.1.2.1.1.1.0": rawVb.str("1.3.6.1.2.1.1.1.0", "UAP-AC-HD 3.9.19.8123"),
            "1.3.6.1.2.1.1.2.0": encodeVarbind(
                encodeOid(parseOid("1.3.6.1.2.1.1.2.0") ?? []),
                encodeOid(parseOid("1.3.6.1.4.1.8072.3.2.10") ?? []),
            ),
            "1.3.6.1.2.1.1.5.0": rawVb.str("1.3.6.1.2.1.1.5.0", "ap-hall"),
        };
        const { sighting: s, requests } = await probeRaw((req) =>
            response(
                req,
                req.oids.map((oid) => (req.type === "GET" ? system[oid] : undefined) ?? rawVb.endOfMib(oid)),
            ),
        );
        assert.equal(s.descr, "UAP-AC-HD 3.9.19.8123");
        assert.equal(s.objectId, "1.3.6.1.4.1.8072.3.2.10");
        assert.equal(s.name, "ap-hall");
        assert.equal(s.location, undefined);
        assert.equal(classify(s).kind, "wireless");
        assert.deepEqual(requests, ["GETNEXT", "GET"]);
    });

    it("sends one request to an agent that answers the system group", async () => {
        const { sighting: s, requests } = await probeRaw((req) =>
            response(
                req,
                req.oids.map((oid, i) =>
                    i < 4 ? rawVb.str(`1.3.6.1.2.1.1.${[1, 2, 5, 6][i]}.0`, `v${i}`) : rawVb.endOfMib(oid),
                ),
            ),
        );
        assert.equal(s.descr, "v0");
        assert.deepEqual(requests, ["GETNEXT"]);
    });
});

/** Probe a scripted agent on loopback; what it found and the requests the agent saw. */
async function probeRaw(handler: RawHandler): Promise<{ sighting: Sighting; requests: string[] }> {
    const agent = await startRawAgent(handler);
    const session = await SnmpSession.open(
        agent.host,
        normalizeSettings({ version: "2c", port: agent.port, timeout: 1000, retries: 0 }),
    );
    try {
        const sighting = await probe(session);
        return { sighting, requests: agent.requests.map((r) => r.type) };
    } finally {
        session.close();
        await agent.stop();
    }
}

const sighting = (o: Partial<Sighting>): Sighting => ({ printerMib: false, dot11: false, ...o });

describe("discover: classification", () => {
    it("follows the rules in order", () => {
        // A confirmed ap-clients profile wins.
        assert.equal(
            classify(sighting({ objectId: "1.3.6.1.4.1.14988.1" }), { profile: "mikrotik-wifi" }).kind,
            "wireless",
        );
        // A MikroTik router whose wireless no profile reads is other: its sysObjectID is any RouterOS device.
        assert.equal(
            classify(sighting({ objectId: "1.3.6.1.4.1.14988.1", descr: "RouterOS RB5009" })).kind,
            "other",
        );
        // A printer with Wi-Fi serves the IEEE 802.11 MIB: still a printer.
        assert.equal(classify(sighting({ printerMib: true, dot11: true })).kind, "printer");
        assert.equal(classify(sighting({ descr: "Brother HL-L2350DW series", dot11: true })).kind, "printer");
        // Only the IEEE 802.11 MIB: wireless.
        assert.equal(
            classify(sighting({ objectId: "1.3.6.1.4.1.8072.3.2.10", dot11: true })).kind,
            "wireless",
        );
        // A projector is no printer, whoever made it.
        assert.equal(classify(sighting({ descr: "EPSON Projector EB-2250U" })).kind, "other");
        assert.equal(classify(sighting({ descr: "Linux nas01 5.10.0" })).kind, "other");
    });

    it("knows printer and wireless product lines by sysDescr or sysObjectID alone", () => {
        const kind = (o: Partial<Sighting>): string => classify(sighting(o)).kind;
        for (const descr of [
            "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153",
            "Canon G7000 series",
            "Canon TS8300 series",
            "Canon imagePROGRAF TM-300",
            "SATO CL4NX Plus",
            "Printronix T6000",
            "Intermec PM43c",
        ]) {
            assert.equal(kind({ descr }), "printer", descr);
        }
        for (const objectId of [
            "1.3.6.1.4.1.6486.802.1.1.2.1", // OmniAccess Stellar AP
            "1.3.6.1.4.1.388.50.1.4.2", // WiNG controller
            "1.3.6.1.4.1.32750.1", // LigoWave
            "1.3.6.1.4.1.32761.1", // Deliberant
        ]) {
            assert.equal(kind({ objectId }), "wireless", objectId);
        }
        // A projector from a printer maker, and a Canon camera, are neither.
        assert.equal(kind({ descr: "Canon LV-WX320 projector" }), "other");
        assert.equal(kind({ descr: "Linux 5.4.0 x86_64" }), "other");
    });

    it("names the vendor by the brand sysDescr shows, else by the enterprise number", () => {
        assert.equal(
            vendorOf(sighting({ descr: "LANIER MP C3501", objectId: "1.3.6.1.4.1.367.1.1" })),
            "Lanier",
        );
        assert.equal(vendorOf(sighting({ descr: "router", objectId: "1.3.6.1.4.1.14988.1" })), "MikroTik");
        assert.equal(vendorOf(sighting({ objectId: "1.3.6.1.4.1.61802.1" })), "Alta Labs");
        assert.equal(vendorOf(sighting({ objectId: "1.3.6.1.4.1.99999.1" })), null);
    });

    it("reads a model from sysDescr only when sysDescr is one", () => {
        assert.equal(modelFromDescr("RICOH MP 3053 1.09 / RICOH Network Printer C model"), "RICOH MP 3053");
        assert.equal(modelFromDescr("Xerox AltaLink C8045; SS 100.002.057.09608"), "Xerox AltaLink C8045");
        assert.equal(modelFromDescr("ArubaOS (MODEL: 225), Version 8.4.0.0"), "225");
        assert.equal(modelFromDescr("TTP244CE Version: 7.02 EZD"), "TTP244CE");
        assert.equal(modelFromDescr("Linux 4.4.60 #0 SMP PREEMPT"), null);
        assert.equal(modelFromDescr("HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT"), null);
        assert.equal(modelFromDescr(undefined), null);
    });
});

const device = (host: string, kind: FoundDevice["kind"] = "printer"): FoundDevice => ({
    host,
    port: 161,
    kind,
    vendor: null,
    model: null,
    name: null,
    location: null,
    profile: null,
    community: 0,
    line: host,
    objectId: null,
    description: null,
});

describe("discover: lines and reports", () => {
    it("writes a device-list line: the port only when not the default, a clean name", () => {
        assert.equal(deviceLine("192.0.2.5", 161, 161, "lp-2f"), "192.0.2.5 lp-2f");
        assert.equal(deviceLine("192.0.2.5", 1161, 161, null), "192.0.2.5:1161");
        assert.equal(deviceLine("2001:db8::5", 1161, 161, "ap"), "[2001:db8::5]:1161 ap");
        assert.equal(deviceLine("192.0.2.5", 161, 161, "a\u0000b # c\n\td"), "192.0.2.5 a b c d");
    });

    it("counts, and compares with the previous scan: new, and gone only where it asked", () => {
        const outcome = {
            devices: [device("192.0.2.1"), device("192.0.2.3", "wireless")],
            scanned: 3,
            silent: 1,
            cancelled: false,
        };
        const previous = [device("192.0.2.1"), device("192.0.2.2"), device("192.0.2.9")];
        const scanned = new Set(["192.0.2.1", "192.0.2.2", "192.0.2.3"]);
        const r = buildReport("192.0.2.1-3", outcome, scanned, previous, 0, 1500);
        assert.equal(r.summary, "scanned 3, 1 printer, 1 wireless, 0 other, 1 silent");
        assert.deepEqual(
            r.new.map((d) => d.host),
            ["192.0.2.3"],
        );
        assert.deepEqual(
            r.gone.map((d) => d.host),
            ["192.0.2.2"],
        );
        assert.equal(r.first, false);
        assert.equal(r.durationMs, 1500);
        const first = buildReport("192.0.2.1-3", outcome, scanned, undefined, 0, 1);
        assert.deepEqual([first.first, first.new, first.gone], [true, [], []]);
    });

    it("keeps the previous scan as versioned state and reads it back defensively", () => {
        const stored = JSON.parse(JSON.stringify(storedScan([device("192.0.2.1")]))) as unknown;
        assert.deepEqual(readStoredScan(stored), [device("192.0.2.1")]);
        assert.equal(readStoredScan({ version: 2, devices: [] }), undefined);
        assert.equal(readStoredScan("nonsense"), undefined);
        assert.deepEqual(readStoredScan({ version: 1, devices: [{ host: "x" }, 3, device("192.0.2.4")] }), [
            device("192.0.2.4"),
        ]);
        assert.equal(readFoundDevice({ host: "192.0.2.4", port: 161, kind: "fridge" }), undefined);
    });
});
