/** Ruckus SmartZone and virtual SmartZone (RUCKUS-SZ-SYSTEM-MIB, RUCKUS-SZ-WLAN-MIB, rev 2014): counts only. */
import type { ApProfile } from "../types";

const SYS = "1.3.6.1.4.1.25053.1.4.1.1.1"; // ruckusSZSystemObjects
const WLAN = "1.3.6.1.4.1.25053.1.4.2.1.1";

export const profile: ApProfile = {
    id: "ruckus-sz",
    label: "Ruckus SmartZone",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.25053.3.1.11" }, { oid: "1.3.6.1.4.1.25053.3.1.10" }],
        probe: `${SYS}.15.2`,
        probeName: "RUCKUS-SZ-SYSTEM-MIB ruckusSZSystemStatsNumSta",
    },
    signal: "none",
    totals: { clients: `${SYS}.15.2.0`, aps: `${SYS}.15.1.0` }, // NumAP counts APs up and down
    aps: {
        index: [["ap", "mac"]],
        cols: {
            name: { oid: `${WLAN}.2.2.1.5`, as: "text" }, // ruckusSZAPName
            clients: { oid: `${WLAN}.2.2.1.15`, as: "int" }, // ruckusSZAPNumSta
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${WLAN}.1.2.1.1`, as: "text" }, // ruckusSZWLANSSID
            clients: { oid: `${WLAN}.1.2.1.12`, as: "int" }, // ruckusSZWLANNumSta
        },
    },
    notes: [
        "No per-client table in the published MIB.",
        "The system total and the per-WLAN counts are updated at different times (LibreNMS PR #9727).",
    ],
};
