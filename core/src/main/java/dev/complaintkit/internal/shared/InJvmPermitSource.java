/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.shared;

import dev.complaintkit.PermitSource;
import dev.complaintkit.annotation.InternalApi;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-JVM {@link PermitSource}: per budget, the times of the permits granted within the last
 * window (at most {@code permits} of them), so the budget holds in every sliding window exactly.
 */
@InternalApi
public final class InJvmPermitSource implements PermitSource {
    private final Clock clock;
    /** per budget: one slot a permit counting in the window, holding when its window starts (a held permit: its grant + MAX_HOLD until released) */
    private final ConcurrentHashMap<String, ArrayList<long[]>> slots = new ConcurrentHashMap<>();

    /** @param clock the clock windows are measured on */
    public InJvmPermitSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Duration tryAcquire(Budget budget) {
        Attempt a = take(budget, false);
        return a.retryAfter();
    }

    @Override
    public Attempt tryHold(Budget budget) {
        return take(budget, true);
    }

    private Attempt take(Budget budget, boolean held) {
        ArrayList<long[]> log = slots.computeIfAbsent(budget.key(), k -> new ArrayList<>());
        long window = budget.window().toMillis();
        synchronized (log) {
            long now = clock.millis();
            log.removeIf(slot -> slot[0] <= now - window);
            if (log.size() > budget.permits()) { // a smaller budget for the same key than before: drop the oldest
                log.sort((x, y) -> Long.compare(x[0], y[0]));
                log.subList(0, log.size() - budget.permits()).clear();
            }
            if (log.size() < budget.permits()) {
                if (!held) {
                    log.add(new long[] {now});
                    return Attempt.granted(Permit.NONE);
                }
                long[] slot = {now + PermitSource.MAX_HOLD.toMillis()};
                log.add(slot);
                AtomicBoolean released = new AtomicBoolean();
                return Attempt.granted(() -> {
                    if (released.compareAndSet(false, true)) {
                        synchronized (log) {
                            slot[0] = Math.min(slot[0], clock.millis());
                        }
                    }
                });
            }
            long oldest = Long.MAX_VALUE;
            for (long[] slot : log) {
                oldest = Math.min(oldest, slot[0]);
            }
            // every slot in flight: poll, one of them may be released any moment
            long wait = oldest > now ? HELD_POLL_MILLIS : oldest + window - now + 1;
            return Attempt.waitFor(Duration.ofMillis(Math.max(1, wait)));
        }
    }

    /** How long to wait when every permit of a budget is held by a call still in flight. */
    static final long HELD_POLL_MILLIS = 10;

    @Override
    public String toString() {
        return "InJvmPermitSource[" + slots.size() + " budgets]";
    }
}
