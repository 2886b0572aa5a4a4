/**
 * Printer, wireless or other: what a scan says of a device from its probe answer and, for a
 * device that is not plainly a printer, the ap-clients detection (which profile would read it).
 *
 * In order, the first that holds decides:
 * 1. an ap-clients profile's probe answered: wireless, with that profile;
 * 2. the Printer-MIB answered: printer (RFC 3805 is served by printers only);
 * 3. sysObjectID or sysDescr names a printer product line: printer;
 * 4. they name an access point, controller or wireless bridge product line, or the
 *    IEEE802dot11-MIB answered: wireless;
 * 5. anything else: other.
 * Rule 3 before 4: a printer with Wi-Fi may serve the IEEE802dot11-MIB.
 */
import { signatureMatches, type SystemInfo } from "../ap/detect";
import type { Signature } from "../ap/types";
import type { DeviceKind } from "./contract";
import type { Sighting } from "./probe";
import { BRANDS, ENTERPRISES, NOT_PRINTER, PRINTER_SIGNATURES, WIRELESS_SIGNATURES } from "./signatures";

export interface Classification {
    kind: DeviceKind;
    vendor: string | null;
    model: string | null;
    /** The ap-clients profile id whose probe answered, or null. */
    profile: string | null;
}

/** What the ap-clients detection found for a device (absent when it was not asked). */
export interface ApMatch {
    profile: string;
    /** The model the profile reads from the detection answer, when it can. */
    model?: string;
}

function systemOf(s: Sighting): SystemInfo {
    const sys: SystemInfo = {};
    if (s.descr !== undefined) sys.descr = s.descr;
    if (s.objectId !== undefined) sys.objectId = s.objectId;
    return sys;
}

function any(signatures: readonly Signature[], sys: SystemInfo): boolean {
    return signatures.some((sig) => signatureMatches(sig, sys));
}

/** A printer by its product line (rule 3), whatever the probe objects said. */
export function looksLikePrinter(s: Sighting): boolean {
    const sys = systemOf(s);
    return any(PRINTER_SIGNATURES, sys) && !any(NOT_PRINTER, sys);
}

/** An access point or controller by its product line (rule 4, without the dot11 probe). */
export function looksWireless(s: Sighting): boolean {
    return any(WIRELESS_SIGNATURES, systemOf(s));
}

/** The maker: a brand sysDescr names, else the owner of the sysObjectID's enterprise number. */
export function vendorOf(s: Sighting): string | null {
    const descr = s.descr ?? "";
    for (const [pattern, brand] of BRANDS) if (pattern.test(descr)) return brand;
    const enterprise = /^1\.3\.6\.1\.4\.1\.(\d+)(\.|$)/.exec(s.objectId ?? "")?.[1];
    return enterprise !== undefined ? (ENTERPRISES[enterprise] ?? null) : null;
}

/** Longest model text kept. */
const MAX_MODEL = 64;

/**
 * A model name from sysDescr, when sysDescr is a model and not a kernel or a list of firmware
 * versions: `RICOH MP 3053 1.09 / RICOH Network Printer C model` gives `RICOH MP 3053`,
 * `Xerox AltaLink C8045; SS 100.002` gives `Xerox AltaLink C8045`, `ArubaOS (MODEL: 225), ...`
 * gives `225`. Kernel strings (`Linux 4.4.60 ...`) and print-server banners give null.
 */
export function modelFromDescr(descr: string | undefined): string | null {
    if (descr === undefined) return null;
    const tagged = /\(MODEL: ([^)]+)\)/.exec(descr)?.[1];
    if (tagged !== undefined) return tagged.trim().slice(0, MAX_MODEL);
    if (/^(Linux|Windows|Hardware:|FreeBSD|SunOS|Darwin|VxWorks|Cisco IOS|router$)/i.test(descr)) return null;
    if (/MULTI-ENVIRONMENT|JETDIRECT|Built-in|PrintServer|Print Server|Ethernet/i.test(descr)) return null;
    let model = descr.split(/\s+[/-]\s+|[;,]|\s+(?:version|ver\.?|firmware|rev\.?|OS)[\s:]/i)[0] ?? "";
    model = model
        .replace(/\s+\/P$/, "")
        .replace(/\s+v?\d+(\.\d+)+\S*$/i, "")
        .trim();
    if (model === "" || model.length > MAX_MODEL) return null;
    return model;
}

/** Classify one device that answered the probe. */
export function classify(s: Sighting, ap?: ApMatch): Classification {
    const vendor = vendorOf(s);
    if (ap !== undefined) {
        return { kind: "wireless", vendor, model: ap.model ?? modelFromDescr(s.descr), profile: ap.profile };
    }
    if (s.printerMib || looksLikePrinter(s)) {
        return { kind: "printer", vendor, model: s.printerName ?? modelFromDescr(s.descr), profile: null };
    }
    if (looksWireless(s) || s.dot11) {
        return { kind: "wireless", vendor, model: modelFromDescr(s.descr), profile: null };
    }
    return { kind: "other", vendor, model: modelFromDescr(s.descr), profile: null };
}
