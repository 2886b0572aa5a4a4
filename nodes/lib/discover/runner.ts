/**
 * What an `snmp-discover` node does with a trigger: work out the range and the credentials, run
 * one scan at a time, send each device as it is found, then the report, and keep the status
 * honest. The node file only wires this to Node-RED.
 */
import type { SnmpConfigNode } from "../batch";
import type { Done, Msg, NodeApi, Send } from "../query-node";
import { SnmpError } from "../snmp/errors";
import type { SessionSettings } from "../snmp/settings";
import { STATUS, type NodeStatus } from "../status";
import type { FoundDevice } from "./contract";
import { DEFAULT_MAX_ADDRESSES, parseRange } from "./range";
import { buildReport, readStoredScan, storedScan } from "./report";
import { DEFAULT_CONCURRENCY, DEFAULT_SCAN_TIMEOUT, scan, scanSettings } from "./scan";

export interface DiscoverOptions {
    api: NodeApi;
    /** The node's SNMP settings (community index 0). */
    config: SnmpConfigNode | null;
    /** Further SNMP settings to try, in order (indexes 1, 2, ...; null where none is chosen). */
    more: (SnmpConfigNode | null)[];
    /** The node's own range text. */
    range: string;
    concurrency?: number;
    timeout?: number;
    retries?: number;
    maxAddresses?: number;
    /** Where the previous scan is kept (the node's context). */
    store: { get(): unknown; set(value: unknown): void };
    now?: () => number;
}

/** Status updates while scanning: about this many per scan, plus the last. */
const PROGRESS_STEPS = 50;

export function scanningStatus(done: number, total: number): NodeStatus {
    return STATUS.working(`scanning ${done}/${total}`);
}

export class DiscoverRunner {
    private readonly o: DiscoverOptions;
    private readonly closing = new AbortController();
    private running: Promise<void> | undefined;
    private readonly now: () => number;

    constructor(options: DiscoverOptions) {
        this.o = options;
        this.now = options.now ?? Date.now;
        const { api, config } = options;
        if (config === null) api.status(STATUS.noConfig(`${api.type}.status.no-config`));
        else if (config.settings === undefined) api.status(STATUS.noConfig(`${api.type}.status.bad-config`));
        else api.status(STATUS.idle(`${api.type}.status.ready`));
        options.more.forEach((extra, i) => {
            if (extra !== null && extra.settings === undefined) {
                api.warn(
                    api.t(`${api.type}.errors.bad-more`, {
                        n: i + 1,
                        error: extra.configError?.message ?? "",
                    }),
                );
            }
        });
    }

    get busy(): boolean {
        return this.running !== undefined;
    }

    /** The input handler: never throws, always ends with done(). */
    handle(msg: Msg, send: Send, done: Done): void {
        const { api } = this.o;
        if (this.running !== undefined) {
            // One scan at a time per node: a second trigger is refused, the first goes on.
            done(new Error(api.t(`${api.type}.errors.busy`)));
            return;
        }
        const run = this.run(msg, send, done).catch((err: unknown) => {
            done(err instanceof Error ? err : new Error(String(err)));
        });
        this.running = run;
        void run.finally(() => {
            if (this.running === run) this.running = undefined;
        });
    }

    /** Cancel a running scan and wait until it has let go of its sockets. */
    async close(): Promise<void> {
        this.closing.abort(new SnmpError("cancelled", "node closed"));
        await this.running;
        this.o.api.status(STATUS.clear);
    }

    /** The node's settings, then the further ones, each at its own index (`community`). */
    private credentials(): (SessionSettings | undefined)[] | Error {
        const { api, config } = this.o;
        if (config === null) return new Error(api.t(`${api.type}.errors.no-config`));
        if (config.settings === undefined) {
            const why = config.configError?.message ?? "invalid SNMP settings";
            return new Error(api.t(`${api.type}.errors.bad-config`, { error: why }));
        }
        const timeout = this.o.timeout ?? DEFAULT_SCAN_TIMEOUT;
        const retries = this.o.retries ?? 0;
        return [config, ...this.o.more].map((c) =>
            c?.settings === undefined ? undefined : scanSettings(c.settings, timeout, retries),
        );
    }

    private async run(msg: Msg, send: Send, done: Done): Promise<void> {
        const { api } = this.o;
        const credentials = this.credentials();
        if (credentials instanceof Error) {
            done(credentials);
            return;
        }
        const fromMsg = msg.range !== undefined && msg.range !== null && msg.range !== "";
        const rangeInput = fromMsg ? msg.range : this.o.range;
        const parsed = parseRange(rangeInput, this.o.maxAddresses ?? DEFAULT_MAX_ADDRESSES);
        if ("error" in parsed) {
            api.status(STATUS.error(`${api.type}.status.bad-range`));
            done(new Error(api.t(`${api.type}.errors.bad-range`, { error: parsed.error })));
            return;
        }
        const rangeText = Array.isArray(rangeInput)
            ? rangeInput.map(String).join(", ")
            : String(rangeInput).trim();
        const targets = parsed.targets;
        const started = this.now();
        const step = Math.max(1, Math.floor(targets.length / PROGRESS_STEPS));
        api.status(scanningStatus(0, targets.length));

        const outcome = await scan({
            targets,
            credentials,
            concurrency: this.o.concurrency ?? DEFAULT_CONCURRENCY,
            signal: this.closing.signal,
            onDevice: (device: FoundDevice) => {
                if (this.closing.signal.aborted) return;
                const out = api.clone(msg);
                delete out.range;
                out.topic = device.host;
                out.payload = device;
                send([out, null]);
            },
            onProgress: (n, total) => {
                if (!this.closing.signal.aborted && (n % step === 0 || n === total)) {
                    api.status(scanningStatus(n, total));
                }
            },
        });
        if (this.closing.signal.aborted) {
            done();
            return;
        }
        const previous = readStoredScan(this.o.store.get());
        const hosts = new Set(targets.map((t) => t.host.toLowerCase()));
        const report = buildReport(rangeText, outcome, hosts, previous, started, this.now());
        this.o.store.set(storedScan(outcome.devices));
        msg.topic = "scan";
        msg.payload = report;
        send([null, msg]);
        const found = outcome.devices.length;
        api.status(
            found > 0
                ? STATUS.ok(`${found} found / ${outcome.scanned}`)
                : STATUS.warning(`0 found / ${outcome.scanned}`),
        );
        done();
    }
}
