import type { Node, NodeAPI, NodeDef } from "node-red";
import { printerRows } from "./lib/dashboard/layout";
import { PrinterBoard, printerBoardOptions, printerStatus, type PrinterView } from "./lib/dashboard/printers";
import { printerTemplate } from "./lib/dashboard/templates";
import { DashboardWidget, widgetPlacement, type PlacementDef } from "./lib/dashboard/widget";

interface WidgetDef extends NodeDef, PlacementDef {
    stalePolls?: string | number;
}

const TYPE = "ui_printer_supplies";

export = function (RED: NodeAPI): void {
    function UiPrinterSuppliesNode(this: Node, config: WidgetDef): void {
        RED.nodes.createNode(this, config);
        const t = (key: string, subs?: Record<string, string | number>): string => RED._(key, subs);
        const board = new PrinterBoard(printerBoardOptions(config), t);
        const page = (key: string): string => t(`${TYPE}.page.${key}`);
        const widget = new DashboardWidget<PrinterView>({
            node: this,
            type: TYPE,
            ...widgetPlacement(RED, config),
            format: printerTemplate({
                waiting: page("waiting"),
                lastReading: page("lastReading"),
                neverRead: page("neverRead"),
                paper: page("paper"),
            }),
            board,
            rows: printerRows,
            summary: printerStatus,
        });
        widget.start();
        this.on("close", (_removed: boolean, done: () => void) => {
            widget.close();
            done();
        });
    }

    RED.nodes.registerType(TYPE, UiPrinterSuppliesNode);
};
