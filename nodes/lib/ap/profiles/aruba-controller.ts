/**
 * Aruba (HPE) mobility controllers, ArubaOS 6 and 8 (WLSX-SWITCH-MIB, WLSX-WLAN-MIB,
 * WLSX-USER-MIB). Client quality is an SNR: the column named wlanStaRSSI is described by the
 * MIB as "Signal to Noise ratio for the station", so it is never reported as dBm.
 */
import type { ApProfile } from "../types";

const W = "1.3.6.1.4.1.14823.2.2.1.5.2"; // wlsxWlanStateGroup
const AP = `${W}.1.4.1`; // wlsxWlanAPEntry, index AP MAC
const RADIO = `${W}.1.5.1`; // wlsxWlanRadioEntry, index {AP MAC, radio}
const BSSID = `${W}.1.7.1`; // wlsxWlanAPBssidEntry, index {AP MAC, radio, BSSID}
const ESSID = `${W}.1.8.1`; // wlsxWlanESSIDEntry, index ESSID (length-prefixed)
const STA = `${W}.2.1.1`; // wlsxWlanStationEntry, index station MAC
const TOTALS = "1.3.6.1.4.1.14823.2.2.1.1.3"; // wlsxSwitchTotalNum...

// ArubaPhyType: dot11a(1), dot11b(2), dot11g(3); dot11ag(4) names no single band.
const PHY = { 1: "5GHz", 2: "2.4GHz", 3: "2.4GHz" } as const;

export const profile: ApProfile = {
    id: "aruba-controller",
    label: "Aruba mobility controller (ArubaOS)",
    kind: "controller",
    detect: {
        match: [
            // 14823.1.2 are APs and Instant virtual controllers, 14823.1.6 ClearPass (LibreNMS arubaos.yaml).
            { oid: "1.3.6.1.4.1.14823", notOid: ["1.3.6.1.4.1.14823.1.2", "1.3.6.1.4.1.14823.1.6"] },
            { oid: "1.3.6.1.4.1.6486.800.1.1.2.2.2" }, // Alcatel-Lucent OmniAccess (AOS-W)
            { descr: /^(ArubaOS|AOS-W) \(MODEL:/ },
        ],
        probe: `${TOTALS}.2`,
        probeName: "WLSX-SWITCH-MIB wlsxSwitchTotalNumStationsAssociated",
        hint: "in an ArubaOS 8 Mobility Conductor deployment, poll the managed controllers that terminate the APs",
    },
    signal: "snr",
    model: { sysDescr: /\(MODEL: ([^)]+)\)/ },
    totals: { clients: `${TOTALS}.2.0`, aps: `${TOTALS}.1.0` },
    aps: {
        index: [["ap", "mac"]],
        keep: { col: { oid: `${AP}.19`, as: "int" }, values: [1] }, // wlanAPStatus up(1); down(2) left out
        cols: {
            name: { oid: `${AP}.3`, as: "text" }, // wlanAPName
            ip: { oid: `${AP}.2`, as: "ip" }, // wlanAPIpAddress
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        rowsFrom: "clients",
        cols: {
            band: { oid: `${RADIO}.2`, as: "enum", map: PHY }, // wlanAPRadioType
            channel: { oid: `${RADIO}.3`, as: "int" }, // wlanAPRadioChannel
            clients: { oid: `${RADIO}.7`, as: "int" }, // wlanAPRadioNumAssociatedClients
            noise: { oid: "1.3.6.1.4.1.14823.2.2.1.5.3.1.6.1.9", as: "int" }, // wlanAPChNoise, same index
        },
    },
    vaps: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
            ["bssid", "mac"],
        ],
        cols: {
            ssid: { oid: `${BSSID}.2`, as: "text" }, // wlanAPESSID
            clients: { oid: `${BSSID}.12`, as: "int" }, // wlanAPBssidNumAssociatedStations
        },
    },
    bssids: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
            ["bssid", "mac"],
        ],
        cols: { ssid: { oid: `${BSSID}.2`, as: "text" } },
    },
    wlans: {
        index: [["ssid", "string"]],
        cols: { clients: { oid: `${ESSID}.2`, as: "int" } }, // wlanESSIDNumStations
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            bssid: { oid: `${STA}.2`, as: "mac" }, // wlanStaApBssid -> AP and radio
            band: { oid: `${STA}.3`, as: "enum", map: PHY }, // wlanStaPhyType
            txRate: { oid: `${STA}.10`, as: "mbps" }, // wlanStaTransmitRate
            ssid: { oid: `${STA}.12`, as: "text" }, // wlanStaAccessPointESSID
            radio: { oid: `${STA}.13`, as: "int" }, // wlanStaPhyNumber
            snr: { oid: `${STA}.14`, as: "int" }, // wlanStaRSSI: an SNR in dB (see above)
            uptime: { oid: `${STA}.15`, as: "ticks" },
        },
        drop: { col: { oid: `${STA}.3`, as: "int" }, values: [5] }, // wired(5) stations
        joins: [
            {
                // wlsxUserTable, index {nUserPhyAddress, nUserIpAddress}: the client IP is in the index.
                index: [
                    ["mac", "mac"],
                    ["ip", "ip"],
                ],
                rowsFrom: "bssid",
                cols: { bssid: { oid: "1.3.6.1.4.1.14823.2.2.1.4.1.2.1.11", as: "mac" } }, // nUserApBSSID
            },
        ],
    },
};
