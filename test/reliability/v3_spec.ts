/**
 * SNMPv3 through the package's own session (what the nodes use): authPriv with every
 * authentication and privacy pair net-snmp supports, and what a user sees when a credential is
 * wrong. Two agents, because the protocol leaves room: the simulator reports every USM failure
 * (RFC 3414 §3.2), net-snmp's own agent stays silent on a wrong digest or an undecryptable PDU.
 */
import assert from "node:assert/strict";
import crypto from "node:crypto";
import dgram from "node:dgram";
import path from "node:path";
import snmp from "net-snmp";
import type { SnmpError } from "../../nodes/lib/snmp/errors";
import { runQuery } from "../../nodes/lib/snmp/query";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings, type AuthProtocol, type PrivProtocol } from "../../nodes/lib/snmp/settings";
import { asText } from "../../nodes/lib/snmp/varbind";
import { startSimulator, type Simulator, type V3User } from "../../tools/sim";

const FIXTURE = path.join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
const SYS_NAME = "1.3.6.1.2.1.1.5.0";
const AUTH_KEY = "auth-key-4711";
const PRIV_KEY = "priv-key-0815";
const AUTHS: AuthProtocol[] = ["md5", "sha", "sha224", "sha256", "sha384", "sha512"];
const PRIVS: PrivProtocol[] = ["des", "aes", "aes256b", "aes256r"];

function desAvailable(): boolean {
    try {
        crypto.createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8)).final();
        return true;
    } catch {
        return false;
    }
}

async function readName(
    port: number,
    input: Record<string, unknown>,
): Promise<{ name?: string; error?: SnmpError; ms: number }> {
    const session = await SnmpSession.open(
        "127.0.0.1",
        normalizeSettings({ version: "3", port, timeout: 400, retries: 0, ...input }),
    );
    const started = Date.now();
    try {
        const r = await runQuery(session, { scalars: [SYS_NAME] }, { maxRepetitions: 5 });
        return { name: asText(r.scalars.get(SYS_NAME)), ms: Date.now() - started };
    } catch (err) {
        return { error: err as SnmpError, ms: Date.now() - started };
    } finally {
        session.close();
    }
}

describe("SNMPv3 through the package's session", function () {
    this.timeout(30_000);
    let sim: Simulator;
    let port: number;

    before(async () => {
        const users: V3User[] = [];
        for (const auth of AUTHS) {
            users.push({ name: `${auth}-none`, authProtocol: auth, authKey: AUTH_KEY });
            for (const priv of PRIVS) {
                users.push({
                    name: `${auth}-${priv}`,
                    authProtocol: auth,
                    authKey: AUTH_KEY,
                    privProtocol: priv,
                    privKey: PRIV_KEY,
                });
            }
        }
        users.push({ name: "open" });
        sim = await startSimulator({
            devices: [{ name: "printer", file: FIXTURE, port: 0, dynamics: false, v3: { users } }],
        });
        port = sim.endpoint("printer").port;
    });
    after(() => sim?.stop());

    for (const auth of AUTHS) {
        for (const priv of PRIVS) {
            const works = priv !== "des" || desAvailable();
            it(`authPriv ${auth}/${priv}: ${works ? "reads the device" : "says DES is disabled and how to fix it"}`, async () => {
                const r = await readName(port, {
                    user: `${auth}-${priv}`,
                    securityLevel: "authPriv",
                    authProtocol: auth,
                    privProtocol: priv,
                    authKey: AUTH_KEY,
                    privKey: PRIV_KEY,
                });
                if (works) {
                    assert.equal(r.error, undefined, r.error?.message);
                    assert.equal(r.name, "NPI4A2B6C");
                    return;
                }
                assert.equal(r.error?.code, "crypto");
                // What the user reads (msg.payload.error.message, the Catch text) names the
                // protocol and both ways out.
                assert.match(r.error.message, /DES/);
                assert.match(r.error.message, /AES/);
                assert.match(r.error.message, /NODE_OPTIONS=--openssl-legacy-provider/);
                assert.ok(r.ms < 400, `immediately, not after a timeout (${r.ms} ms)`);
            });
        }
        it(`authNoPriv ${auth}: reads the device`, async () => {
            const r = await readName(port, {
                user: `${auth}-none`,
                securityLevel: "authNoPriv",
                authProtocol: auth,
                authKey: AUTH_KEY,
            });
            assert.equal(r.name, "NPI4A2B6C", r.error?.message);
        });
    }

    it("noAuthNoPriv: reads the device", async () => {
        const r = await readName(port, { user: "open", securityLevel: "noAuthNoPriv" });
        assert.equal(r.name, "NPI4A2B6C", r.error?.message);
    });

    it("tells a wrong user, a wrong auth key and a wrong privacy key apart when the agent reports them", async () => {
        const good = {
            user: "sha256-aes",
            securityLevel: "authPriv",
            authProtocol: "sha256",
            privProtocol: "aes",
            authKey: AUTH_KEY,
            privKey: PRIV_KEY,
        };
        const seen = new Map<string, string>();
        for (const [what, change, text] of [
            ["user", { user: "intruder" }, /unknown user name: check the v3 user/],
            ["auth key", { authKey: "not-the-auth-key" }, /wrong digest: check the authentication key/],
            ["privacy key", { privKey: "not-the-priv-key" }, /decryption error: check the privacy key/],
        ] as const) {
            const r = await readName(port, { ...good, ...change });
            assert.equal(r.error?.code, "auth", `wrong ${what}: ${r.error?.message}`);
            assert.match(r.error.message, text);
            assert.ok(r.ms < 400, `wrong ${what}: answered at once, no timeout`);
            seen.set(r.error.message, what);
        }
        assert.equal(seen.size, 3, "three different messages");
    });

    describe("against net-snmp's agent, which reports only unknown users", () => {
        let agent: { close(): void; getAuthorizer(): { addUser(u: snmp.User): void }; getMib(): unknown };
        let agentPort: number;
        before(async () => {
            // net-snmp's agent cannot bind port 0 (it takes 0 for "default 161"): find a free port first.
            const probe = dgram.createSocket("udp4");
            await new Promise<void>((r) => probe.bind(0, "127.0.0.1", () => r()));
            agentPort = probe.address().port;
            await new Promise<void>((r) => probe.close(() => r()));
            agent = snmp.createAgent(
                { port: agentPort, address: "127.0.0.1" },
                () => undefined,
            ) as typeof agent;
            agent.getAuthorizer().addUser({
                name: "monitor",
                level: snmp.SecurityLevel.authPriv,
                authProtocol: snmp.AuthProtocols.sha256,
                authKey: AUTH_KEY,
                privProtocol: snmp.PrivProtocols.aes,
                privKey: PRIV_KEY,
            });
            const mib = agent.getMib() as {
                registerProvider(p: unknown): void;
                setScalarValue(name: string, v: unknown): void;
            };
            mib.registerProvider({
                name: "sysName",
                type: snmp.MibProviderType.Scalar,
                oid: "1.3.6.1.2.1.1.5",
                scalarType: snmp.ObjectType.OctetString,
                maxAccess: snmp.MaxAccess["read-only"],
            });
            mib.setScalarValue("sysName", "agent");
        });
        after(() => agent?.close());

        it("unknown user is an auth error; a wrong auth or privacy key is a timeout that names both keys", async () => {
            const good = {
                user: "monitor",
                securityLevel: "authPriv",
                authProtocol: "sha256",
                privProtocol: "aes",
                authKey: AUTH_KEY,
                privKey: PRIV_KEY,
            };
            assert.equal((await readName(agentPort, good)).name, "agent");
            const user = await readName(agentPort, { ...good, user: "intruder" });
            assert.equal(user.error?.code, "auth");
            assert.match(user.error.message, /unknown user name/);
            for (const change of [{ authKey: "not-the-auth-key" }, { privKey: "not-the-priv-key" }]) {
                const r = await readName(agentPort, { ...good, ...change });
                assert.equal(r.error?.code, "timeout", r.error?.message);
                assert.match(r.error.message, /authentication or privacy key/);
            }
        });
    });
});
