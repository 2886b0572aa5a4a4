/**
 * One trigger of a query node polls a batch of devices: concurrently within the process-wide
 * limit, each with its own deadline, never twice at the same time, and with every device
 * accounted for (a result, an error, or "skipped: still busy").
 */
import { setMaxListeners } from "node:events";
import { deviceKey, type DeviceTarget } from "./devices";
import { SnmpError, toSnmpError } from "./snmp/errors";
import { sharedLimiter, type Limiter } from "./snmp/limiter";
import type { SessionPool } from "./snmp/pool";
import type { SnmpSession } from "./snmp/session";
import type { SessionSettings } from "./snmp/settings";

/** What a query node needs from its `snmp-credentials` config node. */
export interface SnmpConfigNode {
    /** Normalised settings, or undefined when the configuration is invalid. */
    settings?: SessionSettings;
    /** Why the settings are invalid (shown to the user; never contains a secret). */
    configError?: SnmpError;
    pool?: SessionPool;
    /** Milliseconds one device may take from first request to last answer. */
    deadline?: number;
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: SnmpError };

export interface BatchOptions<R> {
    devices: readonly DeviceTarget[];
    pool: SessionPool;
    settings: SessionSettings;
    /** Per-device time budget, counted from when the device's turn starts. */
    deadlineMs: number;
    /** Device keys this node is polling right now; a device already in it is skipped. */
    busy: Set<string>;
    /** Aborts everything (node closed). */
    signal: AbortSignal;
    limiter?: Limiter;
    pollOne(device: DeviceTarget, session: SnmpSession, signal: AbortSignal): Promise<R>;
    /** Called once per polled device, as soon as it is done. */
    onResult(device: DeviceTarget, outcome: Outcome<R>): void;
    /** Called after each device finishes (done counts results and errors). */
    onProgress?(done: number, total: number): void;
}

export interface BatchSummary {
    total: number;
    ok: number;
    failed: number;
    /** Devices not polled because the previous poll of them was still running. */
    skipped: DeviceTarget[];
    /**
     * What onResult or onProgress threw (a bug in the caller), per device. The batch goes on
     * with the other devices; the caller reports these.
     */
    callbackErrors: { device: DeviceTarget; error: unknown }[];
}

/** Poll every device of a batch; resolves when all are done. Never rejects (see callbackErrors). */
export async function pollBatch<R>(options: BatchOptions<R>): Promise<BatchSummary> {
    const limiter = options.limiter ?? sharedLimiter;
    // Every device of the batch waits on the same signal: many listeners are expected, not a leak.
    setMaxListeners(0, options.signal);
    const summary: BatchSummary = { total: 0, ok: 0, failed: 0, skipped: [], callbackErrors: [] };
    const toPoll: DeviceTarget[] = [];
    const seen = new Set<string>();
    for (const device of options.devices) {
        const key = deviceKey(device, options.settings.port);
        if (seen.has(key)) continue; // the same device listed twice is polled once
        seen.add(key);
        if (options.busy.has(key)) summary.skipped.push(device);
        else toPoll.push(device);
    }
    summary.total = toPoll.length;
    let done = 0;

    await Promise.all(
        toPoll.map(async (device) => {
            const key = deviceKey(device, options.settings.port);
            options.busy.add(key);
            let outcome: Outcome<R>;
            try {
                const value = await limiter.run(
                    () => {
                        const signal = AbortSignal.any([
                            options.signal,
                            AbortSignal.timeout(options.deadlineMs),
                        ]);
                        return options.pool.use(device.host, device.port, (session) =>
                            options.pollOne(device, session, signal),
                        );
                    },
                    options.signal,
                    device.host,
                );
                outcome = { ok: true, value };
                summary.ok++;
            } catch (err) {
                const error = toSnmpError(err, device.host);
                outcome = { ok: false, error: withDeadline(error, options.deadlineMs) };
                summary.failed++;
            } finally {
                options.busy.delete(key);
            }
            done++;
            try {
                options.onResult(device, outcome);
                options.onProgress?.(done, toPoll.length);
            } catch (error) {
                // A reporting callback must not break the batch: keep going, and hand it back.
                summary.callbackErrors.push({ device, error });
            }
        }),
    );
    return summary;
}

/** Name the deadline in timeout messages that came from it. */
function withDeadline(error: SnmpError, deadlineMs: number): SnmpError {
    if (error.code === "timeout" && /deadline/.test(error.message)) {
        return new SnmpError(
            "timeout",
            `${error.message} (${Math.round(deadlineMs / 1000)} s): it answers too slowly or sends too much; ` +
                "raise the deadline in the SNMP settings or lower max rows",
            { host: error.host, cause: error },
        );
    }
    return error;
}

/** The default per-device deadline for a set of settings. */
export function defaultDeadline(settings: SessionSettings): number {
    return Math.max(30_000, settings.timeout * (settings.retries + 1) * 4);
}
