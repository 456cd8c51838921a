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
        take(source, budget, maxWait, false);
    }

    /**
     * Takes one held permit ({@link PermitSource#tryHold}), sleeping while the budget is exhausted:
     * close it when the exchange has ended, so that its window starts then.
     *
     * @param source the permit source (in-JVM or shared)
     * @param budget the budget
     * @param maxWait the longest total wait
     * @return the permit
     * @throws RateLimitedException (code {@code CLIENT_RATE_LIMIT}, retryable) when no permit frees
     *     within {@code maxWait}; nothing was sent
     * @throws TransportException (not sent) when interrupted while waiting
     */
    public static PermitSource.Permit hold(PermitSource source, PermitSource.Budget budget, Duration maxWait) {
        return take(source, budget, maxWait, true);
    }

    private static PermitSource.Permit take(PermitSource source, PermitSource.Budget budget, Duration maxWait, boolean held) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            PermitSource.Permit permit = PermitSource.Permit.NONE;
            Duration wait;
            if (held) {
                PermitSource.Attempt attempt = source.tryHold(budget);
                wait = attempt.retryAfter();
                if (attempt.granted()) {
                    return attempt.permit();
                }
            } else {
                wait = source.tryAcquire(budget);
            }
            if (wait.isZero() || wait.isNegative()) {
                return permit;
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
