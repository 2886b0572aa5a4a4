/**
 * The .snmprec reader's rules for odd input, and every real recording in ../shared/recordings
 * (when present) served and walked in increasing order.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { Tag } from "../../tools/sim/ber";
import { loadDevices, startSimulator } from "../../tools/sim/index";
import { parseSnmprec } from "../../tools/sim/snmprec";
import { Client, RECORDINGS, assertSameValue, isIncreasing, records } from "./helpers";

describe("simulator: .snmprec reader", function () {
    it("reads every type code", function () {
        const { records: r, warnings } = parseSnmprec(
            [
                "1.3.6.1.2.1.1.1.0|4|Printer | with a pipe",
                "1.3.6.1.2.1.1.2.0|6|.1.3.6.1.4.1.11.2.3.9.1",
                "1.3.6.1.2.1.1.3.0|67|4294967295",
                "1.3.6.1.2.1.2.2.1.6.1|4x|00DE AD",
                "1.3.6.1.2.1.2.2.1.6.2|4x|00dead",
                "1.3.6.1.2.1.4.20.1.1.1|64|10.0.0.1",
                "1.3.6.1.2.1.4.20.1.1.2|64x|0a000002",
                "1.3.6.1.2.1.5.1.0|65|12",
                "1.3.6.1.2.1.5.2.0|66|13",
                "1.3.6.1.2.1.5.3.0|2|-2147483648",
                "1.3.6.1.2.1.5.4.0|70|18446744073709551615",
                "1.3.6.1.2.1.5.5.0|5|",
                "1.3.6.1.2.1.5.6.0|68x|9f780441",
            ].join("\n"),
        );
        const byOid = new Map(r.map((x) => [x.oid.join("."), x.value]));
        assert.deepEqual(byOid.get("1.3.6.1.2.1.1.1.0"), {
            type: Tag.OctetString,
            value: Buffer.from("Printer | with a pipe"),
        });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.1.2.0"), {
            type: Tag.Oid,
            value: [1, 3, 6, 1, 4, 1, 11, 2, 3, 9, 1],
        });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.1.3.0"), { type: Tag.TimeTicks, value: 4294967295 });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.2.2.1.6.2"), {
            type: Tag.OctetString,
            value: Buffer.from("00dead", "hex"),
        });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.4.20.1.1.1"), {
            type: Tag.IpAddress,
            value: Buffer.from([10, 0, 0, 1]),
        });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.4.20.1.1.2"), {
            type: Tag.IpAddress,
            value: Buffer.from([10, 0, 0, 2]),
        });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.5.3.0"), { type: Tag.Integer, value: -2147483648 });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.5.4.0"), { type: Tag.Counter64, value: 2n ** 64n - 1n });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.5.5.0"), { type: Tag.Null, value: null });
        assert.deepEqual(byOid.get("1.3.6.1.2.1.5.6.0"), {
            type: Tag.Opaque,
            value: Buffer.from("9f780441", "hex"),
        });
        // "00DE AD" is not hex: rule 4, served as text.
        assert.deepEqual(byOid.get("1.3.6.1.2.1.2.2.1.6.1"), {
            type: Tag.OctetString,
            value: Buffer.from("00DE AD"),
        });
        assert.equal(warnings.length, 1);
    });

    it("handles oddities deterministically: bad lines, bad values, duplicates, disorder", function () {
        const { records: r, warnings } = parseSnmprec(
            [
                "# a comment",
                "1.3.6.1.2.1.43.10.2.1.4.1.1|65|6git3159",
                "",
                "1.3.6.1.2.1.1.5.0|4|first",
                "not a line",
                "1.3.6.x|4|bad oid",
                "1.3.6.1.2.1.1.1.0|4|out of order",
                "1.3.6.1.2.1.1.5.0|4|second",
                "1.3.6.1.2.1.1.6.0|2|99999999999",
                "1.3.6.1.2.1.1.7.0|99|mystery",
                "1.3.6.1.2.1.1.4.0|2:numeric|5",
            ].join("\r\n"),
            "odd.snmprec",
        );
        assert.deepEqual(
            r.map((x) => [
                x.oid.join("."),
                x.value.type,
                Buffer.isBuffer(x.value.value) ? x.value.value.toString() : x.value.value,
            ]),
            [
                ["1.3.6.1.2.1.1.1.0", Tag.OctetString, "out of order"],
                ["1.3.6.1.2.1.1.4.0", Tag.Integer, 5],
                ["1.3.6.1.2.1.1.5.0", Tag.OctetString, "second"],
                ["1.3.6.1.2.1.1.6.0", Tag.OctetString, "99999999999"],
                ["1.3.6.1.2.1.1.7.0", Tag.OctetString, "mystery"],
                ["1.3.6.1.2.1.43.10.2.1.4.1.1", Tag.OctetString, "6git3159"],
            ],
        );
        assert.deepEqual(
            warnings.map((w) => w.replace(/:.*/, "")),
            [
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
                "odd.snmprec",
            ],
        );
        assert.ok(warnings.some((w) => w.includes("duplicate OID 1.3.6.1.2.1.1.5.0")));
        assert.ok(warnings.some((w) => w.includes("not in increasing order")));
    });
});

describe("simulator: the real recordings in ../shared/recordings", function () {
    const present = fs.existsSync(RECORDINGS);

    before(function () {
        if (!present) {
            console.log(`      (skipped: ${RECORDINGS} is absent; it sits beside the project checkout)`);
            this.skip();
        }
    });

    it("loads every file and walks each in increasing order, the same objects and values", async function () {
        this.timeout(60_000);
        const devices = loadDevices([RECORDINGS], { dynamics: false });
        assert.ok(devices.length >= 100, `${devices.length} recordings`);
        const sim = await startSimulator({ devices, clock: () => 0 });
        try {
            for (const d of devices) {
                const expected = records(d.file!);
                const c = Client.community(sim.endpoint(d.name), "2c");
                try {
                    const walked = await c.walk("1", 40);
                    const oids = walked.map((v) => v.oid);
                    assert.ok(isIncreasing(oids), `${d.name}: increasing`);
                    assert.equal(walked.length, expected.length, `${d.name}: object count`);
                    walked.forEach((vb, i) => assertSameValue(vb, expected[i]!, `${d.name} ${vb.oid}`));
                } finally {
                    c.close();
                }
            }
            assert.equal(sim.counters.internalErrors, 0);
        } finally {
            await sim.stop();
        }
    });

    it("reports the known oddities of the corpus", function () {
        const warn = (name: string): string[] => {
            const file = [
                path.join(RECORDINGS, "printers", name),
                path.join(RECORDINGS, "wireless", name),
            ].find((f) => fs.existsSync(f));
            assert.ok(file, name);
            return parseSnmprec(fs.readFileSync(file, "utf8"), name).warnings;
        };
        assert.ok(
            warn("fortigate_webfilter.snmprec").some((w) =>
                w.includes("duplicate OID 1.3.6.1.2.1.4.22.1.2.26.10.1.1.192"),
            ),
        );
        assert.ok(warn("airos_2.snmprec").some((w) => w.includes("not in increasing order")));
        // A leading dot in an OBJECT IDENTIFIER value is read, not reported.
        assert.deepEqual(warn("toshiba-tec_ev4.snmprec"), []);
    });
});
