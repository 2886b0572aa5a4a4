/**
 * Cisco Catalyst 9800 wireless controllers and Embedded Wireless Controllers (IOS-XE). Cisco
 * keeps SNMP on the 9800 "for legacy purposes" (document 217460): the AireOS WLAN counts
 * answer, bsnDot11EssSsid may not (cLWlanSsid names the WLAN then), APs are in
 * CISCO-LWAPP-AP-MIB and clients in CISCO-LWAPP-DOT11-CLIENT-MIB.
 */
import type { ApProfile } from "../types";

const ESS = "1.3.6.1.4.1.14179.2.1.1.1"; // bsnDot11EssEntry, index WLAN
const WLAN = "1.3.6.1.4.1.9.9.512.1.1.1.1"; // cLWlanConfigEntry, index WLAN (the same numbers)
const AP = "1.3.6.1.4.1.9.9.513.1.1.1.1"; // cLApEntry, index cLApSysMacAddress
const IF = "1.3.6.1.4.1.9.9.513.1.2.1.1"; // cLApDot11IfEntry, index {AP MAC, slot}
const CLDC = "1.3.6.1.4.1.9.9.599.1.3.1.1"; // cldcClientEntry, index client MAC
const STATS = "1.3.6.1.4.1.14179.2.1.6.1"; // bsnMobileStationStatsEntry, index client MAC

export const profile: ApProfile = {
    id: "cisco-9800",
    label: "Cisco Catalyst 9800 (IOS-XE) wireless controller",
    kind: "controller",
    detect: {
        match: [
            // CISCO-PRODUCTS-MIB: C9800-CL, C9800-40, C9800-80, C9800-L variants.
            { oid: "1.3.6.1.4.1.9.1.2391" },
            { oid: "1.3.6.1.4.1.9.1.2530" },
            { oid: "1.3.6.1.4.1.9.1.2531" },
            { oid: "1.3.6.1.4.1.9.1.2669" },
            { oid: "1.3.6.1.4.1.9.1.2860" },
            { oid: "1.3.6.1.4.1.9.1.2861" },
            {
                oid: "1.3.6.1.4.1.9.1",
                descr: /C9800|Catalyst.{0,20}9800|Embedded Wireless Controller|CW9800/i,
            },
        ],
        probe: `${ESS}.38`,
        probeName: "AIRESPACE-WIRELESS-MIB bsnDot11EssNumberOfMobileStations",
        // AireOS serves both objects too: a device that names no 9800 is read as AireOS.
        probeSignatureOnly: true,
        alsoProbe: [
            { oid: `${AP}.54`, name: "CISCO-LWAPP-AP-MIB cLApAssociatedClientCount", signatureOnly: true },
        ],
        hint: "enable SNMP on the wireless management interface (before 17.6, the only one that answers)",
    },
    signal: "dBm",
    totals: { aps: "1.3.6.1.4.1.9.9.618.1.8.4.0" }, // clsSysApConnectCount
    aps: {
        index: [["ap", "mac"]],
        cols: {
            name: { oid: `${AP}.5`, as: "text" }, // cLApName
            clients: { oid: `${AP}.54`, as: "int" }, // cLApAssociatedClientCount
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        // cLApDot11IfType: dot11bg(1) 2.4 GHz, dot11a(2) 5 GHz; other types name no single band.
        cols: { band: { oid: `${IF}.2`, as: "enum", map: { 1: "2.4GHz", 2: "5GHz" } } },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${WLAN}.4`, as: "text", or: [`${ESS}.2`] }, // cLWlanSsid, else bsnDot11EssSsid
            clients: { oid: `${ESS}.38`, as: "int" }, // Counter32, a current count
        },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            ssid: { oid: `${CLDC}.28`, as: "text" }, // cldcClientSSID
            apMac: { oid: `${CLDC}.8`, as: "mac" }, // cldcApMacAddress -> AP table
            // cldcIfType: dot11bg(1), dot11a(2)
            band: { oid: `${CLDC}.9`, as: "enum", map: { 1: "2.4GHz", 2: "5GHz" } },
            ip: { oid: `${CLDC}.10`, as: "ip" },
            uptime: { oid: `${CLDC}.15`, as: "seconds" }, // cldcClientUpTime
            txRate: { oid: `${CLDC}.50`, as: "mbps" }, // cldcClientCurrentTxRate
        },
        // cldcClientStatus: authenticated(3), associated(4), powersave(5) are on the air.
        keep: { col: { oid: `${CLDC}.2`, as: "int" }, values: [3, 4, 5] },
        joins: [
            {
                index: [["mac", "mac"]],
                rowsFrom: "signal",
                cols: {
                    signal: { oid: `${STATS}.1`, as: "int" }, // bsnMobileStationRSSI, dBm, where served
                    snr: { oid: `${STATS}.26`, as: "int" }, // bsnMobileStationSnr
                },
            },
        ],
    },
    notes: [
        "cldcClientRSSI and cldcClientSNR are notification-only objects: signal comes from the AireOS " +
            "station statistics where the 9800 still serves them.",
        "The total is the sum of the per-WLAN counts; the per-AP counts lag it slightly.",
    ],
};
