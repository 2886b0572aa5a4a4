/**
 * The widget glue (nodes/lib/dashboard/widget.ts) between a node, its board and
 * node-red-dashboard's addWidget API, driven with a fake clock. The fake dashboard below does
 * what ui.js of node-red-dashboard 3.6 does with a message (convert, compare with the old value,
 * beforeEmit, keep the replay copy); the browser tests run the real one.
 */
import assert from "node:assert/strict";
import { PrinterBoard, printerStatus, type PrinterView } from "../../nodes/lib/dashboard/printers";
import type { NodeStatus } from "../../nodes/lib/status";
import {
    Dashboard2Widget,
    type Dashboard2Base,
    type Dashboard2Events,
    type Dashboard2Group,
} from "../../nodes/lib/dashboard/dashboard2";
import {
    DashboardWidget,
    loadDashboard,
    type DashboardApi,
    type Timers,
    type WidgetNode,
} from "../../nodes/lib/dashboard/widget";

type Msg = Record<string, unknown>;
type Handler = (msg: Msg, send: unknown, done: (err?: Error) => void) => void;

class FakeNode implements WidgetNode {
    statuses: NodeStatus[] = [];
    errors: string[] = [];
    done: (Error | undefined)[] = [];
    handlers: Handler[] = [];
    status(s: NodeStatus): void {
        this.statuses.push(s);
    }
    error(text: string): void {
        this.errors.push(text);
    }
    warnings: string[] = [];
    warn(text: string): void {
        this.warnings.push(text);
    }
    on(_event: "input", handler: Handler): void {
        this.handlers.push(handler);
    }
    /** Like Node-RED: every input handler, in the order registered. */
    receive(msg: Msg): void {
        for (const h of this.handlers)
            h(
                msg,
                () => undefined,
                (err) => this.done.push(err),
            );
    }
    get lastStatus(): NodeStatus | undefined {
        return this.statuses[this.statuses.length - 1];
    }
}

class FakeClock implements Timers {
    time = Date.UTC(2026, 10, 21, 9, 0, 0);
    private queue: { at: number; fn: () => void; id: number }[] = [];
    private nextId = 1;
    now(): number {
        return this.time;
    }
    setTimeout(fn: () => void, ms: number): unknown {
        const id = this.nextId++;
        this.queue.push({ at: this.time + ms, fn, id });
        return id;
    }
    clearTimeout(handle: unknown): void {
        this.queue = this.queue.filter((q) => q.id !== handle);
    }
    get pending(): number {
        return this.queue.length;
    }
    advance(ms: number): void {
        const end = this.time + ms;
        for (;;) {
            this.queue.sort((a, b) => a.at - b.at);
            const next = this.queue[0];
            if (next === undefined || next.at > end) break;
            this.queue.shift();
            this.time = next.at;
            next.fn();
        }
        this.time = end;
    }
}

/** node-red-dashboard's ui.add, reduced to what it does with our options. */
class FakeDashboard implements DashboardApi {
    options?: Record<string, unknown>;
    emitted: Record<string, unknown>[] = [];
    replay?: Record<string, unknown>;
    removed = false;
    private current: unknown;
    addWidget(options: Record<string, unknown>): () => void {
        this.options = options;
        const node = options.node as FakeNode;
        const convert = options.convert as (v: unknown, old: unknown, msg: Msg) => unknown;
        const beforeEmit = options.beforeEmit as (msg: Msg, value: unknown) => Record<string, unknown>;
        node.on("input", (msg) => {
            const value = convert(msg.payload, this.current, msg);
            if (options.emitOnlyNewValues === false || value !== this.current) {
                this.current = value;
                const out = beforeEmit(msg, value);
                this.emitted.push(out);
                if (options.persistantFrontEndValue === true) this.replay = out;
            }
        });
        return () => {
            this.removed = true;
        };
    }
    lastView(): PrinterView {
        const last = this.emitted[this.emitted.length - 1] as { msg: { payload: PrinterView } } | undefined;
        assert.ok(last, "something was emitted");
        return last.msg.payload;
    }
}

const echo = (key: string, subs?: Record<string, string | number>): string =>
    subs === undefined ? key : `${key} ${JSON.stringify(subs)}`;

function reading(host: string, time: number): Msg {
    return {
        payload: {
            device: host,
            host,
            reachable: true,
            time: new Date(time).toISOString(),
            status: "idle",
            supplies: [
                { id: "1.1", name: "Black", color: "black", class: "consumed", percent: 50, state: "ok" },
            ],
        },
    };
}

function widget(
    node: FakeNode,
    clock: FakeClock,
    dashboard: FakeDashboard | undefined,
    over: { height?: number; group?: { id: string; width?: unknown } | null; dashboard2?: boolean } = {},
): DashboardWidget<PrinterView> {
    return new DashboardWidget<PrinterView>({
        node,
        type: "ui_printer_supplies",
        dashboard: dashboard ? { api: dashboard } : { reason: "Module not allowed" },
        dashboard2: over.dashboard2 ?? false,
        needsDashboard: "needs node-red-dashboard; for Dashboard 2 install node-red-dashboard-2-snmp-office",
        group: over.group === undefined ? { id: "g1", width: "8" } : over.group,
        width: 0,
        height: over.height ?? 0,
        order: 3,
        format: "<div>{{msg.payload.summary}}</div>",
        board: new PrinterBoard({ stalePolls: 3 }, echo),
        summary: printerStatus,
        timers: clock,
    });
}

describe("dashboard widget glue", () => {
    it("finds the dashboard through RED.require, and reports why it cannot", () => {
        const api = new FakeDashboard();
        assert.equal(loadDashboard(() => api).api, api);
        assert.equal(
            loadDashboard(() => {
                throw new Error("Module not allowed");
            }).reason,
            "Module not allowed",
        );
        assert.match(loadDashboard(() => ({})).reason ?? "", /no addWidget/);
        assert.match(loadDashboard(() => null).reason ?? "", /no addWidget/);
    });

    it("without a dashboard: grey 'no dashboard', messages accepted, bad ones refused", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const w = widget(node, clock, undefined);
        w.start();
        assert.deepEqual(node.lastStatus, {
            fill: "grey",
            shape: "ring",
            text: "ui_printer_supplies.status.no-dashboard",
        });
        node.receive(reading("10.0.0.1", clock.now()));
        node.receive({ payload: 12 });
        assert.equal(node.done.length, 2);
        assert.equal(node.done[0], undefined);
        assert.match(node.done[1]?.message ?? "", /not-a-reading/);
        assert.equal(clock.pending, 0, "no timers without a widget");
        assert.deepEqual(node.errors, []);
        w.close();
    });

    it("under Dashboard 2 alone: says in one log line which package to install instead", () => {
        const node = new FakeNode();
        widget(node, new FakeClock(), undefined, { dashboard2: true }).start();
        assert.equal(node.lastStatus?.text, "ui_printer_supplies.status.no-dashboard");
        assert.deepEqual(node.warnings, [
            "ui_printer_supplies: needs node-red-dashboard; for Dashboard 2 install node-red-dashboard-2-snmp-office",
        ]);
        const quiet = new FakeNode();
        widget(quiet, new FakeClock(), undefined).start();
        assert.deepEqual(quiet.warnings, [], "no line without any dashboard: the status says it");
    });

    it("without a group: red ring and one clear log line", () => {
        const node = new FakeNode();
        const dash = new FakeDashboard();
        widget(node, new FakeClock(), dash, { group: null }).start();
        assert.deepEqual(node.lastStatus, {
            fill: "red",
            shape: "ring",
            text: "ui_printer_supplies.status.no-group",
        });
        assert.equal(node.errors.length, 1);
        assert.match(node.errors[0] ?? "", /no dashboard group selected/);
        assert.equal(dash.options, undefined, "no widget is added");
    });

    it("registers with the group's width, pushes the view and keeps it for new tabs", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        widget(node, clock, dash).start();
        assert.equal(dash.options?.group, "g1");
        assert.equal(dash.options?.width, 8);
        assert.equal(dash.options?.height, 0);
        assert.equal(dash.options?.order, 3);
        assert.equal(dash.options?.forwardInputMessages, false);
        assert.equal(dash.options?.persistantFrontEndValue, true);
        assert.deepEqual(node.lastStatus, {
            fill: "grey",
            shape: "ring",
            text: "ui_printer_supplies.status.waiting",
        });

        node.receive(reading("10.0.0.1", clock.now()));
        const view = dash.lastView();
        assert.deepEqual(
            view.cards.map((c) => [c.name, c.supplies[0]?.width]),
            [["10.0.0.1", 50]],
        );
        assert.equal("height" in (dash.emitted[0] ?? {}), false, "the page fits an automatic size itself");
        assert.equal(dash.replay, dash.emitted[0], "a browser that connects later gets this view");
        assert.deepEqual(node.lastStatus, { fill: "green", shape: "dot", text: "1 printer" });
        assert.deepEqual(node.done, [undefined]);
    });

    it("gives a fixed size to the dashboard as it is", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        widget(node, clock, dash, { height: 6 }).start();
        assert.equal(dash.options?.height, 6);
        node.receive(reading("10.0.0.1", clock.now()));
        assert.equal("height" in (dash.emitted[0] ?? {}), false);
    });

    it("greys a printer that falls silent without any new message", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        const w = widget(node, clock, dash);
        w.start();
        node.receive(reading("10.0.0.1", clock.now()));
        clock.advance(60_000);
        node.receive(reading("10.0.0.1", clock.now()));
        const emittedBefore = dash.emitted.length;
        assert.equal(clock.pending, 1, "one wake-up for the next stale moment");

        clock.advance(179_000);
        assert.equal(dash.emitted.length, emittedBefore, "nothing changes before 3 polls are missed");
        clock.advance(2_000);
        assert.equal(dash.emitted.length, emittedBefore + 1);
        const card = dash.lastView().cards[0];
        assert.equal(card?.greyed, true);
        assert.equal(card?.note, 'ui_printer_supplies.card.stale {"polls":3}');
        assert.equal(node.lastStatus?.fill, "red", "the only printer is offline");
        assert.equal(node.done.length, 2, "the wake-up is not a message: no done, no Complete");
        assert.equal(clock.pending, 0, "nothing more to wake up for");

        w.close();
        assert.equal(dash.removed, true);
        assert.deepEqual(node.lastStatus, {});
    });

    it("does not re-send an unchanged view, and clears on an empty array", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        widget(node, clock, dash).start();
        node.receive(reading("10.0.0.1", clock.now()));
        node.receive({ payload: "hello" });
        assert.equal(dash.emitted.length, 1, "a refused message changes nothing");
        node.receive({ payload: [] });
        assert.equal(dash.emitted.length, 2);
        assert.deepEqual(dash.lastView().cards, []);
    });

    it("keeps its cards when threshold-alert says nothing is alerting (an empty alert list)", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        widget(node, clock, dash).start();
        node.receive(reading("10.0.0.1", clock.now()));
        node.receive({ topic: "alerts", payload: [], summary: { critical: 0, warning: 0 } });
        node.receive(reading("10.0.0.2", clock.now()));
        assert.deepEqual(
            dash.lastView().cards.map((c) => c.name),
            ["10.0.0.1", "10.0.0.2"],
        );
        assert.equal(dash.lastView().levels, "alerts", "the marks now come from the list");
    });

    it("stops its wake-up timer on close", () => {
        const node = new FakeNode();
        const clock = new FakeClock();
        const dash = new FakeDashboard();
        const w = widget(node, clock, dash);
        w.start();
        node.receive(reading("10.0.0.1", clock.now()));
        clock.advance(60_000);
        node.receive(reading("10.0.0.1", clock.now()));
        assert.equal(clock.pending, 1);
        w.close();
        assert.equal(clock.pending, 0);
        const count = dash.emitted.length;
        clock.advance(600_000);
        assert.equal(dash.emitted.length, count);
    });
});

/**
 * Dashboard 2's ui-group and ui-base, reduced to what they do with a widget (nodes/config/
 * ui_group.js and ui_base.js of @flowfuse/node-red-dashboard 1.x): on input, beforeSend may
 * replace the message (or throw: the error goes to done), onInput replaces the default store,
 * and the message goes to every page as msg-input:<id>. The browser tests run the real one.
 */
class FakeGroup implements Dashboard2Group {
    config?: Msg;
    saved: Msg[] = [];
    emitted: { event: string; msg: Msg }[] = [];
    register(node: unknown, config: Msg, events: Dashboard2Events): void {
        this.config = config;
        const n = node as FakeNode & { id: string };
        n.on("input", (msg, _send, done) => {
            let out: Msg;
            try {
                out = events.beforeSend(msg);
            } catch (err) {
                done(err as Error);
                return;
            }
            events.onInput(out, () => undefined);
            this.emitted.push({ event: `msg-input:${n.id}`, msg: out });
            done();
        });
    }
    getBase(): Dashboard2Base {
        return {
            emit: (event, msg) => this.emitted.push({ event, msg }),
            stores: { data: { save: (_base, _node, msg) => this.saved.push(msg) } },
        };
    }
    lastView(): PrinterView {
        const last = this.emitted[this.emitted.length - 1];
        assert.ok(last, "something was emitted");
        return last.msg.payload as PrinterView;
    }
}

function widget2(node: FakeNode & { id: string }, clock: FakeClock, group: FakeGroup | null) {
    return new Dashboard2Widget<PrinterView>({
        node,
        type: "ui-printer-supplies",
        config: { id: node.id, labels: { waiting: "Waiting…" } },
        group,
        board: new PrinterBoard({ stalePolls: 3 }, echo),
        summary: printerStatus,
        timers: clock,
    });
}

describe("Dashboard 2 widget glue", () => {
    const node2 = (): FakeNode & { id: string } => Object.assign(new FakeNode(), { id: "w2" });

    it("registers with its group, sends the view for every message and keeps it for new pages", () => {
        const node = node2();
        const group = new FakeGroup();
        widget2(node, new FakeClock(), group).start();
        assert.deepEqual(group.config?.labels, { waiting: "Waiting…" }, "the page's words go as props");
        assert.equal(node.lastStatus?.text, "ui-printer-supplies.status.waiting");
        node.receive(reading("10.0.0.1", Date.UTC(2026, 10, 21, 9, 0, 0)));
        assert.equal(group.emitted.length, 1);
        assert.equal(group.emitted[0]?.event, "msg-input:w2");
        assert.deepEqual(
            group.lastView().cards.map((c) => c.name),
            ["10.0.0.1"],
        );
        assert.deepEqual(group.saved, [group.emitted[0]?.msg], "stored for a page opened later");
        assert.deepEqual(node.done, [undefined]);
        assert.equal(node.lastStatus?.fill, "green");
    });

    it("refuses a message that is not a reading through done, and changes nothing", () => {
        const node = node2();
        const group = new FakeGroup();
        widget2(node, new FakeClock(), group).start();
        node.receive({ payload: "hello" });
        assert.equal(group.emitted.length, 0);
        assert.match(String(node.done[0]?.message), /not-a-reading/);
    });

    it("greys a silent printer on every page without any new message, and stops on close", () => {
        const node = node2();
        const clock = new FakeClock();
        const group = new FakeGroup();
        const w = widget2(node, clock, group);
        w.start();
        node.receive(reading("10.0.0.1", clock.now()));
        clock.advance(60_000);
        node.receive(reading("10.0.0.1", clock.now()));
        const before = group.emitted.length;
        clock.advance(181_000);
        assert.equal(group.emitted.length, before + 1);
        assert.equal(group.lastView().cards[0]?.greyed, true);
        assert.equal(group.saved.length, before + 1, "the greyed view is what a new page gets");
        w.close();
        assert.equal(clock.pending, 0);
        assert.deepEqual(node.lastStatus, {});
    });

    it("without a group: red ring and one clear log line", () => {
        const node = node2();
        widget2(node, new FakeClock(), null).start();
        assert.equal(node.lastStatus?.fill, "red");
        assert.equal(node.errors.length, 1);
        assert.match(node.errors[0] ?? "", /no dashboard group/);
    });
});
