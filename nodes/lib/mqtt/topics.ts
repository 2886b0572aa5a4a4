/**
 * The topic settings a user types in the editor (HA's discovery prefix, the base topic), checked
 * the same way in the editor (resources/editor.js) and the runtime. No Node.js here: the editor
 * bundle includes this file.
 */

/**
 * A topic prefix a user typed: one or more levels separated by `/`, none empty, no wildcard
 * (`+`, `#`), no NUL, not a broker's own `$` topic; null when it is not one.
 */
export function topicPrefix(value: unknown, fallback: string): string | null {
    if (value === undefined || value === null || value === "") return fallback;
    if (typeof value !== "string") return null;
    const text = value.trim();
    if (text === "" || text.length > 200 || text.startsWith("$")) return null;
    return text
        .split("/")
        .every(
            (level) => level !== "" && !level.includes("+") && !level.includes("#") && !level.includes("\0"),
        )
        ? text
        : null;
}
