/**
 * The widget glue for Dashboard 2 (@flowfuse/node-red-dashboard): register the node with its
 * ui-group, turn every message into the board's view before the dashboard stores and sends it,
 * and push the view again when it changes by itself (a device turning stale).
 *
 * The same boards as on node-red-dashboard (printers.ts, wifi.ts) make the view; the Vue
 * components of node-red-dashboard-2-snmp-office only draw it. What Dashboard 2 does with the
 * hooks is in its nodes/config/ui_base.js: `beforeSend` runs first and may replace the message,
 * `onInput` replaces its default handler (so this one stores the view for tabs opened later),
 * and the dashboard then emits the message to every open page as `msg-input:<id>`.
 *
 * Structural types only: no node-red or dashboard import here, so tests drive it with fakes.
 */
import { STATUS, type NodeStatus } from "../status";
import { BoardFeed, type BoardStore } from "./feed";
import { realTimers, type Board, type Timers } from "./widget";

export { realTimers };

type Msg = Record<string, unknown>;

/** What is used of a ui-base node (nodes/config/ui_base.js). */
export interface Dashboard2Base {
    emit(event: string, msg: Msg, node: unknown): void;
    stores: { data: { save(base: unknown, node: unknown, msg: Msg): void } };
}

/** The hooks a widget gives ui-group's register(). */
export interface Dashboard2Events {
    beforeSend(msg: Msg): Msg;
    onInput(msg: Msg, send: unknown): void;
}

/** What is used of a ui-group node (nodes/config/ui_group.js). */
export interface Dashboard2Group {
    register(node: unknown, config: Msg, events: Dashboard2Events): void;
    getBase(): Dashboard2Base;
}

/** The node as this module uses it. */
export interface Widget2Node {
    id: string;
    status(status: NodeStatus): void;
    error(text: string): void;
    warn(text: string): void;
}

export interface Widget2Options<V> {
    node: Widget2Node;
    /** The node type, for message-catalog keys of the status texts. */
    type: string;
    /** The node's config as Dashboard 2 wants it (it sends these props to every browser). */
    config: Msg;
    /** The ui-group node, or null when none is selected or it is missing. */
    group: Dashboard2Group | null;
    board: Board<V>;
    summary(view: V): NodeStatus;
    timers: Timers;
    /** Keeps the board over deploys and restarts (a DurableSlot); none: memory only. */
    store?: BoardStore;
}

/** Check that a node found by id is a Dashboard 2 group (it has register and getBase). */
export function asGroup(value: unknown): Dashboard2Group | null {
    const g = value as Partial<Dashboard2Group> | null | undefined;
    return g && typeof g.register === "function" && typeof g.getBase === "function"
        ? (g as Dashboard2Group)
        : null;
}

export class Dashboard2Widget<V> {
    private readonly o: Widget2Options<V>;
    private readonly feed: BoardFeed<V>;
    private base?: Dashboard2Base;

    constructor(options: Widget2Options<V>) {
        this.o = options;
        this.feed = new BoardFeed(options.board, options.timers, () => this.push(), options.store);
    }

    start(): void {
        this.register();
        const { node, type } = this.o;
        this.feed.restore(this.base !== undefined, (text) => node.warn(`${type}: ${text}`));
    }

    private register(): void {
        const { node, type, group } = this.o;
        if (group === null) {
            node.status(STATUS.noConfig(`${type}.status.no-group`));
            node.error(
                `${type}: no dashboard group selected (or the group was deleted); pick one in the node`,
            );
            return;
        }
        try {
            this.base = group.getBase();
            group.register(node, this.o.config, {
                beforeSend: (msg) => this.beforeSend(msg),
                onInput: (msg) => this.store(msg),
            });
        } catch (err) {
            this.base = undefined;
            node.status(STATUS.error(`${type}.status.dashboard-error`));
            node.error(`${type}: Dashboard 2 refused the widget: ${String(err)}`);
            return;
        }
        node.status(STATUS.idle(`${type}.status.waiting`));
        // A board that starts with a history (read back after a restart) shows it at once.
        if (this.o.board.size > 0) this.push();
    }

    /**
     * Every message becomes the view: the dashboard stores and sends what this returns. A message
     * the board refuses throws, and Dashboard 2 hands the error to `done` (Catch nodes see it).
     */
    private beforeSend(msg: Msg): Msg {
        const problem = this.feed.take(msg);
        if (problem !== undefined) throw new Error(problem);
        this.feed.schedule();
        return this.viewMessage(this.feed.changedView().view);
    }

    private viewMessage(view: V): Msg {
        this.o.node.status(this.o.summary(view));
        return { payload: view };
    }

    /** Keep the view as the widget's last message: a page opened later asks for it. */
    private store(msg: Msg): void {
        this.base?.stores.data.save(this.base, this.o.node, msg);
    }

    /** Send the view to every open page with no message coming in (a device turned stale). */
    private push(): void {
        const base = this.base;
        if (base === undefined) return;
        const { view, changed } = this.feed.changedView();
        if (!changed) return;
        const msg = this.viewMessage(view);
        this.store(msg);
        base.emit(`msg-input:${this.o.node.id}`, msg, this.o.node);
    }

    close(): void {
        this.feed.close();
        this.base = undefined;
        this.o.node.status(STATUS.clear);
    }
}
