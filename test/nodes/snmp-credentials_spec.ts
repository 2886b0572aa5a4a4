/**
 * The snmp-credentials config node: settings by name, secrets kept as Node-RED credentials and
 * never in the flow, its export, or the credentials the editor can read back.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { helper } from "../helpers/nodered";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";
import type { SnmpConfigNode } from "../../nodes/lib/batch";
import { DEFAULT_CONCURRENCY, sharedLimiter } from "../../nodes/lib/snmp/limiter";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const credentialsNode = require("../../nodes/snmp-credentials") as unknown;

const SECRETS = {
    community: "c0mmunity-s3cret",
    user: "monitor",
    authKey: "auth-passphrase-s3cret",
    privKey: "priv-passphrase-s3cret",
};

describe("snmp-credentials node", function () {
    before(() => helper.startServer());
    after(() => helper.stopServer());
    afterEach(() => helper.unload());

    it("normalises the settings it is given by name", async () => {
        const flow = [
            {
                id: "c1",
                type: "snmp-credentials",
                version: "3",
                port: "1161",
                timeout: "2500",
                retries: "2",
                maxRepetitions: "10",
                securityLevel: "authPriv",
                authProtocol: "SHA-256",
                privProtocol: "AES-256 Blumenthal",
                context: "Jetdirect",
            },
        ];
        await helper.load(credentialsNode, flow, { c1: SECRETS });
        const node = helper.getNode("c1") as unknown as SnmpConfigNode;
        assert.ok(node.settings, String(node.configError?.message));
        assert.equal(node.settings.version, "3");
        assert.equal(node.settings.port, 1161);
        assert.equal(node.settings.timeout, 2500);
        assert.equal(node.settings.retries, 2);
        assert.equal(node.settings.maxRepetitions, 10);
        assert.equal(node.settings.authProtocol, "sha256");
        assert.equal(node.settings.privProtocol, "aes256b");
        assert.equal(node.settings.context, "Jetdirect");
        assert.equal(node.settings.user, "monitor");
        assert.ok(node.pool, "a session pool is ready");
    });

    it("takes the process-wide limit of devices polled at once from settings.js", async () => {
        try {
            helper.settings({ snmpCredentialsConcurrency: 5 });
            await helper.load(credentialsNode, [{ id: "c1", type: "snmp-credentials" }]);
            assert.equal(sharedLimiter.limit, 5);
        } finally {
            helper.settings({});
            sharedLimiter.setLimit(DEFAULT_CONCURRENCY);
        }
    });

    it("defaults to SNMPv2c, port 161 and community public", async () => {
        await helper.load(credentialsNode, [{ id: "c1", type: "snmp-credentials" }]);
        const node = helper.getNode("c1") as unknown as SnmpConfigNode;
        assert.equal(node.settings?.version, "2c");
        assert.equal(node.settings?.port, 161);
        assert.equal(node.settings?.community, "public");
    });

    it("reports an invalid setting as a config error that names the field, not the secret", async () => {
        await helper.load(
            credentialsNode,
            [{ id: "c1", type: "snmp-credentials", version: "3", authProtocol: "SHA-999" }],
            {
                c1: SECRETS,
            },
        );
        const node = helper.getNode("c1") as unknown as SnmpConfigNode;
        assert.equal(node.settings, undefined);
        assert.equal(node.configError?.code, "config");
        assert.match(node.configError?.message ?? "", /authProtocol/);
        for (const secret of [SECRETS.community, SECRETS.authKey, SECRETS.privKey]) {
            assert.ok(!(node.configError?.message ?? "").includes(secret));
        }
    });
});

describe("snmp-credentials secrets in a real runtime", function () {
    this.timeout(60_000);
    let rt: ChildRuntime;
    before(async () => {
        rt = await startChildRuntime({ flows: [] });
    });
    after(async () => {
        await rt?.stop();
    });

    it("keeps community and keys out of the saved flow, the export and the editor's credential view", async () => {
        // Deploy the way the editor does: credentials travel with the node in the deploy request.
        const flow = [
            { id: "t1", type: "tab", label: "Flow 1" },
            {
                id: "c1",
                type: "snmp-credentials",
                version: "3",
                securityLevel: "authPriv",
                authProtocol: "sha256",
                privProtocol: "aes",
                credentials: SECRETS,
            },
        ];
        const deploy = await fetch(`${rt.url}/flows`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Node-RED-Deployment-Type": "full" },
            body: JSON.stringify(flow),
        });
        assert.ok(deploy.ok, `deploy failed: ${deploy.status} ${await deploy.text()}`);

        const exported = await (await fetch(`${rt.url}/flows`)).text();
        const saved = readFileSync(join(rt.userDir, "flows.json"), "utf8");
        const savedCreds = readFileSync(join(rt.userDir, "flows_cred.json"), "utf8");
        for (const secret of [SECRETS.community, SECRETS.authKey, SECRETS.privKey]) {
            assert.ok(!exported.includes(secret), "the flow as exported must not contain a secret");
            assert.ok(!saved.includes(secret), "flows.json must not contain a secret");
            assert.ok(!savedCreds.includes(secret), "flows_cred.json is encrypted");
        }
        assert.ok(exported.includes('"snmp-credentials"'), "the config node itself is exported");

        const view = (await (await fetch(`${rt.url}/credentials/snmp-credentials/c1`)).json()) as Record<
            string,
            unknown
        >;
        assert.equal(view.has_community, true);
        assert.equal(view.has_authKey, true);
        assert.equal(view.has_privKey, true);
        assert.equal(view.community, undefined);
        assert.equal(view.authKey, undefined);
        assert.equal(view.privKey, undefined);
        assert.equal(view.user, "monitor", "the user name is not a secret and the editor shows it");
        assert.ok(!rt.output().includes(SECRETS.authKey), "nothing logged the key");
    });
});
