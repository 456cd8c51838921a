/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpayFixtures;
import dev.complaintkit.testkit.http.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The test kit's recorded answers, replayed through the client: real bodies, real signatures. */
class AllinpayFixturesReplayTest {
    private Harness h;

    @BeforeEach
    void start() {
        h = Harness.start(AllinpayFixtures.SIGN_TYPE, ComplaintStore.create());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private void enqueue(byte[] body) {
        h.simulator.enqueue(ScriptedResponse.json(200, new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("the records example of Allinpay's interface page decodes to its one row")
    void seedExample() {
        enqueue(AllinpayFixtures.seedExampleResponse());

        Page<NegotiationEntry> page = h.client.historyPage(ComplaintId.of(AllinpayFixtures.SEED_COMPLAINT_ID), PageRequest.first(100));

        assertThat(page.totalCount()).hasValue(1);
        assertThat(page.items()).singleElement().satisfies(e -> {
            assertThat(e.logId()).isEqualTo(AllinpayFixtures.SEED_LOG_ID);
            assertThat(e.type()).isEqualTo(OperationType.USER_CREATE_COMPLAINT);
            assertThat(e.time().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(e.media()).singleElement().extracting(m -> m.type()).isEqualTo("USER_COMPLAINT_IMAGE");
        });
    }

    @Test
    @DisplayName("the 640-row history streams in three pages: every operate_type, unknown ones kept raw, every media shape")
    void largeHistory() {
        AllinpayFixtures.largeHistoryPages().forEach(this::enqueue);

        List<NegotiationEntry> rows = h.client.history(ComplaintId.of(AllinpayFixtures.LARGE_HISTORY_COMPLAINT_ID),
                AllinpayFixtures.LARGE_HISTORY_PAGE_SIZE).toList();

        assertThat(rows).hasSize(AllinpayFixtures.LARGE_HISTORY_SIZE);
        assertThat(h.simulator.requestCount()).isEqualTo(3);
        Set<OperationType> types = rows.stream().map(NegotiationEntry::type).collect(Collectors.toCollection(() -> EnumSet.noneOf(OperationType.class)));
        assertThat(types).isEqualTo(EnumSet.allOf(OperationType.class));
        assertThat(rows).filteredOn(e -> e.type() == OperationType.UNKNOWN).extracting(NegotiationEntry::rawType)
                .isSubsetOf(AllinpayFixtures.UNKNOWN_OPERATE_TYPES)
                .containsAll(AllinpayFixtures.UNKNOWN_OPERATE_TYPES);
        assertThat(rows).extracting(e -> e.media().size()).contains(0, 1, 2);
        assertThat(rows).allSatisfy(e -> {
            assertThat(e.time().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(e.logId()).hasSize(27);
        });
        assertThat(rows.stream().map(NegotiationEntry::logId).distinct().count()).isEqualTo(rows.size());
    }

    @Test
    @DisplayName("the recorded list page reads as two complaints, and the detail of the first goes to its sub-merchant")
    void listThenDetail() {
        enqueue(AllinpayFixtures.listExampleResponse());
        Page<dev.complaintkit.model.Complaint> page = h.client.complaintsPage(dev.complaintkit.model.ComplaintFilter.all(),
                PageRequest.first(10));
        assertThat(page.totalCount()).hasValue(2);
        assertThat(page.items()).extracting(c -> c.id().value()).containsExactlyElementsOf(AllinpayFixtures.LIST_COMPLAINT_IDS);
        assertThat(page.items().get(0).extra()).containsEntry("merchantNo", AllinpayFixtures.LIST_SUB_MERCHANT);
        assertThat(page.items().get(0).orderReference()).isEqualTo("TL202405060001");
        assertThat(page.items().get(1).complainedAt().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(page.items().get(1).state()).isEqualTo(dev.complaintkit.model.ComplaintState.PROCESSING);

        enqueue(AllinpayFixtures.detailExampleResponse());
        dev.complaintkit.model.ComplaintDetail d = h.client.detail(ComplaintId.of(AllinpayFixtures.LIST_COMPLAINT_IDS.get(0)));
        h.simulator.takeRequest();
        assertThat(h.simulator.takeRequest().formFields()).containsEntry("cusid", AllinpayFixtures.LIST_SUB_MERCHANT);
        assertThat(d.subMerchant()).hasValue(AllinpayFixtures.LIST_SUB_MERCHANT);
        assertThat(d.problemType()).isEqualTo(dev.complaintkit.model.ProblemType.REFUND);
        assertThat(d.requestedRefundFen()).hasValue(9900);
        assertThat(d.orders()).singleElement().satisfies(o -> assertThat(o.amountFen()).hasValue(9900));
        assertThat(d.media()).singleElement().satisfies(m -> assertThat(m.urls()).hasSize(2));
        assertThat(d.userTags()).containsExactly("TRUSTED");
        assertThat(d.userResponsePending()).isTrue();
        assertThat(d.complaintCount()).isEqualTo(2);
        assertThat(d.extra()).containsEntry("new_field", "kept");
    }
}
