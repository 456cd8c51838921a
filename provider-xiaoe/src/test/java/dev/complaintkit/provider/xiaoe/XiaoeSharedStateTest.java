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
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The token caches and rate limiters clients share: an explicit object, shared by default, injectable. */
class XiaoeSharedStateTest {
    /** Core's code for a client-side budget that is used up (every provider's; Xiaoe said LOCAL_LIMIT before). */
    private static final String CLIENT_RATE_LIMIT = "CLIENT_RATE_LIMIT";
    private static final PageRequest FIRST = PageRequest.first(10);
    private static final Duration WINDOW = Duration.ofSeconds(30);

    private XiaoeSimulator sim;

    @BeforeEach
    void start() {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private ComplaintClient client(XiaoeSharedState state, int limit, Duration window) {
        return Complaints.builder().config(TestClients.config(sim).sharedState(state).rateLimit(limit, window)
                .rateLimitMaxWait(Duration.ZERO).build()).retryPolicy(RetryPolicy.none()).build();
    }

    private void list(ComplaintClient client) {
        assertThat(client.complaintsPage(ComplaintFilter.all(), FIRST).items()).hasSize(2);
    }

    private static void assertLocalLimit(ComplaintClient client) {
        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.code()).isEqualTo(CLIENT_RATE_LIMIT));
    }

    @Test
    @DisplayName("the builder and properties use the JVM-wide state unless given another; null is a configuration error")
    void sharedByDefault() {
        Map<String, String> p = new HashMap<>();
        p.put("xiaoe.app-id", "app1");
        p.put("xiaoe.client-id", "c1");
        p.put("xiaoe.secret-key", "s1");

        assertThat(new XiaoeProvider().configFromProperties(p).sharedState()).isSameAs(XiaoeSharedState.shared());
        assertThat(TestClients.config(sim).build().sharedState()).isSameAs(XiaoeSharedState.shared());
        XiaoeSharedState own = XiaoeSharedState.create();
        assertThat(TestClients.config(sim).sharedState(own).build().sharedState()).isSameAs(own).isNotSameAs(XiaoeSharedState.create());
        assertThatThrownBy(() -> TestClients.config(sim).sharedState(null).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("xiaoe.shared-state"));
    }

    @Test
    @DisplayName("clients of one app in one state share a token and a limiter; a client of an isolated state shares neither")
    void isolatedStateSharesNothing() {
        XiaoeSharedState state = XiaoeSharedState.create();
        XiaoeSharedState other = XiaoeSharedState.create();
        try (ComplaintClient a = client(state, 1, WINDOW); ComplaintClient b = client(state, 1, WINDOW);
                ComplaintClient c = client(other, 1, WINDOW)) {
            list(a);
            assertLocalLimit(b); // a's call used the app's one permit of this state

            list(c); // its own limiter, its own token
            assertThat(sim.tokenRequestCount()).isEqualTo(2);
            assertThat(state.toString()).contains("isolated").contains("rate limiters 1").contains("token caches 1")
                    .doesNotContain(XiaoeSimulator.SECRET_KEY);
        }
        assertThat(sim.apiCalls()).hasSize(2);
    }

    @Test
    @DisplayName("a client whose rate limit or window differs from the live clients of its app is refused; theirs stay as they were")
    void conflictingLimitRefusedNeverTightens() {
        XiaoeSharedState state = XiaoeSharedState.create();
        try (ComplaintClient first = client(state, 2, WINDOW)) {
            for (int limit : new int[] {1, 3}) {
                assertThatThrownBy(() -> client(state, limit, WINDOW))
                        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                                .extracting(Violation::field).containsExactly("xiaoe.rate-limit"))
                        .hasMessageContaining("2 calls per PT30S").hasMessageContaining(limit + " per PT30S")
                        .hasMessageContaining("XiaoeSharedState.create()");
            }
            assertThatThrownBy(() -> client(state, 2, Duration.ofSeconds(60))).isInstanceOf(ConfigurationException.class);
            assertThat(sim.requestCount()).as("a refused client sends nothing").isZero();

            list(first);
            list(first); // still 2 per window: the refused clients changed nothing
            assertLocalLimit(first);
            try (ComplaintClient other = client(XiaoeSharedState.create(), 1, WINDOW)) {
                list(other); // the same app with another limit is fine in another state
            }
        }
    }

    @Test
    @DisplayName("once the last client of an app is closed, the next one brings its own limit and the calls in the window still count")
    void nextClientTakesOverAfterTheLastClosed() {
        XiaoeSharedState state = XiaoeSharedState.create();
        try (ComplaintClient first = client(state, 1, WINDOW)) {
            list(first);
        }
        try (ComplaintClient next = client(state, 2, WINDOW)) {
            list(next); // the permit of the first client's call still counts: 1 of 2
            assertLocalLimit(next);
        }
        assertThat(sim.apiCalls()).hasSize(2);
    }
}
