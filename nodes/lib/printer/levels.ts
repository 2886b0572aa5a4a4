/**
 * Levels and states of sub-units (RFC 3805): a raw level and capacity to a percent and a state,
 * and the printer's own signals (alerts, error bits) applied on top, never making things look
 * better than they are.
 */
import { UNIT_PERCENT, type AlertEffect } from "./mib";
import type { OutputState, SupplyState } from "./contract";

export interface LevelInput {
    level: number | undefined;
    max: number | undefined;
    unit: number | undefined;
    receptacle: boolean;
    invert: boolean;
    lowLevel: number;
    /** Level codes below -3 that the vendor gives a meaning (Ricoh: -100 almost empty). */
    vendorCode?: (level: number) => "low" | undefined;
}

export interface LevelResult {
    percent: number | null;
    state: SupplyState;
    quirks: readonly string[];
}

/** The quirks of a level that has none: shared (a poll rates a few dozen levels). */
const NO_QUIRKS: readonly string[] = Object.freeze([]);

function levelResult(percent: number | null, state: SupplyState, quirks: string[] | undefined): LevelResult {
    return { percent, state, quirks: quirks ?? NO_QUIRKS };
}

const INT32_MAX = 2147483647;

function round1(n: number): number {
    return Math.round(n * 10) / 10;
}

/**
 * The percent and state of one supply (or tray, with `receptacle` false) from its raw level,
 * capacity and unit. Never invents a number: special values give a state and percent null.
 */
export function levelState(input: LevelInput): LevelResult {
    const { level, max, unit, receptacle, invert, lowLevel } = input;
    // Made on the first quirk: most levels have none.
    let quirks: string[] | undefined;
    if (level === undefined) return levelResult(null, "unknown", quirks);
    if (level === -1) return levelResult(null, "unlimited", quirks);
    if (level === -2) return levelResult(null, "unknown", quirks);
    if (level === -3) return levelResult(null, "someRemaining", quirks);
    // Level and capacity are Integer32 (RFC 3805): anything larger is an unsigned value sent in
    // the wrong type, and a percent from it would be made up.
    if (level > INT32_MAX || (max !== undefined && max > INT32_MAX)) {
        (quirks ??= []).push("invalidLevel");
        return levelResult(null, "unknown", quirks);
    }
    if (level < -3) {
        const vendor = input.vendorCode?.(level);
        if (vendor !== undefined) return levelResult(null, receptacle ? "almostFull" : vendor, quirks);
        (quirks ??= []).push("invalidLevel");
        return levelResult(null, "unknown", quirks);
    }
    let percent: number | null = null;
    if (unit === UNIT_PERCENT) {
        if (max !== 100 && max !== undefined) (quirks ??= []).push("percentUnit");
        if (level > 100) (quirks ??= []).push("levelAboveMax");
        percent = Math.min(100, level);
    } else if (max !== undefined && max > 0) {
        if (level > max) (quirks ??= []).push("levelAboveMax");
        percent = round1(Math.min(100, (100 * level) / max));
    } else if (max === 0) {
        (quirks ??= []).push("maxZero");
    }
    if (receptacle && invert) {
        (quirks ??= []).push("receptacleInverted");
        if (percent !== null) percent = round1(100 - percent);
        // Without a capacity, space used says nothing about the space left.
        else return levelResult(null, "unknown", quirks);
    }
    // Without a usable capacity (RFC 3805 prtMarkerSuppliesMaxCapacity -2 unknown, -1 no
    // restriction, or 0) a positive level says nothing about how full the supply is: its state
    // is unknown, never "ok" by assumption. Level 0 is a fact: nothing left (or no room left).
    if (receptacle) {
        if (percent === null) return levelResult(null, level === 0 ? "full" : "unknown", quirks);
        if (percent <= 0) return levelResult(percent, "full", quirks);
        if (percent <= lowLevel) return levelResult(percent, "almostFull", quirks);
        return levelResult(percent, "ok", quirks);
    }
    if (percent === null) return levelResult(null, level === 0 ? "empty" : "unknown", quirks);
    if (percent <= 0) return levelResult(percent, "empty", quirks);
    if (percent <= lowLevel) return levelResult(percent, "low", quirks);
    return levelResult(percent, "ok", quirks);
}

const CONSUMED_RANK: Partial<Record<SupplyState, number>> = { low: 1, empty: 2 };
const RECEPTACLE_RANK: Partial<Record<SupplyState, number>> = { almostFull: 1, full: 2 };

/** Apply what the printer itself says (an alert, an error bit), never making things look better. */
export function escalate(state: SupplyState, effect: AlertEffect, receptacle: boolean): SupplyState {
    const rank = receptacle ? RECEPTACLE_RANK : CONSUMED_RANK;
    const wanted: SupplyState | undefined = receptacle
        ? effect === "almostFull" || effect === "full"
            ? effect
            : undefined
        : effect === "low" || effect === "empty"
          ? effect
          : undefined;
    if (wanted === undefined) return state;
    return (rank[wanted] ?? 0) > (rank[state] ?? 0) ? wanted : state;
}

/** An output bin's state from its remaining capacity (RFC 3805 prtOutputRemainingCapacity). */
export function outputState(
    remaining: number | undefined,
    max: number | undefined,
    lowLevel: number,
): OutputState {
    if (remaining === undefined || remaining === -2) return "unknown";
    if (remaining === -1 || remaining === -3) return "ok"; // no restriction / room for at least one
    if (remaining < -3) return "unknown";
    if (remaining === 0) return "full";
    if (max !== undefined && max > 0 && (100 * remaining) / max <= lowLevel) return "nearFull";
    return "ok";
}

/** Apply what the printer says about an output bin, never making it look better. */
export function escalateOutput(state: OutputState, effect: AlertEffect): OutputState {
    if (effect === "full") return "full";
    if (effect === "almostFull" && state !== "full") return "nearFull";
    return state;
}
