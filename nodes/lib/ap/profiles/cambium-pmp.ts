/**
 * Cambium PMP 450 / 430 / Canopy access points (WHISP-APS-MIB): the registered subscriber
 * modules, and one link row per subscriber.
 */
import type { ApProfile } from "../types";

const APS = "1.3.6.1.4.1.161.19.3.1"; // WHISP-APS-MIB whispApsObjects
const LINK = `${APS}.4.1`; // linkEntry, index the subscriber's LUID

export const profile: ApProfile = {
    id: "cambium-pmp",
    label: "Cambium PMP 450 / Canopy access point",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.161.19", descr: /CANOPY|PMP/i }, { oid: "1.3.6.1.4.1.161.19" }],
        probe: `${APS}.7.1`,
        probeName: "WHISP-APS-MIB regCount",
        hint: "a subscriber module (SM) has no subscribers: poll the access point",
    },
    signal: "none",
    totals: { clients: `${APS}.7.1.0` }, // regCount: registered SMs
    clients: {
        index: [["row", "int"]],
        rowsFrom: "mac",
        cols: {
            mac: { oid: `${LINK}.3`, as: "mac" }, // linkPhysAddress
            name: { oid: `${LINK}.33`, as: "text" }, // linkSiteName
            ip: { oid: `${LINK}.69`, as: "ip" }, // linkManagementIP
        },
        keep: { col: { oid: `${LINK}.19`, as: "int" }, values: [1] }, // linkSessState inSession(1)
    },
    notes: ["Link signal levels are DisplayStrings per polarisation and are left out."],
};
