/**
 * FortiGate wireless controller (FORTINET-FORTIGATE-MIB fgWc, rev 2024-02-29). Every table is
 * per VDOM; APs (WTPs) are keyed by their id, a length-prefixed string in the index.
 */
import type { ApProfile } from "../types";

const WC = "1.3.6.1.4.1.12356.101.14";
const CONF = `${WC}.4.3.1`; // fgWcWtpConfigEntry, index {vdom, wtp id}
const SESS = `${WC}.4.4.1`; // fgWcWtpSessionEntry, same index
const RADIO = `${WC}.4.5.1`; // fgWcWtpSessionRadioEntry, index {vdom, wtp id, radio}
const VAP = `${WC}.4.6.1`; // fgWcWtpSessionVapEntry, index {vdom, wtp id, radio, ifIndex}
const STA = `${WC}.5.1`; // fgWcStaEntry, index {vdom, ifIndex, MAC (PhysAddress, length-prefixed)}

export const profile: ApProfile = {
    id: "fortigate",
    label: "Fortinet FortiGate wireless controller",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.12356.101.1" }],
        probe: `${WC}.2.7`,
        probeName: "FORTINET-FORTIGATE-MIB fgWcInfoStationCount",
        // FortiWiFi and some FortiGate releases serve the WTP tables without the scalar.
        alsoProbe: [{ oid: `${SESS}.17`, name: "FORTINET-FORTIGATE-MIB fgWcWtpSessionWtpStationCount" }],
    },
    signal: "dBm",
    totals: { clients: `${WC}.2.7.0`, aps: `${WC}.2.5.0` }, // fgWcInfoStationCount, fgWcInfoWtpSessions
    aps: {
        index: [
            ["vdom", "int"],
            ["ap", "string"],
        ],
        // fgWcWtpSessionConnectionState onLine(2); offLine(1) and the joining states are left out.
        keep: { col: { oid: `${SESS}.7`, as: "int" }, values: [2] },
        cols: {
            name: { oid: `${CONF}.3`, as: "text" }, // fgWcWtpConfigWtpName
            ip: { oid: `${SESS}.3`, as: "ip" }, // fgWcWtpSessionWtpIpAddress
            mac: { oid: `${SESS}.6`, as: "mac" }, // fgWcWtpSessionWtpBaseMacAddress
            clients: { oid: `${SESS}.17`, as: "int" }, // fgWcWtpSessionWtpStationCount
        },
    },
    radios: {
        index: [
            ["vdom", "int"],
            ["ap", "string"],
            ["radio", "int"],
        ],
        cols: {
            channel: { oid: `${RADIO}.7`, as: "int" }, // OperatingChannel
            clients: { oid: `${RADIO}.9`, as: "int" }, // RadioStationCount
        },
    },
    vaps: {
        index: [
            ["vdom", "int"],
            ["ap", "string"],
            ["radio", "int"],
            ["if", "int"],
        ],
        cols: {
            ssid: { oid: `${VAP}.3`, as: "text" },
            clients: { oid: `${VAP}.4`, as: "int" },
        },
    },
    clients: {
        index: [
            ["vdom", "int"],
            ["if", "int"],
            ["mac", "lenMac"],
        ],
        cols: {
            ssid: { oid: `${STA}.2`, as: "text" }, // fgWcStaWlan
            ap: { oid: `${STA}.3`, as: "text" }, // fgWcStaWtpId = AP table index
            radio: { oid: `${STA}.4`, as: "int" },
            ip: { oid: `${STA}.7`, as: "ip" }, // InetAddress, 4 bytes for IPv4
            name: { oid: `${STA}.9`, as: "text" }, // fgWcStaHost
            signal: { oid: `${STA}.12`, as: "int" }, // fgWcStaSignal, dBm
            noise: { oid: `${STA}.13`, as: "int" }, // fgWcStaNoise, dBm
            // FgWcWtpRadioType: 1 a, 2 b, 3 g, 4 n5g, 5 n2g, 6 ac, 7 ngOnly, 8 gOnly, 9 n2GHzOnly,
            // 10 n5GHzOnly, 11 acnOnly, 12 acOnly.
            band: {
                oid: `${STA}.18`,
                as: "enum",
                map: {
                    1: "5GHz",
                    2: "2.4GHz",
                    3: "2.4GHz",
                    4: "5GHz",
                    5: "2.4GHz",
                    6: "5GHz",
                    7: "2.4GHz",
                    8: "2.4GHz",
                    9: "2.4GHz",
                    10: "5GHz",
                    11: "5GHz",
                    12: "5GHz",
                },
            },
        },
        keep: { col: { oid: `${STA}.21`, as: "int" }, values: [1] }, // fgWcStaOnline: yes(1)
    },
    notes: [
        "A FortiAP in standalone mode (12356.120) is read by the FortiAP profile; a managed one, here.",
        "Without fgWcInfoStationCount (FortiWiFi), the total is the sum of the per-AP counts.",
    ],
};
