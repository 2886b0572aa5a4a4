/**
 * Printer strings as users should see them.
 *
 * Supply and alert descriptions are PrtLocalizedDescriptionStringTC: their charset is the
 * prtLocalizationCharacterSet of the printer's current localization (RFC 3805). Many agents do not
 * implement the localization objects, and many send text that another tool mangled on the way,
 * so the cleanup here also undoes: trailing NULs (HP Jetdirect), descriptions that arrive as hex
 * ("42 6C 61 63 6B", or an HP two-line form whose continuation lines are hex), and serial or part
 * number suffixes (" S/N:…", ", PN …") that would otherwise rename a supply at every replacement.
 */
import { decodeText } from "../snmp/varbind";
import { BoundedMap } from "../bounded-map";
import { BytesMemo } from "../bytes-memo";
import { COLOUR_ORDER, LANGUAGES, TYPE_ORDER, type LanguageWords } from "./words";

/** Quirk names this module can report (see the help text for what each means). */
export type TextQuirk =
    | "textNulTrimmed"
    | "textHexDecoded"
    | "textCharsetGuessed"
    | "textSerialRemoved"
    | "textPartNumberRemoved";

const HEX_LINE = /^\s*(?:[0-9A-Fa-f]{2}\s)*[0-9A-Fa-f]{2}\s*$/;
const HEX_ONLY = /^\s*(?:[0-9A-Fa-f]{2}\s+)+[0-9A-Fa-f]{2}\s*$/;

function hexBytes(line: string): Buffer {
    return Buffer.from(line.replace(/\s+/g, ""), "hex");
}

/** True when every byte is printable ASCII, tab, CR or LF: the only case where hex text can hide. */
function isAsciiText(bytes: Buffer): boolean {
    for (const b of bytes) {
        if (b === 0) continue;
        if (b > 0x7e || (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)) return false;
    }
    return true;
}

/** Undo hex renderings of a string; returns the bytes meant, or undefined if there is none. */
function unhex(bytes: Buffer): Buffer | undefined {
    if (!isAsciiText(bytes)) return undefined;
    const text = bytes.toString("latin1").replace(/\0+$/, "");
    if (HEX_ONLY.test(text)) return hexBytes(text);
    const lines = text.split(/\r?\n/);
    if (lines.length < 2) return undefined;
    const [first, ...rest] = lines;
    const continuation = rest.filter((l) => l.trim() !== "");
    if (first === undefined || continuation.length === 0 || HEX_LINE.test(first)) return undefined;
    if (!continuation.every((l) => HEX_LINE.test(l))) return undefined;
    // net-snmp's tools wrap a string with unprintable bytes as text, then 16 hex bytes per line.
    return Buffer.concat([Buffer.from(first, "latin1"), ...continuation.map(hexBytes)]);
}

function hasHighBytes(bytes: Buffer): boolean {
    return bytes.some((b) => b > 0x7f || b === 0);
}

/**
 * A device string as clean text, with the quirks that were undone. `charset` is the IANA MIBenum
 * from prtLocalizationCharacterSet when the agent has one.
 */
export function cleanLabel(
    bytes: Buffer | undefined,
    charset?: number,
): { text: string; quirks: readonly TextQuirk[] } {
    if (bytes === undefined) return { text: "", quirks: [] };
    if (bytes.length > MEMO_MAX_BYTES) return decodeLabel(bytes, charset);
    const salt = charset ?? -1;
    let label = LABELS.get(bytes, 0, bytes.length, salt);
    if (label === undefined) {
        label = decodeLabel(bytes, charset);
        LABELS.set(bytes, 0, bytes.length, salt, label);
    }
    return label;
}

/*
 * Device strings decoded once per process: a printer's names do not change between polls, and
 * printers of one model name their supplies alike, so a fleet's steady-state polls decode the
 * same few hundred strings over and over. Both functions are pure; the memos are bounded.
 */
const MEMO_SIZE = 4096;
const MEMO_MAX_BYTES = 256;
/** Labels by their bytes and charset (found without making a string of the bytes). */
const LABELS = new BytesMemo<{ text: string; quirks: readonly TextQuirk[] }>(MEMO_SIZE);
const COLOURS = new BoundedMap<string, string | null>(MEMO_SIZE);

function decodeLabel(bytes: Buffer, charset: number | undefined): { text: string; quirks: TextQuirk[] } {
    const quirks: TextQuirk[] = [];
    let raw = bytes;
    const decoded = unhex(raw);
    if (decoded !== undefined) {
        raw = decoded;
        quirks.push("textHexDecoded");
    }
    if (raw.length > 0 && raw[raw.length - 1] === 0 && !looksUtf16Tail(raw)) quirks.push("textNulTrimmed");
    if (charset === undefined && hasHighBytes(raw.subarray(0, trimNulEnd(raw))))
        quirks.push("textCharsetGuessed");
    let text = decodeText(raw, charset);
    const serial = /\s*\bS\/N\s*:.*$/i;
    if (serial.test(text)) {
        text = text.replace(serial, "");
        quirks.push("textSerialRemoved");
    }
    const partNumber = /\s*,\s*PN\b.*$/;
    if (partNumber.test(text)) {
        text = text.replace(partNumber, "");
        quirks.push("textPartNumberRemoved");
    }
    return { text: text.replace(/\s+/g, " ").trim(), quirks };
}

/** Index just past the last byte that is not a trailing NUL. */
function trimNulEnd(bytes: Buffer): number {
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    return end;
}

/** An even-length string whose last byte is 0 may be UTF-16LE text, where a NUL is no padding. */
function looksUtf16Tail(bytes: Buffer): boolean {
    if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
    let zeros = 0;
    for (let i = 1; i < bytes.length; i += 2) if (bytes[i] === 0) zeros++;
    return zeros === bytes.length / 2 && bytes[bytes.length - 2] !== 0;
}

// ---------------------------------------------------------------------------------------------
// Colours and types, from the language tables in words.ts

/** Fragments of one canonical name, split by how they match. */
interface Fragments {
    words: string[];
    substrings: string[];
}

/**
 * One pattern for a canonical name over every language: whole words for alphabetic scripts
 * (no letter or digit on either side, which also works next to accented letters), plain
 * substrings for scripts written without spaces.
 */
function pattern({ words, substrings }: Fragments, flags: string): RegExp | undefined {
    const parts: string[] = [];
    if (words.length > 0) parts.push(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})(?![\\p{L}\\p{N}])`);
    if (substrings.length > 0) parts.push(`(?:${substrings.join("|")})`);
    return parts.length === 0 ? undefined : new RegExp(parts.join("|"), flags);
}

/** For each canonical name in `order`, the pattern of its words in every language. */
function tableOf<N extends string>(
    order: readonly N[],
    pick: (l: LanguageWords) => Partial<Record<N, string>>,
): { name: N; test: RegExp; all: RegExp }[] {
    const out: { name: N; test: RegExp; all: RegExp }[] = [];
    for (const name of order) {
        const fragments: Fragments = { words: [], substrings: [] };
        for (const lang of LANGUAGES) {
            const fragment = pick(lang)[name];
            if (fragment === undefined) continue;
            (lang.substring === true ? fragments.substrings : fragments.words).push(fragment);
        }
        const test = pattern(fragments, "iu");
        const all = pattern(fragments, "giu");
        if (test !== undefined && all !== undefined) out.push({ name, test, all });
    }
    return out;
}

const COLOUR_WORDS = tableOf(COLOUR_ORDER, (l) => l.colours);
const TYPE_WORDS = tableOf(TYPE_ORDER, (l) => l.types);
const RECEPTACLE_WORDS = TYPE_WORDS.filter((t) => t.name === "wasteToner" || t.name === "wasteInk");

/**
 * The colour a description names, in any language of words.ts, or null when it names none or
 * several (a "Tri-colour" or "Cyan/Magenta/Yellow" cartridge has no single colour).
 */
export function colourFromWords(text: string): string | null {
    if (text.length > MEMO_MAX_BYTES) return colourOfWords(text);
    let colour = COLOURS.get(text);
    if (colour === undefined) {
        colour = colourOfWords(text);
        COLOURS.set(text, colour);
    }
    return colour;
}

function colourOfWords(text: string): string | null {
    const found = new Set<string>();
    let rest = text;
    for (const { name, test, all } of COLOUR_WORDS) {
        if (test.test(rest)) {
            found.add(name);
            // "Matte Black" must not also count as "black", nor 品红 (magenta) as 红 (red).
            rest = rest.replace(all, " ");
        }
    }
    if (found.size !== 1) return null;
    return found.values().next().value ?? null;
}

/**
 * A prtMarkerColorantValue as a colour name. The MIB suggests ISO 10175 names ("black", "cyan"…);
 * vendors add their own ("Photo Black", "Cyan Toner"). "other", "unknown" and empty mean none.
 */
export function colourFromColorant(value: string): string | null {
    const v = value
        .trim()
        .replace(/\s+(?:toner|ink)$/i, "")
        .trim();
    if (v === "" || /^(?:other|unknown|none|n\/a)$/i.test(v)) return null;
    const named = colourFromWords(v);
    if (named !== null) return named;
    // An unusual colorant ("gold", "clear"): keep it, in the same camelCase style.
    const words = v.toLowerCase().split(/[\s_-]+/);
    return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}

/** A supply type guessed from its description, in any language of words.ts; "unknown" when no word gives it away. */
export function typeFromWords(text: string): string {
    for (const { name, test } of TYPE_WORDS) if (test.test(text)) return name;
    return "unknown";
}

/** Does the description say it is a waste container (for agents without class and type)? */
export function soundsLikeReceptacle(text: string): boolean {
    return RECEPTACLE_WORDS.some((t) => t.test.test(text));
}

// ---------------------------------------------------------------------------------------------
// Trays and alerts

/** Tray names of manual feeds, for agents without prtInputType. */
const MANUAL_FEED =
    /\b(?:bypass|by-pass|manual|mp|mpt|multi[\s-]?purpose|handeinzug|universalzufuhr|manuel)\b/i;

/** Does a tray name say it is a manual feed (bypass, multi-purpose tray)? */
export function soundsLikeManualFeed(name: string): boolean {
    return MANUAL_FEED.test(name);
}

const POWER_SAVE =
    /\b(?:sleep(?:ing)?|power\s*sav(?:e|er|ing)|energy\s*sav(?:er|ing)|energiespar\w*|ruhemodus|veille|ahorro\s+de\s+energ\w*|risparmio\s+energetico|modo\s+de\s+reposo|spaarstand)\b/i;

/** Does an alert text only say the printer sleeps or saves power? */
export function soundsLikePowerSave(text: string): boolean {
    return POWER_SAVE.test(text);
}

// ---------------------------------------------------------------------------------------------
// IEEE 1284 device IDs

/**
 * The fields of an IEEE 1284 device ID ("MFG:Brother;CMD:PJL;MDL:HL-5370DW series;"), keys in
 * upper case. The long key names some makers use (MANUFACTURER, MODEL) are kept as given.
 */
export function deviceIdFields(text: string): Map<string, string> {
    const fields = new Map<string, string>();
    for (const part of text.split(";")) {
        const colon = part.indexOf(":");
        if (colon <= 0) continue;
        const key = part.slice(0, colon).trim().toUpperCase();
        const value = part.slice(colon + 1).trim();
        if (key !== "" && value !== "" && !fields.has(key)) fields.set(key, value);
    }
    return fields;
}

/** The maker and model an IEEE 1284 device ID names, "" where it names none. */
export function deviceIdIdentity(text: string): { maker: string; model: string } {
    const f = deviceIdFields(text);
    return {
        maker: f.get("MFG") ?? f.get("MANUFACTURER") ?? "",
        model: f.get("MDL") ?? f.get("MODEL") ?? "",
    };
}
