/**
 * What one reading becomes before anything is published: Home Assistant devices, each with its
 * entities and the JSON of its state topic. The printer and Wi-Fi readers (printer.ts, wifi.ts)
 * build these; discovery.ts turns them into discovery configs; publisher.ts decides what to send.
 */
export type Component = "sensor" | "binary_sensor";

/** One Home Assistant entity of a device. */
export interface EntitySpec {
    /**
     * Path-like key within the device, also the tail of its plain topic: `supply/1_1`, `pages`,
     * `ssid/office`. Made of slugs only.
     */
    key: string;
    component: Component;
    /** Shown in Home Assistant after the device's name (device strings, rendered as text there). */
    name: string;
    /** The entity's value in the state JSON: a number, a word, "ON"/"OFF", or null for unknown. */
    value: number | string | null;
    /** The entity's attributes in the state JSON (what a number alone cannot say). */
    attributes?: Record<string, unknown>;
    unit?: string;
    deviceClass?: string;
    stateClass?: "measurement" | "total_increasing";
    icon?: string;
    /** The words of an enum sensor. */
    options?: readonly string[];
    /** Whether the number also goes to a plain topic `<base>/<device>/<key>`. */
    plain?: boolean;
}

/** The Home Assistant device registry fields known for a device. */
export interface DeviceFacts {
    manufacturer?: string;
    model?: string;
    serialNumber?: string;
    swVersion?: string;
    configurationUrl?: string;
    /** MAC addresses (`aa:bb:cc:dd:ee:ff`). */
    macs?: string[];
}

export type DeviceKind = "printer" | "wifi" | "ap";

export interface DeviceSpec {
    /** Stable id (ids.ts): the device's topic level, and part of every unique id. */
    id: string;
    kind: DeviceKind;
    /** Display name: the given name, sysName, or the address. */
    name: string;
    /** Where it was polled (for an AP behind a controller: the controller's address). */
    host: string;
    port?: number;
    /** The controller's device id, for an AP behind one. */
    parent?: string;
    facts: DeviceFacts;
    entities: EntitySpec[];
}

/** The object id of an entity (its key with `_` for `/`): the key in the state JSON too. */
export function objectId(key: string): string {
    return key.replace(/\//g, "_");
}

/**
 * The JSON published on a device's state topic: each entity's value under its object id, and its
 * attributes under `attributes.<object id>`. Entities that are still published but that this
 * reading no longer has (`missing`) are there as null, so that no template meets a missing key.
 */
export function stateJson(
    entities: readonly EntitySpec[],
    missing: readonly string[] = [],
): Record<string, unknown> {
    const state: Record<string, unknown> = {};
    const attributes: Record<string, unknown> = {};
    for (const e of entities) {
        const id = objectId(e.key);
        state[id] = e.value;
        if (e.attributes !== undefined) attributes[id] = e.attributes;
    }
    for (const key of missing) {
        const id = objectId(key);
        state[id] = null;
        attributes[id] = { missing: true };
    }
    state.attributes = attributes;
    return state;
}

/**
 * A configuration URL Home Assistant accepts (http, https): the device's web page at its address
 * (printers and Wi-Fi controllers serve one), or undefined for an address that is no plain host
 * name or IP address.
 */
export function webPage(host: string): string | undefined {
    if (/^[0-9a-fA-F:]+$/.test(host) && host.includes(":")) return `http://[${host}]/`;
    if (/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) return `http://${host}/`;
    return undefined;
}
