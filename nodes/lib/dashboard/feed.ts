/**
 * What a widget does between its messages and its page, the same on both dashboards: take a
 * message into the board (an empty array clears it), say whether the view changed, and wake up
 * when the view changes by itself (a device turning stale) so that the page follows without any
 * message arriving. The dashboard glue (widget.ts for node-red-dashboard, dashboard2.ts for
 * Dashboard 2) decides how a view reaches the browsers.
 */
import { isAlertList } from "../alert/contract";
import type { Board, Timers } from "./widget";

/** Where a board's state is kept over deploys and restarts: a DurableSlot (nodes/lib/durable). */
export interface BoardStore {
    /** The saved state, read once; undefined when there is none. */
    load(): Promise<unknown>;
    /** The state changed: written within a second. */
    changed(): void;
}

/** Extra time after a device's stale moment, so the re-check does not land a hair early. */
const STALE_SLACK_MS = 250;

export class BoardFeed<V> {
    private timer: unknown;
    private closed = false;
    private lastJson = "";

    /**
     * `wake` is called when the view may have changed with no message (see `schedule`); `store`
     * keeps the board over deploys and restarts (see `restore`).
     */
    constructor(
        readonly board: Board<V>,
        private readonly timers: Timers,
        private readonly wake: () => void,
        private readonly store?: BoardStore,
    ) {}

    /**
     * Read the saved board back (once, at the start) under what arrived meanwhile, then show it:
     * a page opened after a restart gets the cards and history lines of before. `live` is false
     * while the panel is on no dashboard (nothing to show, no stale timer to set). Problems go
     * to `warn`; the panel carries on empty.
     */
    restore(live: boolean, warn: (text: string) => void): void {
        this.restoring(live, warn).catch((err: unknown) =>
            warn(`reading the saved panel back failed: ${err instanceof Error ? err.message : String(err)}`),
        );
    }

    private async restoring(live: boolean, warn: (text: string) => void): Promise<void> {
        if (this.store === undefined) return;
        const saved = await this.store.load();
        if (this.closed || saved === undefined) return;
        const result = this.board.restore(saved, this.timers.now());
        if (result.unreadable) {
            warn("the saved panel state is not one this version reads: the panel starts empty");
            return;
        }
        if (result.dropped > 0)
            warn(`${result.dropped} saved device(s) could not be read back and were left out`);
        if (!live) return;
        this.forget();
        this.wake();
        this.schedule();
    }

    /**
     * Take in one message. Returns the problem text (and changes nothing) when the board refuses
     * it; an empty array clears the board, as it does a chart. threshold-alert's list of active
     * alerts is an array too, and empty when nothing is alerting: that one only clears the marks.
     */
    take(msg: Record<string, unknown>): string | undefined {
        if (Array.isArray(msg.payload) && msg.payload.length === 0 && !isAlertList(msg)) {
            this.board.clear();
            this.store?.changed();
            return undefined;
        }
        const problem = this.board.update(msg, this.timers.now());
        if (problem === undefined) this.store?.changed();
        return problem;
    }

    view(): V {
        return this.board.view(this.timers.now());
    }

    /**
     * The view, and whether it differs from the one this method last returned (a message that
     * changes nothing on the page need not be sent to every browser again).
     */
    changedView(): { view: V; changed: boolean } {
        const view = this.view();
        const json = JSON.stringify(view);
        const changed = json !== this.lastJson;
        this.lastJson = json;
        return { view, changed };
    }

    /** Forget the last view sent, so that the next one counts as changed. */
    forget(): void {
        this.lastJson = "";
    }

    /** Wake up when the next device turns stale, so its card greys without a new message. */
    schedule(): void {
        if (this.closed) return;
        if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
        this.timer = undefined;
        const now = this.timers.now();
        const next = this.board.nextChange(now);
        if (next === undefined) return;
        this.timer = this.timers.setTimeout(
            () => {
                this.timer = undefined;
                if (this.closed) return;
                this.wake();
                this.schedule();
            },
            Math.max(0, next - now) + STALE_SLACK_MS,
        );
    }

    get pending(): boolean {
        return this.timer !== undefined;
    }

    close(): void {
        this.closed = true;
        if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
        this.timer = undefined;
    }
}
