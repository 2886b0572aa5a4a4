/**
 * RFC 3416 / RFC 1157 behaviour of the simulator over real UDP, checked with net-snmp's client.
 */
import assert from "node:assert/strict";
import snmp from "net-snmp";
import { Tag } from "../../tools/sim/ber";
import { startSimulator, type Simulator } from "../../tools/sim/index";
import { Client, assertSameValue, fixture, records, sendRaw, type Vb } from "./helpers";

const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
const SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
const SYS_NAME = "1.3.6.1.2.1.1.5.0";
const SUPPLY_LEVEL = "1.3.6.1.2.1.43.11.1.1.9";
const SUPPLY_DESCR = "1.3.6.1.2.1.43.11.1.1.6";
const FIXED_CLOCK = (): number => 1_700_000_000_000;

const laser = fixture("printers/colour-laser.snmprec");
const inkjet = fixture("printers/inkjet.snmprec");
const wlc = fixture("wireless/cisco-wlc.snmprec");

function status(err: unknown): number | undefined {
    return (err as { status?: number }).status;
}

describe("simulator: SNMPv2c", function () {
    let sim: Simulator;
    let client: Client;

    before(async function () {
        sim = await startSimulator({
            devices: [
                { name: "colour-laser", file: laser },
                { name: "inkjet", file: inkjet },
            ],
            clock: FIXED_CLOCK,
        });
        client = Client.community(sim.endpoint("colour-laser"), "2c");
    });

    after(async function () {
        client.close();
        await sim.stop();
    });

    it("answers GET with the recorded values and types", async function () {
        const recs = records(laser);
        const wanted = [SYS_DESCR, SYS_OBJECT_ID, `${SUPPLY_LEVEL}.1.3`, "1.3.6.1.2.1.25.3.5.1.2.1"];
        const vbs = await client.get(wanted);
        assert.deepEqual(
            vbs.map((v) => v.oid),
            wanted,
        );
        for (const vb of vbs)
            assertSameValue(
                vb,
                recs.find((r) => r.oid.join(".") === vb.oid)!,
            );
    });

    it("answers noSuchObject and noSuchInstance for missing names, next to a real value", async function () {
        const vbs = await client.get(["1.3.6.1.2.1.1.99.0", SYS_NAME, "1.3.6.1.2.1.1.5.1"]);
        assert.equal(vbs[0]!.type, snmp.ObjectType.NoSuchObject);
        assert.equal(vbs[1]!.type, snmp.ObjectType.OctetString);
        assert.equal(vbs[2]!.type, snmp.ObjectType.NoSuchInstance);
    });

    it("walks the whole recording in order, value for value", async function () {
        const recs = records(laser);
        const vbs = await client.walk("1.3", 25);
        assert.equal(vbs.length, recs.length);
        vbs.forEach((vb, i) => {
            assert.equal(vb.oid, recs[i]!.oid.join("."));
            assertSameValue(vb, recs[i]!);
        });
    });

    it("answers GETNEXT with the successor, and endOfMibView past the last object", async function () {
        const recs = records(laser);
        const last = recs[recs.length - 1]!.oid.join(".");
        const vbs = await client.getNext([SYS_DESCR, last, "1.3.6.1.2.1.43.11.1.1.9.1.8"]);
        assert.equal(vbs[0]!.oid, SYS_OBJECT_ID);
        assert.equal(vbs[1]!.type, snmp.ObjectType.EndOfMibView);
        assert.equal(vbs[1]!.oid, last);
        assert.equal(
            vbs[2]!.oid,
            recs[recs.findIndex((r) => r.oid.join(".") === `${SUPPLY_LEVEL}.1.8`) + 1]!.oid.join("."),
        );
    });

    it("applies non-repeaters and max-repetitions (RFC 3416 §4.2.3)", async function () {
        const vbs = await client.getBulk([SYS_DESCR, SUPPLY_LEVEL, SUPPLY_DESCR], 1, 3);
        assert.deepEqual(
            vbs.map((v) => v.oid),
            [
                SYS_OBJECT_ID,
                `${SUPPLY_LEVEL}.1.1`,
                `${SUPPLY_DESCR}.1.1`,
                `${SUPPLY_LEVEL}.1.2`,
                `${SUPPLY_DESCR}.1.2`,
                `${SUPPLY_LEVEL}.1.3`,
                `${SUPPLY_DESCR}.1.3`,
            ],
        );
        const zeroRepetitions = await client.getBulk([SYS_DESCR, SUPPLY_LEVEL], 1, 0);
        assert.deepEqual(
            zeroRepetitions.map((v) => v.oid),
            [SYS_OBJECT_ID],
        );
    });

    it("ends a GETBULK at the end of the MIB with endOfMibView, then stops repeating", async function () {
        const recs = records(laser);
        const beforeLast = recs[recs.length - 2]!.oid.join(".");
        const last = recs[recs.length - 1]!.oid.join(".");
        const vbs = await client.getBulk([beforeLast], 0, 10);
        assert.deepEqual(
            vbs.map((v): [string, number] => [v.oid, v.type]),
            [
                [last, recs[recs.length - 1]!.value.type],
                [last, snmp.ObjectType.EndOfMibView],
            ],
        );
    });

    it("routes by community on the shared port", async function () {
        const other = Client.community(sim.endpoint("inkjet"), "2c");
        try {
            const [a] = await client.get([SYS_DESCR]);
            const [b] = await other.get([SYS_DESCR]);
            assert.match(String(a!.value), /JETDIRECT/);
            assert.match(String(b!.value), /EPSON/);
            assert.equal(sim.endpoint("inkjet").port, sim.endpoint("colour-laser").port);
        } finally {
            other.close();
        }
    });

    it("counts requests, responses and bytes per device, in snapshots", async function () {
        const before = sim.deviceCounters("colour-laser");
        const total = sim.counters;
        await client.get([SYS_NAME]);
        const after = sim.deviceCounters("colour-laser");
        const entry = sim.log[sim.log.length - 1]!;
        assert.equal(after.requests - before.requests, 1);
        assert.equal(after.responses - before.responses, 1);
        assert.equal(after.bytesIn - before.bytesIn, entry.bytesIn);
        assert.equal(after.bytesOut - before.bytesOut, entry.bytesOut);
        assert.equal(after.byType.GET! - (before.byType.GET ?? 0), 1);
        assert.equal(sim.counters.requests - total.requests, 1);
    });

    it("drops a request with a wrong community without answering, and counts it", async function () {
        const before = sim.counters.badCommunity;
        const wrong = Client.community(sim.endpoint("inkjet"), "2c", { timeout: 300 }, "private");
        try {
            await assert.rejects(wrong.get([SYS_NAME]), { name: "RequestTimedOutError" });
        } finally {
            wrong.close();
        }
        assert.equal(sim.counters.badCommunity, before + 1);
        const entry = sim.log[sim.log.length - 1]!;
        assert.equal(entry.outcome, "dropped");
        assert.equal(entry.detail, "community");
        assert.equal(entry.device, undefined);
    });

    it("refuses SET with notWritable or noAccess, logs it, and changes nothing", async function () {
        const [before] = await client.get([SYS_NAME]);
        await assert.rejects(
            client.set([{ oid: SYS_NAME, type: snmp.ObjectType.OctetString, value: "owned" }]),
            (e) => {
                assert.equal(status(e), snmp.ErrorStatus.NotWritable);
                return true;
            },
        );
        await assert.rejects(
            client.set([{ oid: "1.3.6.1.4.1.99999.1.0", type: snmp.ObjectType.Integer, value: 1 }]),
            (e) => status(e) === snmp.ErrorStatus.NoAccess,
        );
        const [after] = await client.get([SYS_NAME]);
        assert.deepEqual(after, before);
        assert.equal(String(sim.get("colour-laser", SYS_NAME)?.value), String(before!.value));
        const sets = sim.log.filter((e) => e.type === "SET");
        assert.equal(sets.length, 2);
        assert.deepEqual(
            sets.map((e) => [e.device, e.outcome, e.detail]),
            [
                ["colour-laser", "error", "notWritable"],
                ["colour-laser", "error", "noAccess"],
            ],
        );
        assert.equal(sim.deviceCounters("colour-laser").byType.SET, 2);
    });
});

describe("simulator: SNMPv1", function () {
    let sim: Simulator;
    let client: Client;

    before(async function () {
        sim = await startSimulator({ devices: [{ name: "wlc", file: wlc, port: 0 }], clock: FIXED_CLOCK });
        client = Client.community(sim.endpoint("wlc"), "1");
    });

    after(async function () {
        client.close();
        await sim.stop();
    });

    it("answers noSuchName with the index of the first missing varbind", async function () {
        await assert.rejects(client.get([SYS_NAME, "1.3.6.1.2.1.1.99.0", "1.3.6.1.2.1.1.98.0"]), (e) => {
            assert.equal(status(e), snmp.ErrorStatus.NoSuchName);
            assert.match((e as Error).message, /1\.3\.6\.1\.2\.1\.1\.99\.0$/);
            return true;
        });
        assert.deepEqual(
            (await client.get([SYS_NAME])).map((v) => v.value?.toString()),
            ["wlc-hq"],
        );
    });

    it("answers noSuchName past the end of the MIB", async function () {
        const recs = records(wlc);
        const last = recs[recs.length - 1]!.oid.join(".");
        await assert.rejects(client.getNext([last]), (e) => status(e) === snmp.ErrorStatus.NoSuchName);
    });

    it("hides Counter64 objects from v1 (RFC 3584 §4.2.2.1)", async function () {
        const recs = records(wlc);
        const c64 = recs.find((r) => r.value.type === Tag.Counter64)!;
        await assert.rejects(
            client.get([c64.oid.join(".")]),
            (e) => status(e) === snmp.ErrorStatus.NoSuchName,
        );
        const walked: Vb[] = await client.walk("1.3");
        const expected = recs.filter((r) => r.value.type !== Tag.Counter64);
        assert.ok(expected.length < recs.length);
        assert.deepEqual(
            walked.map((v) => v.oid),
            expected.map((r) => r.oid.join(".")),
        );
    });

    it("refuses SET with noSuchName", async function () {
        await assert.rejects(
            client.set([{ oid: SYS_NAME, type: snmp.ObjectType.OctetString, value: "x" }]),
            (e) => status(e) === snmp.ErrorStatus.NoSuchName,
        );
        assert.equal(String(sim.get("wlc", SYS_NAME)?.value), "wlc-hq");
    });

    it("drops a GetBulkRequest in a v1 message, and answers the same bytes as v2c", async function () {
        // version 0 | community "public" | GetBulk(id 1, N 0, M 5, [1.3.6.1 = NULL]) — written by hand.
        const v1 = Buffer.from(
            "302102010004067075626c6963a514020101020100020105300930070603" + "2b06010500",
            "hex",
        );
        const v2c = Buffer.from(v1);
        v2c[4] = 1;
        const before = sim.counters.dropped;
        assert.equal(await sendRaw(sim.endpoint("wlc").port, v1), undefined);
        assert.equal(sim.counters.dropped, before + 1);
        const dropped = sim.log[sim.log.length - 1]!;
        assert.deepEqual([dropped.version, dropped.type, dropped.outcome], ["1", "GETBULK", "dropped"]);
        const answer = await sendRaw(sim.endpoint("wlc").port, v2c);
        assert.ok(answer && answer.length > 20, "the v2c GETBULK is answered");
    });
});

describe("simulator: message size", function () {
    let sim: Simulator;
    let client: Client;

    before(async function () {
        sim = await startSimulator({
            devices: [{ name: "wlc", file: wlc }],
            maxMsgSize: 600,
            clock: FIXED_CLOCK,
        });
        client = Client.community(sim.endpoint("wlc"), "2c");
    });

    after(async function () {
        client.close();
        await sim.stop();
    });

    it("truncates a GETBULK to the maximum message size, keeping the order", async function () {
        const all = records(wlc).map((r) => r.oid.join("."));
        const vbs = await client.getBulk(["1.3"], 0, 200);
        assert.ok(vbs.length > 5 && vbs.length < 200, `got ${vbs.length} varbinds`);
        assert.deepEqual(
            vbs.map((v) => v.oid),
            all.slice(0, vbs.length),
        );
        const entry = sim.log[sim.log.length - 1]!;
        assert.ok(entry.bytesOut! <= 600 && entry.bytesOut! > 500, `response of ${entry.bytesOut} bytes`);
    });

    it("answers tooBig when a GET does not fit", async function () {
        const oids = records(wlc)
            .filter((r) => r.value.type === snmp.ObjectType.OctetString)
            .slice(0, 40)
            .map((r) => r.oid.join("."));
        await assert.rejects(client.get(oids), (e) => status(e) === snmp.ErrorStatus.TooBig);
        assert.equal(sim.log[sim.log.length - 1]!.detail, "tooBig");
    });

    it("answers tooBig when not even the non-repeaters of a GETBULK fit", async function () {
        const oids = records(wlc)
            .slice(0, 40)
            .map((r) => r.oid.join("."));
        await assert.rejects(client.getBulk(oids, 40, 5), (e) => status(e) === snmp.ErrorStatus.TooBig);
        const fits = await client.getBulk(oids.slice(0, 3), 3, 5);
        assert.equal(fits.length, 3);
    });
});

describe("simulator: devices on their own ports", function () {
    let sim: Simulator;

    afterEach(async function () {
        await sim?.stop();
    });

    it("serves each device on its own port with community public, apart from the shared port", async function () {
        sim = await startSimulator({
            devices: [
                { name: "a", file: laser, port: 0 },
                { name: "b", file: inkjet, port: 0 },
                { name: "c", file: wlc },
            ],
        });
        const a = sim.endpoint("a");
        const b = sim.endpoint("b");
        assert.equal(a.community, "public");
        assert.notEqual(a.port, b.port);
        assert.notEqual(a.port, sim.port);
        assert.equal(sim.endpoint("c").port, sim.port);
        for (const [ep, name] of [
            [a, "NPI4A2B6C"],
            [b, "EPSON8A4C21"],
        ] as const) {
            const c = Client.community(ep, "2c");
            try {
                assert.equal(String((await c.get([SYS_NAME]))[0]!.value), name);
            } finally {
                c.close();
            }
        }
        const shared = Client.community({ ...a, port: sim.port }, "2c", { timeout: 300 });
        try {
            await assert.rejects(shared.get([SYS_NAME]), { name: "RequestTimedOutError" });
        } finally {
            shared.close();
        }
    });

    it("serves a device on its own loopback address", async function () {
        sim = await startSimulator({ devices: [{ name: "a", file: laser, address: "127.0.0.2", port: 0 }] });
        const ep = sim.endpoint("a");
        assert.equal(ep.host, "127.0.0.2");
        const c = Client.community(ep, "2c");
        try {
            assert.equal(String((await c.get([SYS_NAME]))[0]!.value), "NPI4A2B6C");
        } finally {
            c.close();
        }
    });
});
