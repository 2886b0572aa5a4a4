import type { Node, NodeAPI, NodeDef } from "node-red";
import { wifiRows } from "./lib/dashboard/layout";
import { WIFI_CONTROLLER, wifiTemplate } from "./lib/dashboard/templates";
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
        const board = new WifiBoard(wifiBoardOptions(config), t);
        const page = (key: string): string => t(`${TYPE}.page.${key}`);
        const labels: Record<string, string> = {};
        for (const key of ["waiting", "lastReading", "name", "ap", "ssid", "band", "signal", "rowsShown"]) {
            labels[key] = page(key);
        }
        const widget = new DashboardWidget<WifiView>({
            node: this,
            type: TYPE,
            ...widgetPlacement(RED, config),
            format: wifiTemplate(labels),
            initController: WIFI_CONTROLLER,
            board,
            rows: (view, _units, sizes) => wifiRows(view, sizes),
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
