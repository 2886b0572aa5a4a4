/**
 * A scriptable SNMP responder on loopback for the cases a well-behaved agent never produces:
 * OIDs that go backwards, undecodable answers, error statuses on every request, silence. Requests
 * are decoded with the simulator's codec; the handler decides what (if anything) goes back.
 */
import dgram from "node:dgram";
import {
    decodeMessage,
    encodeCommunityMessage,
    encodeInteger,
    encodeOctets,
    encodeOid,
    encodePdu,
    encodeVarbind,
    exceptionVarbind,
    parseOid,
    PduTag,
    Tag,
    type CommunityMessage,
} from "../../tools/sim/ber";

export interface RawRequest {
    message: CommunityMessage;
    /** Request OIDs as dotted text. */
    oids: string[];
    /** PDU type name. */
    type: "GET" | "GETNEXT" | "GETBULK" | "SET" | "OTHER";
    /** Where the request came from. */
    from: { address: string; port: number };
}

export type RawHandler = (req: RawRequest) => Buffer | Buffer[] | undefined;

export interface RawAgent {
    host: string;
    port: number;
    requests: RawRequest[];
    stop(): Promise<void>;
}

const TYPES: Record<number, RawRequest["type"]> = {
    [PduTag.Get]: "GET",
    [PduTag.GetNext]: "GETNEXT",
    [PduTag.GetBulk]: "GETBULK",
    [PduTag.Set]: "SET",
};

export async function startRawAgent(handler: RawHandler): Promise<RawAgent> {
    const socket = dgram.createSocket("udp4");
    const requests: RawRequest[] = [];
    socket.on("message", (buf, rinfo) => {
        let message: CommunityMessage;
        try {
            const decoded = decodeMessage(buf);
            if (decoded.version === 3) return;
            message = decoded;
        } catch {
            return;
        }
        const req: RawRequest = {
            message,
            oids: message.pdu.varbinds.map((v) => v.oid.join(".")),
            type: TYPES[message.pdu.tag] ?? "OTHER",
            from: { address: rinfo.address, port: rinfo.port },
        };
        requests.push(req);
        const out = handler(req);
        for (const datagram of out === undefined ? [] : Array.isArray(out) ? out : [out]) {
            socket.send(datagram, rinfo.port, rinfo.address);
        }
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    return {
        host: "127.0.0.1",
        port: socket.address().port,
        requests,
        stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
    };
}

/** Encoded varbinds for responses. */
export const vb = {
    int: (oid: string, n: number): Buffer => encodeVarbind(encodeOid(parseOid(oid) ?? []), encodeInteger(n)),
    str: (oid: string, s: string): Buffer =>
        encodeVarbind(encodeOid(parseOid(oid) ?? []), encodeOctets(Buffer.from(s, "latin1"))),
    endOfMib: (oid: string): Buffer => exceptionVarbind(parseOid(oid) ?? [], Tag.EndOfMibView),
};

/** A GetResponse to `req` carrying `varbinds` (with an optional error status). */
export function response(req: RawRequest, varbinds: Buffer[], errorStatus = 0, errorIndex = 0): Buffer {
    const m = req.message;
    return encodeCommunityMessage(
        m.version,
        m.community,
        encodePdu(PduTag.Response, m.pdu.requestId, errorStatus, errorIndex, varbinds),
    );
}
