import type { Node, NodeAPI, NodeDef } from "node-red";
import { openState } from "./lib/durable";
import { pageLabels, WIFI_LABELS, wifiController, wifiTemplate } from "./lib/dashboard/templates";
import { DashboardWidget, widgetPlacement, type PlacementDef } from "./lib/dashboard/widget";
import { WifiBoard, wifiBoardOptions, wifiStatus, type WifiView } from "./lib/dashboard/wifi";

interface WidgetDef extends NodeDef, PlacementDef {
    stalePolls?: string | number;
    maxRows?: string | number;
}

const TYPE = "ui_wifi_clients";

export = function (RED: NodeAPI): void {
    function UiWifiClientsNode(this: Node, config: WidgetDef): void {
        RED.nodes.createNode(this, config);
        const t = (key: string, subs?: Record<string, string | number>): string => RED._(key, subs);
        const placement = widgetPlacement(RED, config);
        const board = new WifiBoard(wifiBoardOptions(config), t);
        // The cards and history lines are kept over deploys and restarts (a file of the package, or
        // a persistent context store when one is configured), and forgotten when the node is deleted.
        const store = openState(RED, this, { contextKey: "panel", snapshot: () => board.snapshot() });
        const widget = new DashboardWidget<WifiView>({
            node: this,
            type: TYPE,
            ...placement,
            needsDashboard: t(`${TYPE}.errors.needs-dashboard`),
            format: wifiTemplate(pageLabels(t, TYPE, WIFI_LABELS), this.id),
            initController: wifiController(this.id, placement.height <= 0),
            board,
            store,
            summary: wifiStatus,
        });
        widget.start();
        this.on("close", (_removed: boolean, done: () => void) => {
            widget.close();
            done();
        });
    }

    RED.nodes.registerType(TYPE, UiWifiClientsNode);
};
