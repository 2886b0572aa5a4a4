/**
 * The reading while it is being built: what the engine's passes (inventory.ts, clients.ts,
 * assemble.ts) read into and assemble the payload from. APs are keyed by their table index (a
 * standalone device is one AP, `SELF`); radios by their index within the AP.
 */
import { isIP } from "node:net";
import type { QueryResult } from "../snmp/query";
import type { ApProfile, Band, ClientInfo } from "./types";

/** Something a poll knows about the device besides the profile's tables. */
export interface ReadingContext {
    /** Display name (given name, else sysName, else host). */
    device: string;
    host: string;
    time: string;
    /** User's MAC -> friendly name table (lower-case colon MACs). */
    macNames?: ReadonlyMap<string, string>;
}

/** The key of the one AP of a standalone device. */
export const SELF = "self";

export interface RadioAcc {
    key: string;
    label?: string;
    /** When the radio row is one SSID (an AP interface). */
    ssid?: string;
    band?: Band;
    channel?: number;
    noise?: number;
    clients?: number;
}

/** A count of one SSID, on one AP (and radio) or on the whole device. */
export interface VapAcc {
    radio?: string;
    ssid: string;
    clients?: number;
    band?: Band;
    /** The count is the client rows on this SSID (the table listed it without a count). */
    fromRows?: boolean;
}

export interface ApAcc {
    key: string;
    name?: string;
    mac?: string;
    ip?: string;
    clients?: number;
    radios: Map<string, RadioAcc>;
    vaps: VapAcc[];
    clientRows: ClientAcc[];
    /** Client rows on this AP without a readable MAC: counted, not listed. */
    unnamedRows: UnnamedRow[];
}

/** A client row without a readable MAC: what it says of where the client is. */
export interface UnnamedRow {
    ssid?: string;
    /** Radio key. */
    radio?: string;
}

export interface ClientAcc {
    mac: string;
    /** AP key. */
    ap?: string;
    radio?: string;
    info: ClientInfo;
}

/** Where a BSSID is: its AP and radio keys and its SSID. */
export interface BssAcc {
    ap?: string;
    radio?: string;
    ssid?: string;
}

export interface Draft {
    readonly profile: ApProfile;
    readonly result: QueryResult;
    readonly ctx: ReadingContext;
    readonly standalone: boolean;
    /** APs by key, in the order first seen (the order of APs with equal names). */
    readonly aps: Map<string, ApAcc>;
    /** APs left out (down, or no AP by their model) with their radios, SSIDs and clients. */
    readonly excluded: Set<string>;
    /** ifIndex -> IF-MIB ifName, when the profile names radios or APs by interface. */
    readonly ifNames: Map<string, string>;
    /** Device-wide SSID counts (WLAN tables). */
    readonly wlans: VapAcc[];
    /** WLAN index -> SSID, for client rows that name their WLAN only by its index (Ruckus). */
    readonly ssidByWlan: Map<string, string>;
    readonly bssids: Map<string, BssAcc>;
    /** Every client kept, in table order. */
    readonly clients: ClientAcc[];
    /** Client rows kept without a readable MAC (a custom table, a corrupt value): counted, not listed. */
    readonly unnamedClients: UnnamedRow[];
}

/** An empty draft; a standalone device starts as its own AP, named as the poll names it. */
export function newDraft(profile: ApProfile, result: QueryResult, ctx: ReadingContext): Draft {
    const d: Draft = {
        profile,
        result,
        ctx,
        standalone: profile.kind === "standalone",
        aps: new Map(),
        excluded: new Set(),
        ifNames: new Map(),
        wlans: [],
        ssidByWlan: new Map(),
        bssids: new Map(),
        clients: [],
        unnamedClients: [],
    };
    if (d.standalone) {
        const self = ensureAp(d, SELF);
        self.name = ctx.device;
        if (isIP(ctx.host) !== 0) self.ip = ctx.host;
    }
    return d;
}

/** The AP with this key, created on first mention. */
export function ensureAp(d: Draft, key: string): ApAcc {
    let ap = d.aps.get(key);
    if (ap === undefined) {
        ap = { key, radios: new Map(), vaps: [], clientRows: [], unnamedRows: [] };
        d.aps.set(key, ap);
    }
    return ap;
}

/** The AP a row belongs to: the device itself when standalone, else the row's `ap` index. */
export function apKeyOf(d: Draft, idx: Record<string, string>): string | undefined {
    return d.standalone ? SELF : idx.ap;
}
