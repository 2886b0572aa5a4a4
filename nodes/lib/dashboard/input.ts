/**
 * Reading device messages defensively. The widgets are fed by our query nodes, but a message can
 * come from anywhere (a Change node, MQTT, a replayed file): nothing here trusts a field's type,
 * and every string is kept as text, cut to a sane length.
 */

export type Translate = (key: string, substitutions?: Record<string, string | number>) => string;

/** A counted text: `<key>.one` for 1, `<key>.other` otherwise, with `__n__` substituted. */
export function counted(t: Translate, key: string, n: number): string {
    return t(`${key}.${n === 1 ? "one" : "other"}`, { n });
}

/** The longest device string shown on a card or in a table cell. */
export const MAX_TEXT = 200;

export function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string field as display text ("" when absent or not text). */
export function text(v: unknown, max = MAX_TEXT): string {
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v !== "string") return "";
    const t = v.trim();
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** A finite number, or undefined. */
export function num(v: unknown): number | undefined {
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function records(v: unknown): Record<string, unknown>[] {
    return Array.isArray(v) ? v.filter(isRecord) : [];
}

export function strings(v: unknown): string[] {
    return Array.isArray(v) ? v.map((x) => text(x)).filter((x) => x !== "") : [];
}

/** An ISO 8601 time string as given, when it parses; otherwise undefined. */
export function isoTime(v: unknown): string | undefined {
    if (typeof v !== "string" || v.length > 40) return undefined;
    return Number.isNaN(Date.parse(v)) ? undefined : v;
}

/**
 * The key of a device: its host, with the port when the message carries one (several simulated
 * or NATed devices may share an address and differ by port).
 */
export function deviceKey(
    payload: Record<string, unknown>,
    msg: Record<string, unknown>,
): string | undefined {
    const host = text(payload.host);
    if (host === "") return undefined;
    const port = num(payload.port) ?? num(msg.port);
    return port === undefined ? host : `${host}:${port}`;
}

/** What kind of thing arrived, for a clear error when a widget is wired to the wrong output. */
export function describeValue(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "an array";
    return typeof v === "object" ? "an object without host" : `a ${typeof v}`;
}

/**
 * Make `key` unique within a list (Angular's ng-repeat "track by" refuses duplicates, and a
 * device may well report two rows with the same index or MAC): later duplicates get a suffix.
 */
export function uniqueKeys<T extends { key: string }>(rows: T[]): T[] {
    const seen = new Set<string>();
    for (const row of rows) {
        let key = row.key;
        for (let n = 2; seen.has(key); n++) key = `${row.key}~${n}`;
        row.key = key;
        seen.add(key);
    }
    return rows;
}
