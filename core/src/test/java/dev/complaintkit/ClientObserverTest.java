/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClientObserver")
class ClientObserverTest {
    private static final RetryPolicy FAST = RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    /** Records "start op" and "end op outcome errorType" lines. */
    static final class Recorder implements ClientObserver {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final String label;

        Recorder(String label) {
            this.label = label;
        }

        @Override
        public Scope start(Call call) {
            calls.add(call);
            events.add(label + "start " + call.operationName());
            return result -> events.add(label + "end " + call.operationName() + " " + result.outcome().tag() + " " + result.errorType());
        }
    }

    private static TestProviders.Scripted full() {
        return new TestProviders.Scripted("scripted", EnumSet.allOf(Capability.class));
    }

    @Test
    @DisplayName("a successful call is one start and one success end, with provider id, client name and operation")
    void success() {
        Recorder r = new Recorder("");
        ComplaintClient c = Complaints.builder().provider(full()).name("shop1").observer(r).retryPolicy(FAST).build();
        c.reply(ReplyRequest.builder("c1").text("We are on it").build());
        assertThat(r.events).containsExactly("start reply", "end reply success none");
        assertThat(r.calls).containsExactly(new ClientObserver.Call("scripted", "shop1", Capability.REPLY));
        assertThat(c.name()).isEqualTo("shop1");
    }

    @Test
    @DisplayName("an unnamed client is named after its provider")
    void defaultName() {
        Recorder r = new Recorder("");
        ComplaintClient c = Complaints.builder().provider(full()).observer(r).build();
        c.complete(ComplaintRef.of(ComplaintId.of("c1")));
        assertThat(c.name()).isEqualTo("scripted");
        assertThat(r.calls).extracting(ClientObserver.Call::clientName).containsExactly("scripted");
    }

    @Test
    @DisplayName("a provider error, bad input and a missing capability each end as a failure naming the error type")
    void failures() {
        Recorder r = new Recorder("");
        TestProviders.Scripted p = full();
        p.failures.add(new ProviderException("scripted", "PARAM_ERROR", "bad", false));
        ComplaintClient c = Complaints.builder().provider(p).observer(r).retryPolicy(FAST).build();
        assertThatThrownBy(() -> c.complete(ComplaintRef.of(ComplaintId.of("c1")))).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> c.reply(ReplyRequest.builder("c1").text("").build())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> c.detail(ComplaintId.of("c1"))).isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(r.events).containsExactly(
                "start complete", "end complete failure ProviderException",
                "start reply", "end reply failure ValidationException",
                "start detail", "end detail failure UnsupportedCapabilityException");
    }

    @Test
    @DisplayName("a lazy stream is observed once per page fetch, nothing before consumption")
    void streamPages() {
        Recorder r = new Recorder("");
        TestProviders.Scripted p = full();
        p.historyEntries = 25;
        ComplaintClient c = Complaints.builder().provider(p).observer(r).retryPolicy(FAST).build();
        Stream<NegotiationEntry> stream = c.history(ComplaintId.of("c1"), 10);
        assertThat(r.events).isEmpty();
        Iterator<NegotiationEntry> it = stream.iterator();
        it.next();
        assertThat(r.events).containsExactly("start negotiation_history", "end negotiation_history success none");
    }

    @Test
    @DisplayName("a full lazy stream of three pages is three observed calls")
    void streamAllPages() {
        Recorder r = new Recorder("");
        TestProviders.Scripted p = full();
        p.historyEntries = 25;
        ComplaintClient c = Complaints.builder().provider(p).observer(r).retryPolicy(FAST).build();
        assertThat(c.history(ComplaintId.of("c1"), 10).toList()).hasSize(25);
        assertThat(r.events).hasSize(6).containsOnly("start negotiation_history", "end negotiation_history success none");
    }

    @Test
    @DisplayName("a stream refused before any fetch is one failed call")
    void streamRefused() {
        Recorder r = new Recorder("");
        ComplaintClient c = Complaints.builder().provider(full()).observer(r).build();
        assertThatThrownBy(() -> c.history(ComplaintId.of("c1"), -1)).isInstanceOf(ValidationException.class);
        assertThat(r.events).containsExactly("start negotiation_history", "end negotiation_history failure ValidationException");
    }

    @Test
    @DisplayName("several observers start in the order added and end in reverse")
    void order() {
        List<String> shared = new CopyOnWriteArrayList<>();
        ClientObserver a = call -> {
            shared.add("a start");
            return result -> shared.add("a end");
        };
        ClientObserver b = call -> {
            shared.add("b start");
            return result -> shared.add("b end");
        };
        Complaints.builder().provider(full()).observer(a).observer(b).build().complete(ComplaintRef.of(ComplaintId.of("c1")));
        assertThat(shared).containsExactly("a start", "b start", "b end", "a end");
    }

    @Test
    @DisplayName("an observer that throws changes neither the result nor the other observers")
    void throwingObserver() {
        Recorder r = new Recorder("");
        ClientObserver startFails = call -> {
            throw new IllegalStateException("boom");
        };
        ClientObserver endFails = call -> result -> {
            throw new IllegalStateException("boom");
        };
        TestProviders.Scripted p = full();
        ComplaintClient c = Complaints.builder().provider(p).observer(startFails).observer(endFails).observer(r).build();
        assertThat(c.complete(ComplaintRef.of(ComplaintId.of("c1"))).requestId()).isEqualTo("req-1");
        assertThat(p.completions).hasSize(1);
        assertThat(r.events).containsExactly("start complete", "end complete success none");
    }

    @Test
    @DisplayName("notifications: accepted is success, a repeat is duplicate, a refusal carries its reason")
    void notifications() {
        Recorder r = new Recorder("");
        ComplaintClient c = Complaints.builder().provider(new NotifyProvider()).name("hook").observer(r).build();
        NotificationDelivery ok = NotificationDelivery.of("POST", Map.of("X-Sig", "ok"), "evt-1".getBytes(StandardCharsets.UTF_8));
        assertThat(c.receive(ok)).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(c.receive(ok)).isInstanceOf(NotificationResult.Duplicate.class);
        assertThat(c.receive(NotificationDelivery.of("POST", Map.of(), new byte[0]))).isInstanceOf(NotificationResult.Refused.class);
        assertThat(r.events).containsExactly(
                "start notifications", "end notifications success none",
                "start notifications", "end notifications duplicate none",
                "start notifications", "end notifications refused signature");
        assertThat(r.calls).extracting(ClientObserver.Call::clientName).containsOnly("hook");
    }

    @Test
    @DisplayName("all() of none or one observer is that observer; none() starts a scope that does nothing")
    void composition() {
        Recorder r = new Recorder("");
        assertThat(ClientObserver.all(List.of(r))).isSameAs(r);
        assertThat(ClientObserver.none().start(new ClientObserver.Call("p", "n", Capability.REPLY))).isSameAs(ClientObserver.Scope.NONE);
        assertThat(ClientObserver.Result.failure(new RuntimeException() { }).errorType()).startsWith(ClientObserverTest.class.getName());
    }

    static final class Notify implements ProviderAdapter, NotificationPort {
        @Override
        public ComplaintEvent verify(NotificationDelivery delivery) {
            if (delivery.header("X-Sig").isEmpty()) {
                throw new NotificationRefusedException(NotificationResult.Reason.SIGNATURE, "no signature header");
            }
            return new ComplaintEvent(new String(delivery.body(), StandardCharsets.UTF_8), ComplaintEvent.Type.CREATED,
                    "COMPLAINT.CREATE", ComplaintId.of("c1"), "", OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    "notify", Map.of());
        }

        @Override
        public HttpReply acknowledge(ComplaintEvent event) {
            return HttpReply.text(200, "text/plain", "success");
        }

        @Override
        public HttpReply refuse(NotificationResult.Reason reason, String message) {
            return HttpReply.text(400, "text/plain", "fail");
        }
    }

    static final class NotifyProvider implements ComplaintProvider<TestProviders.NoConfig> {
        @Override
        public String id() {
            return "notify";
        }

        @Override
        public Class<TestProviders.NoConfig> configType() {
            return TestProviders.NoConfig.class;
        }

        @Override
        public Class<? extends ProviderAdapter> adapterType() {
            return Notify.class;
        }

        @Override
        public TestProviders.NoConfig configFromProperties(Map<String, String> properties) {
            return new TestProviders.NoConfig("notify");
        }

        @Override
        public ProviderAdapter create(TestProviders.NoConfig config, ProviderContext context) {
            return new Notify();
        }
    }
}
