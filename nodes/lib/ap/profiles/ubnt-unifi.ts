/**
 * Ubiquiti UniFi access points (UBNT-UniFi-MIB, rev 2016-06-25): counts per VAP (one SSID on
 * one radio) only. UniFi serves no per-client table over SNMP; its controller's API does.
 */
import type { ApProfile } from "../types";

const VAP = "1.3.6.1.4.1.41112.1.6.1.2.1"; // unifiVapEntry

export const profile: ApProfile = {
    id: "ubnt-unifi",
    label: "Ubiquiti UniFi AP",
    kind: "standalone",
    detect: {
        match: [
            // airMAX (41112.1.4) and airFiber (41112.1.3) share the enterprise number.
            { oid: "1.3.6.1.4.1.41112", notOid: ["1.3.6.1.4.1.41112.1.4", "1.3.6.1.4.1.41112.1.3"] },
            // Current firmware answers with the generic net-snmp Linux OID (LibreNMS unifi.yaml).
            { oid: "1.3.6.1.4.1.8072.3.2.10", descr: /^(UAP|U6|U7|E7|UK|U-LTE)/ },
            { oid: "1.3.6.1.4.1.10002.1" },
        ],
        probe: `${VAP}.8`,
        probeName: "UBNT-UniFi-MIB unifiVapNumStations",
        hint:
            "UniFi APs serve their VAP table only when SNMP is enabled for the site in the UniFi " +
            "Network application; first-generation UAPs never serve it",
    },
    signal: "none",
    model: {
        scalar: "1.3.6.1.4.1.41112.1.6.3.3.0", // unifiApSystemModel
        column: "1.2.840.10036.3.1.2.1.3", // IEEE802dot11-MIB dot11manufacturerProductName
        sysDescr: /^((?:UAP|U6|U7|E7|UK|U-LTE)\S*)/,
    },
    // One row per VAP; per radio = sum over VAPs of a radio, per SSID = sum over radios
    // (what LibreNMS Unifi.php does, fixed in its PR #4794 to count every VAP).
    vaps: {
        index: [["vap", "int"]],
        cols: {
            ssid: { oid: `${VAP}.6`, as: "text" }, // unifiVapEssId
            clients: { oid: `${VAP}.8`, as: "int" }, // unifiVapNumStations
            band: { oid: `${VAP}.9`, as: "bandText" }, // unifiVapRadio: ng = 2.4 GHz, na = 5 GHz
            channel: { oid: `${VAP}.4`, as: "int" }, // unifiVapChannel
        },
    },
    notes: ["No per-client data over SNMP: UniFi lists clients only in its controller's API."],
};
