/**
 * Ricoh vendor levels. Ricoh's standard supply table may say only -3 ("some remaining") or -100
 * (its own "almost empty") for every toner, while RICOH-PRIVATE-MIB ricohEngTonerTable has the
 * percent: name (.2) and level (.5) per toner, the level in percent or -100 "almost empty",
 * -3 "some left", -2 unknown.
 */
import { asBytes, asInt, isUnder } from "../snmp/varbind";
import { COLORANT_TYPES, RICOH_ENTERPRISE, UNIT_PERCENT } from "./mib";
import type { DecodeContext } from "./context";
import { levelState } from "./levels";
import { column } from "./snapshot";
import type { VendorLevels } from "./supplies";
import { cleanLabel, colourFromWords } from "./text";
import type { Supply } from "./contract";

/** Ricoh and its brands (Lanier, Savin, Gestetner, NRG, nashuatec) share enterprise 367. */
function isRicohFamily(sysObjectId: string): boolean {
    return sysObjectId === RICOH_ENTERPRISE || isUnder(sysObjectId, RICOH_ENTERPRISE);
}

/** Ricoh's level code -100, "almost empty", is low; the quirk says the code was seen. */
function ricohCode(quirks: Set<string>): (level: number) => "low" | undefined {
    return (level) => {
        if (level !== -100) return undefined;
        quirks.add("ricohLevelCodes");
        return "low";
    };
}

/**
 * The private table's levels, used only when the standard table gives no number for any toner
 * (every standard toner level is -3 or -100): then the private row with the same colour replaces
 * the standard level, and a private row matching no toner is a supply of its own. On Ricoh's
 * enterprise, -100 in the standard table means "almost empty" too.
 */
export function ricohLevels(ctx: DecodeContext, supplies: readonly Supply[]): VendorLevels {
    const matched = new Map<string, number>();
    const unmatched: Supply[] = [];
    const family = isRicohFamily(ctx.sysObjectId);
    const code = ricohCode(ctx.quirks);
    const levels = column(ctx.snap, "ricohTonerLevel");
    const toners = supplies.filter((s) => s.class !== "receptacle" && COLORANT_TYPES.has(s.type));
    const standardSaysNothing = toners.every((s) => s.level === -3 || s.level === -100);
    if (levels.size > 0 && standardSaysNothing) {
        const names = column(ctx.snap, "ricohTonerName");
        for (const [index, vb] of levels) {
            const level = asInt(vb);
            if (level === undefined) continue;
            const name = cleanLabel(asBytes(names.get(index))).text;
            const colour = colourFromWords(name);
            const match = toners.find((s) => colour !== null && s.color === colour && !matched.has(s.id));
            ctx.quirks.add("ricohPrivateTable");
            if (match !== undefined) {
                matched.set(match.id, level);
                continue;
            }
            unmatched.push(privateSupply(ctx, index, name, colour, level, code));
        }
    }
    return {
        level: (id) => matched.get(id),
        code: (id) => (matched.has(id) || family ? code : undefined),
        unmatched,
    };
}

function privateSupply(
    ctx: DecodeContext,
    index: string,
    name: string,
    colour: string | null,
    level: number,
    code: (level: number) => "low" | undefined,
): Supply {
    const r = levelState({
        level,
        max: 100,
        unit: UNIT_PERCENT,
        receptacle: false,
        invert: false,
        lowLevel: ctx.options.lowLevel,
        vendorCode: code,
    });
    return {
        id: `ricoh.${index}`,
        name: name || `Toner ${index}`,
        type: "toner",
        color: colour,
        class: "consumed",
        unit: "percent",
        level,
        max: 100,
        percent: r.percent,
        state: r.state,
    };
}
