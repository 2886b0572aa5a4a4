/**
 * What both dashboard widgets share: find node-red-dashboard, register the widget with its
 * `addWidget` API, keep the board (the latest reading per device) and push its view model to the
 * page when it changes, including when a device turns stale without any message arriving.
 *
 * node-red-dashboard is optional. Without it (not installed, or RED.require refuses, as in the
 * test helper) the node loads, shows a grey "no dashboard" ring, accepts messages and drops them.
 *
 * The node file passes in the few runtime functions used (require, timers, the node's own
 * methods), so this file has no node-red import and tests can drive it with a fake clock.
 */
import { STATUS, type NodeStatus } from "../status";
import { BoardFeed, type BoardStore } from "./feed";
import type { RestoreResult } from "./saved";

/** The part of node-red-dashboard's module API used here (index.js). */
export interface DashboardApi {
    addWidget(options: Record<string, unknown>): (() => void) | undefined;
}

/**
 * Load node-red-dashboard's widget API; never throws. `load` is
 * `() => RED.require("node-red-dashboard")(RED)` in a node.
 */
export function loadDashboard(load: () => unknown): { api?: DashboardApi; reason?: string } {
    try {
        const api = load() as Partial<DashboardApi> | undefined;
        if (api === undefined || api === null || typeof api.addWidget !== "function") {
            return { reason: "node-red-dashboard has no addWidget()" };
        }
        return { api: api as DashboardApi };
    } catch (err) {
        return { reason: err instanceof Error ? err.message : String(err) };
    }
}

/** A board: the widget's state and view model (printers.ts, wifi.ts). */
export interface Board<V> {
    readonly size: number;
    update(msg: Record<string, unknown>, now: number): string | undefined;
    view(now: number): V;
    nextChange(now: number): number | undefined;
    clear(): void;
    /** What is kept over deploys and restarts (saved.ts), and taking it back. */
    snapshot(): unknown;
    restore(saved: unknown, now: number): RestoreResult;
}

type Msg = Record<string, unknown>;

/** The node as this module uses it. */
export interface WidgetNode {
    status(status: NodeStatus): void;
    /** Log one line (config problems). */
    error(text: string): void;
    warn(text: string): void;
    /** Register an input or close handler (node.on). */
    on(event: "input", handler: (msg: Msg, send: unknown, done: (err?: Error) => void) => void): void;
    /** Feed a message into the node's own input handlers (node.receive). */
    receive(msg: Msg): void;
}

export interface Timers {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export interface WidgetOptions<V> {
    node: WidgetNode;
    /** The node type, for message-catalog keys of the status texts. */
    type: string;
    dashboard: { api?: DashboardApi; reason?: string };
    /** The ui_group config node (its id and width), or null when none is selected or it is missing. */
    group: { id: string; width?: unknown } | null;
    /** Dashboard 2 is installed (then a missing node-red-dashboard is worth a log line). */
    dashboard2: boolean;
    width: number;
    /** 0 = automatic: the page fits the widget to its content (templates.ts). */
    height: number;
    order: number;
    format: string;
    initController?: string;
    /** The log line when node-red-dashboard is missing but Dashboard 2 is there. */
    needsDashboard: string;
    board: Board<V>;
    /** Short status summary of the view (green dot). */
    summary(view: V): NodeStatus;
    timers: Timers;
    /** Keeps the board over deploys and restarts (a DurableSlot); none: memory only. */
    store?: BoardStore;
}

/** What the widget node files read from RED (structural: no node-red import here). */
export interface RedForWidgets {
    require(module: string): unknown;
    nodes: { getNode(id: string): unknown; eachNode?(cb: (node: { type?: unknown }) => void): void };
}

/** The editor properties every widget has. */
export interface PlacementDef {
    group?: string;
    order?: string | number;
    width?: string | number;
    height?: string | number;
}

/**
 * The part of a widget's options that is the same for every widget: the dashboard itself (or
 * why it is missing), the group, size, order and real timers.
 */
export function widgetPlacement(
    RED: RedForWidgets,
    config: PlacementDef,
): Pick<
    WidgetOptions<unknown>,
    "dashboard" | "dashboard2" | "group" | "width" | "height" | "order" | "timers"
> {
    // RED.require throws "Module not allowed" when the dashboard is not installed (and in the
    // test helper): the widget then stays a harmless node with a grey status.
    const dashboard = loadDashboard(() => {
        const factory = RED.require("node-red-dashboard") as (red: RedForWidgets) => unknown;
        return factory(RED);
    });
    const group = config.group
        ? (RED.nodes.getNode(config.group) as { id: string; config?: { width?: unknown } } | null)
        : null;
    return {
        dashboard,
        // ui-base is Dashboard 2's site node: in the flows when Dashboard 2 is in use (flows with a
        // type that is not installed do not start, so it is installed too).
        dashboard2: usesDashboard2(RED),
        group: group ? { id: group.id, width: group.config?.width } : null,
        width: Number(config.width) || 0,
        height: Number(config.height) || 0,
        order: Number(config.order) || 0,
        timers: realTimers(),
    };
}

function usesDashboard2(RED: RedForWidgets): boolean {
    let found = false;
    RED.nodes.eachNode?.((n) => {
        if (n.type === "ui-base") found = true;
    });
    return found;
}

/** The process's clock and timers. */
export function realTimers(): Timers {
    return {
        now: () => Date.now(),
        setTimeout,
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
}

export class DashboardWidget<V> {
    private readonly o: WidgetOptions<V>;
    private readonly feed: BoardFeed<V>;
    private closeWidget?: () => void;
    private dirty = true;
    /** Messages this node sent itself to make the dashboard re-read the view. */
    private readonly ticks = new WeakSet<object>();

    constructor(options: WidgetOptions<V>) {
        this.o = options;
        this.feed = new BoardFeed(
            options.board,
            options.timers,
            () => {
                const tick: Msg = {};
                this.ticks.add(tick);
                this.o.node.receive(tick);
            },
            options.store,
        );
    }

    /** Register the node's input handler, then the dashboard widget (whose handler runs second). */
    start(): void {
        this.register();
        const { node, type } = this.o;
        this.feed.restore(this.closeWidget !== undefined, (text) => node.warn(`${type}: ${text}`));
    }

    private register(): void {
        const { node, dashboard, type } = this.o;
        node.on("input", (msg, _send, done) => this.input(msg, done));
        if (dashboard.api === undefined) {
            node.status(STATUS.idle(`${type}.status.no-dashboard`));
            // Most likely a Dashboard 2 user who took the wrong panel: tell them which one to take.
            if (this.o.dashboard2) node.warn(`${type}: ${this.o.needsDashboard}`);
            return;
        }
        if (this.o.group === null) {
            node.status(STATUS.noConfig(`${type}.status.no-group`));
            node.error(
                `${type}: no dashboard group selected (or the group was deleted); pick one in the node`,
            );
            return;
        }
        const groupWidth = Number(this.o.group.width) || 6;
        const width = this.o.width > 0 ? Math.min(this.o.width, groupWidth) : groupWidth;
        try {
            this.closeWidget = dashboard.api.addWidget({ node, ...this.widgetOptions(width) });
        } catch (err) {
            node.status(STATUS.error(`${type}.status.dashboard-error`));
            node.error(`${type}: node-red-dashboard refused the widget: ${String(err)}`);
            return;
        }
        node.status(STATUS.idle(`${type}.status.waiting`));
    }

    /** The options for addWidget (index.js of node-red-dashboard documents each). */
    private widgetOptions(width: number): Record<string, unknown> {
        const { format, initController, order } = this.o;
        const options: Record<string, unknown> = {
            format,
            group: this.o.group?.id,
            width,
            height: Math.max(0, this.o.height),
            order,
            templateScope: "local",
            // The convert step below decides what is new; the node has no output to forward to.
            emitOnlyNewValues: true,
            forwardInputMessages: false,
            storeFrontEndInputAsState: false,
            // New browser tabs get the last view (the dashboard replays it on connect).
            persistantFrontEndValue: true,
            convert: (_value: unknown, oldValue: unknown, msg: Msg): unknown => this.convert(oldValue, msg),
            beforeEmit: (_msg: Msg, view: V): Record<string, unknown> => ({ msg: { payload: view } }),
        };
        if (initController !== undefined) options.initController = initController;
        return options;
    }

    private input(msg: Msg, done: (err?: Error) => void): void {
        // A tick is for the dashboard's handler only; it is not a message anyone sent, so it is
        // not "done" either (a Complete node watching the widget must not fire on it).
        if (this.ticks.has(msg)) return;
        const problem = this.feed.take(msg);
        if (problem !== undefined) {
            done(new Error(problem));
            return;
        }
        this.dirty = true;
        done();
        if (this.closeWidget !== undefined) this.feed.schedule();
    }

    /** addWidget's convert: the new view when something changed, else the old one (no emit). */
    private convert(oldValue: unknown, msg: Msg): unknown {
        if (!this.dirty && !this.ticks.has(msg)) return oldValue;
        this.dirty = false;
        if (oldValue === undefined) this.feed.forget();
        const { view, changed } = this.feed.changedView();
        if (!changed) return oldValue;
        if (this.o.dashboard.api !== undefined && this.o.group !== null)
            this.o.node.status(this.o.summary(view));
        return view;
    }

    close(): void {
        this.feed.close();
        try {
            this.closeWidget?.();
        } catch {
            // The dashboard is going away too; nothing left to tidy.
        }
        this.closeWidget = undefined;
        this.o.node.status(STATUS.clear);
    }
}
