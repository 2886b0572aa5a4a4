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
    quirks: string[];
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
    const quirks: string[] = [];
    const result = (percent: number | null, state: SupplyState): LevelResult => ({ percent, state, quirks });
    if (level === undefined) return result(null, "unknown");
    if (level === -1) return result(null, "unlimited");
    if (level === -2) return result(null, "unknown");
    if (level === -3) return result(null, "someRemaining");
    // Level and capacity are Integer32 (RFC 3805): anything larger is an unsigned value sent in
    // the wrong type, and a percent from it would be made up.
    if (level > INT32_MAX || (max !== undefined && max > INT32_MAX)) {
        quirks.push("invalidLevel");
        return result(null, "unknown");
    }
    if (level < -3) {
        const vendor = input.vendorCode?.(level);
        if (vendor !== undefined) return result(null, receptacle ? "almostFull" : vendor);
        quirks.push("invalidLevel");
        return result(null, "unknown");
    }
    let percent: number | null = null;
    if (unit === UNIT_PERCENT) {
        if (max !== 100 && max !== undefined) quirks.push("percentUnit");
        if (level > 100) quirks.push("levelAboveMax");
        percent = Math.min(100, level);
    } else if (max !== undefined && max > 0) {
        if (level > max) quirks.push("levelAboveMax");
        percent = round1(Math.min(100, (100 * level) / max));
    } else if (max === 0) {
        quirks.push("maxZero");
    }
    if (receptacle && invert) {
        quirks.push("receptacleInverted");
        if (percent !== null) percent = round1(100 - percent);
        // Without a capacity, space used says nothing about the space left.
        else return result(null, "ok");
    }
    if (receptacle) {
        if (percent === null) return result(null, level === 0 ? "full" : "ok");
        if (percent <= 0) return result(percent, "full");
        if (percent <= lowLevel) return result(percent, "almostFull");
        return result(percent, "ok");
    }
    if (percent === null) return result(null, level === 0 ? "empty" : "ok");
    if (percent <= 0) return result(percent, "empty");
    if (percent <= lowLevel) return result(percent, "low");
    return result(percent, "ok");
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
