/**
 * MikroTik CAPsMAN v1, polled on the manager (MIKROTIK-MIB mtxrWlCMTable / mtxrWlCMRtabTable):
 * clients of every CAP appear there, each CAP radio is a CAPsMAN interface.
 */
import type { ApProfile } from "../types";

const CM = "1.3.6.1.4.1.14988.1.1.1.7.1"; // mtxrWlCMEntry, index ifIndex
const CMRTAB = "1.3.6.1.4.1.14988.1.1.1.5.1"; // mtxrWlCMRtabEntry, index {mac, ifIndex}

export const profile: ApProfile = {
    id: "mikrotik-capsman",
    label: "MikroTik CAPsMAN manager",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.14988.1" }],
        probe: `${CM}.2`,
        probeName: "MIKROTIK-MIB mtxrWlCMRegClientCount",
    },
    signal: "dBm",
    model: { sysDescr: /^RouterOS\s+(.+)$/ },
    // The MIB has no link from a CAPsMAN interface to its CAP: each interface is listed as an
    // AP under its interface name (e.g. cap-garage), as Zabbix's MikroTik template does.
    ifNames: "ap",
    aps: {
        index: [["ap", "int"]],
        cols: { clients: { oid: `${CM}.2`, as: "int" } }, // Counter32, a current count
    },
    clients: {
        index: [
            ["mac", "mac"],
            ["ap", "int"],
        ],
        cols: {
            uptime: { oid: `${CMRTAB}.3`, as: "ticks" },
            txRate: { oid: `${CMRTAB}.8`, as: "bps" },
            rxRate: { oid: `${CMRTAB}.9`, as: "bps" },
            signal: { oid: `${CMRTAB}.11`, as: "int" }, // mtxrWlCMRtabRxStrength, dBm
            ssid: { oid: `${CMRTAB}.12`, as: "text" },
        },
    },
    notes: ["No SNR or noise in the CAPsMAN registration table."],
};
