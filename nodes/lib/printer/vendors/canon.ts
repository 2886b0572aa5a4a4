/**
 * Canon (CANON-MIB, enterprise 1602). canProductInfo (1.3.6.1.4.1.1602.1.1.1):
 * canPdInfoProductName .1, canPdInfoProductVersion .4; serial canServInfoSerialNumberDeviceNumber
 * (…1602.1.2.1.8.1.3.1.1), older models …1602.1.2.1.4. Page counters: the counter table
 * …1602.1.11.1.3.1, value column .4 indexed by Canon's counter number (101 "Total 1",
 * 108 "Total (Black 1)", 201 "Copy (Total 1)", 301 "Print (Total 1)", 501 "Scan (Total 1)");
 * printers of the LBP line have a labelled table …1602.1.11.2.1.1 (label .2, value .3), read by
 * label. Counter numbers are model-specific beyond these, so the colour count is taken only from
 * a label that says so.
 */
import type { VendorProfile } from "./profile";

const COUNTER = "1.3.6.1.4.1.1602.1.11.1.3.1.4";
const LABELLED = "1.3.6.1.4.1.1602.1.11.2.1.1";

function labelled(named: RegExp) {
    return { walk: `${LABELLED}.3`, label: `${LABELLED}.2`, named };
}

export const canon: VendorProfile = {
    id: "canon",
    name: "Canon",
    enterprises: [1602],
    brands: /^Canon\b/i,
    serial: [{ get: "1.3.6.1.4.1.1602.1.2.1.8.1.3.1.1" }, { get: "1.3.6.1.4.1.1602.1.2.1.4.0" }],
    model: [{ get: "1.3.6.1.4.1.1602.1.1.1.1.0" }],
    firmware: [{ get: "1.3.6.1.4.1.1602.1.1.1.4.0" }],
    pages: {
        total: [{ get: `${COUNTER}.101` }, labelled(/^Total\s*1?$/i)],
        mono: [{ get: `${COUNTER}.108` }, labelled(/^Total\s*\(Black\s*1?\)$/i)],
        colour: [labelled(/^Total\s*\(Full\s*Colou?r\s*\+\s*Single\s*Colou?r\s*1?\)$/i)],
        copy: [{ get: `${COUNTER}.201` }, labelled(/^Copy\s*\(Total\s*1?\)$/i)],
        print: [{ get: `${COUNTER}.301` }, labelled(/^Print\s*\(Total\s*1?\)$/i)],
        scan: [{ get: `${COUNTER}.501` }, labelled(/^Scan\s*\(Total\s*1?\)$/i)],
    },
};
