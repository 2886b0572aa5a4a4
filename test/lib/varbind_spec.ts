import assert from "node:assert/strict";
import {
    asInt,
    asIp,
    asMac,
    asText,
    compareOids,
    decodeText,
    indexOf,
    isUnder,
    stringFromIndex,
    VarType,
    type Varbind,
} from "../../nodes/lib/snmp/varbind";
import { predecessor } from "../../nodes/lib/snmp/query";

const octets = (bytes: number[] | string): Varbind => ({
    oid: "1.3.6.1.2.1.1.1.0",
    type: VarType.OctetString,
    value: typeof bytes === "string" ? Buffer.from(bytes, "latin1") : Buffer.from(bytes),
});

describe("varbind values", () => {
    it("decodes device text: NUL padding, Latin-1, UTF-8, UTF-16 and a declared charset", () => {
        assert.equal(asText(octets("Black Toner\0\0\0")), "Black Toner");
        assert.equal(asText(octets([0x52, 0xe9, 0x73, 0x65, 0x72, 0x76, 0x6f, 0x69, 0x72])), "Réservoir");
        assert.equal(
            asText(octets(Buffer.from("Resttonerbehälter", "utf8").toString("latin1"))),
            "Resttonerbehälter",
        );
        assert.equal(asText(octets(Buffer.from("Cyan", "utf16le").toString("latin1"))), "Cyan");
        assert.equal(decodeText(Buffer.from([0x00, 0x47, 0x00, 0x65, 0x00, 0x6c, 0x00, 0x62]), 1013), "Gelb");
        assert.equal(asText(octets("line1\r\nline2\tend")), "line1 line2 end");
        assert.equal(asText({ oid: "1", type: VarType.Integer, value: 5 }), undefined);
    });

    it("reads integers of every integer type, numbers sent as text, and nothing else", () => {
        assert.equal(asInt({ oid: "1", type: VarType.Integer, value: -3 }), -3);
        assert.equal(asInt({ oid: "1", type: VarType.Counter, value: 4294967295 }), 4294967295);
        assert.equal(asInt({ oid: "1", type: VarType.Counter64, value: 2n ** 40n }), 2 ** 40);
        assert.equal(asInt({ oid: "1", type: VarType.Counter64, value: 2n ** 64n - 1n }), undefined);
        assert.equal(asInt(octets(" 1234\0")), 1234);
        assert.equal(asInt(octets("6git3159")), undefined);
        assert.equal(asInt({ oid: "1", type: VarType.NoSuchInstance, value: null }), undefined);
    });

    it("reads MACs from bytes or from text, and IP addresses", () => {
        assert.equal(asMac(octets([0, 0x11, 0x22, 0x33, 0x44, 0x55])), "00:11:22:33:44:55");
        assert.equal(asMac(octets("60-01-94-98-C8-3C\0")), "60:01:94:98:c8:3c");
        assert.equal(asMac(octets("nonsense")), undefined);
        assert.equal(asIp({ oid: "1", type: VarType.IpAddress, value: "10.0.0.5" }), "10.0.0.5");
        assert.equal(asIp(octets([192, 0, 2, 1])), "192.0.2.1");
    });

    it("orders OIDs numerically and finds subtrees and string indexes", () => {
        assert.ok(compareOids("1.3.6.1.2", "1.3.6.1.10") < 0);
        assert.ok(compareOids("1.3.6.1.2.1", "1.3.6.1.2") > 0);
        assert.equal(compareOids("1.3.6", "1.3.6"), 0);
        assert.ok(isUnder("1.3.6.1.2.1.43.11.1.1.9.1.1", "1.3.6.1.2.1.43.11.1.1.9"));
        assert.ok(!isUnder("1.3.6.1.2.1.43.11.1.1.90", "1.3.6.1.2.1.43.11.1.1.9"));
        assert.deepEqual(stringFromIndex([4, 84, 101, 115, 116, 9])?.text, "Test");
        assert.equal(stringFromIndex([4, 84, 101])?.text, undefined);
    });

    it("cuts an instance's index below a column, whatever prefix asked before", () => {
        const level = "1.3.6.1.2.1.43.11.1.1.9.1.1";
        assert.equal(indexOf(level, "1.3.6.1.2.1.43.11.1.1.9"), "1.1");
        // The same OID under the entry (one arc shorter) and under the table (two arcs shorter).
        assert.equal(indexOf(level, "1.3.6.1.2.1.43.11.1.1"), "9.1.1");
        assert.equal(indexOf(level, "1.3.6.1.2.1.43.11.1"), "1.9.1.1");
        assert.equal(indexOf(level, "1.3.6.1.2.1.43.11.1.1.9"), "1.1");
        assert.equal(indexOf(level, "1.3.6.1.2.1.43.11.1.1.90"), undefined);
        assert.equal(indexOf("1.3.6.1.2.1.43.11.1.1.10.1.1", "1.3.6.1.2.1.43.11.1.1.10"), "1.1");
    });

    it("asks GETNEXT for the OID just before a scalar", () => {
        assert.equal(predecessor("1.3.6.1.2.1.1.5.0"), "1.3.6.1.2.1.1.5");
        assert.equal(predecessor("1.3.6.1.2.1.25.3.5.1.1.1"), "1.3.6.1.2.1.25.3.5.1.1.0.4294967295");
    });
});
