/**
 * One input in, everything the threshold-alert node sends out: the notifications (output 1),
 * the list of active alerts (output 2), the new state and the node status.
 */
import { STATUS, type NodeStatus } from "../status";
import { readInput } from "./observe";
import { activeRows, reduce, reset, summary, watchRows } from "./reducer";
import type { Rules } from "./rules";
import type { ActiveRow, AlertState, Notification, WatchRow } from "./types";

export { emptyState, restoreState, MAX_KEYS } from "./reducer";
export { parseRules, type RuleConfig, type Rules } from "./rules";
export type { AlertState, Notification } from "./types";

/** A type, not an interface, so it is a valid Node-RED message as it is. */
export type AlertList = {
    topic: "alerts";
    payload: ActiveRow[];
    watch: WatchRow[];
    summary: { critical: number; warning: number; watch: number };
};

export type Outcome =
    | { ok: true; state: AlertState; notifications: Notification[]; list: AlertList; dropped: number }
    | { ok: false; error: "unreadable" | "noGeneric" };

export function handleInput(
    state: AlertState,
    msg: Record<string, unknown>,
    rules: Rules,
    arrival: number,
): Outcome {
    const input = readInput(msg, rules, arrival);
    if (input.kind === "error") return { ok: false, error: input.code };
    const result =
        input.kind === "reset"
            ? { state: reset(state, input.topic), notifications: [], dropped: 0 }
            : reduce(state, input.observation, rules, input.now);
    return { ok: true, ...result, list: alertList(result.state) };
}

export function alertList(state: AlertState): AlertList {
    return { topic: "alerts", payload: activeRows(state), watch: watchRows(state), summary: summary(state) };
}

/** Green dot "ok", yellow ring "2 warning", red ring "1 critical, 2 warning". */
export function statusOf(counts: AlertList["summary"]): NodeStatus {
    const parts: string[] = [];
    if (counts.critical > 0) parts.push(`${counts.critical} critical`);
    if (counts.warning > 0) parts.push(`${counts.warning} warning`);
    if (counts.critical > 0) return STATUS.error(parts.join(", "));
    if (counts.warning > 0) return STATUS.warning(parts.join(", "));
    return STATUS.ok("threshold-alert.status.ok");
}
