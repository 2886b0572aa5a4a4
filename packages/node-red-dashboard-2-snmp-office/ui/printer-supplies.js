// Entry of ui-printer-supplies.umd.js: Dashboard 2 imports the file and looks for
// window["ui-printer-supplies"].UIPrinterSupplies.
import { addStyle } from "./style.js";

addStyle();

export { default as UIPrinterSupplies } from "./components/UIPrinterSupplies.vue";
