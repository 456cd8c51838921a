/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class XiaoeFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("the committed large data set is exactly what the generator produces")
    void largeDataSetIsReproducible() {
        assertThat(XiaoeFixtures.largeDataSetJson()).isEqualTo(LargeDataSetGenerator.generate());
    }

    @Test
    @DisplayName("the large data set has 1,000 rows with distinct ids, every state, channel, source and step")
    void largeDataSetCoversEveryCode() throws Exception {
        List<JsonNode> rows = StreamSupport.stream(JSON.readTree(XiaoeFixtures.largeDataSetJson()).spliterator(), false).toList();

        assertThat(rows).hasSizeGreaterThanOrEqualTo(1000).hasSize(XiaoeFixtures.LARGE_DATA_SET_SIZE);
        assertThat(rows.stream().map(r -> r.get("complaint_id").asText()).distinct()).hasSize(rows.size());
        assertThat(codes(rows, "state")).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(codes(rows, "channel_type")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(codes(rows, "complaint_from")).containsExactlyInAnyOrder(
                101L, 102L, 103L, 104L, 105L, 106L, 107L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 209L, 10L);
        assertThat(codes(rows, "current_step")).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(codes(rows, "is_overtime")).containsExactlyInAnyOrder(1L, 2L);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("state").isNumber()).isTrue();
            assertThat(r.get("complaint_id").isTextual()).isTrue();
            boolean closed = r.get("state").asInt() == 2;
            assertThat(r.get("closed_at").asText().startsWith("1970-")).isEqualTo(!closed);
        });
    }

    @Test
    @DisplayName("the stores read from the fixtures hold the model values")
    void storesReadTheRows() {
        List<Complaint> example = XiaoeFixtures.exampleStore().complaints();
        assertThat(example).hasSize(2);
        assertThat(example.get(0).state()).isEqualTo(ComplaintState.PROCESSED);
        assertThat(example.get(0).closedAt()).isPresent();
        assertThat(example.get(1).state()).isEqualTo(ComplaintState.PENDING);
        assertThat(example.get(1).closedAt()).isEmpty();
        assertThat(example.get(1).extra()).containsEntry("complaint_from", "101").containsEntry("time_limit", "72");

        List<Complaint> large = XiaoeFixtures.largeDataSet().complaints();
        assertThat(large).hasSize(XiaoeFixtures.LARGE_DATA_SET_SIZE);
        assertThat(large.stream().map(Complaint::state).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ComplaintState.PENDING, ComplaintState.PROCESSING, ComplaintState.PROCESSED);
        assertThat(large.stream().map(Complaint::channel).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Channel.SHOP, Channel.PLATFORM, Channel.WECHAT_PAY, Channel.ALIPAY);
    }

    private static Set<Long> codes(List<JsonNode> rows, String field) {
        Set<Long> out = new HashSet<>();
        rows.forEach(r -> out.add(r.get(field).asLong()));
        return out;
    }
}
