/**
 * The subset of BER (X.690) that SNMP uses, and the SNMP message layouts built on it:
 * v1/v2c community messages (RFC 1157, RFC 3416) and the SNMPv3 message (RFC 3412 §6) with
 * USM security parameters (RFC 3414 §2.4).
 *
 * Decoding works on untrusted datagrams: every length is checked against the enclosing TLV and
 * anything unexpected raises {@link BerError}, which the agent catches, counts and drops. Nothing
 * else is thrown from here.
 */

export class BerError extends Error {
    override name = "BerError";
}

/** Universal and SMI application tags (RFC 2578 §7.1, RFC 3416 §3). */
export const Tag = {
    Integer: 0x02,
    OctetString: 0x04,
    Null: 0x05,
    Oid: 0x06,
    Sequence: 0x30,
    IpAddress: 0x40,
    Counter32: 0x41,
    Gauge32: 0x42,
    TimeTicks: 0x43,
    Opaque: 0x44,
    Counter64: 0x46,
    NoSuchObject: 0x80,
    NoSuchInstance: 0x81,
    EndOfMibView: 0x82,
} as const;

/** PDU tags (RFC 3416 §3, RFC 1157 §4.1 for the v1 Trap). */
export const PduTag = {
    Get: 0xa0,
    GetNext: 0xa1,
    Response: 0xa2,
    Set: 0xa3,
    TrapV1: 0xa4,
    GetBulk: 0xa5,
    Inform: 0xa6,
    TrapV2: 0xa7,
    Report: 0xa8,
} as const;

export const PDU_NAMES: Readonly<Record<number, string>> = {
    [PduTag.Get]: "GET",
    [PduTag.GetNext]: "GETNEXT",
    [PduTag.Response]: "RESPONSE",
    [PduTag.Set]: "SET",
    [PduTag.TrapV1]: "TRAP",
    [PduTag.GetBulk]: "GETBULK",
    [PduTag.Inform]: "INFORM",
    [PduTag.TrapV2]: "TRAP2",
    [PduTag.Report]: "REPORT",
};

/** error-status values (RFC 3416 §3). */
export const ErrorStatus = {
    noError: 0,
    tooBig: 1,
    noSuchName: 2,
    badValue: 3,
    readOnly: 4,
    genErr: 5,
    noAccess: 6,
    notWritable: 17,
    authorizationError: 16,
} as const;

export type Oid = readonly number[];

// ---------------------------------------------------------------------------------------------
// Decoding

interface Tlv {
    tag: number;
    /** Offset of the first content byte. */
    start: number;
    /** Offset just past the last content byte. */
    end: number;
}

/** A cursor over one constructed value (or a whole datagram). */
export class Reader {
    constructor(
        readonly buf: Buffer,
        public pos = 0,
        readonly end = buf.length,
    ) {}

    get done(): boolean {
        return this.pos >= this.end;
    }

    peekTag(): number {
        if (this.pos >= this.end) throw new BerError("unexpected end of data");
        return this.buf[this.pos]!;
    }

    tlv(): Tlv {
        const buf = this.buf;
        let p = this.pos;
        if (p + 2 > this.end) throw new BerError("truncated header");
        const tag = buf[p++]!;
        // SNMP never uses high tag numbers (X.690 §8.1.2.4).
        if ((tag & 0x1f) === 0x1f) throw new BerError("multi-byte tag");
        let len = buf[p++]!;
        if (len & 0x80) {
            const n = len & 0x7f;
            // 0x80 is the indefinite form, which X.690 forbids for primitive values and SNMP never uses.
            if (n === 0 || n > 4) throw new BerError("unsupported length form");
            if (p + n > this.end) throw new BerError("truncated length");
            len = 0;
            for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
        }
        if (p + len > this.end) throw new BerError("length beyond end of data");
        this.pos = p + len;
        return { tag, start: p, end: p + len };
    }

    expect(tag: number): Tlv {
        const t = this.tlv();
        if (t.tag !== tag) {
            throw new BerError(`expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}`);
        }
        return t;
    }

    sequence(tag: number = Tag.Sequence): Reader {
        const t = this.expect(tag);
        return new Reader(this.buf, t.start, t.end);
    }

    integer(): number {
        const t = this.expect(Tag.Integer);
        return decodeSigned(this.buf, t.start, t.end);
    }

    octets(): Buffer {
        const t = this.expect(Tag.OctetString);
        return this.buf.subarray(t.start, t.end);
    }

    oid(): number[] {
        const t = this.expect(Tag.Oid);
        return decodeOid(this.buf, t.start, t.end);
    }
}

function decodeSigned(buf: Buffer, start: number, end: number): number {
    const len = end - start;
    // Integer32 needs at most 5 bytes (a leading zero for unsigned-looking values); allow 6 so that
    // Buffer.readIntBE can be used, and reject anything longer.
    if (len < 1 || len > 6) throw new BerError(`integer of ${len} bytes`);
    return buf.readIntBE(start, len);
}

function decodeOid(buf: Buffer, start: number, end: number): number[] {
    if (end <= start) throw new BerError("empty OID");
    const arcs: number[] = [];
    let value = 0;
    let first = true;
    for (let p = start; p < end; p++) {
        const b = buf[p]!;
        value = value * 128 + (b & 0x7f);
        if (value > 0xffffffff + 80) throw new BerError("OID sub-identifier too large");
        if (b & 0x80) {
            if (p === end - 1) throw new BerError("truncated OID");
            continue;
        }
        if (first) {
            // X.690 §8.19.4: the first sub-identifier packs the first two arcs.
            const x = value < 40 ? 0 : value < 80 ? 1 : 2;
            arcs.push(x, value - 40 * x);
            first = false;
        } else {
            if (value > 0xffffffff) throw new BerError("OID sub-identifier too large");
            arcs.push(value);
        }
        value = 0;
    }
    return arcs;
}

// ---------------------------------------------------------------------------------------------
// Encoding

function lengthBytes(len: number): number {
    return len < 0x80 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : len < 0x1000000 ? 4 : 5;
}

/** Bytes taken by a TLV whose content is `contentLength` bytes long. */
export function tlvSize(contentLength: number): number {
    return 1 + lengthBytes(contentLength) + contentLength;
}

function header(tag: number, len: number): Buffer {
    const n = lengthBytes(len);
    const h = Buffer.allocUnsafe(1 + n);
    h[0] = tag;
    if (n === 1) {
        h[1] = len;
    } else {
        h[1] = 0x80 | (n - 1);
        for (let i = n - 1; i >= 1; i--) {
            h[1 + i] = len & 0xff;
            len = Math.floor(len / 256);
        }
    }
    return h;
}

function tlv(tag: number, content: Buffer): Buffer {
    return Buffer.concat([header(tag, content.length), content]);
}

/** A constructed value from already-encoded parts, concatenated once. */
function sequence(parts: readonly Buffer[], tag: number = Tag.Sequence): Buffer {
    let len = 0;
    for (const p of parts) len += p.length;
    return Buffer.concat([header(tag, len), ...parts], tlvSize(len));
}

/** Content bytes of an INTEGER: minimal two's complement (X.690 §8.3.2), at most 6 for SNMP's values. */
function integerLength(n: number): number {
    let len = 1;
    // 2^(8 len - 1): the values `len` bytes hold are [-limit, limit).
    let limit = 128;
    while (len < 6 && (n >= limit || n < -limit)) {
        len++;
        limit *= 256;
    }
    return len;
}

export function encodeInteger(n: number, tag: number = Tag.Integer): Buffer {
    const len = integerLength(n);
    const b = Buffer.allocUnsafe(len);
    b.writeIntBE(n, 0, len);
    return tlv(tag, b);
}

/** Unsigned values (Counter32, Gauge32, TimeTicks, Counter64): a leading zero keeps them positive. */
export function encodeUnsigned(n: number | bigint, tag: number): Buffer {
    let v = BigInt(n);
    if (v < 0n) v = 0n;
    const bytes: number[] = [];
    do {
        bytes.unshift(Number(v & 0xffn));
        v >>= 8n;
    } while (v > 0n);
    if (bytes[0]! & 0x80) bytes.unshift(0);
    return tlv(tag, Buffer.from(bytes));
}

export function encodeOctets(b: Buffer | string, tag: number = Tag.OctetString): Buffer {
    return tlv(tag, typeof b === "string" ? Buffer.from(b, "utf8") : b);
}

export const NULL = Buffer.from([Tag.Null, 0]);

function encodeOidContent(arcs: Oid): Buffer {
    const out: number[] = [];
    const push = (v: number): void => {
        const tmp: number[] = [v & 0x7f];
        v = Math.floor(v / 128);
        while (v > 0) {
            tmp.unshift((v & 0x7f) | 0x80);
            v = Math.floor(v / 128);
        }
        out.push(...tmp);
    };
    if (arcs.length === 0) {
        out.push(0);
    } else if (arcs.length === 1) {
        push(arcs[0]! * 40);
    } else {
        push(arcs[0]! * 40 + arcs[1]!);
        for (let i = 2; i < arcs.length; i++) push(arcs[i]!);
    }
    return Buffer.from(out);
}

export function encodeOid(arcs: Oid): Buffer {
    return tlv(Tag.Oid, encodeOidContent(arcs));
}

/** A varbind from an encoded name (OID TLV) and an encoded value TLV. */
export function encodeVarbind(name: Buffer, value: Buffer): Buffer {
    return sequence([name, value]);
}

/** A varbind whose value is an exception (noSuchObject, noSuchInstance, endOfMibView) or NULL. */
export function exceptionVarbind(name: Oid | Buffer, tag: number): Buffer {
    return encodeVarbind(Buffer.isBuffer(name) ? name : encodeOid(name), Buffer.from([tag, 0]));
}

// ---------------------------------------------------------------------------------------------
// SNMP messages

export interface RequestVarbind {
    oid: number[];
    /** The whole varbind TLV as received, echoed back in error responses. */
    raw: Buffer;
    /** The encoded name TLV as received. */
    name: Buffer;
}

export interface Pdu {
    tag: number;
    requestId: number;
    /** error-status, or non-repeaters in a GetBulkRequest. */
    errorStatus: number;
    /** error-index, or max-repetitions in a GetBulkRequest. */
    errorIndex: number;
    varbinds: RequestVarbind[];
}

export interface CommunityMessage {
    version: 0 | 1;
    community: Buffer;
    pdu: Pdu;
}

export interface UsmParameters {
    engineId: Buffer;
    engineBoots: number;
    engineTime: number;
    userName: Buffer;
    authParams: Buffer;
    /** Offset of authParams inside the whole message, to zero it when checking the digest. */
    authOffset: number;
    privParams: Buffer;
}

export interface V3Message {
    version: 3;
    msgId: number;
    msgMaxSize: number;
    msgFlags: number;
    securityModel: number;
    usm: UsmParameters;
    /** Plaintext scopedPDU, when msgFlags says no privacy. */
    scoped?: ScopedPdu;
    /** Ciphertext, when msgFlags says privacy. */
    encrypted?: Buffer;
}

export interface ScopedPdu {
    contextEngineId: Buffer;
    contextName: Buffer;
    pdu: Pdu;
}

export const MsgFlags = { auth: 1, priv: 2, reportable: 4 } as const;

function readPdu(r: Reader): Pdu {
    const tag = r.peekTag();
    if (tag < 0xa0 || tag > 0xa8) throw new BerError(`unknown PDU tag 0x${tag.toString(16)}`);
    if (tag === PduTag.TrapV1) {
        // The v1 Trap has another layout (RFC 1157 §4.1.6); an agent only needs to know it was one.
        r.tlv();
        return { tag, requestId: 0, errorStatus: 0, errorIndex: 0, varbinds: [] };
    }
    const p = r.sequence(tag);
    const requestId = p.integer();
    const errorStatus = p.integer();
    const errorIndex = p.integer();
    const list = p.sequence();
    const varbinds: RequestVarbind[] = [];
    while (!list.done) {
        const start = list.pos;
        const vb = list.sequence();
        const nameStart = vb.pos;
        const oid = vb.oid();
        const name = vb.buf.subarray(nameStart, vb.pos);
        vb.tlv(); // the value: NULL in requests, anything in a SET; never interpreted
        varbinds.push({ oid, raw: list.buf.subarray(start, list.pos), name });
    }
    return { tag, requestId, errorStatus, errorIndex, varbinds };
}

/** Decode one datagram. Throws {@link BerError} on anything malformed. */
export function decodeMessage(buf: Buffer): CommunityMessage | V3Message {
    const outer = new Reader(buf);
    const m = outer.sequence();
    const version = m.integer();
    if (version === 0 || version === 1) {
        const community = m.octets();
        return { version, community, pdu: readPdu(m) };
    }
    if (version !== 3) throw new BerError(`unsupported version ${version}`);
    const h = m.sequence();
    const msgId = h.integer();
    const msgMaxSize = h.integer();
    const flags = h.octets();
    if (flags.length !== 1) throw new BerError("msgFlags must be one octet");
    const securityModel = h.integer();
    const spTlv = m.expect(Tag.OctetString);
    const sp = new Reader(buf, spTlv.start, spTlv.end).sequence();
    const engineId = sp.octets();
    const engineBoots = sp.integer();
    const engineTime = sp.integer();
    const userName = sp.octets();
    const authTlv = sp.expect(Tag.OctetString);
    const privParams = sp.octets();
    const usm: UsmParameters = {
        engineId,
        engineBoots,
        engineTime,
        userName,
        authParams: buf.subarray(authTlv.start, authTlv.end),
        authOffset: authTlv.start,
        privParams,
    };
    const msgFlags = flags[0]!;
    const base = { version: 3 as const, msgId, msgMaxSize, msgFlags, securityModel, usm };
    if (msgFlags & MsgFlags.priv) return { ...base, encrypted: m.octets() };
    return { ...base, scoped: decodeScopedPdu(buf, m) };
}

/** Decode a scopedPDU; trailing bytes (block cipher padding) are ignored (RFC 3414 §8.1.1.2). */
export function decodeScopedPdu(buf: Buffer, r: Reader = new Reader(buf)): ScopedPdu {
    const s = r.sequence();
    const contextEngineId = s.octets();
    const contextName = s.octets();
    return { contextEngineId, contextName, pdu: readPdu(s) };
}

/** Encode a PDU around already-encoded varbinds. */
export function encodePdu(
    tag: number,
    requestId: number,
    errorStatus: number,
    errorIndex: number,
    varbinds: readonly Buffer[],
): Buffer {
    return sequence(
        [encodeInteger(requestId), encodeInteger(errorStatus), encodeInteger(errorIndex), sequence(varbinds)],
        tag,
    );
}

/** Bytes of a PDU holding varbinds that add up to `varbindBytes`. */
export function pduSize(
    requestId: number,
    errorStatus: number,
    errorIndex: number,
    varbindBytes: number,
): number {
    // Counted, not encoded: an agent asks this for every varbind it adds to an answer.
    const fixed =
        tlvSize(integerLength(requestId)) +
        tlvSize(integerLength(errorStatus)) +
        tlvSize(integerLength(errorIndex));
    return tlvSize(fixed + tlvSize(varbindBytes));
}

export function encodeCommunityMessage(version: 0 | 1, community: Buffer, pdu: Buffer): Buffer {
    return sequence([encodeInteger(version), encodeOctets(community), pdu]);
}

/** Bytes of a community message around a PDU of `pduBytes`. */
export function communityMessageSize(version: 0 | 1, community: Buffer, pduBytes: number): number {
    return tlvSize(tlvSize(integerLength(version)) + tlvSize(community.length) + pduBytes);
}

export interface V3Header {
    msgId: number;
    msgMaxSize: number;
    msgFlags: number;
    engineId: Buffer;
    engineBoots: number;
    engineTime: number;
    userName: Buffer;
    /** Length of the (zero-filled) authentication parameters, 0 without authentication. */
    authLength: number;
    privParams: Buffer;
}

function encodeUsm(h: V3Header): Buffer {
    return sequence([
        encodeOctets(h.engineId),
        encodeInteger(h.engineBoots),
        encodeInteger(h.engineTime),
        encodeOctets(h.userName),
        encodeOctets(Buffer.alloc(h.authLength)),
        encodeOctets(h.privParams),
    ]);
}

/**
 * An SNMPv3 message around `msgData` (an encoded scopedPDU, or an OCTET STRING of ciphertext),
 * with the offset of the zero-filled authentication parameters so the caller can sign it in place.
 */
export function encodeV3Message(h: V3Header, msgData: Buffer): { buffer: Buffer; authOffset: number } {
    const version = encodeInteger(3);
    const global = sequence([
        encodeInteger(h.msgId),
        encodeInteger(h.msgMaxSize),
        encodeOctets(Buffer.from([h.msgFlags])),
        encodeInteger(3), // USM
    ]);
    const usm = encodeUsm(h);
    const secParams = encodeOctets(usm);
    const contentLength = version.length + global.length + secParams.length + msgData.length;
    const buffer = Buffer.concat([header(Tag.Sequence, contentLength), version, global, secParams, msgData]);
    // The auth parameters sit just before the privacy parameters TLV at the end of the USM sequence.
    const usmEnd = buffer.length - msgData.length;
    const authOffset = usmEnd - tlvSize(h.privParams.length) - h.authLength;
    return { buffer, authOffset };
}

/** Bytes of an SNMPv3 message whose msgData is `msgDataBytes` long. */
export function v3MessageSize(h: V3Header, msgDataBytes: number): number {
    const global =
        encodeInteger(h.msgId).length + encodeInteger(h.msgMaxSize).length + 3 + encodeInteger(3).length;
    const usm = encodeUsm(h).length;
    return tlvSize(encodeInteger(3).length + tlvSize(global) + tlvSize(usm) + msgDataBytes);
}

export function encodeScopedPdu(contextEngineId: Buffer, contextName: Buffer, pdu: Buffer): Buffer {
    return sequence([encodeOctets(contextEngineId), encodeOctets(contextName), pdu]);
}

export function scopedPduSize(contextEngineId: Buffer, contextName: Buffer, pduBytes: number): number {
    return tlvSize(tlvSize(contextEngineId.length) + tlvSize(contextName.length) + pduBytes);
}

// ---------------------------------------------------------------------------------------------
// OID text

/** Parse a dotted OID ("1.3.6.1", ".1.3.6.1"); undefined when it is not one. */
export function parseOid(text: string): number[] | undefined {
    const s = text.startsWith(".") ? text.slice(1) : text;
    if (s === "") return undefined;
    const parts = s.split(".");
    const arcs: number[] = [];
    for (const p of parts) {
        if (!/^\d{1,10}$/.test(p)) return undefined;
        const n = Number(p);
        if (n > 0xffffffff) return undefined;
        arcs.push(n);
    }
    // X.660: the first arc is 0, 1 or 2, and the second is below 40 unless the first is 2.
    if (arcs.length < 2 || arcs[0]! > 2 || (arcs[0]! < 2 && arcs[1]! >= 40)) return undefined;
    return arcs;
}

export function oidToString(oid: Oid): string {
    return oid.join(".");
}

export function compareOid(a: Oid, b: Oid): number {
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
        const d = a[i]! - b[i]!;
        if (d !== 0) return d;
    }
    return a.length - b.length;
}

export function startsWith(oid: Oid, prefix: Oid): boolean {
    if (oid.length < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (oid[i] !== prefix[i]) return false;
    return true;
}
