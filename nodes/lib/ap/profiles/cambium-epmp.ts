/**
 * Cambium ePMP access points (CAMBIUM-PMP80211-MIB): the connected-subscriber count, the
 * object LibreNMS (Epmp.php) reads as "Client Count".
 */
import type { ApProfile } from "../types";

export const profile: ApProfile = {
    id: "cambium-epmp",
    label: "Cambium ePMP",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.17713.21" }],
        probe: "1.3.6.1.4.1.17713.21.1.2.10",
        probeName: "CAMBIUM-PMP80211-MIB cambiumAPNumberOfConnectedSTA",
    },
    signal: "none",
    totals: { clients: "1.3.6.1.4.1.17713.21.1.2.10.0" },
    notes: ["Counts only: the subscriber table's column numbers are not covered by our research yet."],
};
