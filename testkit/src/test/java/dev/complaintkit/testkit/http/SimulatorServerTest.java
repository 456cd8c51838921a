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
}
