/**
 * SNMPv1/v2c requests sent, timed and retried by session.ts itself (net-snmp's request layer is
 * left out; decode.ts reads the answers). What a user would notice if it went wrong: a retry that
 * never goes, a timeout that comes late or never, a late or repeated answer taken for another
 * request, an odd agent no longer read, timers left behind.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import {
    decodeMessage,
    encodeCommunityMessage,
    encodeOctets,
    encodeOid,
    encodePdu,
    encodeVarbind,
    parseOid,
    PduTag,
    type CommunityMessage,
} from "../../tools/sim/ber";
import { startRawAgent, type RawAgent, type RawRequest } from "../helpers/raw-agent";

const COMMUNITY = Buffer.from("public");
const SYS_NAME = "1.3.6.1.2.1.1.5.0";
const SYS_LOCATION = "1.3.6.1.2.1.1.6.0";

/** The answer to `req`: each OID asked for with a string value (or `value`, encoded). */
function answer(req: { message: CommunityMessage; oids: string[] }, value?: Buffer): Buffer {
    const varbinds = req.oids.map((oid) =>
        encodeVarbind(encodeOid(parseOid(oid) ?? []), value ?? encodeOctets(`value of ${oid}`)),
    );
    return encodeCommunityMessage(
        req.message.version,
        COMMUNITY,
        encodePdu(PduTag.Response, req.message.pdu.requestId, 0, 0, varbinds),
    );
}

function text(v: unknown): string {
    return Buffer.isBuffer(v) ? v.toString() : String(v);
}

/** Timers alive in the process (Node.js's own count). */
function timers(): number {
    return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

describe("SNMPv1/v2c requests sent by the session itself", function () {
    this.timeout(20_000);
    let agent: RawAgent | undefined;
    const sessions: SnmpSession[] = [];
    const open = async (
        host: string,
        port: number,
        timeout: number,
        retries: number,
    ): Promise<SnmpSession> => {
        const s = await SnmpSession.open(
            host,
            normalizeSettings({ port, timeout, retries, community: "public" }),
        );
        sessions.push(s);
        return s;
    };
    afterEach(async () => {
        for (const s of sessions.splice(0)) s.close();
        await agent?.stop();
        agent = undefined;
    });

    it("sends the same datagram again after each timeout, and takes the answer to the last try", async () => {
        const seen = new Map<number, number>();
        agent = await startRawAgent((req) => {
            const id = req.message.pdu.requestId;
            seen.set(id, (seen.get(id) ?? 0) + 1);
            // Silent twice, then an answer.
            return (seen.get(id) ?? 0) < 3 ? undefined : answer(req);
        });
        const session = await open(agent.host, agent.port, 150, 2);
        const started = Date.now();
        const [vb] = await session.get([SYS_NAME]);
        const ms = Date.now() - started;
        assert.equal(text(vb?.value), `value of ${SYS_NAME}`);
        assert.equal(agent.requests.length, 3, "three tries");
        assert.equal(seen.size, 1, "each with the same request ID");
        assert.ok(ms >= 290 && ms < 1000, `answered after two timeouts of 150 ms (${ms} ms)`);
        assert.equal(session.counters.sentHere, 1);
        assert.equal(session.counters.datagramsOut, 3);
    });

    it("fails a burst of requests to a silent device after timeout x tries, each of them on time", async () => {
        agent = await startRawAgent(() => undefined);
        const session = await open(agent.host, agent.port, 200, 1);
        const started = Date.now();
        const outcomes = await Promise.allSettled(
            Array.from({ length: 6 }, (_, i) => session.get([`${SYS_NAME.slice(0, -2)}.${i + 1}.0`])),
        );
        const ms = Date.now() - started;
        for (const o of outcomes) {
            assert.equal(o.status, "rejected");
            const e = o.reason as { code: string; message: string };
            assert.equal(e.code, "timeout");
            assert.match(e.message, /no answer from 127\.0\.0\.1:\d+ in 0\.4 s \(2 tries\)/);
        }
        assert.ok(ms >= 390 && ms < 900, `all failed after 2 x 200 ms (${ms} ms)`);
        assert.equal(agent.requests.length, 12, "six requests, two tries each");
    });

    it("takes a late answer for nobody and a repeated one only once, and goes on", async () => {
        // A device that answers the first request twice, and the second after the session has
        // given up on it: the late answer must not settle the third request.
        const socket = dgram.createSocket("udp4");
        await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
        const { port } = socket.address();
        let n = 0;
        socket.on("message", (buf, rinfo) => {
            const message = decodeMessage(buf) as CommunityMessage;
            const req = { message, oids: message.pdu.varbinds.map((v) => v.oid.join(".")) };
            n++;
            const reply = (b: Buffer): void => void socket.send(b, rinfo.port, rinfo.address);
            if (n === 1) {
                reply(answer(req));
                reply(answer(req, encodeOctets("repeated")));
            } else if (n === 2) {
                // After the session's 400 ms: an answer to a request that is over.
                setTimeout(() => reply(answer(req, encodeOctets("late"))), 600);
            } else {
                // Sent at about 400 ms, answered at about 700: the late answer comes first.
                setTimeout(() => reply(answer(req)), 300);
            }
        });
        try {
            const session = await open("127.0.0.1", port, 400, 0);
            const [first] = await session.get([SYS_NAME]);
            assert.equal(text(first?.value), `value of ${SYS_NAME}`);
            await assert.rejects(session.get([SYS_LOCATION]), { code: "timeout" });
            // The third request is in flight when the late answer to the second arrives.
            const [third] = await session.get([SYS_NAME]);
            assert.equal(text(third?.value), `value of ${SYS_NAME}`);
            assert.equal(session.broken, false);
        } finally {
            socket.close();
        }
    });

    it("asks through net-snmp, for good, once an answer cannot be read here (a Boolean value)", async () => {
        // decode.ts leaves Booleans to net-snmp's parser: the session asks again through it.
        const boolean = Buffer.from([0x01, 0x01, 0xff]);
        agent = await startRawAgent((req: RawRequest) => answer(req, boolean));
        const session = await open(agent.host, agent.port, 1000, 0);
        const [vb] = await session.get([SYS_NAME]);
        assert.equal(vb?.value, true, "net-snmp's reading of the value");
        assert.equal(agent.requests.length, 2, "asked once here, once through net-snmp");
        assert.deepEqual([session.counters.sentHere, session.counters.sentBack], [1, 1]);
        const [again] = await session.get([SYS_NAME]);
        assert.equal(again?.value, true);
        assert.equal(agent.requests.length, 3, "the next request goes through net-snmp at once");
        assert.equal(session.counters.sentHere, 1);
    });

    it("leaves no timer behind once its requests are answered", async () => {
        agent = await startRawAgent((req) => answer(req));
        const session = await open(agent.host, agent.port, 5000, 1);
        const before = timers();
        for (let i = 0; i < 20; i++) {
            await Promise.all([
                session.get([SYS_NAME]),
                session.getNext([SYS_NAME]),
                session.getBulk([SYS_NAME], 0, 3),
            ]);
        }
        assert.equal(session.counters.sentHere, 60);
        assert.equal(timers(), before, "no timer left running (a 5 s timeout would keep one)");
    });
});
