/**
 * Kyocera, TA Triumph-Adler, UTAX (KYOCERA-MIB and KMCOMMON-MIB, enterprise 1347).
 * kcprtGeneralTable (1.3.6.1.4.1.1347.43.5.1.1, index hrDeviceIndex): kcprtGeneralModelName .1,
 * kcprtSerialNumber .28. KMCOMMON-MIB kmMFPCounterItem (…1347.42.3.1.1.1.1, indexed by function:
 * 1 print, 2 copy, 4 fax) and kmMFPColorModeCounterItem (…1347.42.3.1.2.1.1, indexed by
 * function and colour mode: 1 black-and-white, 2 single colour, 3 full colour). Black-and-white
 * and colour pages are the sums over the functions of their colour modes.
 */
import type { VendorProfile } from "./profile";

const MFP = "1.3.6.1.4.1.1347.42.3.1.1.1.1";
const MODE = "1.3.6.1.4.1.1347.42.3.1.2.1.1";

export const kyocera: VendorProfile = {
    id: "kyocera",
    name: "Kyocera",
    enterprises: [1347],
    brands: /^(?:KYOCERA(?:\s+MITA)?|TA\s+Triumph-Adler|Triumph-Adler|UTAX(?:\s+TA)?)\b/i,
    serial: [{ walk: "1.3.6.1.4.1.1347.43.5.1.1.28" }],
    model: [{ walk: "1.3.6.1.4.1.1347.43.5.1.1.1" }],
    pages: {
        print: [{ get: `${MFP}.1` }],
        copy: [{ get: `${MFP}.2` }],
        fax: [{ get: `${MFP}.4` }],
        mono: [{ sum: [`${MODE}.1.1`], plus: [`${MODE}.2.1`, `${MODE}.4.1`] }],
        colour: [
            {
                sum: [`${MODE}.1.3`],
                plus: [`${MODE}.1.2`, `${MODE}.2.2`, `${MODE}.2.3`, `${MODE}.4.2`, `${MODE}.4.3`],
            },
        ],
    },
};
