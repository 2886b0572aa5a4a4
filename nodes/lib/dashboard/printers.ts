/**
 * The view model of the printer-supplies widget: the latest reading of each printer (keyed by
 * host), turned into cards a receptionist can read. Pure: the node feeds it messages and the
 * time, and sends what `view()` returns to the browser, where Angular binds it as text.
 *
 * Semantics follow the message contract of printer-supplies (output 1): `percent` is the supply
 * left for a consumable, and the space left for a receptacle (RFC 3805 prtMarkerSuppliesLevel),
 * so a waste box is drawn as its fullness, 100 - percent. Special levels arrive as states with a
 * null percent and are shown as words ("some remaining", "unknown"), never as a made-up number.
 */
import {
    readPrinterPayload,
    type OutputBin,
    type PrinterPayload,
    type PrinterStatus,
    type Supply,
    type SupplyState,
    type Tray,
    type TrayState,
} from "../printer/contract";
import { plural, summaryStatus, type NodeStatus } from "../status";
import { supplyColour, TRAY_COLOUR, WASTE_COLOUR } from "./colors";
import { DeviceRegistry, type Tracked } from "./devices";
import { counted, uniqueKeys, text, type Translate } from "./input";

export type Level = "critical" | "warning" | "ok" | "unknown";
export type Urgency = "critical" | "offline" | "warning" | "ok";

export interface Bar {
    key: string;
    name: string;
    /** Filled width, 0..100. */
    width: number;
    /** Fill colour (a fixed palette value, never device text). */
    fill: string;
    /** Drawn hatched: a state without a number (some remaining, unlimited). */
    hatched: boolean;
    /** "42 %", "92 % full", "some remaining", "unknown"… */
    text: string;
    level: Level;
    kind: "supply" | "waste" | "tray";
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
    status: string;
    /** Colour of the status text: only "down" and offline stand out (the border shows urgency). */
    statusLevel: "critical" | "offline" | "ok";
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
    alerts: { level: Issue["level"]; text: string; code: string }[];
    supplies: Supply[];
    trays: Tray[];
    outputs: OutputBin[];
    pageCount?: number;
}

/** hrPrinterDetectedErrorState bits (RFC 3805 / HOST-RESOURCES-V2-MIB) that stop printing. */
const CRITICAL_ERRORS = new Set([
    "noPaper",
    "noToner",
    "doorOpen",
    "jammed",
    "offline",
    "serviceRequested",
    "inputTrayMissing",
    "outputTrayMissing",
    "markerSupplyMissing",
    "outputFull",
]);

const MAX_ISSUES = 6;
const DEFAULT_STALE_POLLS = 3;

/** The board options from a widget node's settings (the same on both dashboards). */
export function printerBoardOptions(config: { stalePolls?: unknown }): PrinterBoardOptions {
    const stalePolls = Number(config.stalePolls);
    return { stalePolls: stalePolls >= 1 ? stalePolls : DEFAULT_STALE_POLLS };
}
const DEFAULT_MAX_PRINTERS = 1000;

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const URGENCY_RANK: Record<Urgency, number> = { critical: 0, offline: 0, warning: 1, ok: 2 };

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
        alerts: p.alerts.map((a) => ({
            level: a.severity === "other" ? "info" : a.severity,
            text: text(a.text),
            code: text(a.code),
        })),
        supplies: p.supplies,
        trays: p.trays,
        outputs: p.outputs,
    };
    if (p.time !== "") reading.time = p.time;
    if (p.pageCount !== null) reading.pageCount = p.pageCount;
    return reading;
}

export class PrinterBoard {
    private readonly devices: DeviceRegistry<PrinterPayload, Reading>;
    private readonly stalePolls: number;
    private readonly t: Translate;

    constructor(options: PrinterBoardOptions, t: Translate) {
        this.stalePolls = options.stalePolls;
        this.devices = new DeviceRegistry(
            { max: options.maxPrinters ?? DEFAULT_MAX_PRINTERS, stalePolls: options.stalePolls },
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
    }

    /**
     * Take in one output-1 message of printer-supplies. Returns an error text (and changes
     * nothing) when the message is not a printer reading.
     */
    update(msg: Record<string, unknown>, now: number): string | undefined {
        const problem = this.devices.update(msg, now);
        if (problem === undefined) return undefined;
        return this.t("ui_printer_supplies.errors.not-a-reading", { what: problem.what });
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
        return { cards: uniqueKeys(cards), counts, summary: parts.join(" · ") };
    }

    /** The next time (after `now`) at which a printer turns stale, if any: the view changes then. */
    nextChange(now: number): number | undefined {
        return this.devices.nextChange(now);
    }

    private card(e: Tracked<Reading>, stale: boolean): PrinterCard {
        const t = this.t;
        const r = e.reading;
        const issues: Issue[] = [];
        let level = "ok" as Level;
        const raise = (l: Level): void => {
            if (l === "critical" || (l === "warning" && level !== "critical")) level = l;
        };

        const supplies: Bar[] = [];
        const trays: Bar[] = [];
        if (r !== undefined) {
            if (r.status === "down") raise("critical");
            for (const name of r.errors) {
                const critical = CRITICAL_ERRORS.has(name);
                raise(critical ? "critical" : "warning");
                issues.push({
                    level: critical ? "critical" : "warning",
                    text: this.known(`ui_printer_supplies.error.${name}`, name),
                });
            }
            for (const a of r.alerts) {
                if (a.text === "" && a.code === "") continue;
                if (a.level !== "info") raise(a.level);
                issues.push({ level: a.level, text: a.text || a.code });
            }
            r.supplies.forEach((s, i) => {
                const bar = this.supplyBar(s, i);
                raise(bar.level);
                supplies.push(bar);
            });
            // Trays colour their own bar but do not make the card urgent: the bypass tray of most
            // printers is always empty. Out of paper shows up as the printer's noPaper error instead.
            r.trays.forEach((s, i) => trays.push(this.trayBar(s, i)));
            for (const o of r.outputs) {
                if (o.state === "full") raise("critical");
                else if (o.state === "nearFull") raise("warning");
            }
        }
        // Critical first, so a jam is not hidden behind an informational alert.
        const order = { critical: 0, warning: 1, info: 2 };
        issues.sort((a, b) => order[a.level] - order[b.level]);

        let urgency: Urgency = level === "critical" ? "critical" : level === "warning" ? "warning" : "ok";
        let note = "";
        if (e.failure !== undefined) {
            urgency = "offline";
            note = t("ui_printer_supplies.card.unreachable", {
                error: e.failure.message || e.failure.code || "?",
            });
        } else if (stale) {
            urgency = "offline";
            note = t("ui_printer_supplies.card.stale", { polls: this.stalePolls });
        }
        let status = t(`ui_printer_supplies.status-text.${r?.status ?? "unknown"}`);
        if (e.failure !== undefined) status = t("ui_printer_supplies.status-text.unreachable");
        else if (stale) status = t("ui_printer_supplies.status-text.stale");
        const statusLevel = urgency === "offline" ? "offline" : r?.status === "down" ? "critical" : "ok";
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

    /** A catalog text, or the fallback when the catalog has no such key (RED._ returns the key). */
    private known(key: string, fallback: string): string {
        const value = this.t(key);
        return value === "" || value === key || value.endsWith(key) ? fallback : value;
    }

    private stateText(state: SupplyState | TrayState, waste: boolean): string {
        if (waste && state === "someRemaining") return this.t("ui_printer_supplies.state.notFull");
        return this.t(`ui_printer_supplies.state.${state}`);
    }

    private supplyBar(s: Supply, i: number): Bar {
        const t = this.t;
        const state = s.state;
        const percent = s.percent ?? undefined;
        const name = text(s.name) || text(s.type) || `#${i + 1}`;
        const key = text(s.id) || String(i);
        // A receptacle (waste box): its percent is the space left.
        if (s.class === "receptacle") {
            const level: Level = state === "full" ? "critical" : state === "almostFull" ? "warning" : "ok";
            if (percent !== undefined) {
                const full = clampPercent(100 - percent);
                // The number says it all here; "almost full" shows as the warning colour.
                return {
                    key,
                    name,
                    width: full,
                    fill: WASTE_COLOUR,
                    hatched: false,
                    text: t("ui_printer_supplies.bar.full", { percent: full }),
                    level,
                    kind: "waste",
                };
            }
            return {
                key,
                name,
                width: state === "full" ? 100 : 0,
                fill: WASTE_COLOUR,
                hatched: false,
                text: this.stateText(state, true),
                level: state === "unknown" ? "unknown" : level,
                kind: "waste",
            };
        }
        const level: Level =
            state === "empty"
                ? "critical"
                : state === "low"
                  ? "warning"
                  : state === "unknown"
                    ? "unknown"
                    : "ok";
        const fill = supplyColour(s.color).fill;
        if (percent !== undefined) {
            const p = clampPercent(percent);
            const suffix = state === "low" || state === "empty" ? ` · ${this.stateText(state, false)}` : "";
            return {
                key,
                name,
                width: p,
                fill,
                hatched: false,
                text: t("ui_printer_supplies.bar.percent", { percent: p }) + suffix,
                level: level === "unknown" ? "ok" : level,
                kind: "supply",
            };
        }
        return {
            key,
            name,
            width: state === "someRemaining" || state === "unlimited" ? 100 : 0,
            fill,
            hatched: state === "someRemaining" || state === "unlimited",
            text: this.stateText(state, false),
            level,
            kind: "supply",
        };
    }

    private trayBar(s: Tray, i: number): Bar {
        const t = this.t;
        const state = s.state;
        const percent = s.percent ?? undefined;
        const name = text(s.name) || text(s.media) || t("ui_printer_supplies.card.tray", { n: i + 1 });
        const key = text(s.id) || String(i);
        // A manual feed (bypass tray) is empty most of the time: shown as it is, never as a warning.
        const manual = s.manual;
        const lacking = (state === "empty" || state === "low") && !manual;
        const level: Level = lacking ? "warning" : state === "unknown" ? "unknown" : "ok";
        if (percent !== undefined) {
            const p = clampPercent(percent);
            const suffix = lacking ? ` · ${this.stateText(state, false)}` : "";
            return {
                key,
                name,
                width: p,
                fill: TRAY_COLOUR,
                hatched: false,
                text: t("ui_printer_supplies.bar.percent", { percent: p }) + suffix,
                level: level === "unknown" ? "ok" : level,
                kind: "tray",
            };
        }
        return {
            key,
            name,
            width: state === "someRemaining" || state === "unlimited" ? 100 : 0,
            fill: TRAY_COLOUR,
            hatched: state === "someRemaining" || state === "unlimited",
            text: this.stateText(state, false),
            level,
            kind: "tray",
        };
    }
}

/** The node status after an update: green with the count, yellow when a printer needs a look. */
export function printerStatus(view: PrinterView): NodeStatus {
    const { critical, warning, offline } = view.counts;
    const parts = [plural(view.cards.length, "printer")];
    if (critical + warning > 0) parts.push(`${critical + warning} low`);
    if (offline > 0) parts.push(`${offline} offline`);
    return summaryStatus(parts, { total: view.cards.length, failed: offline, attention: critical + warning });
}
