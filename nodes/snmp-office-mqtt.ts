import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow } from "node-red";
import type { Origin } from "./lib/mqtt/discovery";
import { topicPrefix } from "./lib/mqtt/topics";
import { DAY_MS, MqttPublisher, type Outcome } from "./lib/mqtt/publisher";
import { loadState } from "./lib/mqtt/state";
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
/** Context key of what was published, where the state is kept in a context store. */
const CONTEXT_KEY = "published";
/** Writes to the context store at most this often after a change (and on close). */
const SAVE_DELAY_MS = 1_000;

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
        let saveTimer: NodeJS.Timeout | undefined;

        // What was published is read back when the first message arrives (a context store
        // configured in settings.js is ready by then); every message waits for the same read.
        function load(): Promise<MqttPublisher> {
            loading ??= new Promise<MqttPublisher>((resolve) => {
                const start = (value: unknown): void => {
                    const loaded = loadState(value);
                    if (loaded.unreadable) node.warn(RED._(`${TYPE}.errors.state-unreadable`));
                    if (loaded.dropped > 0)
                        node.warn(RED._(`${TYPE}.errors.state-dropped`, { count: loaded.dropped }));
                    publisher = new MqttPublisher(loaded.state, options);
                    resolve(publisher);
                };
                try {
                    node.context().get(
                        CONTEXT_KEY,
                        store,
                        (err: Error | null | undefined, value: unknown) => {
                            if (err) node.warn(RED._(`${TYPE}.errors.state-read`, { message: err.message }));
                            start(err ? undefined : value);
                        },
                    );
                } catch (err) {
                    node.warn(RED._(`${TYPE}.errors.state-read`, { message: String(err) }));
                    start(undefined);
                }
            });
            return loading;
        }

        function save(then?: () => void): void {
            clearTimeout(saveTimer);
            saveTimer = undefined;
            if (publisher === null) {
                then?.();
                return;
            }
            const finish = (err?: Error | null): void => {
                if (err) node.warn(RED._(`${TYPE}.errors.state-write`, { message: err.message }));
                then?.();
            };
            try {
                node.context().set(CONTEXT_KEY, publisher.stored, store, finish);
            } catch (err) {
                finish(err instanceof Error ? err : new Error(String(err)));
            }
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
            if (p.takeChanged() && saveTimer === undefined) {
                saveTimer = setTimeout(() => save(), SAVE_DELAY_MS);
                saveTimer.unref();
            }
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

        node.on("close", (removed: boolean, done: () => void) => {
            node.status(STATUS.clear);
            // A removed node's context is deleted by Node-RED; otherwise keep what was published.
            if (removed) {
                clearTimeout(saveTimer);
                done();
            } else save(done);
        });
    }

    RED.nodes.registerType(TYPE, SnmpOfficeMqttNode);
};
