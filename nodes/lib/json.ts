/**
 * Defensive reading of JSON that came from a flow: a message may have been built by hand, passed
 * through a Change node, MQTT or a file, so nothing here trusts a type it has not looked at, and
 * nothing throws. One set of helpers for every reader in the package (the contracts beside each
 * producer, stored state, settings).
 */

export type JsonRecord = Record<string, unknown>;

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is JsonRecord {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The plain objects of an array, in order; anything else in it, or a non-array, gives none. */
export function records(value: unknown): JsonRecord[] {
    return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A finite number, or null (numeric strings are not numbers here: a reading keeps its types). */
export function finiteNumber(value: unknown): number | null {
    return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * A number typed by a user or sent as text ("42", " 3.5 "), or a finite number; null for anything
 * else. For `msg.payload` values and editor fields, where text is the usual way to write a number.
 */
export function numeric(value: unknown): number | null {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string" && value.trim() !== "") {
        const n = Number(value);
        return Number.isFinite(n) ? n : null;
    }
    return null;
}

/** A string as given, or a finite number as text (an index sent as 3); null for anything else. */
export function textOf(value: unknown): string | null {
    if (typeof value === "string") return value;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    return null;
}

/** The text items of an array (see `textOf`), in order; other items, or a non-array, give none. */
export function texts(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    const out: string[] = [];
    for (const item of value) {
        const text = textOf(item);
        if (text !== null) out.push(text);
    }
    return out;
}

/** A member of a fixed set of words, or null. */
export function oneOf<T extends string>(value: unknown, words: ReadonlySet<T>): T | null {
    return typeof value === "string" && (words as ReadonlySet<string>).has(value) ? (value as T) : null;
}

/** The shortest and longest ISO 8601 time taken: a date ("2024-05-03") to a time with offset and ns. */
const MIN_TIME_LENGTH = 10;
const MAX_TIME_LENGTH = 40;

/** An ISO 8601 time string as given, when it parses; null otherwise. */
export function isoTime(value: unknown): string | null {
    if (typeof value !== "string" || value.length < MIN_TIME_LENGTH || value.length > MAX_TIME_LENGTH) {
        return null;
    }
    return Number.isNaN(Date.parse(value)) ? null : value;
}

/** An ISO 8601 time as milliseconds since the epoch, or null (see `isoTime`). */
export function timeMs(value: unknown): number | null {
    const time = isoTime(value);
    return time === null ? null : Date.parse(time);
}

/** What kind of value arrived, for an error that says what was expected and what came instead. */
export function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
