/**
 * The names a device and its entities are published under: ids that Home Assistant and MQTT
 * accept (`[a-z0-9_]`, HA's discovery topic pattern allows `[a-zA-Z0-9_-]` for node and object
 * ids) and that stay the same across restarts and address changes.
 *
 * - A printer is known by its serial number (prtGeneralSerialNumber or the vendor's), else by
 *   its name (the name given in the device list, else sysName), else by its address.
 * - A Wi-Fi device (AP or controller) by its name (given name, else sysName), else its address.
 * - An AP behind a controller by its MAC, else by the controller and the AP's own id.
 *
 * Device strings are untrusted: they only ever reach an id through `slug`.
 */

/** Longest slug kept (a topic level and an id part), so that a hostile name cannot grow topics. */
export const MAX_SLUG = 48;

/** Lower case, runs of anything but a-z and 0-9 as one `_`, trimmed, at most MAX_SLUG long. */
export function slug(text: string): string {
    const s = text
        .normalize("NFKD")
        // Accents come apart from their letters in NFKD: drop the marks, keep the letters.
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "");
    return s.length <= MAX_SLUG ? s : s.slice(0, MAX_SLUG).replace(/_+$/, "");
}

/**
 * A slug that is never empty: text with no letter or digit left (a name in another script, say)
 * is named by a short hash of it instead, so that two such names stay apart.
 */
export function safeSlug(text: string): string {
    const s = slug(text);
    return s !== "" ? s : `x${hash32(text).toString(36)}`;
}

/** FNV-1a, 32 bits: a short, stable fingerprint of a text (not a secret, not for security). */
export function hash32(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

/**
 * Serial numbers some printers report that name no printer: placeholders, a run of one
 * character ("0000000000", "XXXXXXXX"), or too short to tell printers apart.
 */
const PLACEHOLDER_SERIALS = new Set([
    "unknown",
    "none",
    "na",
    "n_a",
    "serial",
    "serial_number",
    "serialnumber",
    "null",
]);

export function usableSerial(serial: string | null | undefined): string | null {
    if (serial === null || serial === undefined) return null;
    const s = slug(serial);
    if (s.length < 4 || PLACEHOLDER_SERIALS.has(s) || /^(.)\1*$/.test(s.replace(/_/g, ""))) return null;
    return s;
}

/** What a device id was made from, said in the device's attributes and the help. */
export type IdBasis = "serial" | "name" | "address" | "mac" | "controller";

export interface DeviceId {
    id: string;
    basis: IdBasis;
}

/** The address part of an id: host, and the port when the message gave one. */
export function addressSlug(host: string, port?: number): string {
    return safeSlug(port === undefined ? host : `${host}_${port}`);
}

/**
 * A printer's id. `device` is the name the message carries (given name, sysName, or the host
 * when neither is known: then it is no name and the address is used, port included).
 */
export function printerId(p: {
    serial: string | null;
    device: string;
    host: string;
    port?: number;
}): DeviceId {
    const serial = usableSerial(p.serial);
    if (serial !== null) return { id: `printer_${serial}`, basis: "serial" };
    return namedId("printer", p);
}

/** A Wi-Fi device's (standalone AP or controller) id: by name, else by address. */
export function wifiId(p: { device: string; host: string; port?: number }): DeviceId {
    return namedId("wifi", p);
}

/** An AP behind a controller: by MAC when the controller gives it, else by the controller and the AP's id. */
export function apId(controller: string, ap: { id: string; mac?: string }): DeviceId {
    const mac = ap.mac === undefined ? "" : macSlug(ap.mac);
    if (mac !== "") return { id: `ap_${mac}`, basis: "mac" };
    return { id: `${controller}_ap_${safeSlug(ap.id)}`, basis: "controller" };
}

/** A MAC as 12 hex digits, or "" when the text is no MAC. */
export function macSlug(mac: string): string {
    const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, "");
    return hex.length === 12 && !/^0+$/.test(hex) ? hex : "";
}

/** A MAC in the form Home Assistant's device registry uses for connections (`aa:bb:cc:dd:ee:ff`). */
export function macConnection(mac: string): string | null {
    const hex = macSlug(mac);
    return hex === "" ? null : (hex.match(/../g) ?? []).join(":");
}

function namedId(kind: string, p: { device: string; host: string; port?: number }): DeviceId {
    const name = p.device.trim();
    if (name !== "" && name !== p.host) return { id: `${kind}_${safeSlug(name)}`, basis: "name" };
    return { id: `${kind}_${addressSlug(p.host, p.port)}`, basis: "address" };
}
