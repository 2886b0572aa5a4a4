/**
 * Brother (BROTHER-MIB, enterprise 2435). printerinfomation (1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5):
 * brInfoSerialNumber .1, brInfoCounter .10 (an OCTET STRING of records `code, 0x01, 0x04,
 * uint32`, ended by 0xFF: code 0x00 pages printed, 0x01 black-and-white, 0x02 colour),
 * brInfoDeviceRomVersion .17. The model is in the IEEE 1284 device ID (…2435.2.3.9.1.1.7) and in
 * brmDNSPrinterName-like …2435.2.4.3.2435.5.13.3 ("Brother HL-5370DW series [mac]").
 */
import type { VendorProfile } from "./profile";

const INFO = "1.3.6.1.4.1.2435.2.3.9.4.2.1.5.5";

export const brother: VendorProfile = {
    id: "brother",
    name: "Brother",
    enterprises: [2435],
    brands: /^Brother\b/i,
    serial: [{ get: `${INFO}.1.0` }],
    model: [{ get: "1.3.6.1.4.1.2435.2.4.3.2435.5.13.3.0" }],
    firmware: [{ get: `${INFO}.17.0` }, { get: "1.3.6.1.4.1.2435.2.4.3.1240.1.4.0" }],
    deviceId: [{ get: "1.3.6.1.4.1.2435.2.3.9.1.1.7.0" }],
    descr: { firmware: /\bFirmware\s+Ver\.?\s*([\w.]+)/i },
    pages: {
        total: [{ blob: `${INFO}.10.0`, code: 0x00 }],
        mono: [{ blob: `${INFO}.10.0`, code: 0x01 }],
        colour: [{ blob: `${INFO}.10.0`, code: 0x02 }],
    },
};
