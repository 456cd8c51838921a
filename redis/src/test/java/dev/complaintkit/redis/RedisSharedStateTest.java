/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.PermitSource;
import dev.complaintkit.Secret;
import dev.complaintkit.TokenStore;
import dev.complaintkit.error.SharedStateException;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis shared state against a real {@code redis-server}, several instances (connections) at once. */
@Timeout(60)
class RedisSharedStateTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    static RedisClient raw;
    static StatefulRedisConnection<String, String> rawConnection;
    static final AtomicInteger PREFIXES = new AtomicInteger();

    final List<RedisSharedState> opened = new ArrayList<>();
    final ExecutorService pool = Executors.newFixedThreadPool(32);

    @BeforeAll
    static void connectRaw() {
        raw = RedisClient.create(REDIS.uri());
        rawConnection = raw.connect();
    }

    @AfterAll
    static void closeRaw() {
        rawConnection.close();
        raw.shutdown();
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        opened.forEach(RedisSharedState::close);
    }

    /** @return {@code n} instances sharing one fresh prefix, as n pods of one back end would */
    List<RedisSharedState> instances(int n) {
        String prefix = "t" + PREFIXES.incrementAndGet();
        List<RedisSharedState> states = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RedisSharedState s = RedisSharedState.builder().uri(REDIS.uri()).keyPrefix(prefix).build();
            opened.add(s);
            states.add(s);
        }
        return states;
    }

    static RedisCommands<String, String> redis() {
        return rawConnection.sync();
    }

    <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return t.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    @Test
    @DisplayName("a budget of 100 per window grants exactly 100 of 720 concurrent requests from 24 threads on three instances; refusals say how long to wait")
    void exactCountAcrossInstances() throws Exception {
        List<RedisSharedState> states = instances(3);
        PermitSource.Budget budget = new PermitSource.Budget("xiaoe", "app1", "list", 100, Duration.ofHours(1));
        List<Duration> refusals = new CopyOnWriteArrayList<>();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 24; t++) {
            PermitSource source = states.get(t % 3).permits();
            tasks.add(() -> {
                int granted = 0;
                for (int i = 0; i < 30; i++) {
                    Duration wait = source.tryAcquire(budget);
                    if (wait.isZero()) {
                        granted++;
                    } else {
                        refusals.add(wait);
                    }
                }
                return granted;
            });
        }
        int total = runAll(tasks).stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(100);
        assertThat(refusals).hasSize(620).allSatisfy(w -> assertThat(w).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
        String log = states.get(0).keyPrefix() + ":permits:xiaoe:app1:list";
        assertThat(redis().zcard(log)).isEqualTo(100);
        assertThat(redis().zrangeWithScores(log, 0, -1)).as("grant times are Redis TIME to the microsecond, not rounded")
                .allSatisfy(v -> assertThat(v.getScore()).isGreaterThan(1.5e15))
                .anySatisfy(v -> assertThat(v.getScore() % 100).isNotZero());
        assertThat(states.get(1).permits().tryAcquire(new PermitSource.Budget("xiaoe", "app2", "list", 100, Duration.ofHours(1))))
                .as("another account has its own budget").isZero();
        assertThat(states.get(2).permits().tryAcquire(new PermitSource.Budget("xiaoe", "app1", "token", 100, Duration.ofHours(1))))
                .as("another endpoint has its own budget").isZero();
    }

    @Test
    @DisplayName("sliding windows: 18 threads on three instances, retrying for five windows, never get 21 permits of a 20-per-400-ms budget within 400 ms")
    void slidingWindowHoldsInEveryWindow() throws Exception {
        List<RedisSharedState> states = instances(3);
        PermitSource.Budget budget = new PermitSource.Budget("wechatpay", "1900012181", "reply", 20, Duration.ofMillis(400));
        List<long[]> grants = new CopyOnWriteArrayList<>(); // {before, after} nanoTime around each granted call
        long end = System.nanoTime() + Duration.ofMillis(2000).toNanos();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 18; t++) {
            PermitSource source = states.get(t % 3).permits();
            tasks.add(() -> {
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    Duration wait = source.tryAcquire(budget);
                    long after = System.nanoTime();
                    if (wait.isZero()) {
                        grants.add(new long[] {before, after});
                    } else {
                        assertThat(wait).isPositive().isLessThanOrEqualTo(budget.window());
                        Thread.sleep(Math.min(20, Math.max(1, wait.toMillis())));
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        // the true grant instant of each call lies within [before, after]: 21 grants whose intervals all fit
        // within less than one window prove a violation, whatever the latencies were
        List<long[]> byStart = new ArrayList<>(grants);
        byStart.sort((a, b) -> Long.compare(a[0], b[0]));
        long window = budget.window().toNanos();
        for (int i = 0; i < byStart.size(); i++) {
            List<Long> ends = new ArrayList<>();
            for (int j = i; j < byStart.size(); j++) {
                ends.add(byStart.get(j)[1]);
            }
            if (ends.size() <= budget.permits()) {
                break;
            }
            Collections.sort(ends);
            long span = ends.get(budget.permits()) - byStart.get(i)[0];
            assertThat(span).as("21 grants within one window starting at grant %d of %d", i, byStart.size())
                    .isGreaterThanOrEqualTo(window);
        }
        assertThat(grants.size()).as("the budget was used, window after window").isGreaterThanOrEqualTo(2 * budget.permits());
        assertThat(redis().pttl(states.get(0).keyPrefix() + ":permits:wechatpay:1900012181:reply"))
                .isPositive().isLessThanOrEqualTo(budget.window().toMillis() + 1000);
    }

    @Test
    @DisplayName("32 threads on four instances needing a token at once make one fetch; a refused token is fetched again once; a stale invalidation keeps the newer token")
    void tokenSingleFlight() throws Exception {
        List<RedisSharedState> states = instances(4);
        AtomicInteger fetches = new AtomicInteger();
        Instant expires = Instant.now().plus(Duration.ofHours(2));
        List<Callable<TokenStore.Token>> tasks = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            TokenStore store = states.get(t % 4).tokens();
            tasks.add(() -> store.get("xiaoe:app1:c1", Duration.ofMinutes(5), Duration.ofSeconds(10), old -> {
                int n = fetches.incrementAndGet();
                sleep(200);
                return new TokenStore.Token(Secret.of("token-" + n), expires);
            }));
        }
        List<TokenStore.Token> got = runAll(tasks);
        assertThat(fetches).hasValue(1);
        assertThat(got).extracting(t -> t.value().reveal()).containsOnly("token-1");
        TokenStore.Token first = got.get(0);

        states.get(1).tokens().invalidate("xiaoe:app1:c1", first);
        List<Callable<TokenStore.Token>> again = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            TokenStore store = states.get(t % 4).tokens();
            again.add(() -> store.get("xiaoe:app1:c1", Duration.ofMinutes(5), Duration.ofSeconds(10), old -> {
                assertThat(old).as("the refused token is not offered as current").isEmpty();
                int n = fetches.incrementAndGet();
                sleep(100);
                return new TokenStore.Token(Secret.of("token-" + n), expires);
            }));
        }
        assertThat(runAll(again)).extracting(t -> t.value().reveal()).containsOnly("token-2");
        assertThat(fetches).hasValue(2);
        states.get(3).tokens().invalidate("xiaoe:app1:c1", first); // stale: token-2 stays
        assertThat(states.get(0).tokens().get("xiaoe:app1:c1", Duration.ofMinutes(5), Duration.ofSeconds(1), old -> {
            throw new AssertionError("must not fetch");
        }).value().reveal()).isEqualTo("token-2");
        assertThat(redis().exists(states.get(0).keyPrefix() + ":token-lock:xiaoe:app1:c1")).as("lock released").isZero();
    }

    @Test
    @DisplayName("while one instance renews, the others use the still-valid old token at once; with no valid token they wait at most maxWait, then a typed error")
    void oldTokenDuringRenewalAndBoundedWait() throws Exception {
        List<RedisSharedState> states = instances(2);
        TokenStore renewing = states.get(0).tokens();
        TokenStore other = states.get(1).tokens();
        TokenStore.Token old = renewing.get("k", Duration.ZERO, Duration.ofSeconds(1),
                o -> new TokenStore.Token(Secret.of("old"), Instant.now().plus(Duration.ofMinutes(3))));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<TokenStore.Token> renewal = pool.submit(() -> renewing.get("k", Duration.ofMinutes(5), Duration.ofSeconds(10), o -> {
            assertThat(o).hasValueSatisfying(t -> assertThat(t.value().reveal()).isEqualTo("old"));
            fetching.countDown();
            await(release);
            return new TokenStore.Token(Secret.of("new"), Instant.now().plus(Duration.ofHours(2)));
        }));
        assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(other.get("k", Duration.ofMinutes(5), Duration.ofSeconds(10), o -> {
            throw new AssertionError("must not fetch while another instance does");
        }).value().reveal()).isEqualTo("old");
        release.countDown();
        assertThat(renewal.get().value().reveal()).isEqualTo("new");
        assertThat(other.get("k", Duration.ofMinutes(5), Duration.ofSeconds(1), o -> {
            throw new AssertionError("must not fetch");
        }).value().reveal()).isEqualTo("new");

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Future<TokenStore.Token> slow = pool.submit(() -> renewing.get("fresh", Duration.ZERO, Duration.ofSeconds(10), o -> {
            holding.countDown();
            await(done);
            return new TokenStore.Token(Secret.of("s"), Instant.now().plusSeconds(60));
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> other.get("fresh", Duration.ZERO, Duration.ofMillis(150), o -> {
                throw new AssertionError("must not fetch while another instance does");
            })).isInstanceOfSatisfying(SharedStateException.class, e -> {
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getMessage()).contains("did not finish within PT0.15S");
            });
        } finally {
            done.countDown();
            slow.get();
        }
    }

    @Test
    @DisplayName("each of 200 notification ids marked by 32 threads on four instances at once is processed exactly once")
    void dedupeOnce() throws Exception {
        List<RedisSharedState> states = instances(4);
        Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            RedisSharedState s = states.get(t % 4);
            tasks.add(() -> {
                for (int i = 0; i < 200; i++) {
                    String key = "wechatpay:EV-" + i;
                    if (s.notifications().markIfAbsent(key, Duration.ofHours(25))) {
                        processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            });
        }
        runAll(tasks);
        assertThat(processed).hasSize(200);
        assertThat(processed.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        long ttl = redis().pttl(states.get(0).keyPrefix() + ":processed:wechatpay:EV-7");
        assertThat(ttl).isGreaterThan(Duration.ofHours(24).toMillis()).isLessThanOrEqualTo(Duration.ofHours(25).toMillis());
    }

    @Test
    @DisplayName("held permits: counted while in flight on any instance, and for a whole window after their release")
    void heldPermitsAcrossInstances() {
        List<RedisSharedState> pods = instances(2);
        PermitSource.Budget budget = new PermitSource.Budget("xiaoe", "a", "list", 2, Duration.ofMillis(400));
        PermitSource.Attempt a = pods.get(0).permits().tryHold(budget);
        PermitSource.Attempt b = pods.get(1).permits().tryHold(budget);
        assertThat(a.granted()).isTrue();
        assertThat(b.granted()).isTrue();
        sleep(900); // both in flight for more than two windows: grant-time permits would have freed long ago
        PermitSource.Attempt c = pods.get(1).permits().tryHold(budget);
        assertThat(c.granted()).isFalse();
        assertThat(c.retryAfter()).as("a short poll while every permit is in flight").isPositive()
                .isLessThanOrEqualTo(Duration.ofMillis(10));

        a.permit().release();
        a.permit().release(); // idempotent
        assertThat(pods.get(1).permits().tryHold(budget).granted()).as("just released: its window starts now").isFalse();
        Duration wait = pods.get(1).permits().tryHold(budget).retryAfter();
        assertThat(wait).as("until a window after the release").isGreaterThan(Duration.ofMillis(300))
                .isLessThanOrEqualTo(Duration.ofMillis(400));
        sleep(450);
        PermitSource.Attempt d = pods.get(1).permits().tryHold(budget);
        assertThat(d.granted()).isTrue();
        assertThat(pods.get(0).permits().tryHold(budget).granted()).as("b still in flight, d taken").isFalse();
        b.permit().release();
        d.permit().release();
        assertThat(redis().pttl(pods.get(0).keyPrefix() + ":permits:xiaoe:a:list"))
                .as("the log outlives a permit's longest hold").isGreaterThan(PermitSource.MAX_HOLD.toMillis());
    }

    @Test
    @DisplayName("every key the state writes carries a time-to-live: permit logs, tokens, token locks, processed ids")
    void everyKeyExpires() throws Exception {
        RedisSharedState s = instances(1).get(0);
        s.permits().tryAcquire(new PermitSource.Budget("xiaoe", "a", "list", 5, Duration.ofSeconds(10)));
        s.tokens().get("xiaoe:a", Duration.ZERO, Duration.ofSeconds(1),
                o -> new TokenStore.Token(Secret.of("t"), Instant.now().plus(Duration.ofHours(2))));
        s.notifications().markIfAbsent("wechatpay:EV-1", Duration.ofHours(25));
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<TokenStore.Token> held = pool.submit(() -> s.tokens().get("xiaoe:b", Duration.ZERO, Duration.ofSeconds(5), o -> {
            fetching.countDown();
            await(release);
            return new TokenStore.Token(Secret.of("u"), Instant.now().plus(Duration.ofHours(2)));
        }));
        assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            Set<String> keys = keys(s.keyPrefix() + ":*");
            assertThat(keys).contains(s.keyPrefix() + ":permits:xiaoe:a:list", s.keyPrefix() + ":token:xiaoe:a",
                    s.keyPrefix() + ":token-lock:xiaoe:b", s.keyPrefix() + ":processed:wechatpay:EV-1");
            for (String key : keys) {
                assertThat(redis().pttl(key)).as("time-to-live of %s", key).isPositive();
            }
            assertThat(redis().pttl(s.keyPrefix() + ":token:xiaoe:a")).isGreaterThan(Duration.ofMinutes(119).toMillis());
            assertThat(redis().pttl(s.keyPrefix() + ":token-lock:xiaoe:b")).isLessThanOrEqualTo(30_000);
        } finally {
            release.countDown();
            held.get();
        }
        for (String key : keys(s.keyPrefix() + ":*")) {
            assertThat(redis().pttl(key)).as("time-to-live of %s", key).isPositive();
        }
    }

    static Set<String> keys(String pattern) {
        Set<String> keys = new java.util.TreeSet<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis().scan(cursor, KeyScanArgs.Builder.matches(pattern).limit(1000));
            keys.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return keys;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
