/**
 * Zyxel wireless controllers: NXC, and USG FLEX / ATP / VPN firewalls with the AP controller
 * (ZYXEL-ES-CAPWAP for totals, ZYXEL-ES-WIRELESS for managed APs and stations).
 */
import type { ApProfile } from "../types";

const CAPWAP = "1.3.6.1.4.1.890.1.15.3.3.1"; // capwapGlobal scalars
const W = "1.3.6.1.4.1.890.1.15.3.5"; // esWireless
const AP = `${W}.11.1`; // wlanControllerAPEntry, index AP number
const STA = `${W}.14.1`; // wlanControllerStationEntry, index station number

export const profile: ApProfile = {
    id: "zyxel-controller",
    label: "Zyxel NXC / USG FLEX / ATP wireless controller",
    kind: "controller",
    detect: {
        match: [
            { oid: "1.3.6.1.4.1.890.1.6" },
            { oid: "1.3.6.1.4.1.890.1.15", descr: /^(NXC|USG|ATP|VPN|ZyWALL)/ },
            // USG FLEX / ATP answer with net-snmp's Linux OID (LibreNMS zyxelusg.yaml).
            { oid: "1.3.6.1.4.1.8072.3.2.10", descr: /^(USG|ATP|VPN|ZyWALL)/ },
            { oid: "1.3.6.1.4.1.890" },
        ],
        probe: `${CAPWAP}.4`,
        probeName: "ZYXEL-ES-CAPWAP capwapTotalStation",
        hint: "enable the AP controller; a USG FLEX or ATP without managed APs serves no station count",
    },
    signal: "dBm",
    model: { scalar: "1.3.6.1.4.1.890.1.15.3.1.11.0", sysDescr: /^(\S+)/ }, // ZYXEL-ES-COMMON sysProductModel
    totals: { clients: `${CAPWAP}.4.0`, aps: `${CAPWAP}.1.0` }, // capwapTotalStation, capwapOnlineAP
    aps: {
        index: [["ap", "int"]],
        cols: {
            mac: { oid: `${AP}.2`, as: "mac" }, // wlanControllerAPMac
            name: { oid: `${AP}.3`, as: "text" }, // wlanControllerAPDescription
            ip: { oid: `${AP}.4`, as: "ip" }, // wlanControllerAPMgmtIPAddr
            clients: { oid: `${AP}.5`, as: "int" }, // wlanControllerAPStationNum
        },
    },
    clients: {
        index: [["row", "int"]],
        cols: {
            mac: { oid: `${STA}.2`, as: "mac" },
            ssid: { oid: `${STA}.4`, as: "text" },
            ip: { oid: `${STA}.5`, as: "ip" },
            apMac: { oid: `${STA}.6`, as: "mac" }, // wlanControllerStationAssociatedAPMac -> AP table
            signal: { oid: `${STA}.7`, as: "int" }, // dBm written as text
        },
    },
    notes: [
        "Per-AP radios are left out: the MIB's radio table is indexed by radio number only, so its rows " +
            "cannot be told apart per AP.",
    ],
};
