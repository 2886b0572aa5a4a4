/**
 * The printer decoder's passes one at a time, each on the few MIB objects it reads: the cases
 * printer-decode_spec does not reach directly through a whole reading.
 */
import assert from "node:assert/strict";
import { readAlerts } from "../../nodes/lib/printer/alerts";
import { decodeContext, type DecodeContext } from "../../nodes/lib/printer/context";
import { readPageCount } from "../../nodes/lib/printer/counters";
import { readIdentity, readSystem } from "../../nodes/lib/printer/identity";
import { distinctNames } from "../../nodes/lib/printer/names";
import { readOutputs } from "../../nodes/lib/printer/outputs";
import { ricohLevels } from "../../nodes/lib/printer/ricoh";
import { applySignals } from "../../nodes/lib/printer/signals";
import { readErrorBits, readStatus } from "../../nodes/lib/printer/status";
import { rateSupplies, readSupplies, type VendorLevels } from "../../nodes/lib/printer/supplies";
import { readTrays } from "../../nodes/lib/printer/trays";
import type { ErrorBit } from "../../nodes/lib/printer/mib";
import type { OutputBin, Supply, Tray } from "../../nodes/lib/printer/contract";
import { hex, P, result } from "./printer-helpers";

const opts = { lowLevel: 10, invertReceptacles: false, now: 0 };

/** A decode context over these `.snmprec` lines. */
function ctx(lines: string, options = opts): DecodeContext {
    return decodeContext(result(lines), options);
}

const NO_VENDOR: VendorLevels = { level: () => undefined, code: () => undefined, unmatched: [] };

function supply(s: Partial<Supply> & { id: string }): Supply {
    return {
        name: "Toner",
        type: "toner",
        color: null,
        class: "consumed",
        unit: null,
        level: -3,
        max: -2,
        percent: null,
        state: "someRemaining",
        ...s,
    };
}

function tray(t: Partial<Tray> & { id: string }): Tray {
    return {
        name: `Tray ${t.id}`,
        media: null,
        unit: null,
        level: -3,
        max: -2,
        percent: null,
        state: "someRemaining",
        manual: false,
        ...t,
    };
}

function bin(o: Partial<OutputBin> & { id: string }): OutputBin {
    return { name: `Bin ${o.id}`, remaining: -3, max: -2, state: "ok", ...o };
}

describe("printer decoder passes", () => {
    describe("context", () => {
        it("decodes each printer's localized strings in its own charset, plain strings in none", () => {
            // Two printers behind one agent: printer 1 declares Latin-1 (MIBenum 4), printer 2 UTF-8 (106).
            const c = ctx(`
${P.general}.2.1|2|1
${P.general}.2.2|2|1
${P.localization}.4.1.1|2|4
${P.localization}.4.2.1|2|106
`);
            const utf8 = { oid: "x", type: 4, value: Buffer.from("Bläck", "utf8") };
            assert.equal(c.label(utf8, 2), "Bläck");
            assert.equal(c.label(utf8, 1), "BlÃ¤ck", "Latin-1 reads the UTF-8 bytes as two letters each");
            assert.deepEqual([...c.quirks], []);
            c.label(utf8);
            assert.deepEqual([...c.quirks], ["textCharsetGuessed"], "no charset given: the guess is noted");
        });

        it("lists rows in OID order, leaving out indexes that name no device", () => {
            const c = ctx(`
${P.supply}.9.1.10|2|5
${P.supply}.9.1.9|2|5
${P.supply}.6.1.2|4|Toner
${P.supply}.9.x.1|2|5
`);
            assert.deepEqual(c.devices, [1]);
            assert.deepEqual(c.rows(["supplyLevel", "supplyDescription"]), ["1.2", "1.9", "1.10"]);
        });
    });

    describe("alerts", () => {
        it("keeps the numbers the signals pass needs beside each alert", () => {
            const rows = readAlerts(
                ctx(`
${P.hrPrinter}.1.1|2|3
${P.alert}.2.1.7|2|3
${P.alert}.4.1.7|2|8
${P.alert}.5.1.7|2|-1
${P.alert}.7.1.7|2|808
${P.alert}.8.1.7|4|Tray empty
${P.alert}.2.1.8|2|4
${P.alert}.4.1.8|2|40
${P.alert}.5.1.8|2|2
${P.alert}.7.1.8|2|7777
`),
            );
            assert.deepEqual(rows, [
                {
                    hrD: 1,
                    groupNumber: 8,
                    codeNumber: 808,
                    alert: {
                        severity: "critical",
                        group: "input",
                        groupIndex: null,
                        code: "inputMediaSupplyEmpty",
                        text: "Tray empty",
                    },
                },
                {
                    hrD: 1,
                    groupNumber: 40,
                    codeNumber: 7777,
                    alert: { severity: "warning", group: "40", groupIndex: 2, code: "7777", text: "" },
                },
            ]);
        });

        it("keeps a critical alert whose text sounds like power saving, drops a warning one", () => {
            const c = ctx(`
${P.hrPrinter}.1.1|2|3
${P.alert}.2.1.1|2|3
${P.alert}.8.1.1|4|Sleep mode failure
${P.alert}.2.1.2|2|4
${P.alert}.8.1.2|4|Modo de reposo
`);
            assert.deepEqual(
                readAlerts(c).map((r) => r.alert.text),
                ["Sleep mode failure"],
            );
            assert.deepEqual([...c.quirks], ["alertNoiseDropped"]);
        });
    });

    describe("supplies", () => {
        it("reads rows raw and leaves percent and state to the rating pass", () => {
            const c = ctx(`
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Toner
${P.supply}.8.1.1|2|200
${P.supply}.9.1.1|2|50
`);
            const supplies = readSupplies(c);
            assert.deepEqual(
                supplies.map((s) => [s.level, s.max, s.percent, s.state]),
                [[50, 200, null, "unknown"]],
            );
            rateSupplies(c, supplies, NO_VENDOR);
            assert.deepEqual(
                supplies.map((s) => [s.percent, s.state]),
                [[25, "ok"]],
            );
        });

        it("takes the colour from the description when the colorant row says none", () => {
            const c = ctx(`
${P.supply}.3.1.1|2|1
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Toner Magenta
${P.colorant}.4.1.1|4|other
`);
            assert.equal(readSupplies(c)[0]?.color, "magenta");
            assert.deepEqual([...c.quirks], ["colorFromDescription"]);
        });

        it("rates a supply with a vendor level as a percent, with the vendor's level codes", () => {
            const c = ctx(`
${P.supply}.6.1.1|4|Black
${P.supply}.8.1.1|2|-2
${P.supply}.9.1.1|2|-3
${P.supply}.6.1.2|4|Cyan
${P.supply}.8.1.2|2|-2
${P.supply}.9.1.2|2|-3
`);
            const supplies = readSupplies(c);
            const vendor: VendorLevels = {
                level: (id) => (id === "1.1" ? 7 : id === "1.2" ? -100 : undefined),
                code: () => (level) => (level === -100 ? "low" : undefined),
                unmatched: [],
            };
            rateSupplies(c, supplies, vendor);
            assert.deepEqual(
                supplies.map((s) => [s.level, s.max, s.unit, s.percent, s.state]),
                [
                    [7, 100, "percent", 7, "low"],
                    [-100, 100, "percent", null, "low"],
                ],
            );
        });
    });

    describe("Ricoh vendor levels", () => {
        const ricoh = `
${P.sys}.2.0|6|1.3.6.1.4.1.367.1.1
${P.supply}.3.1.1|2|1
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Black Toner
${P.supply}.9.1.1|2|-3
${P.colorant}.4.1.1|4|black
${P.ricoh}.2.1|4|Black Toner
${P.ricoh}.5.1|2|60
${P.ricoh}.2.2|4|Toner
${P.ricoh}.5.2|2|-100
`;

        it("matches private rows to toners by colour and reports the others as supplies of their own", () => {
            const c = ctx(ricoh);
            const levels = ricohLevels(c, readSupplies(c));
            assert.equal(levels.level("1.1"), 60);
            assert.deepEqual(levels.unmatched, [
                {
                    id: "ricoh.2",
                    name: "Toner",
                    type: "toner",
                    color: null,
                    class: "consumed",
                    unit: "percent",
                    level: -100,
                    max: 100,
                    percent: null,
                    state: "low",
                },
            ]);
            assert.deepEqual([...c.quirks], ["ricohPrivateTable", "ricohLevelCodes"]);
        });

        it("gives -100 its Ricoh meaning on Ricoh's enterprise (and its brands') only", () => {
            const brand = ctx(`${P.sys}.2.0|6|1.3.6.1.4.1.367.1.2.3`);
            assert.equal(ricohLevels(brand, []).code("1.1")?.(-100), "low");
            const other = ctx(`${P.sys}.2.0|6|1.3.6.1.4.1.3670.1`);
            assert.equal(ricohLevels(other, []).code("1.1"), undefined);
        });
    });

    describe("trays", () => {
        it("names a tray by prtInputName, then its description, then its index", () => {
            const trays = readTrays(
                ctx(`
${P.input}.13.1.1|4|Tray 1
${P.input}.18.1.1|4|Cassette
${P.input}.18.1.2|4|Cassette 2
${P.input}.10.1.3|2|100
`),
            );
            assert.deepEqual(
                trays.map((t) => t.name),
                ["Tray 1", "Cassette 2", "Input 3"],
            );
        });

        it("takes a manual feed from prtInputType when given, else from words in the name", () => {
            const trays = readTrays(
                ctx(`
${P.input}.2.1.1|2|5
${P.input}.13.1.1|4|Tray 1
${P.input}.2.1.2|2|4
${P.input}.13.1.2|4|Bypass
${P.input}.13.1.3|4|Universalzufuhr
${P.input}.13.1.4|4|Kassette 2
`),
            );
            assert.deepEqual(
                trays.map((t) => t.manual),
                [true, false, true, false],
            );
        });
    });

    describe("output bins", () => {
        it("reads the room left in a bin as RFC 3805 defines it", () => {
            const outputs = readOutputs(
                ctx(`
${P.output}.4.1.1|2|500
${P.output}.5.1.1|2|-1
${P.output}.4.1.2|2|500
${P.output}.5.1.2|2|-3
${P.output}.5.1.3|2|-2
${P.output}.5.1.4|2|-9
${P.output}.4.1.5|2|500
${P.output}.5.1.5|2|0
${P.output}.4.1.6|2|500
${P.output}.5.1.6|2|50
${P.output}.4.1.7|2|500
${P.output}.5.1.7|2|51
`),
            );
            assert.deepEqual(
                outputs.map((o) => [o.name, o.state]),
                [
                    ["Output 1", "ok"],
                    ["Output 2", "ok"],
                    ["Output 3", "unknown"],
                    ["Output 4", "unknown"],
                    ["Output 5", "full"],
                    ["Output 6", "nearFull"],
                    ["Output 7", "ok"],
                ],
            );
        });
    });

    describe("the printer's own signals", () => {
        const errors = (...bits: ErrorBit[]): Set<ErrorBit> => new Set(bits);

        it("lands each paper and output error bit on the only tray or bin without a number", () => {
            const cases = [
                ["lowPaper", "low"],
                ["noPaper", "empty"],
                ["inputTrayEmpty", "empty"],
            ] as const;
            for (const [bit, state] of cases) {
                const trays = [
                    tray({ id: "1.1" }),
                    tray({ id: "1.2", level: 200, max: 500, percent: 40, state: "ok" }),
                ];
                applySignals({ supplies: [], trays, outputs: [] }, [], errors(bit));
                assert.deepEqual(
                    trays.map((t) => t.state),
                    [state, "ok"],
                    bit,
                );
            }
            for (const [bit, state] of [
                ["outputNearFull", "nearFull"],
                ["outputFull", "full"],
            ] as const) {
                const outputs = [bin({ id: "1.1" }), bin({ id: "1.2", remaining: 400, max: 500 })];
                applySignals({ supplies: [], trays: [], outputs }, [], errors(bit));
                assert.deepEqual(
                    outputs.map((o) => o.state),
                    [state, "ok"],
                    bit,
                );
            }
        });

        it("does not guess between two bins or trays without a number", () => {
            const trays = [tray({ id: "1.1" }), tray({ id: "1.2" })];
            const outputs = [bin({ id: "1.1" }), bin({ id: "1.2", remaining: null, max: null })];
            applySignals({ supplies: [], trays, outputs }, [], errors("noPaper", "outputFull"));
            assert.deepEqual(
                [...trays, ...outputs].map((u) => u.state),
                ["someRemaining", "someRemaining", "ok", "ok"],
            );
        });

        it("leaves a kind alone once an alert has named one of its rows", () => {
            const c = ctx(`
${P.hrPrinter}.1.1|2|3
${P.alert}.2.1.1|2|4
${P.alert}.4.1.1|2|8
${P.alert}.5.1.1|2|2
${P.alert}.7.1.1|2|807
`);
            const trays = [tray({ id: "1.1" }), tray({ id: "1.2", state: "ok" })];
            applySignals({ supplies: [], trays, outputs: [] }, readAlerts(c), errors());
            assert.deepEqual(
                trays.map((t) => t.state),
                ["someRemaining", "low"],
                "the alert names tray 2",
            );
            const again = [
                tray({ id: "1.1" }),
                tray({ id: "1.2", level: 250, max: 500, percent: 50, state: "ok" }),
            ];
            applySignals({ supplies: [], trays: again, outputs: [] }, readAlerts(c), errors("noPaper"));
            assert.deepEqual(
                again.map((t) => t.state),
                ["someRemaining", "low"],
                "noPaper is not put on tray 1 once the printer named tray 2",
            );
        });

        it("still lands lowToner on the toner when an alert named a supply that holds no colorant", () => {
            const c = ctx(`
${P.hrPrinter}.1.1|2|3
${P.alert}.2.1.1|2|4
${P.alert}.4.1.1|2|11
${P.alert}.5.1.1|2|2
${P.alert}.7.1.1|2|1111
`);
            const supplies = [supply({ id: "1.1" }), supply({ id: "1.2", name: "Drum", type: "opc" })];
            applySignals({ supplies, trays: [], outputs: [] }, readAlerts(c), errors("lowToner"));
            assert.deepEqual(
                supplies.map((s) => s.state),
                ["low", "low"],
            );
        });

        it("takes a colorant alert without a row as being about the toner", () => {
            const c = ctx(`
${P.hrPrinter}.1.1|2|3
${P.alert}.2.1.1|2|3
${P.alert}.4.1.1|2|10
${P.alert}.5.1.1|2|1
${P.alert}.7.1.1|2|1101
`);
            const supplies = [
                supply({ id: "1.1" }),
                supply({ id: "1.2", name: "Waste", type: "wasteToner", class: "receptacle" }),
            ];
            applySignals({ supplies, trays: [], outputs: [] }, readAlerts(c), errors());
            assert.deepEqual(
                supplies.map((s) => s.state),
                ["empty", "someRemaining"],
                "markerTonerEmpty on the marker (group 10), not a supply row",
            );
        });
    });

    describe("names", () => {
        it("suffixes identical names with the id when colours do not tell them apart", () => {
            const c = ctx("");
            const supplies = [
                supply({ id: "1.1", name: "Toner", color: "black" }),
                supply({ id: "1.2", name: "Toner", color: "black" }),
                supply({ id: "1.3", name: "Drum", color: null }),
            ];
            const trays = [tray({ id: "1.1", name: "Tray" }), tray({ id: "1.2", name: "tray" })];
            distinctNames(c, supplies, trays);
            assert.deepEqual(
                [...supplies, ...trays].map((u) => u.name),
                ["Toner (1.1)", "Toner (1.2)", "Drum", "Tray (1.1)", "tray (1.2)"],
            );
            assert.deepEqual([...c.quirks], ["nameDisambiguated"]);
        });
    });

    describe("identity", () => {
        it("takes the model from the device typed as a printer, and does not read sysDescr then", () => {
            const c = ctx(`
${P.sys}.1.0|4x|${hex("ACME OS 1.0\0")}
${P.hrDevice}.2.1|6|1.3.6.1.2.1.25.3.1.4
${P.hrDevice}.2.2|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.3.1|4|Print server
${P.hrDevice}.3.2|4|ACME Laser 9
${P.hrPrinter}.1.1|2|3
${P.hrPrinter}.1.2|2|3
${P.general}.17.2|4|SN-2
`);
            assert.deepEqual(readIdentity(c), { model: "ACME Laser 9", serial: "SN-2" });
            assert.deepEqual([...c.quirks], [], "sysDescr (with its trailing NUL) was not needed");
        });

        it("falls back to sysDescr, and gives null where nothing names the printer", () => {
            assert.deepEqual(readIdentity(ctx(`${P.sys}.1.0|4|ACME Laser 9`)), {
                model: "ACME Laser 9",
                serial: null,
            });
            assert.deepEqual(readIdentity(ctx("")), { model: null, serial: null });
        });

        it("reads name, location and uptime in seconds from the system group", () => {
            assert.deepEqual(
                readSystem(
                    ctx(`
${P.sys}.3.0|67|12399
${P.sys}.5.0|4|printer-3
${P.sys}.6.0|4|
`),
                ),
                { name: "printer-3", location: null, uptime: 123 },
            );
        });
    });

    describe("status and error bits", () => {
        it("joins the error bits of every printer and notes a one-byte value", () => {
            const c = ctx(`
${P.hrPrinter}.2.1|4x|20
${P.hrPrinter}.2.2|4x|0008
`);
            assert.deepEqual([...readErrorBits(c)].sort(), ["lowToner", "outputFull"]);
            assert.deepEqual([...c.quirks], ["errorStateOneByte"]);
        });

        it("reports unknown without any printer status", () => {
            assert.equal(readStatus(ctx("")), "unknown");
        });
    });

    describe("page counter", () => {
        it("sums markers that count pages, skips other units and notes invalid counters", () => {
            const c = ctx(`
${P.marker}.3.1.1|2|7
${P.marker}.4.1.1|65|100
${P.marker}.3.1.2|2|3
${P.marker}.4.1.2|65|999999
${P.marker}.4.1.3|65|20
${P.marker}.3.1.4|2|8
${P.marker}.4.1.4|2|-5
`);
            assert.equal(readPageCount(c), 120);
            assert.deepEqual([...c.quirks], ["lifeCountInvalid"]);
        });

        it("is null when no marker counts pages", () => {
            assert.equal(readPageCount(ctx(`${P.marker}.3.1.1|2|3\n${P.marker}.4.1.1|65|5`)), null);
        });
    });
});
