import assert from "node:assert/strict";
import {
    bandFromMHz,
    bandFromText,
    channelFromMHz,
    parseIndex,
    readValue,
    toBand,
    toChannel,
    toNoise,
    toSignal,
    toSnr,
} from "../../nodes/lib/ap/decode";
import { buildReading, planFor } from "../../nodes/lib/ap/engine";
import { PROFILES } from "../../nodes/lib/ap/profiles";
import type { Col } from "../../nodes/lib/ap/types";
import type { QueryResult } from "../../nodes/lib/snmp/query";
import { VarType, type Varbind } from "../../nodes/lib/snmp/varbind";

const vb = (type: number, value: Varbind["value"]): Varbind => ({ oid: "1.3.6.1.4.1.1.1", type, value });
const int = (n: number): Varbind => vb(VarType.Integer, n);
const text = (s: string): Varbind => vb(VarType.OctetString, Buffer.from(s, "latin1"));
const col = (as: Col["as"], extra: Partial<Col> = {}): Col => ({ oid: "1.3", as, ...extra });

describe("ap decode: table indexes", () => {
    it("reads a MAC and a radio slot (Cisco bsnAPIfTable)", () => {
        assert.deepEqual(
            parseIndex("0.58.125.16.0.16.1", [
                ["ap", "mac"],
                ["radio", "int"],
            ]),
            {
                ap: "00:3a:7d:10:00:10",
                radio: "1",
            },
        );
    });

    it("reads a length-prefixed SSID between an ifIndex and a MAC (CISCO-DOT11-ASSOCIATION-MIB)", () => {
        const ssid = Array.from(Buffer.from("Guest Wi-Fi")).join(".");
        const idx = parseIndex(`2.11.${ssid}.60.34.251.0.0.2`, [
            ["radio", "int"],
            ["ssid", "string"],
            ["mac", "mac"],
        ]);
        assert.deepEqual(idx, { radio: "2", ssid: "Guest Wi-Fi", mac: "3c:22:fb:00:00:02" });
    });

    it("reads a length-prefixed MAC (FORTINET fgWcStaMacAddress, PhysAddress SIZE(6|8))", () => {
        const spec = [
            ["vdom", "int"],
            ["if", "int"],
            ["mac", "lenMac"],
        ] as const;
        assert.equal(parseIndex("1.30.6.60.6.48.0.0.1", spec)?.mac, "3c:06:30:00:00:01");
        assert.equal(parseIndex("1.30.8.60.6.48.0.0.1.0.0", spec)?.mac, "3c:06:30:00:00:01");
        assert.equal(parseIndex("1.30.5.60.6.48.0.0", spec), undefined, "5 bytes is no MAC");
    });

    it("reads the client IP from the index (WLSX-USER-MIB nUserTable)", () => {
        assert.deepEqual(
            parseIndex("240.24.152.0.0.1.10.1.20.31", [
                ["mac", "mac"],
                ["ip", "ip"],
            ]),
            {
                mac: "f0:18:98:00:00:01",
                ip: "10.1.20.31",
            },
        );
    });

    it("takes the MAC from the end of an index of unknown layout (custom tables)", () => {
        assert.equal(parseIndex("1.7.0.17.34.51.68.85", [["mac", "lastMac"]])?.mac, "00:11:22:33:44:55");
        assert.equal(parseIndex("1.2.3", [["mac", "lastMac"]]), undefined);
    });

    it("keeps every row of a restMac table, with its MAC where the index holds one", () => {
        const text = (t: string) => `${t.length}.${Array.from(Buffer.from(t)).join(".")}`;
        const spec = [["row", "restMac"]] as const;
        const cases: [string, string | undefined][] = [
            [text("00:0b:82:aa:bb:01"), "00:0b:82:aa:bb:01"], // GWN / Tachyon: a text MAC
            [text("00-0B-82-AA-BB-02"), "00:0b:82:aa:bb:02"],
            [text("wds-uplink"), undefined], // another id: the row stays, without a MAC
            [text("abcdef"), "61:62:63:64:65:66"], // six bytes of a length-prefixed string
            ["6.0.17.34.51.68.85", "00:11:22:33:44:55"], // a length-prefixed 6-byte MAC
            ["1.7.0.17.34.51.68.85", "00:11:22:33:44:55"], // the last six of an unknown layout
            ["4.2", undefined],
        ];
        for (const [index, mac] of cases) {
            const idx = parseIndex(index, spec);
            assert.equal(idx?.row, index, `${index}: the row stays`);
            assert.equal(idx?.mac, mac, index);
        }
    });

    it("rejects indexes of another shape instead of guessing", () => {
        const spec = [
            ["ap", "mac"],
            ["radio", "int"],
        ] as const;
        assert.equal(parseIndex("0.58.125.16.0.16", spec), undefined, "too short");
        assert.equal(parseIndex("0.58.125.16.0.16.1.9", spec), undefined, "too long");
        assert.equal(parseIndex("0.58.125.16.0.300.1", spec), undefined, "not a byte");
        assert.equal(parseIndex("9.65.66", [["ssid", "string"]]), undefined, "length beyond the index");
    });
});

describe("ap decode: bands and channels", () => {
    it("maps centre frequencies to bands and channels (IEEE 802.11 channel plans)", () => {
        assert.deepEqual([bandFromMHz(2412), channelFromMHz(2412)], ["2.4GHz", 1]);
        assert.deepEqual([bandFromMHz(2484), channelFromMHz(2484)], ["2.4GHz", 14]);
        assert.deepEqual([bandFromMHz(5180), channelFromMHz(5180)], ["5GHz", 36]);
        assert.deepEqual([bandFromMHz(5805), channelFromMHz(5805)], ["5GHz", 161]);
        assert.deepEqual([bandFromMHz(5955), channelFromMHz(5955)], ["6GHz", 1]);
        assert.deepEqual([bandFromMHz(6415), channelFromMHz(6415)], ["6GHz", 93]);
        assert.equal(channelFromMHz(4920), 184);
        assert.equal(bandFromMHz(0), undefined, "a virtual AP reports 0 MHz");
        assert.equal(channelFromMHz(2413), undefined, "not a channel centre");
    });

    it("reads band names as vendors write them", () => {
        assert.equal(bandFromText("ng"), "2.4GHz"); // UniFi
        assert.equal(bandFromText("na"), "5GHz");
        assert.equal(bandFromText("5ghz-ax"), "5GHz"); // MikroTik wifi
        assert.equal(bandFromText("2ghz-n"), "2.4GHz");
        assert.equal(bandFromText("6ghz-ax"), "6GHz");
        assert.equal(bandFromText("2.4GHz"), "2.4GHz");
        assert.equal(bandFromText("mesh"), undefined);
    });

    it("takes band and channel from text that starts with a frequency (MikroTik mtxrWlApBand style)", () => {
        const c = col("freqText");
        const v = readValue(text("2412/20-Ce/gn(18dBm)"), c);
        assert.equal(toBand(v, c), "2.4GHz");
        assert.equal(toChannel(v, c), 1);
    });

    it("reads channels written as text with a suffix (Aruba Instant aiRadioChannel)", () => {
        assert.equal(readValue(text("116E"), col("channelText")), 116);
        assert.equal(readValue(int(36), col("channelText")), 36);
        assert.equal(readValue(text("auto"), col("channelText")), undefined);
    });
});

describe("ap decode: values", () => {
    it("turns TimeTicks into seconds and rates into Mbit/s", () => {
        assert.equal(readValue(vb(VarType.TimeTicks, 360000), col("ticks")), 3600);
        assert.equal(readValue(vb(VarType.Gauge, 144_400_000), col("bps")), 144.4);
        assert.equal(readValue(int(866_000), col("kbps")), 866);
        assert.equal(readValue(int(-5), col("bps")), undefined);
    });

    it("reads counts typed Counter32 as current counts", () => {
        assert.equal(readValue(vb(VarType.Counter, 23), col("int")), 23);
    });

    it("undoes the vendors' sign conventions for dBm levels", () => {
        assert.equal(readValue(int(161), col("signedByte")), -95); // Aerohive noise floor
        assert.equal(readValue(int(-95), col("signedByte")), -95);
        assert.equal(readValue(int(94), col("dBmMagnitude")), -94); // Aruba Instant noise floor
    });

    it("treats 0 as 'not available' only where the MIB says so", () => {
        assert.equal(readValue(int(0), col("int", { zeroIsNone: true })), undefined);
        assert.equal(readValue(int(0), col("int")), 0);
    });

    it("maps enumerations and ignores unknown values", () => {
        const c = col("enum", { map: { 1: "2.4GHz", 2: "5GHz" } });
        assert.equal(readValue(int(2), c), "5GHz");
        assert.equal(readValue(int(7), c), undefined);
    });

    it("never throws on values of the wrong type", () => {
        for (const as of [
            "int",
            "text",
            "mac",
            "ip",
            "ticks",
            "bps",
            "freqMHz",
            "freqText",
            "enum",
        ] as const) {
            assert.doesNotThrow(() => readValue(vb(VarType.Null, null), col(as)));
            assert.doesNotThrow(() => readValue(vb(VarType.OctetString, Buffer.from([0xff, 0x00])), col(as)));
        }
    });

    it("accepts a signal as dBm only when it is a negative level", () => {
        assert.equal(toSignal(-52), -52);
        assert.equal(toSignal(0), undefined, "0 is 'unknown', not 0 dBm");
        assert.equal(toSignal(27), undefined, "a positive 'RSSI' is no dBm value");
        assert.equal(toSignal(-200), undefined);
        assert.equal(toSnr(35), 35);
        assert.equal(toSnr(-3), undefined);
        assert.equal(toNoise(-95), -95);
        assert.equal(toNoise(0), undefined);
    });
});

describe("ap decode: data no MIB describes", () => {
    function rng(seed: number): () => number {
        let s = seed;
        return () => {
            s = (s * 1103515245 + 12345) % 2147483648;
            return s / 2147483648;
        };
    }

    it("never throws, and gives counts that are numbers or null, whatever the device sends", () => {
        const random = rng(7);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
        const values = (): Varbind["value"][] => [
            Math.floor(random() * 4e9) - 2e9,
            Buffer.from(Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * 256))),
            "1.3.6.1",
            null,
            BigInt(2) ** BigInt(63),
        ];
        const types = [
            VarType.Integer,
            VarType.OctetString,
            VarType.Counter,
            VarType.Gauge,
            VarType.TimeTicks,
            VarType.IpAddress,
            VarType.OID,
            VarType.Null,
            VarType.Counter64,
            VarType.NoSuchInstance,
        ];
        for (const profile of PROFILES) {
            for (let round = 0; round < 20; round++) {
                const plan = planFor(profile);
                const result: QueryResult = {
                    scalars: new Map(),
                    columns: new Map(),
                    truncated: [],
                    looping: [],
                    failed: [],
                    requests: 1,
                };
                for (const s of plan.scalars) {
                    if (random() < 0.7)
                        result.scalars.set(s, { oid: s, type: pick(types), value: pick(values()) });
                }
                for (const c of plan.columns) {
                    const rows = new Map<string, Varbind>();
                    for (let i = 0; i < 6; i++) {
                        const len = Math.floor(random() * 14);
                        const index = Array.from({ length: len }, () => Math.floor(random() * 300)).join(".");
                        rows.set(index, { oid: `${c}.${index}`, type: pick(types), value: pick(values()) });
                    }
                    result.columns.set(c, rows);
                }
                const { reading } = buildReading(profile, result, {
                    device: "d",
                    host: "192.0.2.1",
                    time: "t",
                });
                assert.ok(reading.totals.clients === null || Number.isInteger(reading.totals.clients));
                assert.ok(Number.isInteger(reading.totals.aps) && reading.totals.aps >= 0);
                for (const c of reading.clients) {
                    assert.match(c.mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
                    if (c.signal !== undefined) assert.ok(c.signal < 0, `${profile.id} signal ${c.signal}`);
                }
                assert.doesNotThrow(() => JSON.stringify(reading), `${profile.id}: JSON-able`);
            }
        }
    });
});
