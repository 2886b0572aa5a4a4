/**
 * The Wi-Fi client table as each viewer sees it: filtered by what they typed in the filter box and
 * sorted by the column they clicked, in their own browser (viewers do not disturb each other).
 *
 * One function, used by both dashboards: the Vue component of Dashboard 2 imports it, and the
 * node-red-dashboard controller carries its source text (`viewClients.toString()`), so it must
 * stay self-contained: no imports, no helpers outside its body.
 */

/** The fields of a client row the filter and the sort read (see ClientRow in wifi.ts). */
export interface TableRow {
    key: string;
    label: string;
    mac: string;
    vendor: string;
    ip: string;
    ap: string;
    ssid: string;
    band: string;
    signalSort: number;
}

export type SortKey = "label" | "vendor" | "ap" | "ssid" | "band" | "signalSort";

export const SORT_KEYS: readonly SortKey[] = ["label", "vendor", "ap", "ssid", "band", "signalSort"];

/**
 * The rows to draw: those matching every word of `query` (anywhere in name, MAC, vendor, IP, AP,
 * SSID or band, ignoring case), sorted by `key` (then by name and key, so the order is stable),
 * at most `max` of them; and how many matched in all.
 */
export function viewClients<T extends TableRow>(
    all: readonly T[],
    query: string,
    key: string,
    reverse: boolean,
    max: number,
): { rows: T[]; matched: number } {
    const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
    const words = String(query || "")
        .toLowerCase()
        .split(/\s+/)
        .filter(function (w) {
            return w !== "";
        });
    const matching = all.filter(function (row) {
        if (words.length === 0) return true;
        const text = [row.label, row.mac, row.vendor, row.ip, row.ap, row.ssid, row.band]
            .join(" ")
            .toLowerCase();
        return words.every(function (w) {
            return text.indexOf(w) !== -1;
        });
    });
    const field = key as keyof TableRow;
    const sorted = matching.slice().sort(function (a, b) {
        const x = a[field];
        const y = b[field];
        let c =
            typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
        if (reverse) c = -c;
        return c || collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
    return { rows: sorted.slice(0, Math.max(0, max)), matched: matching.length };
}
