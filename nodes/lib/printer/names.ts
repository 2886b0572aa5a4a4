/** The naming pass: names users can tell apart (a chart draws one series per name). */
import type { DecodeContext } from "./context";
import type { Supply, Tray } from "./contract";

/** Give identical names a suffix: the colour when that tells them apart, else the id. */
function disambiguate<T extends { id: string; name: string }>(
    items: T[],
    colour: (item: T) => string | null,
    quirks: Set<string>,
): void {
    const groups = new Map<string, T[]>();
    for (const item of items) {
        const key = item.name.toLowerCase();
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [item]);
        else group.push(item);
    }
    for (const group of groups.values()) {
        if (group.length < 2) continue;
        quirks.add("nameDisambiguated");
        const colours = group.map(colour);
        const distinct = colours.every((c) => c !== null) && new Set(colours).size === group.length;
        for (const item of group) {
            const c = colour(item);
            item.name =
                distinct && c !== null && !item.name.toLowerCase().includes(c.toLowerCase())
                    ? `${item.name} (${c})`
                    : `${item.name} (${item.id})`;
        }
    }
}

export function distinctNames(ctx: DecodeContext, supplies: Supply[], trays: Tray[]): void {
    disambiguate(supplies, (s) => s.color, ctx.quirks);
    disambiguate(trays, () => null, ctx.quirks);
}
