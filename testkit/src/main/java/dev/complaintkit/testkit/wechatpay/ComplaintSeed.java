/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One complaint to seed a {@link WechatPaySimulator} with: WeChat Pay's fields, with realistic
 * defaults, set fluently. The simulator copies the values when the seed is added; changing a seed
 * afterwards changes nothing.
 *
 * <pre>{@code
 * ComplaintSeed.of("200201820240612093015000001", OffsetDateTime.now(WechatPaySimulator.SHANGHAI).minusDays(2))
 *         .problemType("REFUND").amountFen(990).userMessages(2).needImmediateService(true);
 * }</pre>
 */
public final class ComplaintSeed {
    final String id;
    final OffsetDateTime time;
    String detail = "购买的课程无法观看，联系客服无人回复";
    String state = "PENDING";
    String complaintedMchid;
    String payerPhone = "13800138000";
    String payerOpenid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
    String problemType = "SERVICE_NOT_WORK";
    String problemDescription = "服务无法使用";
    long amountFen = 990;
    String transactionId;
    String outTradeNo;
    boolean needImmediateService;
    int userMessages;
    int images = 1;
    final List<String> userTags = new ArrayList<>();

    private ComplaintSeed(String id, OffsetDateTime time) {
        this.id = Objects.requireNonNull(id, "id");
        this.time = Objects.requireNonNull(time, "time");
        this.transactionId = "42000" + id.substring(Math.max(0, id.length() - 12));
        this.outTradeNo = "order-" + id.substring(Math.max(0, id.length() - 6));
    }

    /**
     * @param complaintId the complaint id (up to 64 letters and digits; WeChat's are 27 digits)
     * @param complaintTime when the user complained
     * @return a pending complaint about a service that does not work, one order of 9.90 CNY, one user image
     */
    public static ComplaintSeed of(String complaintId, OffsetDateTime complaintTime) {
        return new ComplaintSeed(complaintId, complaintTime);
    }

    /** @param text the user's complaint text ({@code complaint_detail}) @return this */
    public ComplaintSeed detail(String text) {
        this.detail = Objects.requireNonNull(text);
        return this;
    }

    /**
     * @param wireState {@code PENDING}, {@code PROCESSING} or {@code PROCESSED}; a seeded PROCESSING
     *     complaint has one merchant reply in its history, a PROCESSED one a reply and a completion
     * @return this
     */
    public ComplaintSeed state(String wireState) {
        this.state = Objects.requireNonNull(wireState);
        return this;
    }

    /** @param mchid the complained-about merchant (service providers: a sub-merchant); default the simulator's mchid @return this */
    public ComplaintSeed complaintedMchid(String mchid) {
        this.complaintedMchid = mchid;
        return this;
    }

    /** @param phone the payer's phone, served RSA-OAEP-encrypted under the merchant public key @return this */
    public ComplaintSeed payerPhone(String phone) {
        this.payerPhone = phone;
        return this;
    }

    /**
     * @param wireType {@code REFUND} (a refund request: {@code apply_refund_amount} is the order amount and
     *     the refund decision is allowed), {@code SERVICE_NOT_WORK} or {@code OTHERS}
     * @return this
     */
    public ComplaintSeed problemType(String wireType) {
        this.problemType = Objects.requireNonNull(wireType);
        this.problemDescription = "REFUND".equals(wireType) ? "申请退款" : "OTHERS".equals(wireType) ? "其他问题" : "服务无法使用";
        return this;
    }

    /** @param fen the order amount in fen @return this */
    public ComplaintSeed amountFen(long fen) {
        this.amountFen = fen;
        return this;
    }

    /** @param transactionId the WeChat Pay order @param outTradeNo the merchant's order number @return this */
    public ComplaintSeed order(String transactionId, String outTradeNo) {
        this.transactionId = Objects.requireNonNull(transactionId);
        this.outTradeNo = Objects.requireNonNull(outTradeNo);
        return this;
    }

    /** @param immediate whether it must be answered through {@code response-immediate-service} @return this */
    public ComplaintSeed needImmediateService(boolean immediate) {
        this.needImmediateService = immediate;
        return this;
    }

    /** @param count how many {@code USER_RESPONSE} rows follow the creation row in the history @return this */
    public ComplaintSeed userMessages(int count) {
        this.userMessages = count;
        return this;
    }

    /** @param count how many user complaint images it carries (downloadable from the simulator) @return this */
    public ComplaintSeed images(int count) {
        this.images = count;
        return this;
    }

    /** @param tags {@code user_tag_list} values, e.g. {@code TRUSTED} @return this */
    public ComplaintSeed userTags(String... tags) {
        this.userTags.addAll(List.of(tags));
        return this;
    }

    /** @return the complaint id */
    public String id() {
        return id;
    }

    /** @return how many history rows the simulator creates for this seed */
    public int historySize() {
        int extra = "PROCESSING".equals(state) ? 1 : "PROCESSED".equals(state) ? 2 : 0;
        return 1 + userMessages + extra;
    }

    @Override
    public String toString() {
        return "ComplaintSeed[" + id + ", " + state + ", " + problemType + "]";
    }
}
