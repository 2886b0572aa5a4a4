/**
 * Address ranges a scan may cover: `192.168.1.0/24`, `10.0.0.10-10.0.0.60`, `10.0.0.10-60`, one
 * address or host name; several per line or one per line, `#` starts a comment.
 *
 * Limits against misuse (issue 19): a CIDR block loses its network and broadcast addresses
 * (RFC 919/922: all-zeros and all-ones host parts; /31 and /32 have none, RFC 3021); a range a-b
 * skips addresses ending in .0 or .255, which are the network or broadcast address of every
 * /24 or larger network; multicast, limited broadcast and "this network" are refused; a scan
 * holds at most `maxAddresses` addresses (1,024, a /22, unless the node allows more).
 *
 * No Node.js API here: the snmp-discover editor checks its range field with this same code
 * (editor.ts).
 */
import { isIPv4, parseHostPort } from "../devices";
import { entryLines, str } from "../lists";

/** At most this many addresses per scan unless the node allows more (a /22). */
export const DEFAULT_MAX_ADDRESSES = 1024;
/** The most a node may allow (a /16). */
export const HARD_MAX_ADDRESSES = 65_536;

export interface ScanTarget {
    host: string;
    /** Given as `host:port` in the range; otherwise the credentials' port applies. */
    port?: number;
}

export type RangeResult = { targets: ScanTarget[] } | { error: string };

function ipv4ToInt(text: string): number | undefined {
    if (!isIPv4(text)) return undefined;
    return text.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

export function intToIpv4(n: number): string {
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** Why an IPv4 address may never be scanned, or undefined when it may. */
function forbidden(n: number): string | undefined {
    const first = n >>> 24;
    if (first === 0) return "0.0.0.0/8 means this network, not a device";
    if (first >= 224 && first <= 239) return "multicast addresses are not devices";
    if (n === 0xffffffff) return "255.255.255.255 is the broadcast address";
    if (first >= 240) return "240.0.0.0/4 is reserved";
    return undefined;
}

/** The last octet is 0 or 255: the network or broadcast address of any /24 or larger. */
function edgeOfSlash24(n: number): boolean {
    const last = n & 255;
    return last === 0 || last === 255;
}

interface Block {
    first: number;
    last: number;
    /** Drop .0 and .255 (ranges) rather than only the block's own network and broadcast (CIDR). */
    skipEdges: boolean;
    text: string;
}

function parseBlock(item: string): Block | string {
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(item);
    if (cidr) {
        const base = ipv4ToInt(cidr[1] ?? "");
        const bits = Number(cidr[2]);
        if (base === undefined || bits > 32) return `"${item}" is not a valid CIDR block (a.b.c.d/nn)`;
        if (bits < 16) return `"${item}" is larger than a /16: scan it in smaller blocks`;
        const size = 2 ** (32 - bits);
        const network = base - (base % size);
        if (bits >= 31) return { first: network, last: network + size - 1, skipEdges: false, text: item };
        return { first: network + 1, last: network + size - 2, skipEdges: false, text: item };
    }
    const range = /^(\d{1,3}(?:\.\d{1,3}){3})\s*-\s*(\d{1,3}(?:\.\d{1,3}){0,3})$/.exec(item);
    if (range) {
        const from = range[1] ?? "";
        let to = range[2] ?? "";
        const first = ipv4ToInt(from);
        // A short end (10.0.0.10-60) keeps the start's leading octets.
        const toParts = to.split(".");
        if (toParts.length < 4) to = [...from.split(".").slice(0, 4 - toParts.length), ...toParts].join(".");
        const last = ipv4ToInt(to);
        if (first === undefined || last === undefined) {
            return `"${item}" is not a valid range (a.b.c.d-a.b.c.e or a.b.c.d-e)`;
        }
        if (last < first) return `"${item}" ends before it starts`;
        return { first, last, skipEdges: true, text: item };
    }
    return `"${item}" is not an address, a range (a.b.c.d-e) or a CIDR block (a.b.c.d/nn)`;
}

/** Split the text into items: lines, commas or spaces; `#` comments dropped. */
export function rangeItems(input: unknown): string[] {
    const texts = Array.isArray(input) ? input.map((x) => str(x)) : [str(input)];
    const items: string[] = [];
    for (const { line } of texts.flatMap(entryLines)) {
        // "a - b" is one item: join the dash before splitting on spaces.
        for (const item of line.replace(/\s*-\s*/g, "-").split(/[\s,;]+/)) {
            if (item !== "") items.push(item);
        }
    }
    return items;
}

/**
 * The addresses a range text (or `msg.range`, a string or an array of strings) covers, each
 * once, in the order given; or one error that names the item at fault and what to do.
 */
export function parseRange(input: unknown, maxAddresses = DEFAULT_MAX_ADDRESSES): RangeResult {
    const items = rangeItems(input);
    if (items.length === 0) return { error: "no range given: type one, e.g. 192.168.1.0/24" };
    const targets: ScanTarget[] = [];
    const seen = new Set<string>();
    const add = (t: ScanTarget): string | undefined => {
        const key = `${t.host.toLowerCase()}|${t.port ?? ""}`;
        if (seen.has(key)) return undefined;
        seen.add(key);
        targets.push(t);
        if (targets.length > maxAddresses) {
            return (
                `the range holds more than ${maxAddresses} addresses` +
                (maxAddresses < HARD_MAX_ADDRESSES
                    ? ": scan a smaller range, or allow more addresses in the node"
                    : ": scan it in parts")
            );
        }
        return undefined;
    };
    for (const item of items) {
        if (/^\d{1,3}(?:\.\d{1,3}){3}[/-]/.test(item)) {
            const block = parseBlock(item);
            if (typeof block === "string") return { error: block };
            if (block.last - block.first + 1 > HARD_MAX_ADDRESSES) {
                return { error: `"${item}" is larger than a /16: scan it in smaller blocks` };
            }
            for (let n = block.first; n <= block.last; n++) {
                const why = forbidden(n);
                if (why !== undefined) return { error: `"${block.text}" includes ${intToIpv4(n)}: ${why}` };
                if (block.skipEdges && edgeOfSlash24(n)) continue;
                const tooMany = add({ host: intToIpv4(n) });
                if (tooMany !== undefined) return { error: tooMany };
            }
            continue;
        }
        if (/^\d+(\.\d+){3}(:\d+)?$/.test(item) && !isIPv4(item.replace(/:\d+$/, ""))) {
            return { error: `"${item}" is not a valid IPv4 address` };
        }
        const one = parseHostPort(item);
        if (typeof one === "string") return { error: one };
        const n = ipv4ToInt(one.host);
        const why = n === undefined ? undefined : forbidden(n);
        if (why !== undefined) return { error: `${one.host}: ${why}` };
        const tooMany = add(one.port === undefined ? { host: one.host } : { host: one.host, port: one.port });
        if (tooMany !== undefined) return { error: tooMany };
    }
    return { targets };
}
