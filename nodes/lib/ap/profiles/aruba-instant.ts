/**
 * Aruba Instant virtual controllers (AI-AP-MIB): poll the VC address; its tables cover the
 * whole cluster. Client quality is an SNR (aiClientSNR); no dBm per client.
 */
import type { ApProfile } from "../types";

const AI = "1.3.6.1.4.1.14823.2.3.3.1";
const AP = `${AI}.2.1.1`; // aiAccessPointEntry, index AP MAC
const RADIO = `${AI}.2.2.1`; // aiRadioEntry, index {AP MAC, radio}
const WLAN = `${AI}.2.3.1`; // aiWlanEntry, index {AP MAC, WLAN}
const SSID = `${AI}.1.7.1`; // aiWlanSSIDEntry, index SSID number
const CLIENT = `${AI}.2.4.1`; // aiClientEntry, index client MAC

export const profile: ApProfile = {
    id: "aruba-instant",
    label: "Aruba Instant (virtual controller)",
    kind: "controller",
    detect: {
        match: [
            { oid: "1.3.6.1.4.1.14823.1.2", descr: /ArubaOS|AOS-8|AOS-10/ },
            { oid: "1.3.6.1.4.1.14823.1.2" },
        ],
        probe: `${AP}.2`,
        probeName: "AI-AP-MIB aiAPName",
        probeNotACount: true,
        alsoProbe: [
            { oid: `${RADIO}.21`, name: "AI-AP-MIB aiRadioClientNum" },
            { oid: `${SSID}.4`, name: "AI-AP-MIB aiSSIDClientNum" },
            { oid: `${AP}.4`, name: "AI-AP-MIB aiAPSerialNum", notACount: true },
        ],
        hint: "poll the virtual controller's address, not a member AP",
    },
    signal: "snr",
    model: { sysDescr: /\(MODEL: ([^)]+)\)/ },
    aps: {
        index: [["ap", "mac"]],
        keep: { col: { oid: `${AP}.11`, as: "int" }, values: [1] }, // aiAPStatus up(1); down(2) left out
        cols: {
            name: { oid: `${AP}.2`, as: "text" },
            ip: { oid: `${AP}.3`, as: "ip" },
        },
    },
    radios: {
        index: [
            ["ap", "mac"],
            ["radio", "int"],
        ],
        cols: {
            // aiRadioChannel: text such as "116E"; firmware before 8.4 sends an integer with the
            // channel-width flags above the channel number (LibreNMS masks it with 255 too).
            channel: { oid: `${RADIO}.4`, as: "channelText", mask: 255 },
            noise: { oid: `${RADIO}.6`, as: "dBmMagnitude" }, // aiRadioNoiseFloor, sent as 94 for -94 dBm
            utilisation: { oid: `${RADIO}.8`, as: "int" }, // aiRadioUtilization64, % over 64 s
            clients: { oid: `${RADIO}.21`, as: "int" }, // aiRadioClientNum
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: {
            ssid: { oid: `${SSID}.2`, as: "text" }, // aiSSID
            clients: { oid: `${SSID}.4`, as: "int" }, // aiSSIDClientNum
        },
    },
    bssids: {
        index: [
            ["ap", "mac"],
            ["wlan", "int"],
        ],
        cols: {
            ssid: { oid: `${WLAN}.3`, as: "text" }, // aiWlanESSID
            bssid: { oid: `${WLAN}.4`, as: "mac" }, // aiWlanMACAddress (the BSSID)
        },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            // aiClientMACAddress: read so that a client is counted even when no other column is
            // served (firmware before 8.4 has no per-SSID or per-radio counts).
            mac: { oid: `${CLIENT}.1`, as: "mac" },
            bssid: { oid: `${CLIENT}.2`, as: "mac" }, // aiClientWlanMACAddress -> AP, SSID
            ip: { oid: `${CLIENT}.3`, as: "ip" },
            apIp: { oid: `${CLIENT}.4`, as: "ip" }, // aiClientAPIPAddress -> AP (when the BSSID is unknown)
            snr: { oid: `${CLIENT}.7`, as: "int" }, // aiClientSNR, dB
            txRate: { oid: `${CLIENT}.11`, as: "mbps" },
            rxRate: { oid: `${CLIENT}.15`, as: "mbps" },
            uptime: { oid: `${CLIENT}.16`, as: "ticks" },
        },
    },
    notes: [
        "Radio bands are not in the AI-AP-MIB and are left out rather than guessed from channel numbers " +
            "(6 GHz channels reuse 2.4 and 5 GHz numbers).",
    ],
};
