/**
 * net-snmp sometimes never calls back, and session.ts must end the request anyway. Two real ways
 * to get there on loopback:
 * - a socket error: with every file descriptor in use, the socket's implicit bind fails (EMFILE);
 *   net-snmp's Session.onError emits the error object as an event name and its request is never
 *   registered, so neither an answer nor a timeout ever comes. session.ts listens on the socket
 *   itself and fails the request at once.
 * - an exception in net-snmp's answer handling after it has dropped the request from its table
 *   (a Report PDU in SNMPv2c, or a GETBULK answer with more varbinds than non-repeaters asked for):
 *   its timer is cleared and its callback never runs, and the exception escapes its socket
 *   handler as an uncaught exception (which stops Node-RED). session.ts catches the exception and
 *   its watchdog (timeout x tries + 1 s) ends the request as a malformed answer.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import snmp from "net-snmp";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { encodeOctets, parseOid } from "../../tools/sim/ber";
import { listSpace, obj, startHostileAgent, type Behaviour, type HostileAgent } from "../helpers/hostile";

const SYS_NAME = "1.3.6.1.2.1.1.5.0";

describe("when net-snmp never calls back", function () {
    this.timeout(30_000);

    it("a socket error (EMFILE at bind) fails the request at once with a clear error", function () {
        const child = path.join(__dirname, "socket-error-child.js");
        const run = spawnSync("bash", ["-c", `ulimit -n 64 && exec "${process.execPath}" "${child}" 9`], {
            encoding: "utf8",
            timeout: 20_000,
        });
        if (run.error) throw run.error;
        const out = JSON.parse(run.stdout) as {
            descriptorsTaken: number;
            netSnmpCalledBack: boolean;
            session: { code: string; message: string; ms: number };
        };
        assert.ok(out.descriptorsTaken > 0, run.stderr);
        assert.equal(out.netSnmpCalledBack, false, "net-snmp alone never calls back (not even a timeout)");
        assert.equal(out.session.code, "error");
        assert.match(out.session.message, /too many open files/);
        assert.match(out.session.message, /ulimit/);
        assert.ok(out.session.ms < 200, `failed at once (${out.session.ms} ms), not after a timeout`);
    });

    describe("an exception inside net-snmp's answer handling", () => {
        let agent: HostileAgent | undefined;
        afterEach(() => agent?.stop());

        const cases: [
            string,
            Behaviour,
            (s: SnmpSession) => Promise<unknown>,
            (raw: snmp.Session, cb: () => void) => void,
        ][] = [
            [
                "a Report PDU answering an SNMPv2c request",
                (x) => x.encode(x.answer(), { pduTag: 0xa8 }),
                (s) => s.get([SYS_NAME]),
                (raw, cb) => raw.get([SYS_NAME], cb),
            ],
            [
                "more varbinds than the non-repeaters asked for",
                (x) => {
                    const a = x.answer();
                    return x.encode({ ...a, varbinds: [...a.varbinds, ...a.varbinds] });
                },
                (s) => s.getBulk([SYS_NAME], 1, 0),
                (raw, cb) => raw.getBulk([SYS_NAME], 1, 0, cb),
            ],
        ];
        for (const [name, behave, ours, theirs] of cases) {
            it(`${name}: the watchdog ends the request`, async () => {
                agent = await startHostileAgent({
                    space: listSpace([obj(parseOid(SYS_NAME) ?? [], encodeOctets("printer"))]),
                    behave,
                });
                // net-snmp alone: no callback, although its own timeout is 200 ms.
                const raw = snmp.createSession(agent.host, "public", {
                    port: agent.port,
                    timeout: 200,
                    retries: 0,
                    version: snmp.Version2c,
                });
                raw.on("error", () => undefined);
                const swallowed: unknown[] = [];
                const onUncaught = (e: unknown): void => {
                    swallowed.push(e);
                };
                // The exception escapes net-snmp's socket handler: keep mocha from failing on it.
                const listeners = process.listeners("uncaughtException");
                process.removeAllListeners("uncaughtException");
                process.on("uncaughtException", onUncaught);
                let calledBack = false;
                try {
                    theirs(raw, () => {
                        calledBack = true;
                    });
                    await new Promise((r) => setTimeout(r, 600));
                } finally {
                    process.removeListener("uncaughtException", onUncaught);
                    for (const l of listeners) process.on("uncaughtException", l);
                    raw.close();
                }
                assert.equal(calledBack, false, "net-snmp never called back");
                assert.equal(swallowed.length, 1, "because its answer handling threw");

                const session = await SnmpSession.open(
                    agent.host,
                    normalizeSettings({ port: agent.port, timeout: 200, retries: 0 }),
                );
                const started = Date.now();
                await assert.rejects(ours(session), (e: { code: string; message: string }) => {
                    assert.equal(e.code, "malformed");
                    assert.match(e.message, /could not be decoded/);
                    return true;
                });
                const ms = Date.now() - started;
                assert.ok(
                    ms >= 1000 && ms < 2000,
                    `ended by the watchdog after ${ms} ms (timeout 200 ms + 1 s)`,
                );
                assert.equal(session.broken, true, "and the pool will not reuse the session");
                session.close();
            });
        }
    });
});
