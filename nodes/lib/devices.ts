/**
 * Device lists: what the user types in a query node (one device per line, `host[:port] [display
 * name]`) and what a message may bring instead (`msg.devices`, `msg.host`).
 */
import { entryLines, quoted, str } from "./lists";

export interface DeviceTarget {
    host: string;
    /** Port when given; otherwise the snmp-credentials port applies. */
    port?: number;
    /** Display name when given; otherwise sysName, else host. */
    name?: string;
}

export interface DeviceList {
    devices: DeviceTarget[];
    /** One readable problem per line or entry that could not be used. */
    errors: string[];
}

/** The longest host name DNS allows (RFC 1035 §2.3.4, written without the final dot). */
export const MAX_HOST_LENGTH = 253;
/** Room for `[`, `]`, `:` and a port around the longest host. */
const MAX_ADDRESS_LENGTH = MAX_HOST_LENGTH + 8;

const HOST_RE = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,62})?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})?)*\.?$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_PART = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
/** A scope (zone) after `%`, as Node.js accepts it: `fe80::1%eth0`. */
const ZONE = /^[0-9A-Za-z.:-]+$/;

/** A dotted-quad IPv4 address, each part 0-255 without leading zeros. */
export function isIPv4(text: string): boolean {
    const parts = text.split(".");
    return parts.length === 4 && parts.every((p) => IPV4_PART.test(p));
}

/**
 * An IPv6 address (RFC 4291 text forms, with an optional zone), accepted exactly as Node.js's
 * net.isIPv6 accepts it; written here because the editor runs this code too, without Node.js.
 */
export function isIPv6(text: string): boolean {
    const percent = text.indexOf("%");
    if (percent >= 0 && !ZONE.test(text.slice(percent + 1))) return false;
    const address = percent >= 0 ? text.slice(0, percent) : text;
    const halves = address.split("::");
    if (halves.length > 2) return false;
    const groupsOf = (part: string): string[] => (part === "" ? [] : part.split(":"));
    const head = groupsOf(halves[0] ?? "");
    const tail = halves.length === 2 ? groupsOf(halves[1] ?? "") : [];
    // The last group may be an IPv4 address (`::ffff:192.0.2.1`), worth two groups.
    const end = halves.length === 2 ? tail : head;
    let count = head.length + tail.length;
    const last = end[end.length - 1];
    if (last !== undefined && last.includes(".")) {
        if (!isIPv4(last)) return false;
        end.pop();
        count++;
    }
    if (![...head, ...tail].every((g) => HEX_GROUP.test(g))) return false;
    return halves.length === 2 ? count <= 7 : count === 8;
}

function validPort(text: string): number | undefined {
    if (!/^\d{1,5}$/.test(text)) return undefined;
    const port = Number(text);
    return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * Parse `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address.
 * Returns a reason string when the text is not a usable address.
 */
export function parseHostPort(text: string): { host: string; port?: number } | string {
    const t = text.trim();
    if (t === "") return "empty host";
    if (t.length > MAX_ADDRESS_LENGTH)
        return `host name too long (${t.length} characters, at most ${MAX_HOST_LENGTH})`;
    const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(t);
    if (bracket) {
        const host = bracket[1] ?? "";
        if (!isIPv6(host)) return `${quoted(t)} is not a valid IPv6 address`;
        if (bracket[2] === undefined) return { host };
        const port = validPort(bracket[2]);
        return port === undefined ? `invalid port in ${quoted(t)}` : { host, port };
    }
    if (isIPv6(t)) return { host: t };
    const colon = t.lastIndexOf(":");
    let host = t;
    let port: number | undefined;
    if (colon >= 0) {
        host = t.slice(0, colon);
        port = validPort(t.slice(colon + 1));
        if (port === undefined) return `invalid port in ${quoted(t)} (use host:port, 1-65535)`;
    }
    if (host.length > MAX_HOST_LENGTH) {
        return `host name too long (${host.length} characters, at most ${MAX_HOST_LENGTH})`;
    }
    // Every IPv4 address is also a valid host name here.
    if (!isIPv6(host) && !HOST_RE.test(host)) return `${quoted(host)} is not a valid host name or address`;
    return port === undefined ? { host } : { host, port };
}

/** Parse the editor's device list: one `host[:port] [display name]` per line; `#` starts a comment. */
export function parseDeviceList(text: unknown): DeviceList {
    const out: DeviceList = { devices: [], errors: [] };
    for (const { line, number } of entryLines(str(text))) {
        const match = /^(\S+)(?:\s+(.+))?$/.exec(line);
        const address = match?.[1] ?? "";
        const parsed = parseHostPort(address);
        if (typeof parsed === "string") {
            out.errors.push(`line ${number}: ${parsed}`);
            continue;
        }
        const name = match?.[2]?.trim();
        out.devices.push(name ? { ...parsed, name } : parsed);
    }
    return out;
}

/**
 * Devices named by a message: `msg.devices` (array of strings like the editor's lines, or
 * `{host, port, name}` objects) or `msg.host` (one string). `undefined` when the message names none.
 */
export function devicesFromMessage(msg: { devices?: unknown; host?: unknown }): DeviceList | undefined {
    if (Array.isArray(msg.devices)) {
        const out: DeviceList = { devices: [], errors: [] };
        msg.devices.forEach((entry: unknown, i) => {
            if (typeof entry === "string") {
                const one = parseDeviceList(entry);
                out.devices.push(...one.devices);
                out.errors.push(...one.errors.map((e) => e.replace(/^line 1/, `msg.devices[${i}]`)));
                return;
            }
            if (entry !== null && typeof entry === "object") {
                const o = entry as { host?: unknown; port?: unknown; name?: unknown };
                const parsed = parseHostPort(str(o.host));
                if (typeof parsed === "string") {
                    out.errors.push(`msg.devices[${i}]: ${parsed}`);
                    return;
                }
                let port = parsed.port;
                if (o.port !== undefined && o.port !== null && o.port !== "") {
                    port = validPort(str(o.port));
                    if (port === undefined) {
                        out.errors.push(`msg.devices[${i}]: invalid port ${quoted(str(o.port))}`);
                        return;
                    }
                }
                const name = str(o.name).trim();
                const device: DeviceTarget = { host: parsed.host };
                if (port !== undefined) device.port = port;
                if (name !== "") device.name = name;
                out.devices.push(device);
                return;
            }
            out.errors.push(`msg.devices[${i}]: expected a string or {host, port, name}`);
        });
        return out;
    }
    if (typeof msg.host === "string" && msg.host.trim() !== "") return parseDeviceList(msg.host.trim());
    return undefined;
}

/** A stable key for per-device state: `host:port` (port resolved against the default). */
export function deviceKey(device: DeviceTarget, defaultPort: number): string {
    const port = device.port ?? defaultPort;
    const host = device.host.toLowerCase();
    return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The name shown to users: the given name, else the device's own name (sysName), else the host. */
export function displayName(device: DeviceTarget, sysName?: string): string {
    return device.name ?? (sysName !== undefined && sysName.trim() !== "" ? sysName.trim() : device.host);
}
