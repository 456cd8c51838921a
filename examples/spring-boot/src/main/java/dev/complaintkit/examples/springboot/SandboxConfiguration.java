/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.spring.boot.autoconfigure.ComplaintClientCustomizer;
import dev.complaintkit.spring.boot.autoconfigure.ComplaintClients;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The sandbox's fake merchant {@code demo}: the test kit's in-memory provider, seeded with a few
 * complaints, given to the client by a {@link ComplaintClientCustomizer} (the fake is never found on
 * the class path by itself). Once the application is up it delivers one notification to its own
 * webhook, so the whole flow shows in the log.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
public class SandboxConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    /** @return the fake provider behind {@code demo} */
    @Bean
    FakeComplaintProvider sandboxFakeProvider() {
        return FakeComplaintProvider.create().seed(6, 2);
    }

    /** @param fake the fake @return the customizer that puts it behind every {@code provider: fake} client */
    @Bean
    ComplaintClientCustomizer sandboxFakeCustomizer(FakeComplaintProvider fake) {
        return (name, providerId, builder) -> {
            if (providerId.equals(FakeComplaintProvider.ID)) {
                builder.provider(fake);
            }
        };
    }

    /** Delivers one notification about the demo's first pending complaint to the running webhook. */
    @Bean
    SandboxKickoff sandboxKickoff(FakeComplaintProvider fake, ComplaintClients clients,
            @Value("${complaintkit.webhook.path:/complaintkit/notifications}") String path,
            @Value("${merchant.sandbox-kickoff:true}") boolean enabled) {
        return new SandboxKickoff(fake, clients, path, enabled);
    }

    /** Sends the first notification once the server is up. */
    static final class SandboxKickoff {
        private final FakeComplaintProvider fake;
        private final ComplaintClients clients;
        private final String path;
        private final boolean enabled;

        SandboxKickoff(FakeComplaintProvider fake, ComplaintClients clients, String path, boolean enabled) {
            this.fake = fake;
            this.clients = clients;
            this.path = path;
            this.enabled = enabled;
        }

        @EventListener
        void ready(ApplicationReadyEvent ready) throws Exception {
            String port = ready.getApplicationContext().getEnvironment().getProperty("local.server.port");
            ComplaintClient demo = clients.find("demo").orElse(null);
            if (!enabled || port == null || demo == null) {
                return;
            }
            Complaint first = fake.complaints().stream().filter(c -> c.state() == ComplaintState.PENDING).findFirst().orElseThrow();
            NotificationDelivery d = fake.notification("evt-sandbox-1", first.id());
            String body = new String(d.body(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("COMPLAINT.STATE_CHANGE", "COMPLAINT.CREATE").replace("USER_RESPONSE", "CREATE_COMPLAINT");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "/demo"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
            d.headers().forEach((k, v) -> request.header(k, v.get(0)));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            LOG.info("sandbox: delivered a notification about {} to {}{}/demo: answered {} {}", first.id().value(),
                    "http://127.0.0.1:" + port, path, answer.statusCode(), answer.body());
        }
    }
}
