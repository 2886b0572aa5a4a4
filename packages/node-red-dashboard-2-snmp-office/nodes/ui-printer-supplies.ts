import type { NodeAPI } from "node-red";
import { registerPanel } from "./shared";

export = function (RED: NodeAPI): void {
    registerPanel(RED, {
        type: "ui-printer-supplies",
        set: "ui_printer_supplies",
        make: ({ printers, templates }, config, t) => ({
            board: new printers.PrinterBoard(printers.printerBoardOptions(config), t),
            summary: (view) => printers.printerStatus(view as Parameters<typeof printers.printerStatus>[0]),
            labels: templates.pageLabels(t, "ui_printer_supplies", templates.PRINTER_LABELS),
        }),
    });
};
