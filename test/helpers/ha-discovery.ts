/**
 * Home Assistant's documented rules for an MQTT discovery message, as a checker the tests run on
 * everything the node publishes (unit tests and the real broker alike). Written from HA's docs
 * ("MQTT" §Discovery; `sensor.mqtt`; `binary_sensor.mqtt`) and the schemas of HA core
 * (`mqtt/discovery.py` topic pattern, `mqtt/schemas.py` device and origin, `mqtt/sensor.py`
 * options rule, `sensor/const.py` units and state classes per device class).
 */
import assert from "node:assert/strict";

/** HA core discovery.py: `<prefix>/<component>/[<node_id>/]<object_id>/config`. */
export function discoveryTopic(prefix: string): RegExp {
    const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`^${escaped}/(\\w+)/(?:([a-zA-Z0-9_-]+)/)?([a-zA-Z0-9_-]+)/config$`);
}

/** The sensor device classes used here, with the units and state classes HA allows for them. */
const SENSOR_CLASSES: Record<
    string,
    { units: (string | undefined)[]; stateClasses: (string | undefined)[] }
> = {
    duration: {
        units: ["d", "h", "min", "s", "ms", "µs"],
        stateClasses: ["measurement", "total", "total_increasing", undefined],
    },
    signal_strength: { units: ["dB", "dBm"], stateClasses: ["measurement", undefined] },
    enum: { units: [undefined], stateClasses: [undefined] },
};
const BINARY_CLASSES = new Set(["problem", "connectivity", "running", "update"]);
const STATE_CLASSES = new Set(["measurement", "total", "total_increasing"]);
const DEVICE_KEYS = new Set([
    "identifiers",
    "connections",
    "name",
    "manufacturer",
    "model",
    "model_id",
    "serial_number",
    "hw_version",
    "sw_version",
    "configuration_url",
    "suggested_area",
    "via_device",
]);

function optionalString(value: unknown, what: string): void {
    if (value !== undefined) assert.equal(typeof value, "string", `${what} is a string`);
}

function checkDevice(device: unknown, where: string): void {
    assert.ok(
        typeof device === "object" && device !== null && !Array.isArray(device),
        `${where}: device is an object`,
    );
    const d = device as Record<string, unknown>;
    for (const key of Object.keys(d))
        assert.ok(DEVICE_KEYS.has(key), `${where}: device key ${key} is documented`);
    const ids =
        d.identifiers === undefined ? [] : Array.isArray(d.identifiers) ? d.identifiers : [d.identifiers];
    for (const id of ids) assert.equal(typeof id, "string", `${where}: identifiers are strings`);
    const connections = d.connections === undefined ? [] : d.connections;
    assert.ok(Array.isArray(connections), `${where}: connections is a list`);
    for (const c of connections as unknown[]) {
        assert.ok(
            Array.isArray(c) && c.length === 2 && c.every((x) => typeof x === "string"),
            `${where}: connection pairs`,
        );
    }
    assert.ok(ids.length > 0 || connections.length > 0, `${where}: device has identifiers or connections`);
    for (const key of ["name", "manufacturer", "model", "serial_number", "sw_version", "via_device"]) {
        optionalString(d[key], `${where}: device.${key}`);
    }
    if (d.configuration_url !== undefined) {
        assert.equal(typeof d.configuration_url, "string", `${where}: configuration_url is text`);
        const url = d.configuration_url as string;
        assert.match(url, /^(https?:\/\/[^\s/]+\/|homeassistant:\/\/)/, `${where}: configuration_url`);
        assert.doesNotThrow(() => new URL(url), `${where}: configuration_url parses`);
    }
}

/**
 * Checks one discovery message: topic, a JSON object payload (as the broker carries it), the
 * required and typed keys of a sensor or binary_sensor. Returns the parsed config.
 */
export function checkDiscovery(
    topic: string,
    text: string,
    prefix = "homeassistant",
): Record<string, unknown> {
    const m = discoveryTopic(prefix).exec(topic);
    assert.ok(m, `${topic} matches HA's discovery topic pattern`);
    const component = m[1] ?? "";
    assert.ok(component === "sensor" || component === "binary_sensor", `${topic}: a component HA supports`);
    const config = JSON.parse(text) as unknown;
    assert.ok(
        typeof config === "object" && config !== null && !Array.isArray(config),
        `${topic}: a JSON object`,
    );
    const c = config as Record<string, unknown>;
    assert.equal(typeof c.state_topic, "string", `${topic}: state_topic (required)`);
    assert.ok(
        !String(c.state_topic).includes("+") && !String(c.state_topic).includes("#"),
        `${topic}: state_topic has no wildcard`,
    );
    assert.equal(typeof c.unique_id, "string", `${topic}: unique_id (ties the entity to its device)`);
    for (const key of [
        "name",
        "value_template",
        "json_attributes_topic",
        "json_attributes_template",
        "availability_topic",
        "icon",
        "unit_of_measurement",
        "device_class",
        "state_class",
    ]) {
        optionalString(c[key], `${topic}: ${key}`);
    }
    assert.ok(
        !(c.availability_topic !== undefined && c.availability !== undefined),
        `${topic}: one availability form only`,
    );
    optionalString(c.icon, `${topic}: icon`);
    if (c.icon !== undefined)
        assert.match(c.icon as string, /^[a-z0-9-]+:[a-z0-9-]+$/, `${topic}: icon is prefix:name`);
    checkDevice(c.device, topic);
    assert.ok(typeof c.origin === "object" && c.origin !== null, `${topic}: origin`);
    const origin = c.origin as Record<string, unknown>;
    assert.equal(typeof origin.name, "string", `${topic}: origin.name (required)`);
    optionalString(origin.sw_version, `${topic}: origin.sw_version`);
    if (component === "sensor") {
        const dc = c.device_class as string | undefined;
        if (c.state_class !== undefined)
            assert.ok(STATE_CLASSES.has(c.state_class as string), `${topic}: state_class`);
        if (c.options !== undefined) {
            assert.ok(
                Array.isArray(c.options) && c.options.length > 0,
                `${topic}: options is a non-empty list`,
            );
            assert.equal(dc, "enum", `${topic}: options only with device_class enum`);
            assert.equal(c.state_class, undefined, `${topic}: options not with state_class`);
            assert.equal(c.unit_of_measurement, undefined, `${topic}: options not with a unit`);
        }
        if (dc !== undefined) {
            const rule = SENSOR_CLASSES[dc];
            assert.ok(rule, `${topic}: sensor device_class ${dc}`);
            assert.ok(
                rule.units.includes(c.unit_of_measurement as string | undefined),
                `${topic}: unit for ${dc}`,
            );
            assert.ok(
                rule.stateClasses.includes(c.state_class as string | undefined),
                `${topic}: state_class for ${dc}`,
            );
        }
    } else {
        if (c.device_class !== undefined)
            assert.ok(BINARY_CLASSES.has(c.device_class as string), `${topic}: binary device_class`);
        assert.equal(c.unit_of_measurement, undefined, `${topic}: a binary sensor has no unit`);
    }
    return c;
}

/**
 * What HA's MQTT sensor makes of a state: the value template `{{ value_json['x'] }}` rendered on
 * the state JSON, as Jinja renders it (null is "None", which HA takes as unknown).
 */
export function renderValue(config: Record<string, unknown>, stateText: string): string {
    const template = String(config.value_template);
    const m = /^\{\{ value_json\['([a-z0-9_]+)'\] \}\}$/.exec(template);
    assert.ok(m, `value template ${template} is the form the tests render`);
    const state = JSON.parse(stateText) as Record<string, unknown>;
    assert.ok(m[1] !== undefined && m[1] in state, `state has ${m[1]}`);
    const value = state[m[1]];
    if (value === null) return "None";
    assert.ok(typeof value === "number" || typeof value === "string", `state ${m[1]} is a number or a word`);
    return String(value);
}
