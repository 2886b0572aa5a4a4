/**
 * Where a node's durable state lives, decided from the Node-RED settings:
 *
 * - a persistent context store (settings.js `contextStorage`, any module but `memory`): the
 *   node's context, under the key earlier versions used, as before. When that store is
 *   Node-RED's `localfilesystem` with its write cache on (the default), it writes to disk only
 *   every `flushInterval` seconds (30 by default), so a crash could lose the last half-minute:
 *   a journal file of ours is kept beside it, written within a second of each change;
 * - otherwise (no `contextStorage`, the usual install, or a memory store): a file of ours under
 *   `<userDir>/snmp-office/`;
 * - with no user directory known (Node-RED embedded without one, the unit-test helper): the
 *   process memory, which keeps state over a redeploy but not over a restart.
 *
 * The store the node would use is resolved the way Node-RED resolves it (context/index.js): a
 * named store, else the default, which is `default` (an object, or an alias naming another
 * store) or the first store listed.
 */
import { join } from "node:path";
import { isRecord, type JsonRecord } from "../json";

/** The folder under the Node-RED user directory that holds the state files. */
export const STATE_FOLDER = "snmp-office";

/** A write cache that flushes more rarely than this needs a journal (our own writes are as fast). */
const JOURNAL_ABOVE_MS = 1_000;
/** Node-RED's localfilesystem default flushInterval, seconds. */
const LOCALFS_DEFAULT_FLUSH_S = 30;

export type Placement =
    | { kind: "file"; dir: string }
    | {
          kind: "context";
          /** Store name for context.get/set; undefined = the default store. */
          store: string | undefined;
          /** The resolved store's name, for messages. */
          storeName: string;
          /** Folder of the journal file, when the store writes to disk only every few seconds. */
          journalDir: string | null;
      }
    | { kind: "memory" };

/** The settings read (RED.settings; structural, no node-red import). */
export interface StateSettings {
    userDir?: unknown;
    contextStorage?: unknown;
}

interface StoreConfig {
    name: string;
    config: JsonRecord;
}

/** The context store Node-RED would use for `requested` ("" or undefined = the default), or null for none. */
export function resolveContextStore(
    contextStorage: unknown,
    requested: string | undefined,
): StoreConfig | null {
    if (!isRecord(contextStorage)) return null;
    const names = Object.keys(contextStorage).filter((n) => n !== "_");
    if (names.length === 0) return null;
    const entry = (name: string): StoreConfig | null => {
        const config = contextStorage[name];
        return isRecord(config) ? { name, config } : null;
    };
    if (requested !== undefined && requested !== "" && requested !== "default" && names.includes(requested)) {
        return entry(requested);
    }
    // An unknown name falls back to the default store in Node-RED (with a warning of its own).
    const alias = contextStorage.default;
    if (typeof alias === "string") return names.includes(alias) ? entry(alias) : null;
    if (isRecord(alias)) return entry("default");
    const first = names.find((n) => isRecord(contextStorage[n]));
    return first === undefined ? null : entry(first);
}

/** Whether a store keeps its data over a restart: anything but Node-RED's memory module. */
function persistent(store: StoreConfig): boolean {
    return store.config.module !== "memory";
}

/** How long a store may hold a write before it reaches the disk, ms (0 when it writes at once). */
export function writeDelayMs(store: StoreConfig): number {
    if (store.config.module !== "localfilesystem") return 0;
    const options = isRecord(store.config.config) ? store.config.config : {};
    if (options.cache === false) return 0;
    const seconds =
        typeof options.flushInterval === "number" ? options.flushInterval : LOCALFS_DEFAULT_FLUSH_S;
    return Math.max(0, seconds) * 1000;
}

/** The user directory, when Node-RED knows one. */
export function userDirOf(settings: StateSettings): string | null {
    return typeof settings.userDir === "string" && settings.userDir !== "" ? settings.userDir : null;
}

/** Where the state of a node that names context store `store` ("" = default) goes. */
export function placeState(settings: StateSettings, store: string | undefined): Placement {
    const userDir = userDirOf(settings);
    const dir = userDir === null ? null : join(userDir, STATE_FOLDER);
    const resolved = resolveContextStore(settings.contextStorage, store);
    if (resolved !== null && persistent(resolved)) {
        return {
            kind: "context",
            store: store === "" ? undefined : store,
            storeName: resolved.name,
            journalDir: writeDelayMs(resolved) > JOURNAL_ABOVE_MS ? dir : null,
        };
    }
    return dir === null ? { kind: "memory" } : { kind: "file", dir };
}
