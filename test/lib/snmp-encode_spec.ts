/**
 * The requests a poll sends are encoded by encode.ts: the bytes must be the ones net-snmp writes
 * for the same message, for every request type, version and size, or net-snmp writes them.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import * as snmp from "net-snmp";
import { encodeCommunityRequest, type CommunityRequest } from "../../nodes/lib/snmp/encode";

type Message = CommunityRequest & { toBuffer(): Buffer; buffer?: Buffer };

/** A pseudo-random OID: a known prefix, then arcs of every size BER distinguishes. */
function randomOid(next: () => number): string {
    const arcs = [1, 3, 6, 1, 2, 1];
    const sizes = [127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 4_294_967_295];
    const n = 1 + Math.floor(next() * 12);
    for (let i = 0; i < n; i++) {
        const pick = next();
        arcs.push(pick < 0.5 ? Math.floor(next() * 300) : (sizes[Math.floor(next() * sizes.length)] ?? 0));
    }
    return arcs.join(".");
}

describe("request encoding", function () {
    this.timeout(30_000);
    let sink: dgram.Socket;
    let port: number;

    before(async () => {
        // Where the captured requests go: a socket on loopback that reads and drops them.
        sink = dgram.createSocket("udp4");
        sink.on("message", () => undefined);
        await new Promise<void>((r) => sink.bind(0, "127.0.0.1", () => r()));
        port = sink.address().port;
    });
    after(() => sink.close());

    /** The messages net-snmp builds for these calls, as it sends them. */
    async function capture(
        version: 0 | 1,
        community: string,
        calls: (s: snmp.Session) => void,
    ): Promise<Message[]> {
        const session = snmp.createSession("127.0.0.1", community, {
            port,
            version: version === 0 ? snmp.Version1 : snmp.Version2c,
            retries: 0,
            timeout: 50,
            idBitsSize: 32,
        });
        session.on("error", () => undefined);
        const seen: Message[] = [];
        const inner = session as unknown as { send: (this: unknown, req: { message: Message }) => unknown };
        const send = inner.send;
        inner.send = function (this: unknown, req: { message: Message }) {
            seen.push(req.message);
            return send.call(this, req);
        };
        calls(session);
        await new Promise((r) => setTimeout(r, 20));
        session.close();
        return seen;
    }

    it("writes the bytes net-snmp writes for GET, GETNEXT and GETBULK, v1 and v2c, 1 to 60 objects", async () => {
        let seed = 42;
        const next = (): number => {
            seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
            return seed / 2_147_483_648;
        };
        const noop = (): void => undefined;
        let compared = 0;
        for (const version of [0, 1] as const) {
            for (const community of ["public", "s3cr€t-ümlaut", "x".repeat(200)]) {
                const messages = await capture(version, community, (s) => {
                    for (let i = 0; i < 40; i++) {
                        const oids = Array.from({ length: 1 + Math.floor(next() * 60) }, () =>
                            randomOid(next),
                        );
                        s.get(oids, noop);
                        s.getNext(oids, noop);
                        if (version === 1)
                            s.getBulk(oids, Math.floor(next() * oids.length), Math.floor(next() * 300), noop);
                    }
                });
                for (const m of messages) {
                    const ours = encodeCommunityRequest(m);
                    assert.ok(ours !== undefined, "a request encode.ts writes");
                    delete m.buffer;
                    assert.deepEqual(
                        ours,
                        m.toBuffer(),
                        `pdu type ${m.pdu.type}, ${m.pdu.varbinds.length} objects`,
                    );
                    compared++;
                }
            }
        }
        assert.ok(compared >= 600, `${compared} requests compared`);
    });

    it("leaves to net-snmp what it does not write: SNMPv3, values, a response, a broken OID", () => {
        const base: CommunityRequest = {
            version: 1,
            community: "public",
            pdu: { type: 0xa5, id: 7, varbinds: [{ oid: "1.3.6.1" }] },
        };
        assert.ok(encodeCommunityRequest(base) !== undefined);
        assert.equal(encodeCommunityRequest({ ...base, version: 3 }), undefined);
        assert.equal(encodeCommunityRequest({ ...base, pdu: { ...base.pdu, type: 0xa2 } }), undefined);
        assert.equal(
            encodeCommunityRequest({
                ...base,
                pdu: { ...base.pdu, varbinds: [{ oid: "1.3.6.1", value: 5 } as { oid: string }] },
            }),
            undefined,
        );
        for (const oid of ["1.3.x", "", "1", "1..3", "1.3.6.1.99999999999"]) {
            assert.equal(
                encodeCommunityRequest({ ...base, pdu: { ...base.pdu, varbinds: [{ oid }] } }),
                undefined,
                oid,
            );
        }
    });
});
