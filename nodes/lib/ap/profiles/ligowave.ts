/**
 * LigoWave LigoOS radios (LigoPTP, LigoDLB; LIGO-WIRELESS-MIB): a client count per wireless
 * interface with its ESSID, frequency and noise, and one row per remote node with its signal.
 */
import type { ApProfile } from "../types";

const IF = "1.3.6.1.4.1.32750.3.10.1.2.1.1"; // ligoWiIfConfEntry, index ifIndex
const NODE = "1.3.6.1.4.1.32750.3.10.1.3.2.1"; // ligoWiRemoteNodeStatsEntry, index {ifIndex, MAC}

export const profile: ApProfile = {
    id: "ligowave",
    label: "LigoWave LigoOS (LigoPTP / LigoDLB)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.32750" }, { descr: /^Ligo(PTP|DLB)/ }],
        probe: `${IF}.16`,
        probeName: "LIGO-WIRELESS-MIB ligoWiIfAssocNodeCount",
    },
    signal: "dBm",
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "clients",
        cols: {
            ssid: { oid: `${IF}.4`, as: "text" }, // ligoWiIfESSID
            clients: { oid: `${IF}.16`, as: "int" }, // ligoWiIfAssocNodeCount (Gauge32)
            band: { oid: `${IF}.6`, as: "freqMHz" }, // ligoWiIfFrequency
            channel: { oid: `${IF}.7`, as: "int" }, // ligoWiIfChannel
            noise: { oid: `${IF}.15`, as: "int" }, // ligoWiIfNoiseLevel, dBm
        },
    },
    clients: {
        index: [
            ["radio", "int"],
            ["mac", "mac"],
        ],
        cols: {
            signal: { oid: `${NODE}.5`, as: "int" }, // ligoWiRmtNodeSignalLevel, dBm
            noise: { oid: `${NODE}.6`, as: "int" }, // ligoWiRmtNodeNoiseLevel, dBm
        },
    },
};
