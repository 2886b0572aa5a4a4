/**
 * What the passes of one decode share: the snapshot and options, the printer devices, the quirks
 * found so far, and device strings read as text in the charset their printer declares.
 */
import { asBytes, asOid, type Varbind } from "../snmp/varbind";
import { SYS, type ColumnName } from "./mib";
import { intCell, printerDevices, rowIndexes, type Snapshot } from "./snapshot";
import { cleanLabel } from "./text";

export interface DecodeOptions {
    /** At or below this percent a supply or tray is `low` (a receptacle `almostFull`). */
    lowLevel: number;
    /** Treat receptacle levels as space used instead of space left (non-RFC printers). */
    invertReceptacles: boolean;
    /** Time of the reading (ms since epoch). */
    now: number;
}

export const DEFAULT_LOW_LEVEL = 10;

export interface DecodeContext {
    snap: Snapshot;
    options: DecodeOptions;
    /** hrDeviceIndex values of the printers, ascending. */
    devices: number[];
    /** sysObjectID, "" when absent: the maker's enterprise subtree, for vendor rules. */
    sysObjectId: string;
    /** Quirks in the order they were found: the reading lists them in this order. */
    quirks: Set<string>;
    /** Row indexes of these columns that belong to a printer device, in OID order. */
    rows: (names: readonly ColumnName[]) => string[];
    /**
     * A device string as clean text, its quirks noted. Give `hrD` for a localized string
     * (PrtLocalizedDescriptionStringTC) to decode it in that printer's charset.
     */
    label: (vb: Varbind | undefined, hrD?: number) => string;
}

/**
 * Charset of each printer's localized strings: prtGeneralCurrentLocalization points at the
 * prtLocalizationTable row whose prtLocalizationCharacterSet is an IANA MIBenum (RFC 3805).
 */
function localizedCharsets(snap: Snapshot, devices: readonly number[]): Map<number, number> {
    const charsets = new Map<number, number>();
    for (const hrD of devices) {
        const loc = intCell(snap, "currentLocalization", String(hrD));
        const charset = loc === undefined ? undefined : intCell(snap, "localizationCharset", `${hrD}.${loc}`);
        if (charset !== undefined && charset > 0) charsets.set(hrD, charset);
    }
    return charsets;
}

export function decodeContext(snap: Snapshot, options: DecodeOptions): DecodeContext {
    const quirks = new Set<string>();
    const devices = printerDevices(snap);
    const deviceSet = new Set(devices);
    const charsets = localizedCharsets(snap, devices);
    return {
        snap,
        options,
        devices,
        sysObjectId: asOid(snap.scalars.get(SYS.objectId)) ?? "",
        quirks,
        rows: (names) => rowIndexes(snap, names, deviceSet),
        label: (vb, hrD) => {
            const l = cleanLabel(asBytes(vb), hrD === undefined ? undefined : charsets.get(hrD));
            l.quirks.forEach((q) => quirks.add(q));
            return l.text;
        },
    };
}
