/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RecordsDecoder fast paths")
class RecordsDecoderFastPathTest {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Test
    @DisplayName("yyyy-MM-ddTHH:mm:ss±hh:mm read by position equals OffsetDateTime.parse")
    void timesMatchParse() {
        List<String> times = new ArrayList<>(List.of("2023-05-30T23:58:18+08:00", "2024-02-29T00:00:00+08:00",
                "1999-12-31T23:59:59-05:30", "2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00-00:00",
                "2024-07-01T12:00:00+14:00", "0001-01-01T00:00:00+08:00"));
        OffsetDateTime t = OffsetDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < 2000; i++) {
            times.add(t.plusSeconds(i * 97_777L).withOffsetSameInstant(ZoneOffset.ofHoursMinutes(i % 15 - 7, 0))
                    .format(RFC3339));
        }
        for (String s : times) {
            assertThat(RecordsDecoder.rfc3339Fast(s)).as(s).isEqualTo(OffsetDateTime.parse(s));
        }
    }

    @Test
    @DisplayName("other shapes and invalid times are left to the formatters")
    void otherShapesFallBack() {
        for (String s : List.of("2023-05-30T23:58:18Z", "2023-05-30T23:58:18.5+08:00", "2023-05-30 23:58:18",
                "2023-05-30t23:58:18+08:00", "2023-02-30T23:58:18+08:00", "2023-05-30T24:00:00+08:00",
                "2023-05-30T23:58:60+08:00", "2023-05-30T23:58:18+19:00", "2023-05-30T23:58:18+08:60",
                "2023-05-30T23:58:18+0800", "2023-5-30T23:58:18+08:00", "2023-05-30T23:58:1x+08:00")) {
            assertThat(RecordsDecoder.rfc3339Fast(s)).as(s).isNull();
        }
    }

    @Test
    @DisplayName("records with whitespace in the Base64 still decode; the common one-line form decodes without a copy")
    void base64WithWhitespace() {
        String json = "{\"offset\":0,\"limit\":1,\"data\":[{\"log_id\":\"1\",\"operate_time\":\"2023-05-30T23:58:18+08:00\"}]}";
        String oneLine = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        String wrapped = Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\n";

        assertThat(RecordsDecoder.decode(oneLine).entries()).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(OffsetDateTime.parse("2023-05-30T23:58:18+08:00")));
        assertThat(RecordsDecoder.decode(wrapped).entries()).isEqualTo(RecordsDecoder.decode(oneLine).entries());
    }
}
