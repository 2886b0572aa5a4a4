/**
 * Mimosa point-to-multipoint access points (A5, A6, C5x as AP; MIMOSA-NETWORKS-PTMP-MIB): no
 * count object, so the clients are the rows of mimosaPtmpClientInfoTable.
 */
import type { ApProfile } from "../types";

const M = "1.3.6.1.4.1.43356.2.1.2";
const CLIENT = `${M}.9.5.1.1`; // mimosaPtmpClientInfoEntry, index a number

export const profile: ApProfile = {
    id: "mimosa",
    label: "Mimosa A5 / A6 (PTMP access point)",
    kind: "standalone",
    detect: {
        // B5/B11/B24 backhauls are point-to-point links with no client table.
        match: [{ oid: "1.3.6.1.4.1.43356", descr: /\b(A5|A6|C5)/ }],
        probe: `${M}.1`,
        probeName: "MIMOSA-NETWORKS-BFIVE-MIB mimosaGeneral",
        probeNotACount: true,
    },
    signal: "none",
    clients: {
        index: [["row", "int"]],
        rowsFrom: "mac",
        cols: {
            mac: { oid: `${CLIENT}.2`, as: "mac" }, // mimosaPtmpClientMacAddress
            name: { oid: `${CLIENT}.3`, as: "text" }, // mimosaPtmpClientName
            ip: { oid: `${CLIENT}.5`, as: "ip" }, // mimosaPtmpClientIPAddress
        },
    },
};
