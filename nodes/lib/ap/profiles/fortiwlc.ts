/**
 * Fortinet FortiWLC (formerly Meru) controllers (MERU-GLOBAL-STATISTICS-MIB): totals only,
 * the two objects LibreNMS (Fortiwlc.php) and Centreon read.
 */
import type { ApProfile } from "../types";

const GEN = "1.3.6.1.4.1.15983.1.1.3.1.13"; // mwSystemGeneral...

export const profile: ApProfile = {
    id: "fortiwlc",
    label: "Fortinet FortiWLC (Meru)",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.15983" }],
        probe: `${GEN}.11`,
        probeName: "MERU-GLOBAL-STATISTICS-MIB mwSystemGeneralTotalWirelessStations",
    },
    signal: "none",
    totals: { clients: `${GEN}.11.0`, aps: `${GEN}.9.0` }, // TotalWirelessStations, TotalOnlineAps
};
