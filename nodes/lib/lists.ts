/**
 * What users type one entry per line in the query nodes' editors (devices, MAC names): the parts
 * the runtime's parsers share. No imports and no Node.js API: the editors run this same code
 * (see editor.ts), so a line the editor accepts is a line the runtime can use.
 */

/** A primitive as text; objects and arrays (which flows should not send) become "". */
export function str(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
        return String(value);
    return "";
}

/** The lines of a list that hold an entry (`#` starts a comment), numbered from 1 as the user sees them. */
export function entryLines(text: string): { line: string; number: number }[] {
    const out: { line: string; number: number }[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = raw.replace(/(^|\s)#.*$/, "").trim();
        if (line !== "") out.push({ line, number: i + 1 });
    });
    return out;
}

/** Parse a MAC written as text with any of the usual separators, as `aa:bb:cc:dd:ee:ff`. */
export function parseMacText(text: string): string | undefined {
    const hex = text
        .replace(/\0+$/, "")
        .trim()
        .replace(/[-:.\s]/g, "");
    if (!/^[0-9a-fA-F]{12}$/.test(hex)) return undefined;
    return hex.toLowerCase().replace(/(..)(?!$)/g, "$1:");
}
