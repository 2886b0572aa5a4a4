/**
 * HPE (Colubris) MSM controllers and APs: the total of associated clients, the object LibreNMS
 * (Hpmsm.php) reads.
 */
import type { ApProfile } from "../types";

const TOTAL = "1.3.6.1.4.1.8744.5.25.1.7.2"; // COLUBRIS-USAGE-INFORMATION-MIB total users

export const profile: ApProfile = {
    id: "hp-msm",
    label: "HPE MSM (Colubris) controller / AP",
    kind: "controller",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.8744" }, { descr: /^MSM\d/ }],
        probe: TOTAL,
        probeName: "COLUBRIS-USAGE-INFORMATION-MIB client total",
    },
    signal: "none",
    totals: { clients: `${TOTAL}.0` },
    notes: ["Totals only."],
};
