/**
 * The small history lines of the dashboard widgets: one bounded series of numbers per thing
 * drawn (a supply's level, an access point's client count or median signal), and the SVG path
 * that draws it. The widgets keep the last weeks of each at a resolution that coarsens with age
 * of the series: when a series is full, every other point is dropped, so it always spans from its
 * first point to now with at most MAX_POINTS points, whatever the polling interval.
 *
 * The history is a plain, versioned object (`HistoryState`) so that the widget node can keep it
 * across deploys and restarts; `restoreHistory` reads back what an earlier run saved, and refuses
 * (with an empty history) what it does not recognise.
 */
import { finiteNumber, isRecord } from "../json";

/** Points kept per series; the oldest half is thinned when it is full. */
export const MAX_POINTS = 240;
/** Points older than this are dropped. */
export const MAX_AGE_MS = 28 * 24 * 3600_000;
/**
 * Series kept per widget (a supply, an AP...). When they are all taken, a new line takes the place
 * of the one updated longest ago only if that one has been silent for STALE_LINE_MS; otherwise the
 * new line is not drawn, so that the lines already drawn keep going (a fleet with more lines than
 * this, all polled, would otherwise push every line out before its next point).
 */
export const MAX_SERIES = 5000;
/** How long a line must have had no point before a new line may take its place. */
export const STALE_LINE_MS = 24 * 3600_000;
/** Points drawn per line: enough for a 100-pixel-wide picture. */
export const DRAWN_POINTS = 60;

export const HISTORY_VERSION = 1;

export interface Series {
    /** Milliseconds since the epoch, ascending. */
    times: number[];
    values: number[];
}

/** What a widget saves: its series by key ("<device>/<row>"). */
export interface HistoryState {
    version: typeof HISTORY_VERSION;
    series: Record<string, Series>;
}

/** Bounded series by key, in least recently updated order. */
export class History {
    private readonly series = new Map<string, Series>();

    constructor(private readonly maxSeries = MAX_SERIES) {}

    get size(): number {
        return this.series.size;
    }

    /** Add one value at `time` (a time before the series' last point is ignored: replays, clocks). */
    add(key: string, time: number, value: number): void {
        if (!Number.isFinite(value) || !Number.isFinite(time)) return;
        let s = this.series.get(key);
        if (s === undefined) {
            if (!this.makeRoom(time)) return;
            s = { times: [], values: [] };
        } else this.series.delete(key);
        const last = s.times[s.times.length - 1];
        if (last !== undefined && time < last) {
            this.series.set(key, s);
            return;
        }
        if (last === time) {
            s.values[s.values.length - 1] = value;
        } else {
            s.times.push(time);
            s.values.push(value);
        }
        trim(s, time);
        this.series.set(key, s);
    }

    /** Drop the lines updated longest ago beyond the bound (a saved history read back). */
    private evict(): void {
        while (this.series.size > this.maxSeries) {
            const oldest = this.series.keys().next().value;
            if (oldest === undefined) break;
            this.series.delete(oldest);
        }
    }

    /** Whether a new line fits: when full, the line updated longest ago goes if it is stale. */
    private makeRoom(time: number): boolean {
        while (this.series.size >= this.maxSeries) {
            const [oldest, line] = this.series.entries().next().value ?? [];
            if (oldest === undefined || line === undefined) return false;
            const last = line.times[line.times.length - 1];
            if (last !== undefined && time - last < STALE_LINE_MS) return false;
            this.series.delete(oldest);
        }
        return true;
    }

    get(key: string): Series | undefined {
        return this.series.get(key);
    }

    /** Forget every series whose key starts with `prefix` (a device that left the widget). */
    dropPrefix(prefix: string): void {
        for (const key of Array.from(this.series.keys())) if (key.startsWith(prefix)) this.series.delete(key);
    }

    clear(): void {
        this.series.clear();
    }

    snapshot(): HistoryState {
        const series: Record<string, Series> = {};
        for (const [key, s] of this.series) series[key] = { times: [...s.times], values: [...s.values] };
        return { version: HISTORY_VERSION, series };
    }

    /**
     * Add a saved history under what is here (a restart's file read back after the first
     * readings arrived): a saved line's points older than the line's first point here go first;
     * a line not here comes back whole, as updated longer ago than any here. False, and nothing
     * changed, when it is not a history this version reads.
     */
    merge(saved: unknown, now: number): boolean {
        const state = readHistory(saved);
        if (state === null) return false;
        const here = new Map(this.series);
        this.series.clear();
        for (const [key, s] of Object.entries(state.series)) {
            if (here.has(key)) continue;
            trim(s, now);
            if (s.times.length > 0) this.series.set(key, s);
        }
        for (const [key, s] of here) {
            const old = Object.hasOwn(state.series, key) ? state.series[key] : undefined;
            if (old !== undefined) {
                const first = s.times[0] ?? Infinity;
                const n = old.times.filter((t) => t < first).length;
                s.times = [...old.times.slice(0, n), ...s.times];
                s.values = [...old.values.slice(0, n), ...s.values];
                trim(s, now);
            }
            this.series.set(key, s);
        }
        this.evict();
        return true;
    }

    /** Replace the history with a saved one; returns false (and keeps none) when it is not one. */
    restore(saved: unknown, now: number): boolean {
        this.series.clear();
        const state = readHistory(saved);
        if (state === null) return false;
        for (const [key, s] of Object.entries(state.series)) {
            trim(s, now);
            if (s.times.length > 0) this.series.set(key, s);
        }
        return true;
    }
}

/** Drop points older than MAX_AGE_MS and thin a full series. */
function trim(s: Series, now: number): void {
    let old = 0;
    while (old < s.times.length && (s.times[old] ?? now) < now - MAX_AGE_MS) old++;
    if (old > 0) {
        s.times.splice(0, old);
        s.values.splice(0, old);
    }
    if (s.times.length <= MAX_POINTS) return;
    // Keep the first and the last, and every other point of the rest.
    const times: number[] = [];
    const values: number[] = [];
    const n = s.times.length;
    for (let i = 0; i < n; i++) {
        if (i === 0 || i === n - 1 || i % 2 === 0) {
            times.push(s.times[i] ?? 0);
            values.push(s.values[i] ?? 0);
        }
    }
    s.times = times;
    s.values = values;
}

/** A saved history, checked field by field; null when it is not one this version can read. */
export function readHistory(value: unknown): HistoryState | null {
    if (!isRecord(value) || value.version !== HISTORY_VERSION || !isRecord(value.series)) return null;
    const series: Record<string, Series> = {};
    for (const [key, raw] of Object.entries(value.series)) {
        if (!isRecord(raw) || !Array.isArray(raw.times) || !Array.isArray(raw.values)) continue;
        const times: number[] = [];
        const values: number[] = [];
        const n = Math.min(raw.times.length, raw.values.length, MAX_POINTS);
        let last = -Infinity;
        for (let i = raw.times.length - n; i < raw.times.length; i++) {
            const t = finiteNumber(raw.times[i]);
            const v = finiteNumber(raw.values[i]);
            if (t === null || v === null || t < last) continue;
            times.push(t);
            values.push(v);
            last = t;
        }
        series[key] = { times, values };
    }
    return { version: HISTORY_VERSION, series };
}

/** The box a line is drawn in (SVG user units); the widgets scale it to their own size. */
export const SPARK = { width: 100, height: 24, pad: 2 } as const;

export interface Sparkline {
    /** SVG path of the line ("M0,12L…"), numbers only. */
    line: string;
    /** The same closed down to the bottom edge, for a light fill under the line. */
    area: string;
    /** How long the line spans, in milliseconds (the page words it). */
    spanMs: number;
}

/**
 * The line of a series, x by time from its first to its last point, y from `min` (bottom) to
 * `max` (top). At most DRAWN_POINTS points: the series is averaged into that many time buckets.
 * Undefined when there is nothing to draw (fewer than two points).
 */
export function sparkline(s: Series | undefined, min: number, max: number): Sparkline | undefined {
    if (s === undefined || s.times.length < 2) return undefined;
    const first = s.times[0] ?? 0;
    const last = s.times[s.times.length - 1] ?? 0;
    const span = Math.max(1, last - first);
    const points = bucketed(s, first, span);
    const { width, height, pad } = SPARK;
    const range = max > min ? max - min : 1;
    const xy = points.map(([t, v]) => {
        const x = ((t - first) / span) * width;
        const clamped = Math.min(max, Math.max(min, v));
        const y = pad + (1 - (clamped - min) / range) * (height - 2 * pad);
        return `${round(x)},${round(y)}`;
    });
    const line = `M${xy.join("L")}`;
    const startX = round((((points[0]?.[0] ?? first) - first) / span) * width);
    const endX = round((((points[points.length - 1]?.[0] ?? last) - first) / span) * width);
    return { line, area: `${line}L${endX},${height}L${startX},${height}Z`, spanMs: last - first };
}

function round(n: number): number {
    return Math.round(n * 10) / 10;
}

/** Average the points into DRAWN_POINTS equal time buckets (the last point stays exact). */
function bucketed(s: Series, first: number, span: number): [number, number][] {
    if (s.times.length <= DRAWN_POINTS) return s.times.map((t, i) => [t, s.values[i] ?? 0]);
    const sums = new Map<number, { t: number; v: number; n: number }>();
    const n = s.times.length;
    for (let i = 0; i < n - 1; i++) {
        const t = s.times[i] ?? first;
        const bucket = Math.min(DRAWN_POINTS - 2, Math.floor(((t - first) / span) * (DRAWN_POINTS - 1)));
        const b = sums.get(bucket) ?? { t: 0, v: 0, n: 0 };
        b.t += t;
        b.v += s.values[i] ?? 0;
        b.n++;
        sums.set(bucket, b);
    }
    const out: [number, number][] = Array.from(sums.values()).map((b) => [b.t / b.n, b.v / b.n]);
    out.push([s.times[n - 1] ?? first, s.values[n - 1] ?? 0]);
    return out;
}
