/**
 * The parts of a `printer-supplies` device message the forecast reads, as the forecast keeps
 * them. The message is read (and checked field by field) by the printer contract.
 */
import { timeMs, type JsonRecord } from "../json";
import { printerRowObjects, readPrinterPayload } from "../printer/contract";

export type RowKind = "supply" | "tray";

export interface Row {
    kind: RowKind;
    /** Stable table index, e.g. "1.3". */
    id: string;
    name: string;
    type: string | null;
    color: string | null;
    /** "receptacle" (waste box: percent is the space left) or "consumed". */
    cls: "consumed" | "receptacle";
    unit: string | null;
    level: number | null;
    max: number | null;
    percent: number | null;
    state: string | null;
}

export interface Reading {
    host: string;
    device: string;
    model: string;
    /** Sample time, ms since the epoch. */
    time: number;
    /** prtMarkerLifeCount, when the printer reports one. */
    pageCount: number | null;
    supplies: Row[];
    trays: Row[];
    /** The raw row objects, index-aligned with `supplies` / `trays`, to attach forecasts to. */
    supplyObjects: Record<string, unknown>[];
    trayObjects: Record<string, unknown>[];
}

export type ParseResult =
    | { ok: true; reading: Reading }
    | { ok: false; unreachable: true }
    | { ok: false; unreachable: false; error: "not-device" | "no-host" };

export { timeMs as parseTime } from "../json";

/**
 * Reads a device message payload through the printer contract. `arrivalMs` is used when the
 * payload carries no usable time. Unreachable-printer messages are recognised so they can pass
 * through untouched; rows without an id cannot be followed and are left out.
 */
export function parseReading(payload: unknown, arrivalMs: number): ParseResult {
    const read = readPrinterPayload(payload);
    if (!read.ok) {
        return {
            ok: false,
            unreachable: false,
            error: read.problem.code === "no-host" ? "no-host" : "not-device",
        };
    }
    const p = read.payload;
    if (!p.reachable) return { ok: false, unreachable: true };
    const objects = printerRowObjects(payload);
    const supplies = followed(p.supplies, objects.supplies, (s) => ({
        kind: "supply",
        id: s.id,
        name: s.name || `supply ${s.id}`,
        type: s.type === "" ? null : s.type,
        color: s.color,
        cls: s.class,
        unit: s.unit,
        level: s.level,
        max: s.max,
        percent: s.percent,
        state: s.state,
    }));
    const trays = followed(p.trays, objects.trays, (t) => ({
        kind: "tray",
        id: t.id,
        name: t.name || `tray ${t.id}`,
        type: null,
        color: null,
        cls: "consumed",
        unit: t.unit,
        level: t.level,
        max: t.max,
        percent: t.percent,
        state: t.state,
    }));
    return {
        ok: true,
        reading: {
            host: p.host,
            device: p.device || p.host,
            model: p.model ?? "",
            time: timeMs(p.time) ?? arrivalMs,
            pageCount: p.pageCount !== null && p.pageCount >= 0 ? p.pageCount : null,
            supplies: supplies.rows,
            trays: trays.rows,
            supplyObjects: supplies.objects,
            trayObjects: trays.objects,
        },
    };
}

/** The rows the forecast can follow (those with an id), with the message's own row objects. */
function followed<T extends { id: string }>(
    read: T[],
    sources: JsonRecord[],
    toRow: (row: T) => Row,
): { rows: Row[]; objects: JsonRecord[] } {
    const rows: Row[] = [];
    const objects: JsonRecord[] = [];
    read.forEach((row, i) => {
        const source = sources[i];
        if (row.id === "" || source === undefined) return;
        rows.push(toRow(row));
        objects.push(source);
    });
    return { rows, objects };
}

/** Units in which a level already counts pages (prtMarkerSuppliesSupplyUnit impressions(7), sheets(8)). */
export function isPageUnit(unit: string | null): boolean {
    if (unit === null) return false;
    return /impression|sheet|^[78]$/i.test(unit.trim());
}
