/**
 * The widgets of this package draw what node-red-contrib-snmp-office's view models say (its
 * nodes/lib/dashboard: one source for both dashboards), so that package is loaded from here:
 * installed beside this one (how users have it), else from the repository this package lives in
 * (a development checkout linked with `npm install <folder>`).
 */
import type { Node, NodeAPI, NodeDef } from "node-red";
import type * as Dashboard2 from "../../../nodes/lib/dashboard/dashboard2";
import type * as Durable from "../../../nodes/lib/durable";
import type { Board } from "../../../nodes/lib/dashboard/widget";
import type { NodeStatus } from "../../../nodes/lib/status";
import type * as Printers from "../../../nodes/lib/dashboard/printers";
import type * as Templates from "../../../nodes/lib/dashboard/templates";
import type * as Wifi from "../../../nodes/lib/dashboard/wifi";

export const MAIN_PACKAGE = "node-red-contrib-snmp-office";

export interface Shared {
    dashboard2: typeof Dashboard2;
    durable: typeof Durable;
    printers: typeof Printers;
    templates: typeof Templates;
    wifi: typeof Wifi;
}

function load(base: string): Shared {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
        dashboard2: require(`${base}/nodes/lib/dashboard/dashboard2`) as typeof Dashboard2,
        durable: require(`${base}/nodes/lib/durable`) as typeof Durable,
        printers: require(`${base}/nodes/lib/dashboard/printers`) as typeof Printers,
        templates: require(`${base}/nodes/lib/dashboard/templates`) as typeof Templates,
        wifi: require(`${base}/nodes/lib/dashboard/wifi`) as typeof Wifi,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

function notFound(err: unknown): boolean {
    return (err as { code?: unknown } | null)?.code === "MODULE_NOT_FOUND";
}

/** The shared modules, or why they cannot be loaded. */
export function loadShared(): Shared | Error {
    try {
        return load(MAIN_PACKAGE);
    } catch (err) {
        if (!notFound(err)) return err instanceof Error ? err : new Error(String(err));
    }
    try {
        return load("../../..");
    } catch (err) {
        if (!notFound(err)) return err instanceof Error ? err : new Error(String(err));
    }
    return new Error(
        `${MAIN_PACKAGE} is not installed: install it too (it polls the devices these widgets show)`,
    );
}

/** Message-catalog keys of the board's words live with the node-red-dashboard widget of the main package. */
export function mainCatalog(set: string): string {
    return `${MAIN_PACKAGE}/${set}`;
}

/** The editor properties of both panels. */
export interface PanelDef extends NodeDef {
    group?: string;
    stalePolls?: string | number;
    maxRows?: string | number;
}

type Translate = (key: string, subs?: Record<string, string | number>) => string;

/** What one panel draws: its board, status summary and page words (from the main package). */
export interface PanelSpec {
    /** The node type (ui-printer-supplies). */
    type: string;
    /** The node-red-dashboard widget of the main package whose catalog has the page's words. */
    set: string;
    make(
        shared: Shared,
        config: PanelDef,
        t: Translate,
    ): {
        board: Board<unknown>;
        summary(view: unknown): NodeStatus;
        labels: Record<string, string>;
    };
}

/** Register a panel node type: a thin adapter from Node-RED to Dashboard2Widget. */
export function registerPanel(RED: NodeAPI, spec: PanelSpec): void {
    const shared = loadShared();
    const { type } = spec;

    function PanelNode(this: Node, config: PanelDef): void {
        RED.nodes.createNode(this, config);
        if (shared instanceof Error) {
            this.status({ fill: "red", shape: "ring", text: `${type}.status.no-main` });
            this.error(`${type}: ${shared.message}`);
            this.on("input", (_msg, _send, done) => done(shared));
            return;
        }
        const words = mainCatalog(spec.set);
        const t: Translate = (key, subs) => RED._(`${words}:${key}`, subs);
        const { dashboard2 } = shared;
        const panel = spec.make(shared, config, t);
        // The cards and history lines are kept over deploys and restarts, as on node-red-dashboard.
        const store = shared.durable.openState(RED, this, {
            contextKey: "panel",
            snapshot: () => panel.board.snapshot(),
        });
        const widget = new dashboard2.Dashboard2Widget({
            node: this,
            type,
            // Dashboard 2 sends these props to the page: the labels come from the same catalog.
            config: { ...config, labels: panel.labels },
            group: config.group ? dashboard2.asGroup(RED.nodes.getNode(config.group)) : null,
            board: panel.board,
            summary: (view) => panel.summary(view),
            timers: dashboard2.realTimers(),
            store,
        });
        widget.start();
        this.on("close", (_removed: boolean, done: () => void) => {
            widget.close();
            done();
        });
    }

    RED.nodes.registerType(type, PanelNode);
}
