/**
 * Colours of the dashboard: a supply bar is drawn in the colour of its colorant, so a user sees
 * at a glance which cartridge is low. The colorant names come from prtMarkerColorantValue
 * (RFC 3805: ISO 10175 names such as "black", "cyan", "magenta", "yellow") as normalised by the
 * printer node; vendors add their own ("photo black", "light cyan", "matte black"). Only fixed
 * hex values from the table below ever reach the page: a device string never becomes CSS.
 */

export interface BarColour {
    /** Fill of the bar. */
    fill: string;
    /** Text drawn over the fill: dark on light colours (yellow), light on dark ones. */
    text: string;
}

/** The grey of a supply whose colour is not known (drums, fusers, unnamed colorants). */
export const UNKNOWN_COLOUR = "#9e9e9e";
/** Paper trays and other neutral bars. */
export const TRAY_COLOUR = "#78909c";
/** Waste boxes: brown-grey, so they do not read as a colour cartridge. */
export const WASTE_COLOUR = "#8d6e63";

const PALETTE: Record<string, string> = {
    black: "#212121",
    photoblack: "#111111",
    matteblack: "#3a3a3a",
    mattblack: "#3a3a3a",
    lightblack: "#757575",
    lightlightblack: "#bdbdbd",
    grey: "#9e9e9e",
    lightgrey: "#bdbdbd",
    darkgrey: "#616161",
    cyan: "#00a8e8",
    lightcyan: "#7fd3f7",
    photocyan: "#7fd3f7",
    magenta: "#e6007e",
    lightmagenta: "#f39ac6",
    vividmagenta: "#e6007e",
    vividlightmagenta: "#f39ac6",
    photomagenta: "#f39ac6",
    yellow: "#ffe100",
    red: "#e53935",
    green: "#43a047",
    blue: "#1e88e5",
    orange: "#fb8c00",
    violet: "#8e24aa",
    purple: "#8e24aa",
    white: "#f5f5f5",
    clear: "#e0e0e0",
    transparent: "#e0e0e0",
    gold: "#c9a227",
    silver: "#b0b0b0",
};

/** Spellings of the same colorant in other languages and vendor texts. */
const SYNONYMS: Record<string, string> = {
    gray: "grey",
    lightgray: "lightgrey",
    darkgray: "darkgrey",
    schwarz: "black",
    noir: "black",
    negro: "black",
    nero: "black",
    zyan: "cyan",
    cian: "cyan",
    ciano: "cyan",
    gelb: "yellow",
    jaune: "yellow",
    amarillo: "yellow",
    giallo: "yellow",
    photoblk: "photoblack",
    mk: "matteblack",
    pk: "photoblack",
};

/** Lower case, letters only: "Light Cyan" → "lightcyan", "photo-black" → "photoblack". */
export function colourKey(color: unknown): string {
    if (typeof color !== "string") return "";
    const key = color.toLowerCase().replace(/[^a-z]/g, "");
    return SYNONYMS[key] ?? key;
}

/** Relative luminance (WCAG 2.x) of a #rrggbb colour, 0 (black) to 1 (white). */
function luminance(hex: string): number {
    const n = Number.parseInt(hex.slice(1), 16);
    const channel = (v: number): number => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return (
        0.2126 * channel((n >> 16) & 0xff) + 0.7152 * channel((n >> 8) & 0xff) + 0.0722 * channel(n & 0xff)
    );
}

/** Text colour that stays readable on a fill (dark on yellow, white on black). */
export function textOn(fill: string): string {
    return luminance(fill) > 0.35 ? "#212121" : "#ffffff";
}

/** The bar colour of a colorant name; grey when the name is missing or not one we know. */
export function supplyColour(color: unknown): BarColour {
    const fill = PALETTE[colourKey(color)] ?? UNKNOWN_COLOUR;
    return { fill, text: textOn(fill) };
}
