/**
 * Deliberant (now LigoWave) APC and DLB radios (DLB-802DOT11-EXT-MIB): a client count per
 * wireless interface, the object LibreNMS (Deliberant.php) reads.
 */
import type { ApProfile } from "../types";

const IF = "1.3.6.1.4.1.32761.3.5.1.2.1.1"; // dlbDot11IfConfEntry, index ifIndex

export const profile: ApProfile = {
    id: "deliberant",
    label: "Deliberant APC / DLB",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.32761" }, { descr: /^Deliberant/ }],
        probe: `${IF}.16`,
        probeName: "DLB-802DOT11-EXT-MIB dlbDot11IfAssocNodeCount",
    },
    signal: "none",
    ifNames: "radio",
    radios: {
        index: [["radio", "int"]],
        cols: { clients: { oid: `${IF}.16`, as: "int" } },
    },
};
