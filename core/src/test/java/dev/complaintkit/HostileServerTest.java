/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Hostile servers and settings")
class HostileServerTest {
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private static TestProviders.Scripted provider() {
        return new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class));
    }

    private static ComplaintClient client(TestProviders.Scripted p) {
        return Complaints.builder().provider(p).retryPolicy(FAST).build();
    }

    private static List<NegotiationEntry> entries(long from, int n) {
        return IntStream.range(0, n).mapToObj(i -> TestProviders.entry((int) from + i)).toList();
    }

    @Nested
    @DisplayName("a server that ignores the paging")
    class Paging {
        @Test
        @DisplayName("a page with more items than asked for is refused as an invalid answer")
        void pageLargerThanRequestedIsRefused() {
            TestProviders.Scripted p = provider();
            p.historyAnswer = page -> new Page<>(entries(page.offset(), page.size() + 1), page, OptionalLong.empty());
            assertThatThrownBy(() -> client(p).history(ComplaintId.of("c1"), 10).toList())
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("returned 11 items for a page of at most 10");
                    });
        }

        @Test
        @DisplayName("a server that returns the same full page for every offset ends the stream with an error, not endless duplicates")
        void repeatedPagesStopTheStream() {
            TestProviders.Scripted p = provider();
            p.historyAnswer = page -> new Page<>(entries(0, page.size()), page, OptionalLong.empty());
            assertThatThrownBy(() -> client(p).history(ComplaintId.of("c1"), 10).toList())
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE);
                        assertThat(e.getMessage()).contains("same 10 items for offset 10");
                    });
            assertThat(p.historyFetches).as("stopped at the first repeat").hasSize(2);
        }

        @Test
        @DisplayName("a page that goes past the reported total is refused")
        void pagePastTheTotalIsRefused() {
            TestProviders.Scripted p = provider();
            p.historyAnswer = page -> new Page<>(entries(page.offset(), page.size()), page, OptionalLong.of(5));
            assertThatThrownBy(() -> client(p).history(ComplaintId.of("c1"), 10).toList())
                    .isInstanceOfSatisfying(ProviderException.class,
                            e -> assertThat(e.getMessage()).contains("of a reported total of 5"));
        }

        @Test
        @DisplayName("an honest server still streams every row (the checks cost nothing there)")
        void honestServerStreamsEverything() {
            TestProviders.Scripted p = provider();
            p.historyEntries = 95;
            assertThat(client(p).history(ComplaintId.of("c1"), 10).count()).isEqualTo(95);
        }
    }

    @Nested
    @DisplayName("settings that would overflow")
    class Overflow {
        @Test
        @DisplayName("a 400-year request time-out is a configuration violation at build time, not an ArithmeticException later")
        void hugeTimeoutIsAViolation() {
            assertThatThrownBy(() -> Complaints.builder().provider(provider())
                    .requestTimeout(Duration.ofDays(400L * 365)).build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.violations()).singleElement()
                                .satisfies(v -> assertThat(v.field()).isEqualTo("requestTimeout"));
                        assertThat(e.getMessage()).contains("at most PT1H");
                    });
        }

        @Test
        @DisplayName("a provider that throws a raw runtime exception while creating its client surfaces as a ConfigurationException without the exception's message")
        void providerBugAtCreationIsTyped() {
            TestProviders.Scripted p = new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class)) {
                @Override
                public ProviderAdapter create(TestProviders.NoConfig config, ProviderContext context) {
                    throw new ArithmeticException("long overflow near s3cr3t");
                }
            };
            assertThatThrownBy(() -> Complaints.builder().provider(p).build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.getMessage()).contains("java.lang.ArithmeticException").doesNotContain("s3cr3t");
                        assertThat(e.getCause()).isNotNull();
                        assertThat(e.getCause().getMessage()).doesNotContain("s3cr3t");
                        assertThat(e.getCause().getStackTrace()).isNotEmpty();
                    });
        }

        @Test
        @DisplayName("a provider that throws a raw runtime exception while reading properties surfaces as a ConfigurationException")
        void providerBugInPropertiesIsTyped() {
            TestProviders.Scripted p = new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class)) {
                @Override
                public TestProviders.NoConfig configFromProperties(java.util.Map<String, String> properties) {
                    throw new NumberFormatException("For input string: \"99999999999999999999\"");
                }
            };
            assertThatThrownBy(() -> Complaints.builder().provider(p).properties(java.util.Map.of()).build())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("failed to read its settings");
        }
    }

    @Test
    @DisplayName("a throttling answer asking for 2^63-1 seconds is waited at most the policy's longest back-off, not overflowed")
    void hugeRetryAfterIsCapped() {
        RetryPolicy policy = RetryPolicy.defaults();
        Duration wait = policy.backoff(1, new dev.complaintkit.error.RateLimitedException("x", "429", "slow down",
                Duration.ofSeconds(Long.MAX_VALUE)));
        assertThat(wait).isLessThanOrEqualTo(policy.maxBackoff());
    }
}
