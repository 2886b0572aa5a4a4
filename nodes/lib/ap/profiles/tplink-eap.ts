/**
 * TP-Link Omada EAP access points (EAP-CLIENT-MIB, EAP-CLIENTTABLE-MIB, 2016-10-17): a count
 * and the list of client MACs, nothing else (the rest lives in the Omada controller).
 */
import type { ApProfile } from "../types";

const EAP = "1.3.6.1.4.1.11863.10.1";

export const profile: ApProfile = {
    id: "tplink-eap",
    label: "TP-Link Omada EAP",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.11863" }],
        probe: `${EAP}.1.1`,
        probeName: "EAP-CLIENT-MIB clientCount",
        hint: "SNMP client data depends on the EAP model and firmware",
    },
    signal: "none",
    model: { scalar: `${EAP}.10.3.0` },
    totals: { clients: `${EAP}.1.1.0` },
    clients: {
        index: [["row", "int"]],
        // macAddress holds text like "60-01-94-98-C8-3C" with a trailing NUL.
        cols: { mac: { oid: `${EAP}.1.2.1.2`, as: "mac" } },
    },
};
