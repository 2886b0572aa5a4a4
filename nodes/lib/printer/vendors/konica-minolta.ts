/**
 * Konica Minolta and Develop (KONICA-MINOLTA MIB, enterprise 18334).
 * System counters (1.3.6.1.4.1.18334.1.1.1.5.7.2.1): total .1, duplex .3, scans .5. Per colour
 * and function (…5.7.2.2.1.5.<colour>.<function>): colour 1 black, 2 full colour, 4 two-colour;
 * function 1 copy, 2 print. Model …18334.1.1.1.1.6.2.1 ("KONICA MINOLTA bizhub C250i"),
 * firmware …18334.1.1.1.1.6.1.
 */
import type { VendorProfile } from "./profile";

const SYSTEM = "1.3.6.1.4.1.18334.1.1.1.5.7.2.1";
const BY = "1.3.6.1.4.1.18334.1.1.1.5.7.2.2.1.5";

export const konicaMinolta: VendorProfile = {
    id: "konica-minolta",
    name: "Konica Minolta",
    enterprises: [18334],
    brands: /^(?:KONICA\s*MINOLTA|Konica|Minolta|Develop)\b/i,
    model: [{ get: "1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0" }],
    firmware: [{ get: "1.3.6.1.4.1.18334.1.1.1.1.6.1.0" }],
    pages: {
        total: [{ get: `${SYSTEM}.1.0` }],
        duplex: [{ get: `${SYSTEM}.3.0` }],
        scan: [{ get: `${SYSTEM}.5.0` }],
        mono: [{ sum: [`${BY}.1.1`, `${BY}.1.2`] }],
        colour: [{ sum: [`${BY}.2.1`, `${BY}.2.2`], plus: [`${BY}.4.1`, `${BY}.4.2`] }],
        copy: [{ sum: [`${BY}.1.1`, `${BY}.2.1`], plus: [`${BY}.4.1`] }],
        print: [{ sum: [`${BY}.1.2`, `${BY}.2.2`], plus: [`${BY}.4.2`] }],
    },
};
