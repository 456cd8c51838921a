/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.complaintkit.ClientObserver;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.ProcessedNotifications;
import dev.complaintkit.micrometer.ObservationClientObserver;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@DisplayName("complaintkit auto-configuration")
class ComplaintKitAutoConfigurationTest {
    private static final AutoConfigurations ALL = AutoConfigurations.of(ComplaintKitObservationAutoConfiguration.class,
            ComplaintKitAutoConfiguration.class, ComplaintKitHealthAutoConfiguration.class,
            ComplaintKitWebhookAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(ALL);

    private static String[] clients(String... names) {
        return Stream.of(names).flatMap(n -> Stream.of(WechatPayNotifications.client(n))).toArray(String[]::new);
    }

    @Nested
    @DisplayName("clients")
    class Clients {
        @Test
        @DisplayName("none configured: an empty registry, no client bean, the default notification store")
        void none() {
            runner.run(ctx -> {
                assertThat(ctx).hasNotFailed().hasSingleBean(ComplaintClients.class).doesNotHaveBean(ComplaintClient.class)
                        .hasSingleBean(ProcessedNotifications.class);
                assertThat(ctx.getBean(ComplaintClients.class).size()).isZero();
            });
        }

        @Test
        @DisplayName("one configured: a ComplaintClient bean named after it, keys read from classpath: resources")
        void one() {
            runner.withPropertyValues(clients("shop1")).run(ctx -> {
                assertThat(ctx).hasNotFailed().hasSingleBean(ComplaintClient.class).hasBean("shop1ComplaintClient");
                ComplaintClient client = ctx.getBean(ComplaintClient.class);
                assertThat(client.name()).isEqualTo("shop1");
                assertThat(client.providerId()).isEqualTo("wechatpay");
                assertThat(ctx.getBean(ComplaintClients.class).get("shop1")).isSameAs(client);
                assertThat(client.receive(WechatPayNotifications.delivery("evt-1", "200000000000000000000000001")))
                        .isInstanceOf(NotificationResult.Accepted.class);
            });
        }

        @Test
        @DisplayName("several configured: one bean per name, injected by @Qualifier, and a registry in configuration order")
        void several() {
            runner.withPropertyValues(clients("shop1", "shop2", "shop3")).withUserConfiguration(Injected.class).run(ctx -> {
                assertThat(ctx).hasNotFailed();
                assertThat(ctx.getBeansOfType(ComplaintClient.class)).hasSize(3);
                ComplaintClients registry = ctx.getBean(ComplaintClients.class);
                assertThat(registry.names()).containsExactly("shop1", "shop2", "shop3");
                assertThat(registry).extracting(ComplaintClient::name).containsExactly("shop1", "shop2", "shop3");
                Injected injected = ctx.getBean(Injected.class);
                assertThat(injected.shop2.name()).isEqualTo("shop2");
                assertThat(injected.shop3.name()).isEqualTo("shop3");
                assertThat(registry.find("shop4")).isEmpty();
            });
        }

        @Test
        @DisplayName("one store for all clients, each client's event ids apart: the same event id for two clients is new to each")
        void notificationsPerClient() {
            runner.withPropertyValues(clients("shop1", "shop2")).run(ctx -> {
                ComplaintClients registry = ctx.getBean(ComplaintClients.class);
                var d = WechatPayNotifications.delivery("evt-7", "200000000000000000000000007");
                assertThat(registry.get("shop1").receive(d)).isInstanceOf(NotificationResult.Accepted.class);
                assertThat(registry.get("shop2").receive(d)).isInstanceOf(NotificationResult.Accepted.class);
                assertThat(registry.get("shop1").receive(d)).isInstanceOf(NotificationResult.Duplicate.class);
            });
        }

        @Test
        @DisplayName("the application's ProcessedNotifications bean replaces the in-memory default")
        void ownStore() {
            Map<String, Duration> seen = new ConcurrentHashMap<>();
            ProcessedNotifications store = (key, ttl) -> seen.putIfAbsent(key, ttl) == null;
            runner.withPropertyValues(clients("shop1")).withBean(ProcessedNotifications.class, () -> store).run(ctx -> {
                assertThat(ctx).getBean(ProcessedNotifications.class).isSameAs(store);
                ctx.getBean(ComplaintClient.class).receive(WechatPayNotifications.delivery("evt-2", "200000000000000000000000002"));
                assertThat(seen).containsOnlyKeys("shop1/wechatpay:evt-2");
                assertThat(seen.get("shop1/wechatpay:evt-2")).isGreaterThanOrEqualTo(Duration.ofHours(25));
            });
        }

        @Test
        @DisplayName("the application's ClientObserver and ComplaintClientCustomizer beans are applied to every client")
        void observersAndCustomizers() {
            List<String> seen = new ArrayList<>();
            ClientObserver observer = call -> result -> seen.add(call.clientName() + " " + call.operationName() + " " + result.outcome().tag());
            List<String> customized = new ArrayList<>();
            ComplaintClientCustomizer customizer = (name, provider, builder) -> customized.add(name + "=" + provider);
            runner.withPropertyValues(clients("shop1", "shop2")).withBean(ClientObserver.class, () -> observer)
                    .withBean(ComplaintClientCustomizer.class, () -> customizer).run(ctx -> {
                        ctx.getBean(ComplaintClients.class).get("shop2").receive(
                                WechatPayNotifications.delivery("evt-3", "200000000000000000000000003"));
                        assertThat(seen).containsExactly("shop2 notifications success");
                        assertThat(customized).containsExactly("shop1=wechatpay", "shop2=wechatpay");
                    });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Injected {
        final ComplaintClient shop2;
        final ComplaintClient shop3;

        Injected(@Qualifier("shop2") ComplaintClient shop2, @Qualifier("shop3") ComplaintClient shop3) {
            this.shop2 = shop2;
            this.shop3 = shop3;
        }
    }

    @Nested
    @DisplayName("bad settings")
    class BadSettings {
        @Test
        @DisplayName("fail start-up with every violation of every client, by property name as written, and no secret value")
        void everyViolation() {
            String secret = "short-and-secret-api-v3-key";
            List<String> props = new ArrayList<>(List.of(clients("good")));
            props.addAll(List.of(
                    "complaintkit.clients.shop1.provider=wechatpay",
                    "complaintkit.clients.shop1.merchant-serial=" + WechatPayTestKeys.MERCHANT_SERIAL,
                    "complaintkit.clients.shop1.apiV3Key=" + secret,
                    "complaintkit.clients.shop1.private-key=file:/nonexistent/apiclient_key.pem",
                    "complaintkit.clients.shop1.platform-public-key-id=" + WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
                    "complaintkit.clients.shop1.platform-public-key=classpath:dev/complaintkit/testkit/wechatpay/keys/platform-public.pem",
                    "complaintkit.clients.shop1.colour=blue",
                    "complaintkit.clients.shop2.provider=nosuchprovider",
                    "complaintkit.clients.shop3.mchid=1900012181"));
            runner.withPropertyValues(props.toArray(String[]::new)).run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(ctx.getStartupFailure()).hasRootCauseInstanceOf(ComplaintClientsConfigurationException.class);
                FailureAnalysis analysis = new ComplaintClientsFailureAnalyzer().analyze(ctx.getStartupFailure());
                assertThat(analysis).isNotNull();
                String text = analysis.getDescription();
                assertThat(text)
                        .contains("Property: complaintkit.clients.shop1.mchid")
                        .contains("Property: complaintkit.clients.shop1.apiV3Key")
                        .contains("Property: complaintkit.clients.shop1.private-key\n    Reason: names file:/nonexistent/apiclient_key.pem, which does not exist [resource]")
                        .contains("Property: complaintkit.clients.shop1.colour")
                        .contains("Property: complaintkit.clients.shop2.provider\n    Reason: No complaint provider with id 'nosuchprovider'")
                        .contains("Property: complaintkit.clients.shop3.provider\n    Reason: is required")
                        .doesNotContain(secret)
                        .doesNotContain("complaintkit.clients.good")
                        .doesNotContain("wechatpay.api-v3-key")
                        .doesNotContain("private-key\n    Reason: is required");
                assertThat(analysis.getAction()).contains("complaintkit.clients.<name>.provider");
            });
        }
    }

    @Nested
    @DisplayName("Micrometer")
    class Micrometer {
        @Test
        @DisplayName("present with a registry: every client call is a complaintkit.client.requests observation")
        void present() {
            TestObservationRegistry registry = TestObservationRegistry.create();
            runner.withPropertyValues(clients("shop1")).withBean(ObservationRegistry.class, () -> registry).run(ctx -> {
                assertThat(ctx).hasSingleBean(ObservationClientObserver.class).hasSingleBean(HttpTransportDecorator.class);
                ctx.getBean(ComplaintClient.class).receive(WechatPayNotifications.delivery("evt-4", "200000000000000000000000004"));
                TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                        .hasNameEqualTo("complaintkit.client.requests")
                        .hasLowCardinalityKeyValue("client", "shop1")
                        .hasLowCardinalityKeyValue("provider", "wechatpay")
                        .hasLowCardinalityKeyValue("operation", "notifications")
                        .hasLowCardinalityKeyValue("outcome", "success");
            });
        }

        @Test
        @DisplayName("absent from the class path: no observer, clients work")
        void absent() {
            runner.withPropertyValues(clients("shop1")).withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed().doesNotHaveBean(ObservationClientObserver.class)
                                .doesNotHaveBean(HttpTransportDecorator.class);
                        assertThat(ctx.getBean(ComplaintClient.class).receive(
                                WechatPayNotifications.delivery("evt-5", "200000000000000000000000005")))
                                .isInstanceOf(NotificationResult.Accepted.class);
                    });
        }

        @Test
        @DisplayName("complaintkit-micrometer absent, or no registry bean, or turned off: no observer")
        void notUsed() {
            runner.withPropertyValues(clients("shop1")).withBean(ObservationRegistry.class, TestObservationRegistry::create)
                    .withClassLoader(new FilteredClassLoader(ObservationClientObserver.class))
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(HttpTransportDecorator.class));
            runner.withPropertyValues(clients("shop1"))
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ObservationClientObserver.class));
            runner.withPropertyValues(clients("shop1")).withPropertyValues("complaintkit.observations.enabled=false")
                    .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ObservationClientObserver.class));
        }
    }

    @Nested
    @DisplayName("webhook")
    class Webhook {
        private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(ALL);

        @Test
        @DisplayName("on in a servlet web application by default")
        void on() {
            web.withPropertyValues(clients("shop1")).run(ctx -> assertThat(ctx).hasNotFailed()
                    .hasSingleBean(ComplaintNotificationController.class).hasSingleBean(NotificationDispatcher.class));
        }

        @Test
        @DisplayName("off with complaintkit.webhook.enabled=false, and off outside a web application")
        void off() {
            web.withPropertyValues(clients("shop1")).withPropertyValues("complaintkit.webhook.enabled=false")
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplaintNotificationController.class));
            runner.withPropertyValues(clients("shop1"))
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplaintNotificationController.class));
        }

        @Test
        @DisplayName("complaintkit.webhook.path moves the endpoint: a signed delivery there is acknowledged, the default path is gone")
        void customPath() {
            web.withConfiguration(AutoConfigurations.of(
                            org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration.class,
                            org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration.class,
                            org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration.class))
                    .withPropertyValues(clients("shop1")).withPropertyValues("complaintkit.webhook.path=/hooks/wechat")
                    .run(ctx -> {
                        MockMvc mvc = MockMvcBuilders.webAppContextSetup(ctx).build();
                        var d = WechatPayNotifications.delivery("evt-path", "200000000000000000000000010");
                        HttpHeaders headers = new HttpHeaders();
                        d.headers().forEach(headers::addAll);
                        mvc.perform(post("/hooks/wechat/shop1").headers(headers).content(d.body()))
                                .andExpect(status().isNoContent());
                        mvc.perform(post("/hooks/wechat/shop1").headers(headers).content(d.body()))
                                .andExpect(status().isNoContent()); // the repeat, acknowledged
                        mvc.perform(post("/hooks/wechat/shop1").content(d.body()))
                                .andExpect(status().isUnauthorized());
                        mvc.perform(post("/complaintkit/notifications/shop1").headers(headers).content(d.body()))
                                .andExpect(status().isNotFound());
                    });
        }

        @Test
        @DisplayName("off without Spring MVC on the class path")
        void noMvc() {
            web.withPropertyValues(clients("shop1"))
                    .withClassLoader(new FilteredClassLoader(org.springframework.web.servlet.DispatcherServlet.class))
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(ComplaintNotificationController.class));
        }
    }

    @Nested
    @DisplayName("health and sanitising")
    class HealthAndSecrets {
        @Test
        @DisplayName("one health indicator per client, UP, with the last call, made without calling the provider")
        void health() {
            runner.withPropertyValues(clients("shop1", "shop2")).run(ctx -> {
                ComplaintClients clients = ctx.getBean(ComplaintClients.class);
                clients.get("shop1").receive(WechatPayNotifications.delivery("evt-6", "200000000000000000000000006"));
                CompositeHealthContributor composite = (CompositeHealthContributor) ctx.getBean("complaintkitHealthContributor",
                        HealthContributor.class);
                Health shop1 = ((HealthIndicator) composite.getContributor("shop1")).health();
                assertThat(shop1.getStatus()).isEqualTo(Status.UP);
                assertThat(shop1.getDetails()).containsEntry("provider", "wechatpay").containsEntry("calls", 1L)
                        .containsKeys("lastCall", "rateLimit", "capabilities");
                assertThat(((HealthIndicator) composite.getContributor("shop2")).health().getDetails())
                        .containsEntry("calls", 0L).doesNotContainKey("lastCall");
            });
        }

        @Test
        @DisplayName("off with management.health.complaintkit.enabled=false, and without actuator")
        void healthOff() {
            runner.withPropertyValues(clients("shop1")).withPropertyValues("management.health.complaintkit.enabled=false")
                    .run(ctx -> assertThat(ctx).doesNotHaveBean("complaintkitHealthContributor"));
            runner.withPropertyValues(clients("shop1")).withClassLoader(new FilteredClassLoader(HealthContributor.class))
                    .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("complaintkitHealthContributor"));
        }

        @Test
        @DisplayName("secret settings are masked, ids and public keys are not, other libraries' keys are left alone")
        void sanitising() {
            runner.run(ctx -> {
                ComplaintKitSanitizingFunction f = ctx.getBean(ComplaintKitSanitizingFunction.class);
                assertThat(masked(f, "complaintkit.clients.shop1.api-v3-key", "x".repeat(32))).isTrue();
                assertThat(masked(f, "complaintkit.clients.shop1.private-key", "file:/k.pem")).isTrue();
                assertThat(masked(f, "complaintkit.clients.y.md5-key", "abc")).isTrue();
                assertThat(masked(f, "complaintkit.clients.x.secret-key", "abc")).isTrue();
                assertThat(masked(f, "complaintkit.clients.x.secretKey", "abc")).isTrue();
                assertThat(masked(f, "api-v3-key", "abc")).as("configprops shows the leaf key").isTrue();
                assertThat(masked(f, "complaintkit.clients.shop1.mchid", "1900012181")).isFalse();
                assertThat(masked(f, "complaintkit.clients.shop1.platform-public-key", "-----BEGIN PUBLIC KEY-----")).isFalse();
                assertThat(masked(f, "complaintkit.clients.shop1.platform-public-key-id", "PUB_KEY_ID_1")).isFalse();
                assertThat(masked(f, "complaintkit.clients.shop1.whatever", "-----BEGIN PRIVATE KEY-----\nMII")).isTrue();
                assertThat(masked(f, "server.port", "8080")).isFalse();
            });
        }

        private boolean masked(ComplaintKitSanitizingFunction f, String key, String value) {
            return SanitizableData.SANITIZED_VALUE.equals(f.apply(new SanitizableData(null, key, value)).getValue());
        }
    }
}
