/**
 * Alta Labs access points (ALTA-WIRELESS-MIB, 2024-05-08): counts per VAP (an SSID on a band;
 * per radio = the VAPs of a band, as LibreNMS sums them) and the station table with signal,
 * rates and IP.
 */
import type { ApProfile } from "../types";

const A = "1.3.6.1.4.1.61802.1.1"; // altaWlanStatistics
const VAP = `${A}.2.1`; // wlanVapEntry, index ifIndex
const STA = `${A}.3.1`; // WlanStaEntry, index station MAC

// wlanVapBand: "2.4 GHz"(2), "5 GHz"(5), "6 GHz"(6)
const BAND = { 2: "2.4GHz", 5: "5GHz", 6: "6GHz" } as const;

export const profile: ApProfile = {
    id: "alta-labs",
    label: "Alta Labs access point",
    kind: "standalone",
    detect: {
        // Alta APs answer with net-snmp's Linux OID and a sysDescr starting with "Alta".
        match: [{ oid: "1.3.6.1.4.1.61802" }, { oid: "1.3.6.1.4.1.8072.3.2.10", descr: /^Alta\b/ }],
        probe: `${VAP}.9`,
        probeName: "ALTA-WIRELESS-MIB wlanVapStaCount",
    },
    signal: "dBm",
    model: { sysDescr: /^Alta\s+(\S+)/ },
    vaps: {
        index: [["vap", "int"]],
        cols: {
            ssid: { oid: `${VAP}.4`, as: "text" }, // wlanVapSsid
            band: { oid: `${VAP}.6`, as: "enum", map: BAND }, // wlanVapBand: the VAP's radio by band
            channel: { oid: `${VAP}.5`, as: "int" },
            clients: { oid: `${VAP}.9`, as: "int" }, // wlanVapStaCount
        },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            band: { oid: `${STA}.4`, as: "freqMHz" }, // wlanStaFrequency
            txRate: { oid: `${STA}.5`, as: "mbps" },
            rxRate: { oid: `${STA}.6`, as: "mbps" },
            signal: { oid: `${STA}.7`, as: "int" }, // wlanStaRxSignalStrength
            ip: { oid: `${STA}.8`, as: "ip" },
        },
    },
};
