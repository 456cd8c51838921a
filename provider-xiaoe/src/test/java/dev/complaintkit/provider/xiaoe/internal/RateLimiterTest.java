/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    @DisplayName("under contention, any 'limit + 1' uses of permits span at least the window")
    void neverExceedsTheWindow() throws Exception {
        int limit = 5;
        Duration window = Duration.ofMillis(150);
        RateLimiter limiter = new RateLimiter("xiaoe", limit, window, System::nanoTime);
        // a 'use' is a moment between the grant and the release, like a request reaching the server
        List<Long> uses = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 5; i++) {
                    RateLimiter.Permit p = limiter.acquire(Duration.ofSeconds(30));
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextInt(10));
                        uses.add(System.nanoTime());
                        Thread.sleep(ThreadLocalRandom.current().nextInt(10));
                    } finally {
                        p.close();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(uses).hasSize(40);
        assertThat(limiter.granted()).isEqualTo(40);
        List<Long> sorted = uses.stream().sorted().toList();
        for (int k = 0; k + limit < sorted.size(); k++) {
            assertThat(sorted.get(k + limit) - sorted.get(k)).as("span of uses %d..%d", k, k + limit)
                    .isGreaterThanOrEqualTo(window.toNanos());
        }
    }

    @Test
    @DisplayName("a permit counts while in flight: none free within the wait is CLIENT_RATE_LIMIT, retryable, with a hint")
    void inFlightPermitsCount() {
        RateLimiter limiter = new RateLimiter("xiaoe", 2, Duration.ofSeconds(10), System::nanoTime);
        RateLimiter.Permit a = limiter.acquire(Duration.ZERO);
        RateLimiter.Permit b = limiter.acquire(Duration.ZERO);

        assertThatThrownBy(() -> limiter.acquire(Duration.ofMillis(50)))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(RateLimiter.CLIENT_RATE_LIMIT);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.retryAfter()).isPresent();
                });
        a.close();
        b.close();
        b.close(); // twice is harmless
        assertThat(limiter.isIdle()).isFalse();
        assertThatThrownBy(() -> limiter.acquire(Duration.ZERO))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter().orElseThrow())
                        .isGreaterThan(Duration.ofSeconds(9)).isLessThanOrEqualTo(Duration.ofSeconds(10).plus(RateLimiter.SAFETY_MARGIN)));
    }

    @Test
    @DisplayName("a waiting caller gets the permit once the oldest leaves the window")
    void waitsForTheWindow() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter("xiaoe", 1, Duration.ofMillis(100), () -> now[0]);
        limiter.acquire(Duration.ZERO).close();
        now[0] = Duration.ofMillis(100).plus(RateLimiter.SAFETY_MARGIN).toNanos();

        RateLimiter.Permit next = limiter.acquire(Duration.ZERO);

        assertThat(next).isNotNull();
        assertThat(limiter.granted()).isEqualTo(2);
    }

    @Test
    @DisplayName("reconfigure() applies new settings and keeps counting the permits still in the window")
    void reconfigureKeepsRecentPermits() {
        RateLimiter limiter = new RateLimiter("xiaoe", 2, Duration.ofSeconds(30), System::nanoTime);
        limiter.acquire(Duration.ZERO).close();

        assertThat(limiter.hasSettings(2, Duration.ofSeconds(30))).isTrue();
        assertThat(limiter.hasSettings(1, Duration.ofSeconds(30))).isFalse();
        assertThat(limiter.hasSettings(2, Duration.ofSeconds(31))).isFalse();
        limiter.reconfigure(1, Duration.ofSeconds(30));

        assertThat(limiter.hasSettings(1, Duration.ofSeconds(30))).isTrue();
        assertThat(limiter.limit()).isEqualTo(1);
        assertThat(limiter.window()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> limiter.acquire(Duration.ZERO)).as("the earlier permit still counts")
                .isInstanceOf(RateLimitedException.class);
    }
}
