/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.shared;

import dev.complaintkit.PermitSource;
import dev.complaintkit.annotation.InternalApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM {@link PermitSource}: per budget, the times of the permits granted within the last
 * window (at most {@code permits} of them), so the budget holds in every sliding window exactly.
 */
@InternalApi
public final class InJvmPermitSource implements PermitSource {
    private final Clock clock;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> grants = new ConcurrentHashMap<>();

    /** @param clock the clock windows are measured on */
    public InJvmPermitSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Duration tryAcquire(Budget budget) {
        ArrayDeque<Long> times = grants.computeIfAbsent(budget.key(), k -> new ArrayDeque<>());
        long window = budget.window().toMillis();
        synchronized (times) {
            long now = clock.millis();
            while (!times.isEmpty() && times.peekFirst() <= now - window) {
                times.pollFirst();
            }
            while (times.size() > budget.permits()) { // a smaller budget for the same key than before
                times.pollFirst();
            }
            if (times.size() < budget.permits()) {
                times.addLast(now);
                return Duration.ZERO;
            }
            return Duration.ofMillis(Math.max(1, times.peekFirst() + window - now + 1));
        }
    }

    @Override
    public String toString() {
        return "InJvmPermitSource[" + grants.size() + " budgets]";
    }
}
