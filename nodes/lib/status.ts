/**
 * The status vocabulary shared by every node in the package (house style):
 *
 * | look        | meaning                                              |
 * |-------------|------------------------------------------------------|
 * | blue dot    | working: a poll in progress (`polling 12/40`)        |
 * | green dot   | ok, with a short summary                             |
 * | yellow ring | warning: some devices low, unreachable or skipped    |
 * | red ring    | timeout or error                                     |
 * | grey ring   | idle, or not configured                              |
 *
 * Texts stay under about 20 characters. Fixed texts are message-catalog keys (the editor
 * translates them in the node's namespace); counts and summaries are plain text.
 */

export interface NodeStatus {
    fill?: "red" | "green" | "yellow" | "blue" | "grey";
    shape?: "ring" | "dot";
    text?: string;
}

export const STATUS = {
    clear: {} as NodeStatus,
    /** No snmp-credentials selected, or an invalid setting. */
    noConfig: (text = "status.no-config"): NodeStatus => ({ fill: "red", shape: "ring", text }),
    idle: (text = "status.idle"): NodeStatus => ({ fill: "grey", shape: "ring", text }),
    working: (text: string): NodeStatus => ({ fill: "blue", shape: "dot", text }),
    ok: (text: string): NodeStatus => ({ fill: "green", shape: "dot", text }),
    warning: (text: string): NodeStatus => ({ fill: "yellow", shape: "ring", text }),
    error: (text: string): NodeStatus => ({ fill: "red", shape: "ring", text }),
} as const;

/** `polling 12/40` while a batch of devices is in progress. */
export function progressStatus(done: number, total: number): NodeStatus {
    return STATUS.working(`polling ${done}/${total}`);
}

/**
 * The status after a batch: green when everything is fine, yellow when some devices need
 * attention or failed, red when none could be read.
 * `parts` are the summary pieces, e.g. ["40 printers", "3 low", "1 unreachable"].
 */
export function summaryStatus(
    parts: string[],
    counts: { total: number; failed: number; attention: number },
): NodeStatus {
    const text = parts.filter((p) => p !== "").join(", ");
    if (counts.total > 0 && counts.failed === counts.total) return STATUS.error(text);
    if (counts.failed > 0 || counts.attention > 0) return STATUS.warning(text);
    return STATUS.ok(text);
}

/** "1 printer" / "3 printers". */
export function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}
