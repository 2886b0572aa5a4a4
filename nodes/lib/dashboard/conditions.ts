/**
 * What a printer card says in words. A printer reports one condition in several places at once:
 * an hrPrinterDetectedErrorState bit (RFC 2790), rows of its alert table (RFC 3805 prtAlertTable,
 * codes of IANA-PRINTER-MIB PrtAlertCodeTC) and the state of the supply, tray or bin concerned. A
 * card shows each condition once, by name ("out of paper", "paper jam", "output full"), and leaves
 * out what a supply, tray or bin bar already shows.
 *
 * The table is data: each condition, the error bits and alert codes that report it, whether it
 * stops printing (then it is what the card's status says instead of "down"), and whether the bars
 * already show it.
 */

export interface Condition {
    /** Message-catalog key under `<widget>.condition.` and the order of importance (first = worst). */
    id: string;
    /** hrPrinterDetectedErrorState bits. */
    errors: readonly string[];
    /** PrtAlertCodeTC names. */
    codes: readonly string[];
    /** PrtAlertGroupTC names whose generic codes (subunitEmpty, subunitFull...) mean this condition. */
    groups?: { group: string; codes: readonly string[] }[];
    /** The printer cannot print while it holds: the card's status says this instead of "down". */
    stops: boolean;
    /**
     * The supply or tray bars show it already (their level and mark): no line of its own when the
     * printer lists supplies (for "supplies") or trays (for "trays").
     */
    shownBy?: "supplies" | "trays";
    /** The threshold-alert error key that carries this condition's level (threshold-alert's name). */
    alertError?: string;
}

/** Most important first: a card whose printer is jammed and out of paper says "paper jam". */
export const CONDITIONS: readonly Condition[] = [
    {
        id: "jammed",
        errors: ["jammed"],
        codes: ["jam"],
        stops: true,
        alertError: "jammed",
    },
    {
        id: "doorOpen",
        errors: ["doorOpen"],
        codes: ["coverOpen", "interlockOpen", "doorOpen"],
        groups: [{ group: "cover", codes: ["subunitOpened"] }],
        stops: true,
        alertError: "doorOpen",
    },
    {
        id: "noPaper",
        errors: ["noPaper", "inputTrayEmpty"],
        codes: ["inputMediaSupplyEmpty"],
        groups: [{ group: "input", codes: ["subunitEmpty"] }],
        stops: true,
        alertError: "noPaper",
    },
    {
        id: "noToner",
        errors: ["noToner"],
        codes: ["markerTonerEmpty", "markerInkEmpty", "markerPrintRibbonEmpty"],
        groups: [{ group: "markerSupplies", codes: ["subunitEmpty"] }],
        stops: true,
        shownBy: "supplies",
        alertError: "noToner",
    },
    {
        id: "outputFull",
        errors: ["outputFull"],
        codes: ["outputMediaTrayFull", "mediaPathMediaTrayFull"],
        groups: [{ group: "output", codes: ["subunitFull"] }],
        stops: true,
        alertError: "outputFull",
    },
    {
        id: "inputTrayMissing",
        errors: ["inputTrayMissing"],
        codes: ["inputMediaTrayMissing"],
        groups: [{ group: "input", codes: ["subunitMissing"] }],
        stops: true,
        alertError: "inputTrayMissing",
    },
    {
        id: "outputTrayMissing",
        errors: ["outputTrayMissing"],
        codes: ["outputMediaTrayMissing", "mediaPathMediaTrayMissing"],
        groups: [{ group: "output", codes: ["subunitMissing"] }],
        stops: true,
        alertError: "outputTrayMissing",
    },
    {
        id: "markerSupplyMissing",
        errors: ["markerSupplyMissing"],
        codes: ["markerTonerCartridgeMissing"],
        groups: [{ group: "markerSupplies", codes: ["subunitMissing"] }],
        stops: true,
        alertError: "markerSupplyMissing",
    },
    {
        id: "offline",
        errors: ["offline"],
        codes: [],
        stops: true,
        alertError: "offline",
    },
    {
        id: "serviceRequested",
        errors: ["serviceRequested"],
        codes: [],
        stops: false,
        alertError: "serviceRequested",
    },
    {
        id: "outputNearFull",
        errors: ["outputNearFull"],
        codes: ["outputMediaTrayAlmostFull", "mediaPathMediaTrayAlmostFull"],
        groups: [{ group: "output", codes: ["subunitAlmostFull"] }],
        stops: false,
        alertError: "outputNearFull",
    },
    {
        id: "lowPaper",
        errors: ["lowPaper"],
        codes: ["inputMediaSupplyLow"],
        groups: [{ group: "input", codes: ["subunitAlmostEmpty"] }],
        stops: false,
        shownBy: "trays",
        alertError: "lowPaper",
    },
    {
        id: "lowToner",
        errors: ["lowToner"],
        codes: [
            "markerTonerAlmostEmpty",
            "markerInkAlmostEmpty",
            "markerPrintRibbonAlmostEmpty",
            "markerWasteTonerReceptacleAlmostFull",
            "markerWasteInkReceptacleAlmostFull",
            "markerWasteTonerReceptacleFull",
            "markerWasteInkReceptacleFull",
            "markerOpcLifeAlmostOver",
            "markerOpcLifeOver",
            "markerDeveloperAlmostEmpty",
            "markerDeveloperEmpty",
        ],
        groups: [
            {
                group: "markerSupplies",
                codes: [
                    "subunitAlmostEmpty",
                    "subunitAlmostFull",
                    "subunitFull",
                    "subunitLifeAlmostOver",
                    "subunitLifeOver",
                ],
            },
        ],
        stops: false,
        shownBy: "supplies",
        alertError: "lowToner",
    },
    {
        id: "overduePreventMaint",
        errors: ["overduePreventMaint"],
        codes: [],
        stops: false,
        alertError: "overduePreventMaint",
    },
];

/** The condition a printer alert (group and code names) reports, if it is one of the table. */
export function conditionOfAlert(group: string, code: string): Condition | undefined {
    return CONDITIONS.find(
        (c) =>
            c.codes.includes(code) ||
            (c.groups ?? []).some((g) => g.group === group && g.codes.includes(code)),
    );
}

/** The conditions an error bit list reports, in the table's order. */
export function conditionsOfErrors(errors: readonly string[]): Condition[] {
    return CONDITIONS.filter((c) => c.errors.some((e) => errors.includes(e)));
}

/**
 * Alerts about a sub-unit whose level the bars show (a supply almost empty, a tray low): the
 * printer decoder has already turned them into that supply's or tray's state.
 */
const SHOWN_BY_BARS: Record<string, readonly string[]> = {
    markerSupplies: ["subunitAlmostEmpty", "subunitEmpty", "subunitAlmostFull", "subunitFull"],
    marker: ["subunitLifeAlmostOver", "subunitLifeOver"],
    input: ["subunitAlmostEmpty", "subunitEmpty"],
};

export function alertShownByBars(group: string, code: string): boolean {
    return SHOWN_BY_BARS[group]?.includes(code) === true;
}
