/**
 * The codec on its own (known encodings, never throwing anything but BerError on bad input), and
 * the running agent fed garbage: counted, dropped, still serving.
 */
import assert from "node:assert/strict";
import {
    BerError,
    PduTag,
    communityMessageSize,
    decodeMessage,
    encodeCommunityMessage,
    encodeInteger,
    encodeOid,
    encodePdu,
    encodeUnsigned,
    encodeVarbind,
    NULL,
    parseOid,
    pduSize,
} from "../../tools/sim/ber";
import { seededRng } from "../../tools/sim/dynamics";
import { startSimulator } from "../../tools/sim/index";
import { Client, fixture, sendRaw } from "./helpers";

function hex(b: Buffer): string {
    return b.toString("hex");
}

describe("simulator: BER codec", function () {
    it("encodes integers, unsigned values and OIDs as X.690 says", function () {
        assert.equal(hex(encodeInteger(0)), "020100");
        assert.equal(hex(encodeInteger(127)), "02017f");
        assert.equal(hex(encodeInteger(128)), "02020080");
        assert.equal(hex(encodeInteger(-1)), "0201ff");
        assert.equal(hex(encodeInteger(-129)), "0202ff7f");
        assert.equal(hex(encodeInteger(2147483647)), "02047fffffff");
        assert.equal(hex(encodeInteger(-2147483648)), "020480000000");
        assert.equal(hex(encodeUnsigned(4294967295, 0x41)), "410500ffffffff");
        assert.equal(hex(encodeUnsigned(2n ** 64n - 1n, 0x46)), "460900ffffffffffffffff");
        assert.equal(hex(encodeOid([1, 3, 6, 1, 4, 1, 14179])), "06072b06010401ee63");
        assert.equal(hex(encodeOid([2, 999, 3])), "0603883703");
    });

    it("decodes what it encodes, and a message written by hand", function () {
        const vb = encodeVarbind(encodeOid([1, 3, 6, 1, 2, 1, 1, 5, 0]), NULL);
        const msg = encodeCommunityMessage(
            1,
            Buffer.from("public"),
            encodePdu(PduTag.GetNext, 1234567, 0, 0, [vb]),
        );
        const m = decodeMessage(msg);
        assert.ok(m.version === 1);
        assert.equal(m.community.toString(), "public");
        assert.equal(m.pdu.tag, PduTag.GetNext);
        assert.equal(m.pdu.requestId, 1234567);
        assert.deepEqual(m.pdu.varbinds[0]!.oid, [1, 3, 6, 1, 2, 1, 1, 5, 0]);
        // a GET of sysDescr.0 as snmpget sends it, written out by hand
        const real = Buffer.from(
            "302902010104067075626c6963a01c02045a3c8e51020100020100300e300c06082b060102010101000500",
            "hex",
        );
        const r = decodeMessage(real);
        assert.ok(r.version === 1 && r.pdu.tag === PduTag.Get && r.pdu.varbinds.length === 1);
    });

    it("counts a message's size exactly as it encodes, without encoding it", function () {
        const community = Buffer.from("public");
        const ids = [0, 1, 127, 128, -1, -129, 255, 32767, 32768, 2147483647, -2147483648, 1234567];
        for (const id of ids) {
            for (const sizes of [[], [3], [120, 3], [125, 130], [60, 70, 200], [250, 300, 500, 600]]) {
                const varbinds = sizes.map((n) =>
                    encodeVarbind(
                        encodeOid([1, 3, 6, 1, 2, 1, 1, 1, 0]),
                        Buffer.concat([Buffer.from([4, 0x82, n >> 8, n & 0xff]), Buffer.alloc(n)]),
                    ),
                );
                const bytes = varbinds.reduce((sum, vb) => sum + vb.length, 0);
                for (const version of [0, 1] as const) {
                    const pdu = encodePdu(PduTag.Response, id, 0, 0, varbinds);
                    assert.equal(pduSize(id, 0, 0, bytes), pdu.length, `PDU, id ${id}, ${bytes} bytes`);
                    const message = encodeCommunityMessage(version, community, pdu);
                    assert.equal(communityMessageSize(version, community, pdu.length), message.length);
                }
            }
        }
    });

    it("parses dotted OIDs, with or without a leading dot, and refuses the rest", function () {
        assert.deepEqual(parseOid(".1.3.6.1"), [1, 3, 6, 1]);
        for (const bad of ["", ".", "1", "1..3", "1.3.x", "3.1", "1.40", "1.3.4294967296"]) {
            assert.equal(parseOid(bad), undefined, bad);
        }
    });

    it("throws only BerError on truncated, oversized and random input", function () {
        const good = encodeCommunityMessage(
            1,
            Buffer.from("public"),
            encodePdu(PduTag.GetBulk, 7, 0, 10, [encodeVarbind(encodeOid([1, 3, 6, 1]), NULL)]),
        );
        const rng = seededRng(99);
        const cases: Buffer[] = [
            Buffer.alloc(0),
            Buffer.from([0x30]),
            Buffer.from("3080", "hex"),
            Buffer.from("3084ffffffff", "hex"),
        ];
        for (let i = 1; i < good.length; i++) cases.push(good.subarray(0, i));
        for (let i = 0; i < 3000; i++) {
            const b = Buffer.from(good);
            const flips = 1 + Math.floor(rng() * 4);
            for (let k = 0; k < flips; k++) b[Math.floor(rng() * b.length)] = Math.floor(rng() * 256);
            cases.push(b);
            cases.push(
                Buffer.from(Array.from({ length: Math.floor(rng() * 80) }, () => Math.floor(rng() * 256))),
            );
        }
        let rejected = 0;
        for (const c of cases) {
            try {
                decodeMessage(c);
            } catch (err) {
                assert.ok(
                    err instanceof BerError,
                    `${(err as Error).name}: ${(err as Error).message} on ${hex(c)}`,
                );
                rejected++;
            }
        }
        assert.ok(rejected > cases.length / 2);
    });

    it("counts and drops garbage datagrams, and keeps answering", async function () {
        const sim = await startSimulator({
            devices: [{ name: "laser", file: fixture("printers/colour-laser.snmprec") }],
        });
        const c = Client.community(sim.endpoint("laser"), "2c");
        try {
            const rng = seededRng(5);
            for (let i = 0; i < 30; i++) {
                const junk = Buffer.from(
                    Array.from({ length: 1 + Math.floor(rng() * 200) }, () => Math.floor(rng() * 256)),
                );
                await sendRaw(sim.port, junk, 5);
            }
            await sendRaw(sim.port, Buffer.from("3084ffffffff0201", "hex"), 5);
            const [vb] = await c.get(["1.3.6.1.2.1.1.5.0"]);
            assert.equal(String(vb!.value), "NPI4A2B6C");
            assert.ok(sim.counters.malformed >= 25, `${sim.counters.malformed} malformed`);
            assert.equal(sim.counters.dropped, sim.counters.requests - 1);
            assert.equal(sim.counters.internalErrors, 0);
        } finally {
            c.close();
            await sim.stop();
        }
    });
});
