/**
 * Cisco AireOS wireless LAN controllers, Mobility Express and Cisco Business Wireless
 * (AIRESPACE-WIRELESS-MIB 2015-09-14, CISCO-LWAPP-DOT11-CLIENT-MIB 2020-11-23).
 */
import type { ApProfile } from "../types";

const AP = "1.3.6.1.4.1.14179.2.2.1.1"; // bsnAPEntry, index bsnAPDot3MacAddress (the AP's base radio MAC)
const APIF = "1.3.6.1.4.1.14179.2.2.2.1"; // bsnAPIfEntry, index {base radio MAC, slot}
const ESS = "1.3.6.1.4.1.14179.2.1.1.1"; // bsnDot11EssEntry, index bsnDot11EssIndex
const STA = "1.3.6.1.4.1.14179.2.1.4.1"; // bsnMobileStationEntry, index client MAC
const STATS = "1.3.6.1.4.1.14179.2.1.6.1"; // bsnMobileStationStatsEntry, same index
const CLDC = "1.3.6.1.4.1.9.9.599.1.3.1.1"; // cldcClientEntry, same index

export const profile: ApProfile = {
    id: "cisco-aireos",
    label: "Cisco AireOS WLC / Mobility Express / Business Wireless",
    kind: "controller",
    detect: {
        match: [
            { oid: "1.3.6.1.4.1.14179" },
            // WLC models are under 9.1; Cisco Business Wireless answers with 9.6.1.37. Other
            // 9.6.1 products are small-business switches and WAPs, which serve no AireOS MIB.
            { oid: "1.3.6.1.4.1.9.1" },
            { oid: "1.3.6.1.4.1.9.6.1.37" },
            { descr: /^Cisco (Controller|Business Wireless)/ },
        ],
        // The WLAN table: configured WLANs exist even when no AP or client is connected.
        probe: `${ESS}.38`,
        probeName: "AIRESPACE-WIRELESS-MIB bsnDot11EssNumberOfMobileStations",
    },
    signal: "dBm",
    model: { scalar: "1.3.6.1.4.1.14179.1.1.1.3.0" }, // agentInventoryMachineModel
    totals: { aps: "1.3.6.1.4.1.9.9.618.1.8.4.0" }, // clsSysApConnectCount
    aps: {
        index: [["ap", "mac"]],
        // bsnAPOperationStatus associated(1); disassociating(2) and downloading(3) serve no client.
        keep: { col: { oid: `${AP}.6`, as: "int" }, values: [1] },
        cols: {
            name: { oid: `${AP}.3`, as: "text" }, // bsnAPName
            ip: { oid: `${AP}.19`, as: "ip" }, // bsnApIpAddress
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        cols: {
            // bsnAPIfType: dot11b(1) 2.4 GHz, dot11a(2) 5 GHz, dot11-6ghz(6); XOR radios (7) vary.
            band: { oid: `${APIF}.2`, as: "enum", map: { 1: "2.4GHz", 2: "5GHz", 6: "6GHz" } },
            channel: { oid: `${APIF}.4`, as: "int" }, // bsnAPIfPhyChannelNumber
            clients: { oid: `${APIF}.15`, as: "int" }, // bsnApIfNoOfUsers (Counter32, a current count)
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${ESS}.2`, as: "text" }, // bsnDot11EssSsid
            clients: { oid: `${ESS}.38`, as: "int" }, // Counter32, a current count
        },
    },
    clients: {
        index: [["mac", "mac"]],
        // bsnMobileStationTable defines the clients; the stats and cldc tables only add values.
        rowsFrom: "ap",
        cols: {
            ip: { oid: `${STA}.2`, as: "ip" },
            ap: { oid: `${STA}.4`, as: "mac" }, // bsnMobileStationAPMacAddr = bsnAPTable index
            radio: { oid: `${STA}.5`, as: "int" }, // bsnMobileStationAPIfSlotId
            ssid: { oid: `${STA}.7`, as: "text" },
            signal: { oid: `${STATS}.1`, as: "int" }, // bsnMobileStationRSSI, dBm
            snr: { oid: `${STATS}.26`, as: "int" }, // bsnMobileStationSnr, dB
            uptime: { oid: `${CLDC}.15`, as: "seconds" }, // cldcClientUpTime
            txRate: { oid: `${CLDC}.50`, as: "mbps" }, // cldcClientCurrentTxRate
        },
        // bsnMobileStationStatus: authenticated(2), associated(3), powersave(4) are on the air;
        // idle, probing, disassociated and excluded rows are not clients.
        keep: { col: { oid: `${STA}.9`, as: "int" }, values: [2, 3, 4] },
    },
    notes: [
        "Per-SSID totals lag per-AP totals slightly: the controller updates them separately.",
        "The Catalyst 9800 has its own profile (cisco-9800): it serves clients only in cldcClientTable.",
    ],
};
