/**
 * Inventory passes: what the device says it has (APs, radios, SSIDs, BSSIDs) and the counts it
 * keeps for them, read into the draft in the order of `readInventory`. The client passes
 * (clients.ts) then hang clients off it.
 */
import { asText } from "../snmp/varbind";
import {
    parseIndex,
    toBand,
    toChannel,
    toCount,
    toNoise,
    toPercent,
    toText,
    toTxPower,
    toWidth,
} from "./decode";
import { apKeyOf, ensureAp, SELF, type Draft, type RadioAcc, type VapAcc } from "./draft";
import { IF_NAME } from "./oids";
import { finish, ROWS_PER_STEP, type Steps } from "../slices";
import { readTableSteps } from "./tables";

/** IF-MIB ifName by ifIndex, for profiles whose radios or APs are interfaces. */
export function readIfNames(d: Draft): void {
    finish(readIfNamesSteps(d));
}

function* readIfNamesSteps(d: Draft): Steps<void> {
    let n = 0;
    if (!d.profile.ifNames) return;
    for (const [index, vb] of d.result.columns.get(IF_NAME) ?? []) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const name = asText(vb);
        if (name) d.ifNames.set(index, name);
    }
}

/**
 * The APs of a controller (or the rows of a standalone device's own AP table). Those the MIB
 * says are down, and those whose model says they are no AP, go to `excluded`, so that their
 * radios, SSIDs and clients are left out too.
 */
export function readAps(d: Draft): void {
    finish(readApsSteps(d));
}

function* readApsSteps(d: Draft): Steps<void> {
    let n = 0;
    const def = d.profile.aps;
    if (def === undefined) return;
    const down = new Set<string>();
    const rows = yield* readTableSteps(d.result, def, down);
    for (const index of down) {
        const ap = parseIndex(index, def.index)?.ap;
        if (ap !== undefined) d.excluded.add(ap);
    }
    const macIndexed = def.index.find(([part]) => part === "ap")?.[1] === "mac";
    for (const row of rows) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const key = row.idx.ap;
        if (key === undefined) continue;
        const model = toText(row.v.model);
        if (def.modelPattern && model !== undefined && !def.modelPattern.test(model)) {
            d.excluded.add(key);
            continue;
        }
        const ap = ensureAp(d, d.standalone ? SELF : key);
        const ifName = d.profile.ifNames === "ap" ? d.ifNames.get(key) : undefined;
        ap.name = ifName ?? toText(row.v.name) ?? ap.name;
        ap.mac = toText(row.v.mac) ?? (macIndexed ? key : undefined) ?? ap.mac;
        ap.ip = toText(row.v.ip) ?? ap.ip;
        ap.clients = toCount(row.v.clients) ?? ap.clients;
    }
}

/** Radios per AP. A radio row may also be one SSID (MikroTik AP interfaces): it then adds a VAP. */
export function readRadios(d: Draft): void {
    finish(readRadiosSteps(d));
}

function* readRadiosSteps(d: Draft): Steps<void> {
    let n = 0;
    const def = d.profile.radios;
    for (const row of yield* readTableSteps(d.result, def)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const key = apKeyOf(d, row.idx);
        // A radio named by its band (UniFi) merges with the VAPs that name their radio so.
        const radioKey = def?.keyFrom ? toText(row.v[def.keyFrom]) : row.idx.radio;
        if (key === undefined || radioKey === undefined || d.excluded.has(key)) continue;
        const ap = ensureAp(d, key);
        const radio: RadioAcc = ap.radios.get(radioKey) ?? { key: radioKey };
        radio.label =
            toText(row.v.label) ??
            (d.profile.ifNames === "radio" ? d.ifNames.get(radioKey) : undefined) ??
            radio.label;
        radio.band = toBand(row.v.band, def?.cols.band) ?? radio.band;
        radio.channel = toChannel(row.v.channel, def?.cols.channel) ?? radio.channel;
        radio.width = toWidth(row.v.width) ?? radio.width;
        radio.txPower = toTxPower(row.v.txPower) ?? radio.txPower;
        radio.noise = toNoise(row.v.noise) ?? radio.noise;
        radio.utilisation = toPercent(row.v.utilisation) ?? radio.utilisation;
        radio.retries = toPercent(row.v.retries) ?? radio.retries;
        radio.failures = toPercent(row.v.failures) ?? radio.failures;
        radio.clients = toCount(row.v.clients) ?? radio.clients;
        ap.radios.set(radioKey, radio);
        if (def?.cols.ssid) {
            const ssid = typeof row.v.ssid === "string" ? row.v.ssid : undefined;
            if (ssid !== undefined) {
                radio.ssid = ssid;
                ap.vaps.push({ radio: radioKey, ssid, clients: radio.clients, band: radio.band });
            }
        }
    }
}

/**
 * SSID counts per AP (and radio): VAP / BSSID tables. A VAP on a radio the radio table did not
 * list adds that radio, with the band and channel the VAP row gives.
 */
export function readVaps(d: Draft): void {
    finish(readVapsSteps(d));
}

function* readVapsSteps(d: Draft): Steps<void> {
    let n = 0;
    const def = d.profile.vaps;
    for (const row of yield* readTableSteps(d.result, def)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const key = apKeyOf(d, row.idx);
        if (key === undefined || d.excluded.has(key)) continue;
        const ssid = typeof row.v.ssid === "string" ? row.v.ssid : row.idx.ssid;
        if (ssid === undefined) continue;
        const ap = ensureAp(d, key);
        const vap: VapAcc = { ssid, clients: toCount(row.v.clients) };
        const band = toBand(row.v.band, def?.cols.band);
        if (row.idx.radio !== undefined) vap.radio = row.idx.radio;
        else if (band !== undefined) vap.radio = band; // UniFi: a VAP names its radio only by band
        if (band !== undefined) vap.band = band;
        ap.vaps.push(vap);
        if (vap.radio !== undefined && !ap.radios.has(vap.radio)) {
            const r: RadioAcc = { key: vap.radio, band };
            const channel = toChannel(row.v.channel, def?.cols.channel);
            if (channel !== undefined) r.channel = channel;
            ap.radios.set(vap.radio, r);
        }
    }
}

/**
 * SSID counts for the whole device: WLAN tables. A WLAN whose name is not served still has its
 * count (bsnDot11EssSsid on some Catalyst 9800s), under the empty name.
 */
export function readWlans(d: Draft): void {
    finish(readWlansSteps(d));
}

function* readWlansSteps(d: Draft): Steps<void> {
    let n = 0;
    for (const row of yield* readTableSteps(d.result, d.profile.wlans)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const clients = toCount(row.v.clients);
        const ssid =
            typeof row.v.ssid === "string"
                ? row.v.ssid
                : (row.idx.ssid ?? (clients === undefined ? undefined : ""));
        if (ssid === undefined) continue;
        d.wlans.push({ ssid, clients });
        if (row.idx.wlan !== undefined) d.ssidByWlan.set(row.idx.wlan, ssid);
    }
}

/** BSSID -> AP, radio and SSID, for client tables that name only the BSSID. */
export function readBssids(d: Draft): void {
    finish(readBssidsSteps(d));
}

function* readBssidsSteps(d: Draft): Steps<void> {
    let n = 0;
    for (const row of yield* readTableSteps(d.result, d.profile.bssids)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const bssid = toText(row.v.bssid) ?? row.idx.bssid;
        if (bssid === undefined) continue;
        d.bssids.set(bssid, {
            ap: row.idx.ap,
            radio: row.idx.radio,
            ssid: typeof row.v.ssid === "string" ? row.v.ssid : undefined,
        });
    }
}

/**
 * Channel figures kept per channel number (LCOS LX): each radio on that channel whose own row
 * gave no utilisation takes the channel's.
 */
export function readChannels(d: Draft): void {
    finish(readChannelsSteps(d));
}

function* readChannelsSteps(d: Draft): Steps<void> {
    let n = 0;
    const def = d.profile.channels;
    if (def === undefined) return;
    const byChannel = new Map<number, number>();
    for (const row of yield* readTableSteps(d.result, def)) {
        if (++n % ROWS_PER_STEP === 0) yield;
        const channel = toChannel(row.v.channel, def.cols.channel) ?? Number(row.idx.channel);
        const utilisation = toPercent(row.v.utilisation);
        if (Number.isInteger(channel) && utilisation !== undefined) byChannel.set(channel, utilisation);
    }
    for (const ap of d.aps.values()) {
        if (++n % ROWS_PER_STEP === 0) yield;
        for (const radio of ap.radios.values()) {
            if (radio.utilisation !== undefined || radio.channel === undefined) continue;
            const utilisation = byChannel.get(radio.channel);
            if (utilisation !== undefined) radio.utilisation = utilisation;
        }
    }
}

/**
 * All inventory passes, in order: later ones need what earlier ones read (interface names
 * name APs and radios; excluded APs take their radios and SSIDs with them).
 */
export function readInventory(d: Draft): void {
    finish(readInventorySteps(d));
}

/** {@link readInventory} in pause-able steps (slices.ts). */
export function* readInventorySteps(d: Draft): Steps<void> {
    yield* readIfNamesSteps(d);
    yield* readApsSteps(d);
    yield* readRadiosSteps(d);
    yield* readVapsSteps(d);
    yield* readWlansSteps(d);
    yield* readBssidsSteps(d);
    yield* readChannelsSteps(d);
}
