/**
 * From the objects a printer returned to the reading a user sees. Pure: varbinds in, plain data
 * out; never throws on values it does not expect (they become null or "unknown", and a quirk says so).
 *
 * The rules follow RFC 3805 (Printer-MIB v2) and RFC 2790 (HOST-RESOURCES-MIB):
 * - special levels are states, not numbers: -1 unlimited, -2 unknown, -3 "some remaining";
 * - percent is level / max; for a receptacle (waste box) the level is the space left, so its
 *   percent is the space left too (a node option inverts it for printers that report space used);
 * - a unit of percent(19) makes the level a percentage whatever max says;
 * - colour comes from prtMarkerColorantTable joined on (hrDeviceIndex, colorant index);
 * - `low` also listens to the printer itself: alert rows pointing at a supply or tray
 *   (prtAlertGroup + prtAlertGroupIndex) and the hrPrinterDetectedErrorState bits.
 */
import { ERROR_BITS } from "./mib";
import type { PrinterReading } from "./contract";
import { hasSubUnitRows, type Snapshot } from "./snapshot";
import { capList, collectQuirks, decodeContext, type DecodeContext, type DecodeOptions } from "./context";
import { readAlerts } from "./alerts";
import { rateSupplies, readSupplies } from "./supplies";
import { ricohLevels } from "./ricoh";
import { readTrays } from "./trays";
import { readOutputs } from "./outputs";
import { readErrorBits, readStatus } from "./status";
import { applySignals } from "./signals";
import { distinctNames } from "./names";
import { readIdentity, readSystem } from "./identity";
import { readPageCount, readPages } from "./counters";

export { hasPrinterData, printerDevices, type Snapshot } from "./snapshot";
export { levelState, type LevelInput, type LevelResult } from "./levels";
export { errorBits, printerStatus } from "./status";
export { DEFAULT_LOW_LEVEL, type DecodeMemo, type DecodeOptions } from "./context";

/**
 * Decode one poll: the passes in order, each reading its tables. An agent serving several
 * printers (several hrDeviceIndexes) gives one reading with the rows of all of them; the ids keep
 * them apart. The order matters: vendor levels replace standard ones before rating, the printer's
 * signals act on rated levels (a signal without a row lands only where no percent is known), and
 * the reading lists quirks in the order the passes find them.
 */
export function decodePrinter(snap: Snapshot, options: DecodeOptions): PrinterReading {
    const ctx = decodeContext(snap, options);
    const alerts = readAlerts(ctx);
    const read = readSupplies(ctx);
    const vendorLevels = ricohLevels(ctx, read);
    rateSupplies(ctx, read, vendorLevels);
    const supplies = capList(ctx.quirks, "supplies", [...read, ...vendorLevels.unmatched]);
    const trays = readTrays(ctx);
    const outputs = readOutputs(ctx);
    const errors = readErrorBits(ctx);
    applySignals({ supplies, trays, outputs }, alerts, errors);
    distinctNames(ctx, supplies, trays);
    const identity = identityOf(ctx);
    // A Host Resources-only agent (label printers): status and identity, no sub-units.
    if (!hasSubUnitRows(snap)) ctx.quirks.add("noPrinterMib");
    const system = readSystem(ctx);
    const pageCount = readPageCount(ctx);
    return {
        // Field by field: spreading the identity objects in here doubled the decode time (V8 slow path).
        model: identity.model,
        serial: identity.serial,
        vendor: identity.vendor,
        firmware: identity.firmware,
        name: system.name,
        location: system.location,
        uptime: system.uptime,
        time: new Date(options.now).toISOString(),
        status: readStatus(ctx),
        errors: ERROR_BITS.filter((b) => errors.has(b)),
        alerts: alerts.map((r) => r.alert),
        supplies,
        trays,
        outputs,
        pageCount,
        pages: readPages(ctx, pageCount),
        quirks: Array.from(ctx.quirks),
    };
}

/** The identity, from the memo when an earlier decode of the same cached objects worked it out. */
function identityOf(ctx: DecodeContext): ReturnType<typeof readIdentity> {
    const memo = ctx.options.memo;
    const known = memo?.identity;
    if (known !== undefined) {
        for (const q of known.quirks) ctx.quirks.add(q);
        return known.value;
    }
    const found = collectQuirks(ctx, () => readIdentity(ctx));
    if (memo !== undefined) memo.identity = found;
    return found.value;
}
