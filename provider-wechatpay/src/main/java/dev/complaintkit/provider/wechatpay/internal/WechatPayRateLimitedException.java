/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.RateLimitedException;
import java.time.Duration;
import java.util.Objects;

/**
 * WeChat Pay throttled the call (HTTP 429, {@code FREQUENCY_LIMITED} or {@code RATELIMIT_EXCEEDED}):
 * a {@link RateLimitedException} (always retryable) that also keeps the status, {@code detail} and
 * {@code Request-ID} in {@link #error()}.
 */
public class WechatPayRateLimitedException extends RateLimitedException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorBody error;

    /**
     * @param error what the answer said
     * @param retryAfter the {@code Retry-After} the answer gave, or {@code null}
     */
    public WechatPayRateLimitedException(ErrorBody error, Duration retryAfter) {
        super(WechatPayWire.PROVIDER, error.code(), error.message(), retryAfter);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** @return the status, code, message, detail and Request-ID of the answer */
    public ErrorBody error() {
        return error;
    }

    /** @return the provider error, then the HTTP status and {@code Request-ID} */
    @Override
    public String getMessage() {
        return super.getMessage() + error.suffix();
    }
}
