/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.binarywang.wxpay.bean.complaint.ComplaintDetailRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintDetailResult;
import com.github.binarywang.wxpay.bean.complaint.ComplaintRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintResult;
import com.github.binarywang.wxpay.bean.complaint.CompleteRequest;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryRequest;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryResult;
import com.github.binarywang.wxpay.bean.complaint.ResponseRequest;
import com.github.binarywang.wxpay.bean.media.ImageUploadResult;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.ComplaintService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * WxJava 4.7.0's {@code ComplaintService} — the most used Java WeChat Pay client — as a real client of
 * the test kit's {@link WechatPaySimulator}: it signs its requests with its own code, verifies the
 * simulator's answers with its own verifier (public-key mode), and parses them with its own beans.
 * WxJava signs only requests to hosts ending in {@code .mch.weixin.qq.com}, so the test JVM maps
 * {@code api.mch.weixin.qq.com} to 127.0.0.1 ({@code src/test/resources/peer-hosts}) and WxJava's base
 * URL is {@code http://api.mch.weixin.qq.com:<port>}: nothing leaves loopback.
 */
@DisplayName("WxJava 4.7.0 against WechatPaySimulator")
class WxJavaAgainstSimulatorTest {
    private final LocalDate today = LocalDate.now(WechatPaySimulator.SHANGHAI);
    private WechatPaySimulator simulator;
    private ComplaintService complaints;

    @BeforeEach
    void start() {
        simulator = WechatPaySimulator.builder().complaints(WechatPayFixtures.sixtyDays(today)).build().start();
        WxPayConfig config = new WxPayConfig();
        config.setMchId(WechatPayTestKeys.MCHID);
        config.setCertSerialNo(WechatPayTestKeys.MERCHANT_SERIAL);
        // as bytes: the released 4.7.0 jar Base64-encodes a privateKeyString in place before loading it
        config.setPrivateKeyContent(WechatPayTestKeys.merchantPrivateKey().getBytes(StandardCharsets.UTF_8));
        config.setApiV3Key(WechatPayTestKeys.API_V3_KEY);
        config.setPublicKeyId(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
        config.setPublicKeyContent(WechatPayTestKeys.platformPublicKey().getBytes(StandardCharsets.UTF_8));
        config.setPayBaseUrl("http://api.mch.weixin.qq.com:" + simulator.port());
        WxPayServiceImpl service = new WxPayServiceImpl();
        service.setConfig(config);
        complaints = service.getComplaintsService();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ComplaintResult listLast30Days(int limit) throws Exception {
        ComplaintRequest request = new ComplaintRequest();
        request.setLimit(limit);
        request.setOffset(0);
        request.setBeginDate(today.minusDays(29).toString());
        request.setEndDate(today.toString());
        request.setComplaintedMchid(WechatPayTestKeys.MCHID);
        return complaints.queryComplaints(request);
    }

    @Test
    void listsTheLast30DaysAndDecryptsThePhoneWithItsOwnCode() throws Exception {
        ComplaintResult result = listLast30Days(50);

        // sixtyDays holds one complaint every five days: six fall in the last 30 days
        assertThat(result.getData()).hasSize(6);
        assertThat(result.getTotalCount()).isEqualTo(6);
        String newest = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        assertThat(result.getData()).extracting(ComplaintDetailResult::getComplaintId).contains(newest);
        // WxJava decrypts payer_phone (RSA-OAEP under the merchant key) as the simulator encrypted it
        assertThat(result.getData()).extracting(ComplaintDetailResult::getPayerPhone).contains("13800138000");
        assertThat(simulator.signatureFailures()).isZero();
    }

    @Test
    void readsDetailAndNegotiationHistory() throws Exception {
        String id = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        ComplaintDetailRequest detail = new ComplaintDetailRequest();
        detail.setComplaintId(id);
        ComplaintDetailResult result = complaints.getComplaint(detail);
        assertThat(result.getComplaintId()).isEqualTo(id);
        assertThat(result.getComplaintState()).isEqualTo("PENDING");
        assertThat(result.getProblemType()).isEqualTo("REFUND");

        NegotiationHistoryRequest history = new NegotiationHistoryRequest();
        history.setComplaintId(id);
        history.setLimit(300);
        history.setOffset(0);
        NegotiationHistoryResult rows = complaints.queryNegotiationHistorys(history);
        // the complaint itself and the user's two messages
        assertThat(rows.getData()).hasSize(3);
        assertThat(rows.getData()).extracting(NegotiationHistoryResult.NegotiationHistory::getOperateType)
                .containsExactlyInAnyOrder("USER_CREATE_COMPLAINT", "USER_RESPONSE", "USER_RESPONSE");
    }

    @Test
    void repliesUploadsAnImageAndCompletesAndTheSimulatorRecordsIt() throws Exception {
        String id = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        // WxJava sends its upload chunked, file part before meta: the simulator accepts both orders
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        ImageUploadResult uploaded = complaints.uploadResponseImage(new ByteArrayInputStream(png), "reply.png");
        assertThat(uploaded.getMediaId()).isNotBlank();
        assertThat(simulator.uploaded(uploaded.getMediaId())).hasValueSatisfying(b -> assertThat(b).isEqualTo(png));

        ResponseRequest reply = new ResponseRequest();
        reply.setComplaintedMchid(WechatPayTestKeys.MCHID);
        reply.setResponseContent("您好，已为您安排退款，请留意到账通知。");
        reply.setResponseImages(List.of(uploaded.getMediaId()));
        reply.setComplaintId(id);
        complaints.submitResponse(reply);
        assertThat(simulator.state(id)).hasValue("PROCESSING");
        assertThat(simulator.historyTypes(id)).last().isEqualTo("MERCHANT_RESPONSE");

        CompleteRequest complete = new CompleteRequest();
        complete.setComplaintId(id);
        complete.setComplaintedMchid(WechatPayTestKeys.MCHID);
        complaints.complete(complete);
        assertThat(simulator.state(id)).hasValue("PROCESSED");
        assertThat(simulator.signatureFailures()).isZero();
    }

    @Test
    void aTamperedAnswerIsRefusedByWxJavasOwnVerifier() {
        simulator.nextTamperedAnswer();
        assertThatThrownBy(() -> listLast30Days(10)).isInstanceOf(WxPayException.class);
    }

    @Test
    void theSimulatorRefusesALimitAboveFiftyWithWeChatsParamError() {
        assertThatThrownBy(() -> listLast30Days(51)).isInstanceOfSatisfying(WxPayException.class,
                e -> assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR"));
    }

    @Test
    void wxJavaSendsComplaintedMchidNullWhenNoFilterIsSetAndTheSimulatorRefusesItAsWeChatDoes() {
        ComplaintRequest request = new ComplaintRequest();
        request.setLimit(10);
        request.setOffset(0);
        request.setBeginDate(today.minusDays(29).toString());
        request.setEndDate(today.toString());

        assertThatThrownBy(() -> complaints.queryComplaints(request)).isInstanceOfSatisfying(WxPayException.class,
                e -> assertThat(e.getErrCode()).isEqualTo("PARAM_ERROR"));
        List<RecordedRequest> sent = simulator.requests("GET", WechatPaySimulator.COMPLAINTS_PATH);
        assertThat(sent).last().extracting(RecordedRequest::rawQuery).asString().contains("complainted_mchid=null");
    }
}
