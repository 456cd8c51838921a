/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The example in its sandbox: the kick-off notification is answered, and open complaints are listed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("the example merchant back end in its sandbox")
class MerchantApplicationTest {
    @LocalServerPort
    int port;

    @Autowired
    FakeComplaintProvider fake;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void awaitCompleted(ComplaintId id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fake.complaint(id).map(c -> c.state() != ComplaintState.PROCESSED).orElse(true)) {
            if (System.nanoTime() > until) {
                fail("complaint " + id.value() + " was never completed");
            }
            Thread.sleep(10);
        }
    }

    @Test
    @DisplayName("a new-complaint notification is answered with the template and the complaint marked complete, once")
    void notificationAnswered() throws Exception {
        ComplaintId id = fake.complaints().stream().filter(c -> c.state() == ComplaintState.PENDING).reduce((a, b) -> b)
                .orElseThrow().id();
        String body = "{\"id\":\"evt-test-1\",\"event_type\":\"COMPLAINT.CREATE\",\"complaint_id\":\"" + id.value()
                + "\",\"action_type\":\"CREATE_COMPLAINT\"}";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/complaintkit/notifications/demo"))
                    .header(FakeComplaintProvider.SIGNATURE_HEADER, FakeComplaintProvider.SIGNATURE)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).isBetween(200, 299);
        }
        awaitCompleted(id);
        assertThat(fake.replies()).filteredOn(r -> r.complaintId().equals(id)).singleElement()
                .satisfies(r -> {
                    assertThat(r.text()).startsWith("您好，我们已收到您关于订单 ").contains("投诉原因");
                    assertThat(r.idempotencyKey()).contains("auto-evt-test-1");
                });
        assertThat(fake.replies()).extracting(ReplyRequest::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("GET /complaints/open lists both merchants' open complaints with their deadlines, nearest first")
    void openComplaints() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/complaints/open")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"client\":\"shop-xiaoe\"").contains("\"provider\":\"xiaoe\"")
                .contains("\"client\":\"demo\"").contains("\"deadline\":\"").doesNotContain("\"state\":\"PROCESSED\"")
                .doesNotContain("complainantPhone");
    }
}
