/** The counter pass: pages printed, from the Printer-MIB marker table (RFC 3805). */
import { asInt } from "../snmp/varbind";
import { PAGE_COUNTER_UNITS } from "./mib";
import type { DecodeContext } from "./context";
import { cell, intCell } from "./snapshot";

/**
 * prtMarkerLifeCount summed over the printer's markers that count pages (impressions or sheets,
 * or no unit given). RFC 3805 says Counter32; some agents send INTEGER, which is accepted.
 */
export function readPageCount(ctx: DecodeContext): number | null {
    const { snap, quirks } = ctx;
    let total: number | null = null;
    for (const index of ctx.rows(["markerLifeCount"])) {
        const unit = intCell(snap, "markerCounterUnit", index);
        if (unit !== undefined && !PAGE_COUNTER_UNITS.has(unit)) continue;
        const vb = cell(snap, "markerLifeCount", index);
        const n = asInt(vb);
        if (n === undefined || n < 0) {
            quirks.add("lifeCountInvalid");
            continue;
        }
        if (vb?.type === 2) quirks.add("lifeCountInteger");
        total = (total ?? 0) + n;
    }
    return total;
}
