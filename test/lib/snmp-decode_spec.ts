/**
 * decode.ts reads SNMPv1/v2c answers in place of net-snmp's parser, and session.ts hands them to
 * the request. Here every answer goes over UDP on loopback to a session, as the answer to a GET, a
 * GETNEXT and a GETBULK, twice each: once read by decode.ts, once by net-snmp alone. Both must end
 * alike: the same varbinds (OIDs, types, values, GETBULK groups), or the same error, or the answer
 * dropped.
 *
 * The answers: real devices' objects (the fixtures, and the recordings when they are beside the
 * project), generated values of every type and size (arcs and integers at their limits, empty
 * and binary strings, 64-bit counters), and the same answers damaged: a byte changed, cut short,
 * bytes added, another PDU type, lengths in long form.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { decodeCommunityResponse } from "../../nodes/lib/snmp/decode";
import { SnmpSession, useOwnAnswerDecoder } from "../../nodes/lib/snmp/session";
import { normalizeSettings, type SessionSettings } from "../../nodes/lib/snmp/settings";
import type { BulkResponse } from "../../nodes/lib/snmp/query";
import type { Varbind } from "../../nodes/lib/snmp/varbind";
import {
    encodeCommunityMessage,
    encodeInteger,
    encodeOctets,
    encodeOid,
    encodePdu,
    encodeUnsigned,
    encodeVarbind,
    PduTag,
} from "../../tools/sim/ber";
import { recordingObjects, type Obj } from "../helpers/hostile";
import { startRawAgent, type RawAgent } from "../helpers/raw-agent";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const RECORDINGS = path.join(__dirname, "..", "..", "..", "shared", "recordings");
const COMMUNITY = Buffer.from("public");

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** One answer to send: its varbinds (encoded) and the OIDs the request asks for. */
interface Case {
    name: string;
    oids: string[];
    /** What the request asks for, when not `oids` (an answer longer than asked: GETBULK rows). */
    ask?: string[];
    varbinds: Buffer[];
    /** Change the whole message after it is encoded. */
    damage?: (message: Buffer) => Buffer;
    /** Another PDU tag than GetResponse. */
    pduTag?: number;
}

function tlv(tag: number, content: number[]): Buffer {
    return Buffer.from([tag, content.length, ...content]);
}

/** A value of a random type and size, encoded; some on purpose in forms net-snmp reads its own way. */
function randomValue(rnd: () => number): Buffer {
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const bytes = (n: number): number[] => Array.from({ length: n }, () => Math.floor(rnd() * 256));
    const int = (): number =>
        pick([0, 1, -1, 127, 128, -128, -129, 2 ** 31 - 1, -(2 ** 31), 2 ** 40 + 3, -(2 ** 44)]) +
        (rnd() < 0.5 ? 0 : Math.floor((rnd() - 0.5) * 2 ** Math.floor(rnd() * 32)));
    const uint = (): number => pick([0, 1, 255, 256, 2 ** 31, 2 ** 32 - 1, Math.floor(rnd() * 2 ** 32)]);
    switch (Math.floor(rnd() * 16)) {
        case 0:
            return encodeInteger(int());
        case 1:
            return encodeUnsigned(uint(), 0x41);
        case 2:
            return encodeUnsigned(uint(), 0x42);
        case 3:
            return encodeUnsigned(uint(), 0x43);
        case 4:
            // Unsigned types with a negative or overlong body, as some agents send them.
            return tlv(pick([0x41, 0x42, 0x43]), bytes(1 + Math.floor(rnd() * 6)));
        case 5:
            return encodeOctets(Buffer.from(bytes(Math.floor(rnd() * 40))));
        case 6:
            return encodeOctets(pick(["", "Black Toner", "Bac 2 – A4", "トナー", "x".repeat(200)]));
        case 7:
            return encodeOid([1, 3, 6, 1, 4, 1, Math.floor(rnd() * 2 ** 32), pick([0, 127, 128, 2 ** 28])]);
        case 8:
            return tlv(0x40, bytes(rnd() < 0.9 ? 4 : 3));
        case 9:
            return encodeUnsigned(
                pick([0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n, BigInt(uint())]),
                0x46,
            );
        case 10:
            return tlv(0x46, bytes(Math.floor(rnd() * 10)));
        case 11:
            return Buffer.from([pick([0x05, 0x80, 0x81, 0x82]), 0]);
        case 12:
            return tlv(0x44, bytes(Math.floor(rnd() * 12)));
        case 13:
            return tlv(0x01, [pick([0, 1, 0xff])]);
        case 14:
            return tlv(0x02, bytes(Math.floor(rnd() * 8)));
        default:
            return tlv(pick([0x03, 0x09, 0x47, 0x83]), bytes(Math.floor(rnd() * 4)));
    }
}

function randomOid(rnd: () => number): number[] {
    const arcs = [1, 3, 6, 1, 4, 1];
    const extra = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < extra; i++) {
        const size = Math.floor(rnd() * 5);
        arcs.push(size === 4 ? Math.floor(rnd() * 2 ** 32) : Math.floor(rnd() * 2 ** (7 * size + 7)));
    }
    return arcs;
}

/** Ways to damage a message. The random choices are made once: both sessions get the same damage. */
const DAMAGES: [string, (rnd: () => number) => (m: Buffer) => Buffer][] = [
    [
        "a byte changed",
        (rnd) => {
            const where = rnd();
            const flip = 1 + Math.floor(rnd() * 255);
            return (m) => {
                const out = Buffer.from(m);
                const at = Math.floor(where * out.length);
                out[at] = (out[at] as number) ^ flip;
                return out;
            };
        },
    ],
    [
        "cut short",
        (rnd) => {
            const cut = rnd();
            return (m) => m.subarray(0, Math.floor(cut * m.length));
        },
    ],
    [
        "bytes added",
        (rnd) => {
            const extra = Buffer.from([0x30, Math.floor(rnd() * 4), 6, 1]);
            return (m) => Buffer.concat([m, extra]);
        },
    ],
    [
        "the message length in long form",
        () => (m) =>
            (m[1] as number) < 0x80 ? Buffer.concat([Buffer.from([0x30, 0x81]), m.subarray(1)]) : m,
    ],
];

function fixtureFiles(): string[] {
    const dirs = [
        path.join(FIXTURES, "printers"),
        path.join(FIXTURES, "wireless"),
        path.join(RECORDINGS, "printers"),
        path.join(RECORDINGS, "wireless"),
    ].filter((d) => existsSync(d));
    return dirs.flatMap((d) =>
        readdirSync(d)
            .filter((f) => f.endsWith(".snmprec"))
            .map((f) => path.join(d, f)),
    );
}

/** Up to 20 answers of 12 objects from a device, spread over its OID tree. */
function deviceCases(file: string): Case[] {
    let objects: Obj[];
    try {
        objects = recordingObjects(file);
    } catch {
        return [];
    }
    const chunks = Math.ceil(objects.length / 12);
    const stride = Math.max(1, Math.floor(chunks / 20));
    const out: Case[] = [];
    for (let c = 0; c < chunks; c += stride) {
        const slice = objects.slice(c * 12, c * 12 + 12);
        const oids = slice.map((o) => o.oid.join("."));
        const varbinds = slice.map((o) => o.varbind);
        out.push({ name: `${path.basename(file)} #${c}`, oids, varbinds });
        // The same objects as the answer to a request for four: GETBULK groups the rest as
        // repetitions; GET and GETNEXT refuse an answer of another length.
        out.push({ name: `${path.basename(file)} #${c}, 4 asked`, oids, varbinds, ask: oids.slice(0, 4) });
    }
    return out;
}

function generatedCases(count: number): Case[] {
    const rnd = random(20261207);
    const out: Case[] = [];
    for (let i = 0; i < count; i++) {
        const n = 1 + Math.floor(rnd() * 8);
        const oids: number[][] = Array.from({ length: n }, () => randomOid(rnd));
        const varbinds = oids.map((oid) => encodeVarbind(encodeOid(oid), randomValue(rnd)));
        const base = { oids: oids.map((o) => o.join(".")), varbinds };
        out.push({ name: `generated #${i}`, ...base });
        const [what, damage] = DAMAGES[i % DAMAGES.length] as (typeof DAMAGES)[number];
        out.push({ name: `generated #${i}, ${what}`, ...base, damage: damage(rnd) });
        if (i % 10 === 0) out.push({ name: `generated #${i}, as a GetRequest`, ...base, pduTag: PduTag.Get });
    }
    return out;
}

/** A TLV around `parts`, its length in the shortest form. */
function wrap(tag: number, parts: readonly Buffer[]): Buffer {
    const body = Buffer.concat(parts);
    const n = body.length;
    const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

/**
 * The answer to request `id`. The ID is written in five bytes whatever its value (BER readers,
 * net-snmp's and decode.ts, take the leading zeros), so that every request's answer has the same
 * length and a damage lands on the same byte each time.
 */
function message(c: Case, id: number): Buffer {
    const idBytes = Buffer.from([0x02, 5, 0, 0, 0, 0, 0]);
    idBytes.writeUInt32BE(id >>> 0, 3);
    const pdu = wrap(c.pduTag ?? PduTag.Response, [
        idBytes,
        encodeInteger(0),
        encodeInteger(0),
        wrap(0x30, c.varbinds),
    ]);
    const m = wrap(0x30, [encodeInteger(1), encodeOctets(COMMUNITY), pdu]);
    return c.damage ? c.damage(m) : m;
}

/** How a request ended, in a form that compares whole: every OID, type and value, or the error. */
function outcome(result: Varbind[] | BulkResponse | Error): string {
    if (result instanceof Error) return `error ${(result as { code?: string }).code}: ${result.message}`;
    const all = Array.isArray(result) ? result : [...result.nonRepeaters, ...result.repeaters.flat()];
    if (all.every((vb) => Buffer.isBuffer(vb.value) && vb.value.toString() === "fallback")) return "dropped";
    if (!Array.isArray(result)) {
        // GETBULK: each group on its own, in order.
        const groups = [result.nonRepeaters, ...result.repeaters];
        return groups
            .map((g, i) => `${i === 0 ? "non-repeaters" : `repeater ${i - 1}`}:\n${outcome(g)}`)
            .join("\n");
    }
    return result
        .map((vb) => {
            const v = vb.value;
            const shown = Buffer.isBuffer(v)
                ? `bytes ${v.toString("hex")}`
                : typeof v === "bigint"
                  ? `bigint ${v}`
                  : `${typeof v} ${String(v)}`;
            return `${vb.oid} type ${vb.type} ${shown}`;
        })
        .join("\n");
}

describe("SNMP answers read by decode.ts, next to net-snmp's parser", function () {
    this.timeout(300_000);
    let agent: RawAgent;
    let session: SnmpSession;
    let settings: SessionSettings;
    let current: Case | undefined;

    before(async () => {
        agent = await startRawAgent((req) => {
            if (current === undefined) return undefined;
            // The answer under test, then a plain one to the same request: a session that drops
            // the first still ends at once (with "fallback" values) instead of timing out.
            const fallback = req.message.pdu.varbinds.map((vb) =>
                encodeVarbind(encodeOid(vb.oid), encodeOctets("fallback")),
            );
            const id = req.message.pdu.requestId;
            return [
                message(current, id),
                encodeCommunityMessage(1, COMMUNITY, encodePdu(PduTag.Response, id, 0, 0, fallback)),
            ];
        });
        settings = normalizeSettings({ port: agent.port, timeout: 1000, retries: 0, community: "public" });
        session = await SnmpSession.open(agent.host, settings);
    });
    after(async () => {
        useOwnAnswerDecoder(true);
        session?.close();
        await agent?.stop();
    });

    /** Each answer goes back to a GET, a GETNEXT and a GETBULK (net-snmp hands each its own way). */
    const KINDS = ["get", "getNext", "getBulk"] as const;

    async function ask(c: Case, own: boolean, kind: (typeof KINDS)[number]): Promise<string> {
        useOwnAnswerDecoder(own);
        current = c;
        // A session sends its requests itself until an answer it cannot take whole sends them
        // through net-snmp for good: each answer gets a session that has not seen another.
        session.close();
        session = await SnmpSession.open(agent.host, settings);
        try {
            const oids = c.ask ?? c.oids;
            if (kind === "get") return outcome(await session.get(oids));
            if (kind === "getNext") return outcome(await session.getNext(oids));
            // At least one repeater: with none, net-snmp throws on an answer longer than asked.
            return outcome(await session.getBulk(oids, Math.min(1, oids.length - 1), 3));
        } catch (err) {
            return outcome(err as Error);
        } finally {
            current = undefined;
            useOwnAnswerDecoder(true);
            if (own) {
                sentHere += session.counters.sentHere;
                sentBack += session.counters.sentBack;
            }
        }
    }

    /** Requests the own path sent, and how many of them it asked again through net-snmp. */
    let sentHere = 0;
    let sentBack = 0;

    async function compare(
        cases: readonly Case[],
    ): Promise<{ read: number; left: number; sentBack: number }> {
        let read = 0;
        sentHere = 0;
        sentBack = 0;
        const mismatches: string[] = [];
        for (const c of cases) {
            // What decode.ts makes of the bytes alone (the request ID does not change that).
            if (decodeCommunityResponse(message(c, 1234)) !== undefined) read++;
            for (const kind of KINDS) {
                const own = await ask(c, true, kind);
                const theirs = await ask(c, false, kind);
                if (own !== theirs) {
                    mismatches.push(`${c.name} (${kind}):\n  decode.ts: ${own}\n  net-snmp:  ${theirs}`);
                }
                if (session.broken) throw new Error(`${c.name} (${kind}): the session broke`);
            }
        }
        assert.deepEqual(
            mismatches.slice(0, 5),
            [],
            `${mismatches.length} of ${cases.length} answers differ`,
        );
        console.log(
            `      ${cases.length} answers alike; decode.ts read ${read}, net-snmp the other ${cases.length - read}; ` +
                `${sentBack} of ${sentHere} requests asked again through net-snmp`,
        );
        assert.equal(
            sentHere,
            cases.length * KINDS.length,
            "every request of the own path was sent by the session",
        );
        return { read, left: cases.length - read, sentBack };
    }

    it("reads every device's objects as net-snmp does (fixtures, and recordings when present)", async () => {
        if (!existsSync(RECORDINGS)) console.log(`      (recordings absent at ${RECORDINGS}: fixtures only)`);
        const cases = fixtureFiles().flatMap(deviceCases);
        assert.ok(cases.length > 100, `${cases.length} answers`);
        const { read, left, sentBack: back } = await compare(cases);
        // Real answers are the plain kind decode.ts is for: it reads every one of them, and the
        // session takes every one whole but a GET's or GETNEXT's of another length than asked
        // (net-snmp refuses those: they go to it).
        assert.equal(left, 0, `${left} of ${cases.length} real answers left to net-snmp`);
        assert.equal(read, cases.length);
        const otherLength = cases.filter((c) => (c.ask ?? c.oids).length !== c.varbinds.length).length;
        assert.ok(otherLength > 100);
        assert.equal(
            back,
            otherLength * 2,
            "asked again through net-snmp: the GETs and GETNEXTs of another length",
        );
    });

    it("reads generated values of every type and size, damaged or not, as net-snmp does", async () => {
        const cases = generatedCases(600);
        const { read, left, sentBack: back } = await compare(cases);
        // What decode.ts leaves, the session asks again through net-snmp (and a few it reads but
        // cannot take whole: another version or community).
        assert.ok(back >= left * KINDS.length, `${back} asked again through net-snmp, ${left} left`);
        assert.ok(back < cases.length * KINDS.length, `${back} asked again: some were taken here`);
        // It reads most, and leaves to net-snmp what it must (damage, Booleans, unknown types).
        assert.ok(read > cases.length / 3, `decode.ts read ${read} of ${cases.length}`);
        assert.ok(left > cases.length / 10, `${left} left to net-snmp`);
    });

    it("reads the 64-bit and 32-bit limits exactly", () => {
        const c: Case = {
            name: "limits",
            oids: [],
            varbinds: [
                encodeVarbind(encodeOid([1, 3, 6, 1, 9, 2 ** 32 - 1]), encodeUnsigned(2n ** 64n - 1n, 0x46)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 9, 1]), encodeUnsigned(2 ** 53, 0x46)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 9, 2]), encodeUnsigned(2 ** 32 - 1, 0x42)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 9, 3]), encodeInteger(-(2 ** 31))),
                encodeVarbind(encodeOid([1, 3, 6, 1, 9, 4]), Buffer.from([0x80, 0])),
            ],
        };
        const answer = decodeCommunityResponse(message(c, 7));
        assert.ok(answer !== undefined);
        assert.equal(answer.id, 7);
        assert.deepEqual(
            answer.varbinds.map((vb) => [vb.oid, vb.type, vb.value]),
            [
                ["1.3.6.1.9.4294967295", 0x46, 2n ** 64n - 1n],
                // Beyond 2^53 - 1 a number would not be exact.
                ["1.3.6.1.9.1", 0x46, 2n ** 53n],
                ["1.3.6.1.9.2", 0x42, 2 ** 32 - 1],
                ["1.3.6.1.9.3", 0x02, -(2 ** 31)],
                ["1.3.6.1.9.4", 0x80, null],
            ],
        );
    });

    it("gives one object for a description that comes again, never a counter, and keeps no datagram", () => {
        const long = "x".repeat(120);
        const c: Case = {
            name: "repeated",
            oids: [],
            varbinds: [
                encodeVarbind(
                    encodeOid([1, 3, 6, 1, 2, 1, 43, 11, 1, 1, 6, 1, 1]),
                    encodeOctets("Black Toner"),
                ),
                encodeVarbind(encodeOid([1, 3, 6, 1, 2, 1, 43, 11, 1, 1, 9, 1, 1]), encodeInteger(42)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 2, 1, 2, 2, 1, 10, 1]), encodeUnsigned(7, 0x41)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 2, 1, 1, 3, 0]), encodeUnsigned(1000, 0x43)),
                encodeVarbind(encodeOid([1, 3, 6, 1, 2, 1, 1, 1, 0]), encodeOctets(long)),
            ],
        };
        // Two devices (or two polls) answering with the same bytes, in datagrams of their own.
        const first = message(c, 1);
        const second = Buffer.from(message(c, 2));
        const a = decodeCommunityResponse(first);
        const b = decodeCommunityResponse(second);
        assert.ok(a !== undefined && b !== undefined);
        const same = a.varbinds.map((vb, i) => vb === b.varbinds[i]);
        // The name and the level are one object; the counter, the uptime and a long text are not.
        assert.deepEqual(same, [true, true, false, false, false]);
        // A datagram reused for something else changes none of the values read from it.
        first.fill(0);
        second.fill(0);
        assert.equal(a.varbinds[0]?.value?.toString(), "Black Toner");
        assert.equal(b.varbinds[0]?.value?.toString(), "Black Toner");
        assert.equal(a.varbinds[1]?.value, 42);
        assert.equal(b.varbinds[3]?.value, 1000);
    });

    it("stops keeping objects when answers are all new (a big client table), and reads them alike", () => {
        // 10,000 clients' addresses, each read once: two windows of the gate at least.
        const clients = Array.from({ length: 250 }, (_, m) => ({
            name: `clients ${m}`,
            oids: [],
            varbinds: Array.from({ length: 40 }, (_, i) =>
                encodeVarbind(
                    encodeOid([1, 3, 6, 1, 4, 1, 14179, 2, 1, 4, 1, 1, m, i]),
                    encodeOctets(Buffer.from([0, 0x1b, 0x63, m, i, 1])),
                ),
            ),
        }));
        for (const [m, c] of clients.entries()) {
            const answer = decodeCommunityResponse(message(c, m));
            assert.ok(answer !== undefined);
            assert.equal(answer.varbinds.length, 40);
            assert.deepEqual(answer.varbinds[7]?.value, Buffer.from([0, 0x1b, 0x63, m, 7, 1]));
        }
        // The next new object is read twice as two objects: nothing was kept for it.
        const next: Case = {
            name: "next",
            oids: [],
            varbinds: [encodeVarbind(encodeOid([1, 3, 6, 1, 4, 1, 14179, 9, 1]), encodeOctets("lobby"))],
        };
        const a = decodeCommunityResponse(message(next, 1));
        const b = decodeCommunityResponse(message(next, 2));
        assert.ok(a !== undefined && b !== undefined);
        assert.notEqual(a.varbinds[0], b.varbinds[0]);
        assert.equal(a.varbinds[0]?.value?.toString(), "lobby");
    });
});
