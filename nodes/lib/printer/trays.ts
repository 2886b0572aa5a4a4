/**
 * The tray pass: prtInputTable rows (RFC 3805) as paper trays with their level, capacity and
 * media, and whether each is a manual feed (whose normal state is empty).
 */
import { INPUT_TYPE_MANUAL, UNITS, type ColumnName } from "./mib";
import type { DecodeContext } from "./context";
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

export function readTrays(ctx: DecodeContext): Tray[] {
    const { snap, quirks } = ctx;
    const trays: Tray[] = [];
    for (const id of ctx.rows(TRAY_COLUMNS)) {
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
        const level = intCell(snap, "inputLevel", id);
        const max = intCell(snap, "inputMax", id);
        const r = levelState({
            level,
            max,
            unit: unitNumber,
            receptacle: false,
            invert: false,
            lowLevel: ctx.options.lowLevel,
        });
        r.quirks.forEach((q) => quirks.add(q));
        trays.push({
            id,
            name,
            media: media === "" ? null : media,
            unit: unitNumber === undefined ? null : (UNITS[unitNumber] ?? "other"),
            level: level ?? null,
            max: max ?? null,
            percent: r.percent,
            // Not a receptacle: levelState gives none of the receptacle states.
            state: r.state as TrayState,
            manual,
        });
    }
    return trays;
}
