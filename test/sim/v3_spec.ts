/**
 * SNMPv3 USM (RFC 3414, RFC 3826, RFC 7860) against net-snmp's client: every protocol pair it
 * supports, the reports of RFC 3414 §3.2, time windows and contexts.
 */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import snmp from "net-snmp";
import {
    startSimulator,
    type AuthProtocol,
    type PrivProtocol,
    type Simulator,
    type V3User,
} from "../../tools/sim/index";
import { Client, fixture } from "./helpers";

const SYS_NAME = "1.3.6.1.2.1.1.5.0";
const SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
const SUPPLY_LEVEL = "1.3.6.1.2.1.43.11.1.1.9.1.1";
const AUTH_KEY = "auth-secret-1";
const PRIV_KEY = "priv-secret-2";

const AUTHS: AuthProtocol[] = ["md5", "sha", "sha224", "sha256", "sha384", "sha512"];
const PRIVS: PrivProtocol[] = ["aes", "aes256b", "aes256r"];

function desAvailable(): boolean {
    try {
        crypto.createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8));
        return true;
    } catch {
        return false;
    }
}

function clientUser(
    name: string,
    auth?: AuthProtocol,
    priv?: PrivProtocol,
    keys = { auth: AUTH_KEY, priv: PRIV_KEY },
): snmp.User {
    const level = priv
        ? snmp.SecurityLevel.authPriv
        : auth
          ? snmp.SecurityLevel.authNoPriv
          : snmp.SecurityLevel.noAuthNoPriv;
    const user: snmp.User = { name, level };
    if (auth) {
        user.authProtocol = snmp.AuthProtocols[auth];
        user.authKey = keys.auth;
    }
    if (priv) {
        user.privProtocol = snmp.PrivProtocols[priv];
        user.privKey = keys.priv;
    }
    return user;
}

function simUser(name: string, auth?: AuthProtocol, priv?: PrivProtocol): V3User {
    return {
        name,
        ...(auth ? { authProtocol: auth, authKey: AUTH_KEY } : {}),
        ...(priv ? { privProtocol: priv, privKey: PRIV_KEY } : {}),
    };
}

const combos: Array<{ name: string; auth?: AuthProtocol; priv?: PrivProtocol }> = [{ name: "none" }];
for (const auth of AUTHS) {
    combos.push({ name: `${auth}`, auth });
    for (const priv of [...PRIVS, "des" as const]) combos.push({ name: `${auth}-${priv}`, auth, priv });
}

describe("simulator: SNMPv3", function () {
    let sim: Simulator;
    const printer = fixture("printers/colour-laser.snmprec");

    before(async function () {
        sim = await startSimulator({
            devices: [
                {
                    name: "printer",
                    file: printer,
                    port: 0,
                    dynamics: false, // advance() below moves the engine clock, not the levels
                    v3: {
                        users: [
                            ...combos.map((c) => simUser(c.name, c.auth, c.priv)),
                            // Configured for DES, used below by a client that encrypts with AES.
                            {
                                name: "des-mismatch",
                                authProtocol: "sha",
                                authKey: AUTH_KEY,
                                privProtocol: "des",
                                privKey: PRIV_KEY,
                            },
                        ],
                    },
                    contexts: {
                        Jetdirect: { records: `${SUPPLY_LEVEL}|2|42\n` },
                    },
                },
            ],
        });
    });

    after(async function () {
        await sim.stop();
    });

    async function getName(
        user: snmp.User,
        options: { context?: string; timeout?: number } = {},
    ): Promise<string> {
        const c = Client.v3(sim.endpoint("printer"), user, options);
        try {
            const [vb] = await c.get([SYS_NAME]);
            return String(vb!.value);
        } finally {
            c.close();
        }
    }

    for (const c of combos) {
        if (c.priv === "des") {
            it(`${c.name}: fails in the client when OpenSSL has no DES, without crashing anything`, async function () {
                const attempt = getName(clientUser(c.name, c.auth, c.priv));
                if (desAvailable()) {
                    assert.equal(await attempt, "NPI4A2B6C");
                } else {
                    await assert.rejects(attempt, (e: Error & { code?: string }) => {
                        assert.ok(
                            e.code === "ERR_OSSL_EVP_UNSUPPORTED" ||
                                /digital envelope routines::unsupported/.test(e.message),
                            `OpenSSL's error, got: ${e.message}`,
                        );
                        return true;
                    });
                }
                assert.equal(sim.counters.internalErrors, 0);
            });
        } else {
            it(`${c.name}: answers a GET`, async function () {
                assert.equal(await getName(clientUser(c.name, c.auth, c.priv)), "NPI4A2B6C");
            });
        }
    }

    it("answers engine discovery with usmStatsUnknownEngineIDs, engineBoots and engineTime", async function () {
        const before = sim.deviceCounters("printer").unknownEngineIds;
        await getName(clientUser("sha256-aes", "sha256", "aes"));
        assert.equal(sim.deviceCounters("printer").unknownEngineIds, before + 1);
        const [discovery, get] = sim.log.slice(-2);
        assert.deepEqual(
            [discovery!.outcome, discovery!.detail, discovery!.varbinds],
            ["report", "unknownEngineIds", 0],
        );
        assert.deepEqual([get!.type, get!.outcome], ["GET", "response"]);
    });

    const failures: Array<{
        what: string;
        user: snmp.User;
        message: RegExp;
        counter: "unknownUserNames" | "wrongDigests" | "decryptionErrors" | "unsupportedSecLevels";
    }> = [
        {
            what: "an unknown user",
            user: clientUser("nobody", "sha256", "aes"),
            message: /Unknown User Name/,
            counter: "unknownUserNames",
        },
        {
            what: "a wrong authentication key",
            user: clientUser("sha256-aes", "sha256", "aes", { auth: "not-the-key", priv: PRIV_KEY }),
            message: /Wrong Digest/,
            counter: "wrongDigests",
        },
        {
            what: "a wrong privacy key",
            user: clientUser("sha-aes256b", "sha", "aes256b", { auth: AUTH_KEY, priv: "not-the-key" }),
            message: /Decryption Error/,
            counter: "decryptionErrors",
        },
        {
            what: "a security level the user does not have",
            user: clientUser("sha256", "sha256", "aes"),
            message: /Unsupported Security Level/,
            counter: "unsupportedSecLevels",
        },
        {
            what: "a privacy protocol the agent cannot decrypt (DES configured, AES sent)",
            user: clientUser("des-mismatch", "sha", "aes"),
            message: /Decryption Error/,
            counter: "decryptionErrors",
        },
    ];
    for (const f of failures) {
        it(`reports ${f.counter} for ${f.what}`, async function () {
            const before = sim.deviceCounters("printer")[f.counter];
            await assert.rejects(getName(f.user), f.message);
            assert.equal(sim.deviceCounters("printer")[f.counter], before + 1);
            const last = sim.log[sim.log.length - 1]!;
            assert.equal(last.outcome, "report");
            assert.match(last.detail ?? "", new RegExp(`^${f.counter}`));
            assert.equal(sim.counters.internalErrors, 0);
        });
    }

    it("answers authorizationError to a user asking below its own security level", async function () {
        await assert.rejects(getName(clientUser("sha256-aes", "sha256")), (e) => {
            assert.equal((e as { status?: number }).status, snmp.ErrorStatus.AuthorizationError);
            return true;
        });
    });

    it("reports notInTimeWindow when the engine clock moves, and the manager resynchronises", async function () {
        const c = Client.v3(sim.endpoint("printer"), clientUser("sha256-aes", "sha256", "aes"));
        try {
            await c.get([SYS_NAME]);
            const before = sim.deviceCounters("printer").notInTimeWindows;
            sim.advance(600_000); // ten minutes, far outside the 150 s window
            const [vb] = await c.get([SYS_NAME]);
            assert.equal(String(vb!.value), "NPI4A2B6C");
            assert.equal(sim.deviceCounters("printer").notInTimeWindows, before + 1);
            const [report, retry] = sim.log.slice(-2);
            assert.deepEqual([report!.outcome, report!.detail], ["report", "notInTimeWindows"]);
            assert.equal(retry!.outcome, "response");
        } finally {
            c.close();
        }
    });

    it("restarts: engineBoots changes, sysUpTime starts again, the manager resynchronises", async function () {
        const c = Client.v3(sim.endpoint("printer"), clientUser("sha512-aes256r", "sha512", "aes256r"));
        try {
            const [up1] = await c.get([SYS_UPTIME]);
            sim.restart("printer");
            const [up2] = await c.get([SYS_UPTIME]);
            assert.ok(
                Number(up2!.value) < Number(up1!.value),
                `${String(up2!.value)} < ${String(up1!.value)}`,
            );
            assert.ok(Number(up2!.value) < 100);
            assert.equal(sim.log[sim.log.length - 2]!.detail, "notInTimeWindows");
        } finally {
            c.close();
        }
    });

    it("serves a named context, and reports an unknown one", async function () {
        const user = clientUser("sha-aes", "sha", "aes");
        const c = Client.v3(sim.endpoint("printer"), user, { context: "Jetdirect" });
        try {
            const [vb] = await c.get([SUPPLY_LEVEL]);
            assert.equal(vb!.value, 42);
            assert.equal(sim.log[sim.log.length - 1]!.context, "Jetdirect");
        } finally {
            c.close();
        }
        const d = Client.v3(sim.endpoint("printer"), user);
        try {
            const [vb] = await d.get([SUPPLY_LEVEL]);
            assert.equal(vb!.value, 62, "the default context serves the main recording");
        } finally {
            d.close();
        }
        const before = sim.deviceCounters("printer").unknownContexts;
        await assert.rejects(getName(user, { context: "Nope" }));
        assert.equal(sim.deviceCounters("printer").unknownContexts, before + 1);
        // SNMPv1/v2c reach a context through the community "community@context".
        const v2 = Client.community({ ...sim.endpoint("printer"), community: "public@Jetdirect" }, "2c");
        try {
            assert.equal((await v2.get([SUPPLY_LEVEL]))[0]!.value, 42);
        } finally {
            v2.close();
        }
    });

    it("walks with GETBULK under privacy within the message size", async function () {
        const c = Client.v3(sim.endpoint("printer"), clientUser("sha384-aes256b", "sha384", "aes256b"));
        try {
            const vbs = await c.walk("1.3.6.1.2.1.43", 50);
            assert.ok(vbs.length > 100);
            const bulk = sim.log.filter((e) => e.type === "GETBULK" && e.outcome === "response");
            assert.ok(bulk.length > 1);
            for (const e of bulk) assert.ok(e.bytesOut! <= 1472, `response of ${e.bytesOut} bytes`);
        } finally {
            c.close();
        }
    });
});
