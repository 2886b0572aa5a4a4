/**
 * The user's MAC -> friendly name table: typed in the node (one `mac name` per line), pasted as
 * CSV (`mac,name`, from a spreadsheet or a DHCP server's export), or kept elsewhere in the flow
 * in a context variable (the same text, an object `{ mac: name }` or an array of `{ mac, name }`).
 */
import { entryLines, parseMacText, str } from "../lists";

export interface MacNames {
    names: Map<string, string>;
    /** One readable problem per line that could not be used. */
    errors: string[];
}

/** A CSV field: quotes around it removed, doubled quotes inside made single. */
function unquote(field: string): string {
    const t = field.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/**
 * A line split into MAC and name: `mac,name`, `mac;name`, a tab, or spaces (the first split
 * whose left part is a MAC, so that a name may hold commas).
 */
function splitLine(line: string): [string, string] | undefined {
    let first: [string, string] | undefined;
    for (const re of [/^([^,;\t]+)[,;\t](.*)$/, /^(\S+)\s+(.+)$/]) {
        const m = re.exec(line);
        if (m?.[1] === undefined || m[2] === undefined) continue;
        const parts: [string, string] = [unquote(m[1]), unquote(m[2])];
        if (parseMacText(parts[0]) !== undefined) return parts;
        first ??= parts;
    }
    return first;
}

/**
 * Parse `aa:bb:cc:dd:ee:ff Anna's laptop` lines or CSV (`mac,name`; a header line is skipped);
 * `-`, `.` or no separators in the MAC are fine; `#` starts a comment.
 */
export function parseMacNames(text: unknown): MacNames {
    const out: MacNames = { names: new Map(), errors: [] };
    const lines = entryLines(typeof text === "string" ? text : "");
    lines.forEach(({ line, number }, i) => {
        const parts = splitLine(line);
        const mac = parts === undefined ? undefined : parseMacText(parts[0]);
        const name = parts?.[1].trim();
        if (mac === undefined || !name) {
            // A CSV export's first line names its columns.
            if (i === 0 && parts !== undefined && /mac/i.test(parts[0])) return;
            out.errors.push(`MAC names, line ${number}: expected "aa:bb:cc:dd:ee:ff name" or "mac,name"`);
            return;
        }
        out.names.set(mac, name);
    });
    return out;
}

/**
 * A MAC name table kept in a context variable: text as in the editor, an object of MAC -> name,
 * or an array of `{ mac, name }`. Anything else is one clear error; nothing is thrown.
 */
export function macNamesFromValue(value: unknown, where: string): MacNames {
    if (value === undefined || value === null) return { names: new Map(), errors: [] };
    if (typeof value === "string") {
        const parsed = parseMacNames(value);
        return { names: parsed.names, errors: parsed.errors.map((e) => `${where}: ${e}`) };
    }
    const out: MacNames = { names: new Map(), errors: [] };
    const add = (mac: unknown, name: unknown, at: string): void => {
        const m = parseMacText(str(mac));
        const n = str(name).trim();
        if (m === undefined || n === "") out.errors.push(`${where}, ${at}: expected a MAC and a name`);
        else out.names.set(m, n);
    };
    if (Array.isArray(value)) {
        value.forEach((row: unknown, i) => {
            const r = typeof row === "object" && row !== null ? (row as Record<string, unknown>) : {};
            add(r.mac, r.name, `item ${i + 1}`);
        });
    } else if (typeof value === "object") {
        for (const [mac, name] of Object.entries(value as Record<string, unknown>)) add(mac, name, mac);
    } else {
        out.errors.push(`${where}: expected text, an object of MAC -> name or a list of { mac, name }`);
    }
    return out;
}
