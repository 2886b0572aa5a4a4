/** Ruckus Unleashed (RUCKUS-UNLEASHED-SYSTEM-MIB): totals only; the published MIB has no client table. */
import type { ApProfile } from "../types";

const SYS = "1.3.6.1.4.1.25053.1.15.1.1.1"; // ruckusUnleashedSystemObjects

export const profile: ApProfile = {
    id: "ruckus-unleashed",
    label: "Ruckus Unleashed",
    kind: "controller",
    detect: {
        // 25053.3.1.5.15 (firmware up to 200.14) and .20 (later); ZoneDirectors use .15 too.
        match: [{ oid: "1.3.6.1.4.1.25053.3.1.5.15" }, { oid: "1.3.6.1.4.1.25053.3.1.5.20" }],
        probe: `${SYS}.15.2`,
        probeName: "RUCKUS-UNLEASHED-SYSTEM-MIB ruckusUnleashedSystemStatsNumSta",
        hint: "poll the Unleashed master AP",
    },
    signal: "none",
    model: { scalar: `${SYS}.1.9.0` },
    totals: { clients: `${SYS}.15.2.0`, aps: `${SYS}.15.1.0` },
    notes: ["Totals only (clients, APs): LibreNMS and Kentik read the same two objects."],
};
