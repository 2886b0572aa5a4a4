/**
 * A Map with a size limit: the entry used least recently goes first. Per-device memory in the
 * nodes uses it, so that a flow sending ever new `msg.host` values cannot grow it without limit.
 */
export class BoundedMap<K, V> {
    private readonly entries = new Map<K, V>();

    constructor(readonly capacity: number) {}

    get size(): number {
        return this.entries.size;
    }

    has(key: K): boolean {
        return this.entries.has(key);
    }

    get(key: K): V | undefined {
        const value = this.entries.get(key);
        if (value !== undefined) {
            // Most recently used last, so the first key is the one to evict.
            this.entries.delete(key);
            this.entries.set(key, value);
        }
        return value;
    }

    set(key: K, value: V): void {
        this.entries.delete(key);
        this.entries.set(key, value);
        while (this.entries.size > this.capacity) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined) break;
            this.entries.delete(oldest);
        }
    }

    /** The entries, least recently used first (reading them does not count as using them). */
    oldestFirst(): IterableIterator<[K, V]> {
        return this.entries.entries();
    }

    delete(key: K): void {
        this.entries.delete(key);
    }

    clear(): void {
        this.entries.clear();
    }
}
