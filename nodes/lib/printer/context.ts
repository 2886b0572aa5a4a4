/**
 * What the passes of one decode share: the snapshot and options, the printer devices, the quirks
 * found so far, and device strings read as text in the charset their printer declares.
 */
import { asBytes, asOid, type Varbind } from "../snmp/varbind";
import { DEVICE_ID, SYS, type ColumnName } from "./mib";
import { column, intCell, printerDevices, rowIndexes, type Snapshot } from "./snapshot";
import { cleanLabel, deviceIdIdentity } from "./text";
import { vendorByBrand, vendorByEnterprise, type VendorProfile } from "./vendors";
import type { PrinterReading } from "./contract";

export interface DecodeOptions {
    /** At or below this percent a supply or tray is `low` (a receptacle `almostFull`). */
    lowLevel: number;
    /** Treat receptacle levels as space used instead of space left (non-RFC printers). */
    invertReceptacles: boolean;
    /** Time of the reading (ms since epoch). */
    now: number;
    /**
     * What the decode worked out about this printer from objects that do not change while its
     * cache entry holds (see {@link DecodeMemo}); filled by the first decode, reused by later ones.
     */
    memo?: DecodeMemo;
}

/**
 * Facts of one printer that follow from its cached objects alone: its printer devices, their
 * charsets, its vendor table and its identity (with the quirks reading it noted). A steady-state
 * poll decodes the same cached objects again, so it takes these as they were; a new discovery
 * starts a new memo.
 */
export interface DecodeMemo {
    devices?: number[];
    charsets?: Map<number, number>;
    vendor?: { profile: VendorProfile | undefined };
    identity?: { value: Pick<PrinterReading, "model" | "serial" | "vendor" | "firmware">; quirks: string[] };
    /**
     * The rows of each list but the alerts: a steady-state poll reads the rows the cache knows (a
     * row added or gone makes it read everything afresh), and alerts come and go between polls.
     */
    rows?: Map<CappedList, { indexes: string[]; capped: boolean }>;
    /** What the rows of a list say that only a rediscovery changes (see `rowFacts`). */
    facts?: Map<CappedList, { ids: readonly string[]; rows: readonly unknown[]; quirks: readonly string[] }>;
}

export const DEFAULT_LOW_LEVEL = 10;

/**
 * Rows kept per list of a reading. A printer lists a few dozen supplies, trays, bins and alerts
 * (a print server fronting several printers a few hundred); a broken or hostile agent may list
 * thousands, each a chart line and an alert. Beyond this the first rows (in index order) are kept
 * and a quirk names the list that was cut (`suppliesCapped`, `traysCapped`, `outputsCapped`,
 * `alertsCapped`).
 */
export const MAX_ROWS_PER_LIST = 200;

export type CappedList = "supplies" | "trays" | "outputs" | "alerts";

/** The first MAX_ROWS_PER_LIST rows of a list; a quirk says when there were more. */
export function capList<T>(quirks: Set<string>, list: CappedList, rows: T[]): T[] {
    if (rows.length <= MAX_ROWS_PER_LIST) return rows;
    quirks.add(`${list}Capped`);
    return rows.slice(0, MAX_ROWS_PER_LIST);
}

export interface DecodeContext {
    snap: Snapshot;
    options: DecodeOptions;
    /** hrDeviceIndex values of the printers, ascending. */
    devices: number[];
    /** sysObjectID, "" when absent: the maker's enterprise subtree, for vendor rules. */
    sysObjectId: string;
    /** The vendor table whose MIBs the agent speaks, when the maker is known (see printerVendor). */
    vendor: VendorProfile | undefined;
    /** Quirks in the order they were found: the reading lists them in this order. */
    quirks: Set<string>;
    /**
     * Row indexes of these columns that belong to a printer device, in OID order; for the rows of
     * a list of the reading, at most MAX_ROWS_PER_LIST (see `capList`). Shared between the
     * decodes of one cache entry: read only.
     */
    rows: (names: readonly ColumnName[], list?: CappedList) => readonly string[];
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

/** Text of a device string for recognising a maker: undone hex and NULs, no charset declared. */
function plainText(vb: Varbind | undefined): string {
    return cleanLabel(asBytes(vb)).text;
}

/**
 * The makers the printer's own strings name, most telling first: the IEEE 1284 device IDs'
 * MFG field, then the printers' hrDeviceDescr.
 */
export function ownMakerTexts(snap: Snapshot, devices: readonly number[]): string[] {
    const ids = [snap.scalars.get(DEVICE_ID.gdStatusId), ...column(snap, "ppmDeviceId").values()];
    const makers = ids.map((vb) => deviceIdIdentity(plainText(vb)).maker);
    const descrs = devices.map((hrD) => plainText(column(snap, "hrDeviceDescr").get(String(hrD))));
    return [...makers, ...descrs].filter((t) => t !== "");
}

/**
 * Whose vendor table applies: the maker of the sysObjectID's enterprise, else the maker a brand
 * word names in the printer's own strings, then in sysDescr. Used by the first poll to choose
 * which vendor objects to read, and by the decode passes to read them.
 */
export function printerVendor(snap: Snapshot, devices = printerDevices(snap)): VendorProfile | undefined {
    const byEnterprise = vendorByEnterprise(asOid(snap.scalars.get(SYS.objectId)) ?? "");
    if (byEnterprise !== undefined) return byEnterprise;
    for (const text of [...ownMakerTexts(snap, devices), plainText(snap.scalars.get(SYS.descr))]) {
        const v = vendorByBrand(text);
        if (v !== undefined) return v;
    }
    return undefined;
}

export function decodeContext(snap: Snapshot, options: DecodeOptions): DecodeContext {
    const memo = options.memo;
    const devices = memo?.devices ?? printerDevices(snap);
    const deviceSet = new Set(devices);
    const charsets = memo?.charsets ?? localizedCharsets(snap, devices);
    const vendor = memo?.vendor ?? { profile: printerVendor(snap, devices) };
    if (memo !== undefined) {
        memo.devices = devices;
        memo.charsets = charsets;
        memo.vendor = vendor;
    }
    // Quirks go to ctx.quirks as it is when they are found (see `collectQuirks`).
    const ctx: DecodeContext = {
        snap,
        options,
        devices,
        sysObjectId: asOid(snap.scalars.get(SYS.objectId)) ?? "",
        vendor: vendor.profile,
        quirks: new Set<string>(),
        rows: (names, list) => {
            const memoRows = memo !== undefined && list !== undefined && list !== "alerts";
            const known = memoRows ? memo.rows?.get(list) : undefined;
            if (known !== undefined && list !== undefined) {
                if (known.capped) ctx.quirks.add(`${list}Capped`);
                return known.indexes;
            }
            const all = rowIndexes(snap, names, deviceSet);
            if (list === undefined) return all;
            const indexes: readonly string[] = capList(ctx.quirks, list, all);
            if (memoRows) (memo.rows ??= new Map()).set(list, { indexes, capped: indexes !== all });
            return indexes;
        },
        label: (vb, hrD) => {
            const l = cleanLabel(asBytes(vb), hrD === undefined ? undefined : charsets.get(hrD));
            for (const q of l.quirks) ctx.quirks.add(q);
            return l.text;
        },
    };
    return ctx;
}

/**
 * What each row of a list says that only a rediscovery changes (a supply's name, type and colour; a
 * tray's name and media): worked out by the first decode of a cache entry, then taken from its
 * memo with the quirks it noted, in the order noted. `ids` are the list's rows from `ctx.rows`,
 * the same array while the entry lasts.
 */
export function rowFacts<T>(
    ctx: DecodeContext,
    list: CappedList,
    ids: readonly string[],
    factsOf: (id: string) => T,
): readonly T[] {
    const memo = ctx.options.memo;
    const known = memo?.facts?.get(list);
    if (known !== undefined && known.ids === ids) {
        for (const q of known.quirks) ctx.quirks.add(q);
        return known.rows as readonly T[];
    }
    const found = collectQuirks(ctx, () => ids.map(factsOf));
    if (memo !== undefined)
        (memo.facts ??= new Map()).set(list, { ids, rows: found.value, quirks: found.quirks });
    return found.value;
}

/** Run a pass and also return the quirks it noted (each noted in `ctx` too, in order). */
export function collectQuirks<T>(ctx: DecodeContext, pass: () => T): { value: T; quirks: string[] } {
    const outer = ctx.quirks;
    const own = new Set<string>();
    ctx.quirks = own;
    try {
        const value = pass();
        return { value, quirks: Array.from(own) };
    } finally {
        ctx.quirks = outer;
        for (const q of own) outer.add(q);
    }
}
