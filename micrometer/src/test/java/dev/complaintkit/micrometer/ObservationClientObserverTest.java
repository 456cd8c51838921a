/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.FakeComplaintProvider;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Micrometer observations")
class ObservationClientObserverTest {
    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private ComplaintClient client(FakeComplaintProvider fake) {
        return Complaints.builder().provider(fake).name("shop1").observer(new ObservationClientObserver(registry)).build();
    }

    @Test
    @DisplayName("a successful call is one stopped complaintkit.client.requests observation with the five low-cardinality tags")
    void success() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(3, 1);
        ComplaintId id = fake.complaints().get(0).id();
        client(fake).reply(ReplyRequest.builder(id.value()).text("We refunded you").build());

        assertThat(registry).hasNumberOfObservationsEqualTo(1)
                .hasSingleObservationThat()
                .hasNameEqualTo("complaintkit.client.requests")
                .hasContextualNameEqualTo("complaintkit reply")
                .hasBeenStarted()
                .hasBeenStopped()
                .hasLowCardinalityKeyValue("provider", "fake")
                .hasLowCardinalityKeyValue("client", "shop1")
                .hasLowCardinalityKeyValue("operation", "reply")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasLowCardinalityKeyValue("error.type", "none")
                .doesNotHaveError();
    }

    @Test
    @DisplayName("no tag carries a complaint id: every key is low-cardinality and none has a high-cardinality value")
    void noComplaintIds() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(2, 1);
        ComplaintId id = fake.complaints().get(0).id();
        client(fake).detail(id);
        assertThat(registry).hasSingleObservationThat().hasContextualNameEqualTo("complaintkit detail")
                .satisfies(ctx -> {
                    assertThat(ctx.getHighCardinalityKeyValues()).isEmpty();
                    assertThat(ctx.getLowCardinalityKeyValues().stream().map(KeyValue::getValue)).doesNotContain(id.value());
                    assertThat(ctx.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
                            .containsExactlyInAnyOrder("provider", "client", "operation", "outcome", "error.type");
                });
    }

    @Test
    @DisplayName("a failed call records the error and tags its type")
    void failure() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 1);
        fake.failNext(new ProviderException("fake", "PARAM_ERROR", "bad", false));
        ComplaintClient client = client(fake);
        assertThatThrownBy(() -> client.detail(fake.complaints().get(0).id())).isInstanceOf(ProviderException.class);
        assertThat(registry).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "failure")
                .hasLowCardinalityKeyValue("error.type", "ProviderException")
                .assertThatError().isInstanceOf(ProviderException.class);
    }

    @Test
    @DisplayName("a lazy listing is one observation per page fetched")
    void pages() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(25, 0);
        assertThat(client(fake).complaints(ComplaintFilter.all(), 10).count()).isEqualTo(25);
        assertThat(registry).hasNumberOfObservationsWithNameEqualTo("complaintkit.client.requests", 3)
                .forAllObservationsWithNameEqualTo("complaintkit.client.requests",
                        o -> o.hasLowCardinalityKeyValue("operation", "list_complaints"));
    }

    @Test
    @DisplayName("notifications are tagged success, duplicate or refused with the reason")
    void notifications() {
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context c) {
                outcomes.add(c.getLowCardinalityKeyValue("outcome").getValue() + "/"
                        + c.getLowCardinalityKeyValue("error.type").getValue());
            }
        });
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 0);
        ComplaintClient client = client(fake);
        NotificationDelivery delivery = fake.notification("evt-1", fake.complaints().get(0).id());
        client.receive(delivery);
        client.receive(delivery);
        client.receive(NotificationDelivery.of("POST", Map.of(), "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(outcomes).containsExactly("success/none", "duplicate/none", "refused/signature");
    }

    @Test
    @DisplayName("a custom convention replaces the name and tags")
    void customConvention() {
        ComplaintClientObservationConvention custom = new DefaultComplaintClientObservationConvention() {
            @Override
            public String getName() {
                return "merchant.complaints";
            }
        };
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 0);
        Complaints.builder().provider(fake).observer(new ObservationClientObserver(registry, custom)).build()
                .detail(fake.complaints().get(0).id());
        assertThat(registry).hasSingleObservationThat().hasNameEqualTo("merchant.complaints")
                .hasLowCardinalityKeyValue("client", "fake");
    }

    @Test
    @DisplayName("each HTTP exchange is an http.client.requests observation inside the client call's scope")
    void httpExchanges() {
        AtomicReference<Observation> current = new AtomicReference<>();
        HttpTransport wire = request -> {
            current.set(registry.getCurrentObservation());
            return new HttpTransport.Response(503, Map.of(), new byte[0]);
        };
        ObservedHttpTransport transport = new ObservedHttpTransport(wire, registry);
        HttpTransport.Request request = new HttpTransport.Request("GET",
                URI.create("http://127.0.0.1:9/v3/complaints/200201820200101080076610000?limit=10"), Map.of("Authorization", "secret"),
                null, Duration.ofSeconds(1));

        Observation parent = Observation.start("outer", registry);
        try (Observation.Scope scope = parent.openScope()) {
            assertThat(transport.exchange(request).status()).isEqualTo(503);
        }
        parent.stop();

        assertThat(registry).hasObservationWithNameEqualTo("http.client.requests").that()
                .hasParentObservationEqualTo(parent)
                .hasLowCardinalityKeyValue("method", "GET")
                .hasLowCardinalityKeyValue("uri", "none")
                .hasLowCardinalityKeyValue("status", "503")
                .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasLowCardinalityKeyValue("client.name", "127.0.0.1")
                .hasHighCardinalityKeyValue("http.url", "http://127.0.0.1:9/v3/complaints/200201820200101080076610000");
        assertThat(current.get()).as("the exchange runs in its own observation's scope").isNotNull().isNotSameAs(parent);
    }

    @Test
    @DisplayName("an exchange that fails records the exception")
    void httpFailure() {
        HttpTransport wire = request -> {
            throw new dev.complaintkit.error.TransportException("refused", null, true);
        };
        HttpTransport.Request request = new HttpTransport.Request("POST", URI.create("http://127.0.0.1:9/x"), Map.of(), null,
                Duration.ofSeconds(1));
        assertThatThrownBy(() -> new ObservedHttpTransport(wire, registry).exchange(request))
                .isInstanceOf(dev.complaintkit.error.TransportException.class);
        assertThat(registry).hasSingleObservationThat().hasLowCardinalityKeyValue("exception", "TransportException")
                .hasLowCardinalityKeyValue("outcome", "UNKNOWN");
    }

    @Test
    @DisplayName("with the no-op registry nothing is recorded and calls still work")
    void noop() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(1, 0);
        Complaints.builder().provider(fake).observer(new ObservationClientObserver(ObservationRegistry.NOOP)).build()
                .detail(fake.complaints().get(0).id());
        assertThat(fake.callCount()).isEqualTo(1);
    }
}
