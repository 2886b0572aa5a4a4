/**
 * Grandstream GWN access points (GRANDSTREAM-GWN-PRODUCTS-AP-MIB): no count object, so the
 * clients are the rows of gwnClientTable (indexed by the client MAC written as text), as
 * LibreNMS counts them; radios and SSIDs from their own tables.
 */
import type { ApProfile } from "../types";

const G = "1.3.6.1.4.1.42397.1.1";
const RADIO = `${G}.3.1.1`; // gwnRadioEntry
const WLAN = `${G}.3.2.1`; // gwnWlanEntry
const CLIENT = `${G}.3.3.1`; // gwnClientEntry, index gwnClientMACAddress (DisplayString)

export const profile: ApProfile = {
    id: "grandstream-gwn",
    label: "Grandstream GWN access point",
    kind: "standalone",
    detect: {
        // GWN APs answer with net-snmp's Linux OID (LibreNMS grandstream-ap.yaml checks gwnDeviceModel).
        match: [{ oid: "1.3.6.1.4.1.42397" }, { oid: "1.3.6.1.4.1.8072.3.2.10", descr: /Grandstream|GWN/i }],
        probe: `${WLAN}.2`,
        probeName: "GRANDSTREAM-GWN-PRODUCTS-AP-MIB gwnWlanESSID",
        probeNotACount: true,
        hint: "GWN agents answer one object per request: raise the SNMP timeout if polls time out",
    },
    signal: "dBm",
    model: { scalar: `${G}.2.1.0` }, // gwnDeviceModel
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "label",
        cols: {
            label: { oid: `${RADIO}.2`, as: "text" }, // gwnRadioName, e.g. wifi0
            channel: { oid: `${RADIO}.4`, as: "int" }, // gwnRadioChannel
        },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: { ssid: { oid: `${WLAN}.2`, as: "text" } }, // gwnWlanESSID (no count: counted from the clients)
    },
    clients: {
        index: [["row", "restMac"]], // a text MAC; a row with another id still counts
        cols: {
            ip: { oid: `${CLIENT}.2`, as: "ip" },
            ssid: { oid: `${CLIENT}.4`, as: "text" }, // gwnClientESSID
            rssi: { oid: `${CLIENT}.5`, as: "int" }, // gwnClientRSSI, sign not stated
            uptime: { oid: `${CLIENT}.6`, as: "ticks" }, // gwnClientAssoctime
            name: { oid: `${CLIENT}.8`, as: "text" }, // gwnClientHostname
        },
    },
    notes: ["Mesh backhaul SSIDs (GWN-MESH-...) are listed as the device lists them."],
};
