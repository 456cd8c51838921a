/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the recorded fixtures of {@link AllinpayFixtures}. Deterministic (fixed data, fixed
 * {@code randomstr}, RSA PKCS#1 v1.5 signatures), so {@link AllinpayFixturesTest} can check the
 * committed files are exactly what this produces. Run from the repository root:
 * {@code java -cp … dev.complaintkit.testkit.allinpay.AllinpayFixtureGenerator}.
 */
public final class AllinpayFixtureGenerator {
    static final Path TARGET = Path.of("testkit/src/main/resources/dev/complaintkit/testkit/allinpay");
    static final String IMAGES_PREFIX = "https://api.mch.weixin.qq.com/v3/merchant-service/images/";

    /** The example of Allinpay's history interface page, with its placeholders replaced by realistic values. */
    static final String SEED_RECORDS = "{\"total_count\":1,\"offset\":0,\"limit\":100,\"data\":[{\"complaint_media_list\":"
            + "{\"media_type\":\"USER_COMPLAINT_IMAGE\",\"media_url\":[\"https://api.mch.weixin.qq.com/v3/merchant-service/images/"
            + "ChsyMDAyMDAwMjAyMzA1MzAyMzIyNTY5NDA4MTkYACDK4JOkBigBMAE4AQ%3D%3D\"]},\"image_list\":[],"
            + "\"log_id\":\"300200020230530232256940819\",\"operate_details\":\"操作内容\","
            + "\"operate_time\":\"2023-05-30T23:58:18+08:00\",\"operate_type\":\"USER_CREATE_COMPLAINT\",\"operator\":\"投诉人\"}]}";

    /** A list answer's records: WeChat rows with Allinpay's merchantNo, one of a sub-merchant and one of the merchant itself. */
    static final String LIST_RECORDS = "[{\"complaint_id\":\"" + AllinpayFixtures.LIST_COMPLAINT_IDS.get(0) + "\","
            + "\"complaint_time\":\"2024-05-06T09:12:33+08:00\",\"complaint_detail\":\"付款后未收到商品\","
            + "\"complaint_state\":\"PENDING\",\"payer_phone\":\"138****0001\",\"complaint_order_info\":[{\"out_trade_no\":"
            + "\"TL202405060001\",\"transaction_id\":\"4200002024050600000001\",\"amount\":9900}],\"merchantNo\":\""
            + AllinpayFixtures.LIST_SUB_MERCHANT + "\"},{\"complaint_id\":\"" + AllinpayFixtures.LIST_COMPLAINT_IDS.get(1) + "\","
            + "\"complaint_time\":\"2024-05-07 10:00:00\",\"complaint_detail\":\"重复扣款\",\"complaint_state\":\"PROCESSING\","
            + "\"payer_phone\":\"\",\"complaint_order_info\":[],\"merchantNo\":\"" + AllinpayTestKeys.CUSID + "\"}]";

    /** A detail answer's records: WeChat's detail with complaint_media_list as an array. */
    static final String DETAIL_RECORDS = "{\"complaint_id\":\"" + AllinpayFixtures.LIST_COMPLAINT_IDS.get(0) + "\","
            + "\"complaint_time\":\"2024-05-06T09:12:33+08:00\",\"complaint_detail\":\"付款后未收到商品\","
            + "\"complaint_state\":\"PENDING\",\"payer_phone\":\"138****0001\",\"complaint_full_refunded\":false,"
            + "\"complaint_media_list\":[{\"media_type\":\"USER_COMPLAINT_IMAGE\",\"media_url\":[\"" + IMAGES_PREFIX
            + "ChsyMDAyMDE4MjAyNDA1MDYa-0\",\"" + IMAGES_PREFIX + "ChsyMDAyMDE4MjAyNDA1MDYa-1\"]}],"
            + "\"complaint_order_info\":[{\"amount\":9900,\"out_trade_no\":\"TL202405060001\",\"transaction_id\":"
            + "\"4200002024050600000001\"}],\"problem_type\":\"REFUND\",\"problem_description\":\"申请退款\","
            + "\"apply_refund_amount\":9900,\"incoming_user_response\":true,\"user_complaint_times\":2,"
            + "\"user_tag_list\":[\"TRUSTED\"],\"merchantNo\":\"" + AllinpayFixtures.LIST_SUB_MERCHANT + "\",\"new_field\":\"kept\"}";

    /** WeChat's operate_type values, in its documentation's order. */
    static final List<String> KNOWN_TYPES = List.of("USER_CREATE_COMPLAINT", "USER_CONTINUE_COMPLAINT", "USER_RESPONSE",
            "PLATFORM_RESPONSE", "MERCHANT_RESPONSE", "MERCHANT_CONFIRM_COMPLETE", "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE",
            "USER_CREATE_COMPLAINT_SYSTEM_MESSAGE", "COMPLAINT_FULL_REFUNDED_SYSTEM_MESSAGE", "USER_CONTINUE_COMPLAINT_SYSTEM_MESSAGE",
            "COMPLAINT_REFUND_RECEIVED_SYSTEM_MESSAGE", "USER_REVOKE_COMPLAINT", "USER_COMFIRM_COMPLAINT",
            "PLATFORM_HELP_APPLICATION", "USER_APPLY_PLATFORM_HELP", "MERCHANT_APPROVE_REFUND", "MERCHANT_REFUSE_RERUND",
            "USER_SUBMIT_SATISFACTION", "SERVICE_ORDER_CANCEL", "SERVICE_ORDER_COMPLETE", "COMPLAINT_ENTRUSTED_REFUND_SYSTEM_MESSAGE",
            "USER_APPLY_PLATFORM_SERVICE", "USER_CANCEL_PLATFORM_SERVICE", "PLATFORM_SERVICE_FINISHED", "USER_CLICK_RESPONSE");

    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final String IMAGES = IMAGES_PREFIX;

    private AllinpayFixtureGenerator() {}

    /**
     * @param args optional target directory
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : TARGET;
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : render().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /** @return file name → content, for every fixture */
    static Map<String, byte[]> render() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] seed = SEED_RECORDS.getBytes(StandardCharsets.UTF_8);
        files.put(AllinpayFixtures.SEED_RECORDS, seed);
        files.put(AllinpayFixtures.SEED_RESPONSE, answer(seed, "5e2c0f8a91d34b7a"));
        for (int offset = 0; offset < AllinpayFixtures.LARGE_HISTORY_SIZE; offset += AllinpayFixtures.LARGE_HISTORY_PAGE_SIZE) {
            files.put(String.format(AllinpayFixtures.LARGE_PAGE, offset),
                    answer(largePage(offset, AllinpayFixtures.LARGE_HISTORY_PAGE_SIZE), String.format("a1b2c3d4%08d", offset)));
        }
        files.put(AllinpayFixtures.LIST_RESPONSE, answer(LIST_RECORDS.getBytes(StandardCharsets.UTF_8), "b7e1c0d2f3a49586", "2",
                AllinpayTestKeys.CUSID));
        files.put(AllinpayFixtures.DETAIL_RESPONSE, answer(DETAIL_RECORDS.getBytes(StandardCharsets.UTF_8), "c8f2d1e3a4b5c6d7", null,
                AllinpayFixtures.LIST_SUB_MERCHANT));
        return files;
    }

    private static byte[] answer(byte[] records, String randomstr) {
        return answer(records, randomstr, null, AllinpayTestKeys.CUSID);
    }

    private static byte[] answer(byte[] records, String randomstr, String totalCount, String cusid) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("retcode", "SUCCESS");
        a.put("retmsg", "");
        a.put("appid", AllinpayTestKeys.APPID);
        a.put("cusid", cusid);
        if (totalCount != null) {
            a.put("total_count", totalCount);
        }
        a.put("randomstr", randomstr);
        a.put("records", Base64.getEncoder().encodeToString(records));
        a.put("sign", ServerCrypto.sign(AllinpayFixtures.SIGN_TYPE,
                ServerCrypto.privateKey(AllinpayFixtures.SIGN_TYPE, AllinpayTestKeys.platformPrivateKey(AllinpayFixtures.SIGN_TYPE)),
                ServerCrypto.PLATFORM_USER_ID, ServerCrypto.canonical(a)));
        return AllinpaySimulator.json(a).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] largePage(int offset, int limit) {
        int size = AllinpayFixtures.LARGE_HISTORY_SIZE;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            if (offset == 0) {
                g.writeNumberField("total_count", size);
            }
            g.writeNumberField("offset", offset);
            g.writeNumberField("limit", limit);
            g.writeArrayFieldStart("data");
            for (int i = offset; i < Math.min(size, offset + limit); i++) {
                row(g, i);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void row(JsonGenerator g, int i) throws IOException {
        String type = i % 97 == 50 ? AllinpayFixtures.UNKNOWN_OPERATE_TYPES.get((i / 97) % 2) : KNOWN_TYPES.get(i % KNOWN_TYPES.size());
        OffsetDateTime at = OffsetDateTime.of(2024, 5, 6, 9, 12, 33, 0, ZoneOffset.ofHours(8)).plusMinutes(37L * i + (i * i) % 11);
        g.writeStartObject();
        switch (i % 5) {
            case 0 -> { // current shape: one object
                g.writeFieldName("complaint_media_list");
                media(g, "USER_COMPLAINT_IMAGE", i, 1 + i % 3);
            }
            case 1 -> { // older shape: an array of one
                g.writeArrayFieldStart("complaint_media_list");
                media(g, "OPERATION_IMAGE", i, 1);
                g.writeEndArray();
            }
            case 2 -> { // older shape: an array of two
                g.writeArrayFieldStart("complaint_media_list");
                media(g, "USER_COMPLAINT_IMAGE", i, 2);
                media(g, "OPERATION_IMAGE", i + 10_000, 1);
                g.writeEndArray();
            }
            case 3 -> {
                g.writeArrayFieldStart("complaint_media_list");
                g.writeEndArray();
            }
            default -> { } // absent
        }
        g.writeArrayFieldStart("image_list");
        if (i % 7 == 0) {
            g.writeString(IMAGES + "proof-" + i);
            if (i % 14 == 0) {
                g.writeString(IMAGES + "proof-" + i + "-2");
            }
        }
        g.writeEndArray();
        g.writeStringField("log_id", String.format("3002000202405%014d", i));
        g.writeStringField("operate_details", details(type, i));
        g.writeStringField("operate_time", at.format(RFC_3339));
        g.writeStringField("operate_type", type);
        g.writeStringField("operator", operator(type));
        g.writeEndObject();
    }

    private static void media(JsonGenerator g, String type, int i, int urls) throws IOException {
        g.writeStartObject();
        g.writeStringField("media_type", type);
        g.writeArrayFieldStart("media_url");
        for (int u = 0; u < urls; u++) {
            g.writeString(IMAGES + "ChsyMDAyMDE4MjAyNDA1MDY" + i + "-" + u);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String operator(String type) {
        if (type.startsWith("USER_")) {
            return "投诉人";
        }
        if (type.startsWith("MERCHANT_")) {
            return "商户";
        }
        if (type.startsWith("PLATFORM_")) {
            return "微信支付";
        }
        return "系统";
    }

    private static String details(String type, int i) {
        return switch (type) {
            case "USER_SUBMIT_SATISFACTION" -> "满意度评分：" + (1 + i % 5) + "分";
            case "MERCHANT_REFUSE_RERUND" -> "拒绝原因：商品已发货，请先办理退货（#" + i + "）";
            case "MERCHANT_RESPONSE" -> "您好，已为您登记处理，请留意短信通知。\"单号\" #" + i;
            case "USER_RESPONSE", "USER_CONTINUE_COMPLAINT" -> "还没有收到退款，请尽快处理 #" + i;
            case "COMPLAINT_PARTIAL_REFUNDED_SYSTEM_MESSAGE" -> "商户已发起部分退款 12.30 元";
            case "COMPLAINT_FULL_REFUNDED_SYSTEM_MESSAGE" -> "商户已发起全额退款 99.00 元";
            default -> "操作内容 #" + i;
        };
    }

    /** @return the rows' operate_type values, in order, for checks */
    static List<String> largeHistoryTypes() {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < AllinpayFixtures.LARGE_HISTORY_SIZE; i++) {
            types.add(i % 97 == 50 ? AllinpayFixtures.UNKNOWN_OPERATE_TYPES.get((i / 97) % 2) : KNOWN_TYPES.get(i % KNOWN_TYPES.size()));
        }
        return types;
    }
}
