/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import jakarta.servlet.Filter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Allinpay posts {@code application/x-www-form-urlencoded}: a filter that asks the request for a
 * parameter (Spring's {@code HiddenHttpMethodFilter}, Spring Security's CSRF filter, request
 * logging) makes the servlet container consume the body as parameters. The webhook still hands the
 * provider the raw bytes it must verify.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = AllinpayFormBodyWebhookTest.App.class,
        properties = "spring.mvc.hiddenmethod.filter.enabled=true")
@DisplayName("the notification webhook behind filters that read form parameters")
class AllinpayFormBodyWebhookTest {
    private static final AllinpaySimulator SIM = AllinpaySimulator.builder().build().start();

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry r) {
        AllinpayNotifications.client(r, "mall", "RSA", SIM);
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        final List<ComplaintNotificationEvent> events = new CopyOnWriteArrayList<>();
        final List<Map<String, String[]>> parameters = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ComplaintNotificationEvent e) {
            events.add(e);
        }

        /** An application filter that reads every request's parameters, ordered as early as it can be. */
        @Bean
        FilterRegistrationBean<Filter> parameterReadingFilter() {
            FilterRegistrationBean<Filter> f = new FilterRegistrationBean<>((request, response, chain) -> {
                parameters.add(request.getParameterMap());
                chain.doFilter(request, response);
            });
            f.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return f;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    App app;

    @Test
    @DisplayName("a form notification is verified from its raw bytes after a filter read the parameters, and answered `success`")
    void rawBytesReachTheProvider() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + port + "/complaintkit/notifications/mall");
        String id = "200000000000000000000000777";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] body = SIM.notification(id, "CREATE_COMPLAINT", "RSA").body();
        HttpResponse<String> r = AllinpayNotifications.post(http, url, body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("success");
        assertThat(app.parameters).as("the application's filter ran").isNotEmpty();

        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (app.events.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(app.events).hasSize(1);
        assertThat(app.events.get(0).event().complaintId().value()).isEqualTo(id);

        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace(id, "200000000000000000000000778")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = AllinpayNotifications.post(http, url, tampered);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).isEqualTo("fail");
    }
}
