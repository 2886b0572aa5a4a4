import type { Node, NodeAPI, NodeDef, NodeMessage, NodeMessageInFlow } from "node-red";
import { openState } from "./lib/durable";
import { ForecastEngine } from "./lib/forecast/engine";
import { parseTime } from "./lib/forecast/reading";
import { loadState } from "./lib/forecast/state";
import { isRecord } from "./lib/json";
import { STATUS, plural } from "./lib/status";

interface SupplyForecastDef extends NodeDef {
    days: string | number;
    store: string;
}

/** Context key the history is kept under where a persistent context store is configured. */
const HISTORY_KEY = "history";

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
        // Kept over deploys and restarts (a file of the package, or the configured context store).
        const slot = openState(RED, node, { contextKey: HISTORY_KEY, store, snapshot: () => engine?.state });

        // History is read when the first message arrives; every message waits for the same read.
        function load(): Promise<ForecastEngine> {
            loading ??= slot.load().then((value) => {
                const loaded = loadState(value);
                if (loaded.unreadable) node.warn(RED._("supply-forecast.errors.history-unreadable"));
                if (loaded.dropped > 0) {
                    node.warn(RED._("supply-forecast.errors.history-dropped", { count: loaded.dropped }));
                }
                engine = new ForecastEngine(loaded.state);
                return engine;
            });
            return loading;
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
            if (msg.topic === "report" || msg.topic === "usage") {
                const stamp = isRecord(payload) ? parseTime(payload.time) : null;
                const time = stamp ?? arrival;
                msg.payload = msg.topic === "usage" ? eng.usage(time, days) : eng.report(time, days);
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
            slot.changed();
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

        node.on("close", () => node.status(STATUS.clear));
    }

    RED.nodes.registerType("supply-forecast", SupplyForecastNode);
};
