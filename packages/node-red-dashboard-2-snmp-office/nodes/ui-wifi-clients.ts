import type { Node, NodeAPI, NodeDef } from "node-red";
import { loadShared, mainCatalog } from "./shared";

interface WidgetDef extends NodeDef {
    group?: string;
    stalePolls?: string | number;
    maxRows?: string | number;
}

const TYPE = "ui-wifi-clients";
/** The node-red-dashboard widget of the main package, whose catalog has the page's words. */
const SET = "ui_wifi_clients";

export = function (RED: NodeAPI): void {
    const shared = loadShared();

    function UiWifiClientsNode(this: Node, config: WidgetDef): void {
        RED.nodes.createNode(this, config);
        if (shared instanceof Error) {
            this.status({ fill: "red", shape: "ring", text: `${TYPE}.status.no-main` });
            this.error(`${TYPE}: ${shared.message}`);
            this.on("input", (_msg, _send, done) => done(shared));
            return;
        }
        const words = mainCatalog(SET);
        const t = (key: string, subs?: Record<string, string | number>): string =>
            RED._(`${words}:${key}`, subs);
        const { dashboard2, templates, wifi } = shared;
        const widget = new dashboard2.Dashboard2Widget({
            node: this,
            type: TYPE,
            // Dashboard 2 sends these props to the page: the labels come from the same catalog.
            config: { ...config, labels: templates.pageLabels(t, SET, templates.WIFI_LABELS) },
            group: config.group ? dashboard2.asGroup(RED.nodes.getNode(config.group)) : null,
            board: new wifi.WifiBoard(wifi.wifiBoardOptions(config), t),
            summary: wifi.wifiStatus,
            timers: dashboard2.realTimers(),
        });
        widget.start();
        this.on("close", (_removed: boolean, done: () => void) => {
            widget.close();
            done();
        });
    }

    RED.nodes.registerType(TYPE, UiWifiClientsNode);
};
