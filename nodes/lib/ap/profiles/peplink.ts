/**
 * Peplink / Pepwave routers with the AP controller (Peplink WLC MIB, 2011-08-19). The MIB is
 * written under Peplink's enterprise 23695; Pepwave models serve the same objects under 27662
 * (LibreNMS reads wlcNumApOnline there), so both trees are read.
 */
import type { ApProfile } from "../types";

const WLC = "1.3.6.1.4.1.23695.4"; // wlc
const PW = "1.3.6.1.4.1.27662.4"; // the same layout under Pepwave's enterprise (inferred)

export const profile: ApProfile = {
    id: "peplink",
    label: "Peplink / Pepwave AP controller",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.23695" }, { oid: "1.3.6.1.4.1.27662" }],
        probe: `${WLC}.1.1.8`,
        probeName: "WLC wlcNumAssocSta",
        alsoProbe: [
            { oid: `${PW}.1.1.8`, name: "WLC wlcNumAssocSta (Pepwave tree)" },
            { oid: `${PW}.1.1.7`, name: "WLC wlcNumApOnline (Pepwave tree)", notACount: true },
            { oid: `${WLC}.1.1.7`, name: "WLC wlcNumApOnline", notACount: true },
        ],
        hint: "enable the AP controller (AP > Settings); the router alone serves no Wi-Fi counts",
    },
    signal: "none",
    totals: { clients: `${WLC}.1.1.8.0`, clientsAlt: [`${PW}.1.1.8.0`], aps: `${WLC}.1.1.7.0` },
    aps: {
        index: [["ap", "int"]], // wlcApInfoApId
        cols: {
            name: { oid: `${WLC}.4.1.1.3`, as: "text", or: [`${PW}.4.1.1.3`] }, // wlcApInfoApName
            ip: { oid: `${WLC}.4.1.1.7`, as: "ip", or: [`${PW}.4.1.1.7`] }, // wlcApInfoApIp
        },
    },
    wlans: {
        index: [["wlan", "int"]], // wlcWlanNetworkId
        cols: {
            ssid: { oid: `${WLC}.2.3.1.2`, as: "text", or: [`${PW}.2.3.1.2`] }, // wlcWlanEssid
            clients: { oid: `${WLC}.2.3.1.5`, as: "int", plus: [`${PW}.2.3.1.5`] }, // wlcWlanNumAssocSta
        },
    },
    notes: [
        "No per-AP client count and no client table in the WLC MIB: totals and per-SSID counts only.",
        "LibreNMS graphs wlcNumApOnline as its Pepwave client sensor; that object counts APs, not clients.",
    ],
};
