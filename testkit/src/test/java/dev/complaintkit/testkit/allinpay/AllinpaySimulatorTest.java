/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllinpaySimulatorTest {
    static final String COMPLAINT = "200201820240401000000000007";

    ComplaintStore store;
    AllinpaySimulator sim;
    WireClient client;

    @BeforeEach
    void start() {
        store = ComplaintStore.create().addHistory(COMPLAINT, history(5));
        sim = AllinpaySimulator.builder().store(store).build().start();
        client = new WireClient(sim.endpoint());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static List<NegotiationEntry> history(int n) {
        List<NegotiationEntry> rows = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.of(2024, 4, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < n; i++) {
            rows.add(new NegotiationEntry("log-" + i, i % 2 == 0 ? "投诉人" : "商户", t.plusMinutes(i), OperationType.USER_RESPONSE,
                    "USER_RESPONSE", "内容 " + i,
                    i == 0 ? List.of(new Media("USER_COMPLAINT_IMAGE", List.of("https://img/" + i))) : List.of(),
                    i == 1 ? List.of("https://proof/" + i) : List.of()));
        }
        return rows;
    }

    @Nested
    @DisplayName("its crypto agrees with Allinpay's published vectors")
    class Vectors {
        @Test
        @DisplayName("the RSA vector: canonical string and SHA1WithRSA signature verify")
        void rsa() throws Exception {
            Properties v = vector("rsa-vector.txt");
            Map<String, String> fields = new LinkedHashMap<>();
            List<String> pairs = new ArrayList<>(List.of(v.getProperty("input").split("&")));
            Collections.reverse(pairs);
            pairs.forEach(p -> fields.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)));
            fields.put("sign", "ignored");
            fields.put("empty", "");
            assertThat(ServerCrypto.canonical(fields)).isEqualTo(v.getProperty("input"));

            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text("rsa-merchant-private.b64"))));
            String pub = Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())).getEncoded());
            assertThat(ServerCrypto.verify("RSA", ServerCrypto.publicKey("RSA", pub), "", v.getProperty("input"),
                    v.getProperty("signature"))).isTrue();
            assertThat(ServerCrypto.verify("RSA", ServerCrypto.publicKey("RSA", pub), "", v.getProperty("input") + "x",
                    v.getProperty("signature"))).isFalse();
        }

        @Test
        @DisplayName("the SM2 response vector verifies with user id Allinpay, and not with the default id")
        void sm2() throws Exception {
            Properties v = vector("sm2-response-vector.txt");
            var key = ServerCrypto.publicKey("SM2", text("sm2-platform-public.b64"));
            assertThat(ServerCrypto.verify("SM2", key, "Allinpay", v.getProperty("message"), v.getProperty("signature"))).isTrue();
            assertThat(ServerCrypto.verify("SM2", key, "1234567812345678", v.getProperty("message"), v.getProperty("signature")))
                    .isFalse();
        }

        private Properties vector(String name) throws IOException {
            Properties p = new Properties();
            try (InputStream in = getClass().getResourceAsStream("vectors/" + name)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return p;
        }

        private String text(String name) throws IOException {
            try (InputStream in = getClass().getResourceAsStream("vectors/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
        }
    }

    @Nested
    @DisplayName("a good request")
    class Success {
        @ParameterizedTest
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("is answered SUCCESS, signed with the platform key of its sign type")
        void signedAnswer(String signType) {
            Map<String, String> answer = client.post(WireClient.signed(WireClient.fields(signType, COMPLAINT)));

            assertThat(answer).containsEntry("retcode", "SUCCESS").containsEntry("retmsg", "")
                    .containsEntry("appid", AllinpayTestKeys.APPID).containsEntry("cusid", AllinpayTestKeys.CUSID)
                    .containsKeys("randomstr", "records", "sign");
            assertThat(WireClient.verify(signType, sim.platformPublicKey(signType), "Allinpay", WireClient.canonical(answer),
                    answer.get("sign"))).isTrue();
            assertThat(sim.platformPublicKey(signType)).isEqualTo(AllinpayTestKeys.platformPublicKey(signType));
        }

        @Test
        @DisplayName("pages with limit 100 and offset 0 by default; total_count at offset 0 only")
        void paging() {
            JsonNode first = WireClient.records(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT))));
            assertThat(first.get("total_count").asInt()).isEqualTo(5);
            assertThat(first.get("offset").asInt()).isZero();
            assertThat(first.get("limit").asInt()).isEqualTo(100);
            assertThat(first.get("data")).hasSize(5);

            Map<String, String> f = WireClient.fields("RSA", COMPLAINT);
            f.put("limit", "2");
            f.put("offset", "3");
            JsonNode later = WireClient.records(client.post(WireClient.signed(f)));
            assertThat(later.has("total_count")).isFalse();
            assertThat(later.get("offset").asInt()).isEqualTo(3);
            assertThat(later.get("data")).extracting(n -> n.get("log_id").asText()).containsExactly("log-3", "log-4");

            f = WireClient.fields("RSA", COMPLAINT);
            f.put("offset", "9");
            assertThat(WireClient.records(client.post(WireClient.signed(f))).get("data")).isEmpty();
        }

        @Test
        @DisplayName("renders rows like WeChat: RFC 3339 at +08:00, media as one object (or an array when asked)")
        void rows() {
            store.append(ComplaintId.of(COMPLAINT), new NegotiationEntry("utc", "商户",
                    OffsetDateTime.of(2024, 4, 2, 1, 0, 0, 0, ZoneOffset.UTC), OperationType.UNKNOWN, "NEW_TYPE", "", List.of(), List.of()));
            JsonNode data = WireClient.records(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).get("data");
            assertThat(data.get(0).get("complaint_media_list").isObject()).isTrue();
            assertThat(data.get(0).get("complaint_media_list").get("media_type").asText()).isEqualTo("USER_COMPLAINT_IMAGE");
            assertThat(data.get(0).get("complaint_media_list").get("media_url").get(0).asText()).isEqualTo("https://img/0");
            assertThat(data.get(0).get("operate_time").asText()).isEqualTo("2024-04-01T09:00:00+08:00");
            assertThat(data.get(1).has("complaint_media_list")).isFalse();
            assertThat(data.get(1).get("image_list").get(0).asText()).isEqualTo("https://proof/1");
            assertThat(data.get(5).get("operate_time").asText()).isEqualTo("2024-04-02T09:00:00+08:00");
            assertThat(data.get(5).get("operate_type").asText()).isEqualTo("NEW_TYPE");

            sim.mediaShape(AllinpaySimulator.MediaShape.ARRAY);
            data = WireClient.records(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).get("data");
            assertThat(data.get(0).get("complaint_media_list").isArray()).isTrue();
            assertThat(data.get(0).get("complaint_media_list").get(0).get("media_type").asText()).isEqualTo("USER_COMPLAINT_IMAGE");
            assertThat(data.get(1).get("complaint_media_list")).isEmpty();
        }

        @Test
        @DisplayName("serves the store a FakeComplaintProvider shares")
        void sharedStore() {
            FakeComplaintProvider fake = FakeComplaintProvider.over(store);
            store.append(ComplaintId.of(COMPLAINT), new NegotiationEntry("added", "商户", OffsetDateTime.now(ZoneOffset.ofHours(8)),
                    OperationType.MERCHANT_RESPONSE, "MERCHANT_RESPONSE", "已处理", List.of(), List.of()));
            JsonNode data = WireClient.records(client.post(WireClient.signed(WireClient.fields("SM2", COMPLAINT)))).get("data");
            assertThat(data).hasSize(fake.history(ComplaintId.of(COMPLAINT)).size());
            assertThat(data.get(5).get("log_id").asText()).isEqualTo("added");
        }
    }

    @Nested
    @DisplayName("a bad request is answered FAIL, unsigned, with the reason")
    class Failures {
        @ParameterizedTest
        @ValueSource(strings = {"appid", "cusid", "randomstr", "signtype", "sign", "complaint_id"})
        @DisplayName("a missing required field")
        void missing(String field) {
            Map<String, String> f = WireClient.signed(WireClient.fields("RSA", COMPLAINT));
            f.remove(field);
            assertFail(client.post(f), "参数" + field + "不能为空");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("a signature that does not verify")
        void badSignature(String signType) {
            Map<String, String> f = WireClient.signed(WireClient.fields(signType, COMPLAINT));
            f.put("complaint_id", COMPLAINT + "0"); // changed after signing
            assertFail(client.post(f), "签名验证失败");
        }

        @Test
        @DisplayName("an SM2 signature made with another user id than the appid")
        void sm2UserId() {
            Map<String, String> f = WireClient.fields("SM2", COMPLAINT);
            f.put("sign", WireClient.sign("SM2", AllinpayTestKeys.merchantPrivateKey("SM2"), "1234567812345678", WireClient.canonical(f)));
            assertFail(client.post(f), "签名验证失败");
        }

        @Test
        @DisplayName("an unknown appid, a cusid of another merchant, a sign type without a key")
        void merchant() {
            Map<String, String> f = WireClient.fields("RSA", COMPLAINT);
            f.put("appid", "00000001");
            assertFail(client.post(WireClient.signed(f)), "appid不存在");
            f = WireClient.fields("RSA", COMPLAINT);
            f.put("cusid", "990000000000001");
            assertFail(client.post(WireClient.signed(f)), "cusid与appid不匹配");

            try (AllinpaySimulator rsaOnly = AllinpaySimulator.builder().store(store)
                    .merchant(AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, "rsa", AllinpayTestKeys.merchantPublicKey("RSA"))
                    .build().start()) {
                assertFail(new WireClient(rsaOnly.endpoint()).post(WireClient.signed(WireClient.fields("SM2", COMPLAINT))),
                        "未配置SM2公钥");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit=0", "limit=301", "offset=-1", "limit=ten"})
        @DisplayName("paging out of range")
        void paging(String setting) {
            Map<String, String> f = WireClient.fields("RSA", COMPLAINT);
            f.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            Map<String, String> answer = client.post(WireClient.signed(f));
            assertThat(answer.get("retcode")).isEqualTo("FAIL");
            assertThat(answer.get("retmsg")).containsAnyOf("limit", "offset");
        }

        @Test
        @DisplayName("an unknown complaint")
        void unknownComplaint() {
            assertFail(client.post(WireClient.signed(WireClient.fields("RSA", "nope"))), "投诉单不存在");
        }

        @Test
        @DisplayName("a scripted failure")
        void scripted() {
            sim.failNext("系统繁忙");
            assertFail(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT))), "系统繁忙");
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).containsEntry("retcode", "SUCCESS");
        }

        private void assertFail(Map<String, String> answer, String reason) {
            assertThat(answer).containsOnlyKeys("retcode", "retmsg").containsEntry("retcode", "FAIL");
            assertThat(answer.get("retmsg")).contains(reason);
        }
    }

    @Nested
    @DisplayName("scripted faults in SUCCESS answers")
    class Faults {
        @Test
        @DisplayName("a tampered signature does not verify; a missing one is absent; then back to normal")
        void signatureFaults() {
            sim.tamperNextSignature();
            Map<String, String> tampered = client.post(WireClient.signed(WireClient.fields("SM2", COMPLAINT)));
            assertThat(WireClient.verify("SM2", sim.platformPublicKey("SM2"), "Allinpay", WireClient.canonical(tampered),
                    tampered.get("sign"))).isFalse();

            sim.omitNextSignature();
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).doesNotContainKey("sign");

            Map<String, String> normal = client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)));
            assertThat(WireClient.verify("RSA", sim.platformPublicKey("RSA"), "Allinpay", WireClient.canonical(normal),
                    normal.get("sign"))).isTrue();
        }

        private boolean verifies(String signType, Map<String, String> answer) {
            return WireClient.verify(signType, sim.platformPublicKey(signType), "Allinpay", WireClient.canonical(answer),
                    answer.get("sign"));
        }

        private Map<String, String> post(String signType, String complaint, int limit, long offset) {
            Map<String, String> f = WireClient.fields(signType, complaint);
            f.put("limit", Integer.toString(limit));
            f.put("offset", Long.toString(offset));
            return client.post(WireClient.signed(f));
        }

        @ParameterizedTest
        @ValueSource(strings = {"RSA", "SM2"})
        @DisplayName("records folded into randomstr: no records field, and the signature Allinpay made still verifies")
        void foldedRecordsStillVerify(String signType) {
            sim.foldNextRecordsIntoRandomstr();
            Map<String, String> folded = post(signType, COMPLAINT, 10, 0);
            assertThat(folded).doesNotContainKey("records");
            assertThat(folded.get("randomstr")).matches("[0-9a-f]+&records=[A-Za-z0-9+/]+=*");
            assertThat(verifies(signType, folded)).isTrue();
            assertThat(post(signType, COMPLAINT, 10, 0)).containsKey("records");
        }

        @Test
        @DisplayName("a replay for another offset carries that page's offset and rows, signed")
        void replayForAnotherOffset() {
            sim.replayNextFromOffset(2);
            Map<String, String> answer = post("RSA", COMPLAINT, 2, 0);
            JsonNode records = WireClient.records(answer);
            assertThat(records.path("offset").asLong()).isEqualTo(2);
            assertThat(records.has("total_count")).isFalse();
            assertThat(records.path("data").get(0).path("log_id").asText()).isEqualTo("log-2");
            assertThat(verifies("RSA", answer)).isTrue();
        }

        @Test
        @DisplayName("a replay for another merchant carries its appid and cusid, signed")
        void replayForAnotherMerchant() {
            sim.replayNextFromOtherMerchant();
            Map<String, String> answer = post("SM2", COMPLAINT, 10, 0);
            assertThat(answer).containsEntry("appid", AllinpaySimulator.OTHER_APPID).containsEntry("cusid", AllinpaySimulator.OTHER_CUSID);
            assertThat(verifies("SM2", answer)).isTrue();
        }

        @Test
        @DisplayName("a replay for another complaint serves that complaint's rows and, when echoing, its id")
        void replayForAnotherComplaint() {
            String other = "200201820240401000000000008";
            store.addHistory(other, history(3).subList(1, 3));
            assertThat(post("RSA", COMPLAINT, 10, 0)).doesNotContainKey("complaint_id");
            sim.echoComplaintId(true);
            assertThat(post("RSA", COMPLAINT, 10, 0)).containsEntry("complaint_id", COMPLAINT);
            sim.replayNextFromComplaint(other);
            Map<String, String> answer = post("RSA", COMPLAINT, 10, 0);
            assertThat(answer).containsEntry("complaint_id", other);
            assertThat(WireClient.records(answer).path("data")).hasSize(2);
            assertThat(verifies("RSA", answer)).isTrue();
        }

        @Test
        @DisplayName("a page that ignores limit holds more rows than asked for and still echoes the limit")
        void oversizedPage() {
            sim.ignoreLimitNext();
            JsonNode records = WireClient.records(post("RSA", COMPLAINT, 3, 0));
            assertThat(records.path("limit").asInt()).isEqualTo(3);
            assertThat(records.path("data").size()).isGreaterThan(3);
            assertThat(WireClient.records(post("RSA", COMPLAINT, 3, 0)).path("data")).hasSize(3);
        }

        @Test
        @DisplayName("the new probe shapes are offered as faults")
        void probeFaults() {
            assertThat(sim.supportedFaults()).contains(dev.complaintkit.testkit.http.Fault.FOLDED_VALUES,
                    dev.complaintkit.testkit.http.Fault.REPLAYED_OTHER_COMPLAINT, dev.complaintkit.testkit.http.Fault.REPLAYED_OTHER_OFFSET,
                    dev.complaintkit.testkit.http.Fault.REPLAYED_OTHER_MERCHANT, dev.complaintkit.testkit.http.Fault.OVERSIZED_PAGE);
        }

        @Test
        @DisplayName("records given verbatim are still signed")
        void verbatimRecords() {
            sim.answerNextWithRecords("not base64 !");
            Map<String, String> answer = client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)));
            assertThat(answer).containsEntry("records", "not base64 !");
            assertThat(WireClient.verify("RSA", sim.platformPublicKey("RSA"), "Allinpay", WireClient.canonical(answer),
                    answer.get("sign"))).isTrue();
        }
    }

    @Nested
    @DisplayName("faults travel with their request")
    class FaultsWithTheRequest {
        @Test
        @DisplayName("a provider fault that meets a rejected request does not spoil the next answer")
        void faultOnARejectedRequestDoesNotLeak() {
            sim.nextBadSignature();
            Map<String, String> forged = WireClient.signed(WireClient.fields("RSA", COMPLAINT));
            forged.put("sign", "bm90IGEgc2lnbmF0dXJl");
            assertThat(client.post(forged)).containsEntry("retcode", "FAIL");

            Map<String, String> next = client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)));

            assertThat(next).containsEntry("retcode", "SUCCESS");
            assertThat(WireClient.verify("RSA", sim.platformPublicKey("RSA"), "Allinpay", WireClient.canonical(next),
                    next.get("sign"))).isTrue();
        }

        @Test
        @DisplayName("next<Fault>() produces the fault on the next request: nextMissingSignature, nextFoldedValues, nextInvalidRecords")
        void nextProbes() {
            sim.nextMissingSignature();
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).doesNotContainKey("sign");
            sim.nextFoldedValues();
            Map<String, String> folded = client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)));
            assertThat(folded).doesNotContainKey("records");
            assertThat(folded.get("randomstr")).contains("&records=");
            sim.nextInvalidRecords();
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).containsEntry("records",
                    "!!not*base64~records");
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).containsKeys("sign", "records");
        }

        @Test
        @DisplayName("the parameterised next…() probes act as the older names: nextError, nextRecords, nextReplayedFromComplaint")
        void parameterisedNextProbes() {
            sim.nextError("系统繁忙");
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).containsEntry("retmsg", "系统繁忙");
            sim.nextRecords("plain");
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT)))).containsEntry("records", "plain");
            sim.echoComplaintId(true);
            sim.nextReplayedFromComplaint("other-complaint");
            assertThat(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT))))
                    .containsEntry("complaint_id", "other-complaint");
            sim.nextReplayedFromOffset(3);
            assertThat(WireClient.records(client.post(WireClient.signed(WireClient.fields("RSA", COMPLAINT))))
                    .path("offset").asLong()).isEqualTo(3);
        }
    }
}
