/**
 * The checks the editors run as `validate` functions: the runtime's own parsers,
 * answered yes or no, so that the editor flags exactly the lines the runtime would skip.
 *
 * `npm run build` bundles this file and what it imports into resources/editor.js
 * (tools/build-editor.ts); Node-RED serves it at resources/<package>/editor.js and both editors
 * load it with a script tag. So nothing imported from here may use Node.js.
 */
import { parseMacNames } from "./ap/names";
import { whoisSettings } from "./ap/whois-settings";
import { parseDeviceList } from "./devices";
import { HARD_MAX_ADDRESSES, parseRange } from "./discover/range";
import { topicPrefix } from "./mqtt/topics";

/** The device list: every entry a usable `host[:port] [display name]`. */
export function validDevices(text: unknown): boolean {
    return parseDeviceList(text).errors.length === 0;
}

/** The MAC names list: every entry `mac name`. */
export function validMacNames(text: unknown): boolean {
    return parseMacNames(text).errors.length === 0;
}

/**
 * snmp-discover's range: every item an address, a range or a CIDR block that may be scanned.
 * Empty is fine (msg.range may bring it); the size limit is the node's own, checked at run time.
 */
export function validRange(text: unknown): boolean {
    if (typeof text === "string" && text.replace(/(^|\s)#.*$/gm, "").trim() === "") return true;
    return !("error" in parseRange(text, HARD_MAX_ADDRESSES));
}

/** A topic prefix (snmp-office-mqtt): levels separated by `/`, none empty, no wildcard. */
export function validTopicPrefix(text: unknown): boolean {
    return topicPrefix(text, "default") !== null;
}

/** ap-clients' ARP router: blank, or one `host[:port]`. */
export function validRouter(text: unknown): boolean {
    return !("error" in whoisSettings({ arpRouter: typeof text === "string" ? text : "" }));
}

/** ap-clients' DNS servers for reverse lookups: blank, or IP addresses with an optional port. */
export function validDnsServers(text: unknown): boolean {
    return !("error" in whoisSettings({ dnsServers: typeof text === "string" ? text : "" }));
}
