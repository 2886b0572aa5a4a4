/**
 * Ruckus ZoneFlex access points in standalone mode (RUCKUS-RADIO-MIB, RUCKUS-WLAN-MIB): counts
 * per radio, the WLANs and their stations.
 */
import type { ApProfile } from "../types";

const RADIO = "1.3.6.1.4.1.25053.1.1.12.1.1.1.3.1"; // ruckusRadioStatsEntry, index radio
const WLAN = "1.3.6.1.4.1.25053.1.1.6.1.1.1.1.1"; // ruckusWLANEntry, index ifIndex
const STA = "1.3.6.1.4.1.25053.1.1.6.1.1.2.2.1"; // ruckusWLANStaEntry, index {ifIndex, station MAC}

export const profile: ApProfile = {
    id: "ruckus-zoneflex",
    label: "Ruckus ZoneFlex standalone AP",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.25053.3.1.4" }],
        probe: `${RADIO}.2`,
        probeName: "RUCKUS-RADIO-MIB ruckusRadioStatsNumSta",
        hint: "an AP managed by a ZoneDirector, SmartZone or Unleashed master is read on the controller",
    },
    // ruckusWLANStaRssi is Unsigned32: a level above the noise floor, reported as an SNR.
    signal: "snr",
    radios: {
        index: [["radio", "int"]],
        cols: { clients: { oid: `${RADIO}.2`, as: "int" } }, // Counter32 syntax, a current count
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: { ssid: { oid: `${WLAN}.1`, as: "text" } }, // ruckusWLANSSID
    },
    clients: {
        index: [
            ["wlan", "int"],
            ["mac", "mac"],
        ],
        cols: {
            rssi: { oid: `${STA}.2`, as: "int" }, // ruckusWLANStaRssi
            ip: { oid: `${STA}.16`, as: "ip" }, // ruckusWLANStaIpaddr, text
        },
    },
    notes: [
        "The radios' bands are not in the MIB: LibreNMS assumes radio 1 is 2.4 GHz and 2 is 5 GHz; " +
            "this profile leaves the band out rather than assume it.",
    ],
};
