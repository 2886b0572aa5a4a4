/**
 * What a dashboard panel keeps over deploys and restarts (issue 15), the same for both panels and
 * both dashboards: its devices (the last reading of each, as its producer sent it, and how fresh
 * it was), its marks and its history lines. The node saves it through nodes/lib/durable; after a
 * restart a page shows the same cards (greyed by their age as usual) and the same history.
 *
 * One versioned shape, read back field by field; what arrived before the saved state was read
 * back is newer and wins (see the merge methods).
 */
import { isRecord } from "../json";
import type { DeviceRegistry, SavedDevice } from "./devices";
import type { History, HistoryState } from "./history";
import type { AlertLevels, SavedLevels } from "./levels";

export const BOARD_STATE_VERSION = 1;

export interface BoardState {
    format: "snmp-office dashboard panel";
    version: typeof BOARD_STATE_VERSION;
    /** "printers" or "wifi": a file of the other panel is not read as this one's. */
    panel: string;
    devices: SavedDevice[];
    levels: SavedLevels;
    history: HistoryState;
}

/** How a restore went: `unreadable` when the state was not one this version reads (nothing taken). */
export interface RestoreResult {
    unreadable: boolean;
    /** Saved devices left out because they could not be read. */
    dropped: number;
}

/** The parts of a board that are saved. */
export interface BoardParts {
    panel: string;
    devices: Pick<DeviceRegistry<never, unknown>, "snapshot" | "merge">;
    levels: Pick<AlertLevels, "snapshot" | "merge">;
    history: Pick<History, "snapshot" | "merge">;
}

export function boardState(parts: BoardParts): BoardState {
    return {
        format: "snmp-office dashboard panel",
        version: BOARD_STATE_VERSION,
        panel: parts.panel,
        devices: parts.devices.snapshot(),
        levels: parts.levels.snapshot(),
        history: parts.history.snapshot(),
    };
}

/** Take a saved state back into a board, under what it has learnt since it started. */
export function restoreBoard(parts: BoardParts, saved: unknown, now: number): RestoreResult {
    if (
        !isRecord(saved) ||
        saved.version !== BOARD_STATE_VERSION ||
        saved.panel !== parts.panel ||
        !Array.isArray(saved.devices)
    ) {
        return { unreadable: true, dropped: 0 };
    }
    const dropped = parts.devices.merge(saved.devices);
    parts.levels.merge(saved.levels);
    // A history this version cannot read costs the lines only, not the cards.
    parts.history.merge(saved.history, now);
    return { unreadable: false, dropped };
}
