/**
 * Symbol / Motorola / Extreme WiNG access points (SYMBOL-CC-WS2000-MIB family): the associated
 * client count at the instance LibreNMS (Symbol.php) reads, which does not end in .0.
 */
import type { ApProfile } from "../types";

const COUNT = "1.3.6.1.4.1.388.11.2.4.2.100.10.1.18"; // client count column, instance 1

export const profile: ApProfile = {
    id: "symbol-wing",
    label: "Symbol / Motorola WiNG access point",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.388" }],
        probe: COUNT,
        probeName: "SYMBOL WiNG associated client count",
    },
    signal: "none",
    totals: { clients: `${COUNT}.1` },
};
