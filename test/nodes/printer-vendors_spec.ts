/**
 * Page counters and identity from the vendors' own MIBs, polled over SNMP from the simulator:
 * one fixture per vendor (test/fixtures/printers/*-counters.snmprec, written from each vendor's
 * MIB, see the fixtures README). A user checks that the counters and the serial are the ones
 * the printer's panel shows: the fixture values are chosen so that the parts add up (copies +
 * prints = total, black-and-white + colour = prtMarkerLifeCount) and each expectation below is
 * the number the MIB object holds.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import type { Pages, PrinterReading } from "../../nodes/lib/printer/contract";
import { pollPrinter, type PrinterPollResult } from "../../nodes/lib/printer/poll-printer";
import { isShared } from "../../nodes/lib/snmp/decode";
import { withSimSession } from "../helpers/sim-session";

const PRINTERS = path.join(__dirname, "..", "fixtures", "printers");

interface Expected {
    vendor: string;
    model: string;
    serial: string;
    firmware: string | null;
    pages: Pages;
}

const EXPECTED: Record<string, Expected> = {
    "hp-counters": {
        vendor: "HP",
        model: "Color LaserJet Pro MFP M479fdw",
        serial: "CNBRM1X2Y3",
        firmware: "2409048_052887",
        pages: { total: 24500, mono: 15200, colour: 9300, duplex: 3100 },
    },
    "brother-counters": {
        vendor: "Brother",
        model: "HL-L8360CDW",
        serial: "E78234K0N123456",
        firmware: "ZA2101281546",
        // No prtMarkerTable on this agent: the total is brInfoCounter's code 0x00.
        pages: { total: 18250, mono: 12000, colour: 6250 },
    },
    "canon-counters": {
        vendor: "Canon",
        model: "iR-ADV C3525",
        serial: "XLM01234",
        firmware: "03.06",
        pages: { total: 35210, mono: 20110, copy: 12000, print: 23000, scan: 4100 },
    },
    "kyocera-counters": {
        vendor: "Kyocera",
        model: "TASKalfa 2553ci",
        serial: "W4F1234567",
        firmware: null,
        // Black-and-white: print 25000 + copy 12820 + fax 900; colour: print 15100 + copy 7000.
        pages: { total: 60820, mono: 38720, colour: 22100, copy: 19820, print: 40100, fax: 900 },
    },
    "ricoh-counters": {
        vendor: "Ricoh",
        model: "IM C3000",
        serial: "3100R800123",
        firmware: "1.04",
        // No prtMarkerLifeCount: the total is ricohEngCounterTable type 10 (machine total).
        pages: {
            total: 150200,
            mono: 102100,
            colour: 48100,
            duplex: 22000,
            copy: 40100,
            print: 108000,
            fax: 2100,
        },
    },
    "xerox-counters": {
        vendor: "Xerox",
        model: "AltaLink C8030",
        serial: "3390123456",
        firmware: "103.002.030.31400",
        pages: { total: 88000, mono: 58000, colour: 30000, copy: 20000 },
    },
    "lexmark-counters": {
        vendor: "Lexmark",
        model: "CX725",
        serial: "7529K6J00ABCD",
        firmware: "CXTPC.081.215",
        pages: { total: 45200, mono: 30100, colour: 15100, copy: 11500, print: 33000, fax: 700 },
    },
    "konica-counters": {
        vendor: "Konica Minolta",
        model: "bizhub C300i",
        serial: "AA2J0210012345",
        firmware: "G00-R5",
        pages: {
            total: 51230,
            mono: 38000,
            colour: 13230,
            duplex: 12000,
            copy: 10230,
            print: 41000,
            scan: 8000,
        },
    },
    "epson-counters": {
        vendor: "Epson",
        model: "WF-C879R",
        serial: "X5ZP012345",
        firmware: null,
        // Black-and-white 40000 + colour 41000; printed from a computer 49000 + copies 32000.
        pages: { total: 81000, mono: 40000, colour: 41000, print: 49000, copy: 32000 },
    },
    "sharp-counters": {
        vendor: "Sharp",
        model: "MX-3071",
        serial: "7501234500",
        firmware: null,
        pages: { total: 70000, mono: 45000, colour: 25000, copy: 20000, print: 50000 },
    },
    "samsung-counters": {
        vendor: "Samsung",
        model: "C306x",
        // No serial object on this agent: the one in sysDescr ("…;S/N 0BC8B1234K00099").
        serial: "0BC8B1234K00099",
        firmware: "V4.00.02.33 MAR-06-2019",
        // Scans (job type 5) are no printed pages.
        pages: { total: 20550, mono: 15550, colour: 5000, copy: 4000, print: 16000 },
    },
    "oki-counters": {
        vendor: "OKI",
        model: "C532",
        serial: "AK12345678",
        firmware: "A1.05",
        pages: { total: 12345 },
    },
};

describe("printer vendors: page counters and identity from each vendor's MIB", function () {
    this.timeout(60_000);
    let sim: Simulator;

    before(async () => {
        const files = Object.keys(EXPECTED).map((n) => path.join(PRINTERS, `${n}.snmprec`));
        sim = await startSimulator({ devices: loadDevices(files, { dynamics: false }) });
    });
    after(async () => {
        await sim?.stop();
    });

    /** The poll options of these tests (the reading's clock fixed). */
    const optionsOf = (settings: { maxRepetitions: number; maxRows: number }) => ({
        lowLevel: 10,
        invertReceptacles: false,
        maxRepetitions: settings.maxRepetitions,
        maxRows: settings.maxRows,
        now: () => Date.UTC(2024, 0, 1),
    });

    async function pollTwice(name: string): Promise<[PrinterPollResult, PrinterPollResult]> {
        return withSimSession(sim, name, async (session, settings, key) => {
            const cache = new PrinterCache();
            const first = await pollPrinter(session, key, cache, optionsOf(settings));
            const second = await pollPrinter(session, key, cache, optionsOf(settings));
            return [first, second];
        });
    }

    function identity(r: PrinterReading): Expected {
        return {
            vendor: r.vendor ?? "",
            model: r.model ?? "",
            serial: r.serial ?? "",
            firmware: r.firmware,
            pages: r.pages,
        };
    }

    for (const [name, expected] of Object.entries(EXPECTED)) {
        it(`${name}: ${expected.vendor} counters and serial, on discovery and in the steady state`, async () => {
            const [first, second] = await pollTwice(name);
            assert.equal(first.discovered, true);
            assert.deepEqual(identity(first.reading), expected);
            assert.equal(second.discovered, false, "the second poll reads the cached plan");
            assert.deepEqual(
                second.reading.pages,
                expected.pages,
                "counters read by OID in the steady state",
            );
            assert.equal(second.reading.serial, expected.serial, "identity kept from the cache");
            assert.equal(second.requests, 1, "one request for every level, status and counter");
        });
    }

    it("caches a printer's names in bytes of their own, not in the datagrams they came in", async () => {
        await withSimSession(sim, "hp-counters", async (session, settings, key) => {
            const cache = new PrinterCache();
            const first = await pollPrinter(session, key, cache, optionsOf(settings));
            const entry = cache.get(key);
            assert.ok(entry);
            const strings = [...entry.columns.values(), entry.scalars].flatMap((rows) =>
                [...rows.values()].filter((vb) => Buffer.isBuffer(vb.value)),
            );
            assert.ok(strings.length > 10, `${strings.length} octet strings cached`);
            // No datagram (up to 1,472 bytes each) is kept. A varbind that decode.ts shares (its
            // bytes came before) keeps its own encoding, at most 96 bytes; the others are
            // copied into one block for all of them, exactly their size.
            const shared = strings.filter((vb) => isShared(vb)).map((vb) => vb.value as Buffer);
            for (const b of shared) assert.ok(b.buffer.byteLength <= 96, `${b.buffer.byteLength} bytes kept`);
            const copied = strings.filter((vb) => !isShared(vb)).map((vb) => vb.value as Buffer);
            if (copied.length > 0) {
                const blocks = new Set(copied.map((b) => b.buffer));
                assert.equal(blocks.size, 1);
                const bytes = copied.reduce((n, b) => n + b.length, 0);
                assert.equal([...blocks][0]?.byteLength, bytes);
            }
            const second = await pollPrinter(session, key, cache, optionsOf(settings));
            assert.equal(second.discovered, false);
            assert.deepEqual(identity(second.reading), EXPECTED["hp-counters"]);
            assert.deepEqual(second.reading.supplies, first.reading.supplies);
        });
    });

    it("reads a counter that moved on the next poll, without reading everything again", async () => {
        const name = "hp-counters";
        const [, before] = await pollTwice(name);
        sim.set(name, "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0", 2, 15250);
        sim.set(name, "1.3.6.1.2.1.43.10.2.1.4.1.1", 65, 24550);
        await withSimSession(sim, name, async (session, settings) => {
            const cache = new PrinterCache();
            await pollPrinter(session, "k", cache, optionsOf(settings));
            sim.set(name, "1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2.6.0", 2, 15300);
            const after = await pollPrinter(session, "k", cache, optionsOf(settings));
            assert.equal(after.discovered, false);
            assert.equal(after.reading.pages.mono, 15300);
            assert.equal(after.reading.pages.total, 24550);
            assert.equal(before.reading.pages.mono, 15200);
        });
    });
});
