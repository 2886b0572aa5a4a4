/**
 * The snmpsim `.snmprec` format: one `OID|type|value` line per object.
 *
 * Type codes are the BER tags in decimal: 2 Integer32, 4 OCTET STRING, 5 NULL, 6 OBJECT IDENTIFIER,
 * 64 IpAddress, 65 Counter32, 66 Gauge32, 67 TimeTicks, 68 Opaque, 70 Counter64; an `x` suffix
 * (4x, 64x, 68x) means the value is written in hex.
 *
 * Real recordings are not always clean, so the reader never fails on content. Its rules, applied
 * in this order and each reported as a warning:
 * 1. Blank lines and lines starting with `#` are ignored (no warning).
 * 2. A line without two `|` separators, or whose OID is not a valid dotted OID, is skipped.
 * 3. A type with a snmpsim variation-module suffix (`2:numeric`) is read as the plain type; the
 *    variation is not simulated.
 * 4. A value that does not parse for its type (a Counter32 "6git3159", odd-length hex, an integer
 *    out of range, an unknown type code) is served as an OCTET STRING holding the raw text: the
 *    object stays in walks, with the wrong type, as a confused agent would send it.
 * 5. An OBJECT IDENTIFIER value may start with a dot (".1.3.6.1…"); that is not a warning.
 * 6. Records are sorted by OID; when an OID appears twice, the later line wins.
 */
import { Tag, compareOid, oidToString, parseOid } from "./ber";

export type SimValue =
    | {
          type: typeof Tag.Integer | typeof Tag.Counter32 | typeof Tag.Gauge32 | typeof Tag.TimeTicks;
          value: number;
      }
    | { type: typeof Tag.Counter64; value: bigint }
    | { type: typeof Tag.OctetString | typeof Tag.IpAddress | typeof Tag.Opaque; value: Buffer }
    | { type: typeof Tag.Oid; value: number[] }
    | { type: typeof Tag.Null; value: null };

export interface SimRecord {
    oid: number[];
    value: SimValue;
}

export interface ParsedRecording {
    /** Sorted by OID, no duplicates. */
    records: SimRecord[];
    /** One line per oddity found, with its line number. */
    warnings: string[];
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const UINT32_MAX = 4294967295;
const UINT64_MAX = 2n ** 64n - 1n;

function asText(raw: string): SimValue {
    return { type: Tag.OctetString, value: Buffer.from(raw, "utf8") };
}

/**
 * Parse one value for a type code. Returns undefined when the value does not fit the type (the
 * caller then applies rule 4).
 */
export function parseValue(code: string, raw: string): SimValue | undefined {
    switch (code) {
        case "2": {
            if (!/^[+-]?\d{1,10}$/.test(raw)) return undefined;
            const n = Number(raw);
            return n >= INT32_MIN && n <= INT32_MAX ? { type: Tag.Integer, value: n } : undefined;
        }
        case "65":
        case "66":
        case "67": {
            if (!/^\+?\d{1,10}$/.test(raw)) return undefined;
            const n = Number(raw);
            if (n > UINT32_MAX) return undefined;
            const type = code === "65" ? Tag.Counter32 : code === "66" ? Tag.Gauge32 : Tag.TimeTicks;
            return { type, value: n };
        }
        case "70": {
            if (!/^\+?\d{1,20}$/.test(raw)) return undefined;
            const n = BigInt(raw.replace(/^\+/, ""));
            return n <= UINT64_MAX ? { type: Tag.Counter64, value: n } : undefined;
        }
        case "4":
            return { type: Tag.OctetString, value: Buffer.from(raw, "utf8") };
        case "68":
            return { type: Tag.Opaque, value: Buffer.from(raw, "utf8") };
        case "4x":
        case "68x":
        case "64x": {
            if (!/^([0-9a-fA-F]{2})*$/.test(raw)) return undefined;
            const bytes = Buffer.from(raw, "hex");
            if (code === "64x") return bytes.length === 4 ? { type: Tag.IpAddress, value: bytes } : undefined;
            return { type: code === "4x" ? Tag.OctetString : Tag.Opaque, value: bytes };
        }
        case "64": {
            const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(raw);
            if (!m) return undefined;
            const octets = m.slice(1).map(Number);
            if (octets.some((o) => o > 255)) return undefined;
            return { type: Tag.IpAddress, value: Buffer.from(octets) };
        }
        case "6": {
            const oid = parseOid(raw);
            return oid ? { type: Tag.Oid, value: oid } : undefined;
        }
        case "5":
            return { type: Tag.Null, value: null };
        default:
            return undefined;
    }
}

/** Read snmprec text. Never throws; see the module comment for the rules. */
export function parseSnmprec(text: string, source = "snmprec"): ParsedRecording {
    const warnings: string[] = [];
    const byOid = new Map<string, SimRecord>();
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.replace(/\r$/, "");
        if (line.trim() === "" || line.startsWith("#")) continue;
        const where = `${source}:${i + 1}`;
        const a = line.indexOf("|");
        const b = a < 0 ? -1 : line.indexOf("|", a + 1);
        if (b < 0) {
            warnings.push(`${where}: not an OID|type|value line, skipped`);
            continue;
        }
        const oid = parseOid(line.slice(0, a));
        if (!oid) {
            warnings.push(`${where}: bad OID "${line.slice(0, a)}", skipped`);
            continue;
        }
        let code = line.slice(a + 1, b);
        const raw = line.slice(b + 1);
        const colon = code.indexOf(":");
        if (colon >= 0) {
            warnings.push(`${where}: variation "${code.slice(colon + 1)}" not simulated, served as recorded`);
            code = code.slice(0, colon);
        }
        let value = parseValue(code, raw);
        if (!value) {
            warnings.push(`${where}: value "${raw}" is not a valid type ${code}, served as an OCTET STRING`);
            value = asText(raw);
        }
        const key = oidToString(oid);
        if (byOid.has(key)) {
            warnings.push(`${where}: duplicate OID ${key}, the later line wins`);
        }
        byOid.set(key, { oid, value });
    }
    const records = [...byOid.values()];
    let sorted = true;
    for (let i = 1; i < records.length; i++) {
        if (compareOid(records[i - 1]!.oid, records[i]!.oid) > 0) {
            sorted = false;
            break;
        }
    }
    if (!sorted) {
        warnings.push(`${source}: OIDs are not in increasing order, sorted`);
        records.sort((x, y) => compareOid(x.oid, y.oid));
    }
    return { records, warnings };
}
