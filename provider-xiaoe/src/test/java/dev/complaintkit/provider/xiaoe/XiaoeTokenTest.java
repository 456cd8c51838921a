/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.PermitSource;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.TestClock;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The access token: fetched once per app, shared, renewed before expiry or when refused. */
class XiaoeTokenTest {
    private XiaoeSimulator sim;
    private final List<ComplaintClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(TestClients::closeAll);
        TestClients.closeAll(sim);
    }

    private ComplaintClient keep(ComplaintClient c) {
        clients.add(c);
        return c;
    }

    @Test
    @DisplayName("100 concurrent callers at start-up, over 4 clients of one app, cause exactly one token request")
    void oneTokenForAHundredCallers() throws Exception {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).tokenLatency(Duration.ofMillis(300)).build().start();
        List<ComplaintClient> four = List.of(keep(TestClients.noRetries(sim)), keep(TestClients.noRetries(sim)),
                keep(TestClients.noRetries(sim)), keep(TestClients.noRetries(sim)));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Page<Complaint>>> pages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ComplaintClient c = four.get(i % 4);
            pages.add(pool.submit(() -> {
                go.await();
                return c.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
            }));
        }
        go.countDown();
        for (Future<Page<Complaint>> p : pages) {
            assertThat(p.get(60, TimeUnit.SECONDS).items()).hasSize(2);
        }
        pool.shutdown();

        assertThat(sim.tokenRequestCount()).isEqualTo(1);
        assertThat(sim.apiCalls()).hasSize(100).allSatisfy(call -> assertThat(call.code()).isZero());
    }

    @Test
    @DisplayName("a token the simulator expires mid-stream is renewed transparently: no row lost or repeated")
    void expiredMidStream() {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet()).build().start();
        ComplaintClient client = keep(TestClients.noRetries(sim));
        List<String> reference = client.complaints(ComplaintFilter.all(), 100).map(c -> c.id().value()).toList();
        sim.expireTokens();
        int before = sim.apiCalls().size();

        Iterator<Complaint> it = client.complaints(ComplaintFilter.all(), 100).iterator();
        List<String> streamed = new ArrayList<>();
        while (streamed.size() < 250) {
            streamed.add(it.next().id().value());
        }
        sim.expireTokens(); // pages 1-3 fetched; the 4th fetch meets a dead token
        it.forEachRemaining(c -> streamed.add(c.id().value()));

        assertThat(streamed).hasSize(XiaoeFixtures.LARGE_DATA_SET_SIZE).doesNotHaveDuplicates()
                .containsExactlyElementsOf(reference);
        List<XiaoeSimulator.ApiCall> calls = sim.apiCalls();
        assertThat(calls.subList(before, calls.size())).extracting(XiaoeSimulator.ApiCall::code)
                .containsExactly(2008, 0, 0, 0, 2008, 0, 0, 0, 0, 0, 0, 0);
        assertThat(sim.tokenRequestCount()).isEqualTo(3); // start-up, and one renewal per expiry
    }

    @Test
    @DisplayName("the token is renewed the margin before it expires, without ever being refused")
    void renewedBeforeExpiry() {
        TestClock clock = TestClock.at(Instant.parse("2024-04-19T03:25:19Z"));
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).clock(clock).build().start();
        // the shared token store judges validity on its own clock: give the client a state on the test clock
        SharedState state = new SharedState(PermitSource.inJvm(clock), TokenStore.inJvm(clock), ProcessedNotifications.inMemory());
        ComplaintClient client = keep(Complaints.builder().config(TestClients.config(sim).build()).clock(clock)
                .sharedState(state).retryPolicy(RetryPolicy.none()).build());

        client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
        clock.advance(Duration.ofSeconds(7200 - 301));
        client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
        assertThat(sim.tokenRequestCount()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2)); // inside the 5-minute margin
        client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));

        assertThat(sim.tokenRequestCount()).isEqualTo(2);
        assertThat(sim.apiCalls()).extracting(XiaoeSimulator.ApiCall::code).containsOnly(0);
    }

    @Test
    @DisplayName("the token request is a GET with app_id, client_id, secret_key and grant_type in the query")
    void tokenRequestShape() {
        sim = XiaoeSimulator.builder().build().start();
        keep(TestClients.noRetries(sim)).complaintsPage(ComplaintFilter.all(), PageRequest.first(10));

        RecordedRequest token = sim.takeRequest();

        assertThat(token.method()).isEqualTo("GET");
        assertThat(token.path()).isEqualTo(XiaoeSimulator.TOKEN_PATH);
        assertThat(token.queryParameters()).containsEntry("app_id", XiaoeSimulator.APP_ID)
                .containsEntry("client_id", XiaoeSimulator.CLIENT_ID)
                .containsEntry("secret_key", XiaoeSimulator.SECRET_KEY)
                .containsEntry("grant_type", "client_credential");
        assertThat(sim.takeRequest().path()).isEqualTo(XiaoeSimulator.LIST_PATH);
    }

    @Test
    @DisplayName("a token refused twice in a row is a provider error carrying 2008, after exactly one renewal")
    void refusedTwice() {
        sim = XiaoeSimulator.builder().build().start();
        ComplaintClient client = keep(TestClients.client(sim));
        sim.injectApiError(2008, "access_token已过期或不存在");
        sim.injectApiError(2008, "access_token已过期或不存在");

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("2008");
                    assertThat(e.providerMessage()).isEqualTo("access_token已过期或不存在");
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(sim.tokenRequestCount()).isEqualTo(2);
        assertThat(sim.apiCalls()).hasSize(2);
    }

    @Test
    @DisplayName("2007 (token missing) is also renewed once and the call repeated")
    void missingTokenRenewed() {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
        ComplaintClient client = keep(TestClients.noRetries(sim));
        sim.injectApiError(2007, "access_token不能为空");

        assertThat(client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)).items()).hasSize(2);
        assertThat(sim.tokenRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a wrong secret is a configuration error with Xiaoe's code and message, not retried, secret not shown")
    void wrongSecret() {
        sim = XiaoeSimulator.builder().build().start();
        ComplaintClient client = keep(Complaints.client(TestClients.config(sim).secretKey("not-the-secret-1234").build()));

        assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2004").hasMessageContaining("secret_key错误")
                .hasMessageNotContaining("not-the-secret-1234");
        assertThat(sim.tokenRequestCount()).isEqualTo(1);
        assertThat(sim.apiCalls()).isEmpty();
    }

    @Test
    @DisplayName("token errors map like call errors: 1001 retryable, 2002 configuration")
    void tokenErrors() {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
        ComplaintClient once = keep(TestClients.noRetries(sim));
        sim.injectTokenError(1001, "系统繁忙");

        assertThatThrownBy(() -> once.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo("1001");
                    assertThat(e.isRetryable()).isTrue();
                });

        sim.injectTokenError(1001, "系统繁忙");
        ComplaintClient retrying = keep(Complaints.builder().config(TestClients.config(sim).build())
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))).build());
        assertThat(retrying.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)).items()).hasSize(2);

        XiaoeSimulator other = XiaoeSimulator.builder().build().start();
        try (ComplaintClient wrongApp = Complaints.client(TestClients.config(other).appId("app_unknown").build())) {
            assertThatThrownBy(() -> wrongApp.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("2002").hasMessageContaining("xiaoe.app-id");
        } finally {
            other.close();
        }
    }
}
