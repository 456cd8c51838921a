/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.MutableClock;
import dev.complaintkit.PermitSource;
import dev.complaintkit.Secret;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.SharedStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-JVM defaults of the shared-state SPI. */
class InJvmSharedStateTest {

    @Test
    @DisplayName("a budget of N per window holds in every sliding window, and the refusal says how long until a permit frees")
    void slidingWindowIsExact() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        PermitSource source = PermitSource.inJvm(clock);
        PermitSource.Budget budget = new PermitSource.Budget("p", "acct", "list", 3, Duration.ofSeconds(10));
        List<Long> granted = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            if (source.tryAcquire(budget).isZero()) {
                granted.add(clock.millis());
            }
            clock.advance(Duration.ofMillis(97));
        }
        for (int i = 0; i + 3 < granted.size(); i++) {
            assertThat(granted.get(i + 3) - granted.get(i)).as("4 grants within one 10 s window").isGreaterThanOrEqualTo(10_000);
        }
        assertThat(granted).hasSizeGreaterThanOrEqualTo(3 * (400 * 97 / 10_000));
        for (int i = 0; i < 3; i++) {
            source.tryAcquire(new PermitSource.Budget("p", "other", "list", 3, Duration.ofSeconds(10)));
        }
        Duration wait = source.tryAcquire(new PermitSource.Budget("p", "other", "list", 3, Duration.ofSeconds(10)));
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(10_001));
    }

    @Test
    @DisplayName("a budget is shared by key only: other accounts and endpoints have their own")
    void budgetsAreKeyed() {
        PermitSource source = PermitSource.inJvm(new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L)));
        PermitSource.Budget a = new PermitSource.Budget("p", "a", "x", 1, Duration.ofMinutes(1));
        assertThat(source.tryAcquire(a)).isZero();
        assertThat(source.tryAcquire(a)).isPositive();
        assertThat(source.tryAcquire(new PermitSource.Budget("p", "b", "x", 1, Duration.ofMinutes(1)))).isZero();
        assertThat(source.tryAcquire(new PermitSource.Budget("p", "a", "y", 1, Duration.ofMinutes(1)))).isZero();
    }

    @Test
    @DisplayName("a held permit counts while its call is in flight and for a whole window after its release")
    void heldPermitsCountFromTheirRelease() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        PermitSource source = PermitSource.inJvm(clock);
        PermitSource.Budget budget = new PermitSource.Budget("p", "acct", "list", 2, Duration.ofSeconds(10));

        PermitSource.Attempt a = source.tryHold(budget);
        PermitSource.Attempt b = source.tryHold(budget);
        assertThat(a.granted()).isTrue();
        assertThat(b.granted()).isTrue();
        clock.advance(Duration.ofSeconds(30)); // both still in flight: a grant-time log would have freed them long ago
        PermitSource.Attempt c = source.tryHold(budget);
        assertThat(c.granted()).isFalse();
        assertThat(c.retryAfter()).as("a short poll: an in-flight permit may be released any moment")
                .isPositive().isLessThan(Duration.ofSeconds(1));
        assertThat(source.tryAcquire(budget)).as("grant-time permits share the same budget").isPositive();

        a.permit().release();
        a.permit().release(); // idempotent
        clock.advance(Duration.ofMillis(9_999));
        assertThat(source.tryHold(budget).granted()).as("within the window after the release").isFalse();
        clock.advance(Duration.ofMillis(1));
        PermitSource.Attempt d = source.tryHold(budget);
        assertThat(d.granted()).as("a window after the release").isTrue();
        assertThat(source.tryHold(budget).granted()).as("b is still in flight, d taken").isFalse();
    }

    @Test
    @DisplayName("a held permit never released counts as released MAX_HOLD after its grant")
    void unreleasedPermitsExpire() {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        PermitSource source = PermitSource.inJvm(clock);
        PermitSource.Budget budget = new PermitSource.Budget("p", "acct", "list", 1, Duration.ofSeconds(10));
        assertThat(source.tryHold(budget).granted()).isTrue();
        clock.advance(PermitSource.MAX_HOLD.plusSeconds(9));
        assertThat(source.tryHold(budget).granted()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.tryHold(budget).granted()).isTrue();
    }

    @Test
    @DisplayName("a source that cannot hold falls back to grant-time permits with nothing to release")
    void defaultHoldIsAGrantTimePermit() {
        PermitSource grantTimeOnly = budget -> Duration.ZERO;
        PermitSource.Attempt a = grantTimeOnly.tryHold(new PermitSource.Budget("p", "a", "x", 1, Duration.ofSeconds(1)));
        assertThat(a.granted()).isTrue();
        assertThat(a.permit()).isSameAs(PermitSource.Permit.NONE);
        PermitSource full = budget -> Duration.ofSeconds(3);
        assertThat(full.tryHold(new PermitSource.Budget("p", "a", "x", 1, Duration.ofSeconds(1))).retryAfter())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("sixteen threads wanting a token at once make one fetch; an invalidated token is fetched again once")
    void singleFlight() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        TokenStore store = TokenStore.inJvm(clock);
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<TokenStore.Token>> got = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return store.get("xiaoe:app", Duration.ofMinutes(1), Duration.ofSeconds(5), old -> {
                        fetches.incrementAndGet();
                        sleep(50);
                        return new TokenStore.Token(Secret.of("t" + fetches.get()), clock.instant().plusSeconds(7200));
                    });
                }));
            }
            start.countDown();
            for (Future<TokenStore.Token> f : got) {
                assertThat(f.get().value().reveal()).isEqualTo("t1");
            }
            assertThat(fetches).hasValue(1);
            TokenStore.Token t1 = got.get(0).get();
            store.invalidate("xiaoe:app", t1);
            TokenStore.Token t2 = store.get("xiaoe:app", Duration.ofMinutes(1), Duration.ofSeconds(5),
                    old -> new TokenStore.Token(Secret.of("t" + fetches.incrementAndGet()), clock.instant().plusSeconds(7200)));
            assertThat(t2.value().reveal()).isEqualTo("t2");
            store.invalidate("xiaoe:app", t1); // stale: the newer token stays
            assertThat(store.get("xiaoe:app", Duration.ofMinutes(1), Duration.ofSeconds(5), old -> {
                throw new AssertionError("must not fetch");
            })).isSameAs(t2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a token about to expire is renewed with the old one offered to the fetch; a wait past maxWait is a typed, retryable error")
    void renewalAndWaitLimit() throws Exception {
        MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
        TokenStore store = TokenStore.inJvm(clock);
        TokenStore.Token first = store.get("k", Duration.ofMinutes(5), Duration.ofSeconds(1),
                old -> new TokenStore.Token(Secret.of("a"), clock.instant().plusSeconds(600)));
        clock.advance(Duration.ofSeconds(301));
        List<Optional<TokenStore.Token>> offered = new ArrayList<>();
        TokenStore.Token second = store.get("k", Duration.ofMinutes(5), Duration.ofSeconds(1), old -> {
            offered.add(old);
            return new TokenStore.Token(Secret.of("b"), clock.instant().plusSeconds(600));
        });
        assertThat(offered).containsExactly(Optional.of(first));
        assertThat(second.value().reveal()).isEqualTo("b");
        assertThat(second.toString()).doesNotContain("b]").doesNotContain("value=b");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = new Thread(() -> store.get("slow", Duration.ZERO, Duration.ofSeconds(5), old -> {
            holding.countDown();
            await(release);
            return new TokenStore.Token(Secret.of("s"), clock.instant().plusSeconds(60));
        }));
        slow.start();
        holding.await();
        try {
            assertThatThrownBy(() -> store.get("slow", Duration.ZERO, Duration.ofMillis(50),
                    old -> new TokenStore.Token(Secret.of("x"), clock.instant().plusSeconds(60))))
                    .isInstanceOfSatisfying(SharedStateException.class, e -> assertThat(e.isRetryable()).isTrue());
        } finally {
            release.countDown();
            slow.join();
        }
    }

    @Test
    @DisplayName("Permits.acquire waits for a freed permit, and refuses typed (CLIENT_RATE_LIMIT, retryable) when none frees in time")
    void acquireWaitsThenRefuses() {
        PermitSource source = PermitSource.inJvm();
        PermitSource.Budget budget = new PermitSource.Budget("p", "a", "reply", 1, Duration.ofMillis(200));
        dev.complaintkit.support.Permits.acquire(source, budget, Duration.ZERO);
        long t0 = System.nanoTime();
        dev.complaintkit.support.Permits.acquire(source, budget, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThatThrownBy(() -> dev.complaintkit.support.Permits.acquire(source, budget, Duration.ofMillis(10)))
                .isInstanceOfSatisfying(dev.complaintkit.error.RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("CLIENT_RATE_LIMIT");
                    assertThat(e.isRetryable()).isTrue();
                });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
