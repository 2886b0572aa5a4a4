/**
 * Client passes: the client table (with the tables joined to it by MAC), then one client at a
 * time: which AP and radio it is on, and what its row says about it. Runs after the inventory
 * passes (inventory.ts), whose APs, radios and BSSIDs place the clients.
 */
import { toBand, toNoise, toSignal, toSnr, toText, type Value } from "./decode";
import {
    ensureAp,
    SELF,
    type BssAcc,
    type ClientAcc,
    type Draft,
    type RadioAcc,
    type UnnamedRow,
} from "./draft";
import { isRandomMac } from "./oui";
import { finish, ROWS_PER_STEP, type Steps } from "../slices";
import { readTableSteps, type Row } from "./tables";
import type { ClientField, ClientInfo } from "./types";

export type ClientRow = Row<ClientField>;

/**
 * The client table's rows by client MAC (from the index, else a MAC column), each completed by
 * the joined tables (other indexes, same MAC): a value the client table gives is kept, a joined
 * one only fills a gap. A later row of the same MAC replaces an earlier one. Rows without a
 * readable MAC go to `unnamed`: they are clients too, counted but not listed.
 */
export function readClientRows(d: Draft, unnamed?: ClientRow[]): Map<string, ClientRow> {
    return finish(readClientRowsSteps(d, unnamed));
}

/** {@link readClientRows} in pause-able steps (slices.ts). */
export function* readClientRowsSteps(d: Draft, unnamed?: ClientRow[]): Steps<Map<string, ClientRow>> {
    const def = d.profile.clients;
    const byMac = new Map<string, ClientRow>();
    let n = 0;
    for (const row of yield* readTableSteps(d.result, def)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const mac = row.idx.mac ?? toText(row.v.mac);
        if (mac !== undefined) byMac.set(mac, row);
        else unnamed?.push(row);
    }
    for (const join of def?.joins ?? []) {
        for (const row of yield* readTableSteps(d.result, join)) {
            if (++n % ROWS_PER_STEP === 0) yield;
            const mac = row.idx.mac ?? toText(row.v.mac);
            const target = mac === undefined ? undefined : byMac.get(mac);
            if (target === undefined) continue;
            for (const [f, value] of Object.entries(row.v) as [ClientField, Value][]) {
                if (target.v[f] === undefined) target.v[f] = value;
            }
            if (row.idx.ip !== undefined && target.v.ip === undefined) target.v.ip = row.idx.ip;
        }
    }
    return byMac;
}

/** AP key by AP address, for client tables that name their AP by IP. */
export function apsByIp(d: Draft): Map<string, string> {
    const byIp = new Map<string, string>();
    for (const ap of d.aps.values()) if (ap.ip !== undefined) byIp.set(ap.ip, ap.key);
    return byIp;
}

/** AP key by AP MAC, for client tables that name their AP by its MAC (Zyxel, Huawei, 9800). */
export function apsByMac(d: Draft): Map<string, string> {
    const byMac = new Map<string, string>();
    for (const ap of d.aps.values()) if (ap.mac !== undefined) byMac.set(ap.mac, ap.key);
    return byMac;
}

/** Where a client is: its AP key and radio key where known, and the BSS it names. */
export interface Placement {
    ap?: string;
    radio?: string;
    bss?: BssAcc;
}

/**
 * The AP of a client: the device itself when standalone; else the AP its row names, else its
 * BSSID's AP, else the AP with the address its row gives, else the AP with the MAC it gives.
 * Its radio: the row's, else the BSSID's.
 */
export function placeClient(
    d: Draft,
    row: ClientRow,
    apByIp: ReadonlyMap<string, string>,
    apByMac: ReadonlyMap<string, string> = new Map(),
): Placement {
    const v = row.v;
    const bssid = toText(v.bssid) ?? row.idx.bssid;
    const bss = bssid === undefined ? undefined : d.bssids.get(bssid);
    let ap: string | undefined;
    if (d.standalone) ap = SELF;
    else {
        const byIp = toText(v.apIp);
        const byMac = toText(v.apMac);
        ap =
            toText(v.ap) ??
            row.idx.ap ??
            bss?.ap ??
            (byIp === undefined ? undefined : apByIp.get(byIp)) ??
            (byMac === undefined ? undefined : apByMac.get(byMac));
    }
    const radio = (v.radio === undefined ? undefined : String(v.radio)) ?? row.idx.radio ?? bss?.radio;
    const out: Placement = {};
    if (ap !== undefined) out.ap = ap;
    if (radio !== undefined) out.radio = radio;
    if (bss !== undefined) out.bss = bss;
    return out;
}

/**
 * A client's signal, SNR and noise (dBm, dB, dBm). An "RSSI" column of unstated scale:
 * negative values can only be dBm; positive ones are dB above the noise floor (Atheros-style),
 * i.e. an SNR, never relabelled as dBm. Without an SNR, a signal above the noise gives one.
 */
export function clientSignal(v: ClientRow["v"]): { signal?: number; snr?: number; noise?: number } {
    let signal = toSignal(v.signal);
    let snr = toSnr(v.snr);
    if (typeof v.rssi === "number") {
        if (v.rssi < 0) signal ??= toSignal(v.rssi);
        else snr ??= toSnr(v.rssi);
    }
    const noise = toNoise(v.noise);
    if (snr === undefined && signal !== undefined && noise !== undefined && signal > noise) {
        snr = signal - noise;
    }
    const out: { signal?: number; snr?: number; noise?: number } = {};
    if (signal !== undefined) out.signal = signal;
    if (snr !== undefined) out.snr = snr;
    if (noise !== undefined) out.noise = noise;
    return out;
}

/**
 * What a client row says about the client (all but its AP). SSID and band fall back on its
 * BSS and radio; the name is the user's MAC table's, else the device's name for the client.
 */
export function clientInfo(
    d: Draft,
    mac: string,
    row: ClientRow,
    bss: BssAcc | undefined,
    radio: RadioAcc | undefined,
): ClientInfo {
    const v = row.v;
    const info: ClientInfo = { mac };
    const ssid =
        typeof v.ssid === "string"
            ? v.ssid
            : (row.idx.ssid ??
              bss?.ssid ??
              radio?.ssid ??
              (row.idx.wlan === undefined ? undefined : d.ssidByWlan.get(row.idx.wlan)));
    if (ssid !== undefined) info.ssid = ssid;
    const band = toBand(v.band, d.profile.clients?.cols.band) ?? radio?.band;
    if (band !== undefined) info.band = band;
    Object.assign(info, clientSignal(v));
    for (const f of ["txRate", "rxRate", "uptime"] as const) {
        const n = v[f];
        if (typeof n === "number") info[f] = n;
    }
    const ip = toText(v.ip) ?? row.idx.ip;
    if (ip !== undefined) info.ip = ip;
    const hostname = toText(v.hostname);
    if (hostname !== undefined) info.hostname = hostname;
    // The user's table wins: it is what the office calls the device.
    const name = d.ctx.macNames?.get(mac) ?? toText(v.name) ?? hostname;
    if (name !== undefined) info.name = name;
    return info;
}

/**
 * One client into the draft, on its AP (created if no AP table listed it). A client of an
 * excluded AP is left out. Without a radio table, the radios clients name are the AP's radios.
 */
export function addClient(
    d: Draft,
    mac: string,
    row: ClientRow,
    apByIp: ReadonlyMap<string, string>,
    apByMac?: ReadonlyMap<string, string>,
): void {
    const place = placeClient(d, row, apByIp, apByMac);
    if (place.ap !== undefined && d.excluded.has(place.ap)) return;
    const ap = place.ap === undefined ? undefined : ensureAp(d, place.ap);
    const radio = place.radio === undefined ? undefined : ap?.radios.get(place.radio);
    const info = clientInfo(d, mac, row, place.bss, radio);
    const acc: ClientAcc = { mac, info };
    if (place.ap !== undefined) acc.ap = place.ap;
    if (place.radio !== undefined) acc.radio = place.radio;
    d.clients.push(acc);
    if (ap === undefined) return;
    ap.clientRows.push(acc);
    if (place.radio !== undefined && !ap.radios.has(place.radio) && d.profile.radios === undefined) {
        const r: RadioAcc = { key: place.radio };
        if (info.band !== undefined) r.band = info.band;
        ap.radios.set(place.radio, r);
    }
}

/**
 * A client row without a readable MAC: counted on its AP (unless that AP is excluded), with the
 * SSID and radio it names, so that counts by SSID or radio made from the rows include it.
 */
export function addUnnamedClient(
    d: Draft,
    row: ClientRow,
    apByIp: ReadonlyMap<string, string>,
    apByMac: ReadonlyMap<string, string>,
): void {
    const place = placeClient(d, row, apByIp, apByMac);
    if (place.ap !== undefined && d.excluded.has(place.ap)) return;
    const ap = place.ap === undefined ? undefined : ensureAp(d, place.ap);
    const radio = place.radio === undefined ? undefined : ap?.radios.get(place.radio);
    const ssid = clientInfo(d, "", row, place.bss, radio).ssid;
    const unnamed: UnnamedRow = {};
    if (ssid !== undefined) unnamed.ssid = ssid;
    if (place.radio !== undefined) unnamed.radio = place.radio;
    d.unnamedClients.push(unnamed);
    if (ap === undefined) return;
    ap.unnamedRows.push(unnamed);
    if (place.radio !== undefined && radio === undefined && d.profile.radios === undefined) {
        ap.radios.set(place.radio, { key: place.radio });
    }
}

/**
 * Who each client is, beyond what its row says: a private (locally administered) MAC is flagged
 * and gets no vendor; any other gets its manufacturer from the OUI registry, when the poll has it.
 */
export function identifyClients(d: Draft): void {
    finish(identifyClientsSteps(d));
}

/** {@link identifyClients} in pause-able steps (slices.ts). */
export function* identifyClientsSteps(d: Draft): Steps<void> {
    const vendorOf = d.ctx.vendorOf;
    let n = 0;
    for (const c of d.clients) {
        if (++n % ROWS_PER_STEP === 0) yield;
        if (isRandomMac(c.mac)) c.info.randomMac = true;
        else {
            const vendor = vendorOf?.(c.mac);
            if (vendor !== undefined) c.info.vendor = vendor;
        }
    }
}

/** Every client of the client table into the draft. */
export function readClients(d: Draft): void {
    finish(readClientsSteps(d));
}

/** {@link readClients} in pause-able steps (slices.ts). */
export function* readClientsSteps(d: Draft): Steps<void> {
    const apByIp = apsByIp(d);
    const apByMac = apsByMac(d);
    const unnamed: ClientRow[] = [];
    const rows = yield* readClientRowsSteps(d, unnamed);
    let n = 0;
    for (const [mac, row] of rows) {
        addClient(d, mac, row, apByIp, apByMac);
        if (++n % ROWS_PER_STEP === 0) yield;
    }
    for (const row of unnamed) {
        addUnnamedClient(d, row, apByIp, apByMac);
        if (++n % ROWS_PER_STEP === 0) yield;
    }
}
