/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.port.HttpTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HttpAnswers, the status rules every provider shares")
class HttpAnswersTest {
    private static HttpTransport.Response response(int status, Map<String, List<String>> headers) {
        return new HttpTransport.Response(status, headers, new byte[0]);
    }

    @Test
    @DisplayName("408, 429 and 5xx are retryable, other statuses are not, each with code HTTP_<status>")
    void retryableStatuses() {
        for (int status : new int[] {408, 500, 502, 503, 504}) {
            ComplaintException e = HttpAnswers.statusError("demo", response(status, Map.of()), "list", null);
            assertThat(e).isInstanceOf(ProviderException.class);
            assertThat(((ProviderException) e).code()).isEqualTo("HTTP_" + status);
            assertThat(e.isRetryable()).as("HTTP %d", status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404}) {
            assertThat(HttpAnswers.statusError("demo", response(status, Map.of()), "list", null).isRetryable()).isFalse();
        }
    }

    @Test
    @DisplayName("a 429's Retry-After is honoured in seconds and as an HTTP date, and capped")
    void retryAfter() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(HttpAnswers.retryAfter(response(429, Map.of("Retry-After", List.of("7"))), now)).contains(Duration.ofSeconds(7));
        assertThat(HttpAnswers.retryAfter(response(429, Map.of("Retry-After", List.of("Thu, 01 Jan 2026 00:00:30 GMT"))), now))
                .contains(Duration.ofSeconds(30));
        assertThat(HttpAnswers.retryAfter(response(429, Map.of("Retry-After", List.of("99999999"))), now))
                .contains(HttpAnswers.MAX_RETRY_AFTER);
        assertThat(HttpAnswers.retryAfter(response(429, Map.of("Retry-After", List.of("soon"))), now)).isEmpty();
        ComplaintException e = HttpAnswers.statusError("demo", response(429, Map.of("Retry-After", List.of("3"))), "list",
                Duration.ofSeconds(10));
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(3)));
    }

    @Test
    @DisplayName("not-the-envelope is one non-retryable code for every provider")
    void notEnvelope() {
        ProviderException e = HttpAnswers.notEnvelope("demo", "the answer is not JSON");
        assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE).isEqualTo("INVALID_RESPONSE");
        assertThat(e.isRetryable()).isFalse();
    }
}
