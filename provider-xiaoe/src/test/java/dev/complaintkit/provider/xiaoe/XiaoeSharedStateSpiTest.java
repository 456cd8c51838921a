/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.PermitSource;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.TokenStore;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Xiaoe keeps its token and budgets in whatever {@link SharedState} the client is given — the seam a
 * distributed implementation (Redis) plugs into: clients on one state (standing for two JVMs) share
 * one token and one budget per endpoint.
 */
class XiaoeSharedStateSpiTest {
    private XiaoeSimulator sim;

    @AfterEach
    void stop() {
        TestClients.closeAll(sim);
    }

    /** A permit source that records every budget asked of it, over an in-JVM one. */
    private static final class RecordingPermits implements PermitSource {
        final List<Budget> asked = new CopyOnWriteArrayList<>();
        final PermitSource delegate = PermitSource.inJvm();

        @Override
        public Duration tryAcquire(Budget budget) {
            asked.add(budget);
            return delegate.tryAcquire(budget);
        }
    }

    /** A token store that records the keys asked and the tokens invalidated, over an in-JVM one. */
    private static final class RecordingTokens implements TokenStore {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<String> invalidated = new CopyOnWriteArrayList<>();
        final TokenStore delegate = TokenStore.inJvm();

        @Override
        public Token get(String key, Duration minValidity, Duration maxWait, Function<Optional<Token>, Token> fetch) {
            keys.add(key);
            return delegate.get(key, minValidity, maxWait, fetch);
        }

        @Override
        public void invalidate(String key, Token stale) {
            invalidated.add(key);
            delegate.invalidate(key, stale);
        }
    }

    @Test
    @DisplayName("two clients on one shared state fetch one token and take every permit from the state's budgets per endpoint")
    void tokensAndPermitsGoThroughTheState() {
        sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
        RecordingPermits permits = new RecordingPermits();
        RecordingTokens tokens = new RecordingTokens();
        SharedState state = new SharedState(permits, tokens, ProcessedNotifications.inMemory());
        try (ComplaintClient a = client(state); ComplaintClient b = client(state)) {
            a.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
            b.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
            b.detail(ComplaintId.of("c_661a9d66b6733_qTRys2mU"));
            sim.expireTokens();
            a.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
        }

        assertThat(sim.tokenRequestCount()).as("one fetch, one renewal after the simulator expired it").isEqualTo(2);
        assertThat(tokens.keys).allSatisfy(k -> assertThat(k).startsWith("xiaoe:").contains(XiaoeSimulator.APP_ID)
                .doesNotContain(XiaoeSimulator.SECRET_KEY)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(tokens.invalidated).as("the refused token, then the last client's on close").hasSize(2);
        assertThat(permits.asked).extracting(PermitSource.Budget::endpoint)
                .containsExactly("token", "xe.b_complaints.list", "xe.b_complaints.list", "xe.complaint.info.get",
                        "xe.b_complaints.list", "token", "xe.b_complaints.list");
        assertThat(permits.asked).allSatisfy(bu -> {
            assertThat(bu.provider()).isEqualTo("xiaoe");
            assertThat(bu.account()).startsWith(XiaoeSimulator.APP_ID + "@");
        });
        assertThat(permits.asked).filteredOn(bu -> bu.endpoint().equals("token"))
                .allSatisfy(bu -> assertThat(bu.permits()).isEqualTo(100));
        assertThat(permits.asked).filteredOn(bu -> bu.endpoint().equals("xe.b_complaints.list"))
                .allSatisfy(bu -> assertThat(bu.permits()).isEqualTo(500));
    }

    private ComplaintClient client(SharedState state) {
        return Complaints.builder().config(TestClients.config(sim).build()).sharedState(state)
                .retryPolicy(RetryPolicy.none()).build();
    }
}
