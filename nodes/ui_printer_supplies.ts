import type { Node, NodeAPI, NodeDef } from "node-red";
import { openState } from "./lib/durable";
import { PrinterBoard, printerBoardOptions, printerStatus, type PrinterView } from "./lib/dashboard/printers";
import { pageLabels, PRINTER_LABELS, printerController, printerTemplate } from "./lib/dashboard/templates";
import { DashboardWidget, widgetPlacement, type PlacementDef } from "./lib/dashboard/widget";

interface WidgetDef extends NodeDef, PlacementDef {
    stalePolls?: string | number;
}

const TYPE = "ui_printer_supplies";

export = function (RED: NodeAPI): void {
    function UiPrinterSuppliesNode(this: Node, config: WidgetDef): void {
        RED.nodes.createNode(this, config);
        const t = (key: string, subs?: Record<string, string | number>): string => RED._(key, subs);
        const placement = widgetPlacement(RED, config);
        const board = new PrinterBoard(printerBoardOptions(config), t);
        // The cards and history lines are kept over deploys and restarts (a file of the package, or
        // a persistent context store when one is configured), and forgotten when the node is deleted.
        const store = openState(RED, this, { contextKey: "panel", snapshot: () => board.snapshot() });
        const widget = new DashboardWidget<PrinterView>({
            node: this,
            type: TYPE,
            ...placement,
            needsDashboard: t(`${TYPE}.errors.needs-dashboard`),
            format: printerTemplate(pageLabels(t, TYPE, PRINTER_LABELS), this.id),
            initController: printerController(this.id, placement.height <= 0),
            board,
            store,
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
