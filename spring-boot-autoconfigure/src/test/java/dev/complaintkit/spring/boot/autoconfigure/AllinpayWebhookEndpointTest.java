/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running application on a random port receives Allinpay's signed form notifications (made by the
 * test kit's {@link AllinpaySimulator} with its platform keys) at its webhook, for one client signing
 * {@code RSA} and one signing {@code SM2}, both configured through {@code complaintkit.clients.<name>.*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = AllinpayWebhookEndpointTest.App.class,
        // one publishing thread: events reach listeners in delivery order, so a later sentinel proves earlier ones are done
        properties = "complaintkit.webhook.threads=1")
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("the notification webhook in a running application, for Allinpay's form notifications")
class AllinpayWebhookEndpointTest {
    private static final String EXPLODE = "200000000000000000000000666";
    private static final AtomicInteger IDS = new AtomicInteger(100);
    private static final AllinpaySimulator SIM = AllinpaySimulator.builder().build().start();

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry r) {
        AllinpayNotifications.client(r, "mall", "RSA", SIM);
        AllinpayNotifications.client(r, "mallsm2", "SM2", SIM);
    }

    @AfterAll
    static void stop() {
        SIM.close();
    }

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
    }

    /** Records every event it is given. */
    static class Recorder {
        final List<ComplaintNotificationEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        @Order(1)
        void on(ComplaintNotificationEvent e) {
            events.add(e);
        }

        List<ComplaintNotificationEvent> about(String complaintId) {
            return events.stream().filter(e -> e.event().complaintId().value().equals(complaintId)).toList();
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private URI url(String client) {
        return URI.create("http://127.0.0.1:" + port + "/complaintkit/notifications/" + client);
    }

    private static String complaintId() {
        return "2000000000000000000000" + String.format("%05d", IDS.incrementAndGet());
    }

    /**
     * Delivers a fresh valid notification and waits until a listener has it. With one publishing
     * thread, events are published in order: everything accepted before it has been published too.
     */
    private void drain(String client, String signType) throws Exception {
        String id = complaintId();
        assertThat(SIM.deliverNotification(url(client), id, "CREATE_COMPLAINT", signType)).containsExactly("success");
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (recorder.about(id).isEmpty()) {
            if (System.nanoTime() > until) {
                fail("the sentinel notification about " + id + " never reached the listener");
            }
            Thread.sleep(5);
        }
    }

    private static void assertAcknowledged(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(200);
        assertThat(r.body()).as(what).isEqualTo("success");
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }

    private static void assertFailed(HttpResponse<String> r, String what) {
        assertThat(r.statusCode()).as(what).isEqualTo(400);
        assertThat(r.body()).as(what).isEqualTo("fail");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"mall, RSA", "mallsm2, SM2"})
    @DisplayName("a valid notification delivered three times is answered exactly `success` three times and reaches the listener once")
    void validOnce(String client, String signType) throws Exception {
        String id = complaintId();
        byte[] body = SIM.notification(id, "CREATE_COMPLAINT", signType).body();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("risktype=COMPLAINTV2").contains("&sign=");
        for (int i = 0; i < 3; i++) {
            assertAcknowledged(AllinpayNotifications.post(http, url(client), body), "delivery " + (i + 1));
        }
        // Allinpay's own delivery loop stops at the first answer that is exactly `success`
        assertThat(SIM.deliverNotification(url(client), id, "CREATE_COMPLAINT", signType)).containsExactly("success");
        drain(client, signType);

        List<ComplaintNotificationEvent> seen = recorder.about(id);
        assertThat(seen).hasSize(1);
        ComplaintNotificationEvent e = seen.get(0);
        assertThat(e.clientName()).isEqualTo(client);
        assertThat(e.client().name()).isEqualTo(client);
        assertThat(e.event().providerId()).isEqualTo("allinpay");
        assertThat(e.event().eventId()).startsWith("allinpay-");
        assertThat(e.event().type()).isEqualTo(ComplaintEvent.Type.CREATED);
        assertThat(e.event().rawType()).isEqualTo("COMPLAINTV2");
        assertThat(e.event().action()).isEqualTo("CREATE_COMPLAINT");
        assertThat(e.event().fields()).containsEntry("cusid", AllinpayTestKeys.CUSID).doesNotContainKey("sign");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"mall, RSA", "mallsm2, SM2"})
    @DisplayName("a later action on the same complaint is a new event, not a repeat")
    void laterActionIsNew(String client, String signType) throws Exception {
        String id = complaintId();
        assertThat(SIM.deliverNotification(url(client), id, "CREATE_COMPLAINT", signType)).containsExactly("success");
        assertThat(SIM.deliverNotification(url(client), id, "USER_RESPONSE", signType)).containsExactly("success");
        drain(client, signType);
        assertThat(recorder.about(id)).extracting(e -> e.event().action()).containsExactly("CREATE_COMPLAINT", "USER_RESPONSE");
        assertThat(recorder.about(id)).extracting(e -> e.event().type())
                .containsExactly(ComplaintEvent.Type.CREATED, ComplaintEvent.Type.STATE_CHANGED);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"mall, RSA", "mallsm2, SM2"})
    @DisplayName("a bad signature, a tampered body, a missing signature and the other sign type's signature are answered `fail` and reach no listener")
    void refused(String client, String signType, CapturedOutput output) throws Exception {
        String badSig = complaintId();
        byte[] b1 = SIM.tamperedNotification(badSig, "CREATE_COMPLAINT", signType).body();

        String tampered = complaintId();
        String forged = complaintId();
        String valid = new String(SIM.notification(tampered, "CREATE_COMPLAINT", signType).body(), StandardCharsets.UTF_8);
        assertThat(valid).contains(tampered);
        byte[] b2 = valid.replace(tampered, forged).getBytes(StandardCharsets.UTF_8);

        String unsigned = complaintId();
        String u = new String(SIM.notification(unsigned, "CREATE_COMPLAINT", signType).body(), StandardCharsets.UTF_8);
        byte[] b3 = u.substring(0, u.indexOf("&sign=")).getBytes(StandardCharsets.UTF_8);

        String otherType = complaintId();
        byte[] b4 = SIM.notification(otherType, "CREATE_COMPLAINT", signType.equals("RSA") ? "SM2" : "RSA").body();

        assertFailed(AllinpayNotifications.post(http, url(client), b1), "bad signature");
        assertFailed(AllinpayNotifications.post(http, url(client), b2), "tampered body");
        assertFailed(AllinpayNotifications.post(http, url(client), b3), "no signature");
        assertFailed(AllinpayNotifications.post(http, url(client), b4), "the other sign type's signature");
        drain(client, signType);

        for (String id : List.of(badSig, tampered, forged, unsigned, otherType)) {
            assertThat(recorder.about(id)).as(id).isEmpty();
        }
        assertThat(output.getOut() + output.getErr())
                .contains("[" + client + "] refused a notification delivery (SIGNATURE)")
                .doesNotContain(new String(b1, StandardCharsets.UTF_8))
                .doesNotContain(AllinpayTestKeys.merchantPrivateKey(signType));
    }

    @Test
    @DisplayName("a listener that throws does not turn an acknowledged delivery into a failure, nor stop later events")
    void throwingListener(CapturedOutput output) throws Exception {
        assertThat(SIM.deliverNotification(url("mall"), EXPLODE, "CREATE_COMPLAINT", "RSA")).containsExactly("success");
        drain("mall", "RSA");
        assertThat(SIM.deliverNotification(url("mall"), EXPLODE, "CREATE_COMPLAINT", "RSA"))
                .as("the re-delivery is acknowledged, not re-published").containsExactly("success");
        drain("mall", "RSA");
        List<ComplaintNotificationEvent> seen = recorder.about(EXPLODE);
        assertThat(seen).hasSize(1);
        assertThat(output.getOut() + output.getErr())
                .contains("[mall] a listener failed on notification " + seen.get(0).event().eventId())
                .contains("this listener fails on purpose");
    }
}
