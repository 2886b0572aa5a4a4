/**
 * The shape of a printer vendor's table: how to recognise its printers and which of its MIB
 * objects give the serial, the model, the firmware and the page counters. Each vendor file
 * (vendors/<vendor>.ts) is one such table, data only; the identity and counter passes read them.
 */
import type { PageCounter } from "../contract";

/** An object read once per discovery: an instance by OID (`get`), or the first row of a column (`walk`). */
export type ObjectRef = { get: string } | { walk: string };

/**
 * Where one page counter is found. Every form reads numbers the printer gives; none estimates.
 * - `get`: one instance.
 * - `sum`: the sum of instances the MIB defines as parts of the counter (copies + prints of one
 *   colour mode), all of which must be present; `plus` parts are added when present.
 * - `walk` with `where`: the sum of a column's rows whose other columns (same row index) hold one
 *   of the listed values (a counter table keyed by counter type).
 * - `walk` with `label`: the one row whose label (another column, same row index) matches `named`.
 * - `blob`: a record of an OCTET STRING of `code, 0x01, length, value` records (Brother).
 */
export type CounterSource =
    | { get: string }
    | { sum: readonly string[]; plus?: readonly string[] }
    | { walk: string; where: Readonly<Record<string, readonly number[]>> }
    | { walk: string; label: string; named: RegExp }
    | { blob: string; code: number };

/** Patterns on sysDescr; the first capture group is the value. */
export interface DescrPatterns {
    model?: RegExp;
    firmware?: RegExp;
    serial?: RegExp;
}

export interface VendorProfile {
    /** Short key, e.g. "hp". */
    id: string;
    /** The maker as users name it: the `vendor` of a reading. */
    name: string;
    /** Private enterprise numbers (1.3.6.1.4.1.N) under which its sysObjectIDs sit. */
    enterprises: readonly number[];
    /**
     * Brand words at the start of a model string or sysDescr that name this maker (its own
     * brands included: Gestetner, Lanier, Savin and NRG are Ricoh's). Removed from model names.
     */
    brands: RegExp;
    /** Identity objects, each list in order of preference. */
    serial?: readonly ObjectRef[];
    model?: readonly ObjectRef[];
    firmware?: readonly ObjectRef[];
    /** IEEE 1284 device ID strings ("MFG:…;MDL:…;"), for the model when no model object answers. */
    deviceId?: readonly ObjectRef[];
    descr?: DescrPatterns;
    /** Page counters, each list in order of preference; the first source that gives a number wins. */
    pages?: Readonly<Partial<Record<PageCounter, readonly CounterSource[]>>>;
}
