/**
 * The per-node memory of what each printer is made of, keyed by host:port. Bounded, so that a
 * flow sending arbitrary `msg.host` values cannot grow it without limit: the device polled least
 * recently goes first.
 */
import type { CacheEntry } from "./plan";

export const DEFAULT_CACHE_SIZE = 5000;

export class PrinterCache {
    private readonly entries = new Map<string, CacheEntry>();

    constructor(private readonly capacity = DEFAULT_CACHE_SIZE) {}

    get size(): number {
        return this.entries.size;
    }

    get(key: string): CacheEntry | undefined {
        const entry = this.entries.get(key);
        if (entry !== undefined) {
            // Most recently used last, so the first key is the one to evict.
            this.entries.delete(key);
            this.entries.set(key, entry);
        }
        return entry;
    }

    set(key: string, entry: CacheEntry): void {
        this.entries.delete(key);
        this.entries.set(key, entry);
        while (this.entries.size > this.capacity) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
        }
    }

    delete(key: string): void {
        this.entries.delete(key);
    }

    clear(): void {
        this.entries.clear();
    }
}
