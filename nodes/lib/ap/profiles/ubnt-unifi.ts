/**
 * Ubiquiti UniFi access points (UBNT-UniFi-MIB, rev 2016-06-25): counts per VAP (one SSID on
 * one radio) only. UniFi serves no per-client table over SNMP; its controller's API does.
 */
import type { ApProfile } from "../types";

const VAP = "1.3.6.1.4.1.41112.1.6.1.2.1"; // unifiVapEntry
const RADIO = "1.3.6.1.4.1.41112.1.6.1.1.1"; // unifiRadioEntry
const DOT11_PRODUCT = "1.2.840.10036.3.1.2.1.3"; // IEEE802dot11-MIB dot11manufacturerProductName

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
        // Firmware that dropped the VAP table still serves the radio table or, at least, its
        // IEEE 802.11 identity: the AP is then read without counts (quirk noClientCounts).
        alsoProbe: [
            {
                oid: `${RADIO}.3`,
                name: "UBNT-UniFi-MIB unifiRadioRadio",
                notACount: true,
                signatureOnly: true,
            },
            {
                oid: DOT11_PRODUCT,
                name: "IEEE802dot11-MIB dot11manufacturerProductName",
                notACount: true,
                signatureOnly: true,
            },
        ],
        hint:
            "UniFi APs serve their VAP table only when SNMP is enabled for the site in the UniFi " +
            "Network application; first-generation UAPs never serve it",
    },
    signal: "none",
    model: {
        scalar: "1.3.6.1.4.1.41112.1.6.3.3.0", // unifiApSystemModel
        column: DOT11_PRODUCT,
        sysDescr: /^((?:UAP|U6|U7|E7|UK|U-LTE)\S*)/,
    },
    // The radios, keyed by band like the VAPs that name them (current firmware on some models
    // serves this table without the VAP table).
    radios: {
        index: [["radio", "int"]],
        keyFrom: "band",
        cols: {
            band: { oid: `${RADIO}.3`, as: "bandText" }, // unifiRadioRadio: ng, na
        },
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
    notes: [
        "No per-client data over SNMP (no MAC, signal or AP per client): UniFi lists clients only in " +
            "its controller's API.",
        "Firmware or models without unifiVapTable give no client count at all: the AP is read with " +
            "its model and radios, total null, quirk noClientCounts.",
    ],
};
