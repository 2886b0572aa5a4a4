import type { Node, NodeAPI, NodeDef } from "node-red";
import { DiscoverRunner } from "./lib/discover/runner";
import { DEFAULT_MAX_ADDRESSES, HARD_MAX_ADDRESSES } from "./lib/discover/range";
import { DEFAULT_CONCURRENCY, DEFAULT_SCAN_TIMEOUT, MAX_CONCURRENCY } from "./lib/discover/scan";
import type { SnmpConfigNode } from "./lib/batch";
import { nodeApi } from "./lib/query-node";

interface DiscoverDef extends NodeDef {
    snmp?: string;
    snmp2?: string;
    snmp3?: string;
    snmp4?: string;
    range?: string;
    concurrency?: string | number;
    timeout?: string | number;
    retries?: string | number;
    maxAddresses?: string | number;
}

const TYPE = "snmp-discover";
/** Where the previous scan is kept in the node's context (for new and gone). */
const CONTEXT_KEY = "previousScan";

/** A whole number from the editor within [min, max], else the default. */
function whole(value: unknown, fallback: number, min: number, max: number): number {
    const n = Number(value);
    return value !== "" && value !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export = function (RED: NodeAPI): void {
    function SnmpDiscoverNode(this: Node, config: DiscoverDef): void {
        RED.nodes.createNode(this, config);
        const configNode = (id: string | undefined): SnmpConfigNode | null =>
            id ? (RED.nodes.getNode(id) as unknown as SnmpConfigNode | null) : null;
        const context = this.context();
        const runner = new DiscoverRunner({
            api: nodeApi(RED, this, TYPE),
            config: configNode(config.snmp),
            more: [config.snmp2, config.snmp3, config.snmp4].map(configNode),
            range: config.range ?? "",
            concurrency: whole(config.concurrency, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY),
            timeout: whole(config.timeout, DEFAULT_SCAN_TIMEOUT, 50, 60_000),
            retries: whole(config.retries, 0, 0, 5),
            maxAddresses: whole(config.maxAddresses, DEFAULT_MAX_ADDRESSES, 1, HARD_MAX_ADDRESSES),
            store: {
                get: () => context.get(CONTEXT_KEY),
                set: (value) => context.set(CONTEXT_KEY, value),
            },
        });
        this.on("input", (msg, send, done) => {
            runner.handle(msg, send, done);
        });
        this.on("close", (_removed: boolean, done: () => void) => {
            runner.close().then(
                () => done(),
                () => done(),
            );
        });
    }

    RED.nodes.registerType(TYPE, SnmpDiscoverNode);
};
