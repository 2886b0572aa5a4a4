/**
 * Sharp (enterprise 2385). The counter table 1.3.6.1.4.1.2385.1.1.19.2.1 holds the value in
 * column .3 and its name in column .4, indexed by function, kind and colour code: prints
 * (.1.4.60), copies (.4.4.60), the machine's black-and-white total (.5.4.61, named "Black & White
 * Total Count") and full-colour total (.5.4.63, "Full Color Total Count"). The serial is
 * prtGeneralSerialNumber.
 */
import type { VendorProfile } from "./profile";

const VALUE = "1.3.6.1.4.1.2385.1.1.19.2.1.3";

export const sharp: VendorProfile = {
    id: "sharp",
    name: "Sharp",
    enterprises: [2385],
    brands: /^SHARP\b/i,
    pages: {
        mono: [{ get: `${VALUE}.5.4.61` }],
        colour: [{ get: `${VALUE}.5.4.63` }],
        print: [{ get: `${VALUE}.1.4.60` }],
        copy: [{ get: `${VALUE}.4.4.60` }],
    },
};
