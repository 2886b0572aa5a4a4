/**
 * MikroTik RouterOS 7 `wifi` package (MIKROTIK-MIB rev 2024-10-17, mtxrWifiRegistrationTable):
 * no count objects, so counts are client rows. Older RouterOS 7 builds serve none of this.
 */
import type { ApProfile } from "../types";

const REG = "1.3.6.1.4.1.14988.1.1.21.4.1"; // mtxrWifiRegistrationEntry, index {mac, interface id}
const IFS = "1.3.6.1.4.1.14988.1.1.21.5.1"; // mtxrWifiInterfacesEntry, index interface id

export const profile: ApProfile = {
    id: "mikrotik-wifi",
    label: "MikroTik RouterOS 7 (wifi package)",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.14988.1" }],
        probe: `${IFS}.2`,
        probeName: "MIKROTIK-MIB mtxrWifiInterfacesName",
        probeNotACount: true,
        hint: "the wifi package serves SNMP data only on recent RouterOS 7 releases",
    },
    signal: "dBm",
    model: { sysDescr: /^RouterOS\s+(.+)$/ },
    radios: {
        index: [["radio", "int"]],
        cols: {
            label: { oid: `${IFS}.2`, as: "text" },
            ssid: { oid: `${IFS}.3`, as: "text" },
            band: { oid: `${IFS}.4`, as: "freqText" }, // mtxrWifiInterfacesFreq, starts with MHz
            channel: { oid: `${IFS}.4`, as: "freqText" },
        },
    },
    clients: {
        index: [
            ["mac", "mac"],
            ["radio", "int"],
        ],
        cols: {
            ssid: { oid: `${REG}.3`, as: "text" },
            uptime: { oid: `${REG}.4`, as: "ticks" },
            // Unit not stated in the MIB; RouterOS shows it in dBm. Values outside -127..-1 are dropped.
            signal: { oid: `${REG}.6`, as: "int" },
            band: { oid: `${REG}.8`, as: "bandText" }, // e.g. 5ghz-ax
        },
    },
    notes: ["Tx/Rx rates are left out: the MIB does not state their unit."],
};
