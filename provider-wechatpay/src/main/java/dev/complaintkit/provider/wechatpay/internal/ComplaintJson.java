/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.ProblemType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Maps WeChat Pay's complaint, detail and negotiation-history JSON onto the model. Unknown fields
 * are ignored and unknown enum values kept raw; a missing required field is
 * {@link dev.complaintkit.error.ProviderException#INVALID_RESPONSE}.
 */
final class ComplaintJson {
    private ComplaintJson() {}

    static Complaint complaint(JsonNode row) {
        String id = text(row, "complaint_id");
        if (id.isEmpty()) {
            throw WechatPayWire.invalid("a complaint carries no complaint_id");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        put(extra, "complainted_mchid", text(row, "complainted_mchid"));
        put(extra, "complaint_state", text(row, "complaint_state"));
        put(extra, "problem_description", text(row, "problem_description"));
        put(extra, "problem_type", text(row, "problem_type"));
        if (row.has("need_immediate_service")) {
            extra.put("need_immediate_service", Boolean.toString(row.path("need_immediate_service").asBoolean()));
        }
        String order = "";
        JsonNode orders = row.path("complaint_order_info");
        if (orders.isArray() && orders.size() > 0) {
            order = text(orders.get(0), "out_trade_no");
            put(extra, "transaction_id", text(orders.get(0), "transaction_id"));
        }
        // payer_phone is ciphertext: it is kept only in the detail, never in the row's phone or extra
        return new Complaint(ComplaintId.of(id), WechatPayWire.PROVIDER, state(text(row, "complaint_state")), Channel.WECHAT_PAY,
                text(row, "complaint_detail"), time(text(row, "complaint_time"), "complaint_time"), Optional.empty(), false,
                Optional.empty(), "", order, extra);
    }

    static ComplaintDetail detail(JsonNode row) {
        Complaint c = complaint(row);
        List<OrderInfo> orders = new ArrayList<>();
        for (JsonNode o : row.path("complaint_order_info")) {
            JsonNode amount = o.path("amount");
            orders.add(new OrderInfo(text(o, "transaction_id"), text(o, "out_trade_no"),
                    amount.canConvertToLong() ? OptionalLong.of(amount.asLong()) : OptionalLong.empty()));
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : row.path("user_tag_list")) {
            tags.add(t.asText());
        }
        List<Media> media = new ArrayList<>();
        for (JsonNode m : row.path("complaint_media_list")) {
            media.add(media(m));
        }
        String raw = text(row, "problem_type");
        JsonNode refund = row.path("apply_refund_amount");
        String phone = text(row, "payer_phone");
        Map<String, String> extra = new LinkedHashMap<>(c.extra());
        put(extra, "payer_openid", text(row, "payer_openid"));
        if (row.has("in_platform_service")) {
            extra.put("in_platform_service", Boolean.toString(row.path("in_platform_service").asBoolean()));
        }
        return new ComplaintDetail(c, Optional.of(text(row, "complainted_mchid")), orders,
                raw.isEmpty() ? ProblemType.NONE : ProblemType.fromWire(raw), raw, text(row, "problem_description"),
                refund.canConvertToLong() ? OptionalLong.of(refund.asLong()) : OptionalLong.empty(), tags,
                row.path("complaint_full_refunded").asBoolean(false), row.path("incoming_user_response").asBoolean(false),
                row.path("user_complaint_times").asInt(1), row.path("need_immediate_service").asBoolean(false), media,
                phone.isEmpty() ? ComplainantPhone.absent() : ComplainantPhone.encrypted(phone), extra);
    }

    static NegotiationEntry entry(JsonNode row) {
        String rawType = text(row, "operate_type");
        List<Media> media = new ArrayList<>();
        JsonNode m = row.path("complaint_media_list");
        if (m.isObject()) { // an object in the history, an array in the complaint
            media.add(media(m));
        } else if (m.isArray()) {
            m.forEach(x -> media.add(media(x)));
        }
        List<String> images = new ArrayList<>();
        for (JsonNode i : row.path("image_list")) {
            images.add(i.asText());
        }
        return new NegotiationEntry(text(row, "log_id"), text(row, "operator"), time(text(row, "operate_time"), "operate_time"),
                OperationType.fromWire(rawType), rawType, text(row, "operate_details"), media, images);
    }

    private static Media media(JsonNode m) {
        List<String> urls = new ArrayList<>();
        for (JsonNode u : m.path("media_url")) {
            urls.add(u.asText());
        }
        return new Media(text(m, "media_type"), urls);
    }

    static ComplaintState state(String raw) {
        try {
            return raw.isEmpty() ? ComplaintState.UNKNOWN : ComplaintState.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ComplaintState.UNKNOWN;
        }
    }

    private static OffsetDateTime time(String raw, String field) {
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw WechatPayWire.invalid("the answer's " + field + " is not an RFC 3339 time");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static void put(Map<String, String> extra, String key, String value) {
        if (!value.isEmpty()) {
            extra.put(key, value);
        }
    }
}
