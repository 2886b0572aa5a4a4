import type { Node, NodeAPI, NodeDef } from "node-red";
import {
    AlertBook,
    MAX_KEYS,
    handleInput,
    parseRules,
    restoreState,
    statusOf,
    type AlertState,
    type RuleConfig,
} from "./lib/alert";
import { STATUS } from "./lib/status";

interface ThresholdAlertConfig extends NodeDef, RuleConfig {
    /** Context store for the alert state; "" = the default store. */
    store?: string;
}

/** Name of the node-context property that holds the state. */
const CONTEXT_KEY = "alerts";

export = function (RED: NodeAPI): void {
    // Node-RED deletes a node's context when the node closes unless a context store is configured
    // in settings.js, so out of the box every redeploy would forget the alerts and send them all
    // again. The last state of each node therefore also stays here, in this process, until the
    // node is removed from the flow.
    const survivors = new Map<string, AlertState>();

    function ThresholdAlertNode(this: Node, config: ThresholdAlertConfig): void {
        RED.nodes.createNode(this, config);
        const parsed = parseRules(config);
        if ("problems" in parsed) {
            const problems = parsed.problems.map((p) => `${p.field}: ${p.problem}`).join("; ");
            const text = RED._("threshold-alert.errors.config", { problems });
            this.status(STATUS.noConfig("threshold-alert.status.bad-config"));
            this.error(text);
            // Messages still reach Catch nodes instead of vanishing.
            this.on("input", (_msg, _send, done) => done(new Error(text)));
            return;
        }
        const rules = parsed.rules;
        const store = config.store || undefined;
        const context = this.context();
        let book = new AlertBook();
        let loaded = false;
        const waiting: (() => void)[] = [];

        // The state is read back once (a store may answer asynchronously); inputs that arrive
        // before it is back wait, so a restart never repeats or loses an alert.
        context.get(CONTEXT_KEY, store, (err: Error | undefined, value: unknown) => {
            if (err) this.warn(RED._("threshold-alert.errors.load", { message: err.message }));
            if (!err && value !== undefined) book = new AlertBook(restoreState(value));
            else book = new AlertBook(survivors.get(this.id));
            loaded = true;
            if (book.size > 0) this.status(statusOf(book.summary()));
            for (const run of waiting.splice(0)) run();
        });

        this.on("input", (msg, send, done) => {
            const run = (): void => {
                try {
                    const outcome = handleInput(book, msg, rules, Date.now());
                    if (!outcome.ok) {
                        done(new Error(RED._(`threshold-alert.errors.${outcome.error}`)));
                        return;
                    }
                    survivors.set(this.id, book.state);
                    context.set(CONTEXT_KEY, book.state, store, (setErr?: Error) => {
                        if (setErr)
                            this.error(RED._("threshold-alert.errors.save", { message: setErr.message }));
                    });
                    if (outcome.dropped > 0) {
                        this.warn(
                            RED._("threshold-alert.errors.full", { count: outcome.dropped, max: MAX_KEYS }),
                        );
                    }
                    this.status(statusOf(book.summary()));
                    const notifications = outcome.notifications;
                    // Output 2 only when the list changed: 10,000 alerts make a 2 MB message.
                    send([notifications.length > 0 ? notifications : null, outcome.list]);
                    done();
                } catch (err) {
                    done(err instanceof Error ? err : new Error(String(err)));
                }
            };
            if (loaded) run();
            else waiting.push(run);
        });

        this.on("close", (removed: boolean, done: () => void) => {
            waiting.length = 0;
            if (removed) survivors.delete(this.id);
            this.status({});
            done();
        });
    }

    RED.nodes.registerType("threshold-alert", ThresholdAlertNode);
};
