/**
 * One input in, everything the threshold-alert node sends out: the notifications (output 1, at
 * most the rules' cap plus one summary), the list of active alerts (output 2, only when it
 * changed), and the node status.
 */
import { STATUS, type NodeStatus } from "../status";
import type { AlertBook, Counts } from "./book";
import { capNotifications } from "./flood";
import { readInput } from "./observe";
import type { Rules } from "./rules";
import type { ActiveRow, Notification, WatchRow } from "./types";

export { AlertBook, MAX_KEYS } from "./book";
export { emptyState, restoreState } from "./store";
export { parseRules, type RuleConfig, type Rules } from "./rules";
export type { AlertState, Notification } from "./types";

/** A type, not an interface, so it is a valid Node-RED message as it is. */
export type AlertList = {
    topic: "alerts";
    payload: ActiveRow[];
    watch: WatchRow[];
    summary: Counts;
};

export type Outcome =
    | {
          ok: true;
          notifications: Notification[];
          /** Output 2, or null when it is the same as the one sent last. */
          list: AlertList | null;
          dropped: number;
      }
    | { ok: false; error: "unreadable" | "noGeneric" };

/** Applies one input message to the book (changed in place). */
export function handleInput(
    book: AlertBook,
    msg: Record<string, unknown>,
    rules: Rules,
    arrival: number,
): Outcome {
    const input = readInput(msg, rules, arrival);
    if (input.kind === "error") return { ok: false, error: input.code };
    let result = { notifications: [] as Notification[], dropped: 0 };
    if (input.kind === "reset") book.reset(input.topic);
    else result = book.input(input.observation, rules, input.now);
    return {
        ok: true,
        notifications: capNotifications(result.notifications, rules.maxNotifications),
        list: book.takeListChange() ? alertList(book) : null,
        dropped: result.dropped,
    };
}

export function alertList(book: AlertBook): AlertList {
    return { topic: "alerts", payload: book.activeRows(), watch: book.watchRows(), summary: book.summary() };
}

/** Green dot "ok", yellow ring "2 warning", red ring "1 critical, 2 warning". */
export function statusOf(counts: Counts): NodeStatus {
    const parts: string[] = [];
    if (counts.critical > 0) parts.push(`${counts.critical} critical`);
    if (counts.warning > 0) parts.push(`${counts.warning} warning`);
    if (counts.critical > 0) return STATUS.error(parts.join(", "));
    if (counts.warning > 0) return STATUS.warning(parts.join(", "));
    return STATUS.ok("threshold-alert.status.ok");
}
