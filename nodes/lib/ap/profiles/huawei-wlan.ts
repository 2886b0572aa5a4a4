/**
 * Huawei WLAN: AC6xxx / AirEngine controllers and fat APs (HUAWEI-WLAN-GLOBAL/AP/AP-RADIO/VAP/
 * STATION-MIB, 2021-2022). Counts for the whole AC, per AP, per radio, per VAP (AP x radio x
 * WLAN) and per SSID and band; one row per station.
 */
import type { ApProfile } from "../types";

const H = "1.3.6.1.4.1.2011.6.139";
const GLOBAL = `${H}.12.1.2`; // hwWlanGlobal... scalars
const AP = `${H}.13.3.3.1`; // hwWlanApEntry, index AP MAC
const RADIO = `${H}.16.1.2.1`; // hwWlanRadioInfoEntry, index {AP MAC, radio}
const VAP = `${H}.17.1.1.1`; // hwWlanVapEntry, index {AP MAC, radio, WLAN id}
const SSID = `${H}.17.1.2.1`; // hwWlanSsidEntry, index SSID (length-prefixed)
const STA = `${H}.18.1.2.1`; // hwWlanStationEntry, index station MAC

// hwWlanRadioFreqType / hwWlanStaAssocBand: 2.4G(1), 5G(2), 6G(3)
const BAND = { 1: "2.4GHz", 2: "5GHz", 3: "6GHz" } as const;

export const profile: ApProfile = {
    id: "huawei-wlan",
    label: "Huawei AC / AirEngine / fat AP (HUAWEI-WLAN)",
    kind: "controller",
    detect: {
        // LibreNMS vrp.yaml recognises VRP by sysDescr only; the AC and AP product OIDs are under 2011.
        match: [{ oid: "1.3.6.1.4.1.2011" }, { descr: /Huawei|VRP|AirEngine/ }],
        probe: `${GLOBAL}.2`,
        probeName: "HUAWEI-WLAN-GLOBAL-MIB hwWlanCurAssocStaNum",
        alsoProbe: [
            { oid: `${SSID}.2`, name: "HUAWEI-WLAN-VAP-MIB hwWlanSsid2gStaCnt" },
            { oid: `${VAP}.9`, name: "HUAWEI-WLAN-VAP-MIB hwWlanVapStaOnlineCnt" },
            { oid: `${AP}.44`, name: "HUAWEI-WLAN-AP-MIB hwWlanApOnlineUserNum" },
        ],
        hint: "a Huawei switch or router without WLAN serves none of the HUAWEI-WLAN MIBs",
    },
    signal: "dBm",
    totals: { clients: `${GLOBAL}.2.0`, aps: `${GLOBAL}.1.0` }, // hwWlanCurAssocStaNum, hwWlanCurJointApNum
    aps: {
        index: [["ap", "mac"]],
        cols: {
            name: { oid: `${AP}.4`, as: "text" }, // hwWlanApName
            clients: { oid: `${AP}.44`, as: "int" }, // hwWlanApOnlineUserNum
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        cols: {
            band: { oid: `${RADIO}.5`, as: "enum", map: BAND }, // hwWlanRadioFreqType
            channel: { oid: `${RADIO}.7`, as: "int" }, // hwWlanRadioWorkingChannel
            noise: { oid: `${RADIO}.24`, as: "int", zeroIsNone: true }, // hwWlanRadioNoise: "invalid value is 0"
            clients: { oid: `${RADIO}.40`, as: "int" }, // hwWlanRadioOnlineStaCnt
        },
    },
    vaps: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
            ["wlan", "int"],
        ],
        cols: {
            ssid: { oid: `${VAP}.6`, as: "text" }, // hwWlanVapSsid
            clients: { oid: `${VAP}.9`, as: "int" }, // hwWlanVapStaOnlineCnt
        },
    },
    wlans: {
        index: [["ssid", "string"]],
        cols: {
            // hwWlanSsid2gStaCnt + hwWlanSsid5gStaCnt + hwWlanSsid6gStaCnt: the SSID on every band.
            clients: { oid: `${SSID}.2`, as: "int", plus: [`${SSID}.3`, `${SSID}.17`] },
        },
    },
    clients: {
        index: [["mac", "mac"]], // hwWlanStaMac is accessible-for-notify: the MAC is only in the index
        cols: {
            apMac: { oid: `${STA}.3`, as: "mac" }, // hwWlanStaApMac -> AP table
            radio: { oid: `${STA}.6`, as: "int" }, // hwWlanStaRadioId
            band: { oid: `${STA}.7`, as: "enum", map: BAND }, // hwWlanStaAssocBand
            ssid: { oid: `${STA}.18`, as: "text" }, // hwWlanStaSsid
            ip: { oid: `${STA}.25`, as: "ip" }, // hwWlanStaIP
            // hwWlanStaRssi states no unit: a negative value is dBm, a positive one is not relabelled.
            rssi: { oid: `${STA}.42`, as: "int" },
        },
    },
    notes: [
        "A fat AP answers the same MIBs for itself and is listed as one AP.",
        "The station SNR (hwWlanStaSnrUs, 0.1 dB) is left out: its invalid value is not reliably marked.",
    ],
};
