/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.testkit.ComplaintStore;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Allinpay's complaint notifications: verified with the platform key, fail closed, answered exactly {@code success}. */
class AllinpayNotificationTest {
    private Harness h;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (h != null) {
            h.close();
        }
    }

    private String complaint() {
        return h.firstComplaint();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"RSA", "RSA2", "SM2"})
    @DisplayName("a bad signature is refused (no event); a good delivery is one event however often it comes; every acceptance answers exactly success")
    void verifiedOnceAnsweredSuccess(String signType) {
        h = Harness.start(signType, ComplaintStore.create().seed(1, 1));
        NotificationResult bad = h.client.receive(h.simulator.tamperedNotification(complaint(), "CREATE_COMPLAINT", signType));
        assertThat(bad).isInstanceOfSatisfying(NotificationResult.Refused.class,
                r -> assertThat(r.reason()).isEqualTo(NotificationResult.Reason.SIGNATURE));
        assertThat(bad.verifiedEvent()).isEmpty();
        assertThat(bad.reply().bodyText()).isNotEqualTo("success");

        NotificationDelivery good = h.simulator.notification(complaint(), "CREATE_COMPLAINT", signType);
        List<NotificationResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(h.client.receive(good));
        }
        assertThat(results).filteredOn(r -> r instanceof NotificationResult.Accepted).hasSize(1);
        assertThat(results.subList(1, 3)).allSatisfy(r -> assertThat(r).isInstanceOf(NotificationResult.Duplicate.class));
        assertThat(results).allSatisfy(r -> {
            assertThat(r.reply().status()).isEqualTo(200);
            assertThat(r.reply().body()).isEqualTo("success".getBytes(StandardCharsets.US_ASCII));
        });
        ComplaintEvent event = results.get(0).verifiedEvent().orElseThrow();
        assertThat(event.complaintId().value()).isEqualTo(complaint());
        assertThat(event.type()).isEqualTo(ComplaintEvent.Type.CREATED);
        assertThat(event.rawType()).isEqualTo("COMPLAINTV2");
        assertThat(event.action()).isEqualTo("CREATE_COMPLAINT");
        assertThat(event.providerId()).isEqualTo("allinpay");
        assertThat(event.fields()).containsEntry("risktype", "COMPLAINTV2").doesNotContainKey("sign");
    }

    @Test
    @DisplayName("another action on the same complaint is another event, a state change")
    void otherActionIsAnotherEvent() {
        h = Harness.start("RSA", ComplaintStore.create().seed(1, 1));
        NotificationResult created = h.client.receive(h.simulator.notification(complaint(), "CREATE_COMPLAINT", "RSA"));
        NotificationResult responded = h.client.receive(h.simulator.notification(complaint(), "USER_RESPONSE", "RSA"));
        assertThat(responded).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(responded.verifiedEvent().orElseThrow().type()).isEqualTo(ComplaintEvent.Type.STATE_CHANGED);
        assertThat(responded.verifiedEvent().orElseThrow().eventId()).isNotEqualTo(created.verifiedEvent().orElseThrow().eventId());
    }

    @Test
    @DisplayName("fail closed: no sign, a GET, a form that is not Allinpay's, or a signature of the other key type is refused")
    void failClosed() {
        h = Harness.start("RSA", ComplaintStore.create().seed(1, 1));
        byte[] body = h.simulator.notification(complaint(), "CREATE_COMPLAINT", "RSA").body();
        String form = new String(body, StandardCharsets.UTF_8);
        String unsigned = form.substring(0, form.indexOf("&sign="));
        Map<String, String> type = Map.of("Content-Type", "application/x-www-form-urlencoded");
        List<NotificationResult> refused = List.of(
                h.client.receive(NotificationDelivery.of("POST", type, unsigned.getBytes(StandardCharsets.UTF_8))),
                h.client.receive(NotificationDelivery.of("GET", type, body)),
                h.client.receive(NotificationDelivery.of("POST", type, "hello".getBytes(StandardCharsets.UTF_8))),
                h.client.receive(h.simulator.notification(complaint(), "CREATE_COMPLAINT", "SM2")));
        assertThat(refused).allSatisfy(r -> {
            assertThat(r).isInstanceOf(NotificationResult.Refused.class);
            assertThat(r.verifiedEvent()).isEmpty();
            assertThat(r.reply().bodyText()).isNotEqualTo("success");
        });
        assertThat(((NotificationResult.Refused) refused.get(0)).reason()).isEqualTo(NotificationResult.Reason.SIGNATURE);
        assertThat(((NotificationResult.Refused) refused.get(3)).reason()).isEqualTo(NotificationResult.Reason.SIGNATURE);
    }

    /** @return a loopback endpoint that hands each POST to the client and writes the reply it gives */
    private URI endpoint(List<NotificationResult> seen) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/allinpay/notify", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            NotificationResult r = h.client.receive(NotificationDelivery.of(exchange.getRequestMethod(),
                    Map.of("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type")), in));
            seen.add(r);
            byte[] out = r.reply().body();
            exchange.sendResponseHeaders(r.reply().status(), out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/allinpay/notify");
    }

    @Test
    @DisplayName("over HTTP: the simulator posts once and stops, because the answer is exactly success")
    void overHttp() throws Exception {
        h = Harness.start("SM2", ComplaintStore.create().seed(1, 1));
        List<NotificationResult> seen = new CopyOnWriteArrayList<>();
        List<String> answers = h.simulator.deliverNotification(endpoint(seen), complaint(), "CREATE_COMPLAINT", "SM2");
        assertThat(answers).containsExactly("success");
        assertThat(seen).singleElement().isInstanceOf(NotificationResult.Accepted.class);
    }
}
