/**
 * Sizes of what the widgets draw, in pixels, shared by the page's CSS (templates.ts) and by the
 * height estimate below. node-red-dashboard measures an "auto" sized template once, when the
 * page is laid out, before any data has arrived; the widgets therefore tell the dashboard how many
 * grid rows they need each time their content changes. Every line the widgets draw has a fixed
 * height (long texts are cut with an ellipsis) so that the estimate holds; when it does not, the
 * widget scrolls instead of overlapping its neighbours.
 */
import type { PrinterView } from "./printers";
import type { WifiView } from "./wifi";

/** The grid of node-red-dashboard (ui.getSizes()): cell size, gaps and paddings in pixels. */
export interface GridSizes {
    sx: number;
    sy: number;
    cx: number;
    cy: number;
}

export const DEFAULT_SIZES: GridSizes = { sx: 48, sy: 48, cx: 6, cy: 6 };

export const PX = {
    /** Padding inside the widget. */
    pad: 4,
    /** The summary line at the top of both widgets. */
    summary: 24,
    /** One line of text (model, note, issue, device note). */
    line: 18,
    /** A supply, tray or AP bar. */
    bar: 22,
    /** Printer cards: narrowest card, gap between cards, border + padding of one card. */
    cardMin: 240,
    cardGap: 8,
    cardChrome: 2 + 2 * 8,
    /** Card title line. */
    cardHead: 22,
    /** Table header and rows of the client table, and the margin above the table. */
    tableHead: 26,
    tableRow: 24,
    tableGap: 8,
} as const;

function widthPx(units: number, sizes: GridSizes): number {
    return units * sizes.sx + Math.max(0, units - 1) * sizes.cx;
}

/** Grid rows needed to show `px` pixels. */
function rowsFor(px: number, sizes: GridSizes): number {
    return Math.max(1, Math.ceil((px + sizes.cy) / (sizes.sy + sizes.cy)));
}

/** Height of one printer card in pixels (mirrors the card markup in templates.ts). */
export function cardHeight(card: PrinterView["cards"][number]): number {
    let h = PX.cardChrome + PX.cardHead + PX.line; // title, then model and location
    if (card.greyed) h += PX.line;
    h += PX.line * (card.issues.length + (card.moreIssues > 0 ? 1 : 0));
    h += PX.bar * card.supplies.length;
    if (card.trays.length > 0) h += PX.line + PX.bar * card.trays.length;
    return h;
}

/** Grid rows the printer widget needs at a width of `units` columns. */
export function printerRows(view: PrinterView, units: number, sizes: GridSizes = DEFAULT_SIZES): number {
    const inner = widthPx(units, sizes) - 2 * PX.pad;
    const columns = Math.max(1, Math.floor((inner + PX.cardGap) / (PX.cardMin + PX.cardGap)));
    let px = 2 * PX.pad + PX.summary;
    for (let i = 0; i < view.cards.length; i += columns) {
        const row = view.cards.slice(i, i + columns);
        px += Math.max(...row.map(cardHeight)) + PX.cardGap;
    }
    return rowsFor(px, sizes);
}

/** Grid rows the Wi-Fi widget needs (its width does not change its height: lines do not wrap). */
export function wifiRows(view: WifiView, sizes: GridSizes = DEFAULT_SIZES): number {
    let px = 2 * PX.pad + PX.summary;
    px += PX.line * view.notes.length;
    px += PX.bar * view.aps.length;
    if (view.clients.length > 0) {
        const shown = Math.min(view.clients.length, view.maxRows);
        px += PX.tableGap + PX.tableHead + PX.tableRow * shown;
        if (view.clients.length > shown) px += PX.line;
    }
    return rowsFor(px, sizes);
}
