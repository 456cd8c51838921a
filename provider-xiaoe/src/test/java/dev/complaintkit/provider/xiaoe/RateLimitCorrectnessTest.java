/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one long test of this module (about 20 s): Xiaoe's real limit, 500 calls per 10 s, on both sides.
 * 1,500 calls need at least two full windows, so the calls must be spread by the shared limiter.
 */
class RateLimitCorrectnessTest {
    private static final int CALLS = 1_500;
    private static final int THREADS = 16;
    private static final Duration WINDOW = Duration.ofSeconds(10);

    @Test
    @DisplayName("LONG (~20 s): 1,500 calls from 16 threads over 4 clients finish with no 2053, and no 10-s window holds over 500")
    void neverExceedsXiaoesLimit() throws Exception {
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore())
                .rateLimit(500, WINDOW).build().start()) {
            List<ComplaintClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(TestClients.client(sim)); // default settings: 500 per 10 s, wait for a permit
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger rows = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                ComplaintClient client = clients.get(t % clients.size());
                workers.add(pool.submit(() -> {
                    go.await();
                    while (next.getAndIncrement() < CALLS) {
                        rows.addAndGet(client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)).items().size());
                    }
                    return null;
                }));
            }
            go.countDown();
            try {
                for (Future<?> w : workers) {
                    w.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                clients.forEach(ComplaintClient::close);
            }

            List<XiaoeSimulator.ApiCall> calls = sim.apiCalls();
            assertThat(rows.get()).isEqualTo(CALLS * 2);
            assertThat(calls).hasSize(CALLS);
            assertThat(sim.rateLimitedCount()).as("2053 answers").isZero();
            assertThat(XiaoeSimulator.busiestWindow(calls.stream().map(XiaoeSimulator.ApiCall::at).toList(), WINDOW))
                    .as("most calls the simulator counted in one 10-s window").isLessThanOrEqualTo(500);
            List<Instant> arrivals = sim.requests().stream().filter(r -> r.path().equals(XiaoeSimulator.LIST_PATH))
                    .map(RecordedRequest::receivedAt).toList();
            assertThat(XiaoeSimulator.busiestWindow(arrivals, WINDOW))
                    .as("most requests the server received in one 10-s window").isLessThanOrEqualTo(500);
            // 1,500 calls at 500 per window span more than two windows: the limiter really held callers back
            assertThat(Duration.between(calls.get(0).at(), calls.get(calls.size() - 1).at())).isGreaterThanOrEqualTo(WINDOW.multipliedBy(2));
            assertThat(sim.tokenRequestCount()).isEqualTo(1);
        }
    }
}
