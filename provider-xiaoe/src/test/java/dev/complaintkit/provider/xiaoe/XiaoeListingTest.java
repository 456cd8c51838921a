/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.ProviderRegistry;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Listing against the simulator: discovery, paging, the wire format, validation. */
class XiaoeListingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private XiaoeSimulator sim;
    private ComplaintClient client;

    @AfterEach
    void stop() {
        TestClients.closeAll(client, sim);
    }

    private List<RecordedRequest> listRequests() {
        return sim.requests().stream().filter(r -> r.path().equals(XiaoeSimulator.LIST_PATH)).toList();
    }

    @Nested
    @DisplayName("discovery")
    class Discovery {
        @Test
        @DisplayName("ServiceLoader finds 'xiaoe', which offers listing, detail and negotiation history")
        void discovered() {
            ProviderRegistry registry = Complaints.discover();

            assertThat(registry.ids()).contains("xiaoe");
            assertThat(registry.require("xiaoe")).isInstanceOf(XiaoeProvider.class);
            assertThat(registry.require("xiaoe").capabilities()).containsExactlyInAnyOrder(Capability.LIST_COMPLAINTS,
                    Capability.DETAIL, Capability.NEGOTIATION_HISTORY);
        }

        @Test
        @DisplayName("a client built from properties lists; reply and complete (not published by Xiaoe) are typed errors that send nothing")
        void fromProperties() {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            client = Complaints.client("xiaoe", Map.of("xiaoe.endpoint", sim.baseUri().toString(),
                    "xiaoe.app-id", XiaoeSimulator.APP_ID, "xiaoe.client-id", XiaoeSimulator.CLIENT_ID,
                    "xiaoe.secret-key", XiaoeSimulator.SECRET_KEY, "allinpay.appid", "ignored"));

            assertThat(client.complaints(ComplaintFilter.all()).toList()).hasSize(2);
            int sent = sim.requestCount();
            assertThatThrownBy(() -> client.complete(ComplaintRef.of("c_1")))
                    .isInstanceOf(UnsupportedCapabilityException.class);
            assertThatThrownBy(() -> client.reply(ReplyRequest.builder("c_1").text("好的").build()))
                    .isInstanceOf(UnsupportedCapabilityException.class);
            assertThat(sim.requestCount()).isEqualTo(sent);
        }
    }

    @Nested
    @DisplayName("paging")
    class Paging {
        @Test
        @DisplayName("the 1,000-complaint data set streams completely, newest first, and stops at total without an extra call")
        void streamsToTotal() throws Exception {
            ComplaintStore store = XiaoeFixtures.largeDataSet();
            sim = XiaoeSimulator.builder().store(store).build().start();
            client = TestClients.noRetries(sim);

            List<Complaint> all = client.complaints(ComplaintFilter.all()).toList();

            assertThat(all).hasSize(XiaoeFixtures.LARGE_DATA_SET_SIZE);
            assertThat(all.stream().map(Complaint::id).distinct()).hasSize(all.size());
            assertThat(all.stream().map(c -> c.id().value()).toList())
                    .containsExactlyElementsOf(store.complaints().stream().map(c -> c.id().value()).toList());
            assertThat(all).extracting(Complaint::complainedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(listRequests()).hasSize(10); // 10 pages of the default 100, no 11th empty one
            assertThat(JSON.readTree(listRequests().get(9).body()).get("page").asInt()).isEqualTo(10);
            assertThat(JSON.readTree(listRequests().get(0).body()).get("page_size").asInt()).isEqualTo(100);
        }

        @Test
        @DisplayName("the stream stops at an empty page even when total promises more")
        void stopsAtEmptyPage() {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            client = TestClients.noRetries(sim);
            client.complaintsPage(ComplaintFilter.all(), PageRequest.first(2)); // token fetched
            sim.clearLog();
            sim.enqueue(ScriptedResponse.json(200, XiaoeFixtures.exampleResponse())); // 2 rows, total 28
            sim.enqueue(ScriptedResponse.json(200, "{\"code\":0,\"data\":{\"list\":[],\"total\":28},\"msg\":\"操作成功\"}"));

            List<Complaint> all = client.complaints(ComplaintFilter.all(), 2).toList();

            assertThat(all).hasSize(2);
            assertThat(sim.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("an empty result is one call and no complaints")
        void empty() {
            sim = XiaoeSimulator.builder().build().start();
            client = TestClients.noRetries(sim);

            assertThat(client.complaints(ComplaintFilter.all()).toList()).isEmpty();
            assertThat(listRequests()).hasSize(1);
        }

        @Test
        @DisplayName("a page request maps its offset to Xiaoe's page number and reports the total")
        void pageNumbers() throws Exception {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet()).build().start();
            client = TestClients.noRetries(sim);

            Page<Complaint> third = client.complaintsPage(ComplaintFilter.all(), new PageRequest(40, 20));
            List<Complaint> all = client.complaints(ComplaintFilter.all(), 20).limit(60).toList();

            assertThat(third.totalCount()).hasValue(XiaoeFixtures.LARGE_DATA_SET_SIZE);
            assertThat(third.items()).containsExactlyElementsOf(all.subList(40, 60));
            JsonNode body = JSON.readTree(listRequests().get(0).body());
            assertThat(body.get("page").asInt()).isEqualTo(3);
            assertThat(body.get("page_size").asInt()).isEqualTo(20);
        }
    }

    @Nested
    @DisplayName("filters")
    class Filters {
        @Test
        @DisplayName("state, channel, overdue, time range and id reach the wire and select what they should")
        void filtersOnTheWire() throws Exception {
            ComplaintStore store = XiaoeFixtures.largeDataSet();
            sim = XiaoeSimulator.builder().store(store).build().start();
            client = TestClients.noRetries(sim);
            Instant from = Instant.parse("2024-03-01T00:00:00Z");
            Instant to = Instant.parse("2024-03-31T23:59:59Z");
            ComplaintFilter filter = ComplaintFilter.builder().state(ComplaintState.PENDING).channel(Channel.SHOP)
                    .overdue(true).between(from, to).build();

            List<Complaint> found = client.complaints(filter, 50).toList();

            long expected = store.complaints().stream().filter(c -> c.state() == ComplaintState.PENDING
                    && c.channel() == Channel.SHOP && c.overdue()
                    && !c.complainedAt().toInstant().isBefore(from) && !c.complainedAt().toInstant().isAfter(to)).count();
            assertThat(found).hasSize((int) expected).isNotEmpty().allSatisfy(c -> {
                assertThat(c.state()).isEqualTo(ComplaintState.PENDING);
                assertThat(c.channel()).isEqualTo(Channel.SHOP);
                assertThat(c.overdue()).isTrue();
                assertThat(c.complainedAt().toInstant()).isBetween(from, to);
            });
            JsonNode body = JSON.readTree(listRequests().get(0).body());
            assertThat(body.get("state").asInt()).isZero();
            assertThat(body.get("channel_type").asInt()).isEqualTo(1);
            assertThat(body.get("is_overtime").asInt()).isEqualTo(2);
            assertThat(body.get("start_time").asText()).isEqualTo("2024-03-01 08:00:00");
            assertThat(body.get("end_time").asText()).isEqualTo("2024-04-01 07:59:59");
            assertThat(listRequests().get(0).header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        }

        @Test
        @DisplayName("a complaint id finds that complaint alone")
        void byId() {
            ComplaintStore store = XiaoeFixtures.largeDataSet();
            sim = XiaoeSimulator.builder().store(store).build().start();
            client = TestClients.noRetries(sim);
            Complaint wanted = store.complaints().get(321);

            List<Complaint> found = client.complaints(ComplaintFilter.builder().complaintId(wanted.id().value()).build()).toList();

            assertThat(found).extracting(Complaint::id).containsExactly(wanted.id());
            assertThat(found.get(0).providerId()).isEqualTo("xiaoe");
            assertThat(found.get(0).extra()).containsEntry("complaint_from", wanted.extra().get("complaint_from"));
        }
    }

    @Nested
    @DisplayName("validation, before any I/O")
    class Validation {
        @Test
        @DisplayName("page size above the maximum, an unaligned offset, an UNKNOWN state and channel are all reported at once; a reversed range too")
        void everyViolation() {
            sim = XiaoeSimulator.builder().build().start();
            client = TestClients.noRetries(sim);
            ComplaintFilter bad = ComplaintFilter.builder().state(ComplaintState.UNKNOWN).channel(Channel.UNKNOWN)
                    .between(Instant.parse("2024-04-01T00:00:00Z"), Instant.parse("2024-05-01T00:00:00Z")).build();
            ComplaintFilter reversed = ComplaintFilter.builder()
                    .between(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z")).build();

            assertThatThrownBy(() -> client.complaintsPage(bad, new PageRequest(5, 101)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field)
                            .contains("page.size", "page.offset", "filter.state", "filter.channel"));
            // core checks Xiaoe's rules only once its general filter rules hold
            assertThatThrownBy(() -> client.complaintsPage(reversed, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).contains("filter.from"));
            assertThatThrownBy(() -> client.complaints(ComplaintFilter.all(), 101).findFirst())
                    .isInstanceOf(ValidationException.class);
            assertThat(sim.requestCount()).isZero();
        }

        @Test
        @DisplayName("the page-size cap is a setting: xiaoe.max-page-size")
        void maxPageSizeSetting() throws Exception {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet()).build().start();
            client = Complaints.client(TestClients.config(sim).maxPageSize(20).build());

            assertThatThrownBy(() -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(21)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactly("page.size"));
            assertThat(sim.requestCount()).isZero();
            assertThat(client.complaints(ComplaintFilter.all()).limit(1).toList()).hasSize(1);
            assertThat(JSON.readTree(listRequests().get(0).body()).get("page_size").asInt()).isEqualTo(20);
        }

        @Test
        @DisplayName("sizes 1 and 100 are fine")
        void bounds() {
            sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            client = TestClients.noRetries(sim);

            assertThat(client.complaintsPage(ComplaintFilter.all(), PageRequest.first(1)).items()).hasSize(1);
            assertThat(client.complaintsPage(ComplaintFilter.all(), PageRequest.first(100)).items()).hasSize(2);
            assertThat(Set.copyOf(client.complaints(ComplaintFilter.all(), 1).toList())).hasSize(2);
        }
    }
}
