/**
 * The status passes: the printer's overall status and its error bits, from HOST-RESOURCES-MIB
 * hrDeviceStatus, hrPrinterStatus and hrPrinterDetectedErrorState (RFC 2790, RFC 3805 Appendix E).
 */
import { asBytes } from "../snmp/varbind";
import { ERROR_BITS, HR_DEVICE_STATUS, HR_PRINTER_STATUS, type ErrorBit } from "./mib";
import type { DecodeContext } from "./context";
import { cell, intCell } from "./snapshot";
import type { PrinterStatus } from "./contract";

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

/** Most telling first: of several printers on one agent, the reading shows the first found here. */
const STATUS_RANK: PrinterStatus[] = ["down", "printing", "warmup", "idle", "other", "unknown"];

export function readStatus(ctx: DecodeContext): PrinterStatus {
    let status: PrinterStatus = "unknown";
    for (const hrD of ctx.devices) {
        const s = printerStatus(
            intCell(ctx.snap, "hrDeviceStatus", String(hrD)),
            intCell(ctx.snap, "hrPrinterStatus", String(hrD)),
        );
        if (STATUS_RANK.indexOf(s) < STATUS_RANK.indexOf(status)) status = s;
    }
    return status;
}

/** The error bits any printer of the agent sets. */
export function readErrorBits(ctx: DecodeContext): Set<ErrorBit> {
    const errors = new Set<ErrorBit>();
    for (const hrD of ctx.devices) {
        const bytes = asBytes(cell(ctx.snap, "hrPrinterDetectedErrorState", String(hrD)));
        if (bytes === undefined) continue;
        if (bytes.length === 1) ctx.quirks.add("errorStateOneByte");
        errorBits(bytes).forEach((b) => errors.add(b));
    }
    return errors;
}
