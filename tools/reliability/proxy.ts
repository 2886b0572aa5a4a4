/**
 * A UDP proxy in front of a real agent, for the fuzzer and the tests: requests pass unchanged,
 * each response goes back as whatever a function makes of it.
 */
import dgram from "node:dgram";

export interface MeddlingProxy {
    host: string;
    port: number;
    /** Responses seen (before meddling). */
    responses: number;
    stop(): Promise<void>;
}

/**
 * A UDP proxy in front of a real agent (the simulator): requests pass unchanged, and each
 * response goes back as whatever `meddle` makes of it (nothing, itself, a damaged copy, both).
 * Each client gets its own upstream socket, so answers find their way back; one idle for
 * `idleMs` is closed (a fuzzer opens a session, so a client port, per run: hundreds of thousands).
 */
export async function startMeddlingProxy(
    target: { host: string; port: number },
    meddle: (response: Buffer) => Buffer[],
    idleMs = 5_000,
): Promise<MeddlingProxy> {
    const front = dgram.createSocket("udp4");
    const upstream = new Map<string, { socket: dgram.Socket; used: number }>();
    const sweep = setInterval(() => {
        const now = Date.now();
        for (const [key, up] of upstream) {
            if (now - up.used < idleMs) continue;
            upstream.delete(key);
            up.socket.close();
        }
    }, idleMs);
    sweep.unref();
    const proxy: MeddlingProxy = {
        host: "127.0.0.1",
        port: 0,
        responses: 0,
        stop: async () => {
            clearInterval(sweep);
            const all = [front, ...[...upstream.values()].map((u) => u.socket)];
            upstream.clear();
            await Promise.all(all.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
        },
    };
    front.on("message", (msg, client) => {
        const key = `${client.address}:${client.port}`;
        let up = upstream.get(key);
        if (up === undefined) {
            const socket = dgram.createSocket("udp4");
            socket.on("message", (answer) => {
                proxy.responses++;
                let out: Buffer[];
                try {
                    out = meddle(answer);
                } catch {
                    out = [answer];
                }
                for (const d of out) front.send(d, client.port, client.address);
            });
            socket.on("error", () => undefined);
            socket.bind(0, "127.0.0.1");
            up = { socket, used: 0 };
            upstream.set(key, up);
        }
        up.used = Date.now();
        up.socket.send(msg, target.port, target.host);
    });
    front.on("error", () => undefined);
    await new Promise<void>((resolve) => front.bind(0, "127.0.0.1", () => resolve()));
    proxy.port = front.address().port;
    return proxy;
}
