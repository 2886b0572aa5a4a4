/**
 * The per-node memory of what each printer is made of, keyed by host:port, bounded: the device
 * polled least recently goes first.
 */
import { BoundedMap } from "../bounded-map";
import type { CacheEntry } from "./plan";

const DEFAULT_CACHE_SIZE = 5000;

export class PrinterCache extends BoundedMap<string, CacheEntry> {
    constructor(capacity = DEFAULT_CACHE_SIZE) {
        super(capacity);
    }
}
