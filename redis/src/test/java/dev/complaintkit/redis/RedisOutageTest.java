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
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis killed in the middle of a run, then started again on the same port. */
@Timeout(60)
class RedisOutageTest {
    @RegisterExtension
    static final RedisServer REDIS = new RedisServer();
    static final AtomicInteger PREFIXES = new AtomicInteger();

    final Logger logger = Logger.getLogger("dev.complaintkit.redis");
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    RedisSharedState state;

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
        logger.setLevel(Level.ALL);
    }

    @AfterEach
    void release() throws Exception {
        logger.removeHandler(capture);
        if (state != null) {
            state.close();
        }
        if (REDIS.port() != 0 && !pingable()) {
            REDIS.restart();
        }
    }

    boolean pingable() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", REDIS.port())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    RedisSharedState build(FailureMode mode) {
        state = RedisSharedState.builder().uri(REDIS.uri()).keyPrefix("outage" + PREFIXES.incrementAndGet())
                .failureMode(mode).unavailableWait(Duration.ofMillis(300)).build();
        return state;
    }

    static final PermitSource.Budget BUDGET = new PermitSource.Budget("xiaoe", "app", "list", 1000, Duration.ofSeconds(10));

    /** Polls until the state answers from Redis again; Lettuce reconnects in the background. */
    static void awaitRecovery(Runnable call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (SharedStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    @DisplayName("fail closed: with Redis killed, permits and dedupe wait at most the unavailable-wait, then a typed, retryable error; when Redis returns on the same port they work again")
    void failClosedThenRecover() throws Exception {
        RedisSharedState s = build(FailureMode.FAIL_CLOSED);
        awaitRecovery(() -> assertThat(s.permits().tryAcquire(BUDGET)).isZero()); // a cold first connection may be slow
        assertThat(s.notifications().markIfAbsent("wechatpay:EV-1", Duration.ofHours(1))).isTrue();
        REDIS.kill();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> s.permits().tryAcquire(BUDGET))
                    .isInstanceOfSatisfying(SharedStateException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("unreachable").contains("fails closed after waiting PT0.3S");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("bounded, not unbounded").isLessThan(Duration.ofSeconds(5));
        }
        assertThatThrownBy(() -> s.notifications().markIfAbsent("wechatpay:EV-2", Duration.ofHours(1)))
                .isInstanceOf(SharedStateException.class);
        assertThatThrownBy(() -> s.tokens().get("k", Duration.ZERO, Duration.ofSeconds(1),
                o -> new TokenStore.Token(Secret.of("t"), Instant.now().plusSeconds(60))))
                .isInstanceOf(SharedStateException.class);
        REDIS.restart();
        awaitRecovery(() -> assertThat(s.permits().tryAcquire(BUDGET)).isZero());
        assertThat(s.notifications().markIfAbsent("wechatpay:EV-2", Duration.ofHours(1))).isTrue();
        assertThat(s.notifications().markIfAbsent("wechatpay:EV-2", Duration.ofHours(1))).isFalse();
        assertThat(logged).noneMatch(r -> r.getLevel() == Level.WARNING);
    }

    @Test
    @DisplayName("fall back: with Redis killed, every call answers from the in-JVM state with one warning for the outage, the last token read from Redis is reused; after Redis returns the state is Redis again")
    void fallBackWithOneWarningThenRecover() throws Exception {
        RedisSharedState s = build(FailureMode.FALL_BACK_TO_JVM);
        try (RedisSharedState warm = RedisSharedState.builder().uri(REDIS.uri()).build()) {
            awaitRecovery(() -> warm.permits().tryAcquire(BUDGET)); // a cold start may be slow: not an outage
        }
        AtomicInteger fetches = new AtomicInteger();
        TokenStore.Token shared = s.tokens().get("xiaoe:app", Duration.ofMinutes(5), Duration.ofSeconds(1),
                o -> new TokenStore.Token(Secret.of("t" + fetches.incrementAndGet()), Instant.now().plus(Duration.ofHours(2))));
        assertThat(s.permits().tryAcquire(BUDGET)).isZero();
        REDIS.kill();
        for (int i = 0; i < 50; i++) {
            assertThat(s.permits().tryAcquire(BUDGET)).isZero();
        }
        PermitSource.Budget tiny = new PermitSource.Budget("xiaoe", "app", "tiny", 2, Duration.ofHours(1));
        assertThat(s.permits().tryAcquire(tiny)).isZero();
        assertThat(s.permits().tryAcquire(tiny)).isZero();
        assertThat(s.permits().tryAcquire(tiny)).as("the in-JVM log keeps the budget").isPositive();
        assertThat(s.notifications().markIfAbsent("wechatpay:EV-9", Duration.ofHours(1))).isTrue();
        assertThat(s.notifications().markIfAbsent("wechatpay:EV-9", Duration.ofHours(1))).isFalse();
        TokenStore.Token during = s.tokens().get("xiaoe:app", Duration.ofMinutes(5), Duration.ofSeconds(1),
                o -> new TokenStore.Token(Secret.of("t" + fetches.incrementAndGet()), Instant.now().plus(Duration.ofHours(2))));
        assertThat(during.value().reveal()).isEqualTo(shared.value().reveal());
        assertThat(fetches).as("no fetch: the token read from Redis is still valid").hasValue(1);
        assertThat(logged.stream().filter(r -> r.getLevel() == Level.WARNING)).hasSize(1);
        assertThat(logged.get(0).getMessage()).contains("unreachable").contains("in-JVM").doesNotContain(shared.value().reveal());

        REDIS.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (logged.stream().noneMatch(r -> r.getLevel() == Level.INFO) && System.nanoTime() < deadline) {
            s.permits().tryAcquire(BUDGET);
            Thread.sleep(50);
        }
        assertThat(logged.stream().filter(r -> r.getLevel() == Level.INFO).findFirst())
                .hasValueSatisfying(r -> assertThat(r.getMessage()).contains("reachable again"));
        try (RedisSharedState peer = RedisSharedState.builder().uri(REDIS.uri()).keyPrefix(s.keyPrefix()).build()) {
            assertThat(s.notifications().markIfAbsent("wechatpay:EV-10", Duration.ofHours(1))).isTrue();
            assertThat(peer.notifications().markIfAbsent("wechatpay:EV-10", Duration.ofHours(1)))
                    .as("shared through Redis again").isFalse();
        }
        assertThat(logged.stream().filter(r -> r.getLevel() == Level.WARNING)).hasSize(1);
    }
}
