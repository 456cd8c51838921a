/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.support.HttpAnswers;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Answers a hostile or broken server may send, through the whole client: each ends typed, and small. */
class XiaoeHostileAnswerTest {
    private static final PageRequest FIRST = PageRequest.first(10);
    /** 168 bytes: one row whose complaint_id is a number with a tiny exponent. */
    private static final String TINY_ID_ANSWER = "{\"code\":0,\"msg\":\"success\",\"data\":{\"list\":[{\"complaint_id\":1e-999999999,"
            + "\"complaint_time\":\"2024-04-19 11:25:19\",\"state\":0,\"channel_type\":1,\"time_limit\":7200}],\"total\":1}}";

    private XiaoeSimulator sim;
    private ComplaintClient client;

    @AfterEach
    void stop() {
        TestClients.closeAll(client, sim);
    }

    private void start(XiaoeSimulator.Builder builder, RetryPolicy policy) {
        sim = builder.build().start();
        client = Complaints.builder().config(TestClients.config(sim).build()).retryPolicy(policy).build();
    }

    private long tokenRequests() {
        return sim.requests().stream().map(RecordedRequest::path).filter(XiaoeSimulator.TOKEN_PATH::equals).count();
    }

    @Test
    @DisplayName("a 168-byte answer with complaint_id 1e-999999999 gives the complaint id '1E-999999999', not an OutOfMemoryError")
    void tinyExponentIdKeptAsShortText() {
        assertThat(TINY_ID_ANSWER.getBytes(StandardCharsets.UTF_8)).hasSize(168);
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()), RetryPolicy.none());
        client.complaintsPage(ComplaintFilter.all(), FIRST); // the token first: the scripted answer is the list call's
        sim.enqueue(ScriptedResponse.json(200, TINY_ID_ANSWER));

        Page<Complaint> page = client.complaintsPage(ComplaintFilter.all(), FIRST);

        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).id().value()).isEqualTo("1E-999999999").hasSizeLessThan(TINY_ID_ANSWER.length());
        assertThat(page.items().get(0).extra()).containsEntry("time_limit", "7200");
    }

    @Test
    @DisplayName("the simulator's tiny-exponent fault (1e-999999999 in every scalar of data) ends in a typed INVALID_RESPONSE")
    void tinyExponentsEverywhereTyped() {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()), RetryPolicy.none());
        client.complaintsPage(ComplaintFilter.all(), FIRST);
        sim.inject(Fault.TINY_EXPONENT_NUMBERS);

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                .hasMessageContaining("complaint_time").hasMessageContaining("1E-999999999");
        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);
    }

    @Test
    @DisplayName("a token answer of tiny exponents gives a token Xiaoe refuses, which is renewed once: the call succeeds")
    void tinyExponentTokenAnswerRenewed() {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()), RetryPolicy.none());
        sim.inject(Fault.TINY_EXPONENT_NUMBERS); // the first request is the token request

        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);

        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    @DisplayName("a server that ignores page_size and sends more rows than asked is refused with a typed INVALID_RESPONSE")
    void oversizedPageRefused() {
        start(XiaoeSimulator.builder().store(ComplaintStore.create().seed(30, 0)), RetryPolicy.none());
        client.complaintsPage(ComplaintFilter.all(), FIRST);
        sim.inject(Fault.OVERSIZED_PAGE);

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                .hasMessageContaining("more than the 10 rows asked for");
        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(10);
    }

    @Test
    @DisplayName("expires_in = 2^63-1 is cut to a week: the token is used, no ArithmeticException")
    void hugeExpiresInClamped() {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).tokenLifetime(Duration.ofSeconds(Long.MAX_VALUE)),
                RetryPolicy.none());

        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);
        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);

        assertThat(sim.tokenRequestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("Retry-After = 2^63-1 on HTTP 429 never overflows: a RateLimitedException with a bounded wait, also after the retry policy's wait")
    void hugeRetryAfterClamped() {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()),
                RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));
        client.complaintsPage(ComplaintFilter.all(), FIRST);
        for (int i = 0; i < 2; i++) {
            sim.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8)
                    .withHeader("Retry-After", Long.toString(Long.MAX_VALUE)));
        }

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter().orElseThrow())
                        .isPositive().isLessThanOrEqualTo(HttpAnswers.MAX_RETRY_AFTER));
    }

    @Test
    @DisplayName("Retry-After of two hours on HTTP 429 is cut to core's longest honoured wait")
    void longRetryAfterCutToCoresCap() {
        start(XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()), RetryPolicy.none());
        client.complaintsPage(ComplaintFilter.all(), FIRST);
        sim.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8).withHeader("Retry-After", "7200"));

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(HttpAnswers.MAX_RETRY_AFTER));
    }
}
