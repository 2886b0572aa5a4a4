import type { Node, NodeAPI, NodeDef } from "node-red";
import {
    AlertBook,
    MAX_KEYS,
    handleInput,
    parseRules,
    restoreState,
    statusOf,
    type RuleConfig,
} from "./lib/alert";
import { openState } from "./lib/durable";
import { STATUS } from "./lib/status";

interface ThresholdAlertConfig extends NodeDef, RuleConfig {
    /** Context store for the alert state; "" = the default store. */
    store?: string;
}

/** Name of the node-context property that holds the state where a persistent store is configured. */
const CONTEXT_KEY = "alerts";

export = function (RED: NodeAPI): void {
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
        let book = new AlertBook();
        let loaded = false;
        const waiting: (() => void)[] = [];
        // Kept over deploys and restarts (a file of the package, or the configured context store),
        // written within a second of a change, so that not even a crash repeats an alert.
        const slot = openState(RED, this, {
            contextKey: CONTEXT_KEY,
            store: config.store,
            snapshot: () => book.state,
        });

        // The state is read back once; inputs that arrive before it is back wait, so a restart
        // never repeats or loses an alert.
        void slot.load().then((value) => {
            if (value !== undefined) book = new AlertBook(restoreState(value));
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
                    slot.changed();
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

        this.on("close", () => {
            waiting.length = 0;
            this.status({});
        });
    }

    RED.nodes.registerType("threshold-alert", ThresholdAlertNode);
};
