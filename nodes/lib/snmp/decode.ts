/**
 * BER decoding of the SNMPv1/v2c answers a poll gets (a GetResponse PDU in an RFC 1157/1901
 * message) into the varbinds the rest of the package reads, without net-snmp's reader.
 *
 * net-snmp parses every answer with a general BER reader: an object per message, an array of
 * numbers joined into a string per OID, a Buffer per value. Profiled over a 1,000-printer
 * steady-state poll, that parse took about 7 % of the CPU, and this reader about half as much.
 * Here the answer is read in one pass and each OID's text is found by its bytes (a fleet of one
 * model answers with the same OIDs), as is a whole varbind whose value stays put (see VARBINDS).
 *
 * This only reads answers it understands completely: exact nesting, definite lengths, the value
 * types an agent sends. Anything else (SNMPv3, traps, damaged or odd encodings) is `undefined`,
 * and net-snmp parses it as before, with its own errors. Where this reads an answer, it reads
 * what net-snmp would: the same integers (net-snmp's sign and 32-bit rules), OIDs, strings.
 */
import { BytesMemo } from "../bytes-memo";
import { keepShape } from "../shapes";
import { VarType, type Varbind, type VarValue } from "./varbind";

/** The GetResponse PDU tag (RFC 3416). */
export const GET_RESPONSE = 0xa2;

/** A varbind read here: already in the package's form (Counter64 as a number or bigint). */
export class DecodedVarbind implements Varbind {
    constructor(
        public oid: string,
        public type: number,
        public value: VarValue,
    ) {}
}

export interface DecodedResponse {
    version: number;
    /** Where the community's bytes are in the message (not copied: it is compared, never kept). */
    communityStart: number;
    communityEnd: number;
    id: number;
    errorStatus: number;
    errorIndex: number;
    varbinds: DecodedVarbind[];
}

/** OID texts by their contents. */
const OIDS = new BytesMemo<string>(65_536);

/**
 * Whole varbinds by their bytes (OID, type and value), for the values that stay put: what
 * describes a device (names, types, units) and levels that move now and then. A fleet of one
 * model answers with the same descriptions, and each device with the same ones poll after poll:
 * one object for all of them instead of one per device and poll. On a slow link, a first poll
 * of 1,000 printers holds hundreds of devices' answers at once while it waits for the rest;
 * each object of them is copied by every garbage collection that finds it alive.
 *
 * Shared varbinds are never changed by their readers (an octet string's bytes are the memo's
 * own copy, not a view of a datagram). Counters and time ticks move at every poll: never kept.
 */
const VARBINDS = new BytesMemo<DecodedVarbind>(16_384);
/** The longest varbind kept (bytes of its encoding): longer ones are rarely read twice the same. */
const SHARED_BYTES = 96;

/** A varbind from {@link VARBINDS} (see {@link isShared}). */
class SharedVarbind extends DecodedVarbind {}

/**
 * What the memo is worth: a controller's client table holds thousands of objects read once each
 * (addresses, names), and keeping each would cost more than it ever saves. After every
 * GATE_INSERTS objects kept, when fewer than a quarter as many were found again, the memo lets
 * the next GATE_PAUSE objects it would have kept go by (it still finds what it has).
 */
const GATE_INSERTS = 4096;
const GATE_PAUSE = 65_536;
const gate = { inserts: 0, hits: 0, pausedFor: 0 };

/** Types whose values stay put between polls, for {@link VARBINDS}. */
function lasting(type: number): boolean {
    return (
        type === VarType.Integer ||
        type === VarType.OctetString ||
        type === VarType.OID ||
        type === VarType.IpAddress ||
        type === VarType.Gauge ||
        type === VarType.Null ||
        type === VarType.NoSuchObject ||
        type === VarType.NoSuchInstance ||
        type === VarType.EndOfMibView
    );
}

/**
 * Is `vb` one object for every answer that carried its bytes? Such a varbind owns its bytes
 * already and must not be changed (a cache that gives its varbinds bytes of their own skips it).
 */
export function isShared(vb: Varbind): boolean {
    return vb instanceof SharedVarbind;
}

/**
 * The varbind read from `buf[start, end)` (its value's contents from `valueStart`): kept in the
 * memo as one object for every answer to come, unless the gate is shut.
 */
function share(
    buf: Buffer,
    start: number,
    end: number,
    valueStart: number,
    oid: string,
    type: number,
    contents: VarValue,
): DecodedVarbind {
    if (gate.pausedFor > 0) {
        gate.pausedFor--;
        return new DecodedVarbind(oid, type, contents);
    }
    const shared = new SharedVarbind(oid, type, contents);
    const own = VARBINDS.set(buf, start, end, 0, shared);
    // The bytes of an octet string: the memo's copy, not the datagram's.
    if (Buffer.isBuffer(contents) && contents.length > 0)
        shared.value = Buffer.from(own.buffer, own.byteOffset + valueStart - start, end - valueStart);
    if (++gate.inserts >= GATE_INSERTS) {
        if (gate.hits * 4 < gate.inserts) gate.pausedFor = GATE_PAUSE;
        gate.inserts = 0;
        gate.hits = 0;
    }
    return shared;
}

/** Thrown inside the reader for anything it does not read; never leaves this module. */
const NOT_MINE = new Error("not decoded here");

class Cursor {
    pos = 0;
    constructor(readonly buf: Buffer) {}

    /** A tag's length: short or long form of at most four bytes; its contents must fit in `end`. */
    length(end: number): number {
        const buf = this.buf;
        if (this.pos >= end) throw NOT_MINE;
        let n = buf[this.pos++] as number;
        if (n & 0x80) {
            const bytes = n & 0x7f;
            if (bytes === 0 || bytes > 4 || this.pos + bytes > end) throw NOT_MINE;
            n = 0;
            for (let i = 0; i < bytes; i++) n = n * 256 + (buf[this.pos++] as number);
        }
        if (n > end - this.pos) throw NOT_MINE;
        return n;
    }

    /** A tag that must be `tag`; returns the end of its contents. */
    enter(tag: number, end: number): number {
        if (this.pos >= end || this.buf[this.pos] !== tag) throw NOT_MINE;
        this.pos++;
        const n = this.length(end);
        return this.pos + n;
    }

    /** An INTEGER's contents as net-snmp reads them: first byte signed, at most six bytes. */
    integerContents(n: number): number {
        if (n === 0 || n > 6) throw NOT_MINE;
        const buf = this.buf;
        let value = buf.readInt8(this.pos);
        for (let i = 1; i < n; i++) value = value * 256 + (buf[this.pos + i] as number);
        this.pos += n;
        return value;
    }

    integer(end: number): number {
        const stop = this.enter(VarType.Integer, end);
        return this.integerContents(stop - this.pos);
    }
}

keepShape(new Cursor(Buffer.alloc(0)));

/**
 * An OID's text from its contents, the way net-snmp's reader writes it. Found by the bytes
 * without building a string first: a fleet's answers hold the same OIDs poll after poll.
 */
function oidText(buf: Buffer, start: number, end: number): string {
    const known = OIDS.get(buf, start, end);
    if (known !== undefined) return known;
    const text = oidTextOf(buf, start, end);
    OIDS.set(buf, start, end, 0, text);
    return text;
}

function oidTextOf(buf: Buffer, start: number, end: number): string {
    let text = "";
    let value = 0;
    let first = true;
    for (let i = start; i < end; i++) {
        const byte = buf[i] as number;
        // 32-bit arithmetic, as in net-snmp's reader, so that both read any arc alike.
        value = (value << 7) + (byte & 0x7f);
        if ((byte & 0x80) === 0) {
            const arc = value >>> 0;
            text = first ? `${(arc / 40) >> 0}.${arc % 40}` : `${text}.${arc}`;
            first = false;
            value = 0;
        }
    }
    // A last arc cut short is dropped by net-snmp without a word: leave such an OID to it.
    if (first || (buf[end - 1] as number) & 0x80) throw NOT_MINE;
    return text;
}

function unsigned32(c: Cursor, n: number): number {
    return c.integerContents(n) >>> 0;
}

/** Counter64 contents as the package keeps them: a number when exact, else a bigint. */
function counter64(buf: Buffer, start: number, end: number): number | bigint {
    if (end - start <= 6) {
        let n = 0;
        for (let i = start; i < end; i++) n = n * 256 + (buf[i] as number);
        return n;
    }
    let n = 0n;
    for (let i = start; i < end; i++) n = (n << 8n) | BigInt(buf[i] as number);
    return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function value(c: Cursor, type: number, end: number): VarValue {
    const buf = c.buf;
    const n = end - c.pos;
    switch (type) {
        case VarType.Integer:
            return c.integerContents(n);
        case VarType.Counter:
        case VarType.Gauge:
        case VarType.TimeTicks:
            return unsigned32(c, n);
        case VarType.OctetString:
        case VarType.Opaque: {
            const bytes = n === 0 ? Buffer.alloc(0) : buf.subarray(c.pos, end);
            c.pos = end;
            return bytes;
        }
        case VarType.OID: {
            if (n === 0) throw NOT_MINE;
            const text = oidText(buf, c.pos, end);
            c.pos = end;
            return text;
        }
        case VarType.IpAddress: {
            if (n !== 4) throw NOT_MINE;
            const p = c.pos;
            c.pos = end;
            return `${buf[p] as number}.${buf[p + 1] as number}.${buf[p + 2] as number}.${buf[p + 3] as number}`;
        }
        case VarType.Counter64: {
            const v = counter64(buf, c.pos, end);
            c.pos = end;
            return v;
        }
        case VarType.Null:
        case VarType.NoSuchObject:
        case VarType.NoSuchInstance:
        case VarType.EndOfMibView:
            if (n !== 0) throw NOT_MINE;
            return null;
        default:
            // Boolean, BIT STRING, anything unknown: net-snmp's reader decides.
            throw NOT_MINE;
    }
}

function read(buf: Buffer): DecodedResponse {
    const c = new Cursor(buf);
    const size = buf.length;
    if (c.enter(0x30, size) !== size) throw NOT_MINE;
    const version = c.integer(size);
    if (version !== 0 && version !== 1) throw NOT_MINE;
    const communityEnd = c.enter(VarType.OctetString, size);
    const communityStart = c.pos;
    c.pos = communityEnd;
    if (c.enter(GET_RESPONSE, size) !== size) throw NOT_MINE;
    const id = c.integer(size);
    const errorStatus = c.integer(size);
    const errorIndex = c.integer(size);
    if (c.enter(0x30, size) !== size) throw NOT_MINE;
    const varbinds: DecodedVarbind[] = [];
    while (c.pos < size) {
        const vbStart = c.pos;
        const vbEnd = c.enter(0x30, size);
        const oidEnd = c.enter(VarType.OID, vbEnd);
        if (oidEnd === c.pos) throw NOT_MINE;
        const shareable = vbEnd - vbStart <= SHARED_BYTES && oidEnd < vbEnd && lasting(buf[oidEnd] as number);
        if (shareable) {
            const known = VARBINDS.get(buf, vbStart, vbEnd);
            if (known !== undefined) {
                gate.hits++;
                varbinds.push(known);
                c.pos = vbEnd;
                continue;
            }
        }
        const oid = oidText(buf, c.pos, oidEnd);
        c.pos = oidEnd;
        if (c.pos >= vbEnd) throw NOT_MINE;
        const type = buf[c.pos] as number;
        const valueEnd = c.enter(type, vbEnd);
        if (valueEnd !== vbEnd) throw NOT_MINE;
        const valueStart = c.pos;
        const contents = value(c, type, valueEnd);
        varbinds.push(
            shareable
                ? share(buf, vbStart, vbEnd, valueStart, oid, type, contents)
                : new DecodedVarbind(oid, type, contents),
        );
    }
    return { version, communityStart, communityEnd, id, errorStatus, errorIndex, varbinds };
}

/**
 * The GetResponse in `buf`, or undefined when it is not an SNMPv1/v2c GetResponse encoded the
 * plain way (net-snmp then parses it). Never throws.
 */
export function decodeCommunityResponse(buf: Buffer): DecodedResponse | undefined {
    try {
        return read(buf);
    } catch {
        // NOT_MINE; the checks above leave nothing else to throw, but net-snmp is the fallback anyway.
        return undefined;
    }
}
