/**
 * Tachyon Networks radios (TACHYON-MIB): the peer count, counts per VAP with its SSID, and one
 * row per peer (indexed by its MAC as text) with receive power, SNR and rates.
 */
import type { ApProfile } from "../types";

const T = "1.3.6.1.4.1.57344.1.2"; // wireless
const VAP = `${T}.4.1`; // wirelessVapEntry, index VAP ifIndex
const PEER = `${T}.6.1`; // wirelessPeerEntry, index wirelessPeerMac (DisplayString)

export const profile: ApProfile = {
    id: "tachyon",
    label: "Tachyon Networks",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.57344" }],
        probe: `${T}.5`,
        probeName: "TACHYON-MIB wirelessPeersCount",
    },
    signal: "dBm",
    totals: { clients: `${T}.5.0` },
    vaps: {
        index: [["vap", "int"]],
        cols: {
            ssid: { oid: `${VAP}.6`, as: "text" }, // wirelessVapSsid
            clients: { oid: `${VAP}.7`, as: "int" }, // wirelessVapPeerCount (Counter32 syntax, a count)
        },
    },
    clients: {
        index: [["row", "restMac"]], // a text MAC; a row with another id still counts
        cols: {
            signal: { oid: `${PEER}.6`, as: "int" }, // wirelessPeerRxPower, dBm
            txRate: { oid: `${PEER}.7`, as: "mbps" },
            snr: { oid: `${PEER}.8`, as: "int" },
            rxRate: { oid: `${PEER}.9`, as: "mbps" },
        },
    },
};
