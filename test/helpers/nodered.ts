/**
 * node-red-node-test-helper, typed for our tests, and the things every flow test repeats.
 * The helper must be initialised once per process with the runtime it drives.
 */
import type { Node, NodeMessage } from "node-red";
import type { NodeStatus } from "../../nodes/lib/status";

export interface TestHelper {
    init(runtimePath: string, userSettings?: Record<string, unknown>): void;
    settings(userSettings: Record<string, unknown>): void;
    load(
        nodes: unknown,
        flow: unknown[],
        credentials?: Record<string, Record<string, unknown>>,
    ): Promise<void>;
    unload(): Promise<void>;
    getNode(id: string): (Node & { receive(msg: Record<string, unknown>): void }) | null;
    startServer(): Promise<void>;
    stopServer(): Promise<void>;
    setFlows(flow: unknown[], type?: string, credentials?: Record<string, unknown>): Promise<void>;
    request(): {
        get(path: string): { expect(status: number): Promise<{ body: unknown; text: string }> };
    };
    url(): string;
    log(): { args: unknown[][] };
    _RED: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const helper = require("node-red-node-test-helper") as TestHelper;
helper.init(require.resolve("node-red"));

/** All node modules of the package, for helper.load(). */
export function allNodes(): unknown[] {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const list: unknown[] = [
        require("../../nodes/snmp-credentials"),
        require("../../nodes/printer-supplies"),
        require("../../nodes/ap-clients"),
        require("../../nodes/threshold-alert"),
        require("../../nodes/supply-forecast"),
        require("../../nodes/snmp-office-mqtt"),
    ];
    /* eslint-enable @typescript-eslint/no-require-imports */
    return list;
}

/** Resolve with the next `count` messages a helper node receives. */
export function collect(node: Node | null, count: number, timeoutMs = 15_000): Promise<NodeMessage[]> {
    if (!node) return Promise.reject(new Error("node not found"));
    return new Promise((resolve, reject) => {
        const got: NodeMessage[] = [];
        const timer = setTimeout(
            () => reject(new Error(`expected ${count} messages, got ${got.length}`)),
            timeoutMs,
        );
        node.on("input", (msg: NodeMessage) => {
            got.push(msg);
            if (got.length === count) {
                clearTimeout(timer);
                resolve(got);
            }
        });
    });
}

/** Record every status a node shows from now on (the node still shows them). */
export function recordStatuses(node: Node): NodeStatus[] {
    const n = node as unknown as { status(s: NodeStatus): void };
    const seen: NodeStatus[] = [];
    const original = n.status.bind(n);
    n.status = (s: NodeStatus) => {
        seen.push(s);
        original(s);
    };
    return seen;
}

/** Resolve once `check()` holds; reject naming `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
    }
}
