/**
 * Decoding Printer-MIB data into the reading a user sees, from literal agent objects. Each case is
 * one the issue lists, or a rule of RFC 3805 / RFC 2790 the reading must follow.
 */
import assert from "node:assert/strict";
import {
    decodePrinter,
    errorBits,
    hasPrinterData,
    levelState,
    printerStatus,
} from "../../nodes/lib/printer/decode";
import { needsSupplies } from "../../nodes/lib/printer/messages";
import type { Supply } from "../../nodes/lib/printer/contract";
import { COL, SYS } from "../../nodes/lib/printer/mib";
import { VarType, type Varbind } from "../../nodes/lib/snmp/varbind";
import { hex, P, result } from "./printer-helpers";

const NOW = Date.UTC(2024, 4, 1, 8, 30);
const opts = { lowLevel: 10, invertReceptacles: false, now: NOW };

function supply(reading: { supplies: Supply[] }, id: string): Supply {
    const s = reading.supplies.find((x) => x.id === id);
    assert.ok(s, `supply ${id} in ${reading.supplies.map((x) => x.id).join(", ")}`);
    return s;
}

/** A colour laser as RFC 3805 describes one: every column present. */
const COLOUR_LASER = `
${P.sys}.1.0|4|ACME ColorLaser 500
${P.sys}.2.0|6|1.3.6.1.4.1.99999.1
${P.sys}.3.0|67|8640000
${P.sys}.5.0|4|reception-printer
${P.sys}.6.0|4|Ground floor
${P.hrDevice}.2.1|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.2.2|6|1.3.6.1.2.1.25.3.1.4
${P.hrDevice}.3.1|4|ACME ColorLaser 500 PS
${P.hrDevice}.3.2|4|Ethernet
${P.hrDevice}.5.1|2|2
${P.hrDevice}.5.2|2|2
${P.hrPrinter}.1.1|2|3
${P.hrPrinter}.2.1|4x|0000
${P.general}.1.1|65|4
${P.general}.17.1|4|CN12345678
${P.input}.8.1.1|2|8
${P.input}.8.1.2|2|8
${P.input}.9.1.1|2|100
${P.input}.9.1.2|2|500
${P.input}.10.1.1|2|0
${P.input}.10.1.2|2|250
${P.input}.12.1.1|4|
${P.input}.12.1.2|4|iso_a4_210x297mm
${P.input}.13.1.1|4|Bypass Tray
${P.input}.13.1.2|4|Tray 2
${P.output}.4.1.1|2|250
${P.output}.5.1.1|2|20
${P.output}.7.1.1|4|Face-down Bin
${P.marker}.3.1.1|2|7
${P.marker}.4.1.1|65|48213
${P.supply}.3.1.1|2|1
${P.supply}.3.1.2|2|2
${P.supply}.3.1.3|2|3
${P.supply}.3.1.4|2|4
${P.supply}.3.1.5|2|0
${P.supply}.4.1.1|2|3
${P.supply}.4.1.2|2|3
${P.supply}.4.1.3|2|3
${P.supply}.4.1.4|2|3
${P.supply}.4.1.5|2|4
${P.supply}.5.1.1|2|3
${P.supply}.5.1.2|2|3
${P.supply}.5.1.3|2|3
${P.supply}.5.1.4|2|3
${P.supply}.5.1.5|2|4
${P.supply}.6.1.1|4|Black Toner Cartridge
${P.supply}.6.1.2|4|Cyan Toner Cartridge
${P.supply}.6.1.3|4|Magenta Toner Cartridge
${P.supply}.6.1.4|4|Yellow Toner Cartridge
${P.supply}.6.1.5|4|Waste Toner Box
${P.supply}.7.1.1|2|7
${P.supply}.7.1.2|2|7
${P.supply}.7.1.3|2|7
${P.supply}.7.1.4|2|7
${P.supply}.7.1.5|2|7
${P.supply}.8.1.1|2|12000
${P.supply}.8.1.2|2|8000
${P.supply}.8.1.3|2|8000
${P.supply}.8.1.4|2|8000
${P.supply}.8.1.5|2|50000
${P.supply}.9.1.1|2|9000
${P.supply}.9.1.2|2|800
${P.supply}.9.1.3|2|0
${P.supply}.9.1.4|2|4000
${P.supply}.9.1.5|2|3000
${P.colorant}.4.1.1|4|black
${P.colorant}.4.1.2|4|cyan
${P.colorant}.4.1.3|4|magenta
${P.colorant}.4.1.4|4|yellow
`;

describe("printer decoding", () => {
    describe("a complete colour laser", () => {
        const r = decodePrinter(result(COLOUR_LASER), opts);

        it("reads identity, status, uptime and the page counter", () => {
            assert.equal(r.model, "ACME ColorLaser 500 PS", "hrDeviceDescr of the printer device");
            assert.equal(r.serial, "CN12345678");
            assert.equal(r.name, "reception-printer");
            assert.equal(r.location, "Ground floor");
            assert.equal(r.uptime, 86400);
            assert.equal(r.time, "2024-05-01T08:30:00.000Z");
            assert.equal(r.status, "idle");
            assert.deepEqual(r.errors, []);
            assert.equal(r.pageCount, 48213);
            assert.deepEqual(r.quirks, []);
        });

        it("gives each supply its id, IANA type, colorant colour, class, unit, raw level and percent", () => {
            assert.deepEqual(supply(r, "1.1"), {
                id: "1.1",
                name: "Black Toner Cartridge",
                type: "toner",
                color: "black",
                class: "consumed",
                unit: "impressions",
                level: 9000,
                max: 12000,
                percent: 75,
                state: "ok",
            });
            assert.equal(supply(r, "1.2").percent, 10);
            assert.equal(supply(r, "1.2").state, "low", "at the low level counts as low");
            assert.equal(supply(r, "1.3").percent, 0);
            assert.equal(supply(r, "1.3").state, "empty");
            assert.equal(supply(r, "1.4").color, "yellow");
        });

        it("reads a waste box level as the space left (RFC 3805 receptacle)", () => {
            const waste = supply(r, "1.5");
            assert.equal(waste.class, "receptacle");
            assert.equal(waste.type, "wasteToner");
            assert.equal(waste.color, null, "colorant index 0 means no colorant");
            assert.equal(waste.percent, 6, "3000 of 50000 left");
            assert.equal(waste.state, "almostFull");
        });

        it("reads trays and output bins", () => {
            assert.deepEqual(r.trays, [
                {
                    id: "1.1",
                    name: "Bypass Tray",
                    media: null,
                    unit: "sheets",
                    level: 0,
                    max: 100,
                    percent: 0,
                    state: "empty",
                    manual: true,
                },
                {
                    id: "1.2",
                    name: "Tray 2",
                    media: "iso_a4_210x297mm",
                    unit: "sheets",
                    level: 250,
                    max: 500,
                    percent: 50,
                    state: "ok",
                    manual: false,
                },
            ]);
            assert.deepEqual(r.outputs, [
                { id: "1.1", name: "Face-down Bin", remaining: 20, max: 250, state: "nearFull" },
            ]);
        });

        it("counts it as needing supplies", () => {
            assert.equal(needsSupplies(r), true);
        });
    });

    it("does not count an empty manual feed as needing paper, but an empty cassette", () => {
        const trays = (type: number, name: string) =>
            decodePrinter(
                result(`
${P.input}.2.1.1|2|${type}
${P.input}.9.1.1|2|100
${P.input}.10.1.1|2|0
${P.input}.13.1.1|4|${name}
`),
                opts,
            );
        const bypass = trays(5, "Tray 1");
        assert.deepEqual([bypass.trays[0]?.state, bypass.trays[0]?.manual], ["empty", true]);
        assert.equal(needsSupplies(bypass), false);
        assert.equal(needsSupplies(trays(4, "Tray 2")), true);
        const byName = decodePrinter(result(`${P.input}.10.1.1|2|0\n${P.input}.13.1.1|4|MP Tray`), opts);
        assert.equal(byName.trays[0]?.manual, true, "no prtInputType: the name tells");
    });

    describe("levels and states", () => {
        const base = { receptacle: false, invert: false, lowLevel: 10, unit: undefined };

        it("keeps the special levels as states, never as fake percentages", () => {
            assert.deepEqual(levelState({ ...base, level: -3, max: 100 }), {
                percent: null,
                state: "someRemaining",
                quirks: [],
            });
            assert.deepEqual(levelState({ ...base, level: -2, max: 100 }).state, "unknown");
            assert.deepEqual(levelState({ ...base, level: -1, max: -1 }).state, "unlimited");
            assert.equal(levelState({ ...base, level: -3, max: 100 }).percent, null);
            assert.equal(levelState({ ...base, level: -1, max: 100 }).percent, null);
            assert.equal(levelState({ ...base, level: undefined, max: 100 }).state, "unknown");
        });

        it("gives no percent when the capacity is unknown or 0, unless the unit is percent", () => {
            assert.deepEqual(levelState({ ...base, level: 40, max: -2 }), {
                percent: null,
                state: "ok",
                quirks: [],
            });
            assert.deepEqual(levelState({ ...base, level: 40, max: -1 }), {
                percent: null,
                state: "ok",
                quirks: [],
            });
            assert.deepEqual(levelState({ ...base, level: 0, max: 0 }), {
                percent: null,
                state: "empty",
                quirks: ["maxZero"],
            });
            assert.deepEqual(levelState({ ...base, level: 40, max: -2, unit: 19 }), {
                percent: 40,
                state: "ok",
                quirks: ["percentUnit"],
            });
        });

        it("takes a percent unit's level as the percentage whatever max says", () => {
            assert.deepEqual(levelState({ ...base, level: 73, max: 200, unit: 19 }), {
                percent: 73,
                state: "ok",
                quirks: ["percentUnit"],
            });
            assert.deepEqual(levelState({ ...base, level: 73, max: 100, unit: 19 }).quirks, []);
        });

        it("caps a level above max at 100 % and says so", () => {
            assert.deepEqual(levelState({ ...base, level: 3600, max: 2400 }), {
                percent: 100,
                state: "ok",
                quirks: ["levelAboveMax"],
            });
        });

        it("rounds to one decimal", () => {
            assert.equal(levelState({ ...base, level: 17208, max: 25000 }).percent, 68.8);
        });

        it("turns a receptacle's remaining space into almostFull and full", () => {
            const rec = { ...base, receptacle: true };
            assert.equal(levelState({ ...rec, level: 90, max: 100 }).state, "ok");
            assert.equal(levelState({ ...rec, level: 8, max: 100 }).state, "almostFull");
            assert.equal(levelState({ ...rec, level: 0, max: 100 }).state, "full");
            assert.equal(levelState({ ...rec, level: 0, max: -2 }).state, "full");
            assert.equal(levelState({ ...rec, level: -3, max: -2 }).state, "someRemaining");
        });

        it("inverts receptacles that report space used when asked to", () => {
            const used = { ...base, receptacle: true, invert: true };
            assert.deepEqual(levelState({ ...used, level: 92, max: 100 }), {
                percent: 8,
                state: "almostFull",
                quirks: ["receptacleInverted"],
            });
            assert.equal(levelState({ ...used, level: 0, max: 100 }).state, "ok");
            assert.equal(levelState({ ...used, level: 100, max: 100 }).state, "full");
            assert.equal(
                levelState({ ...used, level: 5, max: 100, receptacle: false }).percent,
                5,
                "only receptacles",
            );
        });

        it("calls a level below -3 invalid unless the vendor defines it", () => {
            assert.deepEqual(levelState({ ...base, level: -100, max: 100 }), {
                percent: null,
                state: "unknown",
                quirks: ["invalidLevel"],
            });
            const ricoh = { ...base, level: -100, max: 100, vendorCode: () => "low" as const };
            assert.equal(levelState(ricoh).state, "low");
        });
    });

    describe("agents that number and join differently", () => {
        // Two printers behind one agent (hrDeviceIndex 2 and 3, none at 1), the first with two
        // markers. Colorant index 1 is black on printer 2 and cyan on printer 3.
        const snap = result(`
${P.hrDevice}.2.1|6|1.3.6.1.2.1.25.3.1.4
${P.hrDevice}.2.2|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.2.3|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.3.2|4|Engine A
${P.hrDevice}.3.3|4|Engine B
${P.hrDevice}.5.2|2|2
${P.hrDevice}.5.3|2|5
${P.hrPrinter}.1.2|2|4
${P.hrPrinter}.1.3|2|1
${P.marker}.4.2.1|65|1000
${P.marker}.4.2.2|2|250
${P.marker}.4.3.1|65|70
${P.supply}.3.2.1|2|1
${P.supply}.3.3.1|2|1
${P.supply}.6.2.1|4|Toner
${P.supply}.6.3.1|4|Toner
${P.supply}.8.2.1|2|100
${P.supply}.8.3.1|2|100
${P.supply}.9.2.1|2|55
${P.supply}.9.3.1|2|45
${P.colorant}.4.2.1|4|black
${P.colorant}.4.3.1|4|cyan
`);
        const r = decodePrinter(snap, opts);

        it("keys rows by hrDeviceIndex.index and joins colours on (hrDeviceIndex, colorant index)", () => {
            assert.deepEqual(
                r.supplies.map((s) => [s.id, s.color, s.percent]),
                [
                    ["2.1", "black", 55],
                    ["3.1", "cyan", 45],
                ],
            );
        });

        it("tells identical names apart by colour", () => {
            assert.deepEqual(
                r.supplies.map((s) => s.name),
                ["Toner (black)", "Toner (cyan)"],
            );
            assert.ok(r.quirks.includes("nameDisambiguated"));
        });

        it("sums the page counter over every marker, INTEGER or Counter32", () => {
            assert.equal(r.pageCount, 1320);
            assert.ok(r.quirks.includes("lifeCountInteger"));
        });

        it("reports the most telling status of the printers (one down)", () => {
            assert.equal(r.status, "down");
            assert.equal(r.model, "Engine A");
        });
    });

    describe("partial agents", () => {
        // No class, unit, type or colorant columns, as many recordings show.
        const r = decodePrinter(
            result(`
${P.supply}.6.1.1|4|Schwarz Toner
${P.supply}.6.1.2|4|Toner Jaune
${P.supply}.6.1.3|4|Waste Toner Container
${P.supply}.6.1.4|4|Drum Cartridge (R1)
${P.supply}.6.1.5|4|Tri-colour Ink
${P.supply}.8.1.1|2|5300
${P.supply}.8.1.2|2|3000
${P.supply}.8.1.3|2|100
${P.supply}.8.1.4|2|100
${P.supply}.9.1.1|2|1060
${P.supply}.9.1.2|2|1830
${P.supply}.9.1.3|2|5
${P.supply}.9.1.4|2|50
`),
            opts,
        );

        it("still yields every supply with what can be known", () => {
            assert.deepEqual(
                r.supplies.map((s) => [s.id, s.type, s.color, s.class, s.unit, s.percent, s.state]),
                [
                    ["1.1", "toner", "black", "consumed", null, 20, "ok"],
                    ["1.2", "toner", "yellow", "consumed", null, 61, "ok"],
                    ["1.3", "wasteToner", null, "receptacle", null, 5, "almostFull"],
                    ["1.4", "opc", null, "consumed", null, 50, "ok"],
                    ["1.5", "ink", null, "consumed", null, null, "unknown"],
                ],
            );
            for (const q of ["typeFromDescription", "classFromType", "colorFromDescription"]) {
                assert.ok(r.quirks.includes(q), q);
            }
        });

        it("treats a waste type as a receptacle when only the class is missing", () => {
            const one = decodePrinter(
                result(`
${P.supply}.5.1.1|2|4
${P.supply}.6.1.1|4|Box
${P.supply}.8.1.1|2|100
${P.supply}.9.1.1|2|100
`),
                opts,
            );
            assert.equal(one.supplies[0]?.class, "receptacle");
            assert.equal(one.supplies[0]?.percent, 100, "an empty waste box has all its space left");
        });

        it("names a supply with an empty description by colour and type", () => {
            const one = decodePrinter(
                result(`
${P.supply}.3.1.1|2|1
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|
${P.supply}.9.1.1|2|-3
${P.colorant}.4.1.1|4|black
`),
                opts,
            );
            assert.equal(one.supplies[0]?.name, "black toner");
            assert.ok(one.quirks.includes("nameFromType"));
        });

        it("recognises a printer by its Printer-MIB rows or hrPrinterTable, not by a serial number alone", () => {
            assert.equal(hasPrinterData(result(`${P.sys}.1.0|4|Linux nas 5.10`)), false);
            assert.equal(hasPrinterData(result(`${P.general}.17.1|4|TC101180620073`)), false);
            assert.equal(hasPrinterData(result(`${P.hrPrinter}.1.1|2|3`)), true);
            assert.equal(hasPrinterData(result(`${P.input}.13.1.1|4|Tray 1`)), true);
        });

        it("reports a Host Resources-only printer (label printers) with its status and a quirk", () => {
            const zebraLike = decodePrinter(
                result(`
${P.sys}.1.0|4|Label printer
${P.hrDevice}.2.1|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.5.1|2|2
${P.hrPrinter}.1.1|2|3
${P.hrPrinter}.2.1|4x|4000
`),
                opts,
            );
            assert.equal(zebraLike.status, "idle");
            assert.deepEqual(zebraLike.errors, ["noPaper"]);
            assert.deepEqual(zebraLike.supplies, []);
            assert.ok(zebraLike.quirks.includes("noPrinterMib"));
            assert.equal(zebraLike.model, "Label printer", "no hrDeviceDescr: sysDescr");
        });
    });

    describe("descriptions", () => {
        const latin1 = Buffer.from("Resttonerbehälter", "latin1");
        const utf16 = Buffer.from("Cartouche d'encre noire", "utf16le");
        const r = decodePrinter(
            result(`
${P.general}.2.1|2|2
${P.localization}.4.1.2|2|4
${P.supply}.6.1.1|4x|${hex("Black Cartridge HP CE285A\0\0\0")}
${P.supply}.6.1.2|4x|${hex("Cyan Cartridge 8\n32 37 41 20 48 50 20 43 46 33 30 31 41 00 ")}
${P.supply}.6.1.3|4|42 6C 61 63 6B 20 44 72 75 6D
${P.supply}.6.1.4|4|Black Toner Cartridge S/N:CRUM-1234567
${P.supply}.6.1.5|4|Black Toner, PN 106R01234
${P.supply}.6.1.6|4x|${hex(latin1)}
${P.supply}.9.1.1|2|50
`),
            opts,
        );

        it("removes trailing NULs, decodes hex renderings and drops serial and part-number suffixes", () => {
            assert.deepEqual(
                r.supplies.slice(0, 5).map((s) => s.name),
                [
                    "Black Cartridge HP CE285A",
                    "Cyan Cartridge 827A HP CF301A",
                    "Black Drum",
                    "Black Toner Cartridge",
                    "Black Toner",
                ],
            );
            for (const q of [
                "textNulTrimmed",
                "textHexDecoded",
                "textSerialRemoved",
                "textPartNumberRemoved",
            ]) {
                assert.ok(r.quirks.includes(q), q);
            }
        });

        it("decodes with the charset of the current localization (Latin-1 here)", () => {
            assert.equal(r.supplies[5]?.name, "Resttonerbehälter");
            assert.equal(r.supplies[5]?.type, "wasteToner", "German waste word");
            assert.ok(!r.quirks.includes("textCharsetGuessed"), "the charset was declared");
        });

        it("recognises UTF-16 by itself and decodes with a declared UTF-16LE charset", () => {
            const guessed = decodePrinter(result(`${P.supply}.6.1.1|4x|${hex(utf16)}`), opts);
            assert.equal(guessed.supplies[0]?.name, "Cartouche d'encre noire");
            assert.equal(guessed.supplies[0]?.color, "black", "French colour word");
            assert.ok(guessed.quirks.includes("textCharsetGuessed"));
            const declared = decodePrinter(
                result(`
${P.general}.2.1|2|1
${P.localization}.4.1.1|2|1014
${P.supply}.6.1.1|4x|${hex(utf16)}
`),
                opts,
            );
            assert.equal(declared.supplies[0]?.name, "Cartouche d'encre noire");
        });
    });

    describe("the printer's own signals", () => {
        it("decodes the error bits from one byte or two", () => {
            assert.deepEqual(errorBits(Buffer.from([0x20])), ["lowToner"]);
            assert.deepEqual(errorBits(Buffer.from([0x20, 0x00])), ["lowToner"]);
            assert.deepEqual(errorBits(Buffer.from([0x81, 0x06])), [
                "lowPaper",
                "serviceRequested",
                "inputTrayEmpty",
                "overduePreventMaint",
            ]);
            assert.deepEqual(errorBits(Buffer.alloc(0)), []);
            const oneByte = decodePrinter(result(`${P.hrPrinter}.2.1|4x|04`), opts);
            assert.deepEqual(oneByte.errors, ["jammed"]);
            assert.ok(oneByte.quirks.includes("errorStateOneByte"));
        });

        it("maps hrDeviceStatus and hrPrinterStatus as RFC 3805 Appendix E does", () => {
            assert.equal(printerStatus(2, 3), "idle");
            assert.equal(printerStatus(3, 4), "printing");
            assert.equal(printerStatus(5, 1), "down");
            assert.equal(printerStatus(5, 5), "warmup", "moving on-line");
            assert.equal(printerStatus(2, 1), "other", "standby");
            assert.equal(printerStatus(2, undefined), "unknown");
            assert.equal(printerStatus(undefined, 2), "unknown");
        });

        const alerts = `
${P.hrPrinter}.2.1|4x|0000
${P.supply}.4.1.1|2|3
${P.supply}.4.1.2|2|3
${P.supply}.4.1.3|2|4
${P.supply}.5.1.1|2|3
${P.supply}.5.1.2|2|3
${P.supply}.5.1.3|2|4
${P.supply}.6.1.1|4|Black Toner
${P.supply}.6.1.2|4|Cyan Toner
${P.supply}.6.1.3|4|Waste Toner
${P.supply}.8.1.1|2|-2
${P.supply}.8.1.2|2|100
${P.supply}.8.1.3|2|-2
${P.supply}.9.1.1|2|-3
${P.supply}.9.1.2|2|60
${P.supply}.9.1.3|2|-3
${P.input}.10.1.1|2|-3
${P.input}.13.1.1|4|Tray 1
${P.alert}.2.1.7|2|4
${P.alert}.2.1.8|2|4
${P.alert}.2.1.9|2|1
${P.alert}.2.1.10|2|4
${P.alert}.2.1.11|2|3
${P.alert}.2.1.12|2|4
${P.alert}.4.1.7|2|11
${P.alert}.4.1.8|2|8
${P.alert}.4.1.9|2|5
${P.alert}.4.1.10|2|5
${P.alert}.4.1.11|2|11
${P.alert}.4.1.12|2|5
${P.alert}.5.1.7|2|1
${P.alert}.5.1.8|2|1
${P.alert}.5.1.9|2|-1
${P.alert}.5.1.10|2|-1
${P.alert}.5.1.11|2|3
${P.alert}.5.1.12|2|-1
${P.alert}.7.1.7|2|1104
${P.alert}.7.1.8|2|807
${P.alert}.7.1.9|2|503
${P.alert}.7.1.10|2|1
${P.alert}.7.1.11|2|1109
${P.alert}.7.1.12|2|23
${P.alert}.8.1.7|4|Black toner low
${P.alert}.8.1.8|4|Tray 1 paper low
${P.alert}.8.1.9|4|Power up
${P.alert}.8.1.10|4|Sleep Mode
${P.alert}.8.1.11|4|Waste toner box full
${P.alert}.8.1.12|4|Energy Saver
`;

        it("lists active alerts with names and drops power-save noise", () => {
            const r = decodePrinter(result(alerts), opts);
            assert.deepEqual(r.alerts, [
                {
                    severity: "warning",
                    group: "markerSupplies",
                    groupIndex: 1,
                    code: "markerTonerAlmostEmpty",
                    text: "Black toner low",
                },
                {
                    severity: "warning",
                    group: "input",
                    groupIndex: 1,
                    code: "inputMediaSupplyLow",
                    text: "Tray 1 paper low",
                },
                {
                    severity: "critical",
                    group: "markerSupplies",
                    groupIndex: 3,
                    code: "markerWasteTonerReceptacleFull",
                    text: "Waste toner box full",
                },
            ]);
            assert.ok(r.quirks.includes("alertNoiseDropped"));
        });

        it("makes the supply or tray an alert points at low, empty or full", () => {
            const r = decodePrinter(result(alerts), opts);
            assert.equal(r.supplies[0]?.state, "low", "-3 toner with markerTonerAlmostEmpty on it");
            assert.equal(r.supplies[0]?.percent, null, "still no made-up number");
            assert.equal(r.supplies[1]?.state, "ok", "the alert names supply 1, not 2");
            assert.equal(r.supplies[2]?.state, "full", "waste box with markerWasteTonerReceptacleFull");
            assert.equal(r.trays[0]?.state, "low");
        });

        it("applies lowToner to the one toner without a number, and to none when several could be meant", () => {
            const mono = decodePrinter(
                result(`
${P.hrPrinter}.2.1|4x|2000
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Toner
${P.supply}.9.1.1|2|-3
${P.supply}.5.1.2|2|9
${P.supply}.6.1.2|4|Drum
${P.supply}.9.1.2|2|-3
`),
                opts,
            );
            assert.deepEqual(
                mono.supplies.map((s) => s.state),
                ["low", "someRemaining"],
            );
            const colour = decodePrinter(
                result(`
${P.hrPrinter}.2.1|4x|2000
${P.supply}.5.1.1|2|3
${P.supply}.5.1.2|2|3
${P.supply}.6.1.1|4|Black
${P.supply}.6.1.2|4|Cyan
${P.supply}.9.1.1|2|-3
${P.supply}.9.1.2|2|-3
`),
                opts,
            );
            assert.deepEqual(
                colour.supplies.map((s) => s.state),
                ["someRemaining", "someRemaining"],
            );
            assert.deepEqual(colour.errors, ["lowToner"]);
            assert.equal(needsSupplies(colour), true, "the printer-level bit still counts");
        });

        it("never lets a signal make a state look better", () => {
            const r = decodePrinter(
                result(`
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Black
${P.supply}.8.1.1|2|100
${P.supply}.9.1.1|2|0
${P.alert}.2.1.1|2|4
${P.alert}.4.1.1|2|11
${P.alert}.5.1.1|2|1
${P.alert}.7.1.1|2|1104
`),
                opts,
            );
            assert.equal(r.supplies[0]?.state, "empty");
        });
    });

    describe("Ricoh", () => {
        const ricoh = (standard: string) =>
            decodePrinter(
                result(`
${P.sys}.2.0|6|1.3.6.1.4.1.367.1.1
${P.supply}.5.1.1|2|3
${P.supply}.5.1.2|2|3
${P.supply}.6.1.1|4|Black Toner
${P.supply}.6.1.2|4|Cyan Toner
${P.supply}.8.1.1|2|100
${P.supply}.8.1.2|2|100
${standard}
${P.ricoh}.2.1|4|Black Toner
${P.ricoh}.2.2|4|Cyan Toner
${P.ricoh}.5.1|2|30
${P.ricoh}.5.2|2|-100
`),
                opts,
            );

        it("takes levels from the private table when the standard one says only -3/-100", () => {
            const r = ricoh(`${P.supply}.9.1.1|2|-3\n${P.supply}.9.1.2|2|-100`);
            assert.deepEqual(
                r.supplies.map((s) => [s.id, s.level, s.max, s.unit, s.percent, s.state]),
                [
                    ["1.1", 30, 100, "percent", 30, "ok"],
                    ["1.2", -100, 100, "percent", null, "low"],
                ],
            );
            assert.ok(r.quirks.includes("ricohPrivateTable"));
            assert.ok(r.quirks.includes("ricohLevelCodes"));
        });

        it("keeps the standard table when it has numbers", () => {
            const r = ricoh(`${P.supply}.9.1.1|2|40\n${P.supply}.9.1.2|2|-3`);
            assert.deepEqual(
                r.supplies.map((s) => [s.percent, s.state]),
                [
                    [40, "ok"],
                    [null, "someRemaining"],
                ],
            );
            assert.ok(!r.quirks.includes("ricohPrivateTable"));
        });

        it("reads -100 in the standard table as Ricoh's 'almost empty' on Ricoh only", () => {
            const r = decodePrinter(
                result(`
${P.sys}.2.0|6|1.3.6.1.4.1.367.1.1
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Black Toner
${P.supply}.9.1.1|2|-100
`),
                opts,
            );
            assert.equal(r.supplies[0]?.state, "low");
            const other = decodePrinter(result(`${P.supply}.9.1.1|2|-100`), opts);
            assert.equal(other.supplies[0]?.state, "unknown");
            assert.ok(other.quirks.includes("invalidLevel"));
        });
    });

    it("never throws on values it does not expect, and keeps the output JSON-able", () => {
        // A seeded generator of wrong types, odd indexes and odd values in every column.
        let seed = 7;
        const rnd = (n: number): number => {
            seed = (seed * 1103515245 + 12345) % 2147483648;
            return seed % n;
        };
        const values: (() => Pick<Varbind, "type" | "value">)[] = [
            () => ({ type: VarType.Integer, value: rnd(2) ? -rnd(200) : rnd(100000) }),
            () => ({
                type: VarType.OctetString,
                value: Buffer.from(Array.from({ length: rnd(40) }, () => rnd(256))),
            }),
            () => ({ type: VarType.OID, value: "1.3.6.1.2.1.25.3.1.5" }),
            () => ({ type: VarType.Counter64, value: 2n ** 63n }),
            () => ({ type: VarType.Null, value: null }),
            () => ({ type: VarType.NoSuchInstance, value: null }),
            () => ({ type: VarType.IpAddress, value: "10.0.0.1" }),
        ];
        const indexes = ["1", "1.1", "2.3", "0.0", "1.2.3", "4294967295.1", "1.-1"];
        const columns = Object.values(COL);
        for (let round = 0; round < 200; round++) {
            const r = result("");
            for (let i = 0; i < 60; i++) {
                const column = columns[rnd(columns.length)] ?? COL.supplyLevel;
                const index = indexes[rnd(indexes.length)] ?? "1.1";
                const v = values[rnd(values.length)]?.() ?? { type: VarType.Null, value: null };
                const rows = r.columns.get(column) ?? new Map<string, Varbind>();
                rows.set(index, { oid: `${column}.${index}`, ...v });
                r.columns.set(column, rows);
            }
            r.scalars.set(SYS.upTime, {
                oid: SYS.upTime,
                ...(values[rnd(values.length)]?.() ?? values[0]!()),
            });
            const reading = decodePrinter(r, opts);
            assert.doesNotThrow(() => JSON.stringify(reading));
            for (const s of reading.supplies) {
                assert.ok(s.percent === null || (s.percent >= 0 && s.percent <= 100), JSON.stringify(s));
            }
        }
    });
});
