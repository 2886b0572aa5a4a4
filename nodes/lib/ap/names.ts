/** The user's MAC -> friendly name table (node option, one `mac name` per line). */
import { parseMacText } from "../snmp/varbind";

export interface MacNames {
    names: Map<string, string>;
    /** One readable problem per line that could not be used. */
    errors: string[];
}

/** Parse `aa:bb:cc:dd:ee:ff Anna's laptop` lines; `-`, `.` or no separators are fine; `#` starts a comment. */
export function parseMacNames(text: unknown): MacNames {
    const out: MacNames = { names: new Map(), errors: [] };
    const lines = (typeof text === "string" ? text : "").split(/\r?\n/);
    lines.forEach((raw, i) => {
        const line = raw.replace(/(^|\s)#.*$/, "").trim();
        if (line === "") return;
        const m = /^(\S+)\s+(.+)$/.exec(line);
        const mac = m?.[1] === undefined ? undefined : parseMacText(m[1]);
        const name = m?.[2]?.trim();
        if (mac === undefined || !name) {
            out.errors.push(`MAC names, line ${i + 1}: expected "aa:bb:cc:dd:ee:ff name"`);
            return;
        }
        out.names.set(mac, name);
    });
    return out;
}
