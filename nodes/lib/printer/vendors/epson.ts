/**
 * Epson (enterprise 1248). Its private printer branch gives the model
 * (…1248.1.2.2.1.1.1.2.1) and serial (…1248.1.2.2.1.1.1.5.1). Epson publishes no MIB file with
 * page counters; the counters below sit in its branch …1248.1.2.2.27 and were matched one by
 * one against the counters on the printer's own web page on an AM-C550 and a WF-C17590 (the
 * printmaster project's Epson notes): …27.1.1.30.1.1 total pages, …27.1.1.3.1.1
 * black-and-white, …27.1.1.4.1.1 colour, and per function (black-and-white and colour together)
 * …27.6.1.4.1.1.1 printed from a computer and …27.6.1.4.1.1.2 copies. Printers without them
 * give prtMarkerLifeCount only.
 */
import type { VendorProfile } from "./profile";

const COUNTERS = "1.3.6.1.4.1.1248.1.2.2.27";

export const epson: VendorProfile = {
    id: "epson",
    name: "Epson",
    enterprises: [1248],
    brands: /^EPSON\b/i,
    serial: [{ get: "1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1" }],
    model: [{ get: "1.3.6.1.4.1.1248.1.2.2.1.1.1.2.1" }],
    pages: {
        total: [{ get: `${COUNTERS}.1.1.30.1.1` }],
        mono: [{ get: `${COUNTERS}.1.1.3.1.1` }],
        colour: [{ get: `${COUNTERS}.1.1.4.1.1` }],
        print: [{ get: `${COUNTERS}.6.1.4.1.1.1` }],
        copy: [{ get: `${COUNTERS}.6.1.4.1.1.2` }],
    },
};
