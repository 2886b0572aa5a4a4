/**
 * HP (HP-LASERJET-COMMON-MIB, enterprise 11). Counters under print-engine
 * (1.3.6.1.4.1.11.2.3.9.4.2.1.4.1.2): total-engine-page-count .5, total-mono-page-count .6,
 * total-color-page-count .7 (every side with a colour pixel), duplex-page-count .22 (sheets
 * through the duplexer). Identity under id (…4.2.1.1.3): model-name .2, serial-number .3 (an
 * NVRAM reset leaves "XXXXXXXXXX"), fw-rom-revision .6. The JetDirect sysDescr of newer models
 * carries "SN:<serial>,…,PID:<model>".
 */
import type { VendorProfile } from "./profile";

const DM = "1.3.6.1.4.1.11.2.3.9.4.2.1";
const ENGINE = `${DM}.4.1.2`;
const ID = `${DM}.1.3`;

export const hp: VendorProfile = {
    id: "hp",
    name: "HP",
    enterprises: [11],
    brands: /^(?:HP|Hewlett[-\s]?Packard|HPE)\b/i,
    serial: [{ get: `${ID}.3.0` }],
    model: [{ get: `${ID}.2.0` }],
    firmware: [{ get: `${ID}.6.0` }],
    descr: {
        model: /\bPID:\s*([^,]+)/,
        serial: /\bSN:\s*([^,\s]+)/,
    },
    pages: {
        total: [{ get: `${ENGINE}.5.0` }],
        mono: [{ get: `${ENGINE}.6.0` }],
        colour: [{ get: `${ENGINE}.7.0` }],
        duplex: [{ get: `${ENGINE}.22.0` }],
    },
};
