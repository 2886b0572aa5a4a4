/**
 * Teldat routers and APs (TELDAT-MON-INTERF-WLAN-MIB): the stations currently associated per
 * WLAN interface, and the station table.
 */
import type { ApProfile } from "../types";

const WLAN = "1.3.6.1.4.1.2007.4.1.2.2.2.24"; // telProdNpMonInterfWlan
const BSS = `${WLAN}.2.1`; // BSS entry, index ifIndex
const STA = `${WLAN}.3.1`; // station entry
const IF_OPER_STATUS = "1.3.6.1.2.1.2.2.1.8"; // IF-MIB ifOperStatus, same ifIndex

export const profile: ApProfile = {
    id: "teldat",
    label: "Teldat router / access point",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.2007" }],
        probe: `${BSS}.23`,
        probeName: "TELDAT-MON-INTERF-WLAN-MIB telProdNpMonInterfWlanBSSCurrent",
    },
    signal: "none",
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "clients",
        cols: { clients: { oid: `${BSS}.23`, as: "int" } }, // count of current associated stations
        // Interfaces that are down serve no clients (LibreNMS keeps only those that are up).
        keep: { col: { oid: IF_OPER_STATUS, as: "int" }, values: [1] },
    },
    clients: {
        index: [["row", "rest"]],
        rowsFrom: "mac",
        cols: {
            radio: { oid: `${STA}.1`, as: "int" }, // ...StationIfIndex
            mac: { oid: `${STA}.2`, as: "mac" }, // ...StationAddress
        },
    },
};
