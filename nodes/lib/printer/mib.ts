/**
 * The objects the printer node reads, and the enumerations that give their values names.
 *
 * Sources: Printer-MIB v2 (RFC 3805, mib-2 43), IANA-PRINTER-MIB (mib-2 109, which now holds the
 * enumerations), HOST-RESOURCES-MIB (RFC 2790: hrDeviceTable, hrPrinterTable) and SNMPv2-MIB.
 * Every Printer-MIB table is indexed by hrDeviceIndex first, so a row index is "hrD.n".
 */

const SYSTEM = "1.3.6.1.2.1.1";
const HR_DEVICE = "1.3.6.1.2.1.25.3.2.1";
const HR_PRINTER = "1.3.6.1.2.1.25.3.5.1";
const PRT = "1.3.6.1.2.1.43";

/** Scalars (instance OIDs). */
export const SYS = {
    descr: `${SYSTEM}.1.0`,
    objectId: `${SYSTEM}.2.0`,
    upTime: `${SYSTEM}.3.0`,
    name: `${SYSTEM}.5.0`,
    location: `${SYSTEM}.6.0`,
} as const;

/** Table columns (column OIDs; the row index follows). */
export const COL = {
    // hrDeviceTable, index hrDeviceIndex
    hrDeviceType: `${HR_DEVICE}.2`,
    hrDeviceDescr: `${HR_DEVICE}.3`,
    hrDeviceStatus: `${HR_DEVICE}.5`,
    // hrPrinterTable, index hrDeviceIndex
    hrPrinterStatus: `${HR_PRINTER}.1`,
    hrPrinterDetectedErrorState: `${HR_PRINTER}.2`,
    // prtGeneralTable, index hrD
    configChanges: `${PRT}.5.1.1.1`,
    currentLocalization: `${PRT}.5.1.1.2`,
    serialNumber: `${PRT}.5.1.1.17`,
    alertCriticalEvents: `${PRT}.5.1.1.18`,
    alertAllEvents: `${PRT}.5.1.1.19`,
    // prtLocalizationTable, index hrD.localization
    localizationCharset: `${PRT}.7.1.1.4`,
    // prtInputTable, index hrD.input
    inputType: `${PRT}.8.2.1.2`,
    inputCapacityUnit: `${PRT}.8.2.1.8`,
    inputMax: `${PRT}.8.2.1.9`,
    inputLevel: `${PRT}.8.2.1.10`,
    inputStatus: `${PRT}.8.2.1.11`,
    inputMediaName: `${PRT}.8.2.1.12`,
    inputName: `${PRT}.8.2.1.13`,
    inputDescription: `${PRT}.8.2.1.18`,
    // prtOutputTable, index hrD.output
    outputCapacityUnit: `${PRT}.9.2.1.3`,
    outputMax: `${PRT}.9.2.1.4`,
    outputRemaining: `${PRT}.9.2.1.5`,
    outputStatus: `${PRT}.9.2.1.6`,
    outputName: `${PRT}.9.2.1.7`,
    outputDescription: `${PRT}.9.2.1.12`,
    // prtMarkerTable, index hrD.marker
    markerCounterUnit: `${PRT}.10.2.1.3`,
    markerLifeCount: `${PRT}.10.2.1.4`,
    // prtMarkerSuppliesTable, index hrD.supply
    supplyColorantIndex: `${PRT}.11.1.1.3`,
    supplyClass: `${PRT}.11.1.1.4`,
    supplyType: `${PRT}.11.1.1.5`,
    supplyDescription: `${PRT}.11.1.1.6`,
    supplyUnit: `${PRT}.11.1.1.7`,
    supplyMax: `${PRT}.11.1.1.8`,
    supplyLevel: `${PRT}.11.1.1.9`,
    // prtMarkerColorantTable, index hrD.colorant
    colorantValue: `${PRT}.12.1.1.4`,
    // prtAlertTable, index hrD.alert
    alertSeverity: `${PRT}.18.1.1.2`,
    alertGroup: `${PRT}.18.1.1.4`,
    alertGroupIndex: `${PRT}.18.1.1.5`,
    alertCode: `${PRT}.18.1.1.7`,
    alertDescription: `${PRT}.18.1.1.8`,
    // Ricoh private supply table (RICOH-PRIVATE-MIB ricohEngTonerTable), index n
    ricohTonerName: "1.3.6.1.4.1.367.3.2.1.2.24.1.1.2",
    ricohTonerLevel: "1.3.6.1.4.1.367.3.2.1.2.24.1.1.5",
} as const;

export type ColumnName = keyof typeof COL;

/**
 * Columns that describe what the printer is made of. They change only with a configuration
 * change (RFC 3805 prtGeneralConfigChanges: "any MIB object other than those that reflect status
 * or level, or those that act as counters or gauges") or a reboot, so they are read once and cached.
 */
export const STATIC_COLUMNS: readonly ColumnName[] = [
    "hrDeviceType",
    "hrDeviceDescr",
    "currentLocalization",
    "serialNumber",
    "localizationCharset",
    "inputType",
    "inputCapacityUnit",
    "inputMediaName",
    "inputName",
    "inputDescription",
    "outputCapacityUnit",
    "outputName",
    "outputDescription",
    "markerCounterUnit",
    "supplyColorantIndex",
    "supplyClass",
    "supplyType",
    "supplyDescription",
    "supplyUnit",
    "colorantValue",
    "ricohTonerName",
];

/** Columns read on every poll: levels, capacities (cheap, and they change with a new cartridge), status, counters. */
export const DYNAMIC_COLUMNS: readonly ColumnName[] = [
    "hrDeviceStatus",
    "hrPrinterStatus",
    "hrPrinterDetectedErrorState",
    "configChanges",
    "alertCriticalEvents",
    "alertAllEvents",
    "inputMax",
    "inputLevel",
    "inputStatus",
    "outputMax",
    "outputRemaining",
    "outputStatus",
    "markerLifeCount",
    "supplyMax",
    "supplyLevel",
    "ricohTonerLevel",
];

/** prtMarkerSuppliesTable columns: a row in any of them is a supply. */
export const SUPPLY_COLUMNS: readonly ColumnName[] = [
    "supplyLevel",
    "supplyMax",
    "supplyDescription",
    "supplyType",
    "supplyClass",
    "supplyUnit",
    "supplyColorantIndex",
];

/** The alert table is walked (its rows come and go), never read by known index. */
export const ALERT_COLUMNS: readonly ColumnName[] = [
    "alertSeverity",
    "alertGroup",
    "alertGroupIndex",
    "alertCode",
    "alertDescription",
];

/** hrDeviceType value of a printer (HOST-RESOURCES-MIB hrDevicePrinter). */
export const HR_DEVICE_PRINTER = "1.3.6.1.2.1.25.3.1.5";

/** Ricoh's enterprise number; its brands (Lanier, Savin, Gestetner, NRG, nashuatec) use it too. */
export const RICOH_ENTERPRISE = "1.3.6.1.4.1.367";

// ---------------------------------------------------------------------------------------------
// Enumerations

/** PrtMarkerSuppliesTypeTC (IANA-PRINTER-MIB). */
export const SUPPLY_TYPES: Record<number, string> = {
    1: "other",
    2: "unknown",
    3: "toner",
    4: "wasteToner",
    5: "ink",
    6: "inkCartridge",
    7: "inkRibbon",
    8: "wasteInk",
    9: "opc",
    10: "developer",
    11: "fuserOil",
    12: "solidWax",
    13: "ribbonWax",
    14: "wasteWax",
    15: "fuser",
    16: "coronaWire",
    17: "fuserOilWick",
    18: "cleanerUnit",
    19: "fuserCleaningPad",
    20: "transferUnit",
    21: "tonerCartridge",
    22: "fuserOiler",
    23: "water",
    24: "wasteWater",
    25: "glueWaterAdditive",
    26: "wastePaper",
    27: "bindingSupply",
    28: "bandingSupply",
    29: "stitchingWire",
    30: "shrinkWrap",
    31: "paperWrap",
    32: "staples",
    33: "inserts",
    34: "covers",
    35: "matteToner",
    36: "matteInk",
};

/** Supply types that are receptacles when the class column is missing (RFC 3805 waste types). */
export const RECEPTACLE_TYPES = new Set(["wasteToner", "wasteInk", "wasteWax", "wasteWater", "wastePaper"]);

/** Supply types that carry colorant: what hrPrinterDetectedErrorState lowToner/noToner is about. */
export const COLORANT_TYPES = new Set([
    "toner",
    "tonerCartridge",
    "matteToner",
    "ink",
    "inkCartridge",
    "matteInk",
    "inkRibbon",
    "solidWax",
    "ribbonWax",
]);

/** PrtMarkerSuppliesClassTC: other(1), supplyThatIsConsumed(3), receptacleThatIsFilled(4). */
export const SUPPLY_CLASS_RECEPTACLE = 4;

/** PrtMarkerSuppliesSupplyUnitTC and PrtCapacityUnitTC share these values. */
export const UNITS: Record<number, string> = {
    1: "other",
    2: "unknown",
    3: "tenThousandthsOfInches",
    4: "micrometers",
    7: "impressions",
    8: "sheets",
    11: "hours",
    12: "thousandthsOfOunces",
    13: "tenthsOfGrams",
    14: "hundrethsOfFluidOunces",
    15: "tenthsOfMilliliters",
    16: "feet",
    17: "meters",
    18: "items",
    19: "percent",
};
export const UNIT_PERCENT = 19;

/** PrtMarkerCounterUnitTC values that count pages, for the page counter. */
export const PAGE_COUNTER_UNITS = new Set([7 /* impressions */, 8 /* sheets */]);

/** PrtInputTypeTC sheetFeedManual(5): a manual feed, normally empty. */
export const INPUT_TYPE_MANUAL = 5;

/** hrDeviceStatus (RFC 2790). */
export const HR_DEVICE_STATUS = { unknown: 1, running: 2, warning: 3, testing: 4, down: 5 } as const;

/** hrPrinterStatus (RFC 2790): other(1) unknown(2) idle(3) printing(4) warmup(5). */
export const HR_PRINTER_STATUS: Record<number, "other" | "unknown" | "idle" | "printing" | "warmup"> = {
    1: "other",
    2: "unknown",
    3: "idle",
    4: "printing",
    5: "warmup",
};

/**
 * hrPrinterDetectedErrorState bits (RFC 2790). Bit 0 is the most significant bit of the first
 * byte; bits 8-14 are in the second byte, which some agents do not send.
 */
export const ERROR_BITS = [
    "lowPaper",
    "noPaper",
    "lowToner",
    "noToner",
    "doorOpen",
    "jammed",
    "offline",
    "serviceRequested",
    "inputTrayMissing",
    "outputTrayMissing",
    "markerSupplyMissing",
    "outputNearFull",
    "outputFull",
    "inputTrayEmpty",
    "overduePreventMaint",
] as const;
export type ErrorBit = (typeof ERROR_BITS)[number];

/** PrtAlertSeverityLevelTC: other(1), critical(3), warning(4), warningBinaryChangeEvent(5). */
export const ALERT_SEVERITY: Record<number, "other" | "critical" | "warning"> = {
    1: "other",
    3: "critical",
    4: "warning",
    5: "warning",
};

/** PrtAlertGroupTC: the table (printmib sub-identifier) whose row raised the alert. */
export const ALERT_GROUPS: Record<number, string> = {
    1: "other",
    2: "unknown",
    3: "hostResourcesMIBStorageTable",
    4: "hostResourcesMIBDeviceTable",
    5: "generalPrinter",
    6: "cover",
    7: "localization",
    8: "input",
    9: "output",
    10: "marker",
    11: "markerSupplies",
    12: "markerColorant",
    13: "mediaPath",
    14: "channel",
    15: "interpreter",
    16: "consoleDisplayBuffer",
    17: "consoleLights",
    18: "alert",
    30: "finDevice",
    31: "finSupply",
    32: "finSupplyMediaInput",
    33: "finAttribute",
};
export const ALERT_GROUP = { input: 8, output: 9, marker: 10, markerSupplies: 11 } as const;

/** PrtAlertCodeTC (IANA-PRINTER-MIB), the generic and sub-unit codes. */
export const ALERT_CODES: Record<number, string> = {
    1: "other",
    2: "unknown",
    3: "coverOpen",
    4: "coverClosed",
    5: "interlockOpen",
    6: "interlockClosed",
    7: "configurationChange",
    8: "jam",
    9: "subunitMissing",
    10: "subunitLifeAlmostOver",
    11: "subunitLifeOver",
    12: "subunitAlmostEmpty",
    13: "subunitEmpty",
    14: "subunitAlmostFull",
    15: "subunitFull",
    16: "subunitNearLimit",
    17: "subunitAtLimit",
    18: "subunitOpened",
    19: "subunitClosed",
    20: "subunitTurnedOn",
    21: "subunitTurnedOff",
    22: "subunitOffline",
    23: "subunitPowerSaver",
    24: "subunitWarmingUp",
    25: "subunitAdded",
    26: "subunitRemoved",
    27: "subunitResourceAdded",
    28: "subunitResourceRemoved",
    29: "subunitRecoverableFailure",
    30: "subunitUnrecoverableFailure",
    31: "subunitRecoverableStorageError",
    32: "subunitUnrecoverableStorageError",
    33: "subunitMotorFailure",
    34: "subunitMemoryExhausted",
    35: "subunitUnderTemperature",
    36: "subunitOverTemperature",
    37: "subunitTimingFailure",
    38: "subunitThermistorFailure",
    501: "doorOpen",
    502: "doorClosed",
    503: "powerUp",
    504: "powerDown",
    505: "printerNMSReset",
    506: "printerManualReset",
    507: "printerReadyToPrint",
    801: "inputMediaTrayMissing",
    802: "inputMediaSizeChange",
    803: "inputMediaWeightChange",
    804: "inputMediaTypeChange",
    805: "inputMediaColorChange",
    806: "inputMediaFormPartsChange",
    807: "inputMediaSupplyLow",
    808: "inputMediaSupplyEmpty",
    809: "inputMediaChangeRequest",
    810: "inputManualInputRequest",
    811: "inputTrayPositionFailure",
    812: "inputTrayElevationFailure",
    813: "inputCannotFeedSizeSelected",
    901: "outputMediaTrayMissing",
    902: "outputMediaTrayAlmostFull",
    903: "outputMediaTrayFull",
    904: "outputMailboxSelectFailure",
    1001: "markerFuserUnderTemperature",
    1002: "markerFuserOverTemperature",
    1003: "markerFuserTimingFailure",
    1004: "markerFuserThermistorFailure",
    1005: "markerAdjustingPrintQuality",
    1101: "markerTonerEmpty",
    1102: "markerInkEmpty",
    1103: "markerPrintRibbonEmpty",
    1104: "markerTonerAlmostEmpty",
    1105: "markerInkAlmostEmpty",
    1106: "markerPrintRibbonAlmostEmpty",
    1107: "markerWasteTonerReceptacleAlmostFull",
    1108: "markerWasteInkReceptacleAlmostFull",
    1109: "markerWasteTonerReceptacleFull",
    1110: "markerWasteInkReceptacleFull",
    1111: "markerOpcLifeAlmostOver",
    1112: "markerOpcLifeOver",
    1113: "markerDeveloperAlmostEmpty",
    1114: "markerDeveloperEmpty",
    1115: "markerTonerCartridgeMissing",
    1301: "mediaPathMediaTrayMissing",
    1302: "mediaPathMediaTrayAlmostFull",
    1303: "mediaPathMediaTrayFull",
    1304: "mediaPathCannotDuplexMediaSelected",
    1501: "interpreterMemoryIncrease",
    1502: "interpreterMemoryDecrease",
    1503: "interpreterCartridgeAdded",
    1504: "interpreterCartridgeDeleted",
    1505: "interpreterResourceAdded",
    1506: "interpreterResourceDeleted",
    1507: "interpreterResourceUnavailable",
    1509: "interpreterComplexPageEncountered",
    1801: "alertRemovalOfBinaryChangeEntry",
};

/** What an alert code says about the sub-unit it points at (its group and group index). */
export type AlertEffect = "low" | "empty" | "almostFull" | "full";
export const ALERT_EFFECTS: Record<number, AlertEffect> = {
    10: "low", // subunitLifeAlmostOver
    11: "empty", // subunitLifeOver
    12: "low", // subunitAlmostEmpty
    13: "empty", // subunitEmpty
    14: "almostFull", // subunitAlmostFull
    15: "full", // subunitFull
    807: "low", // inputMediaSupplyLow
    808: "empty", // inputMediaSupplyEmpty
    902: "almostFull", // outputMediaTrayAlmostFull
    903: "full", // outputMediaTrayFull
    1101: "empty",
    1102: "empty",
    1103: "empty",
    1104: "low",
    1105: "low",
    1106: "low",
    1107: "almostFull",
    1108: "almostFull",
    1109: "full",
    1110: "full",
    1111: "low",
    1112: "empty",
    1113: "low",
    1114: "empty",
};

/** Marker-supply alert codes that name a colorant supply (toner, ink, ribbon) without an index. */
export const COLORANT_ALERT_CODES = new Set([1101, 1102, 1103, 1104, 1105, 1106]);

/**
 * Alert codes that are power and power-save chatter, not problems: subunitPowerSaver(23) and the
 * unary powerUp(503)/powerDown(504) events, which linger in the table after the printer wakes.
 */
export const NOISE_ALERT_CODES = new Set([23, 503, 504]);
