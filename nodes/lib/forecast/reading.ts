/**
 * The parts of a `printer-supplies` device message the forecast reads, checked field by field:
 * the message comes from a flow and may have been built or altered by hand, so nothing here
 * trusts a type it has not looked at.
 */

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

function str(x: unknown): string | null {
    if (typeof x === "string") return x;
    if (typeof x === "number" && Number.isFinite(x)) return String(x);
    return null;
}

function num(x: unknown): number | null {
    return typeof x === "number" && Number.isFinite(x) ? x : null;
}

function isRecord(x: unknown): x is Record<string, unknown> {
    return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** ms since the epoch from an ISO 8601 string, or null. */
export function parseTime(x: unknown): number | null {
    if (typeof x !== "string" || x.length < 10) return null;
    const ms = Date.parse(x);
    return Number.isFinite(ms) ? ms : null;
}

function parseRow(kind: RowKind, o: Record<string, unknown>): Row | null {
    const id = str(o.id);
    if (id === null || id === "") return null;
    const type = str(o.type);
    // RFC 3805 marks waste boxes with prtMarkerSuppliesClass = receptacle; a missing class on a
    // waste type is still a receptacle (research table §5, row 10).
    const receptacle = o.class === "receptacle" || (o.class === undefined && /^waste/i.test(type ?? ""));
    return {
        kind,
        id,
        name: str(o.name) ?? `${kind} ${id}`,
        type,
        color: str(o.color),
        cls: kind === "supply" && receptacle ? "receptacle" : "consumed",
        unit: str(o.unit),
        level: num(o.level),
        max: num(o.max),
        percent: num(o.percent),
        state: str(o.state),
    };
}

/**
 * Reads a device message payload. `arrivalMs` is used when the payload carries no usable time.
 * Unreachable-printer messages are recognised so they can pass through untouched.
 */
export function parseReading(payload: unknown, arrivalMs: number): ParseResult {
    if (!isRecord(payload)) return { ok: false, unreachable: false, error: "not-device" };
    if (payload.reachable === false) return { ok: false, unreachable: true };
    const suppliesIn = payload.supplies;
    const traysIn = payload.trays;
    if (!Array.isArray(suppliesIn) && !Array.isArray(traysIn)) {
        return { ok: false, unreachable: false, error: "not-device" };
    }
    const host = str(payload.host) ?? str(payload.device);
    if (host === null || host === "") return { ok: false, unreachable: false, error: "no-host" };
    const supplies: Row[] = [];
    const trays: Row[] = [];
    const supplyObjects: Record<string, unknown>[] = [];
    const trayObjects: Record<string, unknown>[] = [];
    for (const [list, out, objects, kind] of [
        [suppliesIn, supplies, supplyObjects, "supply"],
        [traysIn, trays, trayObjects, "tray"],
    ] as const) {
        if (!Array.isArray(list)) continue;
        for (const o of list as unknown[]) {
            if (!isRecord(o)) continue;
            const row = parseRow(kind, o);
            if (row === null) continue;
            out.push(row);
            objects.push(o);
        }
    }
    const pages = num(payload.pageCount);
    return {
        ok: true,
        reading: {
            host,
            device: str(payload.device) ?? host,
            model: str(payload.model) ?? "",
            time: parseTime(payload.time) ?? arrivalMs,
            pageCount: pages !== null && pages >= 0 ? pages : null,
            supplies,
            trays,
            supplyObjects,
            trayObjects,
        },
    };
}

/** Units in which a level already counts pages (prtMarkerSuppliesSupplyUnit impressions(7), sheets(8)). */
export function isPageUnit(unit: string | null): boolean {
    if (unit === null) return false;
    return /impression|sheet|^[78]$/i.test(unit.trim());
}
