/** Aerohive / Extreme Networks HiveOS APs (AH-INTERFACE-MIB, AH-SYSTEM-MIB). */
import type { ApProfile } from "../types";

const AH = "1.3.6.1.4.1.26928.1";
const IF = `${AH}.1.1.2.1.1.1`; // ahXIfEntry, index ifIndex
const RADIO = `${AH}.1.1.2.1.5.1`; // ahRadioAttributeEntry, index ifIndex
const ASSOC = `${AH}.1.1.2.1.2.1`; // ahAssociationEntry, index {ifIndex, ahClientMac}

export const profile: ApProfile = {
    id: "aerohive",
    label: "Aerohive / Extreme HiveOS AP",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.26928.1" }],
        probe: `${AH}.2.9`,
        probeName: "AH-SYSTEM-MIB ahClientCount",
    },
    // ahClientRSSI has no stated scale: small positive values (dB above noise) are SNRs,
    // negative ones dBm; neither is converted into the other.
    signal: "snr",
    model: { sysDescr: /^([^,]+), HiveOS/ },
    totals: { clients: `${AH}.2.9.0` },
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "channel",
        cols: {
            label: { oid: `${IF}.1`, as: "text" }, // ahIfName, e.g. wifi0
            channel: { oid: `${RADIO}.1`, as: "int" }, // ahRadioChannel
            // ahRadioNoiseFloor arrives as an unsigned byte (161 for -95 dBm; LibreNMS reads it so too).
            noise: { oid: `${RADIO}.3`, as: "signedByte" },
        },
    },
    clients: {
        index: [
            ["radio", "int"],
            ["mac", "mac"],
        ],
        cols: {
            ip: { oid: `${ASSOC}.2`, as: "ip" },
            hostname: { oid: `${ASSOC}.3`, as: "text" }, // ahClientHostname
            rssi: { oid: `${ASSOC}.4`, as: "int" }, // ahClientRSSI (see signal above)
            uptime: { oid: `${ASSOC}.5`, as: "seconds" }, // ahClientLinkUptime
            ssid: { oid: `${ASSOC}.10`, as: "text" },
            txRate: { oid: `${ASSOC}.14`, as: "kbps" }, // ahClientLastTxRate
            rxRate: { oid: `${ASSOC}.29`, as: "kbps" }, // ahClientLastRxRate
        },
    },
};
