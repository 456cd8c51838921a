/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The list's and the detail's records, in the shapes public clients have seen and those they may take. */
class ComplaintRecordsTest {
    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ROW = "{\"complaint_id\":\"c1\",\"complaint_time\":\"2024-05-06 09:12:33\",\"complaint_state\":\"NEW_STATE\","
            + "\"merchantNo\":\"990000000000101\",\"extra_field\":7}";

    @Test
    @DisplayName("a bare array of rows, or an object holding them under data with its own total_count")
    void listShapes() {
        ComplaintRecords.ListPage bare = ComplaintRecords.list(b64("[" + ROW + "]"));
        assertThat(bare.rows()).singleElement().satisfies(r -> {
            assertThat(r.merchantNo()).hasValue("990000000000101");
            assertThat(r.complaint().state()).isEqualTo(ComplaintState.UNKNOWN);
            assertThat(r.complaint().extra()).containsEntry("complaint_state", "NEW_STATE").doesNotContainKey("complaint_id")
                    .containsEntry("extra_field", "7");
            assertThat(r.complaint().complainedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        });
        assertThat(bare.totalCount()).isEmpty();
        ComplaintRecords.ListPage wrapped = ComplaintRecords.list(b64("{\"total_count\":5,\"data\":[" + ROW + "," + ROW + "]}"));
        assertThat(wrapped.rows()).hasSize(2);
        assertThat(wrapped.totalCount()).hasValue(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 !", "bm90IGpzb24=", "eyJhIjoxfQ==", "W3siY29tcGxhaW50X2lkIjoiIn1d"})
    @DisplayName("records that are not Base64, not JSON, not rows, or rows without an id: INVALID_RESPONSE, no Jackson exception")
    void badLists(String records) {
        assertThatThrownBy(() -> ComplaintRecords.list(records)).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE);
            assertThat(e.getMessage()).contains("the records could not be decoded");
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    @DisplayName("a detail's media as one object (the history's shape) is read too; a long payer_phone is kept as ciphertext, not shown")
    void detailShapes() {
        ComplaintDetail d = ComplaintRecords.detail(b64("{\"complaint_id\":\"c1\",\"complaint_time\":\"2024-05-06T09:12:33+08:00\","
                + "\"complaint_state\":\"PROCESSED\",\"complaint_media_list\":{\"media_type\":\"USER_COMPLAINT_IMAGE\","
                + "\"media_url\":\"https://api.mch.weixin.qq.com/v3/merchant-service/images/x\"},\"problem_type\":\"SOMETHING_NEW\","
                + "\"payer_phone\":\"" + "A".repeat(172) + "\",\"complaint_full_refunded\":true}"));
        assertThat(d.media()).singleElement().satisfies(m -> assertThat(m.urls()).hasSize(1));
        assertThat(d.problemType()).isEqualTo(ProblemType.UNKNOWN);
        assertThat(d.problemTypeRaw()).isEqualTo("SOMETHING_NEW");
        assertThat(d.phone().form()).isEqualTo(ComplainantPhone.Form.ENCRYPTED);
        assertThat(d.toString()).doesNotContain("AAAAAAAAAA");
        assertThat(d.fullyRefunded()).isTrue();
        assertThat(d.subMerchant()).isEmpty();
        assertThat(d.complaint().state()).isEqualTo(ComplaintState.PROCESSED);
    }
}
