/**
 * Hostile and broken agents, against both query nodes in a running flow. Each case is a hostile
 * responder (test/helpers/hostile.ts) polled in the same batch as a well-behaved simulator
 * device. For every case, in printer-supplies and in ap-clients: the hostile device ends with a
 * clear error (to Catch, with its host) or a degraded reading within the deadline; the good
 * device still reports exactly what it reported before; the status is not left at "polling";
 * no uncaught exception or unhandled rejection happens; memory stays bounded.
 * The table of cases and outcomes is printed at the end.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { NodeMessage } from "node-red";
import type { PrinterPayload, UnreachablePayload } from "../../nodes/lib/printer/messages";
import type { ApReading } from "../../nodes/lib/ap/types";
import type { SnmpErrorCode } from "../../nodes/lib/snmp/errors";
import { openSocketCount } from "../../nodes/lib/snmp/session";
import type { NodeStatus } from "../../nodes/lib/status";
import { startSimulator, type Simulator } from "../../tools/sim";
import { encodeInteger, encodeOctets, encodeOid, encodeUnsigned, Tag } from "../../tools/sim/ber";
import {
    honest,
    listSpace,
    recordingObjects,
    startHostileAgent,
    valueOf,
    withGeneratedTable,
    withValue,
    type Behaviour,
    type HostileAgent,
    type Obj,
    type OidSpace,
} from "../helpers/hostile";
import { allNodes, helper } from "../helpers/nodered";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const FIXTURES = path.join(__dirname, "..", "fixtures");
const PRINTER = path.join(FIXTURES, "printers", "colour-laser.snmprec");
const AP = path.join(FIXTURES, "wireless", "cisco-aireos.snmprec");
/** prtMarkerSuppliesEntry, index {hrDeviceIndex, prtMarkerSuppliesIndex}. */
const SUPPLIES = "1.3.6.1.2.1.43.11.1.1";
/** bsnMobileStationEntry, index client MAC. */
const CLIENTS = "1.3.6.1.4.1.14179.2.1.4.1";
const TIMEOUT = 200;
const RETRIES = 1;
const DEADLINE = 8000;

type Kind = "printer" | "ap";
type Expect = "reading" | { error: SnmpErrorCode[] } | { either: SnmpErrorCode[] };

interface Case {
    name: string;
    /** Change the device's objects (the recording's, as encoded varbinds). */
    objects?: (objects: Obj[], kind: Kind) => Obj[];
    /** Replace the device's main table (supplies, clients) by one with this many rows. */
    rows?: number;
    behave?: Behaviour;
    maxMsgSize?: number;
    expect: Expect | Record<Kind, Expect>;
}

/** Keep the datagram as it is but change some bytes. */
const bytes =
    (f: (b: Buffer) => Buffer): Behaviour =>
    (x) =>
        f(x.encode(x.answer()));

/** Offset of the content of the outer SEQUENCE. */
const contentStart = (b: Buffer): number => (b[1]! & 0x80 ? 2 + (b[1]! & 0x7f) : 2);

const isInt = (o: Obj): boolean => valueOf(o)[0] === Tag.Integer;
const isNumeric = (o: Obj): boolean =>
    [Tag.Integer, Tag.Counter32, Tag.Gauge32, Tag.TimeTicks].includes(valueOf(o)[0] as 2);
const isText = (o: Obj): boolean => valueOf(o)[0] === Tag.OctetString;
const isSysObjectId = (o: Obj): boolean => o.oid.join(".") === "1.3.6.1.2.1.1.2.0";

/** A value of another type than the one the object has: the "wrong type in every column" case. */
function otherType(o: Obj, i: number): Buffer {
    const tag = valueOf(o)[0];
    const pick = [
        encodeOctets("42"),
        encodeInteger(7),
        encodeOid([1, 3, 6, 1, 4, 1, 99999]),
        encodeOctets(Buffer.from([10, 0, 0, 1]), Tag.IpAddress),
        encodeUnsigned(12345, Tag.TimeTicks),
        encodeUnsigned(2n ** 63n, Tag.Counter64),
        Buffer.from([Tag.Null, 0]),
        encodeOctets(Buffer.from([0x9f, 0x78, 0x04, 0x42, 0xf6, 0x00, 0x00]), Tag.Opaque),
    ].filter((v) => v[0] !== tag);
    return pick[i % pick.length]!;
}

const NASTY_TEXT = Buffer.concat([
    Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x1b]),
    Buffer.from("[2J\r\n<script>alert(1)</script>", "latin1"),
    Buffer.from([0xc3, 0x28, 0xe2, 0x80, 0xae, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0x07, 0x7f]),
]);

/** A 9-byte INTEGER: far beyond Integer32, which asn1 readers may or may not refuse. */
const HUGE_INTEGER = Buffer.from([Tag.Integer, 9, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

const CASES: Case[] = [
    { name: "control: an honest agent", expect: "reading" },
    { name: "silence", behave: () => undefined, expect: { error: ["timeout"] } },
    {
        name: "truncated BER (half the datagram)",
        behave: bytes((b) => b.subarray(0, b.length >> 1)),
        expect: { error: ["malformed"] },
    },
    {
        name: "truncated BER (last byte missing)",
        behave: bytes((b) => b.subarray(0, b.length - 1)),
        expect: { error: ["malformed"] },
    },
    {
        name: "over-long BER (junk after the message)",
        behave: bytes((b) => Buffer.concat([b, Buffer.alloc(32, 0xa5)])),
        expect: { either: ["malformed"] },
    },
    {
        name: "over-long BER (length beyond the datagram)",
        behave: bytes((b) => {
            const c = contentStart(b);
            const len = b.length - c + 300;
            return Buffer.concat([Buffer.from([0x30, 0x82, len >> 8, len & 0xff]), b.subarray(c)]);
        }),
        expect: { either: ["malformed"] },
    },
    {
        name: "length claiming gigabytes (message)",
        behave: bytes((b) =>
            Buffer.concat([Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), b.subarray(contentStart(b))]),
        ),
        expect: { either: ["malformed"] },
    },
    {
        name: "length claiming gigabytes (values)",
        objects: (objs) =>
            objs.map((o) =>
                isText(o)
                    ? withValue(o, Buffer.from([Tag.OctetString, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x41]))
                    : o,
            ),
        expect: { error: ["malformed"] },
    },
    {
        name: "wrong tag (PDU is a GetRequest)",
        behave: (x) => x.encode(x.answer(), { pduTag: 0xa0 }),
        expect: { error: ["malformed"] },
    },
    {
        name: "wrong tag (PDU is a Report)",
        behave: (x) => x.encode(x.answer(), { pduTag: 0xa8 }),
        expect: { error: ["malformed", "auth"] },
    },
    {
        name: "wrong tag (message is a SET OF)",
        behave: bytes((b) => Buffer.concat([Buffer.from([0x31]), b.subarray(1)])),
        expect: { either: ["malformed"] },
    },
    {
        name: "wrong tags (unknown value types)",
        objects: (objs) =>
            objs.map((o) => withValue(o, Buffer.concat([Buffer.from([0x47]), valueOf(o).subarray(1)]))),
        expect: { either: ["malformed", "notPrinter", "unsupported"] },
    },
    {
        name: "wrong lengths (every varbind one byte short)",
        objects: (objs) =>
            objs.map((o) => {
                const v = Buffer.from(o.varbind);
                if (v[1]! < 0x80) v[1] = v[1]! - 1;
                return { oid: o.oid, varbind: v };
            }),
        expect: { either: ["malformed"] },
    },
    {
        name: "wrong request IDs",
        behave: (x) => x.encode(x.answer(), { requestId: (x.req.message.pdu.requestId + 1) | 0 }),
        expect: { error: ["timeout"] },
    },
    {
        name: "wrong version (v1 answer to v2c)",
        behave: (x) => x.encode(x.answer(), { version: 0 }),
        expect: { error: ["malformed"] },
    },
    {
        name: "wrong community in the answer",
        behave: (x) => x.encode(x.answer(), { community: Buffer.from("someone-else") }),
        expect: { error: ["malformed"] },
    },
    {
        name: "duplicate responses",
        behave: (x) => {
            const b = x.encode(x.answer());
            return [{ data: b }, { data: b }, { data: b, delayMs: 5 }];
        },
        expect: "reading",
    },
    {
        name: "late responses (after the timeout)",
        behave: (x) => [{ data: x.encode(x.answer()), delayMs: TIMEOUT * 1.5 }],
        expect: { either: ["timeout"] },
    },
    {
        name: "responses from another port",
        behave: (x) => [{ data: x.encode(x.answer()), fromOtherPort: true }],
        expect: { error: ["timeout"] },
    },
    { name: "endless table (OIDs increasing forever)", rows: Infinity, expect: "reading" },
    {
        name: "non-increasing OIDs (same object again)",
        behave: (x) => x.encode(x.answer({ sameAgain: true })),
        expect: { either: ["notPrinter", "unsupported", "malformed"] },
    },
    { name: "100,000-row table", rows: 100_000, expect: "reading" },
    {
        name: "64 KiB strings",
        maxMsgSize: 65507,
        objects: (objs) => {
            let first = true;
            return objs.map((o) => {
                if (!isText(o)) return o;
                // One string as large as a datagram can carry, the others large too.
                const size = first ? 65_400 : 8_000;
                first = false;
                return withValue(o, encodeOctets(Buffer.alloc(size, "x")));
            });
        },
        expect: { either: ["tooBig"] },
    },
    {
        name: "invalid UTF-8 and control characters",
        objects: (objs) => objs.map((o) => (isText(o) ? withValue(o, encodeOctets(NASTY_TEXT)) : o)),
        expect: "reading",
    },
    {
        name: "negative and extreme integers",
        objects: (objs) => {
            const values = [
                encodeInteger(-2147483648),
                encodeInteger(2147483647),
                encodeInteger(-1),
                encodeUnsigned(4294967295, Tag.Gauge32),
                encodeInteger(-3),
                encodeInteger(0),
            ];
            return objs.map((o, i) => (isInt(o) ? withValue(o, values[i % values.length]!) : o));
        },
        expect: "reading",
    },
    {
        name: "huge integers (9-byte INTEGER)",
        objects: (objs) => objs.map((o, i) => (isInt(o) && i % 3 === 0 ? withValue(o, HUGE_INTEGER) : o)),
        expect: { error: ["malformed"] },
    },
    {
        name: "Counter64 maximum in every number",
        objects: (objs) =>
            objs.map((o) => (isNumeric(o) ? withValue(o, encodeUnsigned(2n ** 64n - 1n, Tag.Counter64)) : o)),
        expect: { either: ["notPrinter", "unsupported"] },
    },
    {
        name: "wrong type in every column",
        objects: (objs) => objs.map((o, i) => (isSysObjectId(o) ? o : withValue(o, otherType(o, i)))),
        expect: { either: ["notPrinter", "unsupported"] },
    },
    {
        name: "noSuchName on every request",
        behave: (x) => x.encode({ ...x.answer(), errorStatus: 2, errorIndex: 1 }),
        expect: { error: ["notPrinter", "unsupported", "agent"] },
    },
    {
        name: "genErr on every request",
        behave: (x) => x.encode({ ...x.answer(), errorStatus: 5, errorIndex: 1 }),
        expect: { error: ["agent"] },
    },
    {
        name: "tooBig on every request",
        behave: (x) => x.encode({ errorStatus: 1, errorIndex: 0, varbinds: [] }),
        expect: { error: ["tooBig"] },
    },
    {
        name: "more varbinds than asked for",
        behave: (x) => {
            const a = x.answer();
            return x.encode({ ...a, varbinds: [...a.varbinds, ...a.varbinds] });
        },
        expect: { either: ["malformed", "notPrinter", "unsupported"] },
    },
];

// ---------------------------------------------------------------------------------------------

/** Every number in a payload is finite, every string well formed, and the whole is JSON. */
function checkPlain(value: unknown, where: string): void {
    const json = JSON.stringify(value); // throws on a bigint
    assert.ok(json.length > 0, where);
    const walk = (v: unknown, at: string): void => {
        if (typeof v === "number") assert.ok(Number.isFinite(v), `${at} is ${v}`);
        else if (typeof v === "string") {
            assert.ok(
                !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v),
                `${at}: lone surrogate`,
            );
            assert.ok(!v.includes("\0"), `${at}: NUL in text`);
        } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
        else if (v !== null && typeof v === "object")
            for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
    };
    walk(value, where);
}

/** A percent only from values the Printer-MIB allows, and always within 0-100. */
function checkPrinterReading(p: PrinterPayload): void {
    checkPlain(p, "printer payload");
    for (const s of [...p.supplies, ...p.trays]) {
        if (s.percent === null) continue;
        assert.ok(s.percent >= 0 && s.percent <= 100, `${s.id} at ${s.percent} %`);
        for (const v of [s.level, s.max]) {
            if (v !== null)
                assert.ok(v >= -3 && v <= 2147483647, `${s.id}: a percent from ${s.level}/${s.max}`);
        }
    }
}

function checkApReading(r: ApReading): void {
    checkPlain(r, "AP payload");
    const total = r.totals.clients;
    if (total !== null && total !== undefined)
        assert.ok(Number.isInteger(total) && total >= 0, `clients ${total}`);
    assert.ok(Number.isInteger(r.totals.aps) && r.totals.aps >= 0, `aps ${r.totals.aps}`);
}

interface NodeOutcome {
    outcome: string;
    ms: number;
    good: unknown;
}

interface Row {
    case: string;
    printer: string;
    ap: string;
    "printer ms": number;
    "ap ms": number;
    "peak heap MB": number;
}

describe("hostile and broken agents, both query nodes in one flow", function () {
    this.timeout(60_000);
    let sim: Simulator;
    let printerObjects: Obj[];
    let apObjects: Obj[];
    const rows: Row[] = [];
    const trouble: string[] = [];
    const onUncaught = (err: unknown): void => {
        trouble.push(`uncaught exception: ${String(err)}`);
    };
    const onRejection = (err: unknown): void => {
        trouble.push(`unhandled rejection: ${String(err)}`);
    };
    let baseline: { printer: unknown; ap: unknown } | undefined;

    before(async () => {
        process.on("uncaughtExceptionMonitor", onUncaught);
        process.on("unhandledRejection", onRejection);
        printerObjects = recordingObjects(PRINTER);
        apObjects = recordingObjects(AP);
        sim = await startSimulator({
            devices: [
                {
                    name: "inkjet",
                    file: path.join(FIXTURES, "printers", "inkjet.snmprec"),
                    port: 0,
                    dynamics: false,
                },
                {
                    name: "unifi",
                    file: path.join(FIXTURES, "wireless", "ubnt-unifi.snmprec"),
                    port: 0,
                    dynamics: false,
                },
            ],
        });
        await helper.startServer();
    });
    after(async () => {
        process.off("uncaughtExceptionMonitor", onUncaught);
        process.off("unhandledRejection", onRejection);
        await helper.stopServer();
        await sim?.stop();
        if (rows.length > 0) {
            console.log("\n    Hostile agents: what each node reported for the hostile device");
            console.table(rows);
        }
    });

    function spaceFor(c: Case, kind: Kind): OidSpace {
        let objs = kind === "printer" ? printerObjects : apObjects;
        if (c.objects) objs = c.objects(objs, kind);
        if (c.rows === undefined) return listSpace(objs);
        return kind === "printer"
            ? withGeneratedTable(objs, SUPPLIES, c.rows, (i) => [1, i])
            : withGeneratedTable(objs, CLIENTS, c.rows, (i) => [
                  2,
                  0,
                  (i >>> 24) & 255,
                  (i >>> 16) & 255,
                  (i >>> 8) & 255,
                  i & 255,
              ]);
    }

    function flow(printer: HostileAgent, ap: HostileAgent): unknown[] {
        const good = (name: string): string => {
            const ep = sim.endpoint(name);
            return `${ep.host}:${ep.port} good`;
        };
        return [
            { id: "t1", type: "tab", label: "hostile" },
            {
                id: "c1",
                type: "snmp-credentials",
                version: "2c",
                timeout: TIMEOUT,
                retries: RETRIES,
                deadline: DEADLINE,
            },
            {
                id: "p1",
                z: "t1",
                type: "printer-supplies",
                snmp: "c1",
                devices: `${printer.host}:${printer.port} hostile\n${good("inkjet")}`,
                wires: [["p-out"], []],
            },
            {
                id: "a1",
                z: "t1",
                type: "ap-clients",
                snmp: "c1",
                devices: `${ap.host}:${ap.port} hostile\n${good("unifi")}`,
                vendor: "auto",
                wires: [["a-out"], [], []],
            },
            { id: "p-out", z: "t1", type: "helper" },
            { id: "a-out", z: "t1", type: "helper" },
            { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
            { id: "caught", z: "t1", type: "helper" },
        ];
    }

    function describeOutcome(
        kind: Kind,
        msg: NodeMessage & { payload: PrinterPayload | UnreachablePayload | ApReading },
        caught: (NodeMessage & { host?: string; error?: { message?: string } })[],
        expect: Expect,
    ): string {
        const p = msg.payload;
        if (p.reachable === false) {
            const err = p.error as {
                code: SnmpErrorCode;
                message: string;
            };
            const allowed = expect === "reading" ? [] : "error" in expect ? expect.error : expect.either;
            assert.ok(
                allowed.includes(err.code),
                `${kind}: error ${err.code} (${err.message}), expected ${JSON.stringify(expect)}`,
            );
            const c = caught.find((m) => (m.error?.message ?? "").includes(err.message));
            assert.ok(c, `${kind}: the error reached a Catch node`);
            assert.equal(c.host, "127.0.0.1", "the Catch message names the host");
            assert.ok(
                err.message.length > 10 && err.message.length < 400,
                `a readable message: ${err.message}`,
            );
            const text = err.message.replace(/127\.0\.0\.1(:\d+)?/g, "<host>");
            return `error ${err.code}: ${text.length > 58 ? `${text.slice(0, 57)}…` : text}`;
        }
        assert.ok(
            expect === "reading" || "either" in expect,
            `${kind}: a reading, but ${JSON.stringify(expect)} was expected`,
        );
        if (kind === "printer") {
            const r = p as PrinterPayload;
            checkPrinterReading(r);
            const quirks = r.quirks.filter((q) =>
                ["rowsTruncated", "agentLooping", "objectsRefused"].includes(q),
            );
            return `reading: ${r.supplies.length} supplies${quirks.length ? ` (${quirks.join(", ")})` : ""}`;
        }
        const r = p as ApReading;
        checkApReading(r);
        return `reading: ${r.totals.clients ?? "?"} clients on ${r.totals.aps} APs`;
    }

    for (const c of CASES) {
        it(c.name, async () => {
            const printer = await startHostileAgent({
                space: spaceFor(c, "printer"),
                behave: c.behave ?? honest,
                maxMsgSize: c.maxMsgSize,
            });
            const ap = await startHostileAgent({
                space: spaceFor(c, "ap"),
                behave: c.behave ?? honest,
                maxMsgSize: c.maxMsgSize,
            });
            try {
                await helper.load([...allNodes(), catchNode], flow(printer, ap), {
                    c1: { community: "public" },
                });
                const got: Record<string, NodeMessage[]> = { "p-out": [], "a-out": [], caught: [] };
                for (const id of Object.keys(got))
                    helper.getNode(id)?.on("input", (m: NodeMessage) => got[id]!.push(m));
                const finalStatus: Record<string, NodeStatus | undefined> = {};
                const ended: Record<string, number> = {};
                for (const id of ["p1", "a1"]) {
                    const n = helper.getNode(id) as unknown as { status(s: NodeStatus): void };
                    const original = n.status.bind(n);
                    n.status = (s: NodeStatus) => {
                        if (s.fill !== "blue") {
                            finalStatus[id] = s;
                            ended[id] ??= Date.now();
                        }
                        original(s);
                    };
                }
                gc();
                const heapBefore = process.memoryUsage().heapUsed;
                let peak = heapBefore;
                const sampler = setInterval(() => {
                    peak = Math.max(peak, process.memoryUsage().heapUsed);
                }, 20);
                const started = Date.now();
                helper.getNode("p1")?.receive({ payload: "poll" });
                helper.getNode("a1")?.receive({ payload: "poll" });
                const limit = started + DEADLINE + 3000;
                while (!(ended.p1 && ended.a1 && got["p-out"]!.length >= 2 && got["a-out"]!.length >= 2)) {
                    assert.ok(
                        Date.now() < limit,
                        `both nodes finish within the deadline (${JSON.stringify(finalStatus)})`,
                    );
                    await new Promise((r) => setTimeout(r, 10));
                }
                clearInterval(sampler);
                peak = Math.max(peak, process.memoryUsage().heapUsed);
                const outcome = (kind: Kind, out: string, node: string): NodeOutcome => {
                    const msgs = got[out] as (NodeMessage & {
                        payload: PrinterPayload | UnreachablePayload | ApReading;
                    })[];
                    assert.equal(msgs.length, 2, `${kind}: one message per device`);
                    const hostile = msgs.find((m) => m.topic === "hostile");
                    const good = msgs.find((m) => m.topic === "good");
                    assert.ok(hostile && good, `${kind}: a message for each device`);
                    assert.equal(good.payload.reachable, true, `${kind}: the good device still reports`);
                    const expect =
                        typeof c.expect === "object" && "printer" in c.expect ? c.expect[kind] : c.expect;
                    const ms = (ended[node] ?? Date.now()) - started;
                    assert.ok(ms <= DEADLINE + 1000, `${kind}: finished in ${ms} ms`);
                    assert.notEqual(finalStatus[node]?.fill, "blue", `${kind}: status not left at polling`);
                    const p = good.payload as PrinterPayload & ApReading;
                    const summary =
                        kind === "printer"
                            ? p.supplies.map((s) => [s.id, s.percent])
                            : [p.totals.clients, p.totals.aps];
                    return {
                        outcome: describeOutcome(kind, hostile, got.caught as never, expect),
                        ms,
                        good: summary,
                    };
                };
                const pr = outcome("printer", "p-out", "p1");
                const apr = outcome("ap", "a-out", "a1");
                if (baseline === undefined) baseline = { printer: pr.good, ap: apr.good };
                assert.deepEqual(pr.good, baseline.printer, "the good printer reads as in the control case");
                assert.deepEqual(apr.good, baseline.ap, "the good AP reads as in the control case");
                assert.deepEqual(trouble, [], "no uncaught exception or unhandled rejection");
                const peakMb = (peak - heapBefore) / 2 ** 20;
                // Bounded by max rows (10,000 per column) and one datagram (64 KiB) per request.
                assert.ok(peakMb < 256, `heap grew by ${peakMb.toFixed(0)} MB during the poll`);
                rows.push({
                    case: c.name,
                    printer: pr.outcome,
                    ap: apr.outcome,
                    "printer ms": pr.ms,
                    "ap ms": apr.ms,
                    "peak heap MB": Math.round(peakMb),
                });
            } finally {
                await helper.unload();
                await printer.stop();
                await ap.stop();
            }
        });
    }

    it("keeps nothing after the flows are gone: sockets closed, memory back", async () => {
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(openSocketCount(), 0, "no SNMP socket left open");
        assert.deepEqual(trouble, []);
    });
});
