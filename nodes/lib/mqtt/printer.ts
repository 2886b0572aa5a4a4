/**
 * A printer reading (printer-supplies output 1, with supply-forecast's `forecast` where it sits
 * between) as one Home Assistant device: a level sensor per supply and tray, days left where
 * forecast, page counters, the printer status and a problem binary sensor for its error flags.
 *
 * No number is made up: a level the printer gives only as a word ("some remaining", "unknown")
 * is an unknown state with the word in the attributes.
 */
import type { DeviceIdentity } from "../contract";
import type { PrinterPayload, RowForecast, Supply, Tray } from "../printer/contract";
import type { DeviceSpec, EntitySpec } from "./device";
import { webPage } from "./device";
import { safeSlug, type DeviceId } from "./ids";

/** The printer status words an enum sensor may show; `unknown` is sent as an unknown state. */
export const PRINTER_STATUS_OPTIONS = ["idle", "printing", "warmup", "down", "other"] as const;

/** At most this many alerts go into the problem sensor's attributes (HA keeps attributes small). */
const MAX_ALERTS = 10;

function levelEntity(kind: "supply" | "tray", row: Supply | Tray, fallback: string): EntitySpec {
    const attributes: Record<string, unknown> = {
        status: row.state,
        raw_level: row.level,
        max_capacity: row.max,
        unit: row.unit,
    };
    if ("type" in row) {
        attributes.type = row.type;
        attributes.color = row.color;
        attributes.class = row.class;
    } else {
        attributes.media = row.media;
        attributes.manual = row.manual;
    }
    return {
        key: `${kind}/${safeSlug(row.id)}`,
        component: "sensor",
        name: row.name !== "" ? row.name : fallback,
        value: row.percent,
        attributes,
        unit: "%",
        stateClass: "measurement",
        icon: kind === "tray" ? "mdi:tray-full" : undefined,
        plain: true,
    };
}

function daysEntity(level: EntitySpec, forecast: RowForecast): EntitySpec {
    return {
        key: `${level.key}/days`,
        component: "sensor",
        name: `${level.name} days left`,
        value: forecast.daysLeft,
        attributes: forecast.reason === undefined ? {} : { reason: forecast.reason },
        unit: "d",
        deviceClass: "duration",
        stateClass: "measurement",
        plain: true,
    };
}

function rowEntities(kind: "supply" | "tray", rows: readonly (Supply | Tray)[]): EntitySpec[] {
    const out: EntitySpec[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
        if (row.id === "") return;
        const level = levelEntity(kind, row, `${kind === "tray" ? "Tray" : "Supply"} ${i + 1}`);
        // Two rows whose ids slug alike (`1.1` and `1_1`) would share an entity: keep the first.
        if (seen.has(level.key)) return;
        seen.add(level.key);
        out.push(level);
        if (row.forecast !== undefined) out.push(daysEntity(level, row.forecast));
    });
    return out;
}

function pageEntities(p: PrinterPayload): EntitySpec[] {
    const total = p.pageCount ?? p.pages?.total ?? null;
    const others: Record<string, number> = {};
    for (const [name, count] of Object.entries(p.pages ?? {})) {
        if (count !== undefined && name !== "total" && name !== "mono" && name !== "colour")
            others[name] = count;
    }
    if (total === null && p.pages === undefined) return [];
    const counter = (key: string, name: string, value: number | null, attributes?: Record<string, unknown>) =>
        ({
            key,
            component: "sensor",
            name,
            value,
            attributes,
            unit: "pages",
            stateClass: "total_increasing",
            icon: "mdi:counter",
            plain: true,
        }) satisfies EntitySpec;
    const out: EntitySpec[] = [counter("pages", "Pages", total, others)];
    if (p.pages?.mono !== undefined) out.push(counter("pages/mono", "Pages mono", p.pages.mono));
    if (p.pages?.colour !== undefined) out.push(counter("pages/colour", "Pages colour", p.pages.colour));
    return out;
}

/**
 * The printer needs attention: one of its error flags (hrPrinterDetectedErrorState: jammed, no
 * toner, door open, low paper...) is set, or it reports itself down.
 */
export function printerProblem(p: Pick<PrinterPayload, "errors" | "status">): boolean {
    return p.errors.length > 0 || p.status === "down";
}

function statusEntities(p: PrinterPayload): EntitySpec[] {
    return [
        {
            key: "status",
            component: "sensor",
            name: "Status",
            value: p.status === "unknown" ? null : p.status,
            deviceClass: "enum",
            options: PRINTER_STATUS_OPTIONS,
            icon: "mdi:printer",
        },
        {
            key: "problem",
            component: "binary_sensor",
            name: "Problem",
            value: printerProblem(p) ? "ON" : "OFF",
            attributes: {
                errors: p.errors,
                alerts: p.alerts.slice(0, MAX_ALERTS).map((a) => ({
                    severity: a.severity,
                    code: a.code,
                    text: a.text,
                })),
            },
            deviceClass: "problem",
        },
    ];
}

/** One printer reading as a Home Assistant device (the id is chosen by the publisher). */
export function printerDevice(p: PrinterPayload, identity: DeviceIdentity, id: DeviceId): DeviceSpec {
    const spec: DeviceSpec = {
        id: id.id,
        kind: "printer",
        name: p.device !== "" ? p.device : p.host,
        host: identity.host,
        facts: {
            manufacturer: p.vendor,
            model: p.model ?? undefined,
            serialNumber: p.serial ?? undefined,
            swVersion: p.firmware,
            configurationUrl: webPage(identity.host),
        },
        entities: [
            ...statusEntities(p),
            ...rowEntities("supply", p.supplies),
            ...rowEntities("tray", p.trays),
            ...pageEntities(p),
        ],
    };
    if (identity.port !== undefined) spec.port = identity.port;
    return spec;
}
