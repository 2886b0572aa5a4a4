import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow } from "node-red";
import { ForecastEngine } from "./lib/forecast/engine";
import { parseTime } from "./lib/forecast/reading";
import { loadState } from "./lib/forecast/state";
import { isRecord } from "./lib/json";
import { STATUS, plural } from "./lib/status";

interface SupplyForecastDef extends NodeDef {
    days: string | number;
    store: string;
}

/** Context key the history is kept under. */
const HISTORY_KEY = "history";
/** Writes to the context store at most this often (plus on close); cached stores flush later anyway. */
const SAVE_INTERVAL_MS = 30_000;

export = function (RED: NodeAPI) {
    function SupplyForecastNode(this: Node, config: SupplyForecastDef) {
        RED.nodes.createNode(this, config);
        setup(this, config);
    }

    function setup(node: Node, config: SupplyForecastDef): void {
        const days = Number(config.days === "" || config.days === undefined ? 30 : config.days);
        const store = typeof config.store === "string" && config.store !== "" ? config.store : undefined;
        const configError =
            Number.isInteger(days) && days >= 1 && days <= 365 ? null : "supply-forecast.errors.bad-days";
        if (configError !== null) {
            node.status(STATUS.noConfig("supply-forecast.status.bad-config"));
            node.error(RED._(configError));
        }

        let engine: ForecastEngine | null = null;
        let loading: Promise<ForecastEngine> | null = null;
        let lastSave = 0;

        // History is read when the first message arrives, so a context store configured in
        // settings.js is ready by then; every message waits for the same read.
        function load(): Promise<ForecastEngine> {
            loading ??= new Promise<ForecastEngine>((resolve) => {
                const start = (value: unknown): void => {
                    const loaded = loadState(value);
                    if (loaded.unreadable) node.warn(RED._("supply-forecast.errors.history-unreadable"));
                    if (loaded.dropped > 0) {
                        node.warn(RED._("supply-forecast.errors.history-dropped", { count: loaded.dropped }));
                    }
                    engine = new ForecastEngine(loaded.state);
                    resolve(engine);
                };
                try {
                    node.context().get(
                        HISTORY_KEY,
                        store,
                        (err: Error | null | undefined, value: unknown) => {
                            if (err)
                                node.warn(
                                    RED._("supply-forecast.errors.history-read", { message: err.message }),
                                );
                            start(err ? undefined : value);
                        },
                    );
                } catch (err) {
                    node.warn(RED._("supply-forecast.errors.history-read", { message: String(err) }));
                    start(undefined);
                }
            });
            return loading;
        }

        function save(force: boolean, then?: () => void): void {
            const now = Date.now();
            if (engine === null || (!force && now - lastSave < SAVE_INTERVAL_MS)) {
                then?.();
                return;
            }
            lastSave = now;
            const finish = (err?: Error | null): void => {
                if (err) node.warn(RED._("supply-forecast.errors.history-write", { message: err.message }));
                then?.();
            };
            try {
                node.context().set(HISTORY_KEY, engine.state, store, finish);
            } catch (err) {
                finish(err instanceof Error ? err : new Error(String(err)));
            }
        }

        function showStatus(eng: ForecastEngine, time: number): void {
            const { supplies, soon } = eng.summary(time, days);
            const text = plural(supplies, "supply", "supplies");
            node.status(STATUS.ok(soon > 0 ? `${text}, ${soon} soon` : text));
        }

        async function handle(
            msg: NodeMessageInFlow,
            send: (msg: Array<NodeMessage | NodeMessage[] | null>) => void,
        ): Promise<void> {
            const eng = await load();
            const arrival = Date.now();
            const payload: unknown = msg.payload;
            if (msg.topic === "report") {
                const stamp = isRecord(payload) ? parseTime(payload.time) : null;
                const time = stamp ?? arrival;
                msg.payload = eng.report(time, days);
                send([null, null, msg]);
                showStatus(eng, time);
                return;
            }
            const result = eng.update(payload, arrival);
            if (result.kind === "error") throw new Error(RED._(`supply-forecast.errors.${result.error}`));
            if (result.kind === "unreachable") {
                send([msg, null, null]);
                return;
            }
            result.reading.supplyObjects.forEach((o, i) => (o.forecast = result.supplies[i]));
            result.reading.trayObjects.forEach((o, i) => (o.forecast = result.trays[i]));
            const events: NodeMessage[] = result.events.map((e) => ({
                topic: e.name !== undefined ? `${e.device} ${e.name}` : e.device,
                payload: e,
            }));
            send([msg, events.length > 0 ? events : null, null]);
            for (const note of eng.notes.splice(0)) node.warn(note);
            showStatus(eng, result.reading.time);
            save(false);
        }

        node.on("input", (msg, send, done) => {
            if (configError !== null) {
                done(new Error(RED._(configError)));
                return;
            }
            handle(msg, send).then(
                () => done(),
                (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
            );
        });

        node.on("close", (removed: boolean, done: () => void) => {
            node.status(STATUS.clear);
            // A removed node's context is deleted by Node-RED; otherwise keep the latest history.
            if (removed) done();
            else save(true, done);
        });
    }

    RED.nodes.registerType("supply-forecast", SupplyForecastNode);
};
