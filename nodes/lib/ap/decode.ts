/**
 * Index and value decoding for access point tables. Nothing here throws: an index or a value
 * that does not have the expected form gives `undefined`, and the row or field is left out.
 */
import {
    asBytes,
    asInt,
    asIp,
    asMac,
    asText,
    indexParts,
    isException,
    macFromSubids,
    stringFromIndex,
    type Varbind,
} from "../snmp/varbind";
import { parseMacText } from "../lists";
import type { Band, Col, IndexSpec } from "./types";

/**
 * Split an index into its named parts. Every sub-identifier must be used: an index of another
 * shape (a different MIB revision, a corrupt row) gives `undefined`.
 */
export function parseIndex(index: string, spec: IndexSpec): Record<string, string> | undefined {
    const parts = indexParts(index);
    if (parts.some((n) => !Number.isFinite(n))) return undefined;
    const out: Record<string, string> = {};
    let at = 0;
    for (const [name, kind] of spec) {
        if (kind.startsWith("lit:")) {
            const want = indexParts(kind.slice(4));
            if (want.some((n, i) => parts[at + i] !== n)) return undefined;
            at += want.length;
            continue;
        }
        switch (kind) {
            case "int": {
                const n = parts[at];
                if (n === undefined) return undefined;
                out[name] = String(n);
                at += 1;
                break;
            }
            case "mac": {
                const mac = macFromSubids(parts.slice(at, at + 6));
                if (mac === undefined) return undefined;
                out[name] = mac;
                at += 6;
                break;
            }
            case "ip": {
                const quad = parts.slice(at, at + 4);
                if (quad.length !== 4 || quad.some((n) => n > 255)) return undefined;
                out[name] = quad.join(".");
                at += 4;
                break;
            }
            case "string": {
                const s = stringFromIndex(parts, at);
                if (s === undefined) return undefined;
                out[name] = s.text;
                at = s.next;
                break;
            }
            case "lenMac": {
                // PhysAddress (SIZE(6|8)) as an index: a length, then the bytes (FORTINET fgWcStaMacAddress).
                const s = stringFromIndex(parts, at);
                if (s === undefined || (s.bytes.length !== 6 && s.bytes.length !== 8)) return undefined;
                const mac = macFromSubids(Array.from(s.bytes.subarray(0, 6)));
                if (mac === undefined) return undefined;
                out[name] = mac;
                at = s.next;
                break;
            }
            case "textMac": {
                const s = stringFromIndex(parts, at);
                const mac = s === undefined ? undefined : parseMacText(s.text);
                if (s === undefined || mac === undefined) return undefined;
                out[name] = mac;
                at = s.next;
                break;
            }
            case "rest": {
                if (at >= parts.length) return undefined;
                out[name] = parts.slice(at).join(".");
                at = parts.length;
                break;
            }
            case "restMac": {
                // A row id of any shape. The MAC, when there is one: when the whole rest is one
                // length-prefixed string, that string as a text MAC ("aa:bb:cc:dd:ee:ff") or six
                // bytes; otherwise its last six sub-identifiers.
                if (at >= parts.length) return undefined;
                out[name] = parts.slice(at).join(".");
                const s = stringFromIndex(parts, at);
                const mac =
                    s !== undefined && s.next === parts.length
                        ? (parseMacText(s.text) ??
                          (s.bytes.length === 6 ? macFromSubids(Array.from(s.bytes)) : undefined))
                        : parts.length - at >= 6
                          ? macFromSubids(parts.slice(-6))
                          : undefined;
                if (mac !== undefined) out.mac = mac;
                at = parts.length;
                break;
            }
            case "lastMac": {
                const mac = parts.length - at >= 6 ? macFromSubids(parts.slice(-6)) : undefined;
                if (mac === undefined) return undefined;
                out[name] = mac;
                at = parts.length;
                break;
            }
        }
    }
    return at === parts.length ? out : undefined;
}

/** Band of a centre frequency in MHz (IEEE 802.11 channel plans). */
export function bandFromMHz(mhz: number): Band | undefined {
    if (mhz >= 2400 && mhz < 2500) return "2.4GHz";
    if (mhz >= 4900 && mhz < 5925) return "5GHz";
    if (mhz >= 5925 && mhz <= 7125) return "6GHz";
    if (mhz >= 57000 && mhz <= 71000) return "60GHz";
    return undefined;
}

/** Channel number of a centre frequency in MHz (IEEE 802.11-2020 clause 15/17/19/27 channel starts). */
export function channelFromMHz(mhz: number): number | undefined {
    let ch: number | undefined;
    if (mhz === 2484) ch = 14;
    else if (mhz >= 2412 && mhz <= 2472) ch = (mhz - 2407) / 5;
    // 6 GHz channels count from 5950 MHz (channel 1 = 5955); 5935 is channel 2.
    else if (mhz === 5935) ch = 2;
    else if (mhz >= 5955 && mhz <= 7115) ch = (mhz - 5950) / 5;
    else if (mhz >= 5000 && mhz < 5935) ch = (mhz - 5000) / 5;
    // 4.9 GHz (Japan, public safety) channels count from 4000 MHz.
    else if (mhz >= 4900 && mhz < 5000) ch = (mhz - 4000) / 5;
    return ch !== undefined && Number.isInteger(ch) ? ch : undefined;
}

/**
 * Band from a band or radio name. UBNT-UniFi-MIB unifiVapRadio uses `ng` (802.11n 2.4 GHz) and
 * `na` (802.11n 5 GHz); MikroTik mtxrWifiRegistrationBand uses names like `5ghz-ax`, `2ghz-n`.
 */
export function bandFromText(text: string): Band | undefined {
    const t = text.trim().toLowerCase();
    if (t === "") return undefined;
    if (/^(ng|bg|b|g|11b|11g|11ng)$/.test(t)) return "2.4GHz";
    if (/^(na|a|ac|11a|11na|11ac)$/.test(t)) return "5GHz";
    if (/^(2(\.4)?\s*g(hz)?)\b|^2ghz|^2\.4ghz/.test(t)) return "2.4GHz";
    if (/^5\s*g(hz)?\b|^5ghz/.test(t)) return "5GHz";
    if (/^6\s*g(hz)?\b|^6ghz|^6e$/.test(t)) return "6GHz";
    if (/^60\s*g(hz)?\b|^60ghz/.test(t)) return "60GHz";
    return undefined;
}

/** Leading decimal number of a text (`116E` -> 116, `5805/20/ac` -> 5805). */
function leadingNumber(text: string): number | undefined {
    const m = /^\s*(\d{1,6})/.exec(text);
    return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** A decoded column value. */
export type Value = number | string | undefined;

function rate(vb: Varbind, divisor: number): number | undefined {
    const n = asInt(vb);
    if (n === undefined || n < 0) return undefined;
    return Math.round((n / divisor) * 10) / 10;
}

/**
 * Read one value as its column says. Strings come back trimmed; an empty string is
 * `undefined` for everything but `text` (an empty SSID is a real, hidden SSID).
 */
export function readValue(vb: Varbind | undefined, col: Col): Value {
    if (vb === undefined || isException(vb)) return undefined;
    switch (col.as) {
        case "int": {
            const raw = asInt(vb);
            const n = raw !== undefined && col.mask !== undefined ? raw & col.mask : raw;
            return n === 0 && col.zeroIsNone ? undefined : n;
        }
        case "signedByte": {
            const n = asInt(vb);
            if (n === undefined) return undefined;
            return n > 127 && n <= 255 ? n - 256 : n;
        }
        case "text":
            return asText(vb);
        case "mac":
            return asMac(vb);
        case "ip": {
            const ip = asIp(vb);
            return ip === "0.0.0.0" || ip === "::" ? undefined : ip;
        }
        case "ticks": {
            const n = asInt(vb);
            return n === undefined || n < 0 ? undefined : Math.floor(n / 100);
        }
        case "seconds": {
            const n = asInt(vb);
            return n === undefined || n < 0 ? undefined : n;
        }
        case "bps":
            return rate(vb, 1_000_000);
        case "kbps":
            return rate(vb, 1000);
        case "mbps":
            return rate(vb, 1);
        case "freqMHz": {
            const n = asInt(vb);
            return n === undefined || n <= 0 ? undefined : n;
        }
        case "freqText": {
            const text = asText(vb);
            const n = text === undefined ? asInt(vb) : leadingNumber(text);
            return n === undefined || n < 1000 ? undefined : n;
        }
        case "bandText": {
            const text = asText(vb);
            return text === undefined ? undefined : bandFromText(text);
        }
        case "channelText": {
            const bytes = asBytes(vb);
            const raw = bytes === undefined ? asInt(vb) : leadingNumber(bytes.toString("latin1"));
            const n = raw !== undefined && col.mask !== undefined ? raw & col.mask : raw;
            return n === undefined || n <= 0 ? undefined : n;
        }
        case "dBmMagnitude": {
            const n = asInt(vb);
            return n === undefined ? undefined : n > 0 ? -n : n;
        }
        case "enum": {
            const n = asInt(vb);
            return n === undefined ? undefined : col.map?.[n];
        }
    }
}

const BANDS = new Set<string>(["2.4GHz", "5GHz", "6GHz", "60GHz"]);

function isBand(v: unknown): v is Band {
    return typeof v === "string" && BANDS.has(v);
}

/** A band from a decoded value: a band name, or a frequency in MHz. */
export function toBand(v: Value, col: Col | undefined): Band | undefined {
    if (v === undefined || col === undefined) return undefined;
    if (col.as === "freqMHz" || col.as === "freqText")
        return typeof v === "number" ? bandFromMHz(v) : undefined;
    return isBand(v) ? v : undefined;
}

/** A channel from a decoded value: a number, or a frequency in MHz. */
export function toChannel(v: Value, col: Col | undefined): number | undefined {
    if (typeof v !== "number" || col === undefined) return undefined;
    if (col.as === "freqMHz" || col.as === "freqText") return channelFromMHz(v);
    return v > 0 && v < 256 ? v : undefined;
}

/** Signal in dBm as received from a client: -127..-1; anything else is not a dBm reading. */
export function toSignal(v: Value): number | undefined {
    return typeof v === "number" && v <= -1 && v >= -127 ? v : undefined;
}

/** SNR in dB: 0..100. */
export function toSnr(v: Value): number | undefined {
    return typeof v === "number" && v >= 0 && v <= 100 ? v : undefined;
}

/** Noise floor in dBm: -130..-30 (0 or positive values mean "not measured"). */
export function toNoise(v: Value): number | undefined {
    return typeof v === "number" && v <= -30 && v >= -130 ? v : undefined;
}

/** A client or AP count: a non-negative integer. */
export function toCount(v: Value): number | undefined {
    return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function toText(v: Value): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}
