import type { Node, NodeAPI, NodeDef } from "node-red";
import { checkLegacyCrypto } from "./lib/snmp/crypto-check";
import { SnmpError } from "./lib/snmp/errors";
import { DEFAULT_CONCURRENCY, sharedLimiter } from "./lib/snmp/limiter";
import { SessionPool } from "./lib/snmp/pool";
import { describeSettings, normalizeSettings, type SessionSettings } from "./lib/snmp/settings";
import { defaultDeadline, type SnmpConfigNode } from "./lib/batch";

interface CredentialsDef extends NodeDef {
    version?: string;
    port?: string | number;
    timeout?: string | number;
    retries?: string | number;
    maxRepetitions?: string | number;
    maxRows?: string | number;
    deadline?: string | number;
    securityLevel?: string;
    authProtocol?: string;
    privProtocol?: string;
    context?: string;
}

interface Credentials {
    community: unknown;
    user: unknown;
    authKey: unknown;
    privKey: unknown;
}

type CredentialsNode = Node<Credentials> & SnmpConfigNode;

/** settings.js: how many devices all query nodes together poll at once (default 32). */
const CONCURRENCY_SETTING = "snmpCredentialsConcurrency";

export = function (RED: NodeAPI): void {
    const configured = (RED.settings as unknown as Record<string, unknown>)[CONCURRENCY_SETTING];
    if (configured !== undefined) {
        const n = Number(configured);
        if (Number.isInteger(n) && n >= 1 && n <= 10_000) sharedLimiter.setLimit(n);
        else
            RED.log.warn(
                `${CONCURRENCY_SETTING} must be a whole number from 1 to 10000; using ${DEFAULT_CONCURRENCY}`,
            );
    }

    function SnmpCredentialsNode(this: CredentialsNode, config: CredentialsDef): void {
        RED.nodes.createNode(this, config);
        const creds: Partial<Credentials> = this.credentials ?? {};
        let settings: SessionSettings;
        try {
            settings = normalizeSettings({ ...config, ...creds });
        } catch (err) {
            this.configError = err instanceof SnmpError ? err : new SnmpError("config", String(err));
            this.error(this.configError.message);
            return;
        }
        this.settings = settings;
        const deadline = Number(config.deadline);
        this.deadline = deadline >= 1000 ? deadline : defaultDeadline(settings);
        this.pool = new SessionPool(settings);
        const warning = checkLegacyCrypto(settings);
        if (warning) this.warn(warning);
        this.debug(`using ${describeSettings(settings)}`);

        this.on("close", (_removed: boolean, done: () => void) => {
            this.pool?.close();
            done();
        });
    }

    RED.nodes.registerType("snmp-credentials", SnmpCredentialsNode, {
        credentials: {
            community: { type: "password" },
            user: { type: "text" },
            authKey: { type: "password" },
            privKey: { type: "password" },
        },
    });
};
