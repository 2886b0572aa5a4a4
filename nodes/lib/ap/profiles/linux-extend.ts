/**
 * Linux APs and routers (OpenWrt, Asuswrt-Merlin, DD-WRT) with the NET-SNMP-EXTEND scripts
 * LibreNMS documents: an extend `clients-<interface>` printing each interface's client count,
 * `clients-wlan` the total (when there is more than one interface), and `interfaces` listing
 * them. Extends with other names are read by the custom profile.
 */
import type { ApProfile } from "../types";

const LINE = "1.3.6.1.4.1.8072.1.3.2.3.1.1"; // nsExtendOutput1Line, index extend name (length-prefixed)
const FULL = "1.3.6.1.4.1.8072.1.3.2.3.1.2"; // nsExtendOutputFull
const CLIENTS_WLAN = `${LINE}.12.99.108.105.101.110.116.115.45.119.108.97.110`; // ."clients-wlan"
const INTERFACES = `${FULL}.10.105.110.116.101.114.102.97.99.101.115`; // ."interfaces"
const HARDWARE = `${LINE}.8.104.97.114.100.119.97.114.101`; // ."hardware"

export const profile: ApProfile = {
    id: "linux-extend",
    label: "OpenWrt / Asuswrt-Merlin / DD-WRT (extend scripts)",
    kind: "standalone",
    detect: {
        // All three answer with net-snmp's Linux OID; the extends themselves confirm the profile.
        match: [{ oid: "1.3.6.1.4.1.8072.3.2.10", descr: /OpenWrt|LEDE|DD-WRT|ASUSWRT|Merlin/i }],
        probe: INTERFACES,
        probeInstance: true,
        probeName: 'NET-SNMP-EXTEND-MIB nsExtendOutputFull."interfaces"',
        alsoProbe: [
            {
                oid: CLIENTS_WLAN,
                instance: true,
                name: 'NET-SNMP-EXTEND-MIB nsExtendOutput1Line."clients-wlan"',
            },
        ],
        hint:
            "add the extend scripts LibreNMS documents (interfaces, clients-<interface>), or choose the " +
            "custom profile and give the name of your own extend",
    },
    signal: "none",
    model: { scalar: HARDWARE },
    totals: { clients: CLIENTS_WLAN },
    radios: {
        index: [["radio", "string"]],
        // One row per extend named clients-<interface>; clients-wlan is the total, not a radio.
        where: { part: "radio", pattern: /^clients-(?!wlan$)(.+)$/ },
        cols: { clients: { oid: LINE, as: "int" } }, // the script prints the count on its first line
    },
    notes: ["Counts only: the documented scripts print no per-client lines."],
};
