/** Ruckus ZoneDirector (RUCKUS-ZD-SYSTEM-MIB, RUCKUS-ZD-WLAN-MIB). */
import type { ApProfile } from "../types";

const SYS = "1.3.6.1.4.1.25053.1.2.1.1.1"; // ruckusZDSystemObjects
const WLAN = "1.3.6.1.4.1.25053.1.2.2.1.1"; // ruckusZDWLANObjects
const AP = `${WLAN}.2.1.1`; // ruckusZDWLANAPEntry, index AP MAC
const RADIO = `${WLAN}.2.2.1`; // ruckusZDWLANAPRadioStatsEntry, index {AP MAC, radio}
const SSID = `${WLAN}.1.1.1`; // ruckusZDWLANEntry, index WLAN
const STA = `${WLAN}.3.1.1`; // ruckusZDWLANStaEntry, index client MAC

export const profile: ApProfile = {
    id: "ruckus-zd",
    label: "Ruckus ZoneDirector",
    kind: "controller",
    detect: {
        // ZoneDirector and Unleashed share 25053.3.1.5 (a ZD1200 answers 25053.3.1.5.15): the probe decides.
        match: [{ oid: "1.3.6.1.4.1.25053.3.1.5" }],
        probe: `${SYS}.15.2`,
        probeName: "RUCKUS-ZD-SYSTEM-MIB ruckusZDSystemStatsNumSta",
    },
    signal: "dBm",
    model: { scalar: `${SYS}.1.9.0` }, // ruckusZDSystemModel
    totals: { clients: `${SYS}.15.2.0`, aps: `${SYS}.15.1.0` }, // NumSta (authorised), NumAP
    aps: {
        index: [["ap", "mac"]],
        cols: {
            name: { oid: `${AP}.2`, as: "text" }, // ruckusZDWLANAPDescription
            ip: { oid: `${AP}.10`, as: "ip" },
            clients: { oid: `${AP}.15`, as: "int" }, // ruckusZDWLANAPNumSta
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        cols: {
            // radio11bg(0), radio11a(1), radio11ng(2), radio11na(3), radio11ac(4)
            band: {
                oid: `${RADIO}.3`,
                as: "enum",
                map: { 0: "2.4GHz", 1: "5GHz", 2: "2.4GHz", 3: "5GHz", 4: "5GHz" },
            },
            channel: { oid: `${RADIO}.4`, as: "int" },
            clients: { oid: `${RADIO}.8`, as: "int" },
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${SSID}.1`, as: "text" }, // ruckusZDWLANSSID
            clients: { oid: `${SSID}.12`, as: "int" }, // ruckusZDWLANNumSta
        },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            ap: { oid: `${STA}.2`, as: "mac" }, // ruckusZDWLANStaAPMacAddr = AP table index
            ssid: { oid: `${STA}.4`, as: "text" },
            // ruckusZDWLANStaRadioType: radio11a(0), 11b(1), 11g(2), 11ng(3), 11na(4), 11ac(5)
            band: {
                oid: `${STA}.6`,
                as: "enum",
                map: { 0: "5GHz", 1: "2.4GHz", 2: "2.4GHz", 3: "2.4GHz", 4: "5GHz", 5: "5GHz" },
            },
            ip: { oid: `${STA}.8`, as: "ip" },
            snr: { oid: `${STA}.9`, as: "int" }, // ruckusZDWLANStaAvgSNR, dB
            signal: { oid: `${STA}.81`, as: "int" }, // ruckusZDWLANStaSignalStrength, dBm (newer firmware)
        },
    },
    notes: ["The system total counts authorised clients; per-WLAN counts are updated separately."],
};
