/**
 * BER encoding of the SNMPv1/v2c requests a poll sends (GetRequest, GetNextRequest,
 * GetBulkRequest, every value NULL): the bytes net-snmp writes for them (RFC 3416 PDUs in an
 * RFC 1157/1901 message), written with each OID's bytes kept from one poll to the next.
 *
 * A fleet asks every printer of a model for the same OIDs on every poll; net-snmp checks and
 * splits each OID string and writes it byte by byte every time, which was a tenth of the CPU of a
 * steady-state poll and a fifth of its garbage. Anything this does not know (SNMPv3, values, other
 * PDUs) is left to net-snmp.
 */

/** The PDU tags of the requests a poll sends (RFC 3416). */
const GET = 0xa0;
const GET_NEXT = 0xa1;
const GET_BULK = 0xa5;
const REQUESTS = new Set([GET, GET_NEXT, GET_BULK]);

/** The parts of a net-snmp community message this reads (see `Message.createCommunity`). */
export interface CommunityRequest {
    version: number;
    community: unknown;
    pdu: {
        type: number;
        id: number;
        varbinds: readonly { oid: unknown }[];
        options?: { nonRepeaters?: number; maxRepetitions?: number };
    };
}

const OID_SHAPE = /^(?:\d+\.)+\d+$/;
/** Most varbinds kept: a few thousand distinct instances cover a large mixed fleet. */
const MAX_KEPT = 16_384;
/** Each OID's varbind with a NULL value: SEQUENCE { OBJECT IDENTIFIER, NULL }. */
const VARBINDS = new Map<string, Buffer>();

/** The contents of an OBJECT IDENTIFIER (X.690 8.19), or undefined for a string that is not one. */
function oidContents(oid: string): number[] | undefined {
    if (!OID_SHAPE.test(oid)) return undefined;
    const arcs = oid.split(".").map(Number);
    const out: number[] = [];
    const first = (arcs[0] ?? 0) * 40 + (arcs[1] ?? 0);
    for (const arc of [first, ...arcs.slice(2)]) {
        if (!Number.isSafeInteger(arc) || arc > 0xffffffff) return undefined;
        const groups: number[] = [arc & 0x7f];
        for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) {
            groups.push((rest & 0x7f) | 0x80);
        }
        for (let i = groups.length - 1; i >= 0; i--) out.push(groups[i] as number);
    }
    return out;
}

/** The varbind of `oid` with a NULL value, kept for the next poll. */
function nullVarbind(oid: string): Buffer | undefined {
    const known = VARBINDS.get(oid);
    if (known !== undefined) return known;
    const contents = oidContents(oid);
    if (contents === undefined) return undefined;
    const varbindLength = 1 + lengthSize(contents.length) + contents.length + 2;
    // Not from the shared pool: kept for as long as the process runs.
    const bytes = Buffer.alloc(1 + lengthSize(varbindLength) + varbindLength);
    let at = writeHeader(bytes, 0, 0x30, varbindLength);
    at = writeHeader(bytes, at, 0x06, contents.length);
    bytes.set(contents, at);
    at += contents.length;
    bytes[at] = 0x05;
    bytes[at + 1] = 0x00;
    if (VARBINDS.size >= MAX_KEPT) VARBINDS.clear();
    VARBINDS.set(oid, bytes);
    return bytes;
}

/** Bytes of a definite length (X.690 8.1.3): at most three after the first, as net-snmp's writer. */
function lengthSize(n: number): number {
    return n <= 0x7f ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 4;
}

/** Write a tag and a definite length at `at`; returns where the contents start. */
function writeHeader(out: Buffer, at: number, tag: number, n: number): number {
    out[at++] = tag;
    const size = lengthSize(n);
    if (size === 1) {
        out[at++] = n;
        return at;
    }
    out[at++] = 0x80 | (size - 1);
    for (let shift = 8 * (size - 2); shift >= 0; shift -= 8) out[at++] = (n >> shift) & 0xff;
    return at;
}

/** Contents bytes of an INTEGER (X.690 8.3): the fewest two's-complement bytes. */
function integerSize(value: number): number {
    let size = 1;
    for (let i = value; i < -0x80 || i >= 0x80; i = Math.floor(i / 0x100)) size++;
    return size;
}

/** Write an INTEGER at `at`; returns the position after it. */
function writeInteger(out: Buffer, at: number, value: number): number {
    const size = integerSize(value);
    out[at++] = 0x02;
    out[at++] = size;
    let v = value;
    for (let i = size - 1; i >= 0; i--) {
        out[at + i] = v & 0xff;
        v = Math.floor(v / 0x100);
    }
    return at + size;
}

function isInt32(n: unknown): n is number {
    return Number.isInteger(n) && (n as number) >= -0x80000000 && (n as number) <= 0x7fffffff;
}

/**
 * The message's bytes, or undefined when it is not a request this writes (net-snmp then writes
 * it). Nothing in it is checked against a schema beyond what the encoding needs.
 */
export function encodeCommunityRequest(m: CommunityRequest): Buffer | undefined {
    const { pdu } = m;
    if (typeof m.community !== "string") return undefined;
    const oids: string[] = [];
    for (const vb of pdu.varbinds) {
        if (typeof vb.oid !== "string" || Object.prototype.hasOwnProperty.call(vb, "value")) return undefined;
        oids.push(vb.oid);
    }
    return encodeRequest(
        m.version,
        communityBytes(m.community),
        pdu.type,
        pdu.id,
        oids,
        pdu.options?.nonRepeaters ?? 0,
        pdu.options?.maxRepetitions ?? 0,
    );
}

let lastCommunity: [string, Buffer] | undefined;

/** The community's bytes (one community is used by many requests in a row). */
function communityBytes(community: string): Buffer {
    if (lastCommunity?.[0] !== community) lastCommunity = [community, Buffer.from(community, "utf8")];
    return lastCommunity[1];
}

/**
 * A GetRequest, GetNextRequest or GetBulkRequest (`type`: its PDU tag) for `oids`, every value
 * NULL, in an SNMPv1 (version 0) or v2c (1) message; undefined for anything else (a version,
 * tag, ID or OID it cannot write). nonRepeaters and maxRepetitions count for a GetBulkRequest
 * only (the other two carry zeros there).
 */
export function encodeRequest(
    version: number,
    community: Buffer,
    type: number,
    id: number,
    oids: readonly string[],
    nonRepeatersAsked: number,
    maxRepetitionsAsked: number,
): Buffer | undefined {
    if ((version !== 0 && version !== 1) || !REQUESTS.has(type) || !isInt32(id)) return undefined;
    const bulk = type === GET_BULK;
    const nonRepeaters = bulk ? nonRepeatersAsked : 0;
    const maxRepetitions = bulk ? maxRepetitionsAsked : 0;
    if (!isInt32(nonRepeaters) || !isInt32(maxRepetitions)) return undefined;

    const varbinds: Buffer[] = [];
    let listLength = 0;
    for (let i = 0; i < oids.length; i++) {
        const bytes = nullVarbind(oids[i] as string);
        if (bytes === undefined) return undefined;
        varbinds.push(bytes);
        listLength += bytes.length;
    }
    // Sizes first, then one buffer written front to back.
    const pduLength =
        3 * 2 +
        integerSize(id) +
        integerSize(nonRepeaters) +
        integerSize(maxRepetitions) +
        1 +
        lengthSize(listLength) +
        listLength;
    const communityLength = community.length;
    const messageLength =
        2 +
        integerSize(version) +
        1 +
        lengthSize(communityLength) +
        communityLength +
        1 +
        lengthSize(pduLength) +
        pduLength;
    const out = Buffer.allocUnsafe(1 + lengthSize(messageLength) + messageLength);
    let at = writeHeader(out, 0, 0x30, messageLength);
    at = writeInteger(out, at, version);
    at = writeHeader(out, at, 0x04, communityLength);
    out.set(community, at);
    at += communityLength;
    at = writeHeader(out, at, type, pduLength);
    at = writeInteger(out, at, id);
    at = writeInteger(out, at, nonRepeaters);
    at = writeInteger(out, at, maxRepetitions);
    at = writeHeader(out, at, 0x30, listLength);
    for (const bytes of varbinds) {
        out.set(bytes, at);
        at += bytes.length;
    }
    return out;
}
