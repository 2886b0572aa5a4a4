/**
 * Toshiba (enterprise 1129): e-STUDIO copiers and TEC label printers. No page counter beyond the
 * Printer-MIB is published. TEC label printers (TEC-MIB bcpGeneral, 1.3.6.1.4.1.1129.1.2.1.1.1):
 * bcpProductNumber .1.1 (the unit's serial), bcpProductVersion .1.2, bcpDeviceModel .2.1.
 */
import type { VendorProfile } from "./profile";

const BCP = "1.3.6.1.4.1.1129.1.2.1.1.1";

export const toshiba: VendorProfile = {
    id: "toshiba",
    name: "Toshiba",
    enterprises: [1129],
    brands: /^TOSHIBA(?:\s+TEC)?\b/i,
    serial: [{ get: `${BCP}.1.1.0` }],
    model: [{ get: `${BCP}.2.1.0` }],
    firmware: [{ get: `${BCP}.1.2.0` }],
};
