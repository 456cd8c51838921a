/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks;

import com.github.binarywang.wxpay.bean.complaint.ComplaintRequest;
import com.github.binarywang.wxpay.bean.complaint.ComplaintResult;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryRequest;
import com.github.binarywang.wxpay.bean.complaint.NegotiationHistoryResult;
import com.github.binarywang.wxpay.bean.complaint.ResponseRequest;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.service.ComplaintService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.nio.charset.StandardCharsets;

/**
 * WxJava 4.7.0's {@code ComplaintService} against a {@link WechatPayRig}'s simulator, configured as
 * its documentation says (public-key mode, Apache HttpClient, its own signer, verifier and Gson
 * beans). WxJava signs only for hosts ending in {@code .mch.weixin.qq.com}: the JVM must run with
 * {@code -Djdk.net.hosts.file=benchmarks/peer-hosts} (which maps {@code api.mch.weixin.qq.com} to
 * 127.0.0.1; {@code run.sh} passes it), and the base URL is {@code http://api.mch.weixin.qq.com:<port>}.
 */
public final class WxJavaPeer {
    private final WechatPayRig rig;
    private final ComplaintService complaints;

    /**
     * @param rig the rig whose simulator to call
     */
    public WxJavaPeer(WechatPayRig rig) {
        this.rig = rig;
        WxPayConfig config = new WxPayConfig();
        config.setMchId(WechatPayTestKeys.MCHID);
        config.setCertSerialNo(WechatPayTestKeys.MERCHANT_SERIAL);
        // as bytes: the 4.7.0 jar Base64-encodes a privateKeyString in place before loading it
        config.setPrivateKeyContent(WechatPayTestKeys.merchantPrivateKey().getBytes(StandardCharsets.UTF_8));
        config.setApiV3Key(WechatPayTestKeys.API_V3_KEY);
        config.setPublicKeyId(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID);
        config.setPublicKeyContent(WechatPayTestKeys.platformPublicKey().getBytes(StandardCharsets.UTF_8));
        config.setPayBaseUrl("http://api.mch.weixin.qq.com:" + rig.simulator().port());
        WxPayServiceImpl service = new WxPayServiceImpl();
        service.setConfig(config);
        this.complaints = service.getComplaintsService();
    }

    /**
     * Starts a peer and proves it reads the same first row as the library's.
     *
     * @param rig the rig
     * @return the peer
     */
    public static WxJavaPeer start(WechatPayRig rig) {
        WxJavaPeer peer = new WxJavaPeer(rig);
        ComplaintResult page = peer.list();
        if (page.getData().size() != WechatPayRig.LIST_PAGE || peer.history().getData().size() != WechatPayRig.HISTORY) {
            throw new IllegalStateException("WxJava does not work against the rig: " + page.getData().size() + " rows");
        }
        peer.reply();
        return peer;
    }

    /** @return the first list page */
    public ComplaintResult list() {
        ComplaintRequest request = new ComplaintRequest();
        request.setLimit(WechatPayRig.LIST_PAGE);
        request.setOffset(0);
        request.setBeginDate(rig.today().minusDays(29).toString());
        request.setEndDate(rig.today().toString());
        request.setComplaintedMchid(WechatPayTestKeys.MCHID);
        try {
            return complaints.queryComplaints(request);
        } catch (Exception e) {
            throw new IllegalStateException("WxJava list failed", e);
        }
    }

    /** @return the history page */
    public NegotiationHistoryResult history() {
        NegotiationHistoryRequest request = new NegotiationHistoryRequest();
        request.setComplaintId(rig.historyId());
        request.setLimit(WechatPayRig.HISTORY);
        request.setOffset(0);
        try {
            return complaints.queryNegotiationHistorys(request);
        } catch (Exception e) {
            throw new IllegalStateException("WxJava history failed", e);
        }
    }

    /** One text reply. */
    public void reply() {
        ResponseRequest request = new ResponseRequest();
        request.setComplaintId(rig.nextId());
        request.setComplaintedMchid(WechatPayTestKeys.MCHID);
        request.setResponseContent(WechatPayRig.TEXT);
        try {
            complaints.submitResponse(request);
        } catch (Exception e) {
            throw new IllegalStateException("WxJava reply failed", e);
        }
    }
}
