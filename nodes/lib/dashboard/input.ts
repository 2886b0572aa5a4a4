/**
 * Device strings on a widget. The widgets are fed by our query nodes, but a message can come from
 * anywhere (a Change node, MQTT, a replayed file): it is read through the producer's contract,
 * and every string it gives is kept as text, cut to a sane length.
 */
import { textOf } from "../json";

export type Translate = (key: string, substitutions?: Record<string, string | number>) => string;

/** A counted text: `<key>.one` for 1, `<key>.other` otherwise, with `__n__` substituted. */
export function counted(t: Translate, key: string, n: number): string {
    return t(`${key}.${n === 1 ? "one" : "other"}`, { n });
}

/** The longest device string shown on a card or in a table cell. */
export const MAX_TEXT = 200;

/** A device string as display text, trimmed and cut to `max` ("" when absent or not text). */
export function text(v: unknown, max = MAX_TEXT): string {
    const t = textOf(v)?.trim() ?? "";
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
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
