/**
 * What `printer-supplies` and `ap-clients` share: take a trigger, work out the device list (the
 * node's own, or `msg.devices` / `msg.host`), poll the batch, send each device's messages as soon
 * as it is done, report failures to Catch nodes, and keep the status honest (progress, then a
 * summary). The node files only supply how to poll one device and how to shape its messages.
 *
 * Nothing here throws into Node-RED: every failure ends as a status, a log line or a Catch.
 */
import { devicesFromMessage, parseDeviceList, type DeviceList, type DeviceTarget } from "./devices";
import { isRecord } from "./json";
import { problemWarnings } from "./lists";
import { pollBatch, type BatchSummary, type Outcome, type SnmpConfigNode } from "./batch";
import { SnmpError } from "./snmp/errors";
import type { SnmpSession } from "./snmp/session";
import { plural, progressStatus, STATUS, summaryStatus, type NodeStatus } from "./status";

/** A Node-RED message as far as this module cares. */
export type Msg = Record<string, unknown>;

/** The bits of the Node-RED node API the runner uses; see {@link nodeApi}. */
export interface NodeApi {
    /** The node type, used to build message-catalog keys (`<type>.status.…`). */
    type: string;
    status(status: NodeStatus): void;
    /** Report to Catch nodes with the message the failure concerns. */
    error(err: Error, msg: Msg): void;
    /** An error-level log line only (no Catch): Node-RED logs `error` only when no Catch node took it. */
    logError(text: string): void;
    warn(text: string): void;
    /** RED.util.cloneMessage */
    clone(msg: Msg): Msg;
    /** Translate a catalog key of this node (RED._ is pre-scoped). */
    t(key: string, substitutions?: Record<string, string | number>): string;
}

export interface DeviceDone<R> {
    device: DeviceTarget;
    outcome: Outcome<R>;
}

export interface QueryRunnerOptions<R, S = R> {
    api: NodeApi;
    config: SnmpConfigNode | null;
    /** The node's own device list (editor text). */
    devicesText: string;
    /** Singular and plural of what is polled, for the summary ("printer", "printers"). */
    noun: [string, string];
    poll(device: DeviceTarget, session: SnmpSession, signal: AbortSignal): Promise<R>;
    /**
     * The messages for one finished device, one entry per output (null = nothing on that output,
     * an array = several messages). `base` is a clone of the triggering message.
     */
    messages(device: DeviceTarget, outcome: Outcome<R>, base: Msg): (Msg | Msg[] | null)[];
    /**
     * What the summary needs of a device's result, kept until the poll ends (default: all of it).
     * A large poll keeps one per device: a few facts, rather than every reading, keep a poll's
     * memory small and short-lived.
     */
    brief?(value: R): S;
    /** Extra summary parts and how many devices need attention ("3 low"). */
    summarize(done: DeviceDone<S>[]): { parts: string[]; attention: number };
}

const UNREACHABLE = new Set<string>(["timeout", "dns", "unreachable"]);

export type Send = (msgs: (Msg | Msg[] | null)[]) => void;
export type Done = (err?: Error) => void;

export class QueryRunner<R, S = R> {
    private readonly options: QueryRunnerOptions<R, S>;
    private readonly staticList: DeviceList;
    private readonly busy = new Set<string>();
    private readonly closing = new AbortController();
    private readonly inflight = new Set<Promise<void>>();

    constructor(options: QueryRunnerOptions<R, S>) {
        this.options = options;
        this.staticList = parseDeviceList(options.devicesText);
        const { api, config } = options;
        for (const problem of problemWarnings(this.staticList.errors, "device lines")) api.warn(problem);
        if (config === null) {
            api.status(STATUS.noConfig(`${api.type}.status.no-config`));
        } else if (config.configError !== undefined || config.settings === undefined) {
            api.status(STATUS.noConfig(`${api.type}.status.bad-config`));
        } else if (this.staticList.devices.length === 0) {
            api.status(STATUS.idle(`${api.type}.status.no-devices`));
        } else {
            api.status(STATUS.idle(`${api.type}.status.ready`));
        }
    }

    /** The input handler: never throws, always ends with done(). */
    handle(msg: Msg, send: Send, done: Done): void {
        const run = this.run(msg, send, done).catch((err: unknown) => {
            // Only a bug gets here; report it (log, Catch, status) instead of letting Node-RED fall over.
            const { api } = this.options;
            api.logError(`internal error: ${describeBug(err)}`);
            api.status(STATUS.error(`${api.type}.status.internal-error`));
            done(err instanceof Error ? err : new Error(String(err)));
        });
        this.inflight.add(run);
        void run.finally(() => this.inflight.delete(run));
    }

    /** Stop: cancel queued and running polls, and wait until they have settled. */
    async close(): Promise<void> {
        this.closing.abort(new SnmpError("cancelled", "node closed"));
        await Promise.allSettled(Array.from(this.inflight));
        this.options.api.status(STATUS.clear);
    }

    private async run(msg: Msg, send: Send, done: Done): Promise<void> {
        const { api, config } = this.options;
        if (config === null) {
            done(new Error(api.t(`${api.type}.errors.no-config`)));
            return;
        }
        if (config.settings === undefined || config.pool === undefined) {
            const why = config.configError?.message ?? "invalid SNMP settings";
            done(new Error(api.t(`${api.type}.errors.bad-config`, { error: why })));
            return;
        }

        const fromMsg = devicesFromMessage(msg);
        const list = fromMsg ?? this.staticList;
        if (fromMsg !== undefined) {
            for (const problem of problemWarnings(fromMsg.errors, "msg.devices entries")) api.warn(problem);
        }
        if (list.devices.length === 0) {
            api.status(STATUS.idle(`${api.type}.status.no-devices`));
            done(new Error(api.t(`${api.type}.errors.no-devices`)));
            return;
        }

        const defaultPort = config.settings.port;
        const finished: DeviceDone<S>[] = [];
        const brief = (value: R): S =>
            this.options.brief === undefined ? (value as unknown as S) : this.options.brief(value);
        const total = list.devices.length;
        // What every device's message starts from: the trigger without its device list, which
        // can be long (cloning it into every device's message is O(devices²)).
        const template = withoutDevices(msg);
        let shown = -1;
        api.status(progressStatus(0, total));
        const summary: BatchSummary = await pollBatch<R>({
            devices: list.devices,
            pool: config.pool,
            settings: config.settings,
            deadlineMs: config.deadline ?? 60_000,
            busy: this.busy,
            signal: this.closing.signal,
            pollOne: (device, session, signal) => this.options.poll(device, session, signal),
            onResult: (device, outcome) => {
                if (this.closing.signal.aborted) return;
                try {
                    this.report(template, device, outcome, send, defaultPort);
                    finished.push({
                        device,
                        outcome: outcome.ok ? { ok: true, value: brief(outcome.value) } : outcome,
                    });
                } catch (err) {
                    // A bug in the node's own payload code: the device must not vanish silently.
                    const error = this.reportBug(template, device, err);
                    finished.push({ device, outcome: { ok: false, error } });
                }
            },
            onProgress: (n, polled) => {
                // At most one status per percent: a status per device of a large fleet costs
                // Node-RED more than the poll itself.
                const percent = Math.floor((n * 100) / polled);
                if (percent === shown || this.closing.signal.aborted) return;
                shown = percent;
                api.status(progressStatus(n, polled));
            },
        });
        if (this.closing.signal.aborted) {
            done();
            return;
        }
        // Node-RED delivers sent messages in a coming turn of the event loop: let it deliver the
        // last devices' messages before the status says the poll is over.
        await new Promise((resolve) => setImmediate(resolve));
        for (const { device, error } of summary.callbackErrors) this.reportBug(template, device, error);
        api.status(this.finalStatus(finished, summary));
        done();
    }

    /** Send one finished device's messages; a failure also goes to Catch nodes. `msg` has no devices. */
    private report(
        msg: Msg,
        device: DeviceTarget,
        outcome: Outcome<R>,
        send: Send,
        defaultPort: number,
    ): void {
        const base = this.options.api.clone(msg);
        const out = this.options.messages(device, outcome, base);
        // Several devices may share an address (port-forwarded agents): the port tells
        // them apart, so every device message says which one it polled.
        const port = device.port ?? defaultPort;
        const first = out[0];
        if (first && !Array.isArray(first) && typeof first.payload === "object" && first.payload !== null) {
            (first.payload as Msg).port = port;
        }
        // Output 2's numbers too, so that an alert or a chart fed by them keeps such devices apart.
        const metrics = out[1];
        if (Array.isArray(metrics)) {
            for (const m of metrics) if (isRecord(m.metric)) m.metric.port = port;
        }
        if (!outcome.ok) {
            const payload = (out[0] as Msg | null)?.payload ?? { error: outcome.error.toJSON() };
            this.options.api.error(outcome.error, this.errorMessage(msg, device, payload));
        }
        send(out);
    }

    /**
     * A bug in the node's own code while reporting a device: to Catch nodes like a device error,
     * and always to the log with where it happened (Node-RED does not log an error that a Catch
     * node took, and a Catch flow made for unreachable devices would hide a bug). Returns the
     * error for the status summary.
     */
    private reportBug(msg: Msg, device: DeviceTarget, err: unknown): SnmpError {
        const why = err instanceof Error ? err.message : String(err);
        const error = new SnmpError(
            "error",
            `internal error reporting ${device.host}: ${why}; the other devices are not affected, ` +
                "please report this with the device's snmpwalk",
            { host: device.host, cause: err },
        );
        this.options.api.logError(`internal error reporting ${device.host}: ${describeBug(err)}`);
        this.options.api.error(error, this.errorMessage(msg, device, { error: error.toJSON() }));
        return error;
    }

    /**
     * The message a Catch node gets for a device: the trigger (without its device list), with the
     * device and what went wrong.
     */
    private errorMessage(msg: Msg, device: DeviceTarget, payload: unknown): Msg {
        const errMsg = this.options.api.clone(msg);
        errMsg.host = device.host;
        if (device.port !== undefined) errMsg.port = device.port;
        errMsg.payload = payload;
        return errMsg;
    }

    private finalStatus(finished: DeviceDone<S>[], summary: BatchSummary): NodeStatus {
        const { noun } = this.options;
        const failed = finished.filter((d) => !d.outcome.ok);
        const extra = this.options.summarize(finished);
        const parts = [plural(summary.total, noun[0], noun[1]), ...extra.parts];
        // No answer at all is "unreachable"; an answer we cannot use (auth, not a printer…) is "failed".
        const unreachable = failed.filter(
            (d) => !d.outcome.ok && UNREACHABLE.has(d.outcome.error.code),
        ).length;
        if (unreachable > 0) parts.push(`${unreachable} unreachable`);
        const other = failed.length - unreachable;
        if (other > 0) parts.push(`${other} failed`);
        if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} busy`);
        if (summary.total === 0 && summary.skipped.length > 0) {
            return STATUS.warning(`${summary.skipped.length} busy, skipped`);
        }
        return summaryStatus(parts, {
            total: summary.total,
            failed: failed.length,
            attention: extra.attention + summary.skipped.length,
        });
    }
}

/** A shallow copy of the trigger without `devices`; each device's message is a clone of it. */
function withoutDevices(msg: Msg): Msg {
    if (!("devices" in msg)) return msg;
    const copy: Msg = { ...msg };
    delete copy.devices;
    return copy;
}

/** A bug for the log: the stack says where it happened (payload code never sees a secret). */
function describeBug(err: unknown): string {
    return err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
}

/** The parts of a Node-RED node and RED that {@link nodeApi} reads (structural, no node-red import). */
interface RedLike {
    // Loose on purpose: Node-RED types cloneMessage for NodeMessage, the runner clones plain objects.
    util: { cloneMessage: (msg: never) => unknown };
    _(key: string, substitutions?: Record<string, string | number>): string;
}
interface NodeLike {
    status(status: NodeStatus): void;
    error(err: unknown, msg?: object): void;
    warn(text: unknown): void;
}

/** Build the runner's {@link NodeApi} from RED and the node. */
export function nodeApi(RED: RedLike, node: NodeLike, type: string): NodeApi {
    return {
        type,
        status: (s) => node.status(s),
        error: (err, msg) => node.error(err, msg),
        logError: (text) => node.error(text),
        warn: (text) => node.warn(text),
        clone: (msg) => RED.util.cloneMessage(msg as never) as Msg,
        t: (key, subs) => RED._(key, subs),
    };
}

/**
 * Is anything wired to output `index` (0-based) of a Node-RED node? Node-RED keeps the node's
 * wires in `wires` (one list of node ids per output) and updates them on a deploy that only
 * rewires it, so ask at send time.
 */
export function outputWired(node: object, index: number): boolean {
    const wires = (node as { wires?: unknown }).wires;
    if (!Array.isArray(wires)) return true; // not a Node-RED node as we know it: assume wired
    const out: unknown = wires[index];
    return Array.isArray(out) && out.length > 0;
}
