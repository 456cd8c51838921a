/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AllinpayFixturesTest {

    @Test
    @DisplayName("the committed fixtures are exactly what the generator writes")
    void upToDate() {
        Map<String, byte[]> rendered = AllinpayFixtureGenerator.render();
        assertThat(rendered).containsOnlyKeys(AllinpayFixtures.SEED_RESPONSE, AllinpayFixtures.SEED_RECORDS,
                "history-640-offset-0.json", "history-640-offset-300.json", "history-640-offset-600.json",
                AllinpayFixtures.LIST_RESPONSE, AllinpayFixtures.DETAIL_RESPONSE);
        assertThat(AllinpayFixtures.listExampleResponse()).isEqualTo(rendered.get(AllinpayFixtures.LIST_RESPONSE));
        assertThat(AllinpayFixtures.detailExampleResponse()).isEqualTo(rendered.get(AllinpayFixtures.DETAIL_RESPONSE));
        assertThat(AllinpayFixtures.seedExampleRecords()).isEqualTo(rendered.get(AllinpayFixtures.SEED_RECORDS));
        assertThat(AllinpayFixtures.seedExampleResponse()).isEqualTo(rendered.get(AllinpayFixtures.SEED_RESPONSE));
        List<byte[]> pages = AllinpayFixtures.largeHistoryPages();
        assertThat(pages).hasSize(3);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).as("page %d", i)
                    .isEqualTo(rendered.get(String.format(AllinpayFixtures.LARGE_PAGE, i * AllinpayFixtures.LARGE_HISTORY_PAGE_SIZE)));
        }
    }

    @Test
    @DisplayName("the interface page's example is a real, signed answer carrying its one row")
    void seedExample() {
        Map<String, String> answer = fields(AllinpayFixtures.seedExampleResponse());
        assertSigned(answer);
        JsonNode records = WireClient.records(answer);
        assertThat(records.toString().getBytes(StandardCharsets.UTF_8)).isEqualTo(AllinpayFixtures.seedExampleRecords());
        assertThat(records.get("total_count").asInt()).isEqualTo(1);
        JsonNode row = records.get("data").get(0);
        assertThat(row.get("log_id").asText()).isEqualTo(AllinpayFixtures.SEED_LOG_ID);
        assertThat(row.get("operate_time").asText()).isEqualTo("2023-05-30T23:58:18+08:00");
        assertThat(row.get("operate_type").asText()).isEqualTo("USER_CREATE_COMPLAINT");
        assertThat(row.get("complaint_media_list").isObject()).isTrue();
    }

    @Test
    @DisplayName("the large history: signed pages of 300, 300 and 40, total on the first, every operate_type, every media shape")
    void largeHistory() {
        List<JsonNode> rows = new ArrayList<>();
        List<byte[]> pages = AllinpayFixtures.largeHistoryPages();
        for (int i = 0; i < pages.size(); i++) {
            Map<String, String> answer = fields(pages.get(i));
            assertSigned(answer);
            JsonNode records = WireClient.records(answer);
            assertThat(records.has("total_count")).as("total_count on page %d", i).isEqualTo(i == 0);
            assertThat(records.get("offset").asInt()).isEqualTo(i * 300);
            records.get("data").forEach(rows::add);
        }
        assertThat(rows).hasSize(AllinpayFixtures.LARGE_HISTORY_SIZE);
        assertThat(WireClient.records(fields(pages.get(0))).get("total_count").asInt()).isEqualTo(AllinpayFixtures.LARGE_HISTORY_SIZE);
        assertThat(rows).extracting(r -> r.get("operate_type").asText()).containsAll(AllinpayFixtureGenerator.KNOWN_TYPES)
                .containsAll(AllinpayFixtures.UNKNOWN_OPERATE_TYPES)
                .containsExactlyElementsOf(AllinpayFixtureGenerator.largeHistoryTypes());
        assertThat(rows).anySatisfy(r -> assertThat(r.path("complaint_media_list").isObject()).isTrue())
                .anySatisfy(r -> assertThat(r.path("complaint_media_list").size()).isEqualTo(2))
                .anySatisfy(r -> assertThat(r.path("complaint_media_list").isArray() && r.path("complaint_media_list").isEmpty()).isTrue())
                .anySatisfy(r -> assertThat(r.has("complaint_media_list")).isFalse())
                .anySatisfy(r -> assertThat(r.path("image_list").size()).isEqualTo(2));
        assertThat(rows).extracting(r -> r.get("operate_time").asText()).allMatch(t -> t.endsWith("+08:00"));
    }

    private static Map<String, String> fields(byte[] body) {
        Map<String, String> f = new LinkedHashMap<>();
        try {
            WireClient.JSON.readTree(body).properties().forEach(e -> f.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    private static void assertSigned(Map<String, String> answer) {
        assertThat(answer).containsEntry("retcode", "SUCCESS").containsEntry("appid", AllinpayTestKeys.APPID);
        assertThat(WireClient.verify(AllinpayFixtures.SIGN_TYPE, AllinpayTestKeys.platformPublicKey(AllinpayFixtures.SIGN_TYPE),
                "Allinpay", WireClient.canonical(answer), answer.get("sign"))).isTrue();
    }
}
