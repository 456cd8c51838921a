/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.internal.shared.InJvmPermitSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Hands out call permits under a provider's rate budgets: "at most {@code permits} calls in
 * <em>any</em> window of length {@code window}" per provider, account and endpoint. Every instance of
 * a back end that shares one source (e.g. on Redis) stays within the budget together; the in-JVM
 * default serves one JVM. Implementations are thread-safe and never block: the provider decides how
 * long to wait.
 */
public interface PermitSource {

    /**
     * Takes one permit when the budget has room now.
     *
     * @param budget the budget to take it from
     * @return {@link Duration#ZERO} when the permit was taken; otherwise how long until one may be
     *     free (nothing was taken)
     * @throws dev.complaintkit.error.ComplaintException when the source cannot decide (e.g. its store is
     *     unreachable and it is configured to fail closed)
     */
    Duration tryAcquire(Budget budget);

    /** @return a new in-JVM source on the system clock (exact sliding windows) */
    static PermitSource inJvm() {
        return new InJvmPermitSource(Clock.systemUTC());
    }

    /**
     * @param clock the clock windows are measured on
     * @return a new in-JVM source
     */
    static PermitSource inJvm(Clock clock) {
        return new InJvmPermitSource(clock);
    }

    /**
     * One rate budget.
     *
     * @param provider the provider id
     * @param account the account the provider counts by (an app id, a merchant id)
     * @param endpoint the operation or endpoint the budget covers
     * @param permits calls allowed in any window
     * @param window the window's length
     */
    record Budget(String provider, String account, String endpoint, int permits, Duration window) {
        public Budget {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(window, "window");
            if (permits < 1) {
                throw new IllegalArgumentException("permits must be positive (was " + permits + ")");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive (was " + window + ")");
            }
        }

        /** @return {@code provider:account:endpoint}, the budget's identity in a shared store */
        public String key() {
            return provider + ':' + account + ':' + endpoint;
        }
    }
}
