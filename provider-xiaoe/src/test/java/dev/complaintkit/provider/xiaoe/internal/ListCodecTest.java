/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ListCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** Decodes a list answer whose {@code data} is the given JSON, as the adapter does. */
    private static Page<Complaint> decode(String data) {
        return decodeAnswer("{\"code\":0,\"msg\":\"ok\",\"data\":" + data + "}");
    }

    private static Page<Complaint> decodeAnswer(String answer) {
        HttpTransport.Response response = new HttpTransport.Response(200, Map.of(), answer.getBytes(StandardCharsets.UTF_8));
        ProviderContext context = new ProviderContext(r -> {
            throw new AssertionError("nothing is sent");
        }, Clock.systemUTC(), Duration.ofSeconds(10));
        // read by core's pipeline with Xiaoe's envelope, as the adapter does: an error code would throw here
        Exchange.Answer a = Answers.pipeline(context, "list complaints", Duration.ofSeconds(10), m -> m,
                p -> ListCodec.read(p, PageRequest.first(10))).read(response, Map.of());
        return ListCodec.decode(Answers.data(a), PageRequest.first(10));
    }

    private static Complaint one(String row) throws Exception {
        Page<Complaint> page = decode("{\"list\":[" + row + "],\"total\":1}");
        assertThat(page.items()).hasSize(1);
        return page.items().get(0);
    }

    /** A minimal row with the given fields added (later keys win in Jackson's tree). */
    private static String row(String fields) {
        return "{\"complaint_id\":\"c_1\",\"complaint_time\":\"2024-04-19 11:25:19\",\"state\":0,\"channel_type\":1"
                + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    @Nested
    @DisplayName("the example answer of Xiaoe's document")
    class SeedExample {
        @Test
        @DisplayName("decodes into two complaints with their states, Shanghai times and an absent closed_at for the open one")
        void decodes() throws Exception {
            Page<Complaint> page = decodeAnswer(XiaoeFixtures.exampleResponse());

            assertThat(page.totalCount()).hasValue(28);
            assertThat(page.items()).hasSize(2);
            Complaint closed = page.items().get(0);
            assertThat(closed.id().value()).isEqualTo("c_6621e41fa5e18_dA0idHLY");
            assertThat(closed.providerId()).isEqualTo("xiaoe");
            assertThat(closed.state()).isEqualTo(ComplaintState.PROCESSED);
            assertThat(closed.channel()).isEqualTo(Channel.SHOP);
            assertThat(closed.reason()).isEqualTo("要退款八八八八八八八八啊啊啊啊啊啊啊啊啊");
            assertThat(closed.complainedAt()).isEqualTo(OffsetDateTime.of(2024, 4, 19, 11, 25, 19, 0, CST));
            assertThat(closed.deadline()).contains(OffsetDateTime.of(2024, 4, 22, 11, 25, 19, 0, CST));
            assertThat(closed.closedAt()).contains(OffsetDateTime.of(2024, 4, 29, 11, 21, 38, 0, CST));
            assertThat(closed.overdue()).isTrue();
            assertThat(closed.complainantPhone()).isEqualTo("188****1474");
            assertThat(closed.orderReference()).isEqualTo("E20240417180801783546V2");
            assertThat(closed.extra())
                    .containsEntry("complaint_from", "101")
                    .containsEntry("complaint_from_name", "H5 shop")
                    .containsEntry("current_step", "2")
                    .containsEntry("current_step_name", "merchant replied")
                    .containsEntry("time_limit", "72")
                    .containsEntry("complaint_type", "1")
                    .containsEntry("complaint_resource_type", "0")
                    .containsEntry("operate_time", "2024-04-19 11:25:19")
                    .doesNotContainKeys("state", "channel_type");

            Complaint open = page.items().get(1);
            assertThat(open.id().value()).isEqualTo("c_661a9d66b6733_qTRys2mU");
            assertThat(open.state()).isEqualTo(ComplaintState.PENDING);
            assertThat(open.complainedAt()).isEqualTo(OffsetDateTime.of(2024, 4, 13, 22, 57, 42, 0, CST));
            assertThat(open.closedAt()).isEmpty();
            assertThat(open.extra()).containsEntry("current_step", "1").doesNotContainKey("closed_at");
        }
    }

    @Nested
    @DisplayName("rows")
    class Rows {
        @Test
        @DisplayName("ids are strings whether the JSON has a number or a string")
        void ids() throws Exception {
            assertThat(one("{\"complaint_id\":12345678901234567890123,\"complaint_time\":\"2024-04-19 11:25:19\"}").id().value())
                    .isEqualTo("12345678901234567890123");
            assertThat(one("{\"complaint_id\":42,\"complaint_time\":\"2024-04-19 11:25:19\"}").id().value()).isEqualTo("42");
            assertThat(one(row("")).id().value()).isEqualTo("c_1");
        }

        @Test
        @DisplayName("every scalar may be a number or a string")
        void scalars() throws Exception {
            Complaint c = one("{\"complaint_id\":\"7\",\"complaint_time\":\"2024-04-19 11:25:19\",\"state\":\"1\","
                    + "\"channel_type\":\"3\",\"is_overtime\":\"2\",\"time_limit\":\"48\",\"complaint_from\":\"201\","
                    + "\"current_step\":2.0,\"complainant_phone\":13100009060,\"complaint_resource_id\":987654321}");

            assertThat(c.state()).isEqualTo(ComplaintState.PROCESSING);
            assertThat(c.channel()).isEqualTo(Channel.WECHAT_PAY);
            assertThat(c.overdue()).isTrue();
            assertThat(c.complainantPhone()).isEqualTo("13100009060");
            assertThat(c.orderReference()).isEqualTo("987654321");
            assertThat(c.extra()).containsEntry("time_limit", "48").containsEntry("current_step", "2")
                    .containsEntry("complaint_from", "201").containsEntry("complaint_from_name", "external: WeChat Pay complaint");

            Page<Complaint> stringTotal = decode("{\"list\":[],\"total\":\"3\"}");
            assertThat(stringTotal.totalCount()).hasValue(3);
        }

        @Test
        @DisplayName("states 0/1/2 and channels 1–4 map; anything else is UNKNOWN with the raw value kept")
        void codes() throws Exception {
            assertThat(one(row("\"state\":0")).state()).isEqualTo(ComplaintState.PENDING);
            assertThat(one(row("\"state\":2")).state()).isEqualTo(ComplaintState.PROCESSED);
            assertThat(one(row("\"channel_type\":2")).channel()).isEqualTo(Channel.PLATFORM);
            assertThat(one(row("\"channel_type\":4")).channel()).isEqualTo(Channel.ALIPAY);

            Complaint odd = one(row("\"state\":7,\"channel_type\":9,\"complaint_from\":999,\"current_step\":8"));
            assertThat(odd.state()).isEqualTo(ComplaintState.UNKNOWN);
            assertThat(odd.channel()).isEqualTo(Channel.UNKNOWN);
            assertThat(odd.extra()).containsEntry("state", "7").containsEntry("channel_type", "9")
                    .containsEntry("complaint_from", "999").containsEntry("current_step", "8")
                    .doesNotContainKeys("complaint_from_name", "current_step_name");

            Complaint missing = one("{\"complaint_id\":\"c_2\",\"complaint_time\":\"2024-04-19 11:25:19\"}");
            assertThat(missing.state()).isEqualTo(ComplaintState.UNKNOWN);
            assertThat(missing.channel()).isEqualTo(Channel.UNKNOWN);
            assertThat(missing.overdue()).isFalse();
        }

        @Test
        @DisplayName("closed_at before 1971, empty or a zero date is absent; a real one is kept")
        void closedAt() throws Exception {
            assertThat(one(row("\"closed_at\":\"1970-01-02 00:00:00\"")).closedAt()).isEmpty();
            assertThat(one(row("\"closed_at\":\"1970-12-31 23:59:59\"")).closedAt()).isEmpty();
            assertThat(one(row("\"closed_at\":\"0000-00-00 00:00:00\"")).closedAt()).isEmpty();
            assertThat(one(row("\"closed_at\":\"\"")).closedAt()).isEmpty();
            assertThat(one(row("\"closed_at\":null")).closedAt()).isEmpty();
            assertThat(one(row("\"closed_at\":\"1971-01-01 00:00:00\"")).closedAt())
                    .contains(OffsetDateTime.of(1971, 1, 1, 0, 0, 0, 0, CST));
            Complaint garbled = one(row("\"closed_at\":\"yesterday\""));
            assertThat(garbled.closedAt()).isEmpty();
            assertThat(garbled.extra()).containsEntry("closed_at", "yesterday");
        }

        @Test
        @DisplayName("times: Shanghai wall-clock, also with T or a fraction, or epoch seconds")
        void times() throws Exception {
            OffsetDateTime expected = OffsetDateTime.of(2024, 4, 19, 11, 25, 19, 0, CST);
            assertThat(one("{\"complaint_id\":\"a\",\"complaint_time\":\"2024-04-19T11:25:19\"}").complainedAt()).isEqualTo(expected);
            assertThat(one("{\"complaint_id\":\"a\",\"complaint_time\":" + expected.toEpochSecond() + "}").complainedAt())
                    .isEqualTo(expected);
            assertThat(one("{\"complaint_id\":\"a\",\"complaint_time\":\"2024-04-19 11:25:19.5\"}").complainedAt())
                    .isEqualTo(expected.plusNanos(500_000_000));
        }

        @Test
        @DisplayName("unknown fields are ignored")
        void unknownFields() throws Exception {
            Complaint c = one(row("\"brand_new_field\":{\"nested\":[1,2]},\"another\":\"x\""));

            assertThat(c.extra()).doesNotContainKeys("brand_new_field", "another");
        }

        @Test
        @DisplayName("a row without an id or a readable complaint time is a provider error naming the row")
        void unreadableRows() {
            assertThatThrownBy(() -> one("{\"complaint_time\":\"2024-04-19 11:25:19\"}"))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                    .hasMessageContaining("row 0");
            assertThatThrownBy(() -> one("{\"complaint_id\":\"c\",\"complaint_time\":\"soon\"}"))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("complaint_time");
            assertThatThrownBy(() -> decode("null")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("no data object");
            assertThatThrownBy(() -> decodeAnswer("{\"code\":0,\"msg\":\"ok\"}")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("no data object");
            assertThatThrownBy(() -> decode("[1]")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("no data object");
            assertThatThrownBy(() -> decode("{\"list\":{}}")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("data.list is not an array");
            assertThatThrownBy(() -> decode("{\"list\":[" + row("") + ",[1,2]]}")).isInstanceOf(ProviderException.class)
                    .hasMessageContaining("row 1 of page 1").hasMessageContaining("not an object");
        }

        @Test
        @DisplayName("no list means an empty page; no total means none is known")
        void emptyData() throws Exception {
            Page<Complaint> page = decode("{}");

            assertThat(page.items()).isEmpty();
            assertThat(page.totalCount()).isEmpty();
        }
    }

    @Nested
    @DisplayName("one pass over the answer")
    class OnePass {
        @Test
        @DisplayName("data may come before code and msg")
        void dataFirst() {
            Page<Complaint> page = decodeAnswer("{\"data\":{\"total\":1,\"list\":[" + row("") + "]},\"msg\":\"ok\",\"code\":0}");

            assertThat(page.items()).extracting(c -> c.id().value()).containsExactly("c_1");
            assertThat(page.totalCount()).hasValue(1);
        }

        @Test
        @DisplayName("an error answer's data is never reported, however unreadable")
        void errorAnswerData() {
            HttpTransport.Response response = new HttpTransport.Response(200, Map.of(),
                    "{\"data\":{\"list\":[{\"no\":\"id\"}]},\"code\":2008,\"msg\":\"token expired\"}"
                            .getBytes(StandardCharsets.UTF_8));

            Answers.Answer<ListCodec.ListData> a = Answers.parse(response.body(), p -> ListCodec.read(p, PageRequest.first(10)));

            assertThat(a.ok()).isFalse();
            assertThat(a.tokenRefused()).isTrue();
            assertThat(a.msg()).isEqualTo("token expired");
        }

        @Test
        @DisplayName("a repeated key: the later one wins, as in Jackson's tree")
        void repeatedKeys() throws Exception {
            Page<Complaint> page = decode("{\"list\":[{\"complaint_time\":\"2024-04-19 11:25:19\"}],\"list\":[" + row("") + "]}");
            assertThat(page.items()).hasSize(1);

            assertThat(one(row("\"complaint_reason\":\"first\",\"complaint_reason\":\"second\"")).reason()).isEqualTo("second");
        }

        @Test
        @DisplayName("a container where a scalar belongs counts as absent; nested unknown values are skipped whole")
        void containers() throws Exception {
            Complaint c = one(row("\"complaint_reason\":{\"text\":\"x\",\"list\":[{\"complaint_id\":\"inner\"}]},"
                    + "\"time_limit\":[72],\"zzz\":[[[{}]]]"));

            assertThat(c.id().value()).isEqualTo("c_1");
            assertThat(c.reason()).isEmpty();
            assertThat(c.extra()).doesNotContainKey("time_limit");
            assertThatThrownBy(() -> one("{\"complaint_id\":\"c\",\"complaint_time\":{\"at\":1}}"))
                    .isInstanceOf(ProviderException.class).hasMessageContaining("not a time: object");
        }

        @Test
        @DisplayName("numbers keep their text; a huge exponent is not written out in full")
        void numbers() throws Exception {
            Complaint c = one(row("\"time_limit\":1.50,\"complaint_type\":1e3,\"complaint_resource_type\":1e999999999"));

            assertThat(c.extra()).containsEntry("time_limit", "1.5").containsEntry("complaint_type", "1000")
                    .containsEntry("complaint_resource_type", "1E+999999999");
        }

        @Test
        @DisplayName("a body that is cut short, not JSON or not an object is not Xiaoe's envelope")
        void notAnEnvelope() {
            String whole = "{\"code\":0,\"msg\":\"ok\",\"data\":{\"list\":[" + row("") + "],\"total\":1}}";
            for (String body : List.of(whole.substring(0, whole.length() - 1), whole.substring(0, 40), "<html/>", "[]", "",
                    "{\"msg\":\"ok\"}")) {
                assertThatThrownBy(() -> decodeAnswer(body)).as(body).isInstanceOf(ProviderException.class)
                        .hasMessageContaining("not Xiaoe's JSON envelope");
            }
        }
    }

    @Nested
    @DisplayName("hostile answers")
    class Hostile {
        /** 168 bytes: one row whose complaint_id is a number with a tiny exponent. */
        static final String TINY_ID_ANSWER = "{\"code\":0,\"msg\":\"success\",\"data\":{\"list\":[{\"complaint_id\":1e-999999999,"
                + "\"complaint_time\":\"2024-04-19 11:25:19\",\"state\":0,\"channel_type\":1,\"time_limit\":7200}],\"total\":1}}";

        @Test
        @DisplayName("a 168-byte answer with complaint_id 1e-999999999 keeps the id as short text instead of a billion characters")
        void tinyExponentIdKeptAsShortText() {
            assertThat(TINY_ID_ANSWER.getBytes(StandardCharsets.UTF_8)).hasSize(168);

            Page<Complaint> page = decodeAnswer(TINY_ID_ANSWER);

            assertThat(page.items()).hasSize(1);
            String id = page.items().get(0).id().value();
            assertThat(id).isEqualTo("1E-999999999");
            assertThat(id.length()).isLessThan(TINY_ID_ANSWER.length());
        }

        @Test
        @DisplayName("a number's plain form is bounded both ways: 1e-5000 and 1e5000 keep their exponent, small ones are written out")
        void plainFormBoundedBothWays() throws Exception {
            Complaint c = one(row("\"time_limit\":1e-5000,\"complaint_type\":1e5000,\"complaint_resource_type\":2.5e-3,"
                    + "\"operate_time\":-7.0e2"));

            assertThat(c.extra()).containsEntry("time_limit", "1E-5000").containsEntry("complaint_type", "1E+5000")
                    .containsEntry("complaint_resource_type", "0.0025").containsEntry("operate_time", "-700");
        }

        @Test
        @DisplayName("1e-999999999 in every scalar field of a row, the total, the code and the message ends in a typed error, not an OutOfMemoryError")
        void tinyExponentEverywhereIsTyped() {
            String tiny = "1e-999999999";
            StringBuilder fields = new StringBuilder();
            for (Row.Field f : Row.Field.values()) {
                fields.append(fields.length() == 0 ? "" : ",").append('"').append(f.wireName()).append("\":").append(tiny);
            }
            String answer = "{\"code\":0,\"msg\":" + tiny + ",\"data\":{\"list\":[{" + fields + "}],\"total\":" + tiny + "}}";

            assertThatThrownBy(() -> decodeAnswer(answer)).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                    .hasMessageContaining("complaint_time").hasMessageContaining("1E-999999999");
            Answers.Answer<ListCodec.ListData> error = Answers.parse(
                    ("{\"code\":" + tiny + ",\"msg\":" + tiny + "}").getBytes(StandardCharsets.UTF_8),
                    p -> ListCodec.read(p, PageRequest.first(10)));
            assertThat(error.ok()).isFalse();
            assertThat(error.code()).isEqualTo("1E-999999999");
            assertThat(error.msg()).isEqualTo("1E-999999999");
        }

        @Test
        @DisplayName("a page with more rows than page_size asked for is refused: the server ignored the paging")
        void morePageRowsThanAskedRefused() {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 11; i++) {
                rows.append(i == 0 ? "" : ",").append(row("\"complaint_id\":\"c_" + i + "\""));
            }
            String data = "{\"list\":[" + rows + "],\"total\":11}";

            assertThatThrownBy(() -> decode(data)).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                    .hasMessageContaining("more than the 10 rows asked for");
        }

        @Test
        @DisplayName("exactly page_size rows are accepted")
        void exactlyPageSizeRowsAccepted() {
            StringBuilder rows = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                rows.append(i == 0 ? "" : ",").append(row("\"complaint_id\":\"c_" + i + "\""));
            }

            assertThat(decode("{\"list\":[" + rows + "],\"total\":30}").items()).hasSize(10);
        }
    }

    @Nested
    @DisplayName("the request body")
    class Encoding {
        @Test
        @DisplayName("with no filter: state '' (all), channel_type 0, is_overtime 0, empty complaint_id, page numbers from offsets")
        void defaults() throws Exception {
            JsonNode body = JSON.readTree(ListCodec.encode(Secret.of("tok"), ComplaintFilter.all(), new PageRequest(40, 20)));

            assertThat(body.get("access_token").asText()).isEqualTo("tok");
            assertThat(body.get("state").isTextual()).isTrue();
            assertThat(body.get("state").asText()).isEmpty();
            assertThat(body.get("channel_type").asInt()).isZero();
            assertThat(body.get("is_overtime").asInt()).isZero();
            assertThat(body.get("complaint_id").asText()).isEmpty();
            assertThat(body.get("page").asLong()).isEqualTo(3);
            assertThat(body.get("page_size").asInt()).isEqualTo(20);
            assertThat(body.has("start_time")).isFalse();
            assertThat(body.has("end_time")).isFalse();
        }

        @Test
        @DisplayName("a filter maps to state, channel_type, is_overtime, complaint_id and Shanghai times to the second")
        void filter() throws Exception {
            ComplaintFilter filter = ComplaintFilter.builder().state(ComplaintState.PROCESSED).channel(Channel.ALIPAY)
                    .overdue(false).complaintId("c_6621e41fa5e18_dA0idHLY")
                    .between(Instant.parse("2024-04-19T03:25:19.250Z"), Instant.parse("2024-04-30T15:59:59.999Z")).build();

            JsonNode body = JSON.readTree(ListCodec.encode(Secret.of("tok"), filter, PageRequest.first(10)));

            assertThat(body.get("state").asInt()).isEqualTo(2);
            assertThat(body.get("state").isNumber()).isTrue();
            assertThat(body.get("channel_type").asInt()).isEqualTo(4);
            assertThat(body.get("is_overtime").asInt()).isEqualTo(1);
            assertThat(body.get("complaint_id").asText()).isEqualTo("c_6621e41fa5e18_dA0idHLY");
            // an inclusive lower bound inside a second starts at the next whole second; the upper bound is cut to its second
            assertThat(body.get("start_time").asText()).isEqualTo("2024-04-19 11:25:20");
            assertThat(body.get("end_time").asText()).isEqualTo("2024-04-30 23:59:59");
            assertThat(body.get("page").asInt()).isEqualTo(1);
        }

        @Test
        @DisplayName("overdue=true asks for is_overtime 2, states 0 and 1 are sent as numbers")
        void overdueAndStates() throws Exception {
            JsonNode overdue = JSON.readTree(ListCodec.encode(Secret.of("t"),
                    ComplaintFilter.builder().overdue(true).state(ComplaintState.PENDING).build(), PageRequest.first(5)));
            JsonNode processing = JSON.readTree(ListCodec.encode(Secret.of("t"),
                    ComplaintFilter.builder().state(ComplaintState.PROCESSING).channel(Channel.SHOP).build(), PageRequest.first(5)));

            assertThat(overdue.get("is_overtime").asInt()).isEqualTo(2);
            assertThat(overdue.get("state").asInt()).isZero();
            assertThat(overdue.get("state").isNumber()).isTrue();
            assertThat(processing.get("state").asInt()).isEqualTo(1);
            assertThat(processing.get("channel_type").asInt()).isEqualTo(1);
        }
    }
}
