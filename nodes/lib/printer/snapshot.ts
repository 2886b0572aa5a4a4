/**
 * Reading the objects of one poll: cells by column name and row index, row indexes split into
 * hrDeviceIndex and the table-local rest (every Printer-MIB table is indexed by hrDeviceIndex
 * first, RFC 3805), and which devices of the agent are printers.
 */
import { asInt, asOid, compareOids, type Varbind } from "../snmp/varbind";
import { COL, HR_DEVICE_PRINTER, SUPPLY_COLUMNS, type ColumnName } from "./mib";

/** The objects of one poll: scalars by instance OID, columns by column OID then row index. */
export interface Snapshot {
    scalars: Map<string, Varbind>;
    columns: Map<string, Map<string, Varbind>>;
}

export function column(snap: Snapshot, name: ColumnName): Map<string, Varbind> {
    return snap.columns.get(COL[name]) ?? new Map<string, Varbind>();
}

export function cell(snap: Snapshot, name: ColumnName, index: string): Varbind | undefined {
    return snap.columns.get(COL[name])?.get(index);
}

export function intCell(snap: Snapshot, name: ColumnName, index: string): number | undefined {
    return asInt(cell(snap, name, index));
}

/** Index "2.5" -> [2, "5"]: the hrDeviceIndex and the table-local rest. */
export function splitIndex(index: string): [number, string] | undefined {
    const dot = index.indexOf(".");
    if (dot <= 0) return undefined;
    const hrD = Number(index.slice(0, dot));
    return Number.isInteger(hrD) ? [hrD, index.slice(dot + 1)] : undefined;
}

/** Row indexes present in any of the given columns, in OID order, limited to printer devices. */
export function rowIndexes(snap: Snapshot, names: readonly ColumnName[], devices: Set<number>): string[] {
    const all = new Set<string>();
    for (const name of names) {
        for (const index of column(snap, name).keys()) {
            const parts = splitIndex(index);
            if (parts !== undefined && devices.has(parts[0])) all.add(index);
        }
    }
    return Array.from(all).sort(compareOids);
}

/** Printer-MIB sub-unit columns (supplies, inputs, outputs, markers), indexed hrD.n. */
const SUB_UNIT_COLUMNS: readonly ColumnName[] = [
    ...SUPPLY_COLUMNS,
    "inputLevel",
    "inputMax",
    "inputName",
    "inputStatus",
    "inputDescription",
    "inputMediaName",
    "inputCapacityUnit",
    "outputRemaining",
    "outputMax",
    "outputName",
    "outputStatus",
    "outputDescription",
    "outputCapacityUnit",
    "markerLifeCount",
    "markerCounterUnit",
];

/** Does the agent give any Printer-MIB sub-unit row? (Label printers may give only HOST-RESOURCES.) */
export function hasSubUnitRows(snap: Snapshot): boolean {
    return SUB_UNIT_COLUMNS.some((n) => column(snap, n).size > 0);
}

/**
 * Does the agent describe a printer? Yes when it has Printer-MIB sub-unit rows (supplies, inputs,
 * outputs, markers) or a HOST-RESOURCES hrPrinterTable row. A lone prtGeneral object (a serial
 * number) or an hrDeviceTable entry is not enough to read anything useful.
 */
export function hasPrinterData(snap: Snapshot): boolean {
    const hrPrinter = ["hrPrinterStatus", "hrPrinterDetectedErrorState"] as const;
    return hasSubUnitRows(snap) || hrPrinter.some((n) => column(snap, n).size > 0);
}

/** hrDeviceIndex values of the printers this agent serves (never assumes 1). */
export function printerDevices(snap: Snapshot): number[] {
    const found = new Set<number>();
    for (const [index, vb] of column(snap, "hrDeviceType")) {
        if (asOid(vb) === HR_DEVICE_PRINTER) found.add(Number(index));
    }
    for (const name of ["hrPrinterStatus", "hrPrinterDetectedErrorState"] as const) {
        for (const index of column(snap, name).keys()) found.add(Number(index));
    }
    for (const name of ["configChanges", "currentLocalization", "serialNumber"] as const) {
        for (const index of column(snap, name).keys()) found.add(Number(index));
    }
    for (const name of SUB_UNIT_COLUMNS) {
        for (const index of column(snap, name).keys()) {
            const hrD = splitIndex(index)?.[0];
            if (hrD !== undefined) found.add(hrD);
        }
    }
    return Array.from(found)
        .filter((n) => Number.isInteger(n) && n >= 0)
        .sort((a, b) => a - b);
}
