/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.testkit.TestClock;
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

class TokenManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration MARGIN = Duration.ofMinutes(5);


    private final TestClock clock = TestClock.at(Instant.parse("2024-04-19T03:25:19Z"));
    private final AtomicInteger fetched = new AtomicInteger();

    private TokenManager.Fetched fresh(Duration lifetime) {
        return new TokenManager.Fetched(Secret.of("token-" + fetched.incrementAndGet()), lifetime);
    }

    @Test
    @DisplayName("100 callers at once cause exactly one fetch, and all get its token")
    void singleFlight() throws Exception {
        TokenManager tokens = new TokenManager("app");
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Secret>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return tokens.token(clock, WAIT, MARGIN, () -> {
                    sleep(200);
                    return fresh(Duration.ofHours(2));
                });
            }));
        }
        go.countDown();
        for (Future<Secret> f : results) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(Secret.of("token-1"));
        }
        pool.shutdown();

        assertThat(fetched.get()).isEqualTo(1);
        assertThat(tokens.fetches()).isEqualTo(1);
    }

    @Test
    @DisplayName("a token is reused until its renewal point (expiry less the margin), then renewed")
    void renewsBeforeExpiry() {
        TokenManager tokens = new TokenManager("app");
        TokenManager.Fetcher fetcher = () -> fresh(Duration.ofHours(2));

        Secret first = tokens.token(clock, WAIT, MARGIN, fetcher);
        clock.advance(Duration.ofSeconds(7200 - 300 - 1));
        Secret stillFirst = tokens.token(clock, WAIT, MARGIN, fetcher);
        clock.advance(Duration.ofSeconds(1));
        Secret renewed = tokens.token(clock, WAIT, MARGIN, fetcher);

        assertThat(stillFirst).isEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(fetched.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("the margin is capped at half the lifetime, so a short-lived token is not renewed on every call")
    void marginCapped() {
        TokenManager tokens = new TokenManager("app");
        TokenManager.Fetcher fetcher = () -> fresh(Duration.ofSeconds(60));

        Secret first = tokens.token(clock, WAIT, MARGIN, fetcher);
        clock.advance(Duration.ofSeconds(29));
        assertThat(tokens.token(clock, WAIT, MARGIN, fetcher)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.token(clock, WAIT, MARGIN, fetcher)).isNotEqualTo(first);
        assertThat(fetched.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("invalidate drops only the token it names, so callers refused together renew once")
    void invalidateComparesTokens() {
        TokenManager tokens = new TokenManager("app");
        TokenManager.Fetcher fetcher = () -> fresh(Duration.ofHours(2));
        Secret first = tokens.token(clock, WAIT, MARGIN, fetcher);

        tokens.invalidate(first);
        Secret second = tokens.token(clock, WAIT, MARGIN, fetcher);
        tokens.invalidate(first); // a late caller refused with the old token
        Secret stillSecond = tokens.token(clock, WAIT, MARGIN, fetcher);

        assertThat(second).isNotEqualTo(first);
        assertThat(stillSecond).isEqualTo(second);
        assertThat(fetched.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("while one caller renews, others keep using the still-valid token instead of waiting")
    void oldTokenServesDuringRenewal() throws Exception {
        TokenManager tokens = new TokenManager("app");
        Secret first = tokens.token(clock, WAIT, MARGIN, () -> fresh(Duration.ofHours(2)));
        clock.advance(Duration.ofSeconds(7000)); // past the renewal point, before expiry
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Secret> leader = pool.submit(() -> tokens.token(clock, WAIT, MARGIN, () -> {
            renewing.countDown();
            await(release);
            return fresh(Duration.ofHours(2));
        }));
        assertThat(renewing.await(10, TimeUnit.SECONDS)).isTrue();

        Secret meanwhile = tokens.token(clock, WAIT, MARGIN, () -> {
            throw new AssertionError("a second fetch while one is in flight");
        });
        release.countDown();

        assertThat(meanwhile).isEqualTo(first);
        assertThat(leader.get(10, TimeUnit.SECONDS)).isNotEqualTo(first);
        pool.shutdown();
    }

    @Test
    @DisplayName("a failed fetch fails the callers waiting for it; the next call fetches again")
    void failurePropagates() throws Exception {
        TokenManager tokens = new TokenManager("app");
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<Secret> leader = pool.submit(() -> tokens.token(clock, WAIT, MARGIN, () -> {
            fetching.countDown();
            await(fail);
            throw new ConfigurationException("[xiaoe] token request refused with Xiaoe code 2004");
        }));
        assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Secret> waiter = pool.submit(() -> tokens.token(clock, WAIT, MARGIN, () -> {
            throw new AssertionError("a second fetch while one is in flight");
        }));
        sleep(100);
        fail.countDown();

        assertThatThrownBy(leader::get).hasCauseInstanceOf(ConfigurationException.class);
        assertThatThrownBy(waiter::get).hasCauseInstanceOf(ConfigurationException.class);
        assertThat(tokens.token(clock, WAIT, MARGIN, () -> fresh(Duration.ofHours(2)))).isEqualTo(Secret.of("token-1"));
        pool.shutdown();
    }

    @Test
    @DisplayName("toString shows neither the token nor whether it is readable")
    void noTokenInToString() {
        TokenManager tokens = new TokenManager("app");
        Secret t = tokens.token(clock, WAIT, MARGIN, () -> fresh(Duration.ofHours(2)));

        assertThat(tokens.toString()).doesNotContain(t.reveal()).contains("app");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("a lifetime and a wait of 2^63-1 seconds do not overflow: the token is cached for the century after, not fetched again")
    void hugeLifetimeAndWaitSaturate() {
        TokenManager tokens = new TokenManager("app");
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);

        Secret first = tokens.token(clock, forever, MARGIN, () -> fresh(forever));
        clock.advance(Duration.ofDays(365 * 100));

        assertThat(tokens.token(clock, forever, MARGIN, () -> fresh(forever))).isEqualTo(first);
        assertThat(tokens.fetches()).isEqualTo(1);
    }

    @Test
    @DisplayName("lifetimes from the adapter: 2^63-1 s is cut to a week, absent, zero, negative, beyond a long or not whole is Xiaoe's 7200 s")
    void adapterClampsExpiresIn() {
        assertThat(XiaoeAdapter.tokenLifetime(Long.MAX_VALUE)).isEqualTo(Duration.ofDays(7));
        assertThat(XiaoeAdapter.tokenLifetime(new java.math.BigDecimal("1e-999999999"))).isEqualTo(Duration.ofHours(2));
        assertThat(XiaoeAdapter.tokenLifetime(java.math.BigInteger.TWO.pow(80))).isEqualTo(Duration.ofHours(2));
        assertThat(XiaoeAdapter.tokenLifetime(null)).isEqualTo(Duration.ofHours(2));
        assertThat(XiaoeAdapter.tokenLifetime(0L)).isEqualTo(Duration.ofHours(2));
        assertThat(XiaoeAdapter.tokenLifetime(-5L)).isEqualTo(Duration.ofHours(2));
        assertThat(XiaoeAdapter.tokenLifetime("3600")).isEqualTo(Duration.ofHours(1));
    }
}
