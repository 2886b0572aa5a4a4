/**
 * Ubiquiti airFiber 60 and Wave radios (UI-AF60-MIB): the stations linked to the radio, one row
 * each with its name and signal. airFiber 5/24 links have no station table; LTU's is not read.
 */
import type { ApProfile } from "../types";

const AF60 = "1.3.6.1.4.1.41112.1.11.1";
const STA = `${AF60}.3.1`; // af60StaEntry, index {station MAC, n}

export const profile: ApProfile = {
    id: "ubnt-af60",
    label: "Ubiquiti airFiber 60 / Wave",
    kind: "standalone",
    detect: {
        // LibreNMS airos-af60.yaml: the generic 10002.1 or 41112 OID, and af60FirmwareVersion present.
        match: [{ oid: "1.3.6.1.4.1.10002.1" }, { oid: "1.3.6.1.4.1.41112" }],
        probe: `${AF60}.2.4`,
        probeName: "UI-AF60-MIB af60FirmwareVersion",
        probeNotACount: true,
    },
    signal: "dBm",
    model: { column: `${AF60}.2.2` }, // af60DevModel, e.g. AF60-LR
    clients: {
        index: [
            ["mac", "mac"],
            ["n", "int"],
        ],
        cols: {
            name: { oid: `${STA}.2`, as: "text" }, // af60StaRemoteName
            signal: { oid: `${STA}.3`, as: "int" }, // af60StaRSSI, dBm
            txRate: { oid: `${STA}.7`, as: "kbps" },
            rxRate: { oid: `${STA}.8`, as: "kbps" },
        },
    },
    notes: ["A point-to-point link lists its one peer as the station."],
};
