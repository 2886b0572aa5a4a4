/**
 * OKI (OKIDATA MIB, enterprise 2001). Under 1.3.6.1.4.1.2001.1.1.1.1: the total page count
 * .100.1.1.1.3.1, the model .11.1.10.25 and serial .11.1.10.45. Behind an OkiLAN print server
 * the sysDescr names the printer: "OKI OkiLAN 8500e … PrintServer: Attached to MC342
 * Rev.02.70 : …".
 */
import type { VendorProfile } from "./profile";

const OKI = "1.3.6.1.4.1.2001.1.1.1.1";

export const oki: VendorProfile = {
    id: "oki",
    name: "OKI",
    enterprises: [2001],
    brands: /^(?:OKI(?:DATA)?|Oki\s+Data)\b/i,
    serial: [{ get: `${OKI}.11.1.10.45.0` }],
    model: [{ get: `${OKI}.11.1.10.25.0` }],
    descr: {
        model: /\bAttached to\s+(\S+)/i,
        firmware: /\bAttached to\s+\S+\s+Rev\.?\s*N?([A-Z]?\d[\w.]*)/i,
    },
    pages: {
        total: [{ get: `${OKI}.100.1.1.1.3.1` }],
    },
};
