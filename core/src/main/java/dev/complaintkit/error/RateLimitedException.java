/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.time.Duration;
import java.util.Optional;

/** The provider throttled the call. Always retryable, after {@link #retryAfter()} when known. */
public class RateLimitedException extends ProviderException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param providerId the provider that throttled
     * @param code its code (e.g. {@code 2053}, {@code 429})
     * @param providerMessage its message
     * @param retryAfter how long to wait, or {@code null} when unknown
     */
    public RateLimitedException(String providerId, String code, String providerMessage, Duration retryAfter) {
        super(providerId, code, providerMessage, true);
        this.retryAfter = retryAfter;
    }

    /** @return how long the provider asked to wait, when it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
