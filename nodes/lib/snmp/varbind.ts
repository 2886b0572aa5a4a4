/**
 * SNMP values as the rest of the package sees them: plain data, no net-snmp types.
 *
 * Octet strings stay bytes (a Buffer) until a decoder knows what they mean (text, MAC, bits);
 * Counter64 becomes a number when it fits in a double exactly, else a bigint; negative integers
 * stay negative. The helpers below never throw: a value of the wrong type is `undefined`.
 */
import { parseMacText } from "../lists";

/** ASN.1 / SMI type tags (RFC 2578, RFC 3416). */
export const VarType = {
    Boolean: 1,
    Integer: 2,
    OctetString: 4,
    Null: 5,
    OID: 6,
    IpAddress: 64,
    Counter: 65,
    Gauge: 66,
    TimeTicks: 67,
    Opaque: 68,
    Counter64: 70,
    NoSuchObject: 128,
    NoSuchInstance: 129,
    EndOfMibView: 130,
} as const;

export type VarValue = number | bigint | string | Buffer | boolean | null;

export interface Varbind {
    /** Dotted numeric OID, no leading dot. */
    oid: string;
    /** One of {@link VarType}. */
    type: number;
    value: VarValue;
}

/** noSuchObject, noSuchInstance and endOfMibView: "not there", never an error. */
export function isException(vb: Varbind | undefined): boolean {
    return (
        vb === undefined ||
        vb.type === VarType.NoSuchObject ||
        vb.type === VarType.NoSuchInstance ||
        vb.type === VarType.EndOfMibView
    );
}

const NUMERIC_TYPES = new Set<number>([
    VarType.Integer,
    VarType.Counter,
    VarType.Gauge,
    VarType.TimeTicks,
    VarType.Counter64,
]);

/**
 * A whole number from any integer-like type (Integer32, Counter32, Gauge32, TimeTicks, Counter64),
 * or from an octet string that holds only a decimal number (some agents send numbers as text).
 * Counter64 values beyond 2^53 come back as `undefined` here; use {@link asBigInt} for those.
 */
export function asInt(vb: Varbind | undefined): number | undefined {
    if (vb === undefined || isException(vb)) return undefined;
    const v = vb.value;
    if (NUMERIC_TYPES.has(vb.type)) {
        if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
        if (typeof v === "bigint") {
            return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
                ? Number(v)
                : undefined;
        }
        return undefined;
    }
    if (vb.type === VarType.OctetString) {
        const text = Buffer.isBuffer(v) ? v.toString("latin1") : typeof v === "string" ? v : "";
        const trimmed = text.replace(/\0+$/, "").trim();
        if (/^-?\d{1,15}$/.test(trimmed)) return Number(trimmed);
    }
    return undefined;
}

/** Any integer-like value as a bigint (for Counter64 totals that may exceed 2^53). */
export function asBigInt(vb: Varbind | undefined): bigint | undefined {
    if (vb === undefined || isException(vb) || !NUMERIC_TYPES.has(vb.type)) return undefined;
    const v = vb.value;
    if (typeof v === "bigint") return v;
    if (typeof v === "number" && Number.isFinite(v)) return BigInt(Math.trunc(v));
    return undefined;
}

/** The raw bytes of an octet string (or Opaque); `undefined` for any other type. */
export function asBytes(vb: Varbind | undefined): Buffer | undefined {
    if (vb === undefined || isException(vb)) return undefined;
    if (vb.type !== VarType.OctetString && vb.type !== VarType.Opaque) return undefined;
    const v = vb.value;
    if (Buffer.isBuffer(v)) return v;
    if (typeof v === "string") return Buffer.from(v, "latin1");
    return undefined;
}

/**
 * IANA character set MIBenum values (RFC 3808) that the Printer-MIB's
 * prtLocalizationCharacterSet can name, mapped to a decoder.
 */
const CHARSETS: Record<number, "utf8" | "latin1" | "utf16be" | "utf16le" | "ascii"> = {
    3: "ascii", // US-ASCII
    4: "latin1", // ISO-8859-1
    106: "utf8", // UTF-8
    1000: "utf16be", // ISO-10646-UCS-2
    1013: "utf16be", // UTF-16BE
    1014: "utf16le", // UTF-16LE
    1015: "utf16be", // UTF-16 (BOM decides; big-endian without one)
    2252: "latin1", // windows-1252, close enough for labels
};

function decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
    let buf = bytes;
    if (buf.length >= 2) {
        if (buf[0] === 0xfe && buf[1] === 0xff) {
            bigEndian = true;
            buf = buf.subarray(2);
        } else if (buf[0] === 0xff && buf[1] === 0xfe) {
            bigEndian = false;
            buf = buf.subarray(2);
        }
    }
    const even = buf.subarray(0, buf.length - (buf.length % 2));
    if (!bigEndian) return even.toString("utf16le");
    const swapped = Buffer.from(even);
    swapped.swap16();
    return swapped.toString("utf16le");
}

function isValidUtf8(bytes: Buffer): boolean {
    try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        return true;
    } catch {
        // A fatal decoder throws on the first invalid sequence: that is the answer, not a failure.
        return false;
    }
}

/** Looks like UTF-16: an even length and a zero in every other byte of ASCII text. */
function looksUtf16(bytes: Buffer): "utf16le" | "utf16be" | undefined {
    if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0) {
            if (i % 2 === 0) zeroEven++;
            else zeroOdd++;
        }
    }
    const half = bytes.length / 2;
    if (zeroOdd >= half * 0.8 && zeroEven === 0) return "utf16le";
    if (zeroEven >= half * 0.8 && zeroOdd === 0) return "utf16be";
    return undefined;
}

/**
 * Decode bytes that a device meant as text. With a known IANA charset (MIBenum) that charset is
 * used; otherwise UTF-16 is recognised by its zero bytes, valid UTF-8 is taken as UTF-8, and
 * anything else is read as Latin-1 (which never fails). Trailing NULs and whitespace are removed,
 * embedded NULs and other control characters become spaces.
 */
export function decodeText(bytes: Buffer, charset?: number): string {
    let kind = charset !== undefined ? CHARSETS[charset] : undefined;
    let text: string;
    if (kind === undefined) kind = looksUtf16(bytes) ?? (isValidUtf8(bytes) ? "utf8" : "latin1");
    switch (kind) {
        case "utf16be":
            text = decodeUtf16(bytes, true);
            break;
        case "utf16le":
            text = decodeUtf16(bytes, false);
            break;
        case "utf8":
            text = isValidUtf8(bytes) ? bytes.toString("utf8") : bytes.toString("latin1");
            break;
        default:
            text = bytes.toString("latin1");
    }
    return cleanText(text);
}

/** Remove trailing NULs and padding; turn other control characters into spaces. */
export function cleanText(text: string): string {
    return (
        text
            .replace(/\0+$/, "")
            // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
            .replace(/[\u0000-\u001f\u007f]+/g, " ")
            .trim()
    );
}

/** An octet string as text (see {@link decodeText}); `undefined` when absent or not a string. */
export function asText(vb: Varbind | undefined, charset?: number): string | undefined {
    const bytes = asBytes(vb);
    return bytes === undefined ? undefined : decodeText(bytes, charset);
}

/** Two lower-case hex digits per byte value (a controller names hundreds of thousands of MACs). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Bytes (each 0..255) as `aa:bb:cc:dd:ee:ff`. */
function macFromBytes(bytes: ArrayLike<number>): string {
    let out = HEX[bytes[0] as number] as string;
    for (let i = 1; i < bytes.length; i++) out += `:${HEX[bytes[i] as number] as string}`;
    return out;
}

/** Six sub-identifiers (each 0..255) as a MAC; `undefined` if they are not. */
export function macFromSubids(subids: readonly number[]): string | undefined {
    if (subids.length !== 6 || subids.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) {
        return undefined;
    }
    return macFromBytes(subids);
}

/**
 * A MAC address from a value: six raw bytes, or text such as `60-01-94-98-C8-3C`,
 * `60:01:94:98:c8:3c` or `600194.98c83c` (some vendors put the text form in an octet string).
 */
export function asMac(vb: Varbind | undefined): string | undefined {
    const bytes = asBytes(vb);
    if (bytes === undefined) return undefined;
    if (bytes.length === 6) return macFromBytes(bytes);
    return parseMacText(bytes.toString("latin1"));
}

/** An OBJECT IDENTIFIER value as a dotted string. */
export function asOid(vb: Varbind | undefined): string | undefined {
    if (vb === undefined || vb.type !== VarType.OID || typeof vb.value !== "string") return undefined;
    return vb.value.replace(/^\./, "");
}

/** An IpAddress value, or a 4-byte octet string, as dotted quad. */
export function asIp(vb: Varbind | undefined): string | undefined {
    if (vb === undefined || isException(vb)) return undefined;
    if (vb.type === VarType.IpAddress && typeof vb.value === "string") return vb.value;
    const bytes = asBytes(vb);
    if (bytes?.length === 4) return Array.from(bytes).join(".");
    if (bytes?.length === 16) {
        const parts: string[] = [];
        for (let i = 0; i < 16; i += 2) parts.push(bytes.readUInt16BE(i).toString(16));
        return parts.join(":").replace(/(^|:)0(:0)+(:|$)/, "::");
    }
    if (bytes !== undefined) {
        const text = bytes.toString("latin1").replace(/\0+$/, "").trim();
        if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text;
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// OIDs and indexes

/** Parse a dotted OID into sub-identifiers; `undefined` if it is not a valid OID. */
export function parseOid(oid: string): number[] | undefined {
    const text = oid.startsWith(".") ? oid.slice(1) : oid;
    if (!/^\d+(\.\d+)*$/.test(text)) return undefined;
    const parts = text.split(".").map(Number);
    return parts.every((n) => n <= 0xffffffff) ? parts : undefined;
}

/**
 * Negative, zero or positive as OID `a` sorts before, equal to or after `b` (RFC 3416 order).
 * Compares sub-identifier by sub-identifier without allocating: it runs for every varbind.
 */
export function compareOids(a: string, b: string): number {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        let x = 0;
        while (i < a.length && a.charCodeAt(i) !== 46) x = x * 10 + (a.charCodeAt(i++) - 48);
        let y = 0;
        while (j < b.length && b.charCodeAt(j) !== 46) y = y * 10 + (b.charCodeAt(j++) - 48);
        if (x !== y) return x - y;
        i++;
        j++;
    }
    return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
}

/** True when `oid` lies strictly inside the subtree rooted at `prefix`. */
export function isUnder(oid: string, prefix: string): boolean {
    return oid.length > prefix.length && oid.startsWith(prefix) && oid.charCodeAt(prefix.length) === 46;
}

/**
 * Short index texts, one string per text. Every printer of a fleet has the same indexes ("1.1",
 * "1.2"...), kept in its cache's rows; V8 copies a slice of fewer than 13 characters (a longer
 * one points into its OID), so each printer held copies of its own (about 2 KB of its cache, copied
 * again by each young-generation collection it lives through). The slice itself dies young. Long
 * indexes (MACs, names) are not kept here. Emptied when it holds this many.
 */
const INDEXES = new Map<string, string>();
const MAX_INDEXES = 65_536;
const SHORT_INDEX = 12;

/** The index part of an instance OID below `prefix` ("1.3.6...9.1.3" under "...9" is "1.3"). */
export function indexOf(oid: string, prefix: string): string | undefined {
    if (!isUnder(oid, prefix)) return undefined;
    const index = oid.slice(prefix.length + 1);
    if (index.length > SHORT_INDEX) return index;
    const known = INDEXES.get(index);
    if (known !== undefined) return known;
    if (INDEXES.size >= MAX_INDEXES) INDEXES.clear();
    INDEXES.set(index, index);
    return index;
}

/** An index string as sub-identifiers. */
export function indexParts(index: string): number[] {
    return index === "" ? [] : index.split(".").map(Number);
}

/**
 * Read a length-prefixed string from index sub-identifiers (SMI rule for non-IMPLIED
 * variable-length OCTET STRING indexes): returns the text and the sub-identifiers after it.
 */
export function stringFromIndex(
    parts: readonly number[],
    start = 0,
): { text: string; bytes: Buffer; next: number } | undefined {
    const len = parts[start];
    if (len === undefined || len < 0 || start + 1 + len > parts.length) return undefined;
    const slice = parts.slice(start + 1, start + 1 + len);
    if (slice.some((n) => n < 0 || n > 255)) return undefined;
    const bytes = Buffer.from(slice);
    return { text: decodeText(bytes), bytes, next: start + 1 + len };
}
