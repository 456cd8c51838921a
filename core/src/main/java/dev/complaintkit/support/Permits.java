/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import dev.complaintkit.PermitSource;
import dev.complaintkit.annotation.ProtectedApi;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.TransportException;
import java.time.Duration;

/**
 * Waits for a permit of a {@link PermitSource}: how providers keep their client-side budgets,
 * waiting rather than failing, up to a bound.
 */
@ProtectedApi
public final class Permits {
    private Permits() {}

    /**
     * Takes one permit, sleeping while the budget is exhausted.
     *
     * @param source the permit source (in-JVM or shared)
     * @param budget the budget
     * @param maxWait the longest total wait
     * @throws RateLimitedException (code {@code CLIENT_RATE_LIMIT}, retryable) when no permit frees
     *     within {@code maxWait}; nothing was sent
     * @throws TransportException (not sent) when interrupted while waiting
     */
    public static void acquire(PermitSource source, PermitSource.Budget budget, Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Duration wait = source.tryAcquire(budget);
            if (wait.isZero() || wait.isNegative()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (wait.toNanos() > left) {
                throw new RateLimitedException(budget.provider(), "CLIENT_RATE_LIMIT", "the " + budget.endpoint()
                        + " budget of " + budget.permits() + " calls per " + budget.window() + " is used up and no permit "
                        + "frees within " + maxWait + "; nothing was sent", wait);
            }
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TransportException.notSent("interrupted while waiting for a " + budget.endpoint() + " permit", e, false);
            }
        }
    }
}
