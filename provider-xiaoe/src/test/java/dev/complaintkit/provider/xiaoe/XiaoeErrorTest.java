/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Xiaoe's error codes and broken answers, mapped onto the error model. */
class XiaoeErrorTest {
    /** Core's code for a client-side budget that is used up (every provider's; Xiaoe said LOCAL_LIMIT before). */
    private static final String CLIENT_RATE_LIMIT = "CLIENT_RATE_LIMIT";
    private static final PageRequest FIRST = PageRequest.first(10);

    private XiaoeSimulator sim;
    private ComplaintClient client;

    @AfterEach
    void stop() {
        TestClients.closeAll(client, sim);
    }

    private void start(RetryPolicy policy) {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
        client = Complaints.builder().config(TestClients.config(sim).build()).retryPolicy(policy).build();
    }

    private List<XiaoeSimulator.ApiCall> calls() {
        return sim.apiCalls();
    }

    @Nested
    @DisplayName("throttling")
    class Throttling {
        @Test
        @DisplayName("2053 injected: the query is retried after the back-off and succeeds")
        void retriedAfterBackoff() {
            start(RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
            client.complaintsPage(ComplaintFilter.all(), FIRST);
            sim.injectApiError(2053, "调用次数已达上限");

            assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);

            List<XiaoeSimulator.ApiCall> calls = calls();
            assertThat(calls).extracting(XiaoeSimulator.ApiCall::code).containsExactly(0, 2053, 0);
            // the wait honours Xiaoe's window (capped by maxBackoff, 1 s, less 20% jitter), not the 100 ms initial back-off
            assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }

        @Test
        @DisplayName("2053 and 2054 are RateLimitedException, retryable, waiting into the next 10-s window with jitter")
        void rateLimitedException() {
            start(RetryPolicy.none());
            for (int code : new int[] {2053, 2054}) {
                sim.injectApiError(code, "调用次数已达上限");

                assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                            assertThat(e.code()).isEqualTo(Integer.toString(code));
                            assertThat(e.providerId()).isEqualTo("xiaoe");
                            assertThat(e.isRetryable()).isTrue();
                            assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
                        });
            }
        }

        @Test
        @DisplayName("with no permit free within xiaoe.rate-limit-max-wait the call fails locally (CLIENT_RATE_LIMIT) and sends nothing")
        void localLimit() {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            client = Complaints.builder().config(TestClients.config(sim).rateLimit(2, Duration.ofSeconds(10))
                    .rateLimitMaxWait(Duration.ZERO).build()).retryPolicy(RetryPolicy.none()).build();
            client.complaintsPage(ComplaintFilter.all(), FIRST);
            client.complaintsPage(ComplaintFilter.all(), FIRST);

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.code()).isEqualTo(CLIENT_RATE_LIMIT);
                        assertThat(e.isRetryable()).isTrue();
                    });
            assertThat(calls()).hasSize(2);
        }

        @Test
        @DisplayName("the limiter is shared by every client of the app: two clients together get the app's quota")
        void sharedAcrossClients() {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            XiaoeConfig config = TestClients.config(sim).rateLimit(3, Duration.ofSeconds(30)).rateLimitMaxWait(Duration.ZERO).build();
            client = Complaints.builder().config(config).retryPolicy(RetryPolicy.none()).build();
            try (ComplaintClient second = Complaints.builder().config(config).retryPolicy(RetryPolicy.none()).build()) {
                client.complaintsPage(ComplaintFilter.all(), FIRST);
                second.complaintsPage(ComplaintFilter.all(), FIRST);
                client.complaintsPage(ComplaintFilter.all(), FIRST);

                assertThatThrownBy(() -> second.complaintsPage(ComplaintFilter.all(), FIRST))
                        .isInstanceOfSatisfying(RateLimitedException.class,
                                e -> assertThat(e.code()).isEqualTo(CLIENT_RATE_LIMIT));
            }
            assertThat(calls()).hasSize(3);
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {
        @ParameterizedTest(name = "{0}")
        @ValueSource(ints = {2001, 2002, 2003, 2004, 2005, 2017, 2051, 2052})
        @DisplayName("configuration codes are ConfigurationException with Xiaoe's code and message, not retried")
        void configurationCodes(int code) {
            start(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
            client.complaintsPage(ComplaintFilter.all(), FIRST);
            sim.injectApiError(code, "无此接口权限");

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(Integer.toString(code)).hasMessageContaining("无此接口权限");
            assertThat(calls()).hasSize(2);
        }

        @Test
        @DisplayName("2017 says what to do: grant the API permission")
        void permissionHint() {
            start(RetryPolicy.defaults());
            sim.injectApiError(2017, "无此接口权限");

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("投诉管理-查询");
            assertThat(calls()).hasSize(1);
        }

        @Test
        @DisplayName("1001 (busy) is retryable and succeeds on the retry")
        void busy() {
            start(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));
            sim.injectApiError(1001, "系统繁忙");

            assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);
            assertThat(calls()).extracting(XiaoeSimulator.ApiCall::code).containsExactly(1001, 0);
        }

        @Test
        @DisplayName("another code is a non-retryable ProviderException keeping code and message")
        void otherCodes() {
            start(RetryPolicy.defaults());
            sim.injectApiError(1002, "上游返回异常");

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("1002");
                        assertThat(e.providerMessage()).isEqualTo("上游返回异常");
                        assertThat(e.isRetryable()).isFalse();
                    });
            assertThat(calls()).hasSize(1);
        }
    }

    @Nested
    @DisplayName("broken answers")
    class Broken {
        private void primed() {
            start(RetryPolicy.none());
            client.complaintsPage(ComplaintFilter.all(), FIRST); // token in cache: scripts hit the list call
        }

        @Test
        @DisplayName("HTTP 500 without an envelope: retryable ProviderException with the status")
        void serverError() {
            primed();
            sim.enqueue(ScriptedResponse.text(500, "<html>Internal Server Error</html>", StandardCharsets.UTF_8));

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("HTTP_500");
                        assertThat(e.isRetryable()).isTrue();
                    });
        }

        @Test
        @DisplayName("HTTP 429 is a RateLimitedException honouring Retry-After")
        void tooManyRequests() {
            primed();
            sim.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8).withHeader("Retry-After", "3"));

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(RateLimitedException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
        }

        @Test
        @DisplayName("HTTP 429 with Retry-After as an HTTP date waits until that date")
        void tooManyRequestsUntilDate() {
            primed();
            String in60s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
            sim.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8).withHeader("Retry-After", in60s));

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter().orElseThrow())
                            .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
        }

        @Test
        @DisplayName("HTTP 429 without Retry-After waits into the next rate window, as Xiaoe's own throttling does")
        void tooManyRequestsWithoutRetryAfter() {
            primed();
            sim.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8));

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.code()).isEqualTo("HTTP_429");
                        assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(11));
                    });
        }

        @Test
        @DisplayName("HTTP 408 and 502 without an envelope are retryable ProviderExceptions with the status; 404 is not retryable")
        void otherStatuses() {
            primed();
            sim.enqueue(ScriptedResponse.text(408, "<html>Request Timeout</html>", StandardCharsets.UTF_8));
            sim.enqueue(ScriptedResponse.text(502, "<html>Bad Gateway</html>", StandardCharsets.UTF_8));
            sim.enqueue(ScriptedResponse.text(404, "<html>Not Found</html>", StandardCharsets.UTF_8));

            for (String code : List.of("HTTP_408", "HTTP_502", "HTTP_404")) {
                assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                        .isInstanceOfSatisfying(ProviderException.class, e -> {
                            assertThat(e.code()).isEqualTo(code);
                            assertThat(e.isRetryable()).isEqualTo(!code.equals("HTTP_404"));
                        });
            }
        }

        @Test
        @DisplayName("HTTP 403 with Xiaoe's envelope maps the code (2051: IP not whitelisted)")
        void errorStatusWithEnvelope() {
            primed();
            sim.enqueue(ScriptedResponse.json(403, "{\"code\":2051,\"msg\":\"IP不在白名单\",\"data\":null}"));

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("2051").hasMessageContaining("whitelist");
        }

        @Test
        @DisplayName("a 200 that is not JSON, or JSON without a code, is a ProviderException, never a raw exception")
        void notJson() {
            primed();
            sim.enqueue(ScriptedResponse.text(200, "<html>gateway</html>", StandardCharsets.UTF_8));
            sim.enqueue(ScriptedResponse.json(200, "{\"data\":{}}"));
            sim.enqueue(ScriptedResponse.json(200, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"list\":[{\"complaint_id\":\"x\"}]}}"));

            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE));
            }
        }

        @Test
        @DisplayName("a dropped connection or truncated body is a TransportException")
        void transport() {
            primed();
            sim.enqueue(ScriptedResponse.dropConnection());
            sim.enqueue(ScriptedResponse.truncateBody());

            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isRetryable()).isTrue());
            }
        }
    }
}
