/**
 * A small DNS server on loopback for the reverse-DNS tests (RFC 1035 over UDP): it answers PTR
 * questions from a table (address -> name), NXDOMAIN for the rest, or, when silent, nothing at
 * all. Tests point the node at it; no DNS query leaves the machine.
 */
import dgram from "node:dgram";

export interface DnsServer {
    /** `127.0.0.1:port`, as the node's DNS servers field takes it. */
    address: string;
    /** The names asked for (`21.88.168.192.in-addr.arpa`), in order. */
    questions: string[];
    /** Stop answering (queries are still counted). */
    silent: boolean;
    close(): Promise<void>;
}

/** The in-addr.arpa name of an IPv4 address. */
export function ptrName(ip: string): string {
    return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

/** The question's name and where it ends, or undefined for a message it cannot read. */
function question(msg: Buffer): { name: string; end: number; type: number } | undefined {
    const labels: string[] = [];
    let at = 12;
    for (;;) {
        const len = msg[at];
        if (len === undefined || len > 63) return undefined;
        at++;
        if (len === 0) break;
        labels.push(msg.subarray(at, at + len).toString("latin1"));
        at += len;
    }
    if (at + 4 > msg.length) return undefined;
    return { name: labels.join("."), end: at + 4, type: msg.readUInt16BE(at) };
}

function encodeName(name: string): Buffer {
    const parts = name
        .split(".")
        .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, "latin1")]));
    return Buffer.concat([...parts, Buffer.from([0])]);
}

function answer(query: Buffer, q: { end: number; type: number }, target: string | undefined): Buffer {
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    // QR, opcode 0, AA, RD copied, RA; rcode 0 or 3 (NXDOMAIN).
    const rd = (query[2] ?? 0) & 1;
    header[2] = 0x84 | rd;
    header[3] = 0x80 | (target === undefined ? 3 : 0);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(target === undefined ? 0 : 1, 6);
    const questionBytes = query.subarray(12, q.end);
    if (target === undefined) return Buffer.concat([header, questionBytes]);
    const rdata = encodeName(target);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the question's name
    rr.writeUInt16BE(12, 2); // PTR
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(300, 6);
    rr.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([header, questionBytes, rr, rdata]);
}

/** Start a server that answers PTR questions for `names` (IPv4 address -> host name). */
export async function startDnsServer(names: Record<string, string>): Promise<DnsServer> {
    const byPtr = new Map(Object.entries(names).map(([ip, name]) => [ptrName(ip), name]));
    const socket = dgram.createSocket("udp4");
    const server: DnsServer = {
        address: "",
        questions: [],
        silent: false,
        close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
    };
    socket.on("message", (msg, rinfo) => {
        const q = question(msg);
        if (q === undefined) return;
        server.questions.push(q.name);
        if (server.silent) return;
        const target = q.type === 12 ? byPtr.get(q.name.toLowerCase()) : undefined;
        socket.send(answer(msg, q, target), rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
    server.address = `127.0.0.1:${socket.address().port}`;
    return server;
}
