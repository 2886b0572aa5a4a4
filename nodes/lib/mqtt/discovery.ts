/**
 * Home Assistant MQTT discovery (single-component, which every HA version since 0.40 reads): the
 * config of one entity on `<prefix>/<component>/<node_id>/<object_id>/config`, and the topics
 * the package owns under its base topic.
 *
 * Facts followed (HA docs "MQTT" §Discovery, `sensor.mqtt`, `binary_sensor.mqtt`; HA core
 * `mqtt/schemas.py`):
 * - node_id and object_id match `[a-zA-Z0-9_-]+`; the payload is a JSON object with full key
 *   names (abbreviations are optional, and older HA versions lack some);
 * - `state_topic` is required; `unique_id` ties the entity to a device and keeps it across restarts;
 * - `device` needs `identifiers` or `connections`; `configuration_url` is http(s) only;
 * - `origin.name` is required when origin is given;
 * - a numeric sensor (unit, state_class) shows "unknown" for the payload `None`, which a value
 *   template renders for a JSON null; text on a numeric sensor is an error in HA's log, so an
 *   unknown level is never sent as a word;
 * - `options` only with `device_class: enum`, and never with a unit or state_class.
 */
import { objectId, type Component, type DeviceSpec, type EntitySpec } from "./device";

/** Where the package publishes: HA's discovery prefix and the base of its own topics. */
export interface TopicSettings {
    /** Home Assistant's discovery prefix (`homeassistant` unless changed in HA's MQTT options). */
    prefix: string;
    /** The base of the state, availability and plain topics (`snmp-office`). */
    base: string;
}

/** Who publishes the configs (shown in HA's MQTT info of each entity). */
export interface Origin {
    name: string;
    sw_version?: string;
    support_url?: string;
}

/** Every id the package gives HA starts with this, so that none can meet another integration's. */
export const ID_PREFIX = "snmp_office";

export function deviceIdentifier(deviceId: string): string {
    return `${ID_PREFIX}_${deviceId}`;
}

export function uniqueId(deviceId: string, key: string): string {
    return `${ID_PREFIX}_${deviceId}_${objectId(key)}`;
}

export function configTopic(t: TopicSettings, component: Component, deviceId: string, key: string): string {
    return `${t.prefix}/${component}/${deviceIdentifier(deviceId)}/${objectId(key)}/config`;
}

/** One state topic per device: a JSON object with every entity's value and attributes. */
export function stateTopic(t: TopicSettings, deviceId: string): string {
    return `${t.base}/${deviceId}/state`;
}

/** `online` / `offline`, from the query node's `reachable`. */
export function availabilityTopic(t: TopicSettings, deviceId: string): string {
    return `${t.base}/${deviceId}/availability`;
}

/** For users without HA: one number per topic, retained (`snmp-office/printer_cn12345/supply/1_1`). */
export function plainTopic(t: TopicSettings, deviceId: string, key: string): string {
    return `${t.base}/${deviceId}/${key}`;
}

/** The topic HA announces its start on (birth message `online`). */
export function birthTopic(t: TopicSettings): string {
    return `${t.prefix}/status`;
}

/** The HA device block: shared by every entity of the device. */
export function deviceBlock(device: DeviceSpec): Record<string, unknown> {
    const block: Record<string, unknown> = {
        identifiers: [deviceIdentifier(device.id)],
        name: device.name,
    };
    const f = device.facts;
    if (f.macs !== undefined && f.macs.length > 0) block.connections = f.macs.map((mac) => ["mac", mac]);
    if (f.manufacturer !== undefined) block.manufacturer = f.manufacturer;
    if (f.model !== undefined) block.model = f.model;
    if (f.serialNumber !== undefined) block.serial_number = f.serialNumber;
    if (f.swVersion !== undefined) block.sw_version = f.swVersion;
    if (f.configurationUrl !== undefined) block.configuration_url = f.configurationUrl;
    if (device.parent !== undefined) block.via_device = deviceIdentifier(device.parent);
    return block;
}

/** The discovery config of one entity (a JSON object; Node-RED's mqtt out sends it as JSON). */
export function entityConfig(
    t: TopicSettings,
    origin: Origin,
    device: DeviceSpec,
    entity: EntitySpec,
): Record<string, unknown> {
    const id = objectId(entity.key);
    const state = stateTopic(t, device.id);
    const config: Record<string, unknown> = {
        name: entity.name,
        unique_id: uniqueId(device.id, entity.key),
        state_topic: state,
        value_template: `{{ value_json['${id}'] }}`,
        availability_topic: availabilityTopic(t, device.id),
    };
    if (entity.attributes !== undefined) {
        config.json_attributes_topic = state;
        config.json_attributes_template = `{{ value_json['attributes']['${id}'] | tojson }}`;
    }
    if (entity.unit !== undefined) config.unit_of_measurement = entity.unit;
    if (entity.deviceClass !== undefined) config.device_class = entity.deviceClass;
    if (entity.stateClass !== undefined) config.state_class = entity.stateClass;
    if (entity.options !== undefined) config.options = [...entity.options];
    if (entity.icon !== undefined) config.icon = entity.icon;
    config.device = deviceBlock(device);
    config.origin = { ...origin };
    return config;
}
