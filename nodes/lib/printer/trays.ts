/**
 * The tray pass: prtInputTable rows (RFC 3805) as paper trays with their level, capacity and
 * media, and whether each is a manual feed (whose normal state is empty).
 */
import { INPUT_TYPE_MANUAL, UNITS, type ColumnName } from "./mib";
import { rowFacts, type DecodeContext } from "./context";
import { levelState } from "./levels";
import { cell, intCell, splitIndex } from "./snapshot";
import { soundsLikeManualFeed } from "./text";
import type { Tray, TrayState } from "./contract";

const TRAY_COLUMNS: readonly ColumnName[] = [
    "inputLevel",
    "inputMax",
    "inputName",
    "inputDescription",
    "inputMediaName",
    "inputStatus",
    "inputType",
];

/** What an input row says that only a rediscovery changes: everything but its level and capacity. */
interface TrayFacts {
    id: string;
    name: string;
    media: string | null;
    unitNumber: number | undefined;
    manual: boolean;
}

export function readTrays(ctx: DecodeContext): Tray[] {
    const { snap, quirks } = ctx;
    const ids = ctx.rows(TRAY_COLUMNS, "trays");
    return rowFacts(ctx, "trays", ids, (id) => trayFacts(ctx, id)).map((f) => {
        const level = intCell(snap, "inputLevel", f.id);
        const max = intCell(snap, "inputMax", f.id);
        const r = levelState({
            level,
            max,
            unit: f.unitNumber,
            receptacle: false,
            invert: false,
            lowLevel: ctx.options.lowLevel,
        });
        r.quirks.forEach((q) => quirks.add(q));
        return {
            id: f.id,
            name: f.name,
            media: f.media,
            unit: f.unitNumber === undefined ? null : (UNITS[f.unitNumber] ?? "other"),
            level: level ?? null,
            max: max ?? null,
            percent: r.percent,
            // Not a receptacle: levelState gives none of the receptacle states.
            state: r.state as TrayState,
            manual: f.manual,
        };
    });
}

function trayFacts(ctx: DecodeContext, id: string): TrayFacts {
    const { snap } = ctx;
    const [hrD, local] = splitIndex(id) ?? [0, id];
    // prtInputName is a plain string; prtInputDescription is localized.
    const name =
        ctx.label(cell(snap, "inputName", id)) ||
        ctx.label(cell(snap, "inputDescription", id), hrD) ||
        `Input ${local}`;
    const media = ctx.label(cell(snap, "inputMediaName", id));
    const unitNumber = intCell(snap, "inputCapacityUnit", id);
    const inputType = intCell(snap, "inputType", id);
    const manual = inputType !== undefined ? inputType === INPUT_TYPE_MANUAL : soundsLikeManualFeed(name);
    return { id, name, media: media === "" ? null : media, unitNumber, manual };
}
