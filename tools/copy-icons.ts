// Node-RED looks for a node's icons in an `icons` folder beside the node's
// .js file, so the top-level icons/ are copied next to the compiled nodes.
import { copyFileSync, cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const source = join(root, "icons");
const target = join(root, "nodes", "icons");

if (existsSync(source)) {
    mkdirSync(target, { recursive: true });
    cpSync(source, target, { recursive: true });
}

// The Dashboard 2 widgets (packages/node-red-dashboard-2-snmp-office) use the same pictures as
// the node-red-dashboard ones, under their own type names.
const DASHBOARD2_ICONS: Record<string, string> = {
    "ui_printer_supplies.svg": "ui-printer-supplies.svg",
    "ui_wifi_clients.svg": "ui-wifi-clients.svg",
};
const dashboard2 = join(root, "packages", "node-red-dashboard-2-snmp-office", "nodes", "icons");
if (existsSync(join(dashboard2, ".."))) {
    mkdirSync(dashboard2, { recursive: true });
    for (const [from, to] of Object.entries(DASHBOARD2_ICONS))
        copyFileSync(join(source, from), join(dashboard2, to));
}
