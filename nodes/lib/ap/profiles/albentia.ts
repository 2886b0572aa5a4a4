/**
 * Albentia ARBA / AXS base stations (AOS9; ALBENTIA-AS-MIB): the registered users of the base
 * station and, where served, per sector.
 */
import type { ApProfile } from "../types";

const A = "1.3.6.1.4.1.28087.12.10";

export const profile: ApProfile = {
    id: "albentia",
    label: "Albentia base station",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.28087" }],
        probe: `${A}.2.1`,
        probeName: "ALBENTIA-AS-MIB albUsers",
    },
    signal: "none",
    model: { scalar: `${A}.1.5.0` },
    totals: { clients: `${A}.2.1.0` }, // "Registered users"
    radios: {
        index: [["radio", "string"]], // a sector, indexed by its name
        cols: { clients: { oid: `${A}.10.6.1.2`, as: "int" } }, // sectorStNumUsers
    },
};
