/**
 * The messages of `snmp-discover` (and the editor's Find devices answer): one per device that
 * answered, and one report when a scan ends. This file owns their shape and their keys.
 */
import { deviceKey } from "../devices";
import { finiteNumber, isRecord, oneOf, textOf } from "../json";

export type DeviceKind = "printer" | "wireless" | "other";

export const DEVICE_KINDS: ReadonlySet<DeviceKind> = new Set(["printer", "wireless", "other"]);

/** Output 1: one device that answered (issue 19). */
export interface FoundDevice {
    host: string;
    port: number;
    kind: DeviceKind;
    vendor: string | null;
    model: string | null;
    /** sysName. */
    name: string | null;
    /** sysLocation. */
    location: string | null;
    /** The ap-clients profile whose probe answered (wireless only), or null. */
    profile: string | null;
    /** Which credentials answered: 0 the node's SNMP settings, 1.. the further ones, in order. */
    community: number;
    /** Ready to paste into a query node's device list: `host[:port] [name]`. */
    line: string;
    /** sysObjectID, dotted, or null. */
    objectId: string | null;
    /** sysDescr (at most 255 characters), or null. */
    description: string | null;
}

/** Output 2: the end of a scan. */
export interface ScanReport {
    /** The range as given. */
    range: string;
    /** Addresses asked. */
    scanned: number;
    printers: number;
    wireless: number;
    other: number;
    /** Addresses that answered none of the credentials. */
    silent: number;
    /** `scanned 254, 7 printers, 3 wireless, 12 other, 231 silent` */
    summary: string;
    /** Every device that answered, in address order. */
    devices: FoundDevice[];
    /** Devices that answered now and not in the previous scan (empty on the first scan). */
    new: FoundDevice[];
    /** Devices of the previous scan, in this scan's range, that did not answer now. */
    gone: FoundDevice[];
    /** True when there was no previous scan to compare with. */
    first: boolean;
    /** When the scan started and how long it took. */
    time: string;
    durationMs: number;
    /** True when the scan was cancelled before its end (the counts cover what was asked). */
    cancelled?: boolean;
}

/** The key of a found device, the same as a query node's for that device. */
export function foundKey(device: { host: string; port: number }): string {
    return deviceKey({ host: device.host, port: device.port }, device.port);
}

/**
 * A device-list line: `host`, `host:port` when the port is not the default, then sysName when
 * it has one. A name is device text: control characters, `#` (a comment in a device list) and
 * runs of spaces do not survive.
 */
export function deviceLine(host: string, port: number, defaultPort: number, name: string | null): string {
    const address =
        port === defaultPort ? host : host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    const clean = (name ?? "")
        // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
        .replace(/[\u0000-\u001f\u007f#]+/g, " ")
        .replace(/\s+/g, " ")
        .trim();
    return clean === "" ? address : `${address} ${clean}`;
}

/**
 * A found device from JSON that came from elsewhere (stored state, a flow); undefined when it has
 * no host, port or kind. Absent texts are null, as in a fresh message.
 */
export function readFoundDevice(value: unknown): FoundDevice | undefined {
    if (!isRecord(value)) return undefined;
    const host = typeof value.host === "string" && value.host !== "" ? value.host : null;
    const port = finiteNumber(value.port);
    const kind = oneOf(value.kind, DEVICE_KINDS);
    if (host === null || port === null || kind === null) return undefined;
    const text = (k: string): string | null => (typeof value[k] === "string" ? value[k] : null);
    return {
        host,
        port,
        kind,
        vendor: text("vendor"),
        model: text("model"),
        name: text("name"),
        location: text("location"),
        profile: text("profile"),
        community: finiteNumber(value.community) ?? 0,
        line: textOf(value.line) ?? host,
        objectId: text("objectId"),
        description: text("description"),
    };
}
