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

    /**
     * Takes one <em>held</em> permit when the budget has room now: it counts against the window from
     * now until {@code window} after it is {@linkplain Permit#release() released} (when the exchange it
     * was taken for has ended). That is what keeps the calls the provider's <em>server</em> sees within
     * the budget, however long a request spends between its grant and its arrival: two requests
     * {@code permits} apart in grant order arrive at least one window apart. A permit never released
     * (a process that died mid-call) counts as released {@link #MAX_HOLD} after its grant.
     *
     * <p>The default, for sources that cannot hold, takes a {@link #tryAcquire} permit (counted from the
     * grant) and releases nothing; the in-JVM and the Redis sources hold.
     *
     * @param budget the budget to take it from
     * @return the permit, or how long until one may be free (nothing was taken)
     * @throws dev.complaintkit.error.ComplaintException when the source cannot decide
     */
    default Attempt tryHold(Budget budget) {
        Duration wait = tryAcquire(budget);
        return wait.isZero() || wait.isNegative() ? Attempt.granted(Permit.NONE) : Attempt.waitFor(wait);
    }

    /** How long an unreleased held permit counts as in flight before it counts as released. */
    Duration MAX_HOLD = Duration.ofMinutes(5);

    /** A held permit: release it once, when the exchange it was taken for has ended. */
    @FunctionalInterface
    interface Permit extends AutoCloseable {
        /** A permit with nothing to release. */
        Permit NONE = () -> { };

        /** Starts the permit's last window now. Idempotent; never throws. */
        void release();

        /** Same as {@link #release()}. */
        @Override
        default void close() {
            release();
        }
    }

    /**
     * The outcome of {@link #tryHold}.
     *
     * @param permit the permit taken, or {@code null} when none was
     * @param retryAfter {@link Duration#ZERO} when a permit was taken, else how long until one may be free
     */
    record Attempt(Permit permit, Duration retryAfter) {
        public Attempt {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        /** @param permit the permit taken @return a granted attempt */
        public static Attempt granted(Permit permit) {
            return new Attempt(Objects.requireNonNull(permit, "permit"), Duration.ZERO);
        }

        /** @param wait how long until a permit may be free @return a refused attempt */
        public static Attempt waitFor(Duration wait) {
            return new Attempt(null, wait);
        }

        /** @return whether a permit was taken */
        public boolean granted() {
            return permit != null;
        }
    }

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
