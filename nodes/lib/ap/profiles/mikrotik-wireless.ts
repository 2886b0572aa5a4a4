/**
 * MikroTik RouterOS with the legacy `wireless` package (MIKROTIK-MIB rev 2024-10-17,
 * mtxrWlApTable / mtxrWlRtabTable): the router is the AP, each AP-mode interface a radio.
 */
import type { ApProfile } from "../types";

const AP = "1.3.6.1.4.1.14988.1.1.1.3.1"; // mtxrWlApEntry, index ifIndex
const RTAB = "1.3.6.1.4.1.14988.1.1.1.2.1"; // mtxrWlRtabEntry, index {mac, ifIndex}

export const profile: ApProfile = {
    id: "mikrotik-wireless",
    label: "MikroTik RouterOS (wireless package)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.14988.1" }],
        probe: `${AP}.6`,
        probeName: "MIKROTIK-MIB mtxrWlApClientCount",
    },
    signal: "dBm",
    model: { sysDescr: /^RouterOS\s+(.+)$/ },
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        cols: {
            ssid: { oid: `${AP}.4`, as: "text" }, // mtxrWlApSsid
            clients: { oid: `${AP}.6`, as: "int" }, // mtxrWlApClientCount (Counter32, a current count)
            band: { oid: `${AP}.7`, as: "freqMHz" }, // mtxrWlApFreq (0 on virtual APs)
            channel: { oid: `${AP}.7`, as: "freqMHz" },
            noise: { oid: `${AP}.9`, as: "int" }, // mtxrWlApNoiseFloor, dBm
        },
    },
    clients: {
        index: [
            ["mac", "mac"],
            ["radio", "int"],
        ],
        cols: {
            signal: { oid: `${RTAB}.3`, as: "int" }, // mtxrWlRtabStrength, dBm
            txRate: { oid: `${RTAB}.8`, as: "bps" },
            rxRate: { oid: `${RTAB}.9`, as: "bps" },
            uptime: { oid: `${RTAB}.11`, as: "ticks" },
            snr: { oid: `${RTAB}.12`, as: "int", zeroIsNone: true }, // "0 when unavailable"
            hostname: { oid: `${RTAB}.20`, as: "text" }, // mtxrWlRtabRadioName (MikroTik peers only)
        },
    },
    notes: ["Client IP addresses are not in the registration table (they are in the ARP table)."],
};
