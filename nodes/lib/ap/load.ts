/**
 * Signal and load: how well the clients of an AP or radio hear it, and a plain verdict on how
 * loaded it is. Assembly passes (assemble.ts calls them while it builds each AP), pure.
 *
 * The load rule, per radio (the node's help says the same):
 * - `overloaded` when any input reaches its overloaded level: clients on the radio, channel
 *   utilisation (%), or the share of clients below the weak level (%);
 * - else `busy` when any reaches its busy level;
 * - else `ok`.
 * The weak share counts only on a radio with at least {@link MIN_CLIENTS_FOR_SHARE} clients with
 * a signal reading (one weak phone out of two is no verdict on the radio). An input the device
 * does not give is left out; with no input at all there is no verdict. An AP's load is its worst
 * radio's; an AP without radio rows is judged on its own count and signal the same way.
 */
import type { ClientAcc } from "./draft";
import type { ApInfo, Load, RadioInfo, SignalSummary } from "./types";

export interface LoadThresholds {
    busyClients: number;
    overloadedClients: number;
    /** Channel utilisation, %. */
    busyUtilisation: number;
    overloadedUtilisation: number;
    /** Clients below the weak level, % of the clients with a signal reading. */
    busyWeakShare: number;
    overloadedWeakShare: number;
}

/** Defaults: a radio serves 25 active clients well, 50 is a crowd; 50 % airtime busy, 80 % full. */
export const DEFAULT_LOAD: Readonly<LoadThresholds> = {
    busyClients: 25,
    overloadedClients: 50,
    busyUtilisation: 50,
    overloadedUtilisation: 80,
    busyWeakShare: 25,
    overloadedWeakShare: 50,
};

/** Below this signal a client is weak (dBm): roughly where rates drop and calls break up. */
export const DEFAULT_WEAK_BELOW = -75;

/** Clients with a signal a radio needs before its weak share counts. */
export const MIN_CLIENTS_FOR_SHARE = 4;

const ORDER: readonly Load[] = ["ok", "busy", "overloaded"];

/** The summary of some signals (dBm), or undefined for none. Sorts `signals` in place. */
export function summarise(signals: number[], weakBelow: number): SignalSummary | undefined {
    if (signals.length === 0) return undefined;
    signals.sort((a, b) => a - b);
    const mid = signals.length >> 1;
    const median =
        signals.length % 2 === 1
            ? (signals[mid] as number)
            : ((signals[mid - 1] as number) + (signals[mid] as number)) / 2;
    let weak = 0;
    for (const s of signals) {
        if (s < weakBelow) weak++;
        else break;
    }
    return { median: Math.round(median * 10) / 10, min: signals[0] as number, weak };
}

/** A signal summary with how many clients it is made of. */
export interface Signals {
    summary: SignalSummary;
    count: number;
}

/** An AP's signals and its radios', by radio key, from its client rows in one pass. */
export interface ApSignals {
    ap?: Signals;
    radios: Map<string, Signals>;
}

function signals(list: number[], weakBelow: number): Signals | undefined {
    const summary = summarise(list, weakBelow);
    return summary === undefined ? undefined : { summary, count: list.length };
}

/** The signal summaries of an AP and of each of its radios, from its client rows. */
export function signalsOf(rows: readonly ClientAcc[], weakBelow: number): ApSignals {
    const all: number[] = [];
    const byRadio = new Map<string, number[]>();
    for (const c of rows) {
        const s = c.info.signal;
        if (s === undefined) continue;
        all.push(s);
        if (c.radio === undefined) continue;
        let list = byRadio.get(c.radio);
        if (list === undefined) byRadio.set(c.radio, (list = []));
        list.push(s);
    }
    const radios = new Map<string, Signals>();
    for (const [key, list] of byRadio) {
        const s = signals(list, weakBelow);
        if (s !== undefined) radios.set(key, s);
    }
    const ap = signals(all, weakBelow);
    return ap === undefined ? { radios } : { ap, radios };
}

/** The worse of two verdicts. */
export function worse(a: Load | undefined, b: Load | undefined): Load | undefined {
    if (a === undefined) return b;
    if (b === undefined) return a;
    return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

function level(value: number | undefined, busy: number, overloaded: number): Load | undefined {
    if (value === undefined) return undefined;
    return value >= overloaded ? "overloaded" : value >= busy ? "busy" : "ok";
}

/** The verdict on one radio (or an AP without radio rows) from what it gives; see the file comment. */
export function loadOf(
    input: { clients?: number; utilisation?: number; signal?: SignalSummary; signalled?: number },
    t: LoadThresholds,
): Load | undefined {
    let verdict = level(input.clients, t.busyClients, t.overloadedClients);
    verdict = worse(verdict, level(input.utilisation, t.busyUtilisation, t.overloadedUtilisation));
    const signalled = input.signalled ?? 0;
    if (input.signal !== undefined && signalled >= MIN_CLIENTS_FOR_SHARE) {
        const share = (input.signal.weak / signalled) * 100;
        verdict = worse(verdict, level(share, t.busyWeakShare, t.overloadedWeakShare));
    }
    return verdict;
}

/** Thresholds with the defaults for those not given. */
export function loadThresholds(given: Partial<LoadThresholds> | undefined): LoadThresholds {
    return { ...DEFAULT_LOAD, ...given };
}

/**
 * Each radio's load, then the AP's utilisation (its busiest radio) and load (its worst radio's,
 * or its own figures when no radio has a verdict). `radioKeys` are the radios' keys in the order
 * of `ap.radios`, to find their signals.
 */
export function judgeAp(ap: ApInfo, radioKeys: readonly string[], sig: ApSignals, t: LoadThresholds): void {
    let utilisation: number | undefined;
    let load: Load | undefined;
    ap.radios.forEach((r: RadioInfo, i) => {
        const count = sig.radios.get(radioKeys[i] ?? "")?.count;
        const verdict = loadOf({ ...r, signalled: count }, t);
        if (verdict !== undefined) r.load = verdict;
        load = worse(load, verdict);
        if (r.utilisation !== undefined) utilisation = Math.max(utilisation ?? 0, r.utilisation);
    });
    if (utilisation !== undefined) ap.utilisation = utilisation;
    load ??= loadOf({ clients: ap.clients, signal: ap.signal, signalled: sig.ap?.count }, t);
    if (load !== undefined) ap.load = load;
}
