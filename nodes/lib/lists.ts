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

/** Problems warned one by one; a longer list becomes one warning (a flow may send 100,000 bad entries). */
export const MAX_LISTED_PROBLEMS = 5;

/**
 * The warnings for a list's problems: each one while they are few, else one that counts them
 * and shows the first few, so that a bad list costs one log line, not one per entry.
 */
export function problemWarnings(problems: readonly string[], what: string): string[] {
    if (problems.length <= MAX_LISTED_PROBLEMS) return [...problems];
    const shown = problems.slice(0, MAX_LISTED_PROBLEMS - 2).join("; ");
    const more = problems.length - (MAX_LISTED_PROBLEMS - 2);
    return [`${problems.length} ${what} could not be used: ${shown}; and ${more} more`];
}

/** Text from a flow quoted in an error, cut to a readable length (a 1 MB host name is not echoed). */
export function quoted(text: string, max = 64): string {
    return text.length <= max ? `"${text}"` : `"${text.slice(0, max)}…" (${text.length} characters)`;
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
