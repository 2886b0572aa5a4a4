/** Cisco autonomous (IOS) Aironet APs (CISCO-DOT11-ASSOCIATION-MIB, 2016-12-06). */
import type { ApProfile } from "../types";

const ACT = "1.3.6.1.4.1.9.9.273.1.1.2.1"; // cDot11ActiveDevicesEntry, index ifIndex
const CFG = "1.3.6.1.4.1.9.9.273.1.2.1.1"; // cDot11ClientConfigInfoEntry
const STAT = "1.3.6.1.4.1.9.9.273.1.3.1.1"; // cDot11ClientStatisticEntry (AUGMENTS)

export const profile: ApProfile = {
    id: "cisco-ios-ap",
    label: "Cisco autonomous IOS AP (Aironet)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.9.1" }],
        probe: `${ACT}.1`,
        probeName: "CISCO-DOT11-ASSOCIATION-MIB cDot11ActiveWirelessClients",
    },
    signal: "dBm",
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        cols: { clients: { oid: `${ACT}.1`, as: "int" } }, // Gauge32 per radio interface
    },
    clients: {
        // {ifIndex, cd11IfAuxSsid (length-prefixed), cDot11ClientAddress}
        index: [
            ["radio", "int"],
            ["ssid", "string"],
            ["mac", "mac"],
        ],
        cols: {
            hostname: { oid: `${CFG}.13`, as: "text" }, // cDot11ClientName (CCX name)
            ip: { oid: `${CFG}.16`, as: "ip" }, // cDot11ClientIpAddress (4-byte octet string)
            uptime: { oid: `${STAT}.2`, as: "seconds" }, // cDot11ClientUpTime
            signal: { oid: `${STAT}.3`, as: "int" }, // cDot11ClientSignalStrength, dBm
        },
        // cDot11ClientRoleClassType: only clientStation(0); repeaters and bridges are infrastructure.
        keep: { col: { oid: `${CFG}.3`, as: "int" }, values: [0] },
    },
    notes: ["No SNR or noise per client; the SSID comes from the index."],
};
