/**
 * The job done the way node-red-node-snmp does it, for comparison: a new net-snmp session per
 * message, one `subtree` walk per table with max-repetitions 20, the session closed afterwards.
 * (This benchmark file may import net-snmp; the package itself talks to it only through
 * nodes/lib/snmp/session.ts.)
 */
import dgram from "node:dgram";
import snmp from "net-snmp";

export interface Traffic {
    requests: number;
    bytesOut: number;
    bytesIn: number;
}

/** A dgram module that counts what a net-snmp session sends and receives. */
function countingDgram(traffic: Traffic): { createSocket(type: dgram.SocketType): dgram.Socket } {
    return {
        createSocket(type) {
            const socket = dgram.createSocket(type);
            const send = socket.send.bind(socket) as (...args: unknown[]) => void;
            (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
                traffic.requests++;
                traffic.bytesOut += typeof args[2] === "number" ? args[2] : 0;
                send(...args);
            };
            socket.on("message", (msg: Buffer) => (traffic.bytesIn += msg.length));
            return socket;
        },
    };
}

/** Walk each table (and the scalar groups) like node-red-node-snmp's "snmp subtree" node. */
export function walkTables(
    host: string,
    port: number,
    community: string,
    tables: readonly string[],
    traffic: Traffic,
    options: { version?: "1" | "2c"; timeout?: number } = {},
): Promise<number> {
    const session = snmp.createSession(host, community, {
        port,
        version: options.version === "1" ? snmp.Version1 : snmp.Version2c,
        timeout: options.timeout ?? 5000,
        retries: 1,
        dgramModule: countingDgram(traffic),
    });
    session.on("error", () => undefined);
    let varbinds = 0;
    const walk = (oid: string): Promise<void> =>
        new Promise((resolve, reject) => {
            session.subtree(
                oid,
                20,
                (vbs: snmp.Varbind[]) => {
                    varbinds += vbs.length;
                },
                (err: Error | null) => (err ? reject(err) : resolve()),
            );
        });
    return (async () => {
        try {
            for (const table of tables) await walk(table);
            return varbinds;
        } finally {
            session.close();
        }
    })();
}
