/**
 * A hostile SNMP agent on loopback, for the reliability tests and tools: it holds a device's
 * objects like an agent (a recording, optionally with generated tables: 100,000 rows, or rows
 * that never end), answers GET, GETNEXT and GETBULK from them, and then misbehaves as a case
 * says: at the answer (error statuses, extra or repeated varbinds), at the encoding (wrong
 * version, community, request ID, tags, lengths) or at the sending (silence, duplicates, late
 * answers, answers from another port).
 *
 * Requests are decoded with the simulator's BER codec (tools/sim/ber.ts); SNMPv3 is not spoken.
 */
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import {
    compareOid,
    decodeMessage,
    encodeCommunityMessage,
    encodeOid,
    encodePdu,
    encodeVarbind,
    exceptionVarbind,
    parseOid,
    PduTag,
    startsWith,
    Tag,
    type CommunityMessage,
    type Oid,
} from "../../tools/sim/ber";
import { parseSnmprec, type SimValue } from "../../tools/sim/snmprec";
import { encodeValue } from "../../tools/sim/store";

/** One object of the device: its OID and its whole encoded varbind. */
export interface Obj {
    oid: number[];
    varbind: Buffer;
}

/** What the agent holds: lookups by OID. */
export interface OidSpace {
    get(oid: Oid): Obj | undefined;
    /** The first object after `oid` (GETNEXT), undefined at the end of the MIB. */
    next(oid: Oid): Obj | undefined;
}

export function obj(oid: number[], value: SimValue | Buffer): Obj {
    const encoded = Buffer.isBuffer(value) ? value : encodeValue(value);
    return { oid, varbind: encodeVarbind(encodeOid(oid), encoded) };
}

/** The value TLV of an object (its varbind is SEQUENCE { name, value }). */
export function valueOf(o: Obj): Buffer {
    const header = o.varbind[1]! & 0x80 ? 2 + (o.varbind[1]! & 0x7f) : 2;
    return o.varbind.subarray(header + encodeOid(o.oid).length);
}

/** The same object with another value: an encoded TLV, or any bytes at all. */
export function withValue(o: Obj, value: Buffer): Obj {
    return { oid: o.oid, varbind: encodeVarbind(encodeOid(o.oid), value) };
}

/** A recording's objects, in OID order. */
export function recordingObjects(file: string): Obj[] {
    const { records } = parseSnmprec(readFileSync(file, "utf8"), file);
    return records.map((r) => obj(r.oid, r.value));
}

/** Objects in a sorted list. */
export function listSpace(objects: readonly Obj[]): OidSpace {
    const sorted = [...objects].sort((a, b) => compareOid(a.oid, b.oid));
    const lowerBound = (oid: Oid, strict: boolean): number => {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            const c = compareOid(sorted[mid]!.oid, oid);
            if (c < 0 || (strict && c === 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    };
    return {
        get: (oid) => {
            const o = sorted[lowerBound(oid, false)];
            return o !== undefined && compareOid(o.oid, oid) === 0 ? o : undefined;
        },
        next: (oid) => sorted[lowerBound(oid, true)],
    };
}

/** Several spaces seen as one (they should not overlap). */
export function mergeSpaces(...spaces: OidSpace[]): OidSpace {
    return {
        get: (oid) => {
            for (const s of spaces) {
                const o = s.get(oid);
                if (o) return o;
            }
            return undefined;
        },
        next: (oid) => {
            let best: Obj | undefined;
            for (const s of spaces) {
                const o = s.next(oid);
                if (o && (best === undefined || compareOid(o.oid, best.oid) < 0)) best = o;
            }
            return best;
        },
    };
}

/**
 * A generated table under `entry`: `rows` rows (Infinity: rows that never end), each a copy of
 * the template values per column, indexed by `index(i)` for row i = 1, 2, ... `index` must
 * increase with i. Nothing is stored: a GETNEXT finds its row by binary search.
 */
export function generatedTable(
    entry: string,
    template: ReadonlyMap<number, Buffer>,
    rows: number,
    index: (i: number) => number[],
): OidSpace {
    const base = parseOid(entry) ?? [];
    const columns = [...template.keys()].sort((a, b) => a - b);
    const last = Number.isFinite(rows) ? rows : 2 ** 40;
    const make = (column: number, i: number): Obj => {
        const oid = [...base, column, ...index(i)];
        return { oid, varbind: encodeVarbind(encodeOid(oid), template.get(column)!) };
    };
    /** The first row whose index is after `rest` (or at it, unless strict), or undefined. */
    const search = (rest: number[], strict: boolean): number | undefined => {
        let lo = 1;
        let hi = last + 1;
        while (lo < hi) {
            const mid = Math.floor((lo + hi) / 2);
            const c = compareOid(index(mid), rest);
            if (c > 0 || (!strict && c === 0)) hi = mid;
            else lo = mid + 1;
        }
        return lo <= last ? lo : undefined;
    };
    return {
        get: (oid) => {
            if (!startsWith(oid, base) || oid.length <= base.length + 1) return undefined;
            const column = oid[base.length]!;
            if (!template.has(column)) return undefined;
            const rest = oid.slice(base.length + 1);
            const i = search(rest, false);
            return i !== undefined && compareOid(index(i), rest) === 0 ? make(column, i) : undefined;
        },
        next: (oid) => {
            for (const column of columns) {
                const prefix = [...base, column];
                if (compareOid(oid, prefix) < 0) return make(column, 1);
                if (startsWith(oid, prefix)) {
                    const i = search(oid.slice(prefix.length), true);
                    if (i !== undefined) return make(column, i);
                }
            }
            return undefined;
        },
    };
}

/**
 * Replace the table under `entry` in a recording by a generated one with `rows` rows whose values
 * copy the recording's first row.
 */
export function withGeneratedTable(
    objects: readonly Obj[],
    entry: string,
    rows: number,
    index: (i: number) => number[],
): OidSpace {
    const base = parseOid(entry) ?? [];
    const template = new Map<number, Buffer>();
    let firstIndex: string | undefined;
    for (const o of objects) {
        if (!startsWith(o.oid, base) || o.oid.length <= base.length + 1) continue;
        const column = o.oid[base.length]!;
        const idx = o.oid.slice(base.length + 1).join(".");
        firstIndex ??= idx;
        if (idx !== firstIndex || template.has(column)) continue;
        template.set(column, valueOf(o));
    }
    const rest = objects.filter((o) => !startsWith(o.oid, base));
    return mergeSpaces(listSpace(rest), generatedTable(entry, template, rows, index));
}

// ---------------------------------------------------------------------------------------------
// The agent

export interface HostileRequest {
    message: CommunityMessage;
    type: "GET" | "GETNEXT" | "GETBULK" | "SET" | "OTHER";
    oids: number[][];
    from: { address: string; port: number };
    /** 1 for the first request this agent saw. */
    seq: number;
}

export interface HonestAnswer {
    errorStatus: number;
    errorIndex: number;
    varbinds: Buffer[];
}

export interface EncodeOverrides {
    version?: number;
    community?: Buffer;
    requestId?: number;
    pduTag?: number;
}

/** What a behaviour gets for one request. */
export interface Exchange {
    req: HostileRequest;
    space: OidSpace;
    /**
     * The answer a correct agent gives (GETBULK trimmed to the message size). `sameAgain` answers
     * each request OID with the object at that OID when there is one (instead of its successor):
     * the firmware bug that makes a walk loop.
     */
    answer(options?: { sameAgain?: boolean }): HonestAnswer;
    /** A GetResponse to this request. */
    encode(a: HonestAnswer, overrides?: EncodeOverrides): Buffer;
}

export interface Reply {
    data: Buffer;
    delayMs?: number;
    /** Send from a second socket: right address, wrong port. */
    fromOtherPort?: boolean;
}

/** What to send back: nothing, one datagram, or several (each possibly late or from elsewhere). */
export type Behaviour = (x: Exchange) => Reply[] | Buffer | undefined;

export const honest: Behaviour = (x) => x.encode(x.answer());

export interface HostileOptions {
    space: OidSpace;
    behave?: Behaviour;
    /** Largest response in bytes (default 1472; at most 65507, the UDP limit). */
    maxMsgSize?: number;
}

export interface HostileAgent {
    host: string;
    port: number;
    requests: HostileRequest[];
    /** Datagrams sent back. */
    sent: number;
    behave: Behaviour;
    stop(): Promise<void>;
}

const TYPES: Record<number, HostileRequest["type"]> = {
    [PduTag.Get]: "GET",
    [PduTag.GetNext]: "GETNEXT",
    [PduTag.GetBulk]: "GETBULK",
    [PduTag.Set]: "SET",
};

/** RFC 3416 §4.2.1-4.2.3 from an OID space, trimmed to `budget` bytes of varbinds. */
function honestAnswer(space: OidSpace, req: HostileRequest, budget: number, sameAgain = false): HonestAnswer {
    const pdu = req.message.pdu;
    const next = (oid: Oid): Obj | undefined =>
        sameAgain ? (space.get(oid) ?? space.next(oid)) : space.next(oid);
    const v1 = req.message.version === 0;
    const out: Buffer[] = [];
    const endOf = (oid: number[]): Buffer => exceptionVarbind(oid, Tag.EndOfMibView);
    if (req.type === "GET") {
        for (const [i, oid] of req.oids.entries()) {
            const o = space.get(oid);
            if (!o && v1)
                return { errorStatus: 2, errorIndex: i + 1, varbinds: pdu.varbinds.map((v) => v.raw) };
            out.push(o ? o.varbind : exceptionVarbind(oid, Tag.NoSuchInstance));
        }
        return { errorStatus: 0, errorIndex: 0, varbinds: out };
    }
    if (req.type === "GETNEXT") {
        for (const [i, oid] of req.oids.entries()) {
            const o = next(oid);
            if (!o && v1)
                return { errorStatus: 2, errorIndex: i + 1, varbinds: pdu.varbinds.map((v) => v.raw) };
            out.push(o ? o.varbind : endOf(oid));
        }
        return { errorStatus: 0, errorIndex: 0, varbinds: out };
    }
    if (req.type === "GETBULK") {
        const n = Math.max(0, Math.min(pdu.errorStatus, req.oids.length));
        const m = Math.max(0, pdu.errorIndex);
        let used = 0;
        const push = (b: Buffer): boolean => {
            if (used + b.length > budget) return false;
            used += b.length;
            out.push(b);
            return true;
        };
        for (const oid of req.oids.slice(0, n)) {
            const o = next(oid);
            if (!push(o ? o.varbind : endOf(oid))) return { errorStatus: 1, errorIndex: 0, varbinds: [] };
        }
        const cursors = req.oids.slice(n).map((o) => [...o]);
        for (let r = 0; r < m && cursors.length > 0; r++) {
            let any = false;
            for (let c = 0; c < cursors.length; c++) {
                const o = r === 0 ? next(cursors[c]!) : space.next(cursors[c]!);
                const vb = o ? o.varbind : endOf(cursors[c]!);
                if (!push(vb)) return { errorStatus: 0, errorIndex: 0, varbinds: out };
                if (o) {
                    cursors[c] = o.oid;
                    any = true;
                }
            }
            if (!any) break;
        }
        return { errorStatus: 0, errorIndex: 0, varbinds: out };
    }
    // SET and anything else: refused (this agent never changes anything).
    return { errorStatus: 6, errorIndex: 1, varbinds: pdu.varbinds.map((v) => v.raw) };
}

export async function startHostileAgent(options: HostileOptions): Promise<HostileAgent> {
    const socket = dgram.createSocket("udp4");
    const other = dgram.createSocket("udp4");
    const timers = new Set<NodeJS.Timeout>();
    const maxMsgSize = Math.min(65507, options.maxMsgSize ?? 1472);
    let stopped = false;
    const agent: HostileAgent = {
        host: "127.0.0.1",
        port: 0,
        requests: [],
        sent: 0,
        behave: options.behave ?? honest,
        stop: async () => {
            stopped = true;
            for (const t of timers) clearTimeout(t);
            timers.clear();
            await Promise.all(
                [socket, other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
            );
        },
    };
    socket.on("message", (buf, rinfo) => {
        let message: CommunityMessage;
        try {
            const decoded = decodeMessage(buf);
            if (decoded.version === 3) return;
            message = decoded;
        } catch {
            return;
        }
        const req: HostileRequest = {
            message,
            type: TYPES[message.pdu.tag] ?? "OTHER",
            oids: message.pdu.varbinds.map((v) => v.oid),
            from: { address: rinfo.address, port: rinfo.port },
            seq: agent.requests.length + 1,
        };
        agent.requests.push(req);
        const overhead = 64 + message.community.length;
        const x: Exchange = {
            req,
            space: options.space,
            answer: (o) => honestAnswer(options.space, req, maxMsgSize - overhead, o?.sameAgain),
            encode: (a, o = {}) =>
                encodeCommunityMessage(
                    (o.version ?? message.version) as 0 | 1,
                    o.community ?? message.community,
                    encodePdu(
                        o.pduTag ?? PduTag.Response,
                        o.requestId ?? message.pdu.requestId,
                        a.errorStatus,
                        a.errorIndex,
                        a.varbinds,
                    ),
                ),
        };
        let out: Reply[];
        try {
            const r = agent.behave(x);
            out = r === undefined ? [] : Buffer.isBuffer(r) ? [{ data: r }] : r;
        } catch {
            return; // a case that cannot answer this request stays silent
        }
        for (const reply of out) {
            const send = (): void => {
                if (stopped) return;
                agent.sent++;
                (reply.fromOtherPort ? other : socket).send(reply.data, rinfo.port, rinfo.address, () => {
                    // A datagram too large for UDP is simply not sent.
                });
            };
            if (reply.delayMs) {
                const t = setTimeout(() => {
                    timers.delete(t);
                    send();
                }, reply.delayMs);
                timers.add(t);
            } else {
                send();
            }
        }
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    await new Promise<void>((resolve) => other.bind(0, "127.0.0.1", () => resolve()));
    agent.port = socket.address().port;
    return agent;
}

export { startMeddlingProxy, type MeddlingProxy } from "../../tools/reliability/proxy";
