/**
 * The checks the editors run as `validate` functions: the runtime's own parsers,
 * answered yes or no, so that the editor flags exactly the lines the runtime would skip.
 *
 * `npm run build` bundles this file and what it imports into resources/editor.js
 * (tools/build-editor.ts); Node-RED serves it at resources/<package>/editor.js and both editors
 * load it with a script tag. So nothing imported from here may use Node.js.
 */
import { parseMacNames } from "./ap/names";
import { parseDeviceList } from "./devices";
import { topicPrefix } from "./mqtt/topics";

/** The device list: every entry a usable `host[:port] [display name]`. */
export function validDevices(text: unknown): boolean {
    return parseDeviceList(text).errors.length === 0;
}

/** The MAC names list: every entry `mac name`. */
export function validMacNames(text: unknown): boolean {
    return parseMacNames(text).errors.length === 0;
}

/** A topic prefix (snmp-office-mqtt): levels separated by `/`, none empty, no wildcard. */
export function validTopicPrefix(text: unknown): boolean {
    return topicPrefix(text, "default") !== null;
}
