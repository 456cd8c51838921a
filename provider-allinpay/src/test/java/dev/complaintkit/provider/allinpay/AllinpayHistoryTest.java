/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end against the simulator: the wire, paging, and every error path. */
class AllinpayHistoryTest {
    private Harness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private ComplaintId seeded(String signType, int rows) {
        h = Harness.start(signType, ComplaintStore.create().seed(1, rows));
        return ComplaintId.of(h.firstComplaint());
    }

    @Nested
    @DisplayName("round trips")
    class RoundTrips {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("the history comes back exactly as stored: rows, media, images, times with their offset")
        void history(String signType) {
            ComplaintId id = seeded(signType, 12);

            List<NegotiationEntry> got = h.client.history(id).toList();

            assertThat(got).containsExactlyElementsOf(h.store.history(id).orElseThrow());
            assertThat(got).anySatisfy(e -> assertThat(e.media()).isNotEmpty()).anySatisfy(e -> assertThat(e.images()).isNotEmpty());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("the request is a signed form POST to <base>/riskfeeback/wxcomplainthistory, as Allinpay documents it")
        void wire(String signType) {
            ComplaintId id = seeded(signType, 3);

            h.client.historyPage(id, new PageRequest(1, 2));
            h.client.historyPage(id, new PageRequest(1, 2));

            RecordedRequest first = h.simulator.takeRequest();
            RecordedRequest second = h.simulator.takeRequest();
            assertThat(first.method()).isEqualTo("POST");
            assertThat(first.path()).isEqualTo("/cusapi/riskfeeback/wxcomplainthistory");
            assertThat(first.header("content-type")).hasValue("application/x-www-form-urlencoded;charset=UTF-8");
            Map<String, String> f = first.formFields();
            assertThat(f).containsOnlyKeys("appid", "cusid", "version", "randomstr", "signtype", "complaint_id", "limit", "offset", "sign");
            assertThat(f).containsEntry("appid", AllinpayTestKeys.APPID).containsEntry("cusid", AllinpayTestKeys.CUSID)
                    .containsEntry("version", "12").containsEntry("signtype", signType).containsEntry("complaint_id", id.value())
                    .containsEntry("limit", "2").containsEntry("offset", "1");
            assertThat(f.get("randomstr")).matches("[0-9a-f]{32}");
            assertThat(second.formFields().get("randomstr")).as("fresh per request").isNotEqualTo(f.get("randomstr"));
            assertThat(java.util.Base64.getDecoder().decode(f.get("sign"))).as("RSA-2048, or raw SM2 r‖s")
                    .hasSize(signType.equals("RSA") ? 256 : 64);
        }

        @Test
        @DisplayName("a complaint's sub-merchant is sent and signed as cusid, and the answer's cusid is checked against it")
        void subMerchantIsSentAsCusid() {
            String sub = "990000000000123";
            ComplaintStore store = ComplaintStore.create().seed(1, 3);
            try (AllinpaySimulator agent = AllinpaySimulator.builder().store(store)
                    .merchant(AllinpayTestKeys.APPID, sub, "RSA", AllinpayTestKeys.merchantPublicKey("RSA")).build().start();
                    dev.complaintkit.ComplaintClient client = dev.complaintkit.Complaints.builder().provider(new AllinpayProvider())
                            .config(Harness.configFor(agent, "RSA").build()).retryPolicy(dev.complaintkit.RetryPolicy.none()).build()) {
                ComplaintRef ref = ComplaintRef.of(store.complaints().get(0).id()).forSubMerchant(sub);

                assertThat(client.historyPage(ref, PageRequest.first(10)).items()).hasSize(3);
                assertThat(agent.takeRequest().formFields()).containsEntry("cusid", sub);
                assertThatThrownBy(() -> client.historyPage(ref.id(), PageRequest.first(10)))
                        .as("without the sub-merchant the configured cusid is sent, which this appid does not own")
                        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("FAIL"));
                assertThat(agent.takeRequest().formFields()).containsEntry("cusid", AllinpayTestKeys.CUSID);
            }
        }

        @Test
        @DisplayName("orgid is sent when set, and signed")
        void orgid() {
            h = Harness.start("RSA", ComplaintStore.create().seed(1, 2), b -> b.orgid("200581000000001"));
            assertThat(h.client.history(ComplaintId.of(h.firstComplaint())).toList()).hasSize(2);
            assertThat(h.simulator.takeRequest().formFields()).containsEntry("orgid", "200581000000001");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("media rendered the old way, as arrays, decode to the same rows")
        void mediaAsArrays(String signType) {
            ComplaintId id = seeded(signType, 9);
            h.simulator.mediaShape(AllinpaySimulator.MediaShape.ARRAY);
            assertThat(h.client.history(id).toList()).containsExactlyElementsOf(h.store.history(id).orElseThrow());
        }
    }

    @Nested
    @DisplayName("paging")
    class Paging {
        @Test
        @DisplayName("1,000 rows stream completely in pages of 250; the total from the first page ends the stream")
        void thousandRows() {
            ComplaintId id = seeded("SM2", 1000);

            List<NegotiationEntry> all = h.client.history(id, 250).toList();

            assertThat(all).hasSize(1000).containsExactlyElementsOf(h.store.history(id).orElseThrow());
            List<RecordedRequest> requests = h.simulator.requests();
            assertThat(requests).as("4 full pages; with the total known no 5th, empty page is fetched").hasSize(4);
            assertThat(requests).extracting(r -> r.formFields().get("offset")).containsExactly("0", "250", "500", "750");
        }

        @Test
        @DisplayName("total_count is reported at offset 0 only; the default page size is 100")
        void totals() {
            ComplaintId id = seeded("RSA", 1000);

            Page<NegotiationEntry> first = h.client.historyPage(id, PageRequest.first(300));
            Page<NegotiationEntry> later = h.client.historyPage(id, new PageRequest(300, 300));
            Page<NegotiationEntry> last = h.client.historyPage(id, new PageRequest(900, 300));

            assertThat(first.totalCount()).hasValue(1000);
            assertThat(first.items()).hasSize(300);
            assertThat(later.totalCount()).isEmpty();
            assertThat(later.items().get(0)).isEqualTo(h.store.history(id).orElseThrow().get(300));
            assertThat(last.items()).hasSize(100);
            assertThat(last.nextRequest()).isEmpty();

            h.simulator.clearLog();
            assertThat(h.client.history(id).limit(1).toList()).hasSize(1);
            assertThat(h.simulator.takeRequest().formFields()).containsEntry("limit", "100").containsEntry("offset", "0");
        }
    }

    @Nested
    @DisplayName("input is checked before any I/O")
    class Validation {
        @Test
        @DisplayName("limit above 300, below 1, a negative offset, no complaint id: violations, nothing sent")
        void violations() {
            ComplaintId id = seeded("RSA", 3);

            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(301)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field, Violation::rule).containsExactly(org.assertj.core.groups.Tuple.tuple("page.size", "max")));
            assertThatThrownBy(() -> h.client.history(id, 301)).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> h.client.historyPage(id, new PageRequest(-1, 0)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactlyInAnyOrder("page.offset", "page.size"));
            assertThatThrownBy(() -> h.client.historyPage((ComplaintId) null, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).contains("complaintId"));
            assertThat(h.simulator.requestCount()).isZero();

            assertThat(h.client.historyPage(id, PageRequest.first(300)).items()).hasSize(3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"9905810&x=1", "99058100742600123"})
        @DisplayName("a sub-merchant that is not 1 to 15 letters and digits (it is signed raw as cusid) is a violation, nothing sent")
        void subMerchantThatWouldFoldTheSignedStringIsRefused(String sub) {
            ComplaintId id = seeded("RSA", 3);
            assertThatThrownBy(() -> h.client.historyPage(ComplaintRef.of(id).forSubMerchant(sub), PageRequest.first(10)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field, Violation::rule)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("subMerchant", "format")));
            assertThat(h.simulator.requestCount()).isZero();
        }
    }

    /** A SUCCESS answer of these fields, validly signed by the simulator's platform key, answers the next request. */
    private void enqueueSigned(String signType, Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        HttpTransport.Response answer = new HttpTransport.Response(200, Map.of("content-type", List.of("application/json")),
                json.append('}').toString().getBytes(StandardCharsets.UTF_8));
        h.simulator.enqueue(ScriptedResponse.json(200,
                new String(h.simulator.resigner(signType).apply(answer).body(), StandardCharsets.UTF_8)));
    }

    private static String records(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String ROW = "{\"log_id\":\"l\",\"operate_time\":\"2023-05-30T23:58:18+08:00\",\"operate_type\":\"USER_RESPONSE\"}";

    private static Map<String, String> answer(String... more) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("retcode", "SUCCESS");
        f.put("appid", AllinpayTestKeys.APPID);
        f.put("cusid", AllinpayTestKeys.CUSID);
        f.put("randomstr", "5e2c0f8a91d34b7a");
        f.put("records", records("{\"total_count\":1,\"offset\":0,\"limit\":10,\"data\":[" + ROW + "]}"));
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                f.remove(more[i]);
            } else {
                f.put(more[i], more[i + 1]);
            }
        }
        return f;
    }

    private static void assertInvalid(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProviderException.class, e -> {
            assertThat(e).isNotInstanceOf(SignatureException.class);
            assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
            assertThat(e.providerMessage()).contains(reason);
            assertThat(e.isRetryable()).isFalse();
        });
    }

    @Nested
    @DisplayName("the signed string cannot be folded")
    class Folding {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("records folded into randomstr (same signed string, valid signature) is refused, not read as an empty page")
        void recordsFoldedIntoRandomstrIsRefused(String signType) {
            ComplaintId id = seeded(signType, 3);
            h.simulator.foldNextRecordsIntoRandomstr();
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "randomstr holds '&'");
            assertThat(h.client.historyPage(id, PageRequest.first(10)).items()).hasSize(3);
        }

        @Test
        @DisplayName("the signed answer Allinpay's protocol defines is accepted as is (the checks refuse only ambiguity)")
        void wellFormedSignedAnswerIsAccepted() {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer());
            assertThat(h.client.historyPage(id, PageRequest.first(10)).items()).hasSize(1);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "randomstr holds '='   | randomstr | ab=cd           | randomstr holds '='",
            "retmsg holds '&'      | retmsg    | ok&records=x    | retmsg holds '&'",
            "unknown field holds = | trxstatus | a=b             | trxstatus holds '='",
            "randomstr too long    | randomstr | 0123456789abcdef0123456789abcdef0 | randomstr is not 1 to 32 letters or digits",
            "randomstr not alnum   | randomstr | ab-cd           | randomstr is not 1 to 32 letters or digits",
            "no randomstr          | randomstr |                 | carries no randomstr",
            "a name with '&'       | a&b       | 1               | whose name is not letters",
        })
        @DisplayName("a validly signed answer whose signed string is ambiguous, or lacks randomstr, is refused")
        void ambiguousSignedAnswersAreRefused(String name, String field, String value, String reason) {
            ComplaintId id = seeded("SM2", 3);
            enqueueSigned("SM2", answer(field, value));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), reason);
        }

        @Test
        @DisplayName("'=' inside records, not as trailing Base64 padding, is refused")
        void equalsInsideRecordsIsRefused() {
            ComplaintId id = seeded("RSA", 3);
            String good = records("{\"offset\":0,\"limit\":10,\"data\":[]}");
            enqueueSigned("RSA", answer("records", good.substring(0, 8) + "=" + good.substring(8)));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "records holds '=' before its end");
        }

        @Test
        @DisplayName("a complaint id holding '&' or '=' is a violation, nothing is sent")
        void complaintIdThatWouldFoldTheRequestIsRefused() {
            seeded("RSA", 3);
            assertThatThrownBy(() -> h.client.historyPage(ComplaintId.of("2002&limit=300"), PageRequest.first(10)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field, Violation::rule)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("complaintId", "format")));
            assertThat(h.simulator.requestCount()).isZero();
        }
    }

    @Nested
    @DisplayName("an answer is bound to its request")
    class Binding {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("the signed answer for another complaint, echoing that complaint's id, is refused")
        void answerForAnotherComplaintIsRefused(String signType) {
            h = Harness.start(signType, ComplaintStore.create().seed(2, 4));
            ComplaintId a = h.store.complaints().get(0).id();
            ComplaintId b = h.store.complaints().get(1).id();
            h.simulator.echoComplaintId(true);
            assertThat(h.client.historyPage(a, PageRequest.first(10)).items()).hasSize(4);
            h.simulator.replayNextFromComplaint(b.value());
            assertInvalid(() -> h.client.historyPage(a, PageRequest.first(10)), "its complaint_id is not the one sent");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("offset 0's signed answer replayed for offset 100 is refused")
        void answerForAnotherOffsetIsRefused(String signType) {
            ComplaintId id = seeded(signType, 150);
            h.simulator.replayNextFromOffset(0);
            assertInvalid(() -> h.client.historyPage(id, new PageRequest(100, 100)),
                    "records.offset is 0, the request's 100");
        }

        @Test
        @DisplayName("a signed answer made for another limit is refused")
        void answerForAnotherLimitIsRefused() {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer("records", records("{\"offset\":0,\"limit\":100,\"data\":[" + ROW + "]}")));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "records.limit is 100, the request's 10");
        }

        @Test
        @DisplayName("records without offset or limit, which Allinpay always sends, are refused")
        void recordsWithoutOffsetOrLimitAreRefused() {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer("records", records("{\"limit\":10,\"data\":[" + ROW + "]}")));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "carry no offset");
            enqueueSigned("RSA", answer("records", records("{\"offset\":0,\"data\":[" + ROW + "]}")));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "carry no limit");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("the signed answer given to another merchant (its appid and cusid) is refused")
        void answerForAnotherMerchantIsRefused(String signType) {
            ComplaintId id = seeded(signType, 3);
            h.simulator.replayNextFromOtherMerchant();
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "its appid is not the one sent");
        }

        @Test
        @DisplayName("another merchant's cusid alone is refused too")
        void answerForAnotherCusidIsRefused() {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer("cusid", AllinpaySimulator.OTHER_CUSID));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "its cusid is not the one sent");
        }
    }

    @Nested
    @DisplayName("a page holds no more rows than asked for")
    class PageSize {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("a server that ignores limit and sends more rows is refused with a typed error")
        void pageLargerThanLimitIsRefused(String signType) {
            ComplaintId id = seeded(signType, 12);
            h.simulator.ignoreLimitNext();
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(5)), "more than the limit of 5");
            h.simulator.ignoreLimitNext();
            assertInvalid(() -> h.client.history(id, 5).toList(), "more than the limit of 5");
        }

        @Test
        @DisplayName("a first page with more rows than its own total_count is refused")
        void pageLargerThanTotalIsRefused() {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer("records", records("{\"total_count\":1,\"offset\":0,\"limit\":10,\"data\":["
                    + ROW + "," + ROW + "]}")));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "more than its total_count of 1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "\"99999999999999999999\"", "99999999999999999999"})
        @DisplayName("a negative or out-of-range total_count is refused, not an arithmetic error")
        void badTotalCountIsRefused(String total) {
            ComplaintId id = seeded("RSA", 3);
            enqueueSigned("RSA", answer("records", records("{\"total_count\":" + total + ",\"offset\":0,\"limit\":10,\"data\":[]}")));
            assertInvalid(() -> h.client.historyPage(id, PageRequest.first(10)), "records.total_count");
        }
    }

    @Nested
    @DisplayName("errors")
    class Errors {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("a tampered response signature is a SignatureException")
        void tampered(String signType) {
            ComplaintId id = seeded(signType, 3);
            h.simulator.tamperNextSignature();
            assertThatThrownBy(() -> h.client.history(id).toList())
                    .isInstanceOf(SignatureException.class).hasMessageContaining("does not verify");
        }

        @Test
        @DisplayName("a missing response signature is a SignatureException")
        void unsigned() {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.omitNextSignature();
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOf(SignatureException.class).hasMessageContaining("no sign");
        }

        @Test
        @DisplayName("an answer signed with another platform key is a SignatureException")
        void otherPlatformKey() {
            h = Harness.start("SM2", ComplaintStore.create().seed(1, 3),
                    b -> b.platformPublicKey(Vectors.text("sm2-platform-public.b64")));
            assertThatThrownBy(() -> h.client.history(ComplaintId.of(h.firstComplaint())).toList())
                    .isInstanceOf(SignatureException.class);
        }

        @Test
        @DisplayName("FAIL is a ProviderException carrying retmsg, not retried")
        void fail() {
            h = Harness.retrying("RSA", ComplaintStore.create().seed(1, 3));
            assertThatThrownBy(() -> h.client.historyPage(ComplaintId.of("200201820249999"), PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.providerId()).isEqualTo("allinpay");
                        assertThat(e.code()).isEqualTo("FAIL");
                        assertThat(e.providerMessage()).contains("投诉单不存在");
                        assertThat(e.isRetryable()).isFalse();
                    });
            assertThat(h.simulator.requestCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a request signed with a key Allinpay does not hold is refused with FAIL 签名验证失败")
        void wrongMerchantKey() {
            h = Harness.start("SM2", ComplaintStore.create().seed(1, 3), b -> b.privateKey(Vectors.text("sm2-merchant-private.b64")));
            assertThatThrownBy(() -> h.client.history(ComplaintId.of(h.firstComplaint())).toList())
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.providerMessage()).contains("签名验证失败"));
        }

        @Test
        @DisplayName("SUCCESS without records but with retmsg is a ProviderException carrying retmsg")
        void successWithMessage() {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.enqueue(ScriptedResponse.json(200, "{\"retcode\":\"SUCCESS\",\"retmsg\":\"投诉单号不存在\"}"));
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e).isNotInstanceOf(SignatureException.class);
                        assertThat(e.providerMessage()).isEqualTo("投诉单号不存在");
                    });
        }

        @Test
        @DisplayName("a signed SUCCESS without records and without retmsg is refused: Allinpay always sends records")
        void signedSuccessWithoutRecordsIsRefused() {
            ComplaintId id = seeded("SM2", 3);
            h.simulator.answerNextWithRecords("");
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
                        assertThat(e.providerMessage()).contains("carries no records");
                    });
        }

        @Test
        @DisplayName("a page past the end is records with an empty data array: an empty page")
        void pastTheEnd() {
            ComplaintId id = seeded("SM2", 3);
            Page<NegotiationEntry> page = h.client.historyPage(id, new PageRequest(10, 10));
            assertThat(page.items()).isEmpty();
            assertThat(page.nextRequest()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"not base64 !", "bm90IGpzb24=", "eyJkYXRhIjpbeyJvcGVyYXRlX3RpbWUiOjF9XX0="})
        @DisplayName("records that are not Base64, not JSON or not the expected JSON: a ProviderException, no Jackson exception")
        void badRecords(String records) {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.answerNextWithRecords(records);
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.getMessage()).contains("the records could not be decoded");
                        assertThat(e.getCause()).isNull();
                    });
        }

        @Test
        @DisplayName("an HTTP 5xx is retryable and retried; the retry succeeds")
        void serverError() {
            h = Harness.retrying("RSA", ComplaintStore.create().seed(1, 3));
            h.simulator.enqueue(ScriptedResponse.text(502, "bad gateway", StandardCharsets.UTF_8));
            assertThat(h.client.history(ComplaintId.of(h.firstComplaint())).toList()).hasSize(3);
            assertThat(h.simulator.requestCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("HTTP 429 is a RateLimitedException with Retry-After")
        void throttled() {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8).withHeader("Retry-After", "2"));
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.retryAfter()).hasValue(java.time.Duration.ofSeconds(2));
                    });
        }

        @Test
        @DisplayName("HTTP 429 with Retry-After as an HTTP date is a RateLimitedException waiting until that date")
        void throttledUntilAnHttpDate() {
            ComplaintId id = seeded("RSA", 3);
            String at = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
            h.simulator.enqueue(ScriptedResponse.text(429, "slow down", StandardCharsets.UTF_8).withHeader("Retry-After", at));
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.code()).isEqualTo("HTTP_429");
                        assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                                .isBetween(java.time.Duration.ofSeconds(25), java.time.Duration.ofSeconds(30)));
                    });
        }

        @ParameterizedTest
        @ValueSource(ints = {408, 500, 503})
        @DisplayName("HTTP 408 and 5xx are retryable provider errors with code HTTP_<status>; other statuses are not retryable")
        void statusErrors(int status) {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.enqueue(ScriptedResponse.text(status, "<html>error</html>", StandardCharsets.UTF_8));
            h.simulator.enqueue(ScriptedResponse.text(404, "<html>not found</html>", StandardCharsets.UTF_8));
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("HTTP_" + status);
                        assertThat(e.isRetryable()).isTrue();
                    });
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("HTTP_404");
                        assertThat(e.isRetryable()).isFalse();
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"<html>gateway</html>", "[1,2]", "{\"retmsg\":\"no code\"}", "{\"retcode\":\"MAYBE\"}",
            "{\"retcode\":\"SUCCESS\",\"retcode\":\"FAIL\"}"})
        @DisplayName("an answer that is not Allinpay's envelope is a ProviderException INVALID_RESPONSE")
        void notAnEnvelope(String body) {
            ComplaintId id = seeded("RSA", 3);
            h.simulator.enqueue(ScriptedResponse.json(200, body));
            assertThatThrownBy(() -> h.client.historyPage(id, PageRequest.first(10)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
        }

        @Test
        @DisplayName("no secret in any error message")
        void noSecretsInMessages() {
            ComplaintId id = seeded("SM2", 3);
            Set<String> messages = new HashSet<>();
            h.simulator.tamperNextSignature();
            collect(messages, () -> h.client.historyPage(id, PageRequest.first(10)));
            h.simulator.answerNextWithRecords("x");
            collect(messages, () -> h.client.historyPage(id, PageRequest.first(10)));
            collect(messages, () -> h.client.historyPage(ComplaintId.of("missing"), PageRequest.first(10)));
            assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m)
                    .doesNotContain(AllinpayTestKeys.merchantPrivateKey("SM2").substring(40, 80)));
        }

        private void collect(Set<String> messages, Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                messages.add(e.getMessage());
            }
        }
    }
}
