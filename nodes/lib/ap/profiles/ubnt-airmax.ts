/** Ubiquiti airMAX / airOS (UBNT-AirMAX-MIB, rev 2017-10-03): per station, signal in dBm. */
import type { ApProfile } from "../types";

const WL = "1.3.6.1.4.1.41112.1.4.5.1"; // ubntWlStatEntry, index ubntWlStatIndex
const STA = "1.3.6.1.4.1.41112.1.4.7.1"; // ubntStaEntry, index {ubntWlStatIndex, ubntStaMac}
const RADIO = "1.3.6.1.4.1.41112.1.4.1.1"; // ubntRadioEntry

export const profile: ApProfile = {
    id: "ubnt-airmax",
    label: "Ubiquiti airMAX (airOS)",
    kind: "standalone",
    detect: {
        // LibreNMS airos.yaml and NetXMS airmax: the generic 10002.1 OID or 41112.1.4.
        match: [{ oid: "1.3.6.1.4.1.41112.1.4" }, { oid: "1.3.6.1.4.1.10002.1" }],
        probe: `${WL}.15`,
        probeName: "UBNT-AirMAX-MIB ubntWlStatStaCount",
        hint: "airOS before 5.6 lacks this table; airFiber and LTU radios use other MIBs",
    },
    signal: "dBm",
    model: { column: "1.2.840.10036.3.1.2.1.3" }, // dot11manufacturerProductName
    radios: {
        index: [["radio", "int"]],
        rowsFrom: "clients",
        cols: {
            ssid: { oid: `${WL}.2`, as: "text" }, // ubntWlStatSsid
            clients: { oid: `${WL}.15`, as: "int" }, // ubntWlStatStaCount (Gauge32)
            noise: { oid: `${WL}.8`, as: "int" }, // ubntWlStatNoiseFloor, dBm
            width: { oid: `${WL}.14`, as: "int" }, // ubntWlStatChanWidth, MHz
            txPower: { oid: `${RADIO}.6`, as: "int" }, // ubntRadioTxPower, dBm
            // ubntRadioFreq (MHz); both tables number the device's single radio 1.
            band: { oid: `${RADIO}.4`, as: "freqMHz" },
            channel: { oid: `${RADIO}.4`, as: "freqMHz" },
        },
    },
    clients: {
        index: [
            ["radio", "int"],
            ["mac", "mac"], // ubntStaMac is not-accessible: the MAC is only in the index
        ],
        cols: {
            hostname: { oid: `${STA}.2`, as: "text" }, // ubntStaName (the station's own name)
            signal: { oid: `${STA}.3`, as: "int" }, // ubntStaSignal, dBm
            noise: { oid: `${STA}.4`, as: "int" }, // ubntStaNoiseFloor, dBm (SNR = signal - noise)
            ip: { oid: `${STA}.10`, as: "ip" }, // ubntStaLastIp
            txRate: { oid: `${STA}.11`, as: "bps" }, // ubntStaTxRate
            rxRate: { oid: `${STA}.12`, as: "bps" }, // ubntStaRxRate
            // ubntStaConnTime: the MIB text says seconds, agents send TimeTicks.
            uptime: { oid: `${STA}.15`, as: "ticks" },
        },
    },
    notes: ["In station mode the station table lists the upstream AP, as one row."],
};
