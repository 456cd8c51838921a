/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.ProblemType;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.yima.YimaConfig.DetailRequestType;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.NestedSignature;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The detail call (4.71) end to end through {@code ComplaintClient}, against the simulator, in both formats. */
class YimaDetailTest {
    private static final String ID = "200201820240419112519000001";
    private static final OffsetDateTime AT = OffsetDateTime.of(2024, 4, 19, 11, 25, 19, 0, ZoneOffset.ofHours(8));

    private YimaHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    /** A store holding one refund complaint with an order, a masked phone and a creation image. */
    private static ComplaintStore store() {
        return store("商品与描述不符 & 未发货");
    }

    private static ComplaintStore store(String reason) {
        Complaint c = new Complaint(ComplaintId.of(ID), "store", ComplaintState.PENDING, Channel.WECHAT_PAY, reason,
                AT, Optional.empty(), false, Optional.empty(), "188****1474", "order-7781",
                Map.of("complainted_mchid", "1900012345", "transaction_id", "4200001234202404190000001", "amount", "2590",
                        "problem_type", "REFUND", "apply_refund_amount", "2590", "problem_description", "申请退款"));
        NegotiationEntry created = new NegotiationEntry("log-1", "投诉人", AT, OperationType.USER_CREATE_COMPLAINT,
                "USER_CREATE_COMPLAINT", "用户提交投诉", List.of(new Media("USER_COMPLAINT_IMAGE",
                        List.of("https://api.mch.weixin.qq.com/v3/merchant-service/images/a1",
                                "https://api.mch.weixin.qq.com/v3/merchant-service/images/a2"))), List.of());
        return ComplaintStore.create().add(c, List.of(created)).addHistory(YimaHarness.COMPLAINT, List.of());
    }

    private static YimaHarness harness(Format format) {
        ComplaintStore store = store();
        return YimaHarness.of(s -> s.store(store), c -> c.format(format));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("the nested detail maps onto the model: orders in fen, problem type, refund asked, media, masked phone, sub-merchant")
    void mapsTheDetail(Format format) {
        h = harness(format);

        ComplaintDetail d = h.client.detail(ComplaintId.of(ID));

        assertThat(d.id().value()).isEqualTo(ID);
        assertThat(d.complaint().providerId()).isEqualTo("yima");
        assertThat(d.complaint().state()).isEqualTo(ComplaintState.PENDING);
        assertThat(d.complaint().channel()).isEqualTo(Channel.WECHAT_PAY);
        assertThat(d.complaint().reason()).isEqualTo("商品与描述不符 & 未发货");
        assertThat(d.complaint().complainedAt()).isEqualTo(AT);
        assertThat(d.subMerchant()).contains("1900012345");
        assertThat(d.orders()).containsExactly(new OrderInfo("4200001234202404190000001", "order-7781", OptionalLong.of(2590)));
        assertThat(d.problemType()).isEqualTo(ProblemType.REFUND);
        assertThat(d.problemTypeRaw()).isEqualTo("REFUND");
        assertThat(d.problemDescription()).isEqualTo("申请退款");
        assertThat(d.requestedRefundFen()).hasValue(2590);
        assertThat(d.userResponsePending()).isTrue();
        assertThat(d.fullyRefunded()).isFalse();
        assertThat(d.complaintCount()).isEqualTo(1);
        assertThat(d.userTags()).containsExactly("TRUSTED");
        assertThat(d.media()).containsExactly(new Media("USER_COMPLAINT_IMAGE",
                List.of("https://api.mch.weixin.qq.com/v3/merchant-service/images/a1",
                        "https://api.mch.weixin.qq.com/v3/merchant-service/images/a2")));
        assertThat(d.phone()).isEqualTo(ComplainantPhone.masked("188****1474"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("the request is request_type risk_complaints_detail_request with the merchant, a fresh transaction_id and the complaint")
    void requestShape(Format format) {
        h = harness(format);
        h.client.detail(ComplaintId.of(ID));
        h.client.detail(ComplaintId.of(ID));

        RecordedRequest first = h.simulator.takeRequest();
        RecordedRequest second = h.simulator.takeRequest();
        String a = first.bodyText();
        assertThat(a).contains("risk_complaints_detail_request").contains("39493002").contains("8888")
                .contains("66660000000000001").contains(ID);
        assertThat(transactionId(a)).hasSize(32).isNotEqualTo(transactionId(second.bodyText()));
    }

    private static String transactionId(String body) {
        String decoded = java.net.URLDecoder.decode(body, java.nio.charset.Charset.forName("GBK"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(ck\\d{14}[0-9a-f]{16})").matcher(decoded);
        assertThat(m.find()).as("a transaction_id in " + decoded).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("a reply moves the complaint PENDING → PROCESSING, as the detail then shows")
    void replyThenDetail(Format format) {
        h = harness(format);
        h.client.reply(ReplyRequest.builder(ID).text("已联系用户处理").build());

        ComplaintDetail d = h.client.detail(ComplaintId.of(ID));

        assertThat(d.complaint().state()).isEqualTo(ComplaintState.PROCESSING);
        assertThat(d.userResponsePending()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DetailRequestType.class)
    @DisplayName("yima.detail-request-type picks the spelling; the gateway refuses the one it does not serve")
    void requestTypeSpelling(DetailRequestType type) {
        ComplaintStore store = store();
        h = YimaHarness.of(s -> s.store(store).detailRequestType(type.wire()), c -> c.detailRequestType(type));
        assertThat(h.client.detail(ComplaintId.of(ID)).id().value()).isEqualTo(ID);
        h.close();

        DetailRequestType other = type == DetailRequestType.RISK_COMPLAINTS_DETAIL_REQUEST
                ? DetailRequestType.RISK_WXCOMPLAINT_DETAIL_REQUEST : DetailRequestType.RISK_COMPLAINTS_DETAIL_REQUEST;
        h = YimaHarness.of(s -> s.store(store()).detailRequestType(type.wire()), c -> c.detailRequestType(other));
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID)))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(YimaSimulator.CODE_BAD_FIELD));
    }

    @ParameterizedTest
    @EnumSource(NestedSignature.class)
    @DisplayName("yima.detail-signature: the client verifies the detail signed as it is configured; a gateway signing the other way fails closed")
    void nestedSignature(NestedSignature how) {
        boolean flattened = how == NestedSignature.FLATTENED;
        ComplaintStore store = store("商品与描述不符，未发货");
        h = YimaHarness.of(s -> s.store(store).signDetail(flattened), c -> c.detailSignature(how));
        assertThat(h.client.detail(ComplaintId.of(ID)).orders()).hasSize(1);
        h.close();

        h = YimaHarness.of(s -> s.store(store("商品与描述不符，未发货")).signDetail(!flattened), c -> c.detailSignature(how));
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("flattened: a '&' in the signed detail text makes k=v&k=v ambiguous, so the answer is refused (fail closed)")
    void flattenedRefusesAmbiguousText(Format format) {
        ComplaintStore store = store();
        h = YimaHarness.of(s -> s.store(store).signDetail(true).scheme(YimaSimulator.Scheme.MD5_SORTED_KEY)
                .xmlMacScheme(YimaSimulator.Scheme.MD5_SORTED_KEY),
                c -> c.format(format).detailSignature(NestedSignature.FLATTENED).xmlMacScheme(YimaConfig.SignScheme.MD5_SORTED_KEY));
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class)
                .hasMessageContaining("detail.complaint_detail");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("an unknown complaint is Yima's error with its code and comment, not retried")
    void unknownComplaint(Format format) {
        h = harness(format);
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of("200201820240419999999999999")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.code()).isEqualTo(YimaSimulator.CODE_NO_COMPLAINT);
                    assertThat(e.providerMessage()).isEqualTo("投诉单不存在");
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(h.simulator.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("a signed answer about another complaint is refused (INVALID_RESPONSE); so are bad and missing signatures")
    void boundToTheRequest(Format format) {
        h = harness(format);
        h.simulator.inject(Fault.REPLAYED_ANSWER);
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID)))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.code()).isEqualTo(ProviderException.INVALID_RESPONSE))
                .hasMessageContaining("complaint_id");
        h.simulator.nextBadSignature();
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class);
        h.simulator.nextMissingSignature();
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of(ID))).isInstanceOf(SignatureException.class);
        h.simulator.nextUnknownFields();
        assertThat(h.client.detail(ComplaintId.of(ID)).id().value()).isEqualTo(ID);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    @DisplayName("bad input is refused before anything is sent: a sub-merchant Yima cannot take, an id with '&', a long id")
    void validation(Format format) {
        h = harness(format);
        assertThatThrownBy(() -> h.client.detail(ComplaintRef.of(ID).forSubMerchant("1900000001")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("complaint.subMerchant"));
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of("a&b=c")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::rule).contains("forbidden-character"));
        assertThatThrownBy(() -> h.client.detail(ComplaintId.of("9".repeat(65)))).isInstanceOf(ValidationException.class);
        assertThat(h.simulator.requestCount()).isZero();
    }
}
