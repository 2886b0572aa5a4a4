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
import { asInt, asOid } from "../snmp/varbind";
import { ERROR_BITS, HR_DEVICE_PRINTER, PAGE_COUNTER_UNITS, SYS } from "./mib";
import type { PrinterReading } from "./types";
import { cell, hasSubUnitRows, intCell, rowIndexes, type Snapshot } from "./snapshot";
import { decodeContext, type DecodeOptions } from "./context";
import { readAlerts } from "./alerts";
import { rateSupplies, readSupplies } from "./supplies";
import { ricohLevels } from "./ricoh";
import { readTrays } from "./trays";
import { readOutputs } from "./outputs";
import { readErrorBits, readStatus } from "./status";
import { applySignals } from "./signals";

export { hasPrinterData, printerDevices, type Snapshot } from "./snapshot";
export { levelState, type LevelInput, type LevelResult } from "./levels";
export { errorBits, printerStatus } from "./status";
export { DEFAULT_LOW_LEVEL, type DecodeOptions } from "./context";

// ---------------------------------------------------------------------------------------------
// The reading

/**
 * Decode one poll. An agent serving several printers (several hrDeviceIndexes) gives one reading
 * with the rows of all of them; the ids keep them apart.
 */
export function decodePrinter(snap: Snapshot, options: DecodeOptions): PrinterReading {
    const ctx = decodeContext(snap, options);
    const { devices, quirks, label } = ctx;
    const deviceSet = new Set(devices);

    const alertRows = readAlerts(ctx);

    const supplies = readSupplies(ctx);
    const vendorLevels = ricohLevels(ctx, supplies);
    rateSupplies(ctx, supplies, vendorLevels);
    // Vendor rows that match no standard row still report.
    supplies.push(...vendorLevels.unmatched);

    const trays = readTrays(ctx);
    const outputs = readOutputs(ctx);

    const errors = readErrorBits(ctx);
    applySignals({ supplies, trays, outputs }, alertRows, errors);

    // --- names users can tell apart (a chart draws one series per name)
    disambiguate(supplies, (s) => s.color, quirks);
    disambiguate(trays, () => null, quirks);

    // --- status, identity, counters
    const firstPrinter =
        devices.find((hrD) => asOid(cell(snap, "hrDeviceType", String(hrD))) === HR_DEVICE_PRINTER) ??
        devices[0];
    const model =
        (firstPrinter !== undefined ? label(cell(snap, "hrDeviceDescr", String(firstPrinter))) : "") ||
        label(snap.scalars.get(SYS.descr));
    let serial = "";
    for (const hrD of devices) {
        serial = label(cell(snap, "serialNumber", String(hrD)));
        if (serial !== "") break;
    }
    const ticks = asInt(snap.scalars.get(SYS.upTime));
    if (!hasSubUnitRows(snap)) quirks.add("noPrinterMib");

    return {
        model: model === "" ? null : model,
        serial: serial === "" ? null : serial,
        name: emptyToNull(label(snap.scalars.get(SYS.name))),
        location: emptyToNull(label(snap.scalars.get(SYS.location))),
        uptime: ticks === undefined ? null : Math.floor(ticks / 100),
        time: new Date(options.now).toISOString(),
        status: readStatus(ctx),
        errors: ERROR_BITS.filter((b) => errors.has(b)),
        alerts: alertRows.map((r) => r.alert),
        supplies,
        trays,
        outputs,
        pageCount: pageCount(snap, deviceSet, quirks),
        quirks: Array.from(quirks),
    };
}

function emptyToNull(text: string): string | null {
    return text === "" ? null : text;
}

/** Give identical names a suffix: the colour when that tells them apart, else the id. */
function disambiguate<T extends { id: string; name: string }>(
    items: T[],
    colour: (item: T) => string | null,
    quirks: Set<string>,
): void {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = item.name.toLowerCase();
        groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const group of groups.values()) {
        if (group.length < 2) continue;
        quirks.add("nameDisambiguated");
        const colours = group.map(colour);
        const distinct = colours.every((c) => c !== null) && new Set(colours).size === group.length;
        for (const item of group) {
            const c = colour(item);
            item.name =
                distinct && c !== null && !item.name.toLowerCase().includes(c.toLowerCase())
                    ? `${item.name} (${c})`
                    : `${item.name} (${item.id})`;
        }
    }
}

/**
 * prtMarkerLifeCount summed over the printer's markers that count pages (impressions or sheets,
 * or no unit given). RFC 3805 says Counter32; some agents send INTEGER, which is accepted.
 */
function pageCount(snap: Snapshot, devices: Set<number>, quirks: Set<string>): number | null {
    let total: number | null = null;
    for (const index of rowIndexes(snap, ["markerLifeCount"], devices)) {
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
