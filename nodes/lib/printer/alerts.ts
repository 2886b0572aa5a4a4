/**
 * The alert pass: prtAlertTable rows (RFC 3805) as named alerts, power-save chatter and empty
 * rows dropped. The numbers stay beside each alert for the signals pass, which lets alerts that
 * point at a supply, tray or bin change its state.
 */
import { ALERT_CODES, ALERT_COLUMNS, ALERT_GROUPS, ALERT_SEVERITY, NOISE_ALERT_CODES } from "./mib";
import type { DecodeContext } from "./context";
import { cell, intCell, splitIndex } from "./snapshot";
import { soundsLikePowerSave } from "./text";
import type { PrinterAlert } from "./contract";

export interface AlertRow {
    hrD: number;
    alert: PrinterAlert;
    /** PrtAlertGroupTC number: the table of the sub-unit the alert is about. */
    groupNumber: number | undefined;
    /** PrtAlertCodeTC number. */
    codeNumber: number | undefined;
}

export function readAlerts(ctx: DecodeContext): AlertRow[] {
    const { snap, quirks } = ctx;
    const rows: AlertRow[] = [];
    for (const index of ctx.rows(ALERT_COLUMNS)) {
        const hrD = splitIndex(index)?.[0] ?? 0;
        const severityNumber = intCell(snap, "alertSeverity", index);
        const groupNumber = intCell(snap, "alertGroup", index);
        const groupIndex = intCell(snap, "alertGroupIndex", index);
        const codeNumber = intCell(snap, "alertCode", index);
        const text = ctx.label(cell(snap, "alertDescription", index), hrD);
        const severity =
            (severityNumber === undefined ? undefined : ALERT_SEVERITY[severityNumber]) ?? "other";
        const empty = !groupNumber && !codeNumber && text === "";
        const noise =
            (codeNumber !== undefined && NOISE_ALERT_CODES.has(codeNumber)) ||
            (severity !== "critical" && soundsLikePowerSave(text));
        if (empty || noise) {
            quirks.add("alertNoiseDropped");
            continue;
        }
        rows.push({
            hrD,
            groupNumber,
            codeNumber,
            alert: {
                severity,
                group:
                    groupNumber === undefined
                        ? "unknown"
                        : (ALERT_GROUPS[groupNumber] ?? String(groupNumber)),
                groupIndex: groupIndex === undefined || groupIndex < 0 ? null : groupIndex,
                code: codeNumber === undefined ? "unknown" : (ALERT_CODES[codeNumber] ?? String(codeNumber)),
                text,
            },
        });
    }
    return rows;
}
