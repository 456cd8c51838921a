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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SimulatorServer: dispatcher and socket effects")
class DispatcherAndEffectsTest {
    private final List<RecordedRequest> dispatched = new CopyOnWriteArrayList<>();
    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = SimulatorServer.create("dispatched", request -> {
            dispatched.add(request);
            return ScriptedResponse.json(200, "{\"n\":" + request.sequence() + ",\"pad\":\"" + "x".repeat(200) + "\"}");
        }).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpTransport.Response post(Duration timeout) {
        return JdkHttpTransport.shared().exchange(new HttpTransport.Request("POST", server.baseUri().resolve("/api"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), timeout));
    }

    private HttpTransport.Response post() {
        return post(Duration.ofSeconds(2));
    }

    @Nested
    @DisplayName("the dispatcher")
    class Dispatching {
        @Test
        @DisplayName("answers every request the server records, in order, with the request as received")
        void answersRecordedRequests() {
            assertThat(new String(post().body(), StandardCharsets.UTF_8)).startsWith("{\"n\":1,");
            assertThat(new String(post().body(), StandardCharsets.UTF_8)).startsWith("{\"n\":2,");
            assertThat(dispatched).extracting(RecordedRequest::sequence).containsExactly(1L, 2L);
            assertThat(server.takeRequest().path()).isEqualTo("/api");
            assertThat(server.takeRequest().fault()).isEmpty();
        }

        @Test
        @DisplayName("can be replaced, e.g. by one that wraps the current one")
        void replaced() {
            Dispatcher original = server.dispatcher();
            server.dispatcher(request -> original.dispatch(request).withHeader("X-Wrapped", "yes"));
            HttpTransport.Response r = post();
            assertThat(r.header("x-wrapped")).contains("yes");
            assertThat(dispatched).hasSize(1);
        }

        @Test
        @DisplayName("a dispatcher that throws or answers null is a 500 naming the server, not a broken connection")
        void failingDispatcher() {
            server.dispatcher(request -> {
                throw new IllegalStateException("boom");
            });
            HttpTransport.Response thrown = post();
            assertThat(thrown.status()).isEqualTo(500);
            assertThat(new String(thrown.body(), StandardCharsets.UTF_8)).contains("dispatched failed").contains("boom");
            server.dispatcher(request -> null);
            assertThat(post().status()).isEqualTo(500);
        }

        @Test
        @DisplayName("a provider fault reaches the dispatcher with its request only; the next request carries none")
        void providerFaultTravelsWithTheRequest() {
            List<Optional<Fault>> seen = new CopyOnWriteArrayList<>();
            try (SimulatorServer provider = new SimulatorServer("provider") {
                @Override
                protected Set<Fault> providerFaults() {
                    return Set.of(Fault.BAD_SIGNATURE);
                }
            }) {
                provider.dispatcher(request -> {
                    seen.add(request.fault());
                    return ScriptedResponse.json(200, request.meets(Fault.BAD_SIGNATURE) ? "{\"sign\":\"bad\"}" : "{\"sign\":\"ok\"}");
                });
                provider.start();
                provider.inject(Fault.BAD_SIGNATURE);
                HttpTransport.Request request = new HttpTransport.Request("POST", provider.baseUri().resolve("/"), Map.of(),
                        new byte[0], Duration.ofSeconds(2));
                assertThat(new String(JdkHttpTransport.shared().exchange(request).body(), StandardCharsets.UTF_8)).contains("bad");
                assertThat(new String(JdkHttpTransport.shared().exchange(request).body(), StandardCharsets.UTF_8)).contains("ok");
                assertThat(seen).containsExactly(Optional.of(Fault.BAD_SIGNATURE), Optional.empty());
                assertThat(provider.takeRequest().fault()).contains(Fault.BAD_SIGNATURE);
                assertThat(provider.takeRequest().fault()).isEmpty();
            }
        }

        @Test
        @DisplayName("a generic fault is recorded on the request it hit, and a canned answer does not reach the dispatcher")
        void genericFaultRecorded() {
            server.inject(Fault.HTTP_503);
            assertThat(post().status()).isEqualTo(503);
            assertThat(server.takeRequest().fault()).contains(Fault.HTTP_503);
            assertThat(dispatched).isEmpty();
        }
    }

    @Nested
    @DisplayName("each socket effect")
    class Effects {
        @Test
        @DisplayName("ResetBeforeResponse: a retryable transport error, and the dispatcher never sees the request")
        void resetBefore() {
            server.enqueue(new SocketEffect.ResetBeforeResponse());
            assertThatThrownBy(() -> post()).isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.isRetryable()).isTrue());
            assertThat(dispatched).isEmpty();
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(post().status()).isEqualTo(200);
        }

        @Test
        @DisplayName("ResetAfterHandling: a transport error, but the dispatcher handled the request")
        void resetAfter() {
            server.enqueue(new SocketEffect.ResetAfterHandling());
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            assertThat(dispatched).hasSize(1);
        }

        @Test
        @DisplayName("Stall: the client times out, the dispatcher never sees the request")
        void stall() {
            server.enqueue(new SocketEffect.Stall(Duration.ofSeconds(2)));
            assertThatThrownBy(() -> post(Duration.ofMillis(200))).isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.getMessage()).contains("Timed out"));
            assertThat(dispatched).isEmpty();
        }

        @Test
        @DisplayName("Delay: the request is handled at once and answered late; a patient client gets the answer")
        void delay() {
            server.enqueue(new SocketEffect.Delay(Duration.ofMillis(1500)));
            assertThatThrownBy(() -> post(Duration.ofMillis(200))).isInstanceOf(TransportException.class);
            assertThat(dispatched).as("handled although the client gave up").hasSize(1);

            server.enqueue(new SocketEffect.Delay(Duration.ofMillis(300)));
            long start = System.nanoTime();
            HttpTransport.Response late = post(Duration.ofSeconds(3));
            assertThat(late.status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }

        @Test
        @DisplayName("TruncateBody: the body is cut short of its announced length, a transport error; the request was handled")
        void truncate() {
            server.enqueue(new SocketEffect.TruncateBody(10));
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            assertThat(dispatched).hasSize(1);
        }

        @Test
        @DisplayName("TruncateBody keeps the given share of the bytes, always at least one short, also of an empty body")
        void truncateShare() {
            assertThat(new SocketEffect.TruncateBody(50).keptBytes(201)).isEqualTo(100);
            assertThat(new SocketEffect.TruncateBody(99).keptBytes(1)).isZero();
            assertThat(new SocketEffect.TruncateBody(0).keptBytes(500)).isZero();
            server.dispatcher(request -> ScriptedResponse.of(200, "application/json", new byte[0]));
            server.enqueue(new SocketEffect.TruncateBody(0));
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
        }

        @Test
        @DisplayName("an answer can carry its own effect: the dispatcher cuts its own body or drops its own answer")
        void effectOnTheAnswer() {
            server.dispatcher(request -> ScriptedResponse.json(200, "{\"long\":\"" + "y".repeat(500) + "\"}")
                    .withEffect(new SocketEffect.TruncateBody(30)));
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            server.enqueue(ScriptedResponse.json(200, "{}").withEffect(new SocketEffect.ResetAfterHandling()));
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
        }

        @Test
        @DisplayName("an effect alone returned by the dispatcher, where an answer must be sent, is a 500 saying so")
        void effectAloneFromTheDispatcher() {
            server.dispatcher(request -> ScriptedResponse.of(new SocketEffect.Delay(Duration.ZERO)));
            HttpTransport.Response r = post();
            assertThat(r.status()).isEqualTo(500);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("effect alone");
        }

        @Test
        @DisplayName("effects refuse values they cannot apply")
        void validated() {
            assertThatThrownBy(() -> new SocketEffect.TruncateBody(100)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("keepPercent");
            assertThatThrownBy(() -> new SocketEffect.TruncateBody(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SocketEffect.Stall(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new SocketEffect.Delay(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @DisplayName("queued effects and scripts are used one per request, in order, after any injected fault")
        void ordering() {
            server.enqueue(new SocketEffect.ResetBeforeResponse());
            server.enqueue(ScriptedResponse.json(202, "{}"));
            server.inject(Fault.HTTP_500);
            assertThat(post().status()).isEqualTo(500);
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            assertThat(post().status()).isEqualTo(202);
            assertThat(post().status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("faults map onto effects")
    class FaultsAsEffects {
        @Test
        @DisplayName("each transport fault is its effect; the rest are answers, with no effect")
        void mapping() {
            server.stallFor(Duration.ofMillis(700));
            assertThat(server.effectFor(Fault.RESET_BEFORE_RESPONSE)).contains(new SocketEffect.ResetBeforeResponse());
            assertThat(server.effectFor(Fault.RESET_AFTER_HANDLING)).contains(new SocketEffect.ResetAfterHandling());
            assertThat(server.effectFor(Fault.NO_RESPONSE)).contains(new SocketEffect.Stall(Duration.ofMillis(700)));
            assertThat(server.effectFor(Fault.TRUNCATED_BODY)).contains(new SocketEffect.TruncateBody(50));
            for (Fault f : Fault.values()) {
                if (!Set.of(Fault.RESET_BEFORE_RESPONSE, Fault.RESET_AFTER_HANDLING, Fault.NO_RESPONSE, Fault.TRUNCATED_BODY)
                        .contains(f)) {
                    assertThat(server.effectFor(f)).as(f.name()).isEmpty();
                }
            }
        }

        @Test
        @DisplayName("the legacy scripts are their effects: dropConnection, handleThenDrop, truncateBody, stall")
        void legacyScripts() {
            assertThat(ScriptedResponse.dropConnection().effect()).contains(new SocketEffect.ResetBeforeResponse());
            assertThat(ScriptedResponse.dropConnection().mode()).isEqualTo(ScriptedResponse.Mode.DROP_BEFORE_HANDLING);
            assertThat(ScriptedResponse.handleThenDrop().effect()).contains(new SocketEffect.ResetAfterHandling());
            assertThat(ScriptedResponse.handleThenDrop().mode()).isEqualTo(ScriptedResponse.Mode.DROP_AFTER_HANDLING);
            assertThat(ScriptedResponse.truncateBody().effect()).contains(new SocketEffect.TruncateBody(50));
            assertThat(ScriptedResponse.truncateBody().mode()).isEqualTo(ScriptedResponse.Mode.TRUNCATE_BODY);
            assertThat(ScriptedResponse.stall(Duration.ofSeconds(1)).effect()).contains(new SocketEffect.Stall(Duration.ofSeconds(1)));
            assertThat(ScriptedResponse.json(200, "{}").effect()).isEmpty();
            assertThat(ScriptedResponse.json(200, "{}").mode()).isEqualTo(ScriptedResponse.Mode.RESPOND);
            assertThat(ScriptedResponse.dropConnection().hasAnswer()).isFalse();
        }

        @Test
        @DisplayName("RESET_AFTER_HANDLING lets the dispatcher handle the request; RESET_BEFORE_RESPONSE does not")
        void transportFaultsThroughTheDispatcher() {
            server.inject(Fault.RESET_AFTER_HANDLING);
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            assertThat(dispatched).hasSize(1);
            server.inject(Fault.RESET_BEFORE_RESPONSE);
            assertThatThrownBy(() -> post()).isInstanceOf(TransportException.class);
            assertThat(dispatched).hasSize(1);
        }
    }
}
