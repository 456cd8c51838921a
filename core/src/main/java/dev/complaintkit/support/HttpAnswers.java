/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import dev.complaintkit.annotation.ProtectedApi;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.port.HttpTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The rules every provider's answers share, written once: which HTTP statuses are errors and
 * which of those are worth repeating, how {@code Retry-After} is read, and the one code for "not
 * the provider's envelope" ({@link ProviderException#INVALID_RESPONSE}).
 *
 * <ul>
 *   <li>2xx: not an error here (the provider's envelope decides);
 *   <li>429: a {@link RateLimitedException}, waiting {@code Retry-After} (seconds or an HTTP date)
 *       when sent, else the provider's own fallback;
 *   <li>408 and 5xx: a retryable {@link ProviderException} with code {@code HTTP_<status>};
 *   <li>any other status: a non-retryable one.
 * </ul>
 */
@ProtectedApi
public final class HttpAnswers {
    /** The longest {@code Retry-After} honoured; a longer one is cut to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private HttpAnswers() {}

    /**
     * @param status an HTTP status
     * @return whether it is 2xx
     */
    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * @param status an HTTP status
     * @return whether an error with it is worth repeating: 408, 429 and 5xx
     */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The error for a non-2xx answer that carries no provider envelope (or whose envelope the
     * provider does not use for errors).
     *
     * @param providerId the provider
     * @param response the answer
     * @param what what was asked, for the message (never a secret)
     * @param fallbackWait how long to wait after a 429 without {@code Retry-After}, or {@code null}
     * @return the error to throw
     */
    public static ComplaintException statusError(String providerId, HttpTransport.Response response, String what,
            Duration fallbackWait) {
        int status = response.status();
        String message = what + " answered HTTP " + status;
        if (status == 429) {
            return new RateLimitedException(providerId, "HTTP_429", message, retryAfter(response, Instant.now()).orElse(fallbackWait));
        }
        return new ProviderException(providerId, "HTTP_" + status, message, isRetryable(status));
    }

    /**
     * @param response an answer
     * @param now the current time, for an HTTP-date value
     * @return the wait its {@code Retry-After} asks for (delay-seconds or an HTTP date), at most
     *     {@link #MAX_RETRY_AFTER}; empty when absent or unreadable
     */
    public static Optional<Duration> retryAfter(HttpTransport.Response response, Instant now) {
        Optional<String> header = response.header("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        Duration wait;
        if (!v.isEmpty() && v.length() <= 12 && v.chars().allMatch(Character::isDigit)) {
            wait = Duration.ofSeconds(Long.parseLong(v));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
            if (wait.isNegative()) {
                wait = Duration.ZERO;
            }
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    /**
     * @param providerId the provider
     * @param what what is wrong with the answer (never a secret)
     * @return a non-retryable error with code {@link ProviderException#INVALID_RESPONSE}
     */
    public static ProviderException notEnvelope(String providerId, String what) {
        return new ProviderException(providerId, ProviderException.INVALID_RESPONSE, what, false);
    }

    /**
     * @param providerId the provider
     * @param what what is wrong with the answer
     * @param cause the parse failure
     * @return a non-retryable error with code {@link ProviderException#INVALID_RESPONSE}
     */
    public static ProviderException notEnvelope(String providerId, String what, Throwable cause) {
        return new ProviderException(providerId, ProviderException.INVALID_RESPONSE, what, false, cause);
    }
}
