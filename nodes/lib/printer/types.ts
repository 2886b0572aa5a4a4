/** What one poll of a printer yields: the types live with the message contract (contract.ts). */
export type {
    OutputBin,
    OutputState,
    PrinterAlert,
    PrinterReading,
    PrinterStatus,
    Supply,
    SupplyState,
    Tray,
    TrayState,
} from "./contract";
