/**
 * Zyxel NWA access points on older firmware (ZYXEL-NWA-SERIES MIB, enterprise tree 890.1.9):
 * a station count per radio interface and the station table.
 */
import type { ApProfile } from "../types";

const NWA = "1.3.6.1.4.1.890.1.9";

export const profile: ApProfile = {
    id: "zyxel-nwa-legacy",
    label: "Zyxel NWA (older firmware)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.890.1.9" }, { oid: "1.3.6.1.4.1.890", descr: /^NWA/ }],
        probe: `${NWA}.5.1.1.8`,
        probeName: "ZYXEL-NWA-SERIES pwStationCount",
    },
    signal: "none",
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        cols: { clients: { oid: `${NWA}.5.1.1.8`, as: "int" } }, // Counter32 syntax, a current count
    },
    clients: {
        index: [["row", "int"]], // pwStationIndex, not a MAC
        cols: {
            mac: { oid: `${NWA}.3.2.1.2`, as: "mac" }, // pwStationMac
            ssid: { oid: `${NWA}.3.2.1.4`, as: "text" }, // pwStationSSID
        },
    },
};
