/**
 * Xirrus (now Cambium) Wi-Fi arrays (XIRRUS-MIB): the array's station total and its radios
 * (IAPs) with channel and noise floor.
 */
import type { ApProfile } from "../types";

const X = "1.3.6.1.4.1.21013.1.2";
const RT = `${X}.24.7.1`; // realtimeMonitorEntry, index IAP

export const profile: ApProfile = {
    id: "xirrus",
    label: "Xirrus Wi-Fi array",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.21013" }],
        probe: `${X}.12.1.2.22`,
        probeName: "XIRRUS-MIB globalNumStations",
    },
    signal: "none",
    totals: { clients: `${X}.12.1.2.22.0` },
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "label",
        cols: {
            label: { oid: `${RT}.2`, as: "text" }, // realtimeMonitorIfaceName, e.g. iap1
            channel: { oid: `${RT}.3`, as: "int" }, // realtimeMonitorChannel
            noise: { oid: `${RT}.10`, as: "int" }, // realtimeMonitorNoiseFloor, dBm (0 when off)
        },
    },
};
