/**
 * An ap-clients reading as Home Assistant devices. The polled device is one device with its
 * clients in total, per SSID and per band. Behind a controller, each AP it lists is a device of
 * its own (linked to the controller) with its clients and the median signal of its clients; a
 * standalone AP keeps its median signal on its own device. Which layout applies is the vendor
 * profile's (controller or standalone), so it does not change from one reading to the next.
 */
import type { DeviceIdentity } from "../contract";
import type { ApInfo, ApReading } from "../ap/contract";
import { bandCounts } from "../ap/metrics";
import { profileById } from "../ap/profiles";
import type { DeviceSpec, EntitySpec } from "./device";
import { webPage } from "./device";
import { apId, macConnection, macSlug, safeSlug, type DeviceId } from "./ids";

/** Whether the reading comes from a controller (it lists the APs it manages) or one AP. */
export function isController(reading: Pick<ApReading, "profile" | "aps">): boolean {
    const kind = profileById(reading.profile)?.kind;
    // A custom profile or a message built by hand: a list of several APs says controller.
    return kind !== undefined ? kind === "controller" : reading.aps.length > 1;
}

/**
 * The maker of the devices a vendor profile reads, for HA's device card (by the profile id's
 * first word; the Linux and OpenWrt profiles read software, not one maker's hardware: none).
 */
const MANUFACTURERS: ReadonlyMap<string, string> = new Map(
    Object.entries({
        aerohive: "Aerohive (Extreme Networks)",
        albentia: "Albentia Systems",
        alcatel: "Alcatel-Lucent Enterprise",
        alta: "Alta Labs",
        apple: "Apple",
        aruba: "Aruba (HPE)",
        cambium: "Cambium Networks",
        cisco: "Cisco",
        deliberant: "Deliberant",
        extreme: "Extreme Networks",
        fortiap: "Fortinet",
        fortigate: "Fortinet",
        fortiwlc: "Fortinet",
        grandstream: "Grandstream",
        hp: "HPE",
        huawei: "Huawei",
        lancom: "LANCOM Systems",
        ligowave: "LigoWave",
        meraki: "Cisco Meraki",
        mikrotik: "MikroTik",
        mimosa: "Mimosa",
        peplink: "Peplink",
        ruckus: "Ruckus",
        symbol: "Symbol / Motorola (Zebra)",
        tachyon: "Tachyon Networks",
        teldat: "Teldat",
        tplink: "TP-Link",
        ubnt: "Ubiquiti",
        xirrus: "Xirrus",
        zyxel: "Zyxel",
    }),
);

/** The maker for a profile id (`cisco-9800` -> Cisco), undefined for custom and software profiles. */
export function wifiManufacturer(profile: string): string | undefined {
    return MANUFACTURERS.get(profile.split("-")[0] ?? "");
}

function clientsEntity(
    key: string,
    name: string,
    value: number | null,
    attributes?: Record<string, unknown>,
) {
    return {
        key,
        component: "sensor",
        name,
        value,
        attributes,
        unit: "clients",
        stateClass: "measurement",
        icon: "mdi:account-multiple",
        plain: true,
    } satisfies EntitySpec;
}

function signalEntity(key: string, name: string, ap: ApInfo): EntitySpec | null {
    const median = ap.signal?.median;
    if (median === undefined) return null;
    return {
        key,
        component: "sensor",
        name,
        value: median,
        attributes: { min: ap.signal?.min ?? null, weak_clients: ap.signal?.weak ?? null },
        unit: "dBm",
        deviceClass: "signal_strength",
        stateClass: "measurement",
        plain: true,
    };
}

/** The key an AP's entities are filed under on its device: its MAC, else its own id. */
function apKey(ap: ApInfo): string {
    const mac = ap.mac === undefined ? "" : macSlug(ap.mac);
    return mac !== "" ? mac : safeSlug(ap.id);
}

function systemEntities(reading: ApReading): EntitySpec[] {
    const out: EntitySpec[] = [
        clientsEntity("clients", "Clients", reading.totals.clients, { access_points: reading.totals.aps }),
    ];
    const ssidKeys = new Set<string>();
    for (const s of reading.ssids) {
        const key = `ssid/${safeSlug(s.ssid)}`;
        if (ssidKeys.has(key)) continue;
        ssidKeys.add(key);
        out.push(clientsEntity(key, `Clients on ${s.ssid}`, s.clients, { ssid: s.ssid }));
    }
    for (const [band, clients] of bandCounts(reading)) {
        out.push(clientsEntity(`band/${safeSlug(band)}`, `Clients on ${band}`, clients, { band }));
    }
    return out;
}

function apAttributes(ap: ApInfo): Record<string, unknown> {
    return {
        ap: ap.name,
        ip: ap.ip ?? null,
        radios: ap.radios.map((r) => ({
            band: r.band ?? null,
            channel: r.channel ?? null,
            clients: r.clients ?? null,
        })),
    };
}

/** An AP behind a controller as a device of its own. */
function apDevice(ap: ApInfo, controller: DeviceSpec): DeviceSpec {
    const id: DeviceId = apId(controller.id, ap);
    const entities: EntitySpec[] = [];
    if (ap.clients !== undefined)
        entities.push(clientsEntity("clients", "Clients", ap.clients, apAttributes(ap)));
    const signal = signalEntity("signal", "Signal", ap);
    if (signal !== null) entities.push(signal);
    const mac = ap.mac === undefined ? null : macConnection(ap.mac);
    const spec: DeviceSpec = {
        id: id.id,
        kind: "ap",
        name: ap.name !== "" ? ap.name : ap.id,
        host: controller.host,
        parent: controller.id,
        facts: {
            ...(mac === null ? {} : { macs: [mac] }),
            ...(controller.facts.manufacturer === undefined
                ? {}
                : { manufacturer: controller.facts.manufacturer }),
        },
        entities,
    };
    if (controller.port !== undefined) spec.port = controller.port;
    return spec;
}

/**
 * One ap-clients reading as devices: the polled device first, then (for a controller) one per AP.
 * APs without a name or id cannot be told apart from one reading to the next and are left out.
 */
export function wifiDevices(reading: ApReading, identity: DeviceIdentity, id: DeviceId): DeviceSpec[] {
    const controller = isController(reading);
    const aps = reading.aps.filter((ap) => ap.id !== "" || (ap.mac !== undefined && macSlug(ap.mac) !== ""));
    const system: DeviceSpec = {
        id: id.id,
        kind: "wifi",
        name: reading.device !== "" ? reading.device : reading.host,
        host: identity.host,
        facts: {
            manufacturer: wifiManufacturer(reading.profile),
            model: reading.model,
            configurationUrl: webPage(identity.host),
        },
        entities: systemEntities(reading),
    };
    if (identity.port !== undefined) system.port = identity.port;
    if (!controller) {
        const macs = aps.map((ap) => (ap.mac === undefined ? null : macConnection(ap.mac)));
        const known = macs.filter((m): m is string => m !== null);
        if (known.length > 0) system.facts.macs = [...new Set(known)];
        for (const ap of aps) {
            const name = aps.length === 1 ? "Signal" : `Signal ${ap.name !== "" ? ap.name : ap.id}`;
            const signal = signalEntity(`ap/${apKey(ap)}/signal`, name, ap);
            if (signal !== null) system.entities.push(signal);
        }
        return [system];
    }
    const seen = new Set<string>();
    const devices: DeviceSpec[] = [system];
    for (const ap of aps) {
        const device = apDevice(ap, system);
        if (seen.has(device.id)) continue;
        seen.add(device.id);
        devices.push(device);
    }
    return devices;
}
