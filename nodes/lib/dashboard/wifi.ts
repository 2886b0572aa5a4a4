/**
 * The view model of the wifi-clients widget: the latest reading of each access point or
 * controller (keyed by host), turned into a client count per AP and one table row per client with
 * a signal quality class. Pure, like printers.ts: the node feeds it messages and the time.
 *
 * Signal quality, from the client's signal in dBm when the device gives it (ap-clients keeps
 * `signal` for real dBm only), else from its SNR in dB:
 *
 * | quality   | signal (dBm)    | SNR (dB) |
 * |-----------|-----------------|----------|
 * | excellent | -50 or more     | 40 or more |
 * | good      | -60 to -51      | 25 to 39 |
 * | fair      | -70 to -61      | 15 to 24 |
 * | poor      | below -70       | below 15 |
 *
 * These are the usual Wi-Fi planning bands (about -67 dBm / 25 dB is what voice and video need).
 *
 * Each access point also keeps a bounded history of its client count and of its clients' median
 * signal (the graph of who is on which AP, and how well, over time); its load verdict when
 * ap-clients gives one; and a mark on its client count from the same levels as threshold-alert's
 * (its list when it feeds the widget, else its defaults, see levels.ts).
 */
import { apClientsKey, readApPayload, type ApReading, type ClientInfo, type Load } from "../ap/contract";
import { median } from "./freshness";
import { plural, summaryStatus, type NodeStatus } from "../status";
import { DeviceRegistry } from "./devices";
import { History, sparkline, type Sparkline } from "./history";
import { boardState, restoreBoard, type BoardParts, type BoardState, type RestoreResult } from "./saved";
import { counted, text, uniqueKeys, type Translate } from "./input";
import { AlertLevels, type Mark } from "./levels";

export type Quality = "excellent" | "good" | "fair" | "poor" | "unknown";

/** Lower bounds (inclusive) of each quality, in dBm and in dB of SNR. */
export const SIGNAL_DBM = { excellent: -50, good: -60, fair: -70 } as const;
export const SIGNAL_SNR = { excellent: 40, good: 25, fair: 15 } as const;

/** A dBm reading we believe: negative and above the thermal noise floor of any radio. */
function plausibleDbm(v: number | undefined): v is number {
    return v !== undefined && v < 0 && v > -130;
}
function plausibleSnr(v: number | undefined): v is number {
    return v !== undefined && v >= 0 && v < 120;
}

export function signalQuality(signal?: number, snr?: number): Quality {
    if (plausibleDbm(signal)) {
        if (signal >= SIGNAL_DBM.excellent) return "excellent";
        if (signal >= SIGNAL_DBM.good) return "good";
        if (signal >= SIGNAL_DBM.fair) return "fair";
        return "poor";
    }
    if (plausibleSnr(snr)) {
        if (snr >= SIGNAL_SNR.excellent) return "excellent";
        if (snr >= SIGNAL_SNR.good) return "good";
        if (snr >= SIGNAL_SNR.fair) return "fair";
        return "poor";
    }
    return "unknown";
}

/** "2.4" or "2.4GHz" → "2.4 GHz"; anything else is shown as given. */
export function bandText(band: unknown): string {
    const b = text(band, 20);
    const m = /^(\d+(?:\.\d+)?)\s*(?:GHz)?$/i.exec(b);
    return m ? `${m[1]} GHz` : b;
}

export interface ApRow {
    key: string;
    name: string;
    device: string;
    /** Client count; null when the device does not say. */
    clients: number | null;
    /** Bar width 0..100, relative to the busiest AP on the widget. */
    width: number;
    greyed: boolean;
    /** The mark on the client count (too many clients), from the levels. */
    level: Mark | "ok";
    /** ap-clients' verdict, when it gives one, and its words. */
    load?: Load;
    loadText?: string;
    /** "median -61 dBm · 2 weak", when the clients' signal is known. */
    signalText?: string;
    /** The median signal's quality class, for its colour. */
    quality?: Quality;
    /** Client count and median signal over the last hours to weeks. */
    clientsSpark?: Sparkline;
    signalSpark?: Sparkline;
}

export interface ClientRow {
    key: string;
    /** The client's name when known (the user's table, else its host name), else its MAC. */
    label: string;
    mac: string;
    /** Its maker, or "private address" for a randomised MAC, or "" when not known. */
    vendor: string;
    ip: string;
    ap: string;
    ssid: string;
    band: string;
    /** "-52 dBm", "SNR 31 dB" or "" when the device gives neither. */
    signalText: string;
    quality: Quality;
    /** The quality as a word ("good"). */
    qualityText: string;
    /**
     * Sort key of the signal column: dBm when known; an SNR-only reading is placed as if the
     * noise floor were -95 dBm, so both kinds sort together (it is never shown as dBm).
     */
    signalSort: number;
    greyed: boolean;
}

export interface DeviceNote {
    key: string;
    name: string;
    level: "offline" | "info";
    text: string;
    lastReading?: string;
}

export interface WifiView {
    aps: ApRow[];
    clients: ClientRow[];
    notes: DeviceNote[];
    totals: { devices: number; aps: number; clients: number };
    /** "3 devices · 14 APs · 212 clients". */
    summary: string;
    /** Most table rows drawn; the browser sorts all rows, then shows this many. */
    maxRows: number;
    /** Where the marks come from: a threshold-alert list fed to the widget, or its default levels. */
    levels: "alerts" | "defaults";
}

export interface WifiBoardOptions {
    stalePolls: number;
    maxRows: number;
    maxDevices?: number;
}

interface KeptAp {
    id: string;
    name: string;
    clients: number | null;
    load?: Load;
    /** The clients' median signal (dBm) and how many are weak, from ap-clients or the clients. */
    median?: number;
    weak?: number;
}

/** The parts of a reachable reading the widget draws. */
interface Reading {
    time?: string;
    aps: KeptAp[];
    totalClients?: number;
    clients: ClientInfo[];
    perClient: boolean;
}

const DEFAULT_MAX_DEVICES = 200;
const DEFAULT_STALE_POLLS = 3;
const DEFAULT_MAX_ROWS = 200;

/** The board options from a widget node's settings (the same on both dashboards). */
export function wifiBoardOptions(config: { stalePolls?: unknown; maxRows?: unknown }): WifiBoardOptions {
    const stalePolls = Number(config.stalePolls);
    const maxRows = Number(config.maxRows);
    return {
        stalePolls: stalePolls >= 1 ? stalePolls : DEFAULT_STALE_POLLS,
        maxRows: maxRows >= 1 ? Math.floor(maxRows) : DEFAULT_MAX_ROWS,
    };
}
const NOISE_FLOOR_DBM = -95;
const NO_SIGNAL_SORT = -999;

// One collator for every comparison: localeCompare with options builds one per call, which
// dominates the time of sorting a 5,000-client table.
const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
const compareText = collator.compare;

/** Signal scale of the history lines, dBm: bottom and top of the picture. */
const SIGNAL_FLOOR = -90;
const SIGNAL_TOP = -30;

/** The median dBm of the clients of each AP (by AP name, as clients name their AP). */
function medianByAp(clients: ClientInfo[]): Map<string, number> {
    const by = new Map<string, number[]>();
    for (const c of clients) {
        if (!plausibleDbm(c.signal) || c.ap === undefined) continue;
        const list = by.get(c.ap) ?? [];
        list.push(c.signal);
        by.set(c.ap, list);
    }
    const out = new Map<string, number>();
    for (const [ap, list] of by) {
        const m = median(list);
        if (m !== undefined) out.set(ap, m);
    }
    return out;
}

function keepAp(a: ApReading["aps"][number], i: number, medians: Map<string, number>): KeptAp {
    const kept: KeptAp = {
        id: text(a.id) || text(a.mac) || String(i),
        name: text(a.name) || text(a.mac) || text(a.ip) || `#${i + 1}`,
        clients: a.clients ?? null,
    };
    if (a.load !== undefined) kept.load = a.load;
    const m = plausibleDbm(a.signal?.median) ? a.signal?.median : medians.get(a.name);
    if (m !== undefined) kept.median = m;
    if (a.signal?.weak !== undefined) kept.weak = a.signal.weak;
    return kept;
}

function keep(p: ApReading): Reading {
    const medians = medianByAp(p.clients);
    const reading: Reading = {
        aps: p.aps.map((a, i) => keepAp(a, i, medians)),
        clients: p.clients,
        perClient: p.capabilities.perClient,
    };
    if (p.time !== "") reading.time = p.time;
    if (p.totals.clients !== null) reading.totalClients = p.totals.clients;
    return reading;
}

/** Where an AP's history lines are filed: the device's key on the board, the AP's id, the line. */
function historyKey(device: string, ap: string, line: "clients" | "signal"): string {
    return `${device}|${ap}|${line}`;
}

export class WifiBoard {
    private readonly devices: DeviceRegistry<ApReading, Reading>;
    private readonly options: Required<WifiBoardOptions>;
    private readonly t: Translate;
    private readonly levels = new AlertLevels();
    private readonly history = new History();

    constructor(options: WifiBoardOptions, t: Translate) {
        this.options = { maxDevices: DEFAULT_MAX_DEVICES, ...options };
        this.devices = new DeviceRegistry(
            {
                max: this.options.maxDevices,
                stalePolls: this.options.stalePolls,
                evicted: (key) => this.history.dropPrefix(`${key}|`),
            },
            readApPayload,
            keep,
        );
        this.t = t;
    }

    get size(): number {
        return this.devices.size;
    }

    clear(): void {
        this.devices.clear();
        this.levels.clear();
        this.history.clear();
    }

    /**
     * Take in one message: output 1 of ap-clients, or output 2 of threshold-alert (its list of
     * active alerts, for the marks). An error text, and no change, when it is neither.
     */
    update(msg: Record<string, unknown>, now: number): string | undefined {
        if (this.levels.takeList(msg)) return undefined;
        const problem = this.devices.update(msg, now);
        if (problem !== undefined) {
            return this.t("ui_wifi_clients.errors.not-a-reading", { what: problem.what });
        }
        this.levels.observe(msg, now);
        this.record(msg, now);
        return undefined;
    }

    /** What the node keeps across deploys and restarts (saved.ts). */
    snapshot(): BoardState {
        return boardState(this.saved());
    }

    /** Take back what an earlier run saved, under what arrived since the start. */
    restore(saved: unknown, now: number): RestoreResult {
        return restoreBoard(this.saved(), saved, now);
    }

    private saved(): BoardParts {
        return { panel: "wifi", devices: this.devices, levels: this.levels, history: this.history };
    }

    /** Add each AP's client count and median signal to its history lines. */
    private record(msg: Record<string, unknown>, now: number): void {
        const read = readApPayload(msg.payload);
        if (!read.ok || !read.payload.reachable) return;
        const device = this.devices.keyOf(read.identity, msg);
        const medians = medianByAp(read.payload.clients);
        read.payload.aps.forEach((a, i) => {
            const ap = keepAp(a, i, medians);
            if (ap.clients !== null) this.history.add(historyKey(device, ap.id, "clients"), now, ap.clients);
            if (ap.median !== undefined)
                this.history.add(historyKey(device, ap.id, "signal"), now, ap.median);
        });
    }

    nextChange(now: number): number | undefined {
        return this.devices.nextChange(now);
    }

    view(now: number): WifiView {
        const t = this.t;
        const staleness = this.devices.staleness(now);
        const aps: ApRow[] = [];
        const clients: ClientRow[] = [];
        const notes: DeviceNote[] = [];
        let apCount = 0;
        let clientCount = 0;

        const entries = this.devices
            .all()
            .sort((a, b) => compareText(a.device, b.device) || a.key.localeCompare(b.key));
        for (const e of entries) {
            const stale = staleness.get(e.key) === true;
            const greyed = stale || e.failure !== undefined;
            const r = e.reading;
            const name = e.device || e.host;
            if (e.failure !== undefined) {
                notes.push({
                    key: e.key,
                    name,
                    level: "offline",
                    text: t("ui_wifi_clients.note.unreachable", {
                        error: e.failure.message || e.failure.code || "?",
                    }),
                    ...(r?.time !== undefined ? { lastReading: r.time } : {}),
                });
            } else if (stale) {
                notes.push({
                    key: e.key,
                    name,
                    level: "offline",
                    text: t("ui_wifi_clients.note.stale", { polls: this.options.stalePolls }),
                    ...(r?.time !== undefined ? { lastReading: r.time } : {}),
                });
            }
            if (r === undefined) continue;
            if (!r.perClient) {
                notes.push({
                    key: `${e.key}#counts`,
                    name,
                    level: "info",
                    text: t("ui_wifi_clients.note.counts-only"),
                });
            }
            const deviceAps: KeptAp[] =
                r.aps.length > 0
                    ? r.aps
                    : r.totalClients !== undefined
                      ? [{ id: "", name, clients: r.totalClients }]
                      : [];
            for (const a of deviceAps) aps.push(this.apRow(e.key, e.host, name, a, greyed));
            apCount += deviceAps.length;
            clientCount += r.totalClients ?? deviceAps.reduce((n, a) => n + (a.clients ?? 0), 0);
            r.clients.forEach((c, i) => {
                const mac = text(c.mac, 40);
                const { signal, snr } = c;
                let signalText = "";
                let signalSort = NO_SIGNAL_SORT;
                if (plausibleDbm(signal)) {
                    signalText = t("ui_wifi_clients.signal.dbm", { value: Math.round(signal) });
                    signalSort = signal;
                } else if (plausibleSnr(snr)) {
                    signalText = t("ui_wifi_clients.signal.snr", { value: Math.round(snr) });
                    signalSort = NOISE_FLOOR_DBM + snr;
                }
                const quality = signalQuality(signal, snr);
                clients.push({
                    key: `${e.key}|${mac || i}`,
                    label: text(c.name) || text(c.hostname) || mac || "?",
                    mac,
                    vendor: c.randomMac === true ? t("ui_wifi_clients.vendor.private") : text(c.vendor),
                    ip: text(c.ip, 60),
                    ap: text(c.ap),
                    ssid: text(c.ssid),
                    band: bandText(c.band),
                    signalText,
                    quality,
                    qualityText: t(`ui_wifi_clients.quality.${quality}`),
                    signalSort,
                    greyed,
                });
            });
        }
        const busiest = Math.max(0, ...aps.map((a) => a.clients ?? 0));
        for (const a of aps) {
            a.width = busiest > 0 && a.clients !== null ? Math.round((100 * a.clients) / busiest) : 0;
        }
        aps.sort(
            (a, b) =>
                compareText(a.name, b.name) || compareText(a.device, b.device) || a.key.localeCompare(b.key),
        );
        // The initial order (before a user clicks a header): by AP, then by name.
        clients.sort(
            (a, b) => compareText(a.ap, b.ap) || compareText(a.label, b.label) || a.key.localeCompare(b.key),
        );
        const totals = { devices: this.devices.size, aps: apCount, clients: clientCount };
        const summary = [
            counted(t, "ui_wifi_clients.summary.devices", totals.devices),
            counted(t, "ui_wifi_clients.summary.aps", totals.aps),
            counted(t, "ui_wifi_clients.summary.clients", totals.clients),
        ].join(" · ");
        return {
            aps: uniqueKeys(aps),
            clients: uniqueKeys(clients),
            notes,
            totals,
            summary,
            maxRows: this.options.maxRows,
            levels: this.levels.source,
        };
    }

    private apRow(device: string, host: string, deviceName: string, a: KeptAp, greyed: boolean): ApRow {
        const t = this.t;
        const row: ApRow = {
            key: `${device}|${a.id}`,
            name: a.name,
            device: deviceName,
            clients: a.clients,
            width: 0,
            greyed,
            level: (a.id === "" ? undefined : this.levels.mark(apClientsKey({ host }, a.id))) ?? "ok",
        };
        if (a.load !== undefined) {
            row.load = a.load;
            row.loadText = t(`ui_wifi_clients.load.${a.load}`);
        }
        if (a.median !== undefined) {
            const parts = [t("ui_wifi_clients.signal.median", { value: Math.round(a.median) })];
            if (a.weak !== undefined && a.weak > 0)
                parts.push(counted(t, "ui_wifi_clients.signal.weak", a.weak));
            row.signalText = parts.join(" · ");
            row.quality = signalQuality(a.median);
        }
        const clientsSeries = this.history.get(historyKey(device, a.id, "clients"));
        const top = Math.max(1, ...(clientsSeries?.values ?? []));
        const clientsSpark = sparkline(clientsSeries, 0, top);
        if (clientsSpark !== undefined) row.clientsSpark = clientsSpark;
        const signalSpark = sparkline(
            this.history.get(historyKey(device, a.id, "signal")),
            SIGNAL_FLOOR,
            SIGNAL_TOP,
        );
        if (signalSpark !== undefined) row.signalSpark = signalSpark;
        return row;
    }
}

/** The node status after an update: "3 APs, 212 clients", yellow when a device is offline. */
export function wifiStatus(view: WifiView): NodeStatus {
    const offline = view.notes.filter((n) => n.level === "offline").length;
    const parts = [plural(view.totals.aps, "AP"), plural(view.totals.clients, "client")];
    if (offline > 0) parts.push(`${offline} offline`);
    return summaryStatus(parts, { total: view.totals.devices, failed: offline, attention: 0 });
}
