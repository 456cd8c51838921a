/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.RateLimitedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * When and how a failed call is repeated: bounded exponential back-off with jitter. Queries are
 * retried when {@link #retryOn()} accepts the failure; a reply is retried only with the same
 * idempotency key (the client guarantees it).
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff the wait before the second attempt
 * @param maxBackoff the longest wait between attempts
 * @param multiplier growth of the wait per attempt, at least 1
 * @param jitter the random share of each wait, 0 (none) to 1 (all of it)
 * @param retryOn which failures may be repeated; by default those marked {@link ComplaintException#isRetryable()}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
        double jitter, Predicate<ComplaintException> retryOn) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1");
        }
        Objects.requireNonNull(retryOn, "retryOn");
    }

    /** @return 3 attempts, 200 ms doubling to at most 5 s, 20% jitter, on retryable failures */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0, 0.2, ComplaintException::isRetryable);
    }

    /** @return a single attempt, never repeated */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0, e -> false);
    }

    /**
     * @param attempts total attempts
     * @return a copy with that many attempts
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter, retryOn);
    }

    /**
     * @param initial first wait
     * @param max longest wait
     * @return a copy with those waits
     */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, retryOn);
    }

    /**
     * The wait before attempt {@code attempt + 1}, after {@code failure} on attempt {@code attempt}.
     * A throttling answer that says how long to wait is honoured (capped by {@link #maxBackoff()}).
     *
     * @param attempt the attempt that failed, from 1
     * @param failure its failure
     * @return how long to wait
     */
    public Duration backoff(int attempt, ComplaintException failure) {
        double base = (double) initialBackoff.toMillis() * Math.pow(multiplier, attempt - 1);
        if (failure instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
            Duration asked = limited.retryAfter().get();
            // compared before converting: a huge Retry-After would overflow toMillis()
            base = Math.max(base, (double) (asked.compareTo(maxBackoff) > 0 ? maxBackoff.toMillis() : asked.toMillis()));
        }
        base = Math.min(base, (double) maxBackoff.toMillis());
        double spread = base * jitter;
        double millis = base - spread + (spread == 0 ? 0 : ThreadLocalRandom.current().nextDouble(spread * 2));
        return Duration.ofMillis(Math.max(0, Math.round(Math.min(millis, (double) maxBackoff.toMillis()))));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + "]";
    }
}
