/**
 * The identity passes: which printer this is (maker, short model, serial, firmware) and how its
 * admin named it (the SNMPv2-MIB system group). Each identity field takes the first source, in
 * table order, that gives a usable value: the standard object, then the vendor's own objects
 * (vendors/*.ts), then what the printer's description strings say.
 */
import { asBytes, asInt, asOid, decodeText, type Varbind } from "../snmp/varbind";
import { DEVICE_ID, HR_DEVICE_PRINTER, SYS } from "./mib";
import { ownMakerTexts, type DecodeContext } from "./context";
import { cell, column } from "./snapshot";
import { deviceIdFields, deviceIdIdentity } from "./text";
import type { PrinterReading } from "./contract";
import { VENDORS, vendorByBrand, type ObjectRef, type VendorProfile } from "./vendors";

/**
 * A candidate value, "" when the source has none. Candidates are read lazily, in order: later
 * sources are not read (nor their text quirks noted) once one gives a value.
 */
type Candidate = () => string;

// ---------------------------------------------------------------------------------------------
// Reading the objects

/** A vendor object as text: an instance, or the first row of a column (index order). */
function refValue(ctx: DecodeContext, ref: ObjectRef): Varbind | undefined {
    if ("get" in ref) return ctx.snap.scalars.get(ref.get);
    return ctx.snap.columns.get(ref.walk)?.values().next().value;
}

function refTexts(ctx: DecodeContext, refs: readonly ObjectRef[] | undefined): Candidate[] {
    return (refs ?? []).map((r) => () => identityText(ctx.label(refValue(ctx, r))));
}

/**
 * HP-LASERJET-COMMON-MIB strings may start with two bytes naming their symbol set (0x01 0x15 for
 * Roman-8), and some agents pad with control characters: neither belongs to a name.
 */
function identityText(text: string): string {
    return text
        .replace(/\p{Cc}+/gu, " ")
        .replace(/\s+/g, " ")
        .trim();
}

/**
 * sysDescr as sent: cleanLabel would drop the " S/N:…" a serial source reads, and a sysDescr is
 * no localized string (RFC 3418: NVT ASCII).
 */
function rawDescr(ctx: DecodeContext): string {
    const bytes = asBytes(ctx.snap.scalars.get(SYS.descr));
    return bytes === undefined ? "" : identityText(decodeText(bytes));
}

/** The first capture of a pattern on sysDescr, "" without one. */
function fromDescr(ctx: DecodeContext, pattern: RegExp | undefined): string {
    if (pattern === undefined) return "";
    return pattern.exec(rawDescr(ctx))?.[1]?.trim() ?? "";
}

/** IEEE 1284 device IDs: the vendor's, then HP's gdStatusId, then the PWG PPM MIB's. */
function deviceIds(ctx: DecodeContext): Candidate[] {
    const generic = [ctx.snap.scalars.get(DEVICE_ID.gdStatusId), ...column(ctx.snap, "ppmDeviceId").values()];
    return [
        ...refTexts(ctx, ctx.vendor?.deviceId),
        ...generic.map((vb) => () => identityText(ctx.label(vb))),
    ];
}

/**
 * hrDeviceDescr of the first device typed hrDevicePrinter, else of the first printer device,
 * else (an agent without printer rows: a scanner, a detection-only answer) of the first device.
 */
function printerDeviceDescr(ctx: DecodeContext): string {
    const { snap, devices } = ctx;
    const first =
        devices.find((hrD) => asOid(cell(snap, "hrDeviceType", String(hrD))) === HR_DEVICE_PRINTER) ??
        devices[0];
    const vb =
        first === undefined
            ? column(snap, "hrDeviceDescr").values().next().value
            : cell(snap, "hrDeviceDescr", String(first));
    return identityText(ctx.label(vb));
}

// ---------------------------------------------------------------------------------------------
// Cleaning

/** Descriptions of a network card or print server, not of the printer behind it. */
const NOT_A_MODEL =
    /\b(?:print\s*server|printserver|jet\s*direct|ethernet|built-?in|multi-environment|network\s+(?:printer|interface|scanner|facsimile)|wired\s+ps|wireless\s+ps)\b|^NC-\d/i;

/** A model name longer than this is a description, not a name. */
const MAX_MODEL_LENGTH = 48;
const MAX_MODEL_WORDS = 6;

/** Remove the maker's brand words from the start, as many as there are ("FUJI XEROX", "TOSHIBA TEC"). */
function withoutBrands(text: string): string {
    let t = text;
    for (let i = 0; i < 3; i++) {
        const v = VENDORS.find((x) => x.brands.test(t));
        if (v === undefined) break;
        t = t.replace(v.brands, "").replace(/^[\s,:;-]+/, "");
    }
    return t;
}

/**
 * A short model name from any model string: the first part of a sysDescr (up to ";", "," or
 * " / "), without brackets, firmware versions, "series", the maker's name or a trailing
 * "Laser Printer"; null when what is left is no model (a print server's description, or text
 * too long to be a name).
 */
export function shortModel(text: string): string | null {
    let t = identityText(text);
    const mdl = deviceIdFields(t);
    if (mdl.has("MDL") || mdl.has("MODEL")) t = deviceIdIdentity(t).model;
    t = t.split(/\s+\/\s+|[;,]/)[0] ?? "";
    t = t
        .replace(/\[[^\]]*\]|\([^)]*\)/g, " ")
        .replace(/\s+\/\S*\s*$/, "")
        .replace(/\s+(?:version|ver\.|firmware)\b.*$/i, "")
        .replace(/\s+(?:rev\.?|v|os|kernel|fw)\s*:?\s*\d.*$/i, "")
        .replace(/\s+v?\d+(?:\.\d+)+[a-z]?\s*$/i, "")
        .replace(/\s+series\s*$/i, "")
        .replace(/\s+laser\s+printer\s*$/i, "");
    t = withoutBrands(t.trim())
        .replace(/\s+/g, " ")
        .replace(/^[\s:;,.-]+|[\s:;,-]+$/g, "");
    if (t === "" || NOT_A_MODEL.test(t)) return null;
    if (t.length > MAX_MODEL_LENGTH || t.split(" ").length > MAX_MODEL_WORDS) return null;
    return t;
}

/** Values agents put where they have no serial (HP after an NVRAM reset: "XXXXXXXXXX"). */
const SERIAL_PLACEHOLDER =
    /^(?:x+|0+|-+|\?+|n\/?a|none|null|unknown|not\s+available|default|serial\s*number)$/i;

function cleanSerial(ctx: DecodeContext, text: string): string | null {
    const t = identityText(text);
    if (t === "") return null;
    if (SERIAL_PLACEHOLDER.test(t) || t.length > 64) {
        ctx.quirks.add("serialPlaceholder");
        return null;
    }
    return t;
}

function cleanFirmware(text: string): string | null {
    const t = identityText(text);
    return t === "" || /^[-.?]+$/.test(t) || t.length > 64 ? null : t;
}

// ---------------------------------------------------------------------------------------------
// The sources, in order

/** prtGeneralSerialNumber of each printer, the first that gives one wins. */
function generalSerialNumbers(ctx: DecodeContext): Candidate[] {
    return ctx.devices.map(
        (hrD) => () => identityText(ctx.label(cell(ctx.snap, "serialNumber", String(hrD)))),
    );
}

/** A serial in sysDescr: HP's "SN:<serial>," or Samsung's "S/N <serial>". */
const SERIAL_IN_DESCR = /(?:^|[\s,;])(?:SN|S\/N)\s*[:#]?\s*([A-Za-z0-9][A-Za-z0-9-]{3,})/;

function serialCandidates(ctx: DecodeContext): Candidate[] {
    const v = ctx.vendor;
    return [
        ...generalSerialNumbers(ctx),
        ...refTexts(ctx, v?.serial),
        ...deviceIds(ctx).map((id) => () => deviceIdFields(id()).get("SN") ?? ""),
        () => fromDescr(ctx, v?.descr?.serial),
        () => fromDescr(ctx, SERIAL_IN_DESCR),
    ];
}

function modelCandidates(ctx: DecodeContext): Candidate[] {
    const v = ctx.vendor;
    return [
        ...refTexts(ctx, v?.model),
        () => fromDescr(ctx, v?.descr?.model),
        ...deviceIds(ctx).map((id) => () => deviceIdIdentity(id()).model),
        () => printerDeviceDescr(ctx),
        () => rawDescr(ctx),
    ];
}

/** Firmware words in sysDescr of makers without a pattern of their own. */
const FIRMWARE_IN_DESCR = [/\bFirmware\s+Ver(?:sion)?\.?\s*:?\s*(\d[\w.-]*)/i, /\bVersion:?\s+(\d[\w.-]*)/i];

function firmwareCandidates(ctx: DecodeContext): Candidate[] {
    const v = ctx.vendor;
    return [
        ...refTexts(ctx, v?.firmware),
        () => fromDescr(ctx, v?.descr?.firmware),
        ...FIRMWARE_IN_DESCR.map((p) => () => fromDescr(ctx, p)),
    ];
}

/**
 * The maker as users name it: a brand word in the printer's own strings (IEEE 1284 MFG,
 * hrDeviceDescr, the vendor's model object), else the maker of the sysObjectID's enterprise,
 * else a brand word in sysDescr. A Samsung-built Xerox is a Xerox; a Kyocera whose print server
 * calls itself "HP ETHERNET MULTI-ENVIRONMENT" stays a Kyocera.
 */
function vendorName(ctx: DecodeContext): string | null {
    const own = [
        ...ownMakerTexts(ctx.snap, ctx.devices),
        ...refTexts(ctx, ctx.vendor?.model).map((c) => c()),
    ];
    const named = own.map(vendorByBrand).find((v): v is VendorProfile => v !== undefined);
    return (named ?? ctx.vendor ?? vendorByBrand(rawDescr(ctx)))?.name ?? null;
}

function first<T>(candidates: readonly Candidate[], accept: (text: string) => T | null): T | null {
    for (const candidate of candidates) {
        const text = candidate();
        if (text === "") continue;
        const value = accept(text);
        if (value !== null) return value;
    }
    return null;
}

export function readIdentity(
    ctx: DecodeContext,
): Pick<PrinterReading, "model" | "serial" | "vendor" | "firmware"> {
    return {
        model: first(modelCandidates(ctx), shortModel),
        serial: first(serialCandidates(ctx), (t) => cleanSerial(ctx, t)),
        vendor: vendorName(ctx),
        firmware: first(firmwareCandidates(ctx), cleanFirmware),
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
