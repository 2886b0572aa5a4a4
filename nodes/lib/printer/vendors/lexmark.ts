/**
 * Lexmark (LEXMARK-MPS-MIB and LEXMARK-PVT-MIB, enterprise 641). MPS deviceTable
 * (1.3.6.1.4.1.641.6.2.3.1, index deviceIndex): deviceModel .4, deviceSerialNumber .5.
 * paperGeneralCountTable (…641.6.4.2.1.1, index deviceIndex and row): paperGeneralCountType .2,
 * paperGeneralCountValue .4; types totalSafe(2), totalMonoSafe(3), totalColorSafe(4) count sides
 * delivered to an output bin, printTotal(16), copyTotal(32), faxTotal(48). LEXMARK-PVT-MIB
 * prtgenInfoTable (…641.2.1.2.1): printer name .2, code revision .4, serial number .6.
 */
import type { VendorProfile } from "./profile";

const COUNT = "1.3.6.1.4.1.641.6.4.2.1.1";

function ofType(type: number) {
    return { walk: `${COUNT}.4`, where: { [`${COUNT}.2`]: [type] } };
}

export const lexmark: VendorProfile = {
    id: "lexmark",
    name: "Lexmark",
    enterprises: [641],
    brands: /^Lexmark\b/i,
    serial: [{ walk: "1.3.6.1.4.1.641.6.2.3.1.5" }, { get: "1.3.6.1.4.1.641.2.1.2.1.6.1" }],
    model: [{ walk: "1.3.6.1.4.1.641.6.2.3.1.4" }, { get: "1.3.6.1.4.1.641.2.1.2.1.2.1" }],
    firmware: [{ get: "1.3.6.1.4.1.641.2.1.2.1.4.1" }],
    descr: { firmware: /\bversion\s+(\S+)/i },
    pages: {
        total: [ofType(2)],
        mono: [ofType(3)],
        colour: [ofType(4)],
        print: [ofType(16)],
        copy: [ofType(32)],
        fax: [ofType(48)],
    },
};
