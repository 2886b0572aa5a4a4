/**
 * The signals pass: what the printer says itself, applied on top of the levels, never making a
 * state look better. An alert that points at a row (prtAlertGroup + prtAlertGroupIndex, RFC 3805)
 * changes that row. An alert without a row, and the hrPrinterDetectedErrorState bits (RFC 2790),
 * say only which kind of sub-unit: such a signal lands on a sub-unit only when exactly one of that
 * kind has no number of its own; with several candidates the printer has not said which one.
 */
import {
    ALERT_EFFECTS,
    ALERT_GROUP,
    COLORANT_ALERT_CODES,
    COLORANT_TYPES,
    type AlertEffect,
    type ErrorBit,
} from "./mib";
import type { AlertRow } from "./alerts";
import { escalate, escalateOutput } from "./levels";
import type { OutputBin, Supply, Tray, TrayState } from "./contract";

export interface SubUnits {
    supplies: Supply[];
    trays: Tray[];
    outputs: OutputBin[];
}

/** The kinds of sub-unit a signal without a row can be about. */
type SubUnitKind = "colorant" | "tray" | "output";

interface KindSignal {
    kind: SubUnitKind;
    effect: AlertEffect;
}

/** hrPrinterDetectedErrorState bits that say something about a kind of sub-unit (RFC 2790). */
const ERROR_BIT_SIGNALS: readonly (KindSignal & { bit: ErrorBit })[] = [
    { bit: "lowToner", kind: "colorant", effect: "low" },
    { bit: "noToner", kind: "colorant", effect: "empty" },
    { bit: "lowPaper", kind: "tray", effect: "low" },
    { bit: "noPaper", kind: "tray", effect: "empty" },
    { bit: "inputTrayEmpty", kind: "tray", effect: "empty" },
    { bit: "outputNearFull", kind: "output", effect: "almostFull" },
    { bit: "outputFull", kind: "output", effect: "full" },
];

function onlyOne<T>(candidates: T[], apply: (item: T) => void): void {
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only !== undefined) apply(only);
}

/**
 * Per kind: the sub-units a signal without a row may mean (those without a number of their own),
 * and what the signal does to the only one.
 */
const LAND_ON_KIND: Record<SubUnitKind, (units: SubUnits, effect: AlertEffect) => void> = {
    colorant: (units, effect) =>
        onlyOne(
            units.supplies.filter(
                (s) =>
                    s.class !== "receptacle" &&
                    COLORANT_TYPES.has(s.type) &&
                    s.percent === null &&
                    s.state !== "unlimited",
            ),
            (s) => (s.state = escalate(s.state, effect, false)),
        ),
    tray: (units, effect) =>
        onlyOne(
            units.trays.filter((t) => t.percent === null && t.state !== "unlimited" && t.state !== "empty"),
            (t) => (t.state = escalate(t.state, effect, false) as TrayState),
        ),
    output: (units, effect) =>
        onlyOne(
            units.outputs.filter(
                (o) => o.remaining === null || o.remaining < 0 || o.max === null || o.max <= 0,
            ),
            (o) => (o.state = escalateOutput(o.state, effect)),
        ),
};

/**
 * Escalate the row an alert points at. Returns the kind of that row ("supply" for a supply that
 * holds no colorant), or undefined when the alert names no row of ours.
 */
function applyToRow(units: SubUnits, row: AlertRow, effect: AlertEffect): SubUnitKind | "supply" | undefined {
    if (row.alert.groupIndex === null) return undefined;
    const id = `${row.hrD}.${row.alert.groupIndex}`;
    if (row.groupNumber === ALERT_GROUP.markerSupplies) {
        const s = units.supplies.find((x) => x.id === id);
        if (s !== undefined) {
            s.state = escalate(s.state, effect, s.class === "receptacle");
            return COLORANT_TYPES.has(s.type) ? "colorant" : "supply";
        }
    }
    if (row.groupNumber === ALERT_GROUP.input) {
        const t = units.trays.find((x) => x.id === id);
        if (t !== undefined) {
            t.state = escalate(t.state, effect, false) as TrayState;
            return "tray";
        }
    }
    if (row.groupNumber === ALERT_GROUP.output) {
        const o = units.outputs.find((x) => x.id === id);
        if (o !== undefined) {
            o.state = escalateOutput(o.state, effect);
            return "output";
        }
    }
    return undefined;
}

/** The kind of sub-unit an alert without a row is about (index -1, or the marker instead of the supply). */
function alertKind(row: AlertRow): SubUnitKind | undefined {
    if (row.codeNumber !== undefined && COLORANT_ALERT_CODES.has(row.codeNumber)) return "colorant";
    if (row.groupNumber === ALERT_GROUP.input) return "tray";
    if (row.groupNumber === ALERT_GROUP.output) return "output";
    return undefined;
}

export function applySignals(
    units: SubUnits,
    alerts: readonly AlertRow[],
    errors: ReadonlySet<ErrorBit>,
): void {
    // A kind whose row an alert named is settled: signals without a row do not guess at it.
    const pointed = new Set<SubUnitKind | "supply">();
    const kindSignals: KindSignal[] = [];
    for (const row of alerts) {
        const effect = row.codeNumber === undefined ? undefined : ALERT_EFFECTS[row.codeNumber];
        if (effect === undefined) continue;
        const hit = applyToRow(units, row, effect);
        if (hit !== undefined) {
            pointed.add(hit);
            continue;
        }
        const kind = alertKind(row);
        if (kind !== undefined) kindSignals.push({ kind, effect });
    }
    for (const signal of ERROR_BIT_SIGNALS) if (errors.has(signal.bit)) kindSignals.push(signal);
    for (const { kind, effect } of kindSignals) {
        if (!pointed.has(kind)) LAND_ON_KIND[kind](units, effect);
    }
}
