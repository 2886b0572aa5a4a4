import type { NodeAPI } from "node-red";
import { registerPanel } from "./shared";

export = function (RED: NodeAPI): void {
    registerPanel(RED, {
        type: "ui-wifi-clients",
        set: "ui_wifi_clients",
        make: ({ wifi, templates }, config, t) => ({
            board: new wifi.WifiBoard(wifi.wifiBoardOptions(config), t),
            summary: (view) => wifi.wifiStatus(view as Parameters<typeof wifi.wifiStatus>[0]),
            labels: templates.pageLabels(t, "ui_wifi_clients", templates.WIFI_LABELS),
        }),
    });
};
