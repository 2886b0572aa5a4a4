/**
 * Epson (enterprise 1248). Epson publishes no MIB with page counters; its private printer branch
 * gives the model (…1248.1.2.2.1.1.1.2.1) and serial (…1248.1.2.2.1.1.1.5.1). Pages come from
 * the Printer-MIB marker table only.
 */
import type { VendorProfile } from "./profile";

export const epson: VendorProfile = {
    id: "epson",
    name: "Epson",
    enterprises: [1248],
    brands: /^EPSON\b/i,
    serial: [{ get: "1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1" }],
    model: [{ get: "1.3.6.1.4.1.1248.1.2.2.1.1.1.2.1" }],
};
