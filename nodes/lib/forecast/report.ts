/**
 * What the forecast reports about the fleet as a whole: the shopping list (research notes §7.5),
 * supplies expected to run out within N days grouped by printer model and supply name, soonest
 * first, with the part number when the supply's name carries one; and the short summary the
 * node shows as its status.
 */

import { isoDate } from "./estimate";
import { DAY_MS, round } from "./robust";
import type { RowHistory } from "./state";

export interface ShoppingItem {
    device: string;
    host: string;
    id: string;
    name: string;
    percent: number | null;
    state: string | null;
    /** Days from the report time; null when the printer says low/empty but no date is known. */
    daysLeft: number | null;
    emptyOn: string | null;
}

export interface ShoppingGroup {
    model: string;
    name: string;
    partNumber: string | null;
    count: number;
    /** Earliest date in the group, or null when none is dated. */
    soonest: string | null;
    items: ShoppingItem[];
}

export interface ShoppingList {
    time: string;
    days: number;
    count: number;
    groups: ShoppingGroup[];
    text: string;
}

/** States in which the printer itself says a supply needs replacing soon. */
const NEEDS_STATES = new Set(["low", "empty", "almostFull", "full"]);
const EMPTY_STATES = new Set(["empty", "full"]);

/** The supply name without the cartridge serial or a trailing ", PN …" (research table §5, row 15). */
export function cleanName(name: string): string {
    return name
        .replace(/\s*S\/N\s*:?.*$/i, "")
        .replace(/\s*,?\s*PN\s*:?\s*\S+\s*$/i, "")
        .trim();
}

/**
 * Part number in a supply name: an upper-case token with at least two digits and one letter,
 * such as CF226X, CE310A, TK-5240K, TN-2420 or 106R03480.
 */
export function partNumberOf(name: string): string | null {
    const tokens = cleanName(name).split(/[\s,;/()[\]]+/);
    for (const token of tokens) {
        if (token.length < 4 || token.length > 16) continue;
        if (!/^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$/.test(token)) continue;
        if (!/[A-Z]/.test(token) || (token.match(/\d/g) ?? []).length < 2) continue;
        return token;
    }
    return null;
}

interface Candidate {
    key: RowHistory;
    at: number | null;
}

/** Supplies and trays not seen for this long are left out of reports (the printer is gone). */
const STALE_DAYS = 7;

export function shoppingList(
    keys: Iterable<RowHistory>,
    time: number,
    days: number,
    staleDays = STALE_DAYS,
): ShoppingList {
    const horizon = time + days * DAY_MS;
    const candidates: Candidate[] = [];
    for (const key of keys) {
        // Paper trays are refilled from stock every few days; the list is for things to order.
        if (key.kind !== "supply" || time - key.lastSeen > staleDays * DAY_MS) continue;
        if (key.emptyAt !== null) {
            if (key.emptyAt <= horizon) candidates.push({ key, at: key.emptyAt });
        } else if (key.state !== null && NEEDS_STATES.has(key.state)) {
            candidates.push({ key, at: EMPTY_STATES.has(key.state) ? key.lastSeen : null });
        }
    }
    const groups = new Map<string, ShoppingGroup & { first: number }>();
    candidates.sort((a, b) => (a.at ?? Number.POSITIVE_INFINITY) - (b.at ?? Number.POSITIVE_INFINITY));
    for (const { key, at } of candidates) {
        const name = cleanName(key.name);
        const id = `${key.model}\u0000${name}`;
        let group = groups.get(id);
        if (group === undefined) {
            group = {
                model: key.model,
                name,
                partNumber: partNumberOf(key.name),
                count: 0,
                soonest: at === null ? null : isoDate(Math.max(at, time)),
                items: [],
                first: at ?? Number.POSITIVE_INFINITY,
            };
            groups.set(id, group);
        }
        group.count++;
        group.items.push({
            device: key.device,
            host: key.host,
            id: key.id,
            name: key.name,
            percent: key.percent,
            state: key.state,
            daysLeft: at === null ? null : round(Math.max(0, (at - time) / DAY_MS), 1),
            emptyOn: at === null ? null : isoDate(Math.max(at, time)),
        });
    }
    const list = [...groups.values()].sort(
        (a, b) => a.first - b.first || a.model.localeCompare(b.model) || a.name.localeCompare(b.name),
    );
    const out: ShoppingGroup[] = list.map(({ first: _first, ...g }) => g);
    const text =
        out.length === 0
            ? `nothing expected to run out within ${days} days`
            : out
                  .map((g) => `${g.count}× ${g.partNumber ?? g.name}${g.model !== "" ? ` (${g.model})` : ""}`)
                  .join(", ");
    return { time: new Date(time).toISOString(), days, count: candidates.length, groups: out, text };
}

export interface SupplySummary {
    /** Supplies (not trays) seen within the stale period. */
    supplies: number;
    /** Of those, the ones expected empty within the horizon. */
    soon: number;
}

/** Supplies (not trays) tracked and those expected empty within `days` of `time`. */
export function supplySummary(
    keys: Iterable<RowHistory>,
    time: number,
    days: number,
    staleDays = STALE_DAYS,
): SupplySummary {
    let supplies = 0;
    let soon = 0;
    for (const key of keys) {
        if (key.kind !== "supply" || time - key.lastSeen > staleDays * DAY_MS) continue;
        supplies++;
        if (key.emptyAt !== null && key.emptyAt <= time + days * DAY_MS) soon++;
    }
    return { supplies, soon };
}
