/**
 * Who made a client: the manufacturer registered for its MAC's OUI, from the IEEE registry as
 * the npm package `oui-data` ships it (MA-L, MA-M and MA-S assignments, kept current by its
 * maintainer's automation; `npm update oui-data` brings the latest). A locally administered MAC
 * (the "private" or randomised addresses phones use) is no registered one: it is flagged, and
 * gets no vendor.
 *
 * The registry is a 5 MB JSON file, one entry per line. Parsing it whole would hold the event
 * loop for tens of milliseconds, so it is read as a stream, line by line, once per process.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** The MAC (`aa:bb:cc:dd:ee:ff`) is locally administered: IEEE 802 U/L bit of the first octet. */
export function isRandomMac(mac: string): boolean {
    const first = Number.parseInt(mac.slice(0, 2), 16);
    return Number.isInteger(first) && (first & 0x02) !== 0;
}

/** Manufacturer names by assignment: six (MA-L), seven (MA-M) or nine (MA-S) upper-case hex digits. */
export class OuiRegistry {
    private readonly names: ReadonlyMap<string, string>;

    constructor(names: ReadonlyMap<string, string>) {
        this.names = names;
    }

    get size(): number {
        return this.names.size;
    }

    /** The manufacturer of a MAC, the longest (most specific) assignment first; none for a private MAC. */
    lookup(mac: string): string | undefined {
        if (isRandomMac(mac)) return undefined;
        const hex = mac.replace(/:/g, "").toUpperCase();
        return (
            this.names.get(hex.slice(0, 9)) ??
            this.names.get(hex.slice(0, 7)) ??
            this.names.get(hex.slice(0, 6))
        );
    }
}

const ENTRY = /^\s*"([0-9A-F]{6}|[0-9A-F]{7}|[0-9A-F]{9})"\s*:\s*("(?:[^"\\]|\\.)*")/;

/** One registry line (`"00000C": "Cisco Systems, Inc\n170 West Tasman…",`) as [assignment, name]. */
export function parseEntry(line: string): [string, string] | undefined {
    const m = ENTRY.exec(line);
    if (m?.[1] === undefined || m[2] === undefined) return undefined;
    let text: unknown;
    try {
        text = JSON.parse(m[2]);
    } catch {
        // A line that is not a JSON string is no entry; the rest of the file still counts.
        return undefined;
    }
    // The registry holds the organisation and its address, one per line: the first is the name.
    const name = typeof text === "string" ? (text.split("\n")[0] ?? "").trim() : "";
    return name === "" ? undefined : [m[1], name];
}

/** Read a registry file in the `oui-data` layout. Rejects when the file cannot be read. */
export async function loadRegistry(file: string): Promise<OuiRegistry> {
    const names = new Map<string, string>();
    const lines = createInterface({
        input: createReadStream(file, { encoding: "utf8" }),
        crlfDelay: Infinity,
    });
    for await (const line of lines) {
        const entry = parseEntry(line);
        if (entry !== undefined) names.set(entry[0], entry[1]);
    }
    return new OuiRegistry(names);
}

let shared: Promise<OuiRegistry> | undefined;

/** The registry of the installed `oui-data`, read once; a failed read is tried again next time. */
export function ouiRegistry(): Promise<OuiRegistry> {
    if (shared === undefined) {
        const loading = Promise.resolve()
            .then(() => loadRegistry(require.resolve("oui-data")))
            .catch((err: unknown) => {
                shared = undefined;
                throw err;
            });
        shared = loading;
    }
    return shared;
}
