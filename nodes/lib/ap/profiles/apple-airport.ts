/** Apple AirPort base stations (AIRPORT-BASESTATION-3-MIB): the number of wireless clients. */
import type { ApProfile } from "../types";

const AIRPORT = "1.3.6.1.4.1.63.501.3.2"; // wireless group

export const profile: ApProfile = {
    id: "apple-airport",
    label: "Apple AirPort base station",
    kind: "standalone",
    detect: {
        match: [{ oid: "1.3.6.1.4.1.63" }, { descr: /^(Apple AirPort|Base Station V)/ }],
        probe: `${AIRPORT}.1`,
        probeName: "AIRPORT-BASESTATION-3-MIB wirelessNumber",
    },
    signal: "none",
    totals: { clients: `${AIRPORT}.1.0` }, // wirelessNumber
};
