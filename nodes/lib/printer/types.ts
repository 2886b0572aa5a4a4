/** What one poll of a printer yields: plain, JSON-able data (the contract in the node's help). */

export type PrinterStatus = "idle" | "printing" | "warmup" | "down" | "other" | "unknown";

/**
 * `low`/`empty` for what is consumed, `almostFull`/`full` for receptacles (waste boxes);
 * `someRemaining` (-3), `unknown` (-2) and `unlimited` (-1) are the Printer-MIB's special levels.
 */
export type SupplyState =
    "ok" | "low" | "empty" | "someRemaining" | "unknown" | "unlimited" | "full" | "almostFull";

export type TrayState = "ok" | "low" | "empty" | "someRemaining" | "unknown" | "unlimited";
export type OutputState = "ok" | "nearFull" | "full" | "unknown";

export interface Supply {
    /** hrDeviceIndex.prtMarkerSuppliesIndex, e.g. "1.3": the stable key. */
    id: string;
    name: string;
    /** IANA PrtMarkerSuppliesTypeTC name: toner, ink, wasteToner, opc, fuser, ... */
    type: string;
    color: string | null;
    class: "consumed" | "receptacle";
    unit: string | null;
    /** Raw prtMarkerSuppliesLevel (may be -1, -2, -3). */
    level: number | null;
    /** Raw prtMarkerSuppliesMaxCapacity (may be -1, -2). */
    max: number | null;
    /** level as a share of max: supply left, or for a receptacle the space left (RFC 3805). */
    percent: number | null;
    state: SupplyState;
}

export interface Tray {
    /** hrDeviceIndex.prtInputIndex */
    id: string;
    name: string;
    media: string | null;
    unit: string | null;
    level: number | null;
    max: number | null;
    percent: number | null;
    state: TrayState;
    /** A manual feed (bypass, multi-purpose tray): empty is its normal state. */
    manual: boolean;
}

export interface OutputBin {
    /** hrDeviceIndex.prtOutputIndex */
    id: string;
    name: string;
    remaining: number | null;
    max: number | null;
    state: OutputState;
}

export interface PrinterAlert {
    severity: "critical" | "warning" | "other";
    /** PrtAlertGroupTC name: the kind of sub-unit ("input", "markerSupplies", ...). */
    group: string;
    /** The row of that sub-unit's table, when the alert names one. */
    groupIndex: number | null;
    /** PrtAlertCodeTC name, or the number as text for codes the MIB does not list. */
    code: string;
    text: string;
}

export interface PrinterReading {
    model: string | null;
    serial: string | null;
    name: string | null;
    location: string | null;
    /** Seconds since the agent started (sysUpTime). */
    uptime: number | null;
    /** ISO 8601 time of the reading. */
    time: string;
    status: PrinterStatus;
    errors: string[];
    alerts: PrinterAlert[];
    supplies: Supply[];
    trays: Tray[];
    outputs: OutputBin[];
    pageCount: number | null;
    quirks: string[];
}
