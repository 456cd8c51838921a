/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.Secret;
import dev.complaintkit.benchmarks.baseline.AllinpayBaseline;
import dev.complaintkit.benchmarks.baseline.AllinpayBaselineAccess;
import dev.complaintkit.benchmarks.baseline.Wire;
import dev.complaintkit.benchmarks.baseline.XiaoeBaseline;
import dev.complaintkit.benchmarks.baseline.YimaBaseline;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The hand-written baselines do the same wire work as the library, correctly: otherwise the
 * benchmarks would compare the library with something that does less. Nothing here is timed.
 */
@DisplayName("Baselines")
class BaselinesTest {

    @Nested
    @DisplayName("Allinpay")
    class Allinpay {
        @Test
        @DisplayName("SM2 and RSA pages are accepted by the simulator (its own signature check) and hold the library's rows")
        void sameRowsAsLibrary() {
            try (AllinpayRig rig = AllinpayRig.start()) {
                JsonNode records = rig.baselineHistory();
                Page<NegotiationEntry> page = rig.libraryHistory();

                assertThat(records.path("total_count").asInt()).isEqualTo(AllinpayRig.PAGE);
                List<String> logIds = new java.util.ArrayList<>();
                records.path("data").forEach(row -> logIds.add(row.path("log_id").asText()));
                assertThat(logIds).containsExactlyElementsOf(page.items().stream().map(NegotiationEntry::logId).toList());
                AllinpayBaseline rsa = new AllinpayBaseline(Wire.newHttpClient(), rig.simulator().endpoint(),
                        AllinpayTestKeys.APPID, AllinpayTestKeys.CUSID, "RSA", AllinpayTestKeys.merchantPrivateKey("RSA"),
                        rig.simulator().platformPublicKey("RSA"));
                assertThat(rsa.history(complaintOf(rig), 0, 10).path("data").size()).isEqualTo(10);
            }
        }

        private String complaintOf(AllinpayRig rig) {
            return rig.simulator().store().complaints().get(0).id().value();
        }

        @Test
        @DisplayName("an answer whose signature does not verify is refused, as the library refuses it")
        void tamperedAnswerRefused() {
            try (AllinpayRig rig = AllinpayRig.start()) {
                rig.simulator().tamperNextSignature();

                assertThatThrownBy(rig::baselineHistory).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("does not verify");
            }
        }

        @Test
        @DisplayName("a FAIL answer is an error, not an empty page")
        void failIsError() {
            try (AllinpayRig rig = AllinpayRig.start()) {
                rig.simulator().failNext("投诉单不存在");

                assertThatThrownBy(rig::baselineHistory).hasMessageContaining("投诉单不存在");
            }
        }

        @Test
        @DisplayName("raw r‖s and DER convert both ways, short components included")
        void sm2Encoding() {
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < 500; i++) {
                byte[] raw = new byte[64];
                random.nextBytes(raw);
                if (i % 3 == 0) {
                    raw[0] = 0; // shorter r
                }
                raw[32] = (byte) (i % 5 == 0 ? 0 : raw[32] | 0x80); // shorter s, or one that needs a leading zero
                if (i % 7 == 0) {
                    raw[1] = 0;
                }
                raw[31] |= 1; // non-zero components
                raw[63] |= 1;
                assertThat(AllinpayBaselineAccess.derToRaw(AllinpayBaselineAccess.rawToDer(raw))).isEqualTo(raw);
            }
        }
    }

    @Nested
    @DisplayName("Yima")
    class Yima {
        @Test
        @DisplayName("the canonical string and MD5 match the provider's signer byte for byte")
        void signatureMatchesLibrary() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("request_type", "risk_complaints_resp_request");
            f.put("sign", "ignored");
            f.put("jump_url", "");
            f.put("isspid", YimaRig.ISSPID);
            f.put("response_content", YimaRig.TEXT);
            YimaBaseline baseline = new YimaBaseline(null, null, YimaRig.ISSPID, YimaRig.SYSTEM_ID, YimaRig.SELLER_ACCOUNT,
                    YimaRig.SECRET);
            Md5Signer library = new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(YimaRig.SECRET), StandardCharsets.UTF_8);

            String canonical = Wire.canonical(f);

            assertThat(canonical).isEqualTo(Md5Signer.canonical(f))
                    .isEqualTo("isspid=39493002&request_type=risk_complaints_resp_request&response_content=" + YimaRig.TEXT);
            byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
            assertThat(baseline.sign(bytes)).isEqualTo(library.sign(bytes)).hasSize(32).isUpperCase();
        }

        @Test
        @DisplayName("a reply is accepted by the simulator, which records it with the baseline's transaction id")
        void replyAccepted() {
            ComplaintStore store = ComplaintStore.create().seed(2, 0);
            String complaint = store.complaints().get(1).id().value();
            try (YimaSimulator sim = YimaSimulator.builder().secret(YimaRig.SECRET).store(store).build().start()) {
                YimaBaseline baseline = new YimaBaseline(Wire.newHttpClient(), sim.endpoint(), YimaRig.ISSPID,
                        YimaRig.SYSTEM_ID, YimaRig.SELLER_ACCOUNT, YimaRig.SECRET);

                String txn = baseline.reply(complaint, YimaRig.TEXT, YimaRig.JUMP_URL, YimaRig.JUMP_TEXT);

                assertThat(txn).hasSize(32);
                assertThat(sim.replies()).singleElement().satisfies(r -> {
                    assertThat(r.transactionId()).isEqualTo(txn);
                    assertThat(r.complaintId()).isEqualTo(complaint);
                    assertThat(r.content()).isEqualTo(YimaRig.TEXT);
                    assertThat(r.jumpUrl()).isEqualTo(YimaRig.JUMP_URL);
                    assertThat(r.format()).isEqualTo("json");
                });
            }
        }

        @Test
        @DisplayName("an answer whose sign does not verify is refused, as the library refuses it")
        void tamperedAnswerRefused() {
            ComplaintStore store = ComplaintStore.create().seed(1, 0);
            try (YimaSimulator sim = YimaSimulator.builder().secret(YimaRig.SECRET).store(store).build().start()) {
                YimaBaseline baseline = new YimaBaseline(Wire.newHttpClient(), sim.endpoint(), YimaRig.ISSPID,
                        YimaRig.SYSTEM_ID, YimaRig.SELLER_ACCOUNT, YimaRig.SECRET);
                sim.tamperNextAnswerSignature();

                assertThatThrownBy(() -> baseline.reply(store.complaints().get(0).id().value(), "ok", null, null))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not verify");
            }
        }

        @Test
        @DisplayName("a refused reply is an error, not a success")
        void refusalIsError() {
            ComplaintStore store = ComplaintStore.create().seed(1, 0);
            try (YimaSimulator sim = YimaSimulator.builder().secret(YimaRig.SECRET).store(store).build().start()) {
                YimaBaseline baseline = new YimaBaseline(Wire.newHttpClient(), sim.endpoint(), YimaRig.ISSPID,
                        YimaRig.SYSTEM_ID, YimaRig.SELLER_ACCOUNT, YimaRig.SECRET);

                assertThatThrownBy(() -> baseline.reply("no-such-complaint", "ok", null, null))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining(YimaSimulator.CODE_NO_COMPLAINT);
            }
        }
    }

    @Nested
    @DisplayName("Xiaoe")
    class Xiaoe {
        @Test
        @DisplayName("token, then a page of 100 with the same rows, in the same order, as the library's page")
        void sameRowsAsLibrary() {
            try (XiaoeRig rig = XiaoeRig.start()) {
                JsonNode data = rig.baselineList();
                Page<Complaint> page = rig.libraryList();

                assertThat(data.path("total").asInt()).isEqualTo(XiaoeRig.PAGE);
                List<String> baselineIds = new java.util.ArrayList<>();
                data.path("list").forEach(row -> baselineIds.add(row.path("complaint_id").asText()));
                assertThat(baselineIds).hasSize(XiaoeRig.PAGE)
                        .containsExactlyElementsOf(page.items().stream().map(c -> c.id().value()).toList());
                assertThat(rig.simulator().tokenRequestCount()).isEqualTo(2); // one per client, then cached
            }
        }

        @Test
        @DisplayName("an answer with a code other than 0 is an error")
        void errorCode() {
            try (XiaoeSimulator sim = XiaoeSimulator.builder().store(XiaoeRig.firstRows(3)).build().start()) {
                XiaoeBaseline baseline = new XiaoeBaseline(Wire.newHttpClient(), sim.baseUri());
                String token = baseline.token(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, XiaoeSimulator.SECRET_KEY);
                sim.injectApiError(2053, "调用次数已达上限");

                assertThatThrownBy(() -> baseline.list(token, 1, 10)).hasMessageContaining("2053");
                assertThat(baseline.list(token, 1, 10).path("list").size()).isEqualTo(3);
            }
        }
    }

    @Nested
    @DisplayName("WeChat Pay")
    class WechatPay {
        @Test
        @DisplayName("the baseline's signed calls are accepted by the simulator (its own check) and read the library's rows")
        void sameRowsAsLibrary() {
            try (WechatPayRig rig = WechatPayRig.start()) {
                JsonNode rows = rig.baselineList();
                Page<Complaint> page = rig.libraryList();
                List<String> ids = new java.util.ArrayList<>();
                rows.path("data").forEach(row -> ids.add(row.path("complaint_id").asText()));
                assertThat(ids).containsExactlyElementsOf(page.items().stream().map(c -> c.id().value()).toList());

                JsonNode history = rig.baselineHistory();
                Page<NegotiationEntry> entries = rig.libraryHistory();
                List<String> logIds = new java.util.ArrayList<>();
                history.path("data").forEach(row -> logIds.add(row.path("log_id").asText()));
                assertThat(logIds).hasSize(WechatPayRig.HISTORY)
                        .containsExactlyElementsOf(entries.items().stream().map(NegotiationEntry::logId).toList());

                int before = rig.simulator().signatureFailures();
                assertThat(rig.baselineReply()).isEqualTo(204);
                assertThat(rig.libraryReply()).isNotNull();
                assertThat(rig.simulator().signatureFailures()).isEqualTo(before).isZero();
            }
        }
    }
}
