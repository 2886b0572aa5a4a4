/** The user's MAC -> friendly name table (node option, one `mac name` per line). */
import { entryLines, parseMacText } from "../lists";

export interface MacNames {
    names: Map<string, string>;
    /** One readable problem per line that could not be used. */
    errors: string[];
}

/** Parse `aa:bb:cc:dd:ee:ff Anna's laptop` lines; `-`, `.` or no separators are fine; `#` starts a comment. */
export function parseMacNames(text: unknown): MacNames {
    const out: MacNames = { names: new Map(), errors: [] };
    for (const { line, number } of entryLines(typeof text === "string" ? text : "")) {
        const m = /^(\S+)\s+(.+)$/.exec(line);
        const mac = m?.[1] === undefined ? undefined : parseMacText(m[1]);
        const name = m?.[2]?.trim();
        if (mac === undefined || !name) {
            out.errors.push(`MAC names, line ${number}: expected "aa:bb:cc:dd:ee:ff name"`);
            continue;
        }
        out.names.set(mac, name);
    }
    return out;
}
