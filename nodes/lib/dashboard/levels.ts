/**
 * Where the widgets' low and critical marks come from, so that a card and the alert list beside it
 * never disagree: the list of active alerts of the threshold-alert node that feeds the widget
 * (its output 2) when one does; otherwise the widget judges every reading itself with
 * threshold-alert's own rules at their defaults (toner and ink 15 % / 5 %, drums 10 % / 3 %, an
 * empty tray or a jam critical, more than 30 / 50 clients on an AP...), with the same code, so a
 * threshold-alert left at its defaults lists exactly what the cards mark.
 */
import { AlertBook, handleInput, parseRules, restoreState, type AlertState, type Rules } from "../alert";
import { readAlertList, type ListedAlert } from "../alert/contract";
import { isRecord } from "../json";

export type Mark = ListedAlert["severity"];

/** The levels as a board saves them. */
export interface SavedLevels {
    /** A threshold-alert list fed the board. */
    fed: boolean;
    /** The marks, as rows of threshold-alert's list (read back through its reader). */
    active: { key: string; severity: Mark }[];
    /** The board's own judgement by the default rules (when not fed). */
    book?: AlertState;
}

/** threshold-alert's rules at their defaults (they always parse: a broken default is a bug). */
function defaultRules(): Rules {
    const parsed = parseRules({});
    if ("problems" in parsed) throw new Error(`threshold-alert defaults: ${JSON.stringify(parsed.problems)}`);
    return parsed.rules;
}

export class AlertLevels {
    private book = new AlertBook();
    private readonly rules = defaultRules();
    private fed = false;
    private active = new Map<string, Mark>();

    /** "alerts" once a threshold-alert list has fed the widget, else "defaults". */
    get source(): "alerts" | "defaults" {
        return this.fed ? "alerts" : "defaults";
    }

    /** A device message (output 1 of a query node), judged by the default rules unless fed. */
    observe(msg: Record<string, unknown>, now: number): void {
        if (this.fed) return;
        const outcome = handleInput(this.book, msg, this.rules, now);
        if (!outcome.ok) return;
        // No list: the alerts did not change.
        if (outcome.list !== null) this.setActive(outcome.list.payload);
    }

    /**
     * Output 2 of threshold-alert: from now on the marks are the ones it lists. Returns false, and
     * changes nothing, when the message is not such a list.
     */
    takeList(msg: Record<string, unknown>): boolean {
        const rows = readAlertList(msg);
        if (rows === null) return false;
        this.fed = true;
        this.book = new AlertBook();
        this.setActive(rows);
        return true;
    }

    /** The mark of an alert key (`10.0.0.5/supply/1.1`), if it is alerting. */
    mark(key: string): Mark | undefined {
        return this.active.get(key);
    }

    snapshot(): SavedLevels {
        const active = Array.from(this.active, ([key, severity]) => ({ key, severity }));
        return this.fed ? { fed: true, active } : { fed: false, active, book: this.book.state };
    }

    /**
     * Take back saved levels (a restart), unless a list or a reading has set them since: the
     * marks stay those of the alert list until threshold-alert sends its next one.
     */
    merge(saved: unknown): void {
        if (this.fed || this.active.size > 0 || this.book.size > 0 || !isRecord(saved)) return;
        const rows = readAlertList({ topic: "alerts", payload: saved.active, summary: {} }) ?? [];
        if (saved.fed === true) {
            this.fed = true;
            this.book = new AlertBook();
        } else if (this.book.size === 0 && saved.book !== undefined) {
            this.book = new AlertBook(restoreState(saved.book));
        }
        this.setActive(rows);
    }

    clear(): void {
        this.fed = false;
        this.book = new AlertBook();
        this.active.clear();
    }

    private setActive(rows: { key: string; severity: string }[]): void {
        this.active = new Map();
        for (const r of rows) {
            if (r.severity === "critical" || r.severity === "warning") this.active.set(r.key, r.severity);
        }
    }
}

/** The worse of two marks. */
export function worse(a: Mark | undefined, b: Mark | undefined): Mark | undefined {
    if (a === "critical" || b === "critical") return "critical";
    return a ?? b;
}
