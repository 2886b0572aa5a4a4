/**
 * What an `ap-clients` node does besides wiring: poll a device (with the profile cached per
 * device), turn a finished device into its three outputs, keep the per-device client state for
 * events, and summarise a batch for the status. No Node-RED here: the node file plugs these
 * into the shared QueryRunner.
 */
import { BoundedMap } from "../bounded-map";
import { unreachablePayload } from "../contract";
import { deviceKey, displayName, type DeviceTarget } from "../devices";
import type { Outcome } from "../batch";
import type { DeviceDone, Msg } from "../query-node";
import type { SnmpTransport } from "../snmp/query";
import { plural } from "../status";
import { CUSTOM_ID, customProfile, type CustomOptions } from "./custom";
import { abortError } from "../snmp/query";
import { finish, finishInSlices, ROWS_PER_STEP, type Steps } from "../slices";
import { clientStatesSteps, diffClientsSteps, type ApEvent, type ClientStates } from "./events";
import { asSeries, type SeriesFormat } from "../series";
import { readKnownClients, saveKnownClients, type KnownClientsState, type KnownRead } from "./known";
import type { LoadThresholds } from "./load";
import { metricMessagesSteps, seriesPoint } from "./metrics";
import { ouiRegistry, type OuiRegistry } from "./oui";
import { pollAp, type ApPoll } from "./poll-ap";
import { profileById } from "./profiles";
import type { ApProfile } from "./types";
import type { ClientWhois } from "./whois";

export interface ApClientsOptions {
    /** `auto`, a profile id, or `custom`. */
    vendor: string;
    custom?: CustomOptions;
    macNames?: ReadonlyMap<string, string>;
    /** More MAC names, read at each poll (a context variable); the node's own table wins. */
    moreMacNames?: () => ReadonlyMap<string, string> | undefined;
    /** A client below this signal (dBm) is weak; default -75. */
    weakBelow?: number;
    /** Where a radio turns busy and overloaded (ap/load.ts); defaults for those not given. */
    load?: Partial<LoadThresholds>;
    /** Name each client's manufacturer from its MAC (the OUI registry); on unless false. */
    vendors?: boolean;
    /** Also send one signal message per client on output 2. */
    perClientSignal: boolean;
    /** Output 2 as numbers (default) or shaped for InfluxDB or Prometheus (lib/series.ts). */
    series?: SeriesFormat;
    /** Query settings of the snmp-credentials node, read at each poll. */
    query: () => { maxRepetitions: number; maxRows: number; port: number };
    now?: () => Date;
    /** Longest stretch of work before the event loop gets a turn, ms (slices.ts); for benchmarks. */
    sliceMs?: number;
    /** Called when the known clients (the base of the events) changed, to save them. */
    knownChanged?: () => void;
    /** Client IPs from a router's ARP table and names from reverse DNS (whois.ts); off when absent. */
    whois?: ClientWhois;
}

/**
 * What a poll's messages need, worked out in slices right after the decode (so that a big
 * controller's thousands of output 2 numbers and events do not hold the event loop when its
 * messages are sent): output 2, the clients' states, and the events against the known clients
 * as they were then (`prev`; recomputed if they changed before the messages are made).
 */
interface Prepared {
    metrics: Msg[];
    next?: ClientStates;
    prev?: ClientStates;
    events?: ApEvent[];
}

/** Devices an ap-clients node remembers (profile, clients for events, name); the oldest go first. */
const MAX_DEVICES = 5000;

/** The facts of an AP poll the status summary counts. */
export interface ApBrief {
    aps: number;
    clients: number;
}

export class ApClients {
    /** A configuration mistake (unknown vendor, bad custom OIDs); the node shows it and polls nothing. */
    readonly configError: string | undefined;
    private readonly options: ApClientsOptions;
    private readonly custom: ApProfile | undefined;
    // Per-device memory, bounded so that ever new msg.host values cannot grow it without limit.
    private readonly profiles = new BoundedMap<string, { id: string; byProbe: boolean }>(MAX_DEVICES);
    private readonly states = new BoundedMap<string, ClientStates>(MAX_DEVICES);
    /** Last known sysName-based display name per device, for messages about a failed poll. */
    private readonly names = new BoundedMap<string, string>(MAX_DEVICES);
    /** Each poll's messages, made ready by `poll` for `messages`. */
    private readonly prepared = new WeakMap<ApPoll, Prepared>();
    private readonly now: () => Date;

    constructor(options: ApClientsOptions) {
        this.options = options;
        this.now = options.now ?? (() => new Date());
        const vendor = options.vendor || "auto";
        if (vendor === CUSTOM_ID) {
            const built = customProfile(options.custom ?? {});
            if ("error" in built) this.configError = built.error;
            else this.custom = built;
        } else if (vendor !== "auto" && profileById(vendor) === undefined) {
            this.configError = `unknown vendor profile "${vendor}"`;
        }
        // Read the OUI registry now, at deploy, so that the first poll does not wait for it.
        if (options.vendors !== false) void this.registry();
    }

    private key(device: DeviceTarget): string {
        return deviceKey(device, this.options.query().port);
    }

    /** The MAC names for this poll: the context's, with the node's own table over them. */
    private macNames(): ReadonlyMap<string, string> | undefined {
        const more = this.options.moreMacNames?.();
        if (more === undefined || more.size === 0) return this.options.macNames;
        if (this.options.macNames === undefined || this.options.macNames.size === 0) return more;
        return new Map([...more, ...this.options.macNames]);
    }

    /** The OUI registry, read once per process; none (and no vendors) when it cannot be read. */
    private async registry(): Promise<OuiRegistry | undefined> {
        if (this.options.vendors === false) return undefined;
        try {
            return await ouiRegistry();
        } catch {
            // Vendors are a nicety: a poll without them still counts every client.
            return undefined;
        }
    }

    /** Poll one device; remembers its profile, forgets it when the poll fails. */
    async poll(device: DeviceTarget, transport: SnmpTransport, signal?: AbortSignal): Promise<ApPoll> {
        const key = this.key(device);
        const registry = await this.registry();
        // The router's ARP table is read beside the device's own tables.
        this.options.whois?.prepare();
        try {
            const result = await pollAp(transport, device, {
                vendor: this.options.vendor || "auto",
                custom: this.custom,
                cachedProfile: this.profiles.get(key)?.id,
                cachedByProbe: this.profiles.get(key)?.byProbe,
                maxRepetitions: this.options.query().maxRepetitions,
                maxRows: this.options.query().maxRows,
                signal,
                now: this.now,
                macNames: this.macNames(),
                weakBelow: this.options.weakBelow,
                load: this.options.load,
                vendorOf: registry === undefined ? undefined : (mac) => registry.lookup(mac),
                sliceMs: this.options.sliceMs,
            });
            await this.options.whois?.enrich(result.reading.clients, signal);
            this.profiles.set(key, { id: result.profileId, byProbe: result.byProbe });
            this.names.set(key, result.reading.device);
            const prepared = await finishInSlices(this.prepareSteps(key, result), {
                sliceMs: this.options.sliceMs,
                signal,
                aborted: (s) => abortError(s, device.host),
            });
            this.prepared.set(result, prepared);
            return result;
        } catch (err) {
            // Re-detect next time: the device may have been replaced or reconfigured.
            this.profiles.delete(key);
            throw err;
        }
    }

    /** The three outputs for one finished device. */
    messages(device: DeviceTarget, outcome: Outcome<ApPoll>, base: Msg): [Msg, Msg[] | null, Msg[] | null] {
        const key = this.key(device);
        if (!outcome.ok) {
            const name = device.name ?? this.names.get(key) ?? displayName(device);
            const payload = unreachablePayload(name, device.host, outcome.error, this.now().getTime());
            return [{ ...base, topic: name, payload }, null, null];
        }
        const { reading, clientsComplete } = outcome.value;
        const out1: Msg = { ...base, topic: reading.device, payload: reading };
        const ready = this.prepared.get(outcome.value) ?? finish(this.prepareSteps(key, outcome.value));
        const metrics = ready.metrics;
        let events: Msg[] = [];
        if (clientsComplete) {
            const next: ClientStates = ready.next ?? new Map<string, never>();
            const prev = this.states.get(key);
            // The first complete reading after deploy only sets the baseline.
            if (prev !== undefined) {
                const diff =
                    ready.events !== undefined && ready.prev === prev
                        ? ready.events
                        : finish(diffClientsSteps(prev, next, reading.time));
                events = diff.map((e): Msg => ({ topic: reading.device, payload: e }));
            }
            this.states.set(key, next);
            this.options.knownChanged?.();
        }
        return [out1, metrics.length > 0 ? metrics : null, events.length > 0 ? events : null];
    }

    /** A poll's output 2, its clients' states and its events (against the clients known now). */
    private *prepareSteps(key: string, poll: ApPoll): Steps<Prepared> {
        const { reading, clientAps, clientsComplete } = poll;
        const series = this.options.series ?? "number";
        const numbers = yield* metricMessagesSteps(reading, {
            perClientSignal: this.options.perClientSignal,
        });
        const metrics: Msg[] = [];
        for (const m of numbers) {
            metrics.push({ ...asSeries(m, seriesPoint(m.metric), series) });
            if (metrics.length % ROWS_PER_STEP === 0) yield;
        }
        if (!clientsComplete) return { metrics };
        const next = yield* clientStatesSteps(reading, clientAps);
        const prev = this.states.get(key);
        if (prev === undefined) return { metrics, next };
        return { metrics, next, prev, events: yield* diffClientsSteps(prev, next, reading.time) };
    }

    /** The known clients of every device, as stored state (see known.ts). */
    knownClients(): KnownClientsState {
        return saveKnownClients(this.states.oldestFirst());
    }

    /** Takes stored known clients back (before the first poll), so events continue over a restart. */
    restoreKnownClients(stored: unknown): KnownRead {
        const read = readKnownClients(stored);
        if (read.ok) for (const [device, states] of read.devices) this.states.set(device, states);
        return read;
    }

    /** Status parts after a batch: `14 APs, 212 clients`. */
    /** What the status summary needs of a poll (kept for every device until the poll ends). */
    brief(poll: ApPoll): ApBrief {
        return { aps: poll.reading.totals.aps, clients: poll.reading.totals.clients ?? 0 };
    }

    summarize(done: DeviceDone<ApBrief>[]): { parts: string[]; attention: number } {
        let aps = 0;
        let clients = 0;
        let any = false;
        for (const d of done) {
            if (!d.outcome.ok) continue;
            any = true;
            aps += d.outcome.value.aps;
            clients += d.outcome.value.clients;
        }
        if (!any) return { parts: [], attention: 0 };
        const parts = [plural(aps, "AP", "APs"), plural(clients, "client")];
        // The clients were read, but the router named in the node gave no addresses.
        if (this.options.whois?.routerProblem !== undefined)
            return { parts: [...parts, "no ARP"], attention: 1 };
        return { parts, attention: 0 };
    }
}
