/**
 * Simulator figures (not a test): node tools/sim/bench.js after npm run build.
 * - GETBULK (50 repetitions) over a 5,000-client controller table, near its start and its end;
 * - GET throughput on one device, with a window of requests in flight;
 * - a fleet of 1,000 devices, each on its own port: start time and one GET to each.
 */
import dgram from "node:dgram";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
    NULL,
    PduTag,
    decodeMessage,
    encodeCommunityMessage,
    encodeOid,
    encodePdu,
    encodeVarbind,
    oidToString,
    parseOid,
} from "./ber";
import { startSimulator, type Simulator } from "./index";

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures");
const STA_RSSI = "1.3.6.1.4.1.14179.2.1.6.1.1";

function request(tag: number, id: number, community: string, oid: string, bulk = 0): Buffer {
    const vb = encodeVarbind(encodeOid(parseOid(oid)!), NULL);
    return encodeCommunityMessage(1, Buffer.from(community), encodePdu(tag, id, 0, bulk, [vb]));
}

/** Send `total` requests keeping `window` in flight; resolves with requests per second. */
function blast(
    targets: Array<{ port: number; packet: Buffer }>,
    total: number,
    window: number,
): Promise<number> {
    return new Promise((resolve) => {
        const socket = dgram.createSocket("udp4");
        let sent = 0;
        let received = 0;
        const start = performance.now();
        const sendOne = (): void => {
            const t = targets[sent % targets.length]!;
            sent++;
            socket.send(t.packet, t.port, "127.0.0.1");
        };
        socket.on("message", () => {
            received++;
            if (received === total) {
                socket.close();
                resolve((total / (performance.now() - start)) * 1000);
            } else if (sent < total) {
                sendOne();
            }
        });
        socket.bind(0, "127.0.0.1", () => {
            for (let i = 0; i < Math.min(window, total); i++) sendOne();
        });
    });
}

/** Server-side time (ms) of the last answered request, from the PDU log. */
function lastServiceMs(sim: Simulator): number {
    const e = sim.log[sim.log.length - 1]!;
    return e.answeredAt! - e.receivedAt;
}

async function main(): Promise<void> {
    const t0 = performance.now();
    const wlc = await startSimulator({
        devices: [
            {
                name: "wlc",
                file: path.join(FIXTURES, "wireless", "cisco-wlc.snmprec"),
                dynamics: { wireless: { clients: 5000 } },
            },
        ],
        maxMsgSize: 65507,
    });
    console.log(`5,000-client controller built and listening in ${(performance.now() - t0).toFixed(0)} ms`);
    const port = wlc.endpoint("wlc").port;
    // The RSSI column's row names, to start GETBULKs near its start and near its end.
    const rows = await new Promise<string[]>((resolve) => {
        const out: string[] = [];
        const socket = dgram.createSocket("udp4");
        const ask = (from: string): void => {
            socket.send(request(PduTag.GetBulk, 1, "wlc", from, 500), port, "127.0.0.1");
        };
        socket.on("message", (msg) => {
            const m = decodeMessage(msg);
            const names = m.version === 3 ? [] : m.pdu.varbinds.map((v) => oidToString(v.oid));
            const inColumn = names.filter((o) => o.startsWith(`${STA_RSSI}.`));
            out.push(...inColumn);
            if (inColumn.length < names.length || inColumn.length === 0) {
                socket.close();
                resolve(out);
            } else {
                ask(inColumn[inColumn.length - 1]!);
            }
        });
        socket.bind(0, "127.0.0.1", () => ask(STA_RSSI));
    });
    console.log(`RSSI column: ${rows.length} rows`);
    for (const [label, from] of [
        ["first rows", STA_RSSI],
        ["rows 4,950-5,000", rows[4949]!],
    ] as const) {
        const times: number[] = [];
        for (let i = 0; i < 200; i++) {
            await blast([{ port, packet: request(PduTag.GetBulk, i, "wlc", from, 50) }], 1, 1);
            times.push(lastServiceMs(wlc));
        }
        times.sort((a, b) => a - b);
        console.log(
            `GETBULK x50 on a 5,000-row table (${label}): median ${times[100]!.toFixed(3)} ms, ` +
                `p95 ${times[190]!.toFixed(3)} ms server-side`,
        );
    }
    await wlc.stop();

    const one = await startSimulator({
        devices: [{ name: "laser", file: path.join(FIXTURES, "printers", "colour-laser.snmprec") }],
        logLimit: 0,
    });
    const get = request(PduTag.Get, 1, "laser", "1.3.6.1.2.1.1.5.0");
    const bulk = request(PduTag.GetBulk, 1, "laser", "1.3.6.1.2.1.43.11.1.1", 25);
    await blast([{ port: one.port, packet: get }], 2000, 32); // warm-up
    console.log(
        `GET throughput, one device: ${(await blast([{ port: one.port, packet: get }], 50_000, 64)).toFixed(0)} requests/s`,
    );
    console.log(
        `GETBULK x25 throughput, one device: ${(await blast([{ port: one.port, packet: bulk }], 20_000, 64)).toFixed(0)} requests/s`,
    );
    await one.stop();

    const t1 = performance.now();
    const fleet = await startSimulator({
        devices: Array.from({ length: 1000 }, (_, i) => ({
            name: `printer-${i}`,
            file: path.join(FIXTURES, "printers", "colour-laser.snmprec"),
            port: 0,
        })),
        logLimit: 0,
    });
    console.log(
        `fleet of 1,000 devices on their own ports started in ${(performance.now() - t1).toFixed(0)} ms`,
    );
    const targets = fleet.deviceNames.map((n) => ({
        port: fleet.endpoint(n).port,
        packet: request(PduTag.Get, 1, "public", "1.3.6.1.2.1.43.11.1.1.9.1.1"),
    }));
    console.log(
        `GET throughput across the fleet: ${(await blast(targets, 20_000, 64)).toFixed(0)} requests/s`,
    );
    console.log(`memory: ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB RSS`);
    await fleet.stop();
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
