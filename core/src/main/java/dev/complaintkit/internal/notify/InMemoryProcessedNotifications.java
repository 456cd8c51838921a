/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.notify;

import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.annotation.InternalApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM {@link ProcessedNotifications}: a concurrent map of key to expiry. Expired entries are
 * dropped when the map passes its capacity; if it is still full, the entries closest to expiry go
 * first (down to 90% of the capacity), so memory stays bounded whatever a sender does.
 */
@InternalApi
public final class InMemoryProcessedNotifications implements ProcessedNotifications {
    /** Entries kept at most by default. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();

    /**
     * @param clock expires entries
     * @param capacity the most entries kept
     */
    public InMemoryProcessedNotifications(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public boolean markIfAbsent(String key, Duration ttl) {
        long now = clock.millis();
        long until = now + Math.min(ttl.toMillis(), Duration.ofDays(365).toMillis());
        boolean[] fresh = {false};
        expiries.compute(key, (k, old) -> {
            if (old == null || old <= now) {
                fresh[0] = true;
                return until;
            }
            return old;
        });
        if (fresh[0] && expiries.size() > capacity) {
            evict(now);
        }
        return fresh[0];
    }

    /**
     * Drops expired entries, then, if still over capacity, the entries closest to expiry down to 90%
     * of the capacity: one sort per tenth of the capacity inserted, not one scan per insert.
     */
    private synchronized void evict(long now) {
        if (expiries.size() <= capacity) {
            return; // another thread evicted already
        }
        expiries.values().removeIf(expiry -> expiry <= now);
        int target = Math.max(1, capacity - capacity / 10);
        if (expiries.size() <= target) {
            return;
        }
        List<Map.Entry<String, Long>> byExpiry = new ArrayList<>(expiries.entrySet());
        byExpiry.sort(Map.Entry.comparingByValue());
        for (int k = 0, excess = expiries.size() - target; k < excess; k++) {
            expiries.remove(byExpiry.get(k).getKey(), byExpiry.get(k).getValue());
        }
    }

    /** @return how many keys are remembered now */
    public int size() {
        return expiries.size();
    }

    @Override
    public String toString() {
        return "InMemoryProcessedNotifications[" + expiries.size() + " of " + capacity + "]";
    }
}
