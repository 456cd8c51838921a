/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.internal.notify.InMemoryProcessedNotifications;
import java.time.Clock;
import java.time.Duration;

/**
 * Remembers which notification deliveries were processed, so a provider's re-delivery of the same
 * event (WeChat Pay retries for a day or more) is recognised. The client marks an event when it
 * first accepts it; a later delivery with the same key is a {@code Duplicate}. The in-memory
 * default serves one JVM; several instances of one back end share a store (e.g. on Redis).
 */
public interface ProcessedNotifications {
    /** How long an event id is remembered by default: 25 hours (longer than WeChat Pay's 24-hour retries). */
    Duration DEFAULT_TTL = Duration.ofHours(25);

    /**
     * Marks a key as processed unless it already is (set-if-absent, atomic).
     *
     * @param key the provider id and event id
     * @param ttl how long to remember it
     * @return {@code true} when the key was new (process the event), {@code false} when it was seen
     */
    boolean markIfAbsent(String key, Duration ttl);

    /** @return an in-memory store on the system clock, bounded in size */
    static ProcessedNotifications inMemory() {
        return new InMemoryProcessedNotifications(Clock.systemUTC(), InMemoryProcessedNotifications.DEFAULT_CAPACITY);
    }

    /**
     * @param clock the clock that expires entries
     * @return an in-memory store on that clock
     */
    static ProcessedNotifications inMemory(Clock clock) {
        return new InMemoryProcessedNotifications(clock, InMemoryProcessedNotifications.DEFAULT_CAPACITY);
    }
}
