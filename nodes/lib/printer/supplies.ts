/**
 * The supply passes: prtMarkerSuppliesTable rows (RFC 3805) as supplies, then their levels rated.
 * Agents that leave columns out still give a supply: the type, class and colour then come from
 * the description (a quirk says so), and a supply without a description is named after them.
 */
import {
    RECEPTACLE_TYPES,
    SUPPLY_CLASS_RECEPTACLE,
    SUPPLY_COLUMNS,
    SUPPLY_TYPES,
    UNIT_PERCENT,
    UNITS,
} from "./mib";
import { rowFacts, type DecodeContext } from "./context";
import { levelState } from "./levels";
import { cell, intCell, splitIndex } from "./snapshot";
import { colourFromColorant, colourFromWords, soundsLikeReceptacle, typeFromWords } from "./text";
import type { Supply } from "./contract";

/** Levels a vendor table gives beside the standard one (see ricoh.ts). */
export interface VendorLevels {
    /** A level in percent that replaces the standard row's level. */
    level: (id: string) => number | undefined;
    /** The vendor's meaning of level codes below -3 for this supply, when it gives them one. */
    code: (id: string) => ((level: number) => "low" | undefined) | undefined;
    /** Vendor rows that match no standard supply: supplies of their own, already rated. */
    unmatched: Supply[];
}

/** What a supply row says that only a rediscovery changes: everything but its level and capacity. */
interface SupplyFacts {
    id: string;
    name: string;
    type: string;
    color: string | null;
    class: Supply["class"];
    unit: string | null;
}

/** Every supply row with its type, class, colour, unit and raw level; percent and state come later. */
export function readSupplies(ctx: DecodeContext): Supply[] {
    const { snap } = ctx;
    const ids = ctx.rows(SUPPLY_COLUMNS, "supplies");
    return rowFacts(ctx, "supplies", ids, (id) => supplyFacts(ctx, id)).map((f) => ({
        id: f.id,
        name: f.name,
        type: f.type,
        color: f.color,
        class: f.class,
        unit: f.unit,
        level: intCell(snap, "supplyLevel", f.id) ?? null,
        max: intCell(snap, "supplyMax", f.id) ?? null,
        percent: null,
        state: "unknown",
    }));
}

function supplyFacts(ctx: DecodeContext, id: string): SupplyFacts {
    const { snap } = ctx;
    const [hrD] = splitIndex(id) ?? [0];
    const name = ctx.label(cell(snap, "supplyDescription", id), hrD);
    const typeNumber = intCell(snap, "supplyType", id);
    const type = supplyType(ctx, typeNumber, name);
    const receptacle = isReceptacle(ctx, id, type, typeNumber, name);
    const color = supplyColour(ctx, id, hrD, name);
    const unitNumber = intCell(snap, "supplyUnit", id);
    return {
        id,
        name,
        type,
        color,
        class: receptacle ? "receptacle" : "consumed",
        unit: unitNumber === undefined ? null : (UNITS[unitNumber] ?? "other"),
    };
}

/** PrtMarkerSuppliesTypeTC other(1) and unknown(2): the agent does not say what the supply is. */
const UNSAID_TYPES = new Set([1, 2]);

/**
 * The IANA PrtMarkerSuppliesTypeTC name; for agents without the column, or that answer other(1)
 * or unknown(2), a word of the description when one gives the type away.
 */
function supplyType(ctx: DecodeContext, typeNumber: number | undefined, name: string): string {
    const given = typeNumber === undefined ? undefined : (SUPPLY_TYPES[typeNumber] ?? "other");
    if (typeNumber !== undefined && !UNSAID_TYPES.has(typeNumber)) return given ?? "other";
    const type = typeFromWords(name);
    if (type === "unknown") return given ?? "unknown";
    ctx.quirks.add("typeFromDescription");
    return type;
}

function isReceptacle(
    ctx: DecodeContext,
    id: string,
    type: string,
    typeNumber: number | undefined,
    name: string,
): boolean {
    const classNumber = intCell(ctx.snap, "supplyClass", id);
    if (classNumber !== undefined) return classNumber === SUPPLY_CLASS_RECEPTACLE;
    // RFC 3805 makes the class mandatory, yet partial agents omit it: waste types are receptacles.
    const receptacle = RECEPTACLE_TYPES.has(type) || (typeNumber === undefined && soundsLikeReceptacle(name));
    if (receptacle) ctx.quirks.add("classFromType");
    return receptacle;
}

/** The colorant joined on (hrDeviceIndex, prtMarkerSuppliesColorantIndex) wins over the description. */
function supplyColour(ctx: DecodeContext, id: string, hrD: number, name: string): string | null {
    const colorant = intCell(ctx.snap, "supplyColorantIndex", id);
    if (colorant !== undefined && colorant > 0) {
        const value = cell(ctx.snap, "colorantValue", `${hrD}.${colorant}`);
        if (value !== undefined) {
            const colour = colourFromColorant(ctx.label(value));
            if (colour !== null) return colour;
        }
    }
    const colour = colourFromWords(name);
    if (colour !== null) ctx.quirks.add("colorFromDescription");
    return colour;
}

/**
 * Percent and state of every supply from its level, capacity and unit, or from a vendor level
 * that replaces them; a supply without a description is then named by its colour and type.
 */
export function rateSupplies(ctx: DecodeContext, supplies: Supply[], vendor: VendorLevels): void {
    const { options, quirks } = ctx;
    for (const s of supplies) {
        const vendorLevel = vendor.level(s.id);
        if (vendorLevel !== undefined) {
            s.level = vendorLevel;
            s.max = 100;
            s.unit = "percent";
        }
        const r = levelState({
            level: s.level ?? undefined,
            max: s.max ?? undefined,
            unit: vendorLevel !== undefined ? UNIT_PERCENT : intCell(ctx.snap, "supplyUnit", s.id),
            receptacle: s.class === "receptacle",
            invert: options.invertReceptacles,
            lowLevel: options.lowLevel,
            vendorCode: vendor.code(s.id),
        });
        r.quirks.forEach((q) => quirks.add(q));
        s.percent = r.percent;
        s.state = r.state;
        if (s.name === "") {
            s.name = [s.color, s.type === "unknown" ? "supply" : s.type].filter((x) => x !== null).join(" ");
            quirks.add("nameFromType");
        }
    }
}
