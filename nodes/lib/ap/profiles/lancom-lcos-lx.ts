/**
 * LANCOM access points on LCOS LX (LCOS-LX-MIB lcosLXStatusWLAN): no count object, so the
 * clients are the rows of the station table (indexed by the station MAC); radios with channel
 * and noise.
 */
import type { ApProfile } from "../types";

const S = "1.3.6.1.4.1.2356.13.1.3"; // lcosLXStatusWLAN
const STA = `${S}.32.1`; // lcosLXStatusWLANStationEntry, index MAC
const RADIO = `${S}.57.1`; // lcosLXStatusWLANRadiosEntry, index the radio name (length-prefixed)

export const profile: ApProfile = {
    id: "lancom-lcos-lx",
    label: "LANCOM LCOS LX access point",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.2356.13" }],
        probe: `${RADIO}.3`,
        probeName: "LCOS-LX-MIB lcosLXStatusWLANRadiosEntryRadioChannel",
        probeNotACount: true,
    },
    signal: "dBm",
    radios: {
        index: [["radio", "string"]], // e.g. WLAN-1
        rowsFrom: "channel",
        cols: {
            channel: { oid: `${RADIO}.3`, as: "int" },
            noise: { oid: `${RADIO}.5`, as: "int" }, // NoiseLevel, dBm
        },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            ip: { oid: `${STA}.27`, as: "ip" }, // IPv4Address
            txRate: { oid: `${STA}.50`, as: "mbps" }, // EffTxRate
            rxRate: { oid: `${STA}.51`, as: "mbps" }, // EffRxRate
            signal: { oid: `${STA}.97`, as: "int" }, // PhySignaldBm
            ssid: { oid: `${STA}.98`, as: "text" }, // NetworkName
        },
    },
};
