/**
 * Migrations of stored forecast history, one step per version: step n takes a stored object of
 * version n and returns it as version n + 1. A step only renames and reshapes what was stored;
 * it does not check it (the loader checks the result entry by entry and drops what is damaged),
 * and anything it does not know is left out rather than guessed at.
 */

type Stored = Record<string, unknown>;

/** Old field name → new field name, for one kind of stored object. */
type Renames = Readonly<Record<string, string>>;

const isObj = (x: unknown): x is Stored => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The named fields of `from` under their new names. Fields not named are left out; a value that
 * is not an object is kept as it is (so the loader sees it, and drops it, as damaged).
 */
function renamed(
    from: unknown,
    renames: Renames,
    convert: Readonly<Record<string, (x: unknown) => unknown>> = {},
): unknown {
    if (!isObj(from)) return from;
    const out: Stored = {};
    for (const [oldName, newName] of Object.entries(renames)) {
        if (!Object.prototype.hasOwnProperty.call(from, oldName)) continue;
        const value = from[oldName];
        const change = convert[oldName];
        out[newName] = change === undefined ? value : change(value);
    }
    return out;
}

/** Each entry of a map converted, keys kept (built so that a key such as `__proto__` stays data). */
function mapEntries(from: unknown, convert: (x: unknown) => unknown): unknown {
    if (!isObj(from)) return from;
    return Object.fromEntries(Object.entries(from).map(([k, v]) => [k, convert(v)]));
}

// Version 1 → 2: the short field names of version 1 become full names.

const SERIES_V1: Renames = { h: "hours", v: "values" };
const CARTRIDGE_V1: Renames = {
    since: "installedAt",
    level: "startLevel",
    pages: "startPages",
    complete: "complete",
};
const REMOVED_V1: Renames = {
    at: "removedAt",
    pages: "pages",
    days: "days",
    start: "startLevel",
    end: "endLevel",
    complete: "complete",
};
const CHANGE_V1: Renames = { t: "time", p: "pages" };
const ROW_V1: Renames = {
    kind: "kind",
    host: "host",
    id: "id",
    device: "device",
    model: "model",
    name: "name",
    type: "type",
    color: "color",
    cls: "supplyClass",
    unit: "unit",
    max: "max",
    state: "state",
    percent: "percent",
    raw: "rawLevels",
    s: "levels",
    seen: "lastSeen",
    last: "lastLevel",
    top: "highestLevel",
    cart: "cartridge",
    life: "removedCartridges",
    vals: "stageValues",
    inv: "inverted",
    chg: "lastChange",
    cpp: "consumptionPerPage",
    stuck: "stuckReported",
    serial: "cartridgeSerial",
    fc: "forecast",
    ea: "emptyAt",
};
const PRINTER_V1: Renames = {
    device: "device",
    model: "model",
    s: "pageCounts",
    raw: "lastCounter",
    off: "counterOffset",
    seen: "lastSeen",
    ppd: "pagesPerDay",
};

const series = (x: unknown): unknown => renamed(x, SERIES_V1);
const nullable =
    (convert: (x: unknown) => unknown) =>
    (x: unknown): unknown =>
        x === null ? null : convert(x);
const list =
    (convert: (x: unknown) => unknown) =>
    (x: unknown): unknown =>
        Array.isArray(x) ? x.map(convert) : x;

function rowFromV1(row: unknown): unknown {
    return renamed(row, ROW_V1, {
        s: series,
        cart: nullable((x) => renamed(x, CARTRIDGE_V1)),
        life: list((x) => renamed(x, REMOVED_V1)),
        chg: nullable((x) => renamed(x, CHANGE_V1)),
    });
}

function printerFromV1(printer: unknown): unknown {
    return renamed(printer, PRINTER_V1, { s: series });
}

function fromV1(stored: Stored): Stored {
    return {
        version: 2,
        lastMaintenanceDay: stored.day,
        rows: mapEntries(stored.keys, rowFromV1),
        printers: mapEntries(stored.hosts, printerFromV1),
    };
}

/** Migration steps by the version they start from. */
export const MIGRATIONS: Readonly<Record<number, (stored: Stored) => Stored>> = { 1: fromV1 };
