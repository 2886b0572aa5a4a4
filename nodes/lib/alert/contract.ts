/**
 * The messages of threshold-alert that other nodes read back: output 2, the list of the alerts
 * now active (`{topic: "alerts", payload: [rows], watch, summary}`). The dashboard widgets take
 * their low and critical marks from it when it feeds them, so that a card and the alert list beside
 * it say the same. Read defensively, like the other contracts: a row without a key or a known
 * severity is left out, and anything that is not such a list is `null`, never a throw.
 */
import { isRecord, oneOf, records, textOf } from "../json";
import type { Severity } from "./types";

/** One active alert, as far as a consumer needs it: which key, how bad. */
export interface ListedAlert {
    key: string;
    severity: Exclude<Severity, "ok">;
    host: string;
}

const SEVERITIES: ReadonlySet<ListedAlert["severity"]> = new Set(["warning", "critical"]);

/** Whether a message is output 2 of threshold-alert (the topic and the summary say so). */
export function isAlertList(msg: Record<string, unknown>): boolean {
    return msg.topic === "alerts" && Array.isArray(msg.payload) && isRecord(msg.summary);
}

/** The active alerts of an output-2 message, or null when the message is not one. */
export function readAlertList(msg: Record<string, unknown>): ListedAlert[] | null {
    if (!isAlertList(msg)) return null;
    const out: ListedAlert[] = [];
    for (const row of records(msg.payload)) {
        const key = textOf(row.key);
        const severity = oneOf(row.severity, SEVERITIES);
        if (key === null || key === "" || severity === null) continue;
        out.push({ key, severity, host: textOf(row.host) ?? "" });
    }
    return out;
}
