/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.testkit.allinpay.AllinpayFixtures;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordsDecoderTest {

    static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("the example of Allinpay's interface page: every field of the row, the total, the time with its offset")
    void seedExample() {
        RecordsDecoder.Records r = RecordsDecoder.decode(AllinpayFixtures.seedExampleRecords());

        assertThat(r.totalCount()).hasValue(1);
        assertThat(r.entries()).hasSize(1);
        NegotiationEntry e = r.entries().get(0);
        assertThat(e.logId()).isEqualTo("300200020230530232256940819");
        assertThat(e.operator()).isEqualTo("投诉人");
        assertThat(e.details()).isEqualTo("操作内容");
        assertThat(e.type()).isEqualTo(OperationType.USER_CREATE_COMPLAINT);
        assertThat(e.rawType()).isEqualTo("USER_CREATE_COMPLAINT");
        assertThat(e.time()).isEqualTo(OffsetDateTime.of(2023, 5, 30, 23, 58, 18, 0, ZoneOffset.ofHours(8)));
        assertThat(e.time().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(e.media()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("USER_COMPLAINT_IMAGE");
            assertThat(m.urls()).singleElement().asString().startsWith("https://api.mch.weixin.qq.com/v3/merchant-service/images/");
        });
        assertThat(e.images()).isEmpty();
    }

    @Test
    @DisplayName("total_count only when sent (Allinpay sends it at offset 0)")
    void totalOnlyWhenSent() {
        assertThat(RecordsDecoder.decode(b64("{\"offset\":100,\"limit\":100,\"data\":[]}")).totalCount()).isEmpty();
        assertThat(RecordsDecoder.decode(b64("{\"total_count\":\"42\",\"offset\":0,\"limit\":100,\"data\":[]}")).totalCount()).hasValue(42);
    }

    @Test
    @DisplayName("complaint_media_list as an object, as an array, empty, null or absent; media_url as a single string")
    void mediaShapes() {
        String rows = "{\"data\":["
                + row("\"complaint_media_list\":{\"media_type\":\"USER_COMPLAINT_IMAGE\",\"media_url\":[\"u1\",\"u2\"]}") + ","
                + row("\"complaint_media_list\":[{\"media_type\":\"OPERATION_IMAGE\",\"media_url\":[\"u3\"]},"
                        + "{\"media_type\":\"USER_COMPLAINT_IMAGE\",\"media_url\":\"u4\"}]") + ","
                + row("\"complaint_media_list\":[]") + ","
                + row("\"complaint_media_list\":null") + ","
                + row("\"complaint_media_list\":{\"media_type\":\"\",\"media_url\":[]}") + ","
                + row("\"image_list\":[\"i1\",null,\"i2\"]") + "]}";

        List<NegotiationEntry> e = RecordsDecoder.decode(b64(rows)).entries();

        assertThat(e.get(0).media()).containsExactly(new Media("USER_COMPLAINT_IMAGE", List.of("u1", "u2")));
        assertThat(e.get(1).media()).containsExactly(new Media("OPERATION_IMAGE", List.of("u3")),
                new Media("USER_COMPLAINT_IMAGE", List.of("u4")));
        assertThat(e.get(2).media()).isEmpty();
        assertThat(e.get(3).media()).isEmpty();
        assertThat(e.get(4).media()).isEmpty();
        assertThat(e.get(5).media()).isEmpty();
        assertThat(e.get(5).images()).containsExactly("i1", "i2");
    }

    @Test
    @DisplayName("an unknown operate_type is kept raw; unknown fields are ignored; other offsets are kept")
    void unknownsTolerated() {
        List<NegotiationEntry> e = RecordsDecoder.decode(b64("{\"data\":[{\"operate_type\":\"SOMETHING_NEW\",\"new_field\":{\"a\":[1]},"
                + "\"operate_time\":\"2024-01-02T03:04:05Z\",\"log_id\":123}],\"extra\":[1,2]}")).entries();

        assertThat(e).singleElement().satisfies(x -> {
            assertThat(x.type()).isEqualTo(OperationType.UNKNOWN);
            assertThat(x.rawType()).isEqualTo("SOMETHING_NEW");
            assertThat(x.time()).isEqualTo(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC));
            assertThat(x.logId()).isEqualTo("123");
        });
    }

    @Test
    @DisplayName("a time without offset is read as Beijing time; a bare array of rows is accepted")
    void lenientForms() {
        List<NegotiationEntry> e = RecordsDecoder.decode(b64("[{\"operate_time\":\"2023-05-30 23:58:18\",\"operate_type\":\"USER_RESPONSE\"}]"))
                .entries();
        assertThat(e).singleElement().extracting(NegotiationEntry::time)
                .isEqualTo(OffsetDateTime.of(2023, 5, 30, 23, 58, 18, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    @DisplayName("Base64 wrapped over lines (MIME style) is accepted")
    void wrappedBase64() {
        String wrapped = Base64.getMimeEncoder().encodeToString(AllinpayFixtures.seedExampleRecords());
        assertThat(wrapped).contains("\r\n");
        assertThat(RecordsDecoder.decode(wrapped).entries()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64 !", "eyJkYXRhIjpbXX0=x", "ey*"})
    @DisplayName("text that is not Base64 is a provider error saying the records could not be decoded")
    void notBase64(String records) {
        assertThatThrownBy(() -> RecordsDecoder.decode(records))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.code()).isEqualTo(ProviderException.INVALID_RESPONSE);
                    assertThat(ex.providerMessage()).contains("the records could not be decoded").contains("not Base64");
                    assertThat(ex.getCause()).isNull();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"data\":[{\"operate_time\":",
        "not json",
        "\"a string\"",
        "{\"data\":{}}",
        "{\"data\":[1]}",
        "{\"total_count\":\"many\",\"data\":[]}",
        "{\"data\":[{\"operate_time\":\"yesterday\"}]}",
        "{\"data\":[{\"operate_type\":\"USER_RESPONSE\"}]}",
        "{\"data\":[{\"operate_time\":\"2024-01-02T03:04:05Z\",\"complaint_media_list\":\"x\"}]}",
        "{\"data\":[{\"operate_time\":\"2024-01-02T03:04:05Z\",\"log_id\":{\"a\":1}}]}",
    })
    @DisplayName("JSON that is broken or not the expected shape is a provider error, no Jackson exception escapes")
    void badJson(String json) {
        assertThatThrownBy(() -> RecordsDecoder.decode(b64(json)))
                .isInstanceOfSatisfying(ProviderException.class, ex -> {
                    assertThat(ex.providerId()).isEqualTo("allinpay");
                    assertThat(ex.providerMessage()).startsWith("the records could not be decoded");
                    assertThat(ex.isRetryable()).isFalse();
                    assertThat(ex.getCause()).isNull();
                });
    }

    private static String row(String media) {
        return "{" + media + ",\"log_id\":\"l\",\"operate_time\":\"2023-05-30T23:58:18+08:00\",\"operate_type\":\"USER_RESPONSE\"}";
    }
}
