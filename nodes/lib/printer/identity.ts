/**
 * The identity passes: which printer this is (model, serial) and how its admin named it (the
 * SNMPv2-MIB system group). Each identity field takes the first source, in table order, that
 * gives a value.
 */
import { asInt, asOid } from "../snmp/varbind";
import { HR_DEVICE_PRINTER, SYS } from "./mib";
import type { DecodeContext } from "./context";
import { cell } from "./snapshot";
import type { PrinterReading } from "./contract";

type Source = (ctx: DecodeContext) => string;

/** hrDeviceDescr of the first device typed hrDevicePrinter, else of the first printer device. */
const printerDeviceDescr: Source = (ctx) => {
    const { snap, devices } = ctx;
    const first =
        devices.find((hrD) => asOid(cell(snap, "hrDeviceType", String(hrD))) === HR_DEVICE_PRINTER) ??
        devices[0];
    return first === undefined ? "" : ctx.label(cell(snap, "hrDeviceDescr", String(first)));
};

const sysDescr: Source = (ctx) => ctx.label(ctx.snap.scalars.get(SYS.descr));

/** prtGeneralSerialNumber of the first printer that gives one. */
const generalSerialNumber: Source = (ctx) => {
    for (const hrD of ctx.devices) {
        const serial = ctx.label(cell(ctx.snap, "serialNumber", String(hrD)));
        if (serial !== "") return serial;
    }
    return "";
};

/** Where each identity field is found, most specific first. */
const IDENTITY_SOURCES = {
    model: [printerDeviceDescr, sysDescr],
    serial: [generalSerialNumber],
} as const satisfies Record<string, readonly Source[]>;

/** The first non-empty value of the sources, or null; later sources are not read (nor their quirks noted). */
function firstFound(ctx: DecodeContext, sources: readonly Source[]): string | null {
    for (const source of sources) {
        const value = source(ctx);
        if (value !== "") return value;
    }
    return null;
}

export function readIdentity(ctx: DecodeContext): Pick<PrinterReading, "model" | "serial"> {
    return {
        model: firstFound(ctx, IDENTITY_SOURCES.model),
        serial: firstFound(ctx, IDENTITY_SOURCES.serial),
    };
}

/** sysName, sysLocation and sysUpTime (in seconds). */
export function readSystem(ctx: DecodeContext): Pick<PrinterReading, "name" | "location" | "uptime"> {
    const { snap } = ctx;
    const ticks = asInt(snap.scalars.get(SYS.upTime));
    return {
        name: emptyToNull(ctx.label(snap.scalars.get(SYS.name))),
        location: emptyToNull(ctx.label(snap.scalars.get(SYS.location))),
        uptime: ticks === undefined ? null : Math.floor(ticks / 100),
    };
}

function emptyToNull(text: string): string | null {
    return text === "" ? null : text;
}
