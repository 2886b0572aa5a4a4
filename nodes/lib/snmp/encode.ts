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
    const object = [0x06, ...lengthBytes(contents.length), ...contents];
    const bytes = Buffer.from([0x30, ...lengthBytes(object.length + 2), ...object, 0x05, 0x00]);
    if (VARBINDS.size >= MAX_KEPT) VARBINDS.clear();
    VARBINDS.set(oid, bytes);
    return bytes;
}

/** A definite length (X.690 8.1.3), at most three bytes of it as net-snmp's writer allows. */
function lengthBytes(n: number): number[] {
    if (n <= 0x7f) return [n];
    if (n <= 0xff) return [0x81, n];
    if (n <= 0xffff) return [0x82, n >> 8, n & 0xff];
    return [0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** An INTEGER (X.690 8.3): the fewest two's-complement bytes. */
function integer(value: number): number[] {
    const bytes: number[] = [];
    let i = value;
    while (i < -0x80 || i >= 0x80) {
        bytes.push(i & 0xff);
        i = Math.floor(i / 0x100);
    }
    bytes.push(i & 0xff);
    return [0x02, bytes.length, ...bytes.reverse()];
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
    if ((m.version !== 0 && m.version !== 1) || typeof m.community !== "string") return undefined;
    if (!REQUESTS.has(pdu.type) || !isInt32(pdu.id)) return undefined;
    const bulk = pdu.type === GET_BULK;
    const nonRepeaters = bulk ? (pdu.options?.nonRepeaters ?? 0) : 0;
    const maxRepetitions = bulk ? (pdu.options?.maxRepetitions ?? 0) : 0;
    if (!isInt32(nonRepeaters) || !isInt32(maxRepetitions)) return undefined;

    const varbinds: Buffer[] = [];
    let listLength = 0;
    for (const vb of pdu.varbinds) {
        if (typeof vb.oid !== "string" || Object.prototype.hasOwnProperty.call(vb, "value")) return undefined;
        const bytes = nullVarbind(vb.oid);
        if (bytes === undefined) return undefined;
        varbinds.push(bytes);
        listLength += bytes.length;
    }
    const pduHead = [
        ...integer(pdu.id),
        ...integer(nonRepeaters),
        ...integer(maxRepetitions),
        0x30,
        ...lengthBytes(listLength),
    ];
    const pduLength = pduHead.length + listLength;
    const community = Buffer.from(m.community, "utf8");
    const head = [...integer(m.version), 0x04, ...lengthBytes(community.length)];
    const pduTag = [pdu.type, ...lengthBytes(pduLength)];
    const messageLength = head.length + community.length + pduTag.length + pduLength;
    return Buffer.concat([
        Buffer.from([0x30, ...lengthBytes(messageLength), ...head]),
        community,
        Buffer.from([...pduTag, ...pduHead]),
        ...varbinds,
    ]);
}
