/**
 * Alcatel-Lucent Enterprise OmniAccess Stellar APs (AWOS). Every model has its own MIB with
 * the same tables under its own product node (ALCATEL-NGOAW-DEVICES-MIB: 6486.802.1.1.2.1.2.<m>,
 * tables under <m>.1), so the tables are read from one walk of that subtree whatever the model.
 * There is no count object: clients are the rows of apClientInfoTable (what LibreNMS counts).
 */
import type { ApProfile } from "../types";

const NODE = "1.3.6.1.4.1.6486.802.1.1.2.1.2"; // one child per AP model

export const profile: ApProfile = {
    id: "alcatel-stellar",
    label: "Alcatel-Lucent OmniAccess Stellar AP",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.6486.802" }],
        probe: NODE,
        probeName: "ALCATEL-NGOAW model tables (apClientInfoTable)",
        hint: "Stellar APs do not answer GETBULK on some releases: set SNMP version 1 in the SNMP settings",
    },
    signal: "snr",
    radios: {
        // apRadioInfoTable <m>.1.2.1.1, index apRadioIndex
        index: [
            ["model", "int"],
            ["_", "lit:1.2.1.1"],
            ["$col", "int"],
            ["radio", "int"],
        ],
        cols: {
            band: { oid: NODE, as: "bandText", sub: 3 }, // apRadioBand
            channel: { oid: NODE, as: "channelText", sub: 4 }, // apRadioChannel
            utilisation: { oid: NODE, as: "int", sub: 6 }, // apRadioUtilization, %
        },
    },
    wlans: {
        // apWlanInfoTable <m>.1.3.1.1, index apWlanIndex
        index: [
            ["model", "int"],
            ["_", "lit:1.3.1.1"],
            ["$col", "int"],
            ["wlan", "int"],
        ],
        cols: { ssid: { oid: NODE, as: "text", sub: 2 } }, // apWlanEssid
    },
    clients: {
        // apClientInfoTable <m>.1.4.1.1, index apClientIndex (a number, not a MAC)
        index: [
            ["model", "int"],
            ["_", "lit:1.4.1.1"],
            ["$col", "int"],
            ["row", "int"],
        ],
        cols: {
            mac: { oid: NODE, as: "mac", sub: 2 }, // apClientMacAddress (DisplayString)
            ip: { oid: NODE, as: "ip", sub: 3 }, // apClientIPAddress
            ssid: { oid: NODE, as: "text", sub: 4 }, // apClientWlanService
            snr: { oid: NODE, as: "int", sub: 5 }, // apClientSNR
        },
    },
};
