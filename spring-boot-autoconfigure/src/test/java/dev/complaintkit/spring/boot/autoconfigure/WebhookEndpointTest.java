/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.test.context.ActiveProfiles;

/**
 * A running application on a random port receives real WeChat Pay notifications (signed with the
 * test kit's platform key, resource AES-256-GCM-encrypted under the APIv3 key) at its webhook.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = WebhookEndpointTest.App.class)
@ActiveProfiles("webhook")
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("the notification webhook in a running application")
class WebhookEndpointTest {
    private static final String EXPLODE = "200000000000000000000000666";
    private static final AtomicInteger IDS = new AtomicInteger();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        Exploder exploder() {
            return new Exploder();
        }

        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    /** Records every event it is given. */
    static class Recorder {
        final List<ComplaintNotificationEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        @Order(1)
        void on(ComplaintNotificationEvent e) {
            events.add(e);
        }

        long count(String eventId) {
            return events.stream().filter(e -> e.event().eventId().equals(eventId)).count();
        }
    }

    /** Throws on one complaint, after the recorder saw it. */
    static class Exploder {
        @EventListener
        @Order(2)
        void on(ComplaintNotificationEvent e) {
            if (e.event().complaintId().value().equals(EXPLODE)) {
                throw new IllegalStateException("this listener fails on purpose");
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Recorder recorder;

    @Autowired
    TestObservationRegistry observations;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> deliver(byte[] body, Map<String, String> headers) throws Exception {
        return post("/complaintkit/notifications/shop1", body, headers);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Delivers a fresh valid event and waits until a listener has it. With one publishing thread,
     * events are published in order: everything accepted before it has been published too.
     */
    private void drain() throws Exception {
        String id = "sentinel-" + IDS.incrementAndGet();
        byte[] body = WechatPayNotifications.body(id, "200000000000000000000000999");
        assertThat(deliver(body, WechatPayNotifications.headers(body, Instant.now())).statusCode()).isEqualTo(204);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (recorder.count(id) == 0) {
            if (System.nanoTime() > until) {
                fail("the sentinel notification " + id + " never reached the listener");
            }
            Thread.sleep(5);
        }
    }

    @Test
    @DisplayName("a valid notification delivered three times is acknowledged three times and reaches the listener once")
    void validOnce() throws Exception {
        String id = "evt-valid-" + IDS.incrementAndGet();
        byte[] body = WechatPayNotifications.body(id, "200000000000000000000000001");
        Map<String, String> headers = WechatPayNotifications.headers(body, Instant.now());
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = deliver(body, headers);
            assertThat(r.statusCode()).as("delivery %d", i + 1).isEqualTo(204);
            assertThat(r.body()).isEmpty();
        }
        drain();
        assertThat(recorder.count(id)).isEqualTo(1);
        ComplaintNotificationEvent e = recorder.events.stream().filter(x -> x.event().eventId().equals(id)).findFirst().orElseThrow();
        assertThat(e.clientName()).isEqualTo("shop1");
        assertThat(e.client().name()).isEqualTo("shop1");
        assertThat(e.event().complaintId().value()).isEqualTo("200000000000000000000000001");
        assertThat(e.event().rawType()).isEqualTo("COMPLAINT.CREATE");
        assertThat(e.event().action()).isEqualTo("CREATE_COMPLAINT");
        TestObservationRegistryAssert.assertThat(observations).hasAnObservation(o -> o
                .hasNameEqualTo("complaintkit.client.requests").hasLowCardinalityKeyValue("outcome", "duplicate")
                .hasLowCardinalityKeyValue("client", "shop1"));
    }

    @Test
    @DisplayName("a bad signature, a stale time stamp and a signature probe are refused with WeChat's failure answer and reach no listener")
    void refused(CapturedOutput output) throws Exception {
        String badSig = "evt-badsig-" + IDS.incrementAndGet();
        byte[] b1 = WechatPayNotifications.body(badSig, "200000000000000000000000002");
        Map<String, String> h1 = WechatPayNotifications.headers(b1, Instant.now());
        byte[] other = WechatPayNotifications.body("someone-else", "200000000000000000000000002");
        h1.put("Wechatpay-Signature", WechatPayNotifications.headers(other, Instant.now()).get("Wechatpay-Signature"));

        String stale = "evt-stale-" + IDS.incrementAndGet();
        byte[] b2 = WechatPayNotifications.body(stale, "200000000000000000000000003");
        Map<String, String> h2 = WechatPayNotifications.headers(b2, Instant.now().minus(Duration.ofMinutes(10)));

        String probe = "evt-probe-" + IDS.incrementAndGet();
        byte[] b3 = WechatPayNotifications.body(probe, "200000000000000000000000004");
        Map<String, String> h3 = WechatPayNotifications.headers(b3, Instant.now());
        h3.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + h3.get("Wechatpay-Signature"));

        for (HttpResponse<String> r : List.of(deliver(b1, h1), deliver(b2, h2), deliver(b3, h3))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body()).contains("\"code\":\"FAIL\"").contains("signature verification failed");
        }
        HttpResponse<String> unsigned = deliver(b1, Map.of());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        drain();
        assertThat(recorder.count(badSig) + recorder.count(stale) + recorder.count(probe)).isZero();
        assertThat(output.getOut() + output.getErr())
                .contains("[shop1] refused a notification delivery (SIGNATURE)")
                .contains("[shop1] refused a notification delivery (STALE)")
                .doesNotContain(new String(b1, StandardCharsets.UTF_8))
                .doesNotContain(WechatPayTestKeys.API_V3_KEY);
        TestObservationRegistryAssert.assertThat(observations).hasAnObservation(o -> o
                .hasNameEqualTo("complaintkit.client.requests").hasLowCardinalityKeyValue("outcome", "refused")
                .hasLowCardinalityKeyValue("error.type", "stale"));
    }

    @Test
    @DisplayName("a listener that throws does not turn an acknowledged delivery into a failure, nor stop later events")
    void throwingListener(CapturedOutput output) throws Exception {
        String id = "evt-explode-" + IDS.incrementAndGet();
        byte[] body = WechatPayNotifications.body(id, EXPLODE);
        Map<String, String> headers = WechatPayNotifications.headers(body, Instant.now());
        assertThat(deliver(body, headers).statusCode()).isEqualTo(204);
        drain();
        assertThat(deliver(body, headers).statusCode()).as("the re-delivery is acknowledged, not re-published").isEqualTo(204);
        drain();
        assertThat(recorder.count(id)).isEqualTo(1);
        assertThat(output.getOut() + output.getErr()).contains("[shop1] a listener failed on notification " + id)
                .contains("this listener fails on purpose");
    }

    @Test
    @DisplayName("a body over complaintkit.webhook.max-body-size is refused unread with 413")
    void tooLarge() throws Exception {
        byte[] body = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThat(deliver(body, WechatPayNotifications.headers(body, Instant.now())).statusCode()).isEqualTo(413);
    }

    @Test
    @DisplayName("an unknown client name is 404 and reaches no client")
    void unknownClient() throws Exception {
        byte[] body = WechatPayNotifications.body("evt-nobody", "200000000000000000000000005");
        assertThat(post("/complaintkit/notifications/shop9", body, WechatPayNotifications.headers(body, Instant.now())).statusCode())
                .isEqualTo(404);
    }

    @Test
    @DisplayName("health shows the client without calling WeChat; env and configprops mask the secrets")
    void actuator() throws Exception {
        HttpResponse<String> health = get("/actuator/health/complaintkit");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"shop1\"").contains("\"provider\":\"wechatpay\"").contains("\"status\":\"UP\"")
                .contains("\"rateLimit\"");

        HttpResponse<String> env = get("/actuator/env/complaintkit.clients.shop1.api-v3-key");
        assertThat(env.statusCode()).isEqualTo(200);
        assertThat(env.body()).contains("******").doesNotContain(WechatPayTestKeys.API_V3_KEY);
        assertThat(get("/actuator/env/complaintkit.clients.shop1.mchid").body()).contains(WechatPayTestKeys.MCHID);

        HttpResponse<String> props = get("/actuator/configprops");
        assertThat(props.statusCode()).isEqualTo(200);
        assertThat(props.body()).contains("complaintkit").contains(WechatPayTestKeys.MCHID)
                .doesNotContain(WechatPayTestKeys.API_V3_KEY);
    }
}
