package com.oncopay.catalog;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Catalog reads kept in this replica's memory in front of Redis, so that a repeated search or entry read costs
 * neither a Redis round trip nor parsing its JSON again (#22: a cached catalog search spent 23% of the engine's CPU
 * in Jackson, re-reading what Redis held).
 *
 * <p>Its keys are the Redis keys ({@link CatalogService#keyPrefix}), which name the catalog version and a hash of
 * that version's content, and a version's rows are immutable. So an entry can never be stale: a new version is
 * read under new keys. Nothing is invalidated, on this replica or on any other, and the staleness window is zero,
 * also for the decisions that read the catalog (a submission's tier, a fulfilment's delivery rule).
 *
 * <p>An entry lives no longer than the same read would in Redis ({@code oncopay.catalog.cache-ttl}). The memory is
 * bounded by the total length of the keys and the JSON the entries were made from ({@code oncopay.catalog.near-cache-max-chars},
 * 0 turns the cache off): when a new entry would pass the bound the expired entries go, and if that is not enough,
 * all of them (the popular ones come back on their next read). Values must be immutable: callers share them.
 */
final class NearCatalogCache {
    private record Entry(Object value, int weight, long expiresAtNanos) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    private final long maxWeight;
    private final long ttlNanos;
    private final LongSupplier nanos;

    NearCatalogCache(long maxWeight, long ttlNanos, LongSupplier nanos) {
        this.maxWeight = maxWeight;
        this.ttlNanos = ttlNanos;
        this.nanos = nanos;
    }

    /** The value kept under {@code key}, or null when there is none, it has expired or it is of another type. */
    <T> T get(String key, Class<T> type) {
        Entry e = entries.get(key);
        if (e == null) return null;
        if (nanos.getAsLong() - e.expiresAtNanos() >= 0) {
            drop(key, e);
            return null;
        }
        return type.isInstance(e.value()) ? type.cast(e.value()) : null;
    }

    /** Keeps {@code value} under {@code key}; {@code weight} is the length of its key and its JSON. */
    void put(String key, Object value, int weight) {
        if (weight > maxWeight) return; // also: the cache is off
        long now = nanos.getAsLong();
        if (this.weight.get() + weight > maxWeight) {
            entries.forEach((k, e) -> {
                if (now - e.expiresAtNanos() >= 0) drop(k, e);
            });
            if (this.weight.get() + weight > maxWeight) entries.forEach(this::drop);
        }
        Entry added = new Entry(value, weight, now + ttlNanos);
        Entry old = entries.put(key, added);
        this.weight.addAndGet(weight - (old == null ? 0 : old.weight()));
    }

    /** The total weight of the entries kept (the length of their keys and JSON). */
    long weight() {
        return weight.get();
    }

    int size() {
        return entries.size();
    }

    private void drop(String key, Entry e) {
        if (entries.remove(key, e)) weight.addAndGet(-e.weight());
    }
}
