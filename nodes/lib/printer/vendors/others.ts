/**
 * Makers without page counters of their own that the reading can tell by name: Dell (its lasers
 * are built by Lexmark, Xerox/Fuji Xerox or Samsung and answer the Printer-MIB), Fujifilm / Fuji
 * Xerox (297), Pantum (40093), and Zebra (ZEBRA-QL-MIB, enterprise 10642, often behind an
 * Extended Systems print server, 683): model 1.3.6.1.4.1.10642.1.1, firmware .1.2, the printer's
 * serial …10642.200.19.5 (ESI-MIB …683.1.5 is the print server's own serial).
 */
import type { VendorProfile } from "./profile";

export const dell: VendorProfile = {
    id: "dell",
    name: "Dell",
    enterprises: [674],
    brands: /^Dell\b/i,
};

export const fujifilm: VendorProfile = {
    id: "fujifilm",
    name: "Fujifilm",
    enterprises: [297],
    brands: /^(?:FUJI\s*XEROX|FUJIFILM|Fuji\s+Film)\b/i,
};

export const pantum: VendorProfile = {
    id: "pantum",
    name: "Pantum",
    enterprises: [40093],
    brands: /^Pantum\b/i,
};

export const zebra: VendorProfile = {
    id: "zebra",
    name: "Zebra",
    enterprises: [10642],
    // "ZebraNet" print servers; "ZTC" (Zebra Technologies Corporation) starts model names.
    brands: /^(?:Zebra\w*|ZTC)\b/i,
    serial: [{ get: "1.3.6.1.4.1.10642.200.19.5.0" }, { get: "1.3.6.1.4.1.683.1.5.0" }],
    model: [{ get: "1.3.6.1.4.1.10642.1.1.0" }, { get: "1.3.6.1.4.1.10642.200.19.7.0" }],
    firmware: [{ get: "1.3.6.1.4.1.10642.1.2.0" }, { get: "1.3.6.1.4.1.683.1.9.0" }],
};
