// The widgets' style, shared with node-red-dashboard's (nodes/lib/dashboard/style.ts of the main
// package): put into the page once, whichever widget loads first.
import { WIDGET_CSS } from "../../../nodes/lib/dashboard/style";

const ID = "snmp-office-widgets-style";

export function addStyle() {
    if (typeof document === "undefined" || document.getElementById(ID)) return;
    const style = document.createElement("style");
    style.id = ID;
    style.textContent = WIDGET_CSS;
    document.head.appendChild(style);
}
