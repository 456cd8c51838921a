/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.xiaoe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's own reading and writing of Xiaoe complaint rows (written independently of the
 * provider's codec). Rows are written in the shape of the seed's example: numbers for
 * {@code channel_type}, {@code complaint_from}, {@code complaint_resource_type}, {@code complaint_type},
 * {@code current_step}, {@code is_overtime}, {@code state}, {@code time_limit}; strings for ids and
 * times; {@code closed_at} {@value #NOT_CLOSED} while open.
 */
final class XiaoeRows {
    /** What Xiaoe sends as {@code closed_at} for a complaint that is not closed. */
    static final String NOT_CLOSED = "1970-01-02 00:00:00";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Extra fields the store keeps for a row, under their wire names. */
    static final String[] KEPT = {"complaint_from", "current_step", "time_limit", "complaint_type",
            "complaint_resource_type", "operate_time"};

    private XiaoeRows() {}

    /** Reads a fixture row into the model the store holds. */
    static Complaint fromRow(JsonNode row) {
        String id = text(row, "complaint_id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("fixture row without complaint_id: " + row);
        }
        ComplaintState state = switch (String.valueOf(text(row, "state"))) {
            case "0" -> ComplaintState.PENDING;
            case "1" -> ComplaintState.PROCESSING;
            case "2" -> ComplaintState.PROCESSED;
            default -> ComplaintState.UNKNOWN;
        };
        Channel channel = switch (String.valueOf(text(row, "channel_type"))) {
            case "1" -> Channel.SHOP;
            case "2" -> Channel.PLATFORM;
            case "3" -> Channel.WECHAT_PAY;
            case "4" -> Channel.ALIPAY;
            default -> Channel.UNKNOWN;
        };
        Map<String, String> extra = new LinkedHashMap<>();
        for (String k : KEPT) {
            String v = text(row, k);
            if (v != null) {
                extra.put(k, v);
            }
        }
        if (state == ComplaintState.UNKNOWN && text(row, "state") != null) {
            extra.put("state", text(row, "state"));
        }
        if (channel == Channel.UNKNOWN && text(row, "channel_type") != null) {
            extra.put("channel_type", text(row, "channel_type"));
        }
        OffsetDateTime at = time(text(row, "complaint_time"))
                .orElseThrow(() -> new IllegalArgumentException("fixture row " + id + " without complaint_time"));
        Optional<OffsetDateTime> closed = time(text(row, "closed_at")).filter(t -> t.getYear() >= 1971);
        return new Complaint(ComplaintId.of(id), "store", state, channel, text(row, "complaint_reason"), at,
                time(text(row, "operate_end_time")).filter(t -> t.getYear() >= 1971),
                "2".equals(text(row, "is_overtime")), closed, text(row, "complainant_phone"),
                text(row, "complaint_resource_id"), extra);
    }

    /** Writes a stored complaint as Xiaoe sends it. */
    static ObjectNode toRow(ObjectMapper mapper, Complaint c) {
        Map<String, String> x = c.extra();
        String complainedAt = format(c.complainedAt());
        long state = switch (c.state()) {
            case PENDING -> 0;
            case PROCESSING -> 1;
            case PROCESSED -> 2;
            case UNKNOWN -> longOr(x.get("state"), 0);
        };
        long channel = switch (c.channel()) {
            case SHOP -> 1;
            case PLATFORM -> 2;
            case WECHAT_PAY -> 3;
            case ALIPAY -> 4;
            case UNKNOWN -> longOr(x.get("channel_type"), 0);
        };
        long from = longOr(x.get("complaint_from"), switch (c.channel()) {
            case WECHAT_PAY -> 201;
            case ALIPAY -> 202;
            case PLATFORM -> 203;
            default -> 101;
        });
        long timeLimit = longOr(x.get("time_limit"), 72);
        ObjectNode row = mapper.createObjectNode();
        row.put("channel_type", channel);
        row.put("closed_at", c.closedAt().map(XiaoeRows::format).orElse(NOT_CLOSED));
        row.put("complainant_phone", c.complainantPhone());
        row.put("complaint_from", from);
        row.put("complaint_id", c.id().value());
        row.put("complaint_reason", c.reason());
        row.put("complaint_resource_id", c.orderReference());
        number(row, "complaint_resource_type", x.getOrDefault("complaint_resource_type", "0"));
        row.put("complaint_time", complainedAt);
        number(row, "complaint_type", x.getOrDefault("complaint_type", from >= 200 || from == 10 ? "3" : "1"));
        number(row, "current_step", x.getOrDefault("current_step", state == 0 ? "1" : state == 1 ? "2" : "5"));
        row.put("is_overtime", c.overdue() ? 2 : 1);
        row.put("operate_end_time", c.deadline().map(XiaoeRows::format)
                .orElse(format(c.complainedAt().plusHours(timeLimit))));
        row.put("operate_time", x.getOrDefault("operate_time", complainedAt));
        row.put("state", state);
        row.put("time_limit", timeLimit);
        return row;
    }

    /**
     * A stored complaint as {@code xe.complaint.info.get} answers it: the row's fields, the info's own
     * {@code current_step} numbering, {@code sub_mch_id} for WeChat-channel complaints and the history as
     * {@code reply_list}.
     */
    static ObjectNode toInfo(ObjectMapper mapper, Complaint c, String appId, List<NegotiationEntry> history) {
        ObjectNode row = toRow(mapper, c);
        ObjectNode d = mapper.createObjectNode();
        d.put("id", Math.abs((long) c.id().value().hashCode()));
        d.put("complaint_id", c.id().value());
        d.put("app_id", appId);
        d.set("state", row.get("state"));
        d.put("complainant_user_id", "u_" + Integer.toHexString(c.id().value().hashCode()));
        d.put("complainant_phone", c.complainantPhone());
        d.set("complaint_from", row.get("complaint_from"));
        d.set("complaint_type", row.get("complaint_type"));
        d.put("complaint_resource_id", c.orderReference());
        d.put("complaint_content_msg", c.channel() == Channel.WECHAT_PAY ? "" : c.reason());
        d.putArray("complaint_content_object");
        d.put("complaint_reason", c.reason());
        d.put("complaint_time", row.get("complaint_time").asText());
        ArrayNode images = d.putArray("uploaded_images");
        history.stream().limit(1).flatMap(e -> e.images().stream()).forEach(images::add);
        d.set("time_limit", row.get("time_limit"));
        d.set("operate_time", row.get("operate_time"));
        d.put("current_step", infoStep(c, history));
        d.set("operate_end_time", row.get("operate_end_time"));
        if (c.channel() == Channel.WECHAT_PAY) {
            d.put("sub_mch_id", subMchId(c));
        }
        ArrayNode replies = d.putArray("reply_list");
        for (NegotiationEntry e : history) {
            ObjectNode r = replies.addObject();
            r.put("id", e.logId());
            r.put("complaint_id", c.id().value());
            r.put("reply_from", e.type().name().startsWith("USER_") ? 1 : e.type().name().startsWith("MERCHANT_") ? 2 : 3);
            r.put("reply_content", e.details());
            r.put("reply_time", format(e.time()));
            ArrayNode ri = r.putArray("reply_images");
            e.images().forEach(ri::add);
        }
        return d;
    }

    /**
     * The info endpoint's {@code current_step}: 6 closed; else by who spoke last — 2 the merchant,
     * 3 the consumer after a merchant's reply; else by state (1 new, 2 being handled).
     */
    private static int infoStep(Complaint c, List<NegotiationEntry> history) {
        if (c.state() == ComplaintState.PROCESSED) {
            return 6;
        }
        if (!history.isEmpty()) {
            String last = history.get(history.size() - 1).type().name();
            boolean merchantSpoke = history.stream().anyMatch(e -> e.type().name().startsWith("MERCHANT_"));
            if (last.startsWith("MERCHANT_")) {
                return 2;
            }
            if (last.startsWith("USER_") && merchantSpoke) {
                return 3;
            }
        }
        return c.state() == ComplaintState.PROCESSING ? 2 : 1;
    }

    /** @return the WeChat complaint number of a WeChat-channel complaint: its extra {@code wechat_complaint_id}, else its id */
    static String wechatId(Complaint c) {
        return c.extra().getOrDefault("wechat_complaint_id", c.id().value());
    }

    /** @return the {@code sub_mch_id} of a WeChat-channel complaint: its extra {@code sub_mch_id}, else {@link XiaoeSimulator#DEFAULT_SUB_MCH_ID} */
    static String subMchId(Complaint c) {
        return c.extra().getOrDefault("sub_mch_id", XiaoeSimulator.DEFAULT_SUB_MCH_ID);
    }

    /** A WeChat-channel complaint in WeChat Pay's complaint-detail shape, as the pass-through answers it. */
    static ObjectNode toWechatDetail(ObjectMapper mapper, Complaint c, List<NegotiationEntry> history) {
        ObjectNode d = mapper.createObjectNode();
        d.put("complaint_id", wechatId(c));
        d.put("complaint_time", c.complainedAt().atZoneSameInstant(SHANGHAI).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        d.put("complaint_detail", c.reason());
        d.put("complaint_state", c.state() == ComplaintState.UNKNOWN ? "PENDING" : c.state().name());
        d.put("complainted_mchid", subMchId(c));
        if (!c.complainantPhone().isEmpty()) {
            d.put("payer_phone", c.complainantPhone());
        }
        if (!c.orderReference().isEmpty()) {
            ObjectNode o = d.putArray("complaint_order_info").addObject();
            o.put("transaction_id", c.extra().getOrDefault("transaction_id", "4200000000" + Math.abs(c.id().value().hashCode())));
            o.put("out_trade_no", c.orderReference());
            o.put("amount", longOr(c.extra().get("amount"), 1000));
        }
        d.put("complaint_full_refunded", false);
        d.put("incoming_user_response", c.state() == ComplaintState.PENDING);
        d.put("problem_description", c.extra().getOrDefault("problem_description", "不满意商家服务"));
        d.put("user_complaint_times", 1);
        ArrayNode media = d.putArray("complaint_media_list");
        history.stream().limit(1).flatMap(e -> e.media().stream()).forEach(m -> {
            ObjectNode item = media.addObject();
            item.put("media_type", m.type());
            ArrayNode urls = item.putArray("media_url");
            m.urls().forEach(urls::add);
        });
        return d;
    }

    private static void number(ObjectNode row, String field, String value) {
        try {
            row.put(field, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            row.put(field, value);
        }
    }

    private static long longOr(String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String format(OffsetDateTime t) {
        return TIME.format(t.atZoneSameInstant(SHANGHAI));
    }

    static Optional<OffsetDateTime> time(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.parse(text.trim(), TIME).atZone(SHANGHAI).toOffsetDateTime());
    }

    private static String text(JsonNode row, String field) {
        JsonNode n = row.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
