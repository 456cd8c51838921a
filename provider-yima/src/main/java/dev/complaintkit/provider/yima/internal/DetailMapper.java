/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.model.Channel;
import dev.complaintkit.model.ComplainantPhone;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the nested {@code detail} object of Yima's 4.71 answer — WeChat Pay's complaint detail,
 * passed through — onto {@link ComplaintDetail} (not API). Scalars arrive as text in both formats;
 * an array may arrive as one object in XML (one repeated element), so every array accepts one too.
 * Unknown fields are kept raw in {@code extra}; unknown enum values are kept raw beside
 * {@code UNKNOWN}. What cannot be read is {@code INVALID_RESPONSE}.
 */
final class DetailMapper {
    /** A masked phone as WeChat's merchants see it after decryption by a platform: digits and '*'. */
    private static final Pattern MASKED = Pattern.compile("[0-9+*\\- ]{3,20}");
    /** The fields the model takes; every other scalar goes to {@code extra}. */
    private static final Set<String> MAPPED = Set.of("complaint_id", "complaint_time", "complaint_detail", "complaint_state",
            "complainted_mchid", "payer_phone", "complaint_order_info", "complaint_full_refunded", "incoming_user_response",
            "problem_description", "user_complaint_times", "problem_type", "apply_refund_amount", "user_tag_list",
            "complaint_media_list", "need_immediate_service");

    private DetailMapper() {}

    /**
     * @param answer the verified answer's fields
     * @param asked the complaint asked for
     * @return the detail
     * @throws dev.complaintkit.error.ProviderException {@code INVALID_RESPONSE} when the answer carries no
     *     usable {@code detail}, or one about another complaint
     */
    static ComplaintDetail detail(Map<String, Object> answer, ComplaintId asked) {
        if (!(answer.get(YimaWire.F_DETAIL) instanceof Map<?, ?> d)) {
            throw YimaWire.notEnvelope("the success answer carries no detail object");
        }
        String id = text(d, "complaint_id");
        if (!id.isEmpty() && !id.equals(asked.value())) {
            throw YimaWire.notEnvelope("the answer's detail is for complaint_id " + id + ", not " + asked.value());
        }
        String rawState = text(d, "complaint_state");
        Map<String, String> extra = new LinkedHashMap<>();
        d.forEach((k, v) -> {
            if (v instanceof String s && !MAPPED.contains(String.valueOf(k)) && !s.isEmpty()) {
                extra.put(String.valueOf(k), s);
            }
        });
        putIfPresent(extra, "complaint_state", rawState);
        putIfPresent(extra, "complainted_mchid", text(d, "complainted_mchid"));
        putIfPresent(extra, "problem_type", text(d, "problem_type"));
        List<OrderInfo> orders = new ArrayList<>();
        for (Object o : list(d.get("complaint_order_info"))) {
            if (o instanceof Map<?, ?> order) {
                orders.add(new OrderInfo(text(order, "transaction_id"), text(order, "out_trade_no"), number(order, "amount")));
            }
        }
        Complaint complaint = new Complaint(asked, YimaWire.PROVIDER, state(rawState), Channel.WECHAT_PAY,
                text(d, "complaint_detail"), time(text(d, "complaint_time")), Optional.empty(), false, Optional.empty(),
                "", orders.isEmpty() ? "" : orders.get(0).merchantOrderNo(), extra);
        List<Media> media = new ArrayList<>();
        for (Object m : list(d.get("complaint_media_list"))) {
            if (m instanceof Map<?, ?> item) {
                List<String> urls = new ArrayList<>();
                for (Object u : list(item.get("media_url"))) {
                    if (u instanceof String s && !s.isBlank()) {
                        urls.add(s);
                    }
                }
                media.add(new Media(text(item, "media_type"), urls));
            }
        }
        List<String> tags = new ArrayList<>();
        for (Object t : list(d.get("user_tag_list"))) {
            if (t instanceof String s && !s.isBlank()) {
                tags.add(s);
            }
        }
        String rawProblem = text(d, "problem_type");
        String phone = text(d, "payer_phone");
        OptionalLong times = number(d, "user_complaint_times");
        return new ComplaintDetail(complaint, Optional.of(text(d, "complainted_mchid")), orders, ProblemType.fromWire(rawProblem),
                rawProblem, text(d, "problem_description"), number(d, "apply_refund_amount"), tags,
                bool(d, "complaint_full_refunded"), bool(d, "incoming_user_response"),
                times.isPresent() ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, times.getAsLong())) : 1,
                bool(d, "need_immediate_service"), media,
                phone.isEmpty() ? ComplainantPhone.absent()
                        : MASKED.matcher(phone).matches() ? ComplainantPhone.masked(phone) : ComplainantPhone.encrypted(phone),
                extra);
    }

    private static ComplaintState state(String raw) {
        return switch (raw.toUpperCase(Locale.ROOT)) {
            case "PENDING" -> ComplaintState.PENDING;
            case "PROCESSING" -> ComplaintState.PROCESSING;
            case "PROCESSED" -> ComplaintState.PROCESSED;
            default -> ComplaintState.UNKNOWN;
        };
    }

    private static OffsetDateTime time(String raw) {
        if (raw.isEmpty()) {
            throw YimaWire.notEnvelope("the answer's detail carries no complaint_time");
        }
        try {
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw YimaWire.notEnvelope("the answer's detail.complaint_time is not an RFC 3339 time ('"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "')");
        }
    }

    /** @return the value as a list: a list as is, one object or text as a list of one, nothing as empty */
    private static List<?> list(Object v) {
        if (v instanceof List<?> l) {
            return l;
        }
        return v == null || v instanceof String s && s.isEmpty() ? List.of() : List.of(v);
    }

    private static String text(Map<?, ?> m, String name) {
        return m.get(name) instanceof String s ? s.trim() : "";
    }

    private static boolean bool(Map<?, ?> m, String name) {
        return "true".equalsIgnoreCase(text(m, name));
    }

    private static OptionalLong number(Map<?, ?> m, String name) {
        String t = text(m, name);
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (!v.isEmpty()) {
            m.put(k, v);
        }
    }
}
