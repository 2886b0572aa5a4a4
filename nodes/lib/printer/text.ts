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
): { text: string; quirks: TextQuirk[] } {
    const quirks: TextQuirk[] = [];
    if (bytes === undefined) return { text: "", quirks };
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
// Colours

/** A case-insensitive whole-word pattern that also works next to accented letters. */
function words(alternatives: string): RegExp {
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "iu");
}

const BLACK = "black|schwarze?[rs]?|noire?|negro|negra|nero|zwart|preto|czarny|svart|sort|musta|fekete";
const CYAN = "cyan|zyan|cian|ciano|cyaan";
const GRAY = "gr[ae]y|grau|gris|grigio";

/** Colour words in the languages printers speak, to canonical names. Longer phrases first. */
const COLOUR_WORDS: [RegExp, string][] = [
    [words(`matte?[\\s-]*(?:${BLACK})`), "matteBlack"],
    [words(`photo[\\s-]*(?:${BLACK})`), "photoBlack"],
    [words(`(?:light|photo|hell)[\\s-]*(?:${CYAN})`), "lightCyan"],
    [words("(?:light|photo|hell)[\\s-]*magenta"), "lightMagenta"],
    [words(`(?:light|hell)[\\s-]*(?:${GRAY})`), "lightGray"],
    [words(BLACK), "black"],
    [words(CYAN), "cyan"],
    [words("magenta"), "magenta"],
    [words("yellow|gelb|jaune|amarillo|amarilla|giallo|geel|amarelo|gul|keltainen|sárga"), "yellow"],
    [words(GRAY), "gray"],
    [words("red|rot|rouge|rojo|rosso"), "red"],
    [words("green|grün|vert|verde"), "green"],
    [words("blue|blau|bleu|azul|blu"), "blue"],
    [words("white|weiß|weiss|blanc|blanco|bianco"), "white"],
];

/**
 * The colour a description names, or null when it names none or several (a "Tri-colour" or
 * "Cyan/Magenta/Yellow" cartridge has no single colour).
 */
export function colourFromWords(text: string): string | null {
    const found = new Set<string>();
    let rest = text;
    for (const [re, name] of COLOUR_WORDS) {
        if (re.test(rest)) {
            found.add(name);
            // "Matte Black" must not also count as "black".
            rest = rest.replace(new RegExp(re.source, "giu"), " ");
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

// ---------------------------------------------------------------------------------------------
// Types from descriptions, for agents that leave prtMarkerSuppliesType out

const WASTE = "waste|resttoner\\p{L}*|récupérat\\p{L}*|recuperat\\p{L}*|residuo|resíduo";

const TYPE_WORDS: [RegExp, string][] = [
    [
        words(`(?:${WASTE})[\\s-]*(?:ink|tinte|encre|tinta)|(?:ink|tinte|encre|tinta)[\\s-]*(?:${WASTE})`),
        "wasteInk",
    ],
    [words(WASTE), "wasteToner"],
    [words("cleaner|cleaning"), "cleanerUnit"],
    [words("drum|opc|photo\\s*conductor|photoconductive|trommel|tambour|tamburo"), "opc"],
    [words("fuser|fixing|fixiereinheit|fusore"), "fuser"],
    [words("developer|entwickler|développeur|developpeur"), "developer"],
    [words("transfer|transferband|belt|bias"), "transferUnit"],
    [words("staples?|heftklammern?|agrafes?"), "staples"],
    [words("toner"), "toner"],
    [words("ink|tinte|encre|tinta|inchiostro"), "ink"],
];

/** A supply type guessed from its description; "unknown" when no word gives it away. */
export function typeFromWords(text: string): string {
    for (const [re, type] of TYPE_WORDS) if (re.test(text)) return type;
    return "unknown";
}

/** Does the description say it is a waste container (for agents without class and type)? */
export function soundsLikeReceptacle(text: string): boolean {
    return words(WASTE).test(text);
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
