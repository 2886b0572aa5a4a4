/**
 * Zyxel NWA / WAC / WAX standalone access points (ZYXEL-ES-WIRELESS, 2015-03-23): a total,
 * counts per radio with its band, and the station table (indexed by a number, not a MAC).
 */
import type { ApProfile } from "../types";

const W = "1.3.6.1.4.1.890.1.15.3.5"; // esWireless
const RADIO = `${W}.1.1`; // wlanRadioEntry, index wlanRadioIndex
const STA = `${W}.2.1`; // wlanStationEntry, index stationIndex

export const profile: ApProfile = {
    id: "zyxel-ap",
    label: "Zyxel NWA / WAC / WAX access point",
    kind: "standalone",
    detect: {
        // LibreNMS zyxelnwa.yaml: 890.1.15 with a sysDescr starting NWA; WAC and WAX share the MIB.
        match: [
            { oid: "1.3.6.1.4.1.890.1.15", descr: /^(NWA|WAC|WAX|NAP|WBE)/ },
            { oid: "1.3.6.1.4.1.890.1.15" },
        ],
        probe: `${W}.15`,
        probeName: "ZYXEL-ES-WIRELESS wlanTotalStationCount",
        alsoProbe: [{ oid: `${RADIO}.2`, name: "ZYXEL-ES-WIRELESS wlanStationCount" }],
        hint: "older NWA firmware uses the NWA series MIB (the Zyxel NWA, older firmware profile)",
    },
    signal: "dBm",
    model: { scalar: "1.3.6.1.4.1.890.1.15.3.1.11.0", sysDescr: /^(\S+)/ }, // ZYXEL-ES-COMMON sysProductModel
    totals: { clients: `${W}.15.0` },
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "clients",
        cols: {
            clients: { oid: `${RADIO}.2`, as: "int" }, // wlanStationCount
            // wlanMode: mode_2_4G(1), mode_5G(2), mode_6G(3)
            band: { oid: `${RADIO}.5`, as: "enum", map: { 1: "2.4GHz", 2: "5GHz", 3: "6GHz" } },
            channel: { oid: `${RADIO}.6`, as: "int" }, // wlanChannel: the enum value is the channel number
        },
    },
    clients: {
        index: [["row", "int"]],
        cols: {
            mac: { oid: `${STA}.2`, as: "mac" }, // stationMacAddress
            ssid: { oid: `${STA}.4`, as: "text" }, // stationSSID
            signal: { oid: `${STA}.5`, as: "int" }, // stationSignalStrength: dBm written as text
        },
    },
};
