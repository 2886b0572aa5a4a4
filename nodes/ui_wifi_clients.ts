import type { Node, NodeAPI, NodeDef } from "node-red";
import { wifiRows } from "./lib/dashboard/layout";
import { WIFI_CONTROLLER, wifiTemplate } from "./lib/dashboard/templates";
import { DashboardWidget, loadDashboard } from "./lib/dashboard/widget";
import { WifiBoard, wifiStatus, type WifiView } from "./lib/dashboard/wifi";

interface WidgetDef extends NodeDef {
    group?: string;
    order?: string | number;
    width?: string | number;
    height?: string | number;
    stalePolls?: string | number;
    maxRows?: string | number;
}

const TYPE = "ui_wifi_clients";

interface GroupNode {
    id: string;
    config?: { width?: unknown };
}

export = function (RED: NodeAPI): void {
    function UiWifiClientsNode(this: Node, config: WidgetDef): void {
        RED.nodes.createNode(this, config);
        const t = (key: string, subs?: Record<string, string | number>): string => RED._(key, subs);
        const stalePolls = Number(config.stalePolls);
        const maxRows = Number(config.maxRows);
        const board = new WifiBoard(
            {
                stalePolls: stalePolls >= 1 ? stalePolls : 3,
                maxRows: maxRows >= 1 ? Math.floor(maxRows) : 200,
            },
            t,
        );
        // RED.require throws "Module not allowed" when the dashboard is not installed (and in the
        // test helper): the widget then stays a harmless node with a grey status.
        const dashboard = loadDashboard(() => {
            const factory = RED.require("node-red-dashboard") as (red: NodeAPI) => unknown;
            return factory(RED);
        });
        const groupNode = config.group
            ? (RED.nodes.getNode(config.group) as unknown as GroupNode | null)
            : null;
        const page = (key: string): string => t(`${TYPE}.page.${key}`);
        const labels: Record<string, string> = {};
        for (const key of ["waiting", "lastReading", "name", "ap", "ssid", "band", "signal", "rowsShown"]) {
            labels[key] = page(key);
        }
        const widget = new DashboardWidget<WifiView>({
            node: this,
            type: TYPE,
            dashboard,
            group: groupNode ? { id: groupNode.id, width: groupNode.config?.width } : null,
            width: Number(config.width) || 0,
            height: Number(config.height) || 0,
            order: Number(config.order) || 0,
            format: wifiTemplate(labels),
            initController: WIFI_CONTROLLER,
            board,
            rows: (view, _units, sizes) => wifiRows(view, sizes),
            summary: wifiStatus,
            timers: {
                now: () => Date.now(),
                setTimeout,
                clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
            },
        });
        widget.start();
        this.on("close", (_removed: boolean, done: () => void) => {
            widget.close();
            done();
        });
    }

    RED.nodes.registerType(TYPE, UiWifiClientsNode);
};
