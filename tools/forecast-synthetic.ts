/**
 * A deterministic virtual printer that prints on a schedule and drains its supplies, producing
 * `printer-supplies`-shaped device payloads with injected times. Used by the tests (series with
 * known answers) and the benchmark; nothing here talks to a network.
 */

import { DAY_MS, HOUR_MS } from "../nodes/lib/forecast/robust";
import { seededRng } from "./sim/dynamics";

/** Reporting granularity: whole percent, coarse steps (floor to a multiple), or 3 stages. */
export type Quantize = 1 | 5 | 10 | "stages" | "someRemaining";

export interface VirtualSupply {
    id: string;
    name: string;
    type: string;
    color: string | null;
    class: "consumed" | "receptacle";
    unit: string;
    /** prtMarkerSuppliesMaxCapacity in `unit` (100 for percent). */
    max: number;
    /** Pages one full cartridge lasts (for a waste box: pages until full). */
    yieldPages: number;
    quantize: Quantize;
    /** A waste box that reports used space instead of the space left. */
    inverted?: boolean;
    /** Amount left as a fraction of full (for a waste box: space left). */
    left: number;
}

export interface VirtualTray {
    id: string;
    name: string;
    max: number;
    /** Share of all pages that come from this tray. */
    share: number;
    sheets: number;
}

export interface VirtualPrinterOptions {
    host: string;
    device?: string;
    model?: string;
    /** Pages per working day ("office") or per day ("continuous"). */
    pagesPerDay: number;
    schedule: "office" | "continuous";
    /** Standard deviation of the level noise, in percent points. */
    noise?: number;
    seed?: number;
    startPages?: number;
}

export class VirtualPrinter {
    readonly supplies: VirtualSupply[] = [];
    readonly trays: VirtualTray[] = [];
    /** Exact pages printed (fractional between whole pages). */
    pages: number;
    /** Offset subtracted from the reported counter (to simulate a counter reset). */
    counterOffset = 0;
    time: number;
    /** Holidays: day indexes (ms / 86,400,000) on which an office printer is idle. */
    readonly holidays = new Set<number>();
    private readonly random: () => number;

    constructor(
        readonly options: VirtualPrinterOptions,
        start: number,
    ) {
        this.time = start;
        this.pages = options.startPages ?? 10_000;
        this.random = seededRng(options.seed ?? 1);
    }

    addSupply(s: Partial<VirtualSupply> & Pick<VirtualSupply, "id" | "yieldPages">): VirtualSupply {
        const supply: VirtualSupply = {
            name: `Supply ${s.id}`,
            type: "toner",
            color: "black",
            class: "consumed",
            unit: "percent",
            max: 100,
            quantize: 1,
            left: 1,
            ...s,
        };
        this.supplies.push(supply);
        return supply;
    }

    addTray(t: Partial<VirtualTray> & Pick<VirtualTray, "id">): VirtualTray {
        const tray: VirtualTray = { name: `Tray ${t.id}`, max: 500, share: 1, sheets: 500, ...t };
        this.trays.push(tray);
        return tray;
    }

    /** Pages printed per hour at a time (office: weekdays 08–18 UTC, not on holidays). */
    rateAt(ms: number): number {
        if (this.options.schedule === "continuous") return this.options.pagesPerDay / 24;
        const day = Math.floor(ms / DAY_MS);
        const weekday = new Date(ms).getUTCDay();
        const hour = new Date(ms).getUTCHours();
        if (weekday === 0 || weekday === 6 || this.holidays.has(day)) return 0;
        return hour >= 8 && hour < 18 ? this.options.pagesPerDay / 10 : 0;
    }

    /** Prints until `ms`, draining supplies and trays. */
    advance(ms: number): void {
        const step = HOUR_MS / 4;
        while (this.time < ms) {
            const dt = Math.min(step, ms - this.time);
            const printed = (this.rateAt(this.time) * dt) / HOUR_MS;
            this.time += dt;
            if (printed <= 0) continue;
            this.pages += printed;
            for (const s of this.supplies) s.left = Math.max(0, s.left - printed / s.yieldPages);
            for (const t of this.trays) t.sheets = Math.max(0, t.sheets - printed * t.share);
        }
    }

    replace(id: string, left = 1): void {
        const s = this.supplies.find((x) => x.id === id);
        if (s) s.left = left;
    }

    private noise(): number {
        const sd = this.options.noise ?? 0;
        if (sd === 0) return 0;
        // Box–Muller.
        const u = Math.max(this.random(), 1e-12);
        const v = this.random();
        return sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private row(s: VirtualSupply): Record<string, unknown> {
        const base = {
            id: s.id,
            name: s.name,
            type: s.type,
            color: s.color,
            class: s.class,
            unit: s.unit,
            max: s.max,
        };
        const left = s.inverted ? 1 - s.left : s.left;
        if (s.quantize === "someRemaining") {
            return { ...base, level: -3, percent: null, state: "someRemaining" };
        }
        let pct: number;
        if (s.quantize === "stages") pct = s.left <= 0 ? 1 : s.left < 0.1 ? 10 : 100;
        else {
            const raw = Math.min(100, Math.max(0, left * 100 + this.noise()));
            pct = Math.floor(raw / s.quantize) * s.quantize;
        }
        const level = Math.round((pct / 100) * s.max);
        const state =
            s.class === "receptacle" ? (s.left < 0.1 ? "almostFull" : "ok") : s.left < 0.1 ? "low" : "ok";
        return { ...base, level, percent: pct, state };
    }

    /** A device payload as `printer-supplies` sends it, timed at the printer's clock. */
    payload(): Record<string, unknown> {
        const o = this.options;
        return {
            device: o.device ?? o.host,
            host: o.host,
            reachable: true,
            model: o.model ?? "Virtual LaserJet",
            time: new Date(this.time).toISOString(),
            status: "idle",
            supplies: this.supplies.map((s) => this.row(s)),
            trays: this.trays.map((t) => ({
                id: t.id,
                name: t.name,
                media: "A4",
                level: Math.round(t.sheets),
                max: t.max,
                percent: Math.round((t.sheets / t.max) * 100),
                state: t.sheets <= 0 ? "empty" : "ok",
            })),
            pageCount: Math.floor(this.pages) - this.counterOffset,
        };
    }
}
