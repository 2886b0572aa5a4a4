import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow } from "node-red";
import type { Origin } from "./lib/mqtt/discovery";
import { topicPrefix } from "./lib/mqtt/topics";
import { DAY_MS, MqttPublisher, type Outcome } from "./lib/mqtt/publisher";
import { loadState } from "./lib/mqtt/state";
import { openState } from "./lib/durable";
import { plural, STATUS } from "./lib/status";

interface MqttDef extends NodeDef {
    prefix?: string;
    base?: string;
    discovery?: boolean | string;
    plain?: boolean | string;
    expireDays?: string | number;
    store?: string;
}

const TYPE = "snmp-office-mqtt";
/** Context key of what was published, where a persistent context store keeps the state. */
const CONTEXT_KEY = "published";

const PACKAGE = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as {
    name: string;
    version: string;
    repository?: { url?: string };
};

function origin(): Origin {
    const url = PACKAGE.repository?.url?.replace(/^git\+/, "").replace(/\.git$/, "");
    return url === undefined
        ? { name: PACKAGE.name, sw_version: PACKAGE.version }
        : { name: PACKAGE.name, sw_version: PACKAGE.version, support_url: url };
}

function flag(value: boolean | string | undefined, fallback: boolean): boolean {
    return value === undefined || value === "" ? fallback : value === true || value === "true";
}

/** Days unseen before removal: a whole number from 0 (never) to 3650; null when not one. */
function parseDays(value: unknown): number | null {
    if (value === undefined || value === null || value === "") return 30;
    const n = Number(value);
    return Number.isInteger(n) && n >= 0 && n <= 3650 ? n : null;
}

export = function (RED: NodeAPI): void {
    function SnmpOfficeMqttNode(this: Node, config: MqttDef): void {
        RED.nodes.createNode(this, config);
        const prefix = topicPrefix(config.prefix, "homeassistant");
        const base = topicPrefix(config.base, "snmp-office");
        const days = parseDays(config.expireDays);
        const problem =
            prefix === null
                ? RED._(`${TYPE}.errors.bad-prefix`, { value: String(config.prefix) })
                : base === null
                  ? RED._(`${TYPE}.errors.bad-base`, { value: String(config.base) })
                  : days === null
                    ? RED._(`${TYPE}.errors.bad-days`, { value: String(config.expireDays) })
                    : null;
        if (problem !== null || prefix === null || base === null || days === null) {
            this.error(problem);
            this.status(STATUS.noConfig(`${TYPE}.status.bad-config`));
            this.on("input", (_msg, _send, done) => done(new Error(problem ?? "bad setting")));
            return;
        }
        setup(this, config, {
            topics: { prefix, base },
            origin: origin(),
            discovery: flag(config.discovery, true),
            plain: flag(config.plain, true),
            expireMs: days * DAY_MS,
        });
    }

    function setup(
        node: Node,
        config: MqttDef,
        options: ConstructorParameters<typeof MqttPublisher>[1],
    ): void {
        const store = typeof config.store === "string" && config.store !== "" ? config.store : undefined;
        let publisher: MqttPublisher | null = null;
        let loading: Promise<MqttPublisher> | null = null;
        // What was published is kept over deploys and restarts (a file of the package, or the
        // configured context store), so that a restart does not publish every config again.
        const slot = openState(RED, node, {
            contextKey: CONTEXT_KEY,
            store,
            snapshot: () => publisher?.stored,
        });

        // Read back when the first message arrives; every message waits for the same read.
        function load(): Promise<MqttPublisher> {
            loading ??= slot.load().then((value) => {
                const loaded = loadState(value);
                if (loaded.unreadable) node.warn(RED._(`${TYPE}.errors.state-unreadable`));
                if (loaded.dropped > 0)
                    node.warn(RED._(`${TYPE}.errors.state-dropped`, { count: loaded.dropped }));
                publisher = new MqttPublisher(loaded.state, options);
                return publisher;
            });
            return loading;
        }

        function showStatus(p: MqttPublisher): void {
            const { devices, offline } = p.summary();
            const text = plural(devices, "device");
            node.status(offline > 0 ? STATUS.warning(`${text}, ${offline} offline`) : STATUS.ok(text));
        }

        function error(outcome: Extract<Outcome, { kind: "error" }>): Error {
            return new Error(RED._(`${TYPE}.errors.${outcome.error}`, { what: outcome.what }));
        }

        async function handle(msg: NodeMessageInFlow, send: (msgs: NodeMessage[][]) => void): Promise<void> {
            const p = await load();
            const outcome = p.handle(msg, Date.now());
            for (const note of p.notes.splice(0)) node.warn(note);
            if (outcome.messages.length > 0) send([outcome.messages as unknown as NodeMessage[]]);
            if (p.takeChanged()) slot.changed();
            showStatus(p);
            if (outcome.kind === "error") throw error(outcome);
            if (outcome.kind === "unknown-device")
                node.debug(RED._(`${TYPE}.errors.unknown-device`, { host: outcome.host }));
        }

        node.on("input", (msg, send, done) => {
            handle(msg, send).then(
                () => done(),
                (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
            );
        });

        // The slot writes on close by itself, and forgets the state when the node is deleted.
        node.on("close", () => node.status(STATUS.clear));
    }

    RED.nodes.registerType(TYPE, SnmpOfficeMqttNode);
};
