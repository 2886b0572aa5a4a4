/**
 * OpenWrt with LibreNMS's wireless agent (OPENWRT-WIRELESS-MIB, enterprise 66510): the total of
 * unique clients and one row per wireless interface with its clients, frequency and noise.
 */
import type { ApProfile } from "../types";

const OW = "1.3.6.1.4.1.66510.1.10"; // openwrtWireless
const IF = `${OW}.3.1`; // openwrtWirelessInterfaceEntry, index ifIndex

export const profile: ApProfile = {
    id: "openwrt-agent",
    label: "OpenWrt (wireless agent, OPENWRT-WIRELESS-MIB)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.66510" }],
        probe: `${OW}.2`,
        probeName: "OPENWRT-WIRELESS-MIB openwrtWirelessClientCount",
    },
    signal: "none",
    totals: { clients: `${OW}.2.0` }, // unique clients; station uplinks left out by the agent
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "clients",
        cols: {
            label: { oid: `${IF}.2`, as: "text" }, // openwrtWirelessInterfaceName
            ssid: { oid: `${IF}.3`, as: "text" }, // openwrtWirelessInterfaceLabel (SSID)
            clients: { oid: `${IF}.4`, as: "int" },
            band: { oid: `${IF}.5`, as: "freqMHz" }, // openwrtWirelessInterfaceFrequency
            channel: { oid: `${IF}.5`, as: "freqMHz" },
            noise: { oid: `${IF}.6`, as: "int" }, // dBm
        },
    },
};
