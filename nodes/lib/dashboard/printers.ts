/**
 * The view model of the printers panel, the same on both dashboards: the latest reading of each
 * printer (keyed by host), turned into cards a receptionist can read. Pure: the node feeds it
 * messages and the time, and sends what `view()` returns to the browser, where the page only
 * draws it, as text.
 *
 * - Marks (low, critical) come from one place, `AlertLevels`: the list of the threshold-alert node
 *   that feeds the panel, else threshold-alert's own rules at their defaults. The card's colour, its
 *   bars, the header counts and the alert list therefore agree.
 * - Words: each condition once, by name ("out of paper", "paper jam"); the status says what stops
 *   the printer instead of "down"; what a bar shows is not repeated as a line.
 * - Each supply keeps a small history line (the last weeks, bounded) in its ink's colour, and the
 *   days until it runs out when supply-forecast feeds the panel.
 *
 * Semantics follow the message contract of printer-supplies (output 1): `percent` is the supply
 * left for a consumable, and the space left for a receptacle (RFC 3805 prtMarkerSuppliesLevel),
 * so a waste box is drawn as its fullness, 100 - percent. Special levels arrive as states with a
 * null percent and are shown as words ("some remaining", "unknown"), never as a made-up number.
 */
import { reachableKey } from "../contract";
import {
    daysKey,
    errorKey,
    outputKey,
    readPrinterPayload,
    supplyKey,
    trayKey,
    type OutputBin,
    type PrinterAlert,
    type PrinterPayload,
    type PrinterStatus,
    type RowForecast,
    type Supply,
    type SupplyState,
    type Tray,
    type TrayState,
} from "../printer/contract";
import { plural, summaryStatus, type NodeStatus } from "../status";
import { supplyColour, TRAY_COLOUR, WASTE_COLOUR } from "./colors";
import { alertShownByBars, conditionOfAlert, CONDITIONS, type Condition } from "./conditions";
import { DeviceRegistry, type Tracked } from "./devices";
import { History, sparkline, type Sparkline } from "./history";
import { boardState, restoreBoard, type BoardParts, type BoardState, type RestoreResult } from "./saved";
import { counted, uniqueKeys, text, type Translate } from "./input";
import { AlertLevels, worse, type Mark } from "./levels";

export type Level = "critical" | "warning" | "ok" | "unknown";
export type Urgency = "critical" | "offline" | "warning" | "ok";

export interface Bar {
    key: string;
    /** The full name (the page wraps it, never cuts it). */
    name: string;
    /** Filled width, 0..100. */
    width: number;
    /** Fill colour (a fixed palette value, never device text). */
    fill: string;
    /** Drawn hatched: a state without a number (some remaining, unlimited). */
    hatched: boolean;
    /** "42 %", "8 % · low", "92 % full", "some remaining", "unknown"… */
    text: string;
    /** The mark (critical, warning) when the levels give one; unknown for a level not known. */
    level: Level;
    kind: "supply" | "waste" | "tray";
    /** The level over the last days or weeks (supplies with a number). */
    spark?: Sparkline;
    /** "empty in 12 days", when supply-forecast feeds the panel, and its mark. */
    forecast?: { text: string; level: Level };
}

export interface Issue {
    level: "critical" | "warning" | "info";
    text: string;
}

export interface PrinterCard {
    key: string;
    name: string;
    host: string;
    model: string;
    location: string;
    /** What the printer is doing, or what stops it: "idle", "printing", "paper jam", "down"... */
    status: string;
    /**
     * How the status is drawn: a mark (critical, warning), "stopped" (it cannot print, with no
     * alert on it), "offline" (unreachable or stale) or "ok".
     */
    statusLevel: "critical" | "warning" | "stopped" | "offline" | "ok";
    urgency: Urgency;
    /** Greyed: unreachable at the last poll, or no reading for N polls. */
    greyed: boolean;
    /** Why it is greyed, as text. */
    note: string;
    /** ISO 8601 time of the last good reading (absent when the printer was never read). */
    lastReading?: string;
    issues: Issue[];
    /** How many issues were left out to keep the card short. */
    moreIssues: number;
    supplies: Bar[];
    trays: Bar[];
    pageCount?: number;
}

export interface PrinterView {
    cards: PrinterCard[];
    counts: Record<Urgency, number>;
    /** "5 printers · 1 critical · 2 low · 1 offline". */
    summary: string;
    /** Where the marks come from: a threshold-alert list fed to the panel, or its default levels. */
    levels: "alerts" | "defaults";
}

export interface PrinterBoardOptions {
    /** Missed polls after which a printer is stale (node option, default 3). */
    stalePolls: number;
    /** Most printers kept; the one not heard from for longest goes first. */
    maxPrinters?: number;
}

/** The parts of a reachable reading the cards use, with device strings as display text. */
interface Reading {
    name: string;
    model: string;
    location: string;
    time?: string;
    status: PrinterStatus;
    errors: string[];
    alerts: PrinterAlert[];
    supplies: Supply[];
    trays: Tray[];
    outputs: OutputBin[];
    pageCount?: number;
}

const MAX_ISSUES = 6;
const DEFAULT_MAX_PRINTERS = 1000;
const DEFAULT_STALE_POLLS = 3;

/** The board options from a widget node's settings (the same on both dashboards). */
export function printerBoardOptions(config: { stalePolls?: unknown }): PrinterBoardOptions {
    const stalePolls = Number(config.stalePolls);
    return { stalePolls: stalePolls >= 1 ? stalePolls : DEFAULT_STALE_POLLS };
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const URGENCY_RANK: Record<Urgency, number> = { critical: 0, offline: 0, warning: 1, ok: 2 };
const ISSUE_RANK: Record<Issue["level"], number> = { critical: 0, warning: 1, info: 2 };

function clampPercent(p: number): number {
    return Math.min(100, Math.max(0, Math.round(p)));
}

function keep(p: PrinterPayload): Reading {
    const reading: Reading = {
        name: text(p.name),
        model: text(p.model),
        location: text(p.location),
        status: p.status,
        errors: p.errors.map((e) => text(e)).filter((e) => e !== ""),
        alerts: p.alerts.map((a) => ({ ...a, text: text(a.text), code: text(a.code), group: text(a.group) })),
        supplies: p.supplies,
        trays: p.trays,
        outputs: p.outputs,
    };
    if (p.time !== "") reading.time = p.time;
    if (p.pageCount !== null) reading.pageCount = p.pageCount;
    return reading;
}

/** Where a supply's history is filed: the device's key on the board and the supply's id. */
function historyKey(device: string, id: string): string {
    return `${device}|${id}`;
}

/** What a waste box's bar shows: how full it is (the reading says how much space is left). */
function shownPercent(s: Supply): number | null {
    if (s.percent === null) return null;
    return s.class === "receptacle" ? 100 - s.percent : s.percent;
}

export class PrinterBoard {
    private readonly devices: DeviceRegistry<PrinterPayload, Reading>;
    private readonly stalePolls: number;
    private readonly t: Translate;
    private readonly levels = new AlertLevels();
    private readonly history = new History();

    constructor(options: PrinterBoardOptions, t: Translate) {
        this.stalePolls = options.stalePolls;
        this.devices = new DeviceRegistry(
            {
                max: options.maxPrinters ?? DEFAULT_MAX_PRINTERS,
                stalePolls: options.stalePolls,
                evicted: (key) => this.history.dropPrefix(historyKey(key, "")),
            },
            readPrinterPayload,
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
     * Take in one message: output 1 of printer-supplies (or of supply-forecast, which adds the
     * days left), or output 2 of threshold-alert (its list of active alerts). Returns an error text
     * (and changes nothing) when the message is neither.
     */
    update(msg: Record<string, unknown>, now: number): string | undefined {
        if (this.levels.takeList(msg)) return undefined;
        const problem = this.devices.update(msg, now);
        if (problem !== undefined) {
            return this.t("ui_printer_supplies.errors.not-a-reading", { what: problem.what });
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
        return { panel: "printers", devices: this.devices, levels: this.levels, history: this.history };
    }

    /** Add the supplies of a reading to their history lines. */
    private record(msg: Record<string, unknown>, now: number): void {
        const read = readPrinterPayload(msg.payload);
        if (!read.ok || !read.payload.reachable) return;
        const key = this.devices.keyOf(read.identity, msg);
        for (const s of read.payload.supplies) {
            const p = shownPercent(s);
            if (p !== null && s.id !== "")
                this.history.add(historyKey(key, text(s.id)), now, clampPercent(p));
        }
    }

    /** The cards, most urgent first. */
    view(now: number): PrinterView {
        const stale = this.devices.staleness(now);
        const cards = this.devices.all().map((e) => this.card(e, stale.get(e.key) === true));
        cards.sort(
            (a, b) =>
                URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
                collator.compare(a.name, b.name) ||
                a.key.localeCompare(b.key),
        );
        const counts: Record<Urgency, number> = { critical: 0, offline: 0, warning: 0, ok: 0 };
        for (const c of cards) counts[c.urgency]++;
        const t = this.t;
        const parts = [counted(t, "ui_printer_supplies.summary.printers", cards.length)];
        for (const u of ["critical", "warning", "offline"] as const) {
            if (counts[u] > 0) parts.push(t(`ui_printer_supplies.summary.${u}`, { n: counts[u] }));
        }
        return { cards: uniqueKeys(cards), counts, summary: parts.join(" · "), levels: this.levels.source };
    }

    /** The next time (after `now`) at which a printer turns stale, if any: the view changes then. */
    nextChange(now: number): number | undefined {
        return this.devices.nextChange(now);
    }

    private card(e: Tracked<Reading>, stale: boolean): PrinterCard {
        const t = this.t;
        const r = e.reading;
        const at = { host: e.host };
        const marks: (Mark | undefined)[] = [this.levels.mark(reachableKey(at))];
        const supplies: Bar[] = [];
        const trays: Bar[] = [];
        let issues: Issue[] = [];
        let status = t(`ui_printer_supplies.status-text.${r?.status ?? "unknown"}`);
        let statusLevel: PrinterCard["statusLevel"] = r?.status === "down" ? "stopped" : "ok";
        if (r !== undefined) {
            r.supplies.forEach((s, i) => {
                const bar = this.supplyBar(e.key, at, s, i);
                supplies.push(bar);
                marks.push(bar.level === "critical" || bar.level === "warning" ? bar.level : undefined);
                if (bar.forecast) marks.push(asMark(bar.forecast.level));
            });
            r.trays.forEach((s, i) => {
                const bar = this.trayBar(at, s, i);
                trays.push(bar);
                marks.push(asMark(bar.level));
                if (bar.forecast) marks.push(asMark(bar.forecast.level));
            });
            for (const o of r.outputs) if (o.id !== "") marks.push(this.levels.mark(outputKey(at, o.id)));
            const words = this.conditions(at, r);
            for (const c of words.conditions) marks.push(asMark(c.level));
            const stop = words.conditions.find((c) => c.stops);
            if (stop !== undefined) {
                // What stops the printer is its status; "down" is left for a printer that says
                // nothing more.
                status = stop.text;
                statusLevel = asMark(stop.level) ?? "stopped";
            }
            issues = [
                ...words.conditions
                    .filter((c) => c !== stop && c.line)
                    .map((c) => ({ level: c.level, text: c.text })),
                ...words.notes,
            ];
            issues.sort((a, b) => ISSUE_RANK[a.level] - ISSUE_RANK[b.level]);
        }
        const mark = marks.reduce<Mark | undefined>((a, b) => worse(a, b), undefined);

        let urgency: Urgency = mark ?? "ok";
        let note = "";
        if (e.failure !== undefined) {
            urgency = "offline";
            note = t("ui_printer_supplies.card.unreachable", {
                error: e.failure.message || e.failure.code || "?",
            });
            status = t("ui_printer_supplies.status-text.unreachable");
            statusLevel = "offline";
        } else if (stale) {
            urgency = "offline";
            note = t("ui_printer_supplies.card.stale", { polls: this.stalePolls });
            status = t("ui_printer_supplies.status-text.stale");
            statusLevel = "offline";
        }
        const card: PrinterCard = {
            key: e.key,
            name: e.device || e.host,
            host: e.host,
            model: r?.model ?? "",
            location: r?.location ?? "",
            status,
            statusLevel,
            urgency,
            greyed: urgency === "offline",
            note,
            issues: issues.slice(0, MAX_ISSUES),
            moreIssues: Math.max(0, issues.length - MAX_ISSUES),
            supplies: uniqueKeys(supplies),
            trays: uniqueKeys(trays),
        };
        if (r?.time !== undefined) card.lastReading = r.time;
        if (r?.pageCount !== undefined) card.pageCount = r.pageCount;
        return card;
    }

    /**
     * The printer's conditions, each once and in the table's order, with their mark; and the
     * printer's own alert texts that are none of them (as plain notes, without a mark of their
     * own: the marks come from the levels).
     */
    private conditions(
        at: { host: string },
        r: Reading,
    ): {
        conditions: { id: string; text: string; level: Issue["level"]; stops: boolean; line: boolean }[];
        notes: Issue[];
    } {
        const present = new Set<Condition>();
        for (const c of CONDITIONS) if (c.errors.some((e) => r.errors.includes(e))) present.add(c);
        const outputs = new Set(r.outputs.map((o) => o.state));
        for (const c of CONDITIONS) {
            if (
                (c.id === "outputFull" && outputs.has("full")) ||
                (c.id === "outputNearFull" && outputs.has("nearFull"))
            )
                present.add(c);
        }
        const notes: Issue[] = [];
        const seen = new Set<string>();
        for (const a of r.alerts) {
            const c = conditionOfAlert(a.group, a.code);
            if (c !== undefined) {
                present.add(c);
                continue;
            }
            if (alertShownByBars(a.group, a.code)) continue;
            const words = a.text || a.code;
            const norm = words.toLowerCase();
            if (words === "" || seen.has(norm)) continue;
            seen.add(norm);
            notes.push({ level: "info", text: words });
        }
        // A full output bin is one condition: "nearly full" goes once it is full.
        if (Array.from(present).some((c) => c.id === "outputFull")) {
            for (const c of present) if (c.id === "outputNearFull") present.delete(c);
        }
        const conditions = CONDITIONS.filter((c) => present.has(c)).map((c) => {
            const shown =
                (c.shownBy === "supplies" && r.supplies.length > 0) ||
                (c.shownBy === "trays" && r.trays.length > 0);
            return {
                id: c.id,
                text: this.t(`ui_printer_supplies.condition.${c.id}`),
                level: this.conditionMark(at, c, r) ?? ("info" as const),
                stops: c.stops,
                line: !shown,
            };
        });
        const said = new Set(conditions.map((c) => c.text.toLowerCase()));
        return { conditions, notes: notes.filter((n) => !said.has(n.text.toLowerCase())) };
    }

    /** The mark of a condition: its threshold-alert key, and for "out of paper" its empty trays. */
    private conditionMark(at: { host: string }, c: Condition, r: Reading): Mark | undefined {
        let mark = c.alertError === undefined ? undefined : this.levels.mark(errorKey(at, c.alertError));
        if (c.id === "noPaper") {
            for (const tray of r.trays) {
                const empty = tray.state === "empty" || tray.percent === 0;
                if (empty && !tray.manual && tray.id !== "")
                    mark = worse(mark, this.levels.mark(trayKey(at, tray.id)));
            }
        }
        return mark;
    }

    private stateText(state: SupplyState | TrayState, waste: boolean): string {
        if (waste && state === "someRemaining") return this.t("ui_printer_supplies.state.notFull");
        return this.t(`ui_printer_supplies.state.${state}`);
    }

    /** " · low", " · very low", " · empty" after a number, from its mark. */
    private markWords(mark: Mark | undefined, percent: number, state: SupplyState | TrayState): string {
        if (mark === undefined) return "";
        if (state === "empty" || percent === 0) return ` · ${this.t("ui_printer_supplies.state.empty")}`;
        return ` · ${this.t(`ui_printer_supplies.mark.${mark}`)}`;
    }

    /** "empty in 12 days" (or "full in" for a waste box) and its mark, when a forecast says so. */
    private forecast(
        forecast: RowForecast | undefined,
        key: string,
        waste: boolean,
    ): Bar["forecast"] | undefined {
        const days = forecast?.daysLeft;
        if (days === null || days === undefined || days < 0) return undefined;
        const n = Math.round(days);
        const what = waste ? "full" : "empty";
        const words =
            days < 1
                ? this.t(`ui_printer_supplies.forecast.${what}-today`)
                : counted(this.t, `ui_printer_supplies.forecast.${what}-in`, n);
        return { text: words, level: this.levels.mark(daysKey(key)) ?? "ok" };
    }

    private supplyBar(device: string, at: { host: string }, s: Supply, i: number): Bar {
        const t = this.t;
        const state = s.state;
        const percent = s.percent ?? undefined;
        const name = text(s.name) || text(s.type) || `#${i + 1}`;
        const id = text(s.id);
        const key = id || String(i);
        const alertKey = supplyKey(at, id);
        const mark = id === "" ? undefined : this.levels.mark(alertKey);
        const waste = s.class === "receptacle";
        const extra: Pick<Bar, "spark" | "forecast"> = {};
        const spark = id === "" ? undefined : sparkline(this.history.get(historyKey(device, id)), 0, 100);
        if (spark !== undefined) extra.spark = spark;
        const forecast = id === "" ? undefined : this.forecast(s.forecast, alertKey, waste);
        if (forecast !== undefined) extra.forecast = forecast;
        // A receptacle (waste box): its percent is the space left; the bar shows how full it is.
        if (waste) {
            if (percent !== undefined) {
                const full = clampPercent(100 - percent);
                return {
                    key,
                    name,
                    width: full,
                    fill: WASTE_COLOUR,
                    hatched: false,
                    text: t("ui_printer_supplies.bar.full", { percent: full }),
                    level: mark ?? "ok",
                    kind: "waste",
                    ...extra,
                };
            }
            return {
                key,
                name,
                width: state === "full" ? 100 : 0,
                fill: WASTE_COLOUR,
                hatched: false,
                text: this.stateText(state, true),
                level: mark ?? (state === "unknown" ? "unknown" : "ok"),
                kind: "waste",
                ...extra,
            };
        }
        const fill = supplyColour(s.color).fill;
        if (percent !== undefined) {
            const p = clampPercent(percent);
            return {
                key,
                name,
                width: p,
                fill,
                hatched: false,
                text: t("ui_printer_supplies.bar.percent", { percent: p }) + this.markWords(mark, p, state),
                level: mark ?? "ok",
                kind: "supply",
                ...extra,
            };
        }
        const numberless = state === "someRemaining" || state === "unlimited";
        return {
            key,
            name,
            width: numberless ? 100 : 0,
            fill,
            hatched: numberless,
            text: this.stateText(state, false),
            level: mark ?? (state === "unknown" ? "unknown" : "ok"),
            kind: "supply",
            ...extra,
        };
    }

    private trayBar(at: { host: string }, s: Tray, i: number): Bar {
        const t = this.t;
        const state = s.state;
        const percent = s.percent ?? undefined;
        const name = text(s.name) || text(s.media) || t("ui_printer_supplies.card.tray", { n: i + 1 });
        const id = text(s.id);
        const key = id || String(i);
        const alertKey = trayKey(at, id);
        const mark = id === "" ? undefined : this.levels.mark(alertKey);
        const forecast = id === "" ? undefined : this.forecast(s.forecast, alertKey, false);
        const extra: Pick<Bar, "forecast"> = forecast === undefined ? {} : { forecast };
        if (percent !== undefined) {
            const p = clampPercent(percent);
            return {
                key,
                name,
                width: p,
                fill: TRAY_COLOUR,
                hatched: false,
                text: t("ui_printer_supplies.bar.percent", { percent: p }) + this.markWords(mark, p, state),
                level: mark ?? "ok",
                kind: "tray",
                ...extra,
            };
        }
        const numberless = state === "someRemaining" || state === "unlimited";
        return {
            key,
            name,
            width: numberless ? 100 : 0,
            fill: TRAY_COLOUR,
            hatched: numberless,
            text: this.stateText(state, false),
            level: mark ?? (state === "unknown" ? "unknown" : "ok"),
            kind: "tray",
            ...extra,
        };
    }
}

function asMark(level: string): Mark | undefined {
    return level === "critical" || level === "warning" ? level : undefined;
}

/** The node status after an update: green with the count, yellow when a printer needs a look. */
export function printerStatus(view: PrinterView): NodeStatus {
    const { critical, warning, offline } = view.counts;
    const parts = [plural(view.cards.length, "printer")];
    if (critical + warning > 0) parts.push(`${critical + warning} low`);
    if (offline > 0) parts.push(`${offline} offline`);
    return summaryStatus(parts, { total: view.cards.length, failed: offline, attention: critical + warning });
}
