/**
 * Fortinet FortiAP in standalone mode (FORTINET-FORTIAP-MIB, 2018-10-03): the AP's own total,
 * counts per VAP (radio x WLAN) with its SSID, and the station table (no signal column).
 */
import type { ApProfile } from "../types";

const FAP = "1.3.6.1.4.1.12356.120";
const RADIO = `${FAP}.4.1.1`; // fapRadioEntry, index radio (0..2)
const VAP = `${FAP}.7.1.1`; // fapVapEntry, index {radio, WLAN}
const STA = `${FAP}.8.1.1`; // fapStationEntry, index {radio, WLAN, MAC (PhysAddress, length-prefixed)}

export const profile: ApProfile = {
    id: "fortiap",
    label: "Fortinet FortiAP (standalone)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.12356.120" }],
        probe: `${FAP}.3.43`,
        probeName: "FORTINET-FORTIAP-MIB fapStationCount",
        alsoProbe: [{ oid: `${VAP}.45`, name: "FORTINET-FORTIAP-MIB fapVapStaInfoCount" }],
        hint: "a FortiAP managed by a FortiGate is read on the FortiGate",
    },
    signal: "none",
    totals: { clients: `${FAP}.3.43.0` }, // fapStationCount
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "channel",
        cols: { channel: { oid: `${RADIO}.14`, as: "int" } }, // fapRadioChannelOper (0 when the radio is off)
    },
    vaps: {
        index: [
            ["radio", "int"],
            ["wlan", "int"],
        ],
        cols: {
            ssid: { oid: `${VAP}.4`, as: "text" }, // fapVapSSID
            clients: { oid: `${VAP}.45`, as: "int" }, // fapVapStaInfoCount
        },
    },
    clients: {
        index: [
            ["radio", "int"],
            ["wlan", "int"],
            ["mac", "lenMac"],
        ],
        cols: {
            ip: { oid: `${STA}.6`, as: "ip" }, // fapStaIpAddr
            ssid: { oid: `${STA}.7`, as: "text" }, // fapStaSSID
        },
    },
    notes: ["No client signal in this MIB revision."],
};
