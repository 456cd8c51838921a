/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.ProblemType;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes the {@code records} of the list ({@code wxcomplaintlistquery}: Base64 of a JSON array of
 * WeChat complaint rows, each with Allinpay's {@code merchantNo}; an object holding the array under
 * {@code data} or {@code list} is accepted too) and of the detail ({@code wxcomplaintdetail}: Base64
 * of one WeChat complaint-detail object, {@code complaint_media_list} an array, or one object as in
 * the history). Unknown fields are kept raw in {@code extra}; an unknown state or problem type is kept
 * raw. Anything else is a {@link ProviderException} saying the records could not be decoded.
 */
final class ComplaintRecords {
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Set<String> ROW_FIELDS = Set.of("complaint_id", "complaint_time", "complaint_detail", "complaint_state",
            "payer_phone", "complaint_order_info", "merchantNo");

    /**
     * A list row.
     *
     * @param complaint the complaint
     * @param merchantNo its sub-merchant, empty for a direct merchant
     */
    record Row(Complaint complaint, Optional<String> merchantNo) {}

    /**
     * A list page.
     *
     * @param rows the rows, in order
     * @param totalCount the {@code total_count} inside the records, when they are an object that carries one
     */
    record ListPage(List<Row> rows, OptionalLong totalCount) {}

    private ComplaintRecords() {}

    /** @param base64 the list's {@code records} @return its rows, in order, and a total the records carry */
    static ListPage list(String base64) {
        JsonNode root = json(base64);
        JsonNode rows = root.isArray() ? root : root.has("data") ? root.get("data") : root.path("list");
        if (!rows.isArray()) {
            throw undecodable("records is neither an array of complaints nor an object holding one");
        }
        List<Row> out = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw undecodable("records[" + out.size() + "] is not an object");
            }
            out.add(new Row(complaint(row, out.size()), text(row, "merchantNo")));
        }
        JsonNode total = root.path("total_count");
        return new ListPage(out, total.canConvertToLong() && total.asLong(-1) >= 0 ? OptionalLong.of(total.asLong()) : OptionalLong.empty());
    }

    /**
     * @param base64 the detail's {@code records}
     * @return the detail; its sub-merchant is Allinpay's {@code merchantNo} (WeChat's {@code complainted_mchid},
     *     another number, stays in {@code extra})
     */
    static ComplaintDetail detail(String base64) {
        JsonNode d = json(base64);
        if (!d.isObject()) {
            throw undecodable("records is not a JSON object");
        }
        Complaint c = complaint(d, 0);
        List<OrderInfo> orders = new ArrayList<>();
        for (JsonNode o : array(d.path("complaint_order_info"))) {
            orders.add(new OrderInfo(o.path("transaction_id").asText(""), o.path("out_trade_no").asText(""), fen(o.path("amount"))));
        }
        List<Media> media = new ArrayList<>();
        for (JsonNode m : array(d.path("complaint_media_list"))) {
            List<String> urls = new ArrayList<>();
            array(m.path("media_url")).forEach(u -> urls.add(u.asText()));
            media.add(new Media(m.path("media_type").asText(""), urls));
        }
        List<String> tags = new ArrayList<>();
        array(d.path("user_tag_list")).forEach(t -> tags.add(t.asText()));
        String problem = d.path("problem_type").asText("");
        Map<String, String> extra = new LinkedHashMap<>();
        d.properties().forEach(e -> { // never the phone: it is the detail's phone(), masked or encrypted, not in toString()
            if (e.getValue().isValueNode() && !e.getValue().isNull() && !e.getKey().equals("payer_phone")) {
                extra.put(e.getKey(), e.getValue().asText());
            }
        });
        return new ComplaintDetail(c, text(d, "merchantNo"), orders, ProblemType.fromWire(problem), problem,
                d.path("problem_description").asText(""), fen(d.path("apply_refund_amount")), tags,
                d.path("complaint_full_refunded").asBoolean(false), d.path("incoming_user_response").asBoolean(false),
                d.path("user_complaint_times").asInt(0), d.path("need_immediate_service").asBoolean(false), media,
                phone(d.path("payer_phone").asText("")), extra);
    }

    private static Complaint complaint(JsonNode row, int index) {
        String id = row.path("complaint_id").asText("");
        if (id.isEmpty()) {
            throw undecodable("records[" + index + "] carries no complaint_id");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        row.properties().forEach(e -> {
            if (!ROW_FIELDS.contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                extra.put(e.getKey(), e.getValue().asText());
            }
        });
        text(row, "merchantNo").ifPresent(m -> extra.put("merchantNo", m));
        String rawState = row.path("complaint_state").asText("");
        if (state(rawState) == ComplaintState.UNKNOWN) {
            extra.put("complaint_state", rawState); // kept raw beside UNKNOWN
        }
        List<JsonNode> orders = array(row.path("complaint_order_info"));
        String order = orders.isEmpty() ? "" : orders.get(0).path("out_trade_no").asText(orders.get(0).path("transaction_id").asText(""));
        ComplainantPhone phone = phone(row.path("payer_phone").asText(""));
        return new Complaint(ComplaintId.of(id), AllinpayWire.PROVIDER, state(rawState),
                Channel.WECHAT_PAY, row.path("complaint_detail").asText(""), time(row.path("complaint_time").asText(""), index),
                Optional.empty(), false, Optional.empty(), phone.masked().orElse(""), order, extra);
    }

    static ComplaintState state(String raw) {
        return switch (raw) {
            case "PENDING" -> ComplaintState.PENDING;
            case "PROCESSING" -> ComplaintState.PROCESSING;
            case "PROCESSED" -> ComplaintState.PROCESSED;
            default -> ComplaintState.UNKNOWN;
        };
    }

    /** A readable number (digits, masked with {@code *}) is masked; anything longer is WeChat's ciphertext, kept as sent. */
    private static ComplainantPhone phone(String raw) {
        if (raw.isBlank()) {
            return ComplainantPhone.absent();
        }
        return raw.length() <= 20 && raw.chars().allMatch(c -> c == '*' || c == '+' || c == '-' || c >= '0' && c <= '9')
                ? ComplainantPhone.masked(raw) : ComplainantPhone.encrypted(raw);
    }

    private static OptionalLong fen(JsonNode n) {
        if (n.canConvertToLong() && n.isIntegralNumber()) {
            return OptionalLong.of(n.asLong());
        }
        String s = n.asText("");
        return s.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
    }

    private static Optional<String> text(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** @return the node's elements: an array's, a lone object as one, nothing for anything else */
    private static List<JsonNode> array(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (n.isObject() || n.isTextual() && !n.asText().isEmpty()) {
            out.add(n);
        }
        return out;
    }

    private static OffsetDateTime time(String text, int index) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw undecodable("records[" + index + "].complaint_time is missing");
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s, PLAIN).atOffset(BEIJING);
            } catch (DateTimeParseException e2) {
                throw undecodable("records[" + index + "].complaint_time '" + s + "' is not a time");
            }
        }
    }

    private static JsonNode json(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw undecodable("records is not Base64");
        }
        try {
            JsonNode n = Json.mapper().readTree(bytes);
            if (n == null) {
                throw undecodable("records is empty");
            }
            return n;
        } catch (IOException e) {
            throw undecodable("records is not valid JSON");
        }
    }

    private static ProviderException undecodable(String why) {
        return AllinpayWire.invalid("the records could not be decoded: " + why);
    }
}
