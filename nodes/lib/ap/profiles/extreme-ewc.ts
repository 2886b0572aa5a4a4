/**
 * Extreme Networks wireless controllers (IdentiFi / HiPath / Enterasys C-series; HIPATH-WIRELESS-
 * HWC-MIB): the controller's total, counts per AP and per WLAN (VNS).
 */
import type { ApProfile } from "../types";

const HWC = "1.3.6.1.4.1.4329.15.3"; // hiPathWirelessController
const AP = `${HWC}.5.1.2.1`; // apEntry, index AP number
const APSTATS = `${HWC}.5.2.2.1`; // apStatsEntry, same index
const WLAN = `${HWC}.3.4.4.1`; // wlanEntry, index WLAN (VNS)
const WLANSTATS = `${HWC}.3.4.5.1`; // wlanStatsEntry, same index

export const profile: ApProfile = {
    id: "extreme-ewc",
    label: "Extreme Networks wireless controller (IdentiFi / HiPath)",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.4329.15" }],
        probe: `${HWC}.6.1`,
        probeName: "HIPATH-WIRELESS-HWC-MIB mobileUnitCount",
    },
    signal: "none",
    totals: { clients: `${HWC}.6.1.0`, aps: `${HWC}.5.2.1.0` }, // connected clients, connected APs
    aps: {
        index: [["ap", "int"]],
        cols: {
            name: { oid: `${AP}.2`, as: "text" }, // apName
            clients: { oid: `${APSTATS}.14`, as: "int" }, // apStatsMuCounts
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${WLAN}.4`, as: "text" }, // wlanName
            clients: { oid: `${WLANSTATS}.2`, as: "int" }, // wlanStatsAssociatedClients
        },
    },
};
