/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.usecase;

import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.TransportException;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs a call under a {@link RetryPolicy}, translating anything unexpected into the error model. */
final class Retrier {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.retry");

    private final String providerId;
    private final RetryPolicy policy;

    Retrier(String providerId, RetryPolicy policy) {
        this.providerId = providerId;
        this.policy = policy;
    }

    <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            ComplaintException failure;
            try {
                return call.get();
            } catch (ComplaintException e) {
                failure = e;
            } catch (RuntimeException e) {
                // a provider bug must still surface as a ComplaintException, never a raw NPE
                throw new ComplaintException("[" + providerId + "] " + operation + " failed unexpectedly: "
                        + e.getClass().getName(), e, false);
            }
            if (attempt >= policy.maxAttempts() || !policy.retryOn().test(failure)) {
                throw failure;
            }
            Duration wait = policy.backoff(attempt, failure);
            int failedAttempt = attempt;
            ComplaintException logged = failure;
            LOG.log(System.Logger.Level.DEBUG, () -> "[" + providerId + "] " + operation + " attempt " + failedAttempt
                    + " failed (" + logged.getClass().getSimpleName() + "); retrying in " + wait.toMillis() + " ms");
            sleep(wait);
        }
    }

    static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while backing off before a retry", e, false);
        }
    }
}
