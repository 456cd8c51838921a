/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.SharedState;
import dev.complaintkit.error.SharedStateException;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.redis.RedisSharedState;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("complaintkit Redis auto-configuration")
class ComplaintKitRedisAutoConfigurationTest {
    private static final String PASSWORD = "redis-test-password-1";

    @RegisterExtension
    static final RedisTestServer REDIS = new RedisTestServer(List.of("--requirepass", PASSWORD));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ComplaintKitRedisAutoConfiguration.class,
                    ComplaintKitAutoConfiguration.class, ComplaintKitWebhookAutoConfiguration.class));

    private static String[] withClient(String... redis) {
        return Stream.concat(Stream.of(redis), Stream.of(WechatPayNotifications.client("shop1"))).toArray(String[]::new);
    }

    /** @return a loopback port with nothing listening (taken and released) */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Nested
    @DisplayName("not active")
    class Inactive {
        @Test
        @DisplayName("without complaintkit.redis.uri: no Redis beans, the in-memory notification store")
        void noUri() {
            runner.withPropertyValues(withClient("complaintkit.redis.key-prefix=shop")).run(ctx -> {
                assertThat(ctx).hasNotFailed().doesNotHaveBean(RedisSharedState.class).doesNotHaveBean(SharedState.class)
                        .hasSingleBean(ProcessedNotifications.class).hasSingleBean(ComplaintClient.class);
            });
        }

        @Test
        @DisplayName("Lettuce not on the class path: no Redis beans even with a uri")
        void noLettuce() {
            runner.withClassLoader(new FilteredClassLoader("io.lettuce."))
                    .withPropertyValues(withClient("complaintkit.redis.uri=" + REDIS.uri())).run(ctx -> {
                        assertThat(ctx).hasNotFailed().doesNotHaveBean(RedisSharedState.class)
                                .doesNotHaveBean(SharedState.class).hasSingleBean(ComplaintClient.class);
                    });
        }

        @Test
        @DisplayName("complaintkit-redis not on the class path: no Redis beans even with a uri")
        void noModule() {
            runner.withClassLoader(new FilteredClassLoader(RedisSharedState.class))
                    .withPropertyValues(withClient("complaintkit.redis.uri=" + REDIS.uri())).run(ctx -> {
                        assertThat(ctx).hasNotFailed().doesNotHaveBean(RedisSharedState.class)
                                .doesNotHaveBean(SharedState.class);
                    });
        }
    }

    @Nested
    @DisplayName("against a real redis-server")
    class Real {
        private String[] settings(String prefix) {
            return withClient("complaintkit.redis.uri=" + REDIS.uri(), "complaintkit.redis.password=" + PASSWORD,
                    "complaintkit.redis.key-prefix=" + prefix);
        }

        @Test
        @DisplayName("uri, password and prefix bound: a pinged RedisSharedState, its SharedState, its notification store")
        void beans() {
            runner.withPropertyValues(settings("spring-beans")).run(ctx -> {
                assertThat(ctx).hasNotFailed().hasSingleBean(RedisSharedState.class).hasSingleBean(SharedState.class)
                        .hasSingleBean(ProcessedNotifications.class);
                RedisSharedState redis = ctx.getBean(RedisSharedState.class);
                assertThat(redis.keyPrefix()).isEqualTo("spring-beans");
                assertThat(redis.ping()).as("authenticated with complaintkit.redis.password").isTrue();
                assertThat(redis.toString()).doesNotContain(PASSWORD);
                assertThat(ctx.getBean(SharedState.class)).isSameAs(redis.sharedState());
                assertThat(ctx.getBean(ProcessedNotifications.class)).isSameAs(redis.notifications());
                assertThat(ctx.getBean(SharedState.class).permits()).isSameAs(redis.permits());
                assertThat(ctx.getBean(SharedState.class).tokens()).isSameAs(redis.tokens());
            });
        }

        @Test
        @DisplayName("two application instances on one Redis: a notification delivered to both is processed once")
        void twoInstancesDedupe() {
            String[] props = settings("spring-two");
            var delivery = WechatPayNotifications.delivery("evt-redis-1", "200000000000000000000000101");
            runner.withPropertyValues(props).run(first -> runner.withPropertyValues(props).run(second -> {
                assertThat(first).hasNotFailed();
                assertThat(second).hasNotFailed();
                assertThat(first.getBean(RedisSharedState.class)).isNotSameAs(second.getBean(RedisSharedState.class));
                assertThat(first.getBean(ComplaintClient.class).receive(delivery))
                        .isInstanceOf(NotificationResult.Accepted.class);
                assertThat(second.getBean(ComplaintClient.class).receive(delivery))
                        .as("the other instance saw it through Redis").isInstanceOf(NotificationResult.Duplicate.class);
            }));
        }

        @Test
        @DisplayName("an application's own SharedState bean wins over the Redis one, for the clients and the dedupe")
        void userSharedState() {
            SharedState own = SharedState.isolated();
            runner.withPropertyValues(settings("spring-own")).withBean(SharedState.class, () -> own).run(ctx -> {
                assertThat(ctx).hasNotFailed().hasSingleBean(SharedState.class);
                assertThat(ctx.getBean(SharedState.class)).isSameAs(own);
                assertThat(ctx.getBean(ProcessedNotifications.class)).isSameAs(own.notifications());
            });
        }
    }

    @Nested
    @DisplayName("Redis unreachable")
    class Unreachable {
        @Test
        @DisplayName("start-up is not fatal; notifications fail closed (typed, retryable error) by default")
        void failClosed() throws IOException {
            runner.withPropertyValues(withClient("complaintkit.redis.uri=redis://127.0.0.1:" + deadPort(),
                    "complaintkit.redis.unavailable-wait=0s", "complaintkit.redis.connect-timeout=200ms")).run(ctx -> {
                        assertThat(ctx).hasNotFailed().hasSingleBean(RedisSharedState.class);
                        assertThat(ctx.getBean(RedisSharedState.class).ping()).isFalse();
                        ProcessedNotifications store = ctx.getBean(ProcessedNotifications.class);
                        assertThatThrownBy(() -> store.markIfAbsent("evt-x", Duration.ofMinutes(1)))
                                .isInstanceOf(SharedStateException.class);
                    });
        }

        @Test
        @DisplayName("with complaintkit.redis.notifications.failure-mode=fall-back-to-jvm: in-JVM dedupe instead")
        void fallBack() throws IOException {
            runner.withPropertyValues(withClient("complaintkit.redis.uri=redis://127.0.0.1:" + deadPort(),
                    "complaintkit.redis.unavailable-wait=0s", "complaintkit.redis.connect-timeout=200ms",
                    "complaintkit.redis.notifications.failure-mode=fall-back-to-jvm")).run(ctx -> {
                        assertThat(ctx).hasNotFailed();
                        ProcessedNotifications store = ctx.getBean(ProcessedNotifications.class);
                        assertThat(store.markIfAbsent("evt-y", Duration.ofMinutes(1))).isTrue();
                        assertThat(store.markIfAbsent("evt-y", Duration.ofMinutes(1))).isFalse();
                    });
        }
    }

    @Nested
    @DisplayName("settings")
    class Settings {
        @Test
        @DisplayName("bad and unknown settings fail start-up, each named as complaintkit.redis.<setting>")
        void bad() {
            runner.withPropertyValues("complaintkit.redis.uri=http://127.0.0.1:1", "complaintkit.redis.keyPrefix=bad prefix!",
                    "complaintkit.redis.bogus=1").run(ctx -> {
                        assertThat(ctx).hasFailed();
                        Throwable cause = ctx.getStartupFailure();
                        while (cause != null && !(cause instanceof ComplaintClientsConfigurationException)) {
                            cause = cause.getCause();
                        }
                        assertThat(cause).isNotNull();
                        assertThat(((ComplaintClientsConfigurationException) cause).violations())
                                .extracting(v -> v.field())
                                .contains("complaintkit.redis.uri", "complaintkit.redis.key-prefix", "complaintkit.redis.bogus");
                    });
        }

        @Test
        @DisplayName("complaintkit.redis.password is masked in /actuator/env; the uri is not")
        void sanitized() {
            ComplaintKitSanitizingFunction f = new ComplaintKitSanitizingFunction();
            assertThat(f.apply(new SanitizableData(null, "complaintkit.redis.password", "pw")).getValue())
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
            assertThat(f.apply(new SanitizableData(null, "complaintkit.redis.uri", "redis://h:1")).getValue())
                    .isEqualTo("redis://h:1");
        }

        @Test
        @DisplayName("every complaintkit.redis property is in the configuration metadata, with a description")
        void metadata() throws Exception {
            JsonNode root;
            try (InputStream in = ComplaintKitProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
                assertThat(in).isNotNull();
                root = new ObjectMapper().readTree(in);
            }
            List<String> names = new ArrayList<>();
            root.path("properties").forEach(p -> {
                if (p.path("name").asText().startsWith("complaintkit.redis.")) {
                    names.add(p.path("name").asText());
                    assertThat(p.path("description").asText()).isNotBlank();
                }
            });
            assertThat(names).contains("complaintkit.redis.uri", "complaintkit.redis.password", "complaintkit.redis.username",
                    "complaintkit.redis.key-prefix", "complaintkit.redis.failure-mode",
                    "complaintkit.redis.permits.failure-mode", "complaintkit.redis.tokens.failure-mode",
                    "complaintkit.redis.notifications.failure-mode", "complaintkit.redis.unavailable-wait");
        }
    }
}
