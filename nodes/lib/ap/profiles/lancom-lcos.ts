/**
 * LANCOM access points and routers on LCOS (LCOS-MIB lcsStatusWlan): no count object, so the
 * clients are the rows of the station table; radios with channel and noise, SSIDs from the
 * WLAN networks table.
 */
import type { ApProfile } from "../types";

const S = "1.3.6.1.4.1.2356.11.1.3"; // lcsStatusWlan
const STA = `${S}.32.1`; // lcsStatusWlanStationTableEntry, index a number
const NET = `${S}.56.1`; // lcsStatusWlanNetworksEntry, index the interface name (length-prefixed)
const RADIO = `${S}.57.1`; // lcsStatusWlanRadiosEntry, index the radio's interface name

export const profile: ApProfile = {
    id: "lancom-lcos",
    label: "LANCOM LCOS access point / router",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.2356.11" }, { oid: "1.3.6.1.4.1.2356.600" }],
        probe: `${RADIO}.3`,
        probeName: "LCOS-MIB lcsStatusWlanRadiosEntryRadioChannel",
        probeNotACount: true,
        hint: "a LANCOM without WLAN module serves no WLAN status tables",
    },
    signal: "dBm",
    radios: {
        index: [["radio", "string"]], // the interface name, e.g. WLAN-1
        rowsFrom: "channel",
        cols: {
            channel: { oid: `${RADIO}.3`, as: "int" },
            noise: { oid: `${RADIO}.5`, as: "int" }, // dBm
        },
    },
    wlans: {
        index: [["wlan", "string"]],
        cols: { ssid: { oid: `${NET}.3`, as: "text" } }, // NetworkName
    },
    clients: {
        index: [["row", "rest"]],
        cols: {
            mac: { oid: `${STA}.4`, as: "mac" }, // MacAddress
            name: { oid: `${STA}.9`, as: "text" }, // the station's name
            signal: { oid: `${STA}.26`, as: "int" }, // PhySignal, dBm
            ip: { oid: `${STA}.27`, as: "ip" },
        },
    },
};
