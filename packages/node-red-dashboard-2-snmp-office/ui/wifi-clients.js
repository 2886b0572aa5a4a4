// Entry of ui-wifi-clients.umd.js: Dashboard 2 imports the file and looks for
// window["ui-wifi-clients"].UIWifiClients.
import { addStyle } from "./style.js";

addStyle();

export { default as UIWifiClients } from "./components/UIWifiClients.vue";
