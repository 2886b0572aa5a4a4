/** Cambium cnPilot E-series APs (CAMBIUM-MIB): per client with SNR, no dBm. */
import type { ApProfile } from "../types";

const C = "1.3.6.1.4.1.17713.22.1";

export const profile: ApProfile = {
    id: "cambium-cnpilot",
    label: "Cambium cnPilot",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.17713.22" }],
        probe: `${C}.1.1.14`,
        probeName: "CAMBIUM-MIB cambiumAPTotalClients",
    },
    signal: "snr",
    totals: { clients: `${C}.1.1.14.0` }, // cambiumAPTotalClients
    radios: {
        index: [["radio", "int"]],
        cols: { clients: { oid: `${C}.2.1.5`, as: "int" } }, // cambiumRadioNumClients
    },
    clients: {
        index: [["row", "int"]],
        cols: {
            mac: { oid: `${C}.3.1.2`, as: "mac" },
            ip: { oid: `${C}.3.1.3`, as: "ip" }, // text form
            name: { oid: `${C}.3.1.4`, as: "text" },
            ssid: { oid: `${C}.3.1.5`, as: "text" },
            radio: { oid: `${C}.3.1.8`, as: "int" }, // cambiumClientRadioIndex
            snr: { oid: `${C}.3.1.11`, as: "int" }, // cambiumClientSNR, dB
        },
    },
};
