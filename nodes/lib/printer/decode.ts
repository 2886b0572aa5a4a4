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
import { asBytes, asInt, asOid } from "../snmp/varbind";
import {
    ALERT_EFFECTS,
    ALERT_GROUP,
    COLORANT_ALERT_CODES,
    COLORANT_TYPES,
    ERROR_BITS,
    HR_DEVICE_PRINTER,
    HR_DEVICE_STATUS,
    HR_PRINTER_STATUS,
    PAGE_COUNTER_UNITS,
    SYS,
    type AlertEffect,
    type ErrorBit,
} from "./mib";
import type { PrinterReading, PrinterStatus, TrayState } from "./types";
import { cell, hasSubUnitRows, intCell, rowIndexes, type Snapshot } from "./snapshot";

export { hasPrinterData, printerDevices, type Snapshot } from "./snapshot";
export { levelState, type LevelInput, type LevelResult } from "./levels";
import { escalate, escalateOutput } from "./levels";
import { decodeContext, type DecodeOptions } from "./context";
import { readAlerts } from "./alerts";
import { rateSupplies, readSupplies } from "./supplies";
import { ricohLevels } from "./ricoh";
import { readTrays } from "./trays";
import { readOutputs } from "./outputs";

export { DEFAULT_LOW_LEVEL, type DecodeOptions } from "./context";

// ---------------------------------------------------------------------------------------------
// Status and error bits

/** hrPrinterDetectedErrorState bit names, from one byte or two (RFC 2790; bit 0 = MSB of byte 0). */
export function errorBits(bytes: Buffer): ErrorBit[] {
    const out: ErrorBit[] = [];
    ERROR_BITS.forEach((name, bit) => {
        const byte = bytes[bit >> 3] ?? 0;
        if (byte & (0x80 >> (bit & 7))) out.push(name);
    });
    return out;
}

/** RFC 3805 Appendix E: hrDeviceStatus and hrPrinterStatus together. */
export function printerStatus(deviceStatus?: number, printer?: number): PrinterStatus {
    const p = printer === undefined ? undefined : HR_PRINTER_STATUS[printer];
    if (deviceStatus === HR_DEVICE_STATUS.down) return p === "warmup" ? "warmup" : "down";
    return p ?? "unknown";
}

const STATUS_RANK: PrinterStatus[] = ["down", "printing", "warmup", "idle", "other", "unknown"];

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

    // --- what the printer says itself: alerts pointing at a sub-unit, then error bits
    const errors = new Set<ErrorBit>();
    for (const hrD of devices) {
        const vb = cell(snap, "hrPrinterDetectedErrorState", String(hrD));
        const bytes = asBytes(vb);
        if (bytes === undefined) continue;
        if (bytes.length === 1) quirks.add("errorStateOneByte");
        errorBits(bytes).forEach((b) => errors.add(b));
    }
    const pointed = { colorant: false, tray: false, output: false };
    const kindSignals: { kind: "colorant" | "tray" | "output"; effect: AlertEffect }[] = [];
    for (const row of alertRows) {
        const effect = row.codeNumber === undefined ? undefined : ALERT_EFFECTS[row.codeNumber];
        if (effect === undefined) continue;
        const target = row.alert.groupIndex === null ? undefined : `${row.hrD}.${row.alert.groupIndex}`;
        if (row.groupNumber === ALERT_GROUP.markerSupplies && target !== undefined) {
            const w = supplies.find((x) => x.id === target);
            if (w !== undefined) {
                w.state = escalate(w.state, effect, w.class === "receptacle");
                if (COLORANT_TYPES.has(w.type)) pointed.colorant = true;
                continue;
            }
        }
        if (row.groupNumber === ALERT_GROUP.input && target !== undefined) {
            const t = trays.find((x) => x.id === target);
            if (t !== undefined) {
                t.state = escalate(t.state, effect, false) as TrayState;
                pointed.tray = true;
                continue;
            }
        }
        if (row.groupNumber === ALERT_GROUP.output && target !== undefined) {
            const o = outputs.find((x) => x.id === target);
            if (o !== undefined) {
                o.state = escalateOutput(o.state, effect);
                pointed.output = true;
                continue;
            }
        }
        // An alert that names no row (index -1, or the marker instead of the supply) says which
        // kind of sub-unit, like the error bits do.
        if (row.codeNumber !== undefined && COLORANT_ALERT_CODES.has(row.codeNumber)) {
            kindSignals.push({ kind: "colorant", effect });
        } else if (row.groupNumber === ALERT_GROUP.input) {
            kindSignals.push({ kind: "tray", effect });
        } else if (row.groupNumber === ALERT_GROUP.output) {
            kindSignals.push({ kind: "output", effect });
        }
    }
    if (errors.has("lowToner")) kindSignals.push({ kind: "colorant", effect: "low" });
    if (errors.has("noToner")) kindSignals.push({ kind: "colorant", effect: "empty" });
    if (errors.has("lowPaper")) kindSignals.push({ kind: "tray", effect: "low" });
    if (errors.has("noPaper") || errors.has("inputTrayEmpty"))
        kindSignals.push({ kind: "tray", effect: "empty" });
    if (errors.has("outputNearFull")) kindSignals.push({ kind: "output", effect: "almostFull" });
    if (errors.has("outputFull")) kindSignals.push({ kind: "output", effect: "full" });

    // A kind-level signal lands on a sub-unit only when exactly one of that kind has no number
    // of its own: with several candidates the printer has not said which one.
    for (const { kind, effect } of kindSignals) {
        if (pointed[kind]) continue;
        if (kind === "colorant") {
            const candidates = supplies.filter(
                (w) =>
                    w.class !== "receptacle" &&
                    COLORANT_TYPES.has(w.type) &&
                    w.percent === null &&
                    w.state !== "unlimited",
            );
            const only = candidates.length === 1 ? candidates[0] : undefined;
            if (only !== undefined) only.state = escalate(only.state, effect, false);
        } else if (kind === "tray") {
            const candidates = trays.filter(
                (t) => t.percent === null && t.state !== "unlimited" && t.state !== "empty",
            );
            const only = candidates.length === 1 ? candidates[0] : undefined;
            if (only !== undefined) only.state = escalate(only.state, effect, false) as TrayState;
        } else {
            const candidates = outputs.filter(
                (o) => o.remaining === null || o.remaining < 0 || o.max === null || o.max <= 0,
            );
            const only = candidates.length === 1 ? candidates[0] : undefined;
            if (only !== undefined) only.state = escalateOutput(only.state, effect);
        }
    }

    // --- names users can tell apart (a chart draws one series per name)
    disambiguate(supplies, (s) => s.color, quirks);
    disambiguate(trays, () => null, quirks);

    // --- status, identity, counters
    let status: PrinterStatus = "unknown";
    for (const hrD of devices) {
        const s = printerStatus(
            intCell(snap, "hrDeviceStatus", String(hrD)),
            intCell(snap, "hrPrinterStatus", String(hrD)),
        );
        if (STATUS_RANK.indexOf(s) < STATUS_RANK.indexOf(status)) status = s;
    }
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
        status,
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
