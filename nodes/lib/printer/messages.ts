/**
 * The messages a reading becomes: one per printer on output 1, one per known percentage on
 * output 2 (for charts and time-series stores), and what the status summary counts.
 */
import { seriesName, tags, type SeriesPoint } from "../series";
import type { Metric, PrinterPayload, PrinterReading } from "./contract";

export type { Metric, PrinterPayload, UnreachablePayload } from "./contract";
export { unreachablePayload } from "../contract";

export function printerPayload(device: string, host: string, reading: PrinterReading): PrinterPayload {
    return { device, host, reachable: true, ...reading };
}

/** Output 2: `topic` "<device> <name>", payload the percent, `metric` what the number is. */
export function metricMessages(
    device: string,
    host: string,
    reading: PrinterReading,
): { topic: string; payload: number; metric: Metric }[] {
    const out: { topic: string; payload: number; metric: Metric }[] = [];
    for (const s of reading.supplies) {
        if (s.percent === null) continue;
        out.push({
            topic: `${device} ${s.name}`,
            payload: s.percent,
            metric: {
                device,
                host,
                kind: "supply",
                id: s.id,
                name: s.name,
                type: s.type,
                color: s.color,
                state: s.state,
                unit: "%",
            },
        });
    }
    for (const t of reading.trays) {
        if (t.percent === null) continue;
        out.push({
            topic: `${device} ${t.name}`,
            payload: t.percent,
            metric: {
                device,
                host,
                kind: "tray",
                id: t.id,
                name: t.name,
                type: "paper",
                color: null,
                state: t.state,
                unit: "%",
            },
        });
    }
    return out;
}

/** The measurement of each metric kind (an unknown kind is `printer_<kind>`). */
const MEASUREMENTS: Record<string, string> = {
    supply: "printer_supply_percent",
    tray: "printer_tray_percent",
};

/**
 * The series an output 2 number belongs to, for InfluxDB and Prometheus (lib/series.ts): one
 * measurement per kind, tagged `device, host, id, name, type, color` (those known).
 */
export function seriesPoint(
    metric: Pick<Metric, "kind" | "device" | "host" | "id" | "name" | "type" | "color">,
): SeriesPoint {
    return {
        measurement: MEASUREMENTS[metric.kind] ?? `printer_${seriesName(metric.kind)}`,
        tags: tags([
            ["device", metric.device],
            ["host", metric.host],
            ["id", metric.id],
            ["name", metric.name],
            ["type", metric.type],
            ["color", metric.color],
        ]),
    };
}

const LOW_STATES = new Set(["low", "empty", "almostFull", "full"]);
const LOW_ERRORS = new Set(["lowToner", "noToner", "lowPaper", "noPaper", "inputTrayEmpty", "outputFull"]);

/**
 * Does this printer need a supply soon? A supply that is low, empty or (waste) full, a tray that
 * is low or empty (a manual feed is normally empty and does not count), a full output bin, or the
 * printer's own low/no toner or paper bits.
 */
export function needsSupplies(reading: PrinterReading): boolean {
    return (
        reading.supplies.some((s) => LOW_STATES.has(s.state)) ||
        reading.trays.some((t) => t.state === "low" || (t.state === "empty" && !t.manual)) ||
        reading.outputs.some((o) => o.state === "full") ||
        reading.errors.some((e) => LOW_ERRORS.has(e))
    );
}
