/**
 * Cisco Meraki through the dashboard's SNMP service (MERAKI-CLOUD-CONTROLLER-MIB, 2012-05-24):
 * one row per device of the organisation with its current client count. Meraki APs themselves
 * serve only SNMPv2-MIB and IF-MIB.
 */
import type { ApProfile } from "../types";

const DEV = "1.3.6.1.4.1.29671.1.1.4.1"; // devEntry, index device MAC

export const profile: ApProfile = {
    id: "meraki-cloud",
    label: "Cisco Meraki (dashboard SNMP)",
    kind: "controller",
    detect: {
        // The dashboard host's own sysObjectID is not documented: the probe alone recognises it.
        // Local MR/CW APs are matched only to explain what to poll instead.
        match: [{ oid: "1.3.6.1.4.1.29671" }, { descr: /^=?(Meraki MR|Meraki CW|Cisco Wireless CW)/ }],
        probe: `${DEV}.5`,
        probeName: "MERAKI-CLOUD-CONTROLLER-MIB devClientCount",
        hint:
            "Meraki APs do not serve client counts themselves: poll the dashboard's SNMP host and port " +
            "shown under Organization > Settings > SNMP",
    },
    signal: "none",
    aps: {
        index: [["ap", "mac"]],
        // devProductCode, e.g. MR46-HW: keep access points (MR, CW), not switches or appliances.
        modelPattern: /^(MR|CW)/,
        keep: { col: { oid: `${DEV}.3`, as: "int" }, values: [1] }, // devStatus online(1); offline(0) APs are left out
        cols: {
            name: { oid: `${DEV}.2`, as: "text" }, // devName
            clients: { oid: `${DEV}.5`, as: "int" }, // devClientCount
            model: { oid: `${DEV}.9`, as: "text" }, // devProductCode
            ip: { oid: `${DEV}.12`, as: "ip" }, // devLanIp
        },
    },
    notes: ["Per-AP counts only: client lists need the Meraki Dashboard API."],
};
