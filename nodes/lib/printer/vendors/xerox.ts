/**
 * Xerox (XEROX-HOST-RESOURCES-EXT-MIB and XEROX-GENERAL-MIB, enterprise 253).
 * xcmHrDevDetailValueInteger (1.3.6.1.4.1.253.8.53.13.2.1.6) is indexed by hrDeviceIndex,
 * xcmHrDevDetailType and xcmHrDevDetailIndex: type deviceLifetimeUsage(20) on the printer
 * (hrDevice 1) gives total impressions at index 1, colour 33, black 34; on the copier (hrDevice
 * 11) black copies at index 3, colour copies at 25. xcmHrDevInfoSerialNumber
 * (…253.8.53.3.2.1.3, index hrDeviceIndex). The IEEE 1284 device ID is in …253.8.51.1.2.1.20.
 * The sysDescr reads "Xerox AltaLink C8045; SS 100.002…".
 */
import type { VendorProfile } from "./profile";

const DETAIL = "1.3.6.1.4.1.253.8.53.13.2.1.6";

export const xerox: VendorProfile = {
    id: "xerox",
    name: "Xerox",
    enterprises: [253],
    brands: /^Xerox\b/i,
    serial: [{ walk: "1.3.6.1.4.1.253.8.53.3.2.1.3" }],
    deviceId: [{ walk: "1.3.6.1.4.1.253.8.51.1.2.1.20" }],
    descr: { firmware: /;\s*(?:System(?:\s+Software)?|SS)\s+([\d.]+)/i },
    pages: {
        total: [{ get: `${DETAIL}.1.20.1` }],
        colour: [{ get: `${DETAIL}.1.20.33` }],
        mono: [{ get: `${DETAIL}.1.20.34` }],
        copy: [{ sum: [`${DETAIL}.11.20.3`], plus: [`${DETAIL}.11.20.25`] }],
    },
};
