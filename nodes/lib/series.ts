/**
 * Output 2 of the query nodes for time-series stores, wired straight in without a function node.
 * By default output 2 carries one number per message (`msg.payload`, with `msg.metric` saying what
 * it is), as charts and threshold-alert take it. The node can instead shape it for:
 *
 * - `influxdb`: node-red-contrib-influxdb's `influxdb out` node, whose documented input is
 *   `msg.payload = [fields, tags]` (one point with named fields and tags) and whose measurement is
 *   `msg.measurement` when the message has one (it then wins over the node's own setting):
 *   payload `[{value: 42}, {device: "Reception", ...}]`;
 * - `prometheus`: node-red-contrib-prometheus-exporter's `prometheus out` node, whose documented
 *   input is `msg.payload = {op, val, labels}` with `op` "set" for a gauge and label names among
 *   those declared on its metric: payload `{op: "set", val: 42, labels: {device: "Reception", ...}}`.
 *
 * Either way `msg.measurement` (the series name, valid as an InfluxDB measurement and a
 * Prometheus metric name) and `msg.tags` are set, `msg.topic` and `msg.metric` stay as they were.
 */

export type SeriesFormat = "number" | "influxdb" | "prometheus";

const FORMATS: ReadonlySet<string> = new Set<SeriesFormat>(["number", "influxdb", "prometheus"]);

/** The editor's setting; empty (a flow from an earlier version) is `number`, null for anything else. */
export function seriesFormat(value: unknown): SeriesFormat | null {
    if (value === undefined || value === null || value === "") return "number";
    return typeof value === "string" && FORMATS.has(value) ? (value as SeriesFormat) : null;
}

/** Which series a number belongs to: a name and the tags (labels) that tell series apart. */
export interface SeriesPoint {
    measurement: string;
    tags: Record<string, string>;
}

/**
 * Tags from name/value pairs: values that are missing or empty are left out (InfluxDB has no
 * empty tag value, Prometheus treats an empty label as absent).
 */
export function tags(pairs: [string, string | null | undefined][]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of pairs)
        if (value !== null && value !== undefined && value !== "") out[name] = value;
    return out;
}

/** A measurement name from a word that came with a message (`printer_${kind}`): `[a-z0-9_]` only. */
export function seriesName(text: string): string {
    return text.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/[^a-z0-9_]+/g, "_");
}

export interface NumberMessage {
    topic: string;
    payload: number;
    metric: object;
}

export type SeriesMessage = Omit<NumberMessage, "payload"> & {
    payload:
        | number
        | [{ value: number }, Record<string, string>]
        | { op: "set"; val: number; labels: Record<string, string> };
    measurement?: string;
    tags?: Record<string, string>;
};

/** One output 2 message in the chosen format (a new object; `number` gives it back unchanged). */
export function asSeries(msg: NumberMessage, point: SeriesPoint, format: SeriesFormat): SeriesMessage {
    switch (format) {
        case "number":
            return msg;
        case "influxdb":
            return {
                ...msg,
                measurement: point.measurement,
                tags: point.tags,
                payload: [{ value: msg.payload }, point.tags],
            };
        case "prometheus":
            return {
                ...msg,
                measurement: point.measurement,
                tags: point.tags,
                payload: { op: "set", val: msg.payload, labels: point.tags },
            };
    }
}
