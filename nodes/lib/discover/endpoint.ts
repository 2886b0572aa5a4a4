/**
 * The editor's "Find devices…" scan: an admin endpoint that `printer-supplies` and `ap-clients`
 * register, each behind its own write permission (the node file adds
 * `RED.auth.needsPermission("<type>.write")` in front of {@link findDevicesHandler}).
 *
 * - Credentials: only those of a deployed `snmp-credentials` node, named by its id. The request
 *   never carries a community or key, and any it does carry is ignored.
 * - Rate limit, for the whole process: one scan at a time, and at most
 *   {@link FIND_PER_MINUTE} per minute.
 * - Size: at most {@link DEFAULT_MAX_ADDRESSES} addresses, the node limit's default.
 * - A browser that goes away cancels its scan.
 */
import { isRecord } from "../json";
import type { SnmpConfigNode } from "../batch";
import { str } from "../lists";
import { DEFAULT_MAX_ADDRESSES, parseRange } from "./range";
import { countKinds, summaryText } from "./report";
import { DEFAULT_CONCURRENCY, DEFAULT_SCAN_TIMEOUT, scan, scanSettings } from "./scan";
import type { FoundDevice } from "./contract";

export const FIND_PER_MINUTE = 10;
const MINUTE = 60_000;

/** The URL, below the admin root, for one node type. */
export function findDevicesPath(type: string): string {
    return `/snmp-office/find-devices/${type}`;
}

export interface FindAnswer {
    status: number;
    body: { error: string } | { summary: string; scanned: number; devices: FoundDevice[] };
    /** Seconds, for a 429. */
    retryAfter?: number;
}

/** Process-wide state of the editor scans: who is running, and when the recent ones started. */
export class FindDevices {
    private running = false;
    private starts: number[] = [];

    constructor(
        private readonly now: () => number = Date.now,
        private readonly perMinute = FIND_PER_MINUTE,
    ) {}

    /** Answer one request: `body` is `{config, range}`; `getConfig` resolves a deployed node by id. */
    async answer(
        body: unknown,
        getConfig: (id: string) => { type?: string } | null,
        signal: AbortSignal,
    ): Promise<FindAnswer> {
        const input = isRecord(body) ? body : {};
        const id = str(input.config).trim();
        if (id === "")
            return { status: 400, body: { error: "no SNMP settings given: pick them in the node" } };
        const found = getConfig(id);
        if (found === null || found.type !== "snmp-credentials") {
            return {
                status: 404,
                body: { error: "these SNMP settings are not deployed: deploy first, then scan" },
            };
        }
        const config = found as SnmpConfigNode;
        if (config.settings === undefined) {
            return {
                status: 400,
                body: {
                    error: `the SNMP settings are invalid: ${config.configError?.message ?? "check them"}`,
                },
            };
        }
        const parsed = parseRange(input.range, DEFAULT_MAX_ADDRESSES);
        if ("error" in parsed) return { status: 400, body: { error: parsed.error } };

        const now = this.now();
        this.starts = this.starts.filter((t) => now - t < MINUTE);
        if (this.running) {
            return { status: 409, body: { error: "a scan is already running: wait for it to finish" } };
        }
        if (this.starts.length >= this.perMinute) {
            const wait = Math.ceil((MINUTE - (now - (this.starts[0] ?? now))) / 1000);
            return {
                status: 429,
                body: { error: `at most ${this.perMinute} scans a minute: try again in ${wait} s` },
                retryAfter: wait,
            };
        }
        this.running = true;
        this.starts.push(now);
        try {
            const outcome = await scan({
                targets: parsed.targets,
                credentials: [scanSettings(config.settings, DEFAULT_SCAN_TIMEOUT, 0)],
                concurrency: DEFAULT_CONCURRENCY,
                signal,
            });
            const counts = countKinds(outcome.devices);
            return {
                status: 200,
                body: {
                    summary: summaryText(outcome.scanned, counts, outcome.silent),
                    scanned: outcome.scanned,
                    devices: outcome.devices,
                },
            };
        } finally {
            this.running = false;
        }
    }
}

/** The one instance both node types share. */
export const findDevices = new FindDevices();

/** The parts of express's request and response the handler uses. */
interface Req {
    body?: unknown;
}
interface Res {
    status(code: number): Res;
    set(name: string, value: string): Res;
    json(body: unknown): void;
    on(event: "close", listener: () => void): void;
    writableFinished: boolean;
}

/** An express handler for {@link findDevicesPath}; `getNode` is RED.nodes.getNode. */
export function findDevicesHandler(
    getNode: (id: string) => unknown,
    service: FindDevices = findDevices,
): (req: Req, res: Res) => void {
    return (req, res) => {
        const gone = new AbortController();
        res.on("close", () => {
            if (!res.writableFinished) gone.abort();
        });
        const getConfig = (id: string): { type?: string } | null => {
            const node = getNode(id);
            return isRecord(node) ? node : null;
        };
        service.answer(req.body, getConfig, gone.signal).then(
            (a) => {
                if (gone.signal.aborted) return;
                if (a.retryAfter !== undefined) res.set("Retry-After", String(a.retryAfter));
                res.status(a.status).json(a.body);
            },
            (err: unknown) => {
                if (!gone.signal.aborted)
                    res.status(500).json({ error: err instanceof Error ? err.message : String(err) });
            },
        );
    };
}
