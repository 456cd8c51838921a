/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.PermitSource;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.SharedStateException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.redis.RedisSharedState.FailureMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings, validation and authentication, against a real {@code redis-server} that requires a password. */
@Timeout(60)
class RedisSettingsTest {
    static final String PASSWORD = "s3cr3t-redis-pass-7f1e";

    @RegisterExtension
    static final RedisServer REDIS = new RedisServer(List.of("--requirepass", PASSWORD));

    static final PermitSource.Budget BUDGET = new PermitSource.Budget("xiaoe", "app", "list", 10, Duration.ofSeconds(10));

    @Test
    @DisplayName("every bad setting is reported at once, naming the field and the rule; a URI with credentials is refused without echoing them")
    void everyViolationAtOnce() {
        assertThatThrownBy(() -> RedisSharedState.builder().uri("redis://user:" + PASSWORD + "@localhost:6379")
                .keyPrefix("has space").commandTimeout(Duration.ZERO).unavailableWait(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("uri", "no-credentials"),
                            org.assertj.core.groups.Tuple.tuple("keyPrefix", "pattern"),
                            org.assertj.core.groups.Tuple.tuple("commandTimeout", "range"),
                            org.assertj.core.groups.Tuple.tuple("unavailableWait", "range"));
                    assertThat(e.getMessage()).doesNotContain(PASSWORD);
                });
        assertThatThrownBy(() -> RedisSharedState.builder().uri("http://localhost:6379").build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("scheme"));
        assertThatThrownBy(() -> RedisSharedState.builder().uri("redis://localhost/x").build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations()).extracting(Violation::rule).containsExactly("database"));
    }

    @Test
    @DisplayName("properties build the same state; an unknown key or a bad failure mode is reported with the others")
    void fromProperties() {
        try (RedisSharedState s = RedisSharedState.fromProperties(Map.of("redis.uri", REDIS.uri(), "redis.password", PASSWORD,
                "redis.key-prefix", "props", "redis.failure-mode", "fall-back-to-jvm", "redis.notifications.failure-mode",
                "fail-closed", "redis.command-timeout", "1s", "other.key", "ignored"))) {
            assertThat(s.toString()).contains("127.0.0.1:" + REDIS.port(), "prefix props", "permits FALL_BACK_TO_JVM",
                    "tokens FALL_BACK_TO_JVM", "notifications FAIL_CLOSED").doesNotContain(PASSWORD);
            assertThat(s.permits().tryAcquire(BUDGET)).isZero();
        }
        assertThatThrownBy(() -> RedisSharedState.fromProperties(Map.of("redis.uri", REDIS.uri(), "redis.failure-mode", "sometimes",
                "redis.pasword", PASSWORD)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).contains("redis.failure-mode", "redis.pasword");
                    assertThat(e.getMessage()).doesNotContain(PASSWORD);
                });
    }

    @Test
    @DisplayName("the password from a Secret authenticates; toString never shows it; a wrong password fails closed, typed, without it in the message")
    void passwordAuthenticates() {
        try (RedisSharedState s = RedisSharedState.builder().uri(REDIS.uri()).password(Secret.of(PASSWORD)).keyPrefix("auth").build()) {
            assertThat(s.permits().tryAcquire(BUDGET)).isZero();
            assertThat(s.notifications().markIfAbsent("wechatpay:EV-1", Duration.ofHours(1))).isTrue();
            assertThat(s.toString()).doesNotContain(PASSWORD);
            assertThat(s.sharedState().toString()).doesNotContain(PASSWORD);
        }
        try (RedisSharedState wrong = RedisSharedState.builder().uri(REDIS.uri()).password(Secret.of("not-" + PASSWORD))
                .failureMode(FailureMode.FAIL_CLOSED).unavailableWait(Duration.ofMillis(100)).build()) {
            assertThatThrownBy(() -> wrong.permits().tryAcquire(BUDGET))
                    .isInstanceOfSatisfying(SharedStateException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain(PASSWORD);
                        assertThat(e.isRetryable()).isTrue();
                    });
        }
        try (RedisSharedState none = RedisSharedState.builder().uri(REDIS.uri()).unavailableWait(Duration.ZERO).build()) {
            assertThatThrownBy(() -> none.notifications().markIfAbsent("wechatpay:EV-2", Duration.ofHours(1)))
                    .isInstanceOf(SharedStateException.class);
        }
    }
}
