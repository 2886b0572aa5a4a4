/**
 * The end of a scan: counts, the summary line, and what is new or gone since the previous scan
 * of the same node; plus the memory of that previous scan, kept as versioned state.
 */
import { isRecord } from "../json";
import { foundKey, readFoundDevice, type DeviceKind, type FoundDevice, type ScanReport } from "./contract";
import type { ScanOutcome } from "./scan";
import { plural } from "../status";

/** `scanned 254, 7 printers, 3 wireless, 12 other, 231 silent` */
export function summaryText(scanned: number, counts: Record<DeviceKind, number>, silent: number): string {
    return [
        `scanned ${scanned}`,
        plural(counts.printer, "printer"),
        `${counts.wireless} wireless`,
        `${counts.other} other`,
        `${silent} silent`,
    ].join(", ");
}

export function countKinds(devices: readonly FoundDevice[]): Record<DeviceKind, number> {
    const counts: Record<DeviceKind, number> = { printer: 0, wireless: 0, other: 0 };
    for (const d of devices) counts[d.kind]++;
    return counts;
}

/**
 * The report. `previous` is the device list of the previous scan (undefined when there was
 * none): a device is new when it was not in it, gone when it was, its host was scanned this time,
 * and it did not answer.
 */
export function buildReport(
    range: string,
    outcome: ScanOutcome,
    scannedHosts: ReadonlySet<string>,
    previous: readonly FoundDevice[] | undefined,
    started: number,
    now: number,
): ScanReport {
    const counts = countKinds(outcome.devices);
    const nowKeys = new Set(outcome.devices.map(foundKey));
    const before = new Set((previous ?? []).map(foundKey));
    const report: ScanReport = {
        range,
        scanned: outcome.scanned,
        printers: counts.printer,
        wireless: counts.wireless,
        other: counts.other,
        silent: outcome.silent,
        summary: summaryText(outcome.scanned, counts, outcome.silent),
        devices: outcome.devices,
        new: previous === undefined ? [] : outcome.devices.filter((d) => !before.has(foundKey(d))),
        gone:
            previous === undefined || outcome.cancelled
                ? []
                : previous.filter((d) => scannedHosts.has(d.host.toLowerCase()) && !nowKeys.has(foundKey(d))),
        first: previous === undefined,
        time: new Date(started).toISOString(),
        durationMs: now - started,
    };
    if (outcome.cancelled) report.cancelled = true;
    return report;
}

// ---------------------------------------------------------------------------------------------
// The previous scan, as stored in the node's context

export const STATE_VERSION = 1;

export interface StoredScan {
    version: typeof STATE_VERSION;
    devices: FoundDevice[];
}

export function storedScan(devices: readonly FoundDevice[]): StoredScan {
    return { version: STATE_VERSION, devices: [...devices] };
}

/**
 * The previous scan's devices from stored state; undefined when there is none or it is of a
 * version this code does not know (the next scan then starts a new baseline).
 */
export function readStoredScan(value: unknown): FoundDevice[] | undefined {
    if (!isRecord(value) || value.version !== STATE_VERSION || !Array.isArray(value.devices))
        return undefined;
    const out: FoundDevice[] = [];
    for (const item of value.devices) {
        const device = readFoundDevice(item);
        if (device !== undefined) out.push(device);
    }
    return out;
}
