/**
 * Samsung, and HP and Xerox models built on Samsung engines (SAMSUNG-COMMON-MIB and
 * SAMSUNG-PRINTER-EXT-MIB, enterprise 236). General: model 1.3.6.1.4.1.236.11.5.1.1.1.1,
 * firmware .2, serial .4. scmHrDevCountTable (…236.11.5.11.53.11.2.1): scmHrDevCountJobType .2
 * (print 1, copy 2, faxIn 3, report 6), scmHrDevCountColor .6 (fullColor 1, singleColor 2,
 * monoColor 3), scmHrDevCountValue .7, one row per job type, paper size, duplex mode and colour.
 * The sysDescr reads "Samsung M4080FX; V11.01.03.04_…;Engine …;S/N <serial>".
 */
import type { VendorProfile } from "./profile";

const GENERAL = "1.3.6.1.4.1.236.11.5.1.1.1";
const COUNT = "1.3.6.1.4.1.236.11.5.11.53.11.2.1";
const JOB = `${COUNT}.2`;
const COLOUR = `${COUNT}.6`;
const VALUE = `${COUNT}.7`;
/** Job types that put pages out: print, copy, received fax, report. */
const PRINTED = [1, 2, 3, 6];

export const samsung: VendorProfile = {
    id: "samsung",
    name: "Samsung",
    enterprises: [236],
    brands: /^Samsung\b/i,
    serial: [{ get: `${GENERAL}.4.0` }],
    model: [{ get: `${GENERAL}.1.0` }],
    firmware: [{ get: `${GENERAL}.2.0` }],
    descr: {
        model: /^(?:Samsung\s+)+([^;]+?)\s*;/i,
        firmware: /;\s*V?(\d[\d.]*\d)/,
        serial: /;\s*S\/N\s+(\w+)/,
    },
    pages: {
        print: [{ walk: VALUE, where: { [JOB]: [1] } }],
        copy: [{ walk: VALUE, where: { [JOB]: [2] } }],
        mono: [{ walk: VALUE, where: { [JOB]: PRINTED, [COLOUR]: [3] } }],
        colour: [{ walk: VALUE, where: { [JOB]: PRINTED, [COLOUR]: [1, 2] } }],
    },
};
