/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.transport.JdkHttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SimulatorServer")
class SimulatorServerTest {
    private final AtomicInteger handled = new AtomicInteger();
    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = new SimulatorServer("echo") {
            @Override
            protected ScriptedResponse handle(RecordedRequest request) {
                handled.incrementAndGet();
                return ScriptedResponse.json(200, "{\"echo\":\"" + request.formFields().get("q") + "\"}");
            }
        }.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpTransport.Response post(String body) {
        return JdkHttpTransport.shared().exchange(new HttpTransport.Request("POST", server.baseUri().resolve("/api?x=1"),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(2)));
    }

    @Test
    @DisplayName("binds an ephemeral loopback port and sets TCP_NODELAY for the JDK server")
    void loopback() {
        assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }

    @Test
    @DisplayName("script, exercise, verify: the handler answers and the request is logged as sent")
    void handlesAndLogs() {
        HttpTransport.Response r = post("q=%E6%8A%95%E8%AF%89");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"echo\":\"投诉\"}");
        RecordedRequest req = server.takeRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/api");
        assertThat(req.queryParameters()).containsEntry("x", "1");
        assertThat(req.formFields()).containsEntry("q", "投诉");
        assertThat(req.header("content-type")).contains("application/x-www-form-urlencoded");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a queued response replaces the handler for exactly one request")
    void scripted() {
        server.enqueue(ScriptedResponse.json(503, "{\"busy\":true}"));
        assertThat(post("q=a").status()).isEqualTo(503);
        assertThat(post("q=b").status()).isEqualTo(200);
        assertThat(handled).hasValue(1);
    }

    @Test
    @DisplayName("a dropped connection before handling: transport error, no side effect")
    void dropBefore() {
        server.enqueue(ScriptedResponse.dropConnection());
        assertThatThrownBy(() -> post("q=a")).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.isRetryable()).isTrue());
        assertThat(handled).hasValue(0);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a dropped connection after handling: transport error, but the side effect happened")
    void dropAfter() {
        server.enqueue(ScriptedResponse.handleThenDrop());
        assertThatThrownBy(() -> post("q=a")).isInstanceOf(TransportException.class);
        assertThat(handled).hasValue(1);
    }

    @Test
    @DisplayName("a truncated body is a transport error")
    void truncated() {
        server.enqueue(ScriptedResponse.truncateBody());
        assertThatThrownBy(() -> post("q=" + "x".repeat(2000))).isInstanceOf(TransportException.class);
    }

    @Test
    @DisplayName("a stalled answer runs into the client's time-out")
    void stall() {
        server.enqueue(ScriptedResponse.stall(Duration.ofSeconds(2)));
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(new HttpTransport.Request("POST",
                server.baseUri().resolve("/api"), Map.of(), new byte[0], Duration.ofMillis(200))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.getMessage()).contains("Timed out"));
    }

    @Test
    @DisplayName("generic faults: each produces its failure once, then the simulator answers normally again")
    void genericFaults() {
        server.stallFor(Duration.ofMillis(800));
        for (Fault fault : Fault.values()) {
            if (!fault.isGeneric()) {
                assertThatThrownBy(() -> server.inject(fault)).isInstanceOf(UnsupportedOperationException.class);
                continue;
            }
            server.inject(fault);
            HttpTransport.Request request = new HttpTransport.Request("POST", server.baseUri().resolve("/api"),
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), "q=%E6%8A%95%E8%AF%89".getBytes(StandardCharsets.UTF_8),
                    Duration.ofMillis(400));
            switch (fault) {
                case HTTP_408, HTTP_500, HTTP_502, HTTP_503, HTTP_429 -> {
                    HttpTransport.Response r = JdkHttpTransport.shared().exchange(request);
                    assertThat(r.status()).as(fault.name()).isEqualTo(Integer.parseInt(fault.name().substring(5)));
                    if (fault == Fault.HTTP_429) {
                        assertThat(r.header("retry-after")).contains("1");
                    }
                }
                case RESET_BEFORE_RESPONSE, RESET_AFTER_HANDLING, NO_RESPONSE, TRUNCATED_BODY, HUGE_BODY ->
                        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(request)).as(fault.name())
                                .isInstanceOf(TransportException.class);
                case NOT_JSON_OR_XML -> assertThat(new String(JdkHttpTransport.shared().exchange(request).body(),
                        StandardCharsets.UTF_8)).startsWith("Service temporarily unavailable");
                case WRONG_CHARSET -> assertThat(JdkHttpTransport.shared().exchange(request).body())
                        .isEqualTo("{\"echo\":\"投诉\"}".getBytes(java.nio.charset.Charset.forName("GBK")));
                default -> throw new AssertionError(fault);
            }
            assertThat(post("q=ok").status()).as("after " + fault).isEqualTo(200);
        }
    }
}
