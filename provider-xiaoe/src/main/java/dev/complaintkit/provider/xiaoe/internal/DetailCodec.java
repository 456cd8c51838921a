/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.internal.json.Json;
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
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ProblemType;
import dev.complaintkit.support.HttpAnswers;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The two detail endpoints' {@code data}: {@code xe.complaint.info.get} (Xiaoe's own detail, whose
 * {@code reply_list} is also the negotiation history) and {@code xe.pay_through.complaint_record.detail}
 * (WeChat Pay's detail, passed through). Detail answers are small: {@code data} is read as a tree.
 */
final class DetailCodec {
    /** The info detail's image list: its items are URLs. */
    static final String USER_IMAGES = "USER_COMPLAINT_IMAGE";

    private DetailCodec() {}

    /** Reads {@code data} as a tree; {@code null} when it is not an object. */
    static JsonNode readTree(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        return Json.mapper().readTree(p);
    }

    private static JsonNode data(JsonNode data, String operation) {
        if (data == null || !data.isObject()) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, operation + ": the answer has code 0 but no data object");
        }
        return data;
    }

    // ------------------------------------------------------------------ xe.complaint.info.get

    /**
     * @param data the info answer's {@code data}
     * @param asked the complaint asked for
     * @return the detail: the list row's fields ({@code current_step} named by this endpoint's numbering),
     *     the masked phone, {@code sub_mch_id} as the sub-merchant, {@code uploaded_images} as media
     */
    static ComplaintDetail info(JsonNode data, ComplaintId asked) {
        JsonNode d = data(data, "complaint detail");
        Complaint c = infoComplaint(d, asked);
        List<String> images = new ArrayList<>();
        for (JsonNode i : array(d.get("uploaded_images"))) {
            String url = i.isObject() ? Scalars.text(i.get("url")) : Scalars.text(i);
            if (url != null && !url.isBlank()) {
                images.add(url);
            }
        }
        long step = Scalars.integer(d.get("current_step")).orElse(-1);
        return new ComplaintDetail(c, Optional.ofNullable(Scalars.text(d.get("sub_mch_id"))), List.of(), ProblemType.NONE, "",
                Optional.ofNullable(Scalars.text(d.get("complaint_content_msg"))).orElse(""), OptionalLong.empty(), List.of(),
                false, step == 3, 0, false, images.isEmpty() ? List.of() : List.of(new Media(USER_IMAGES, images)),
                ComplainantPhone.masked(c.complainantPhone()), c.extra());
    }

    private static Complaint infoComplaint(JsonNode d, ComplaintId asked) {
        Complaint c;
        try {
            c = ComplaintRows.toComplaint(Row.of(d), Answers.PROVIDER, ComplaintRows.Endpoint.INFO);
        } catch (IllegalArgumentException e) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "complaint detail: " + e.getMessage());
        }
        if (!c.id().equals(asked)) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "complaint detail: the answer is for complaint_id "
                    + Scalars.abbreviate(c.id().value()) + ", not " + asked.value());
        }
        Map<String, String> extra = new LinkedHashMap<>(c.extra());
        for (String k : List.of("id", "app_id", "complainant_user_id", "complaint_content_msg", "sub_mch_id")) {
            String v = Scalars.text(d.get(k));
            if (v != null && !v.isBlank()) {
                extra.put(k, v);
            }
        }
        return new Complaint(c.id(), c.providerId(), c.state(), c.channel(), c.reason(), c.complainedAt(), c.deadline(),
                c.overdue(), c.closedAt(), c.complainantPhone(), c.orderReference(), extra);
    }

    /**
     * The negotiation history Xiaoe gives: the info answer's {@code reply_list}, one page of it. Its
     * row fields are not all published: {@code reply_from} (1 the consumer, 2 the merchant, 3 Xiaoe —
     * inferred from the detail's step numbering), the text under {@code reply_content} or
     * {@code content}, the time under {@code reply_time}, {@code created_at} or {@code create_time}, images
     * under {@code reply_images}, {@code images} or {@code uploaded_images}.
     *
     * @param data the info answer's {@code data}
     * @param asked the complaint asked for
     * @param page the slice
     * @return the page, with the list's size as its total
     */
    static Page<NegotiationEntry> history(JsonNode data, ComplaintId asked, PageRequest page) {
        JsonNode d = data(data, "negotiation history");
        infoComplaint(d, asked); // bound to the complaint asked for
        List<JsonNode> rows = new ArrayList<>();
        array(d.get("reply_list")).forEach(rows::add);
        List<NegotiationEntry> items = new ArrayList<>();
        long end = Math.min(rows.size(), (long) page.offset() + page.size());
        for (long i = Math.min(page.offset(), rows.size()); i < end; i++) {
            items.add(entry(rows.get((int) i), (int) i));
        }
        return new Page<>(items, page, OptionalLong.of(rows.size()));
    }

    private static NegotiationEntry entry(JsonNode r, int index) {
        if (!r.isObject()) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "negotiation history: reply_list[" + index + "] is not an object");
        }
        String from = Optional.ofNullable(Scalars.text(r.get("reply_from"))).orElse("");
        OperationType type = switch (from.trim()) {
            case "1" -> OperationType.USER_RESPONSE;
            case "2" -> OperationType.MERCHANT_RESPONSE;
            case "3" -> OperationType.PLATFORM_RESPONSE;
            default -> OperationType.UNKNOWN;
        };
        String operator = switch (type) {
            case USER_RESPONSE -> "用户";
            case MERCHANT_RESPONSE -> "商户";
            case PLATFORM_RESPONSE -> "小鹅通";
            default -> from;
        };
        OffsetDateTime at = null;
        for (String k : List.of("reply_time", "created_at", "create_time")) {
            try {
                Optional<OffsetDateTime> t = Scalars.time(r.get(k));
                if (t.isPresent()) {
                    at = t.get();
                    break;
                }
            } catch (IllegalArgumentException e) {
                throw HttpAnswers.notEnvelope(Answers.PROVIDER, "negotiation history: reply_list[" + index + "]." + k
                        + " is " + e.getMessage());
            }
        }
        if (at == null) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "negotiation history: reply_list[" + index
                    + "] has no time (reply_time, created_at or create_time)");
        }
        String text = first(r, "reply_content", "content");
        List<String> images = new ArrayList<>();
        for (String k : List.of("reply_images", "images", "uploaded_images")) {
            for (JsonNode i : array(r.get(k))) {
                String url = Scalars.text(i);
                if (url != null && !url.isBlank()) {
                    images.add(url);
                }
            }
        }
        String id = first(r, "id", "reply_id");
        return new NegotiationEntry(id.isEmpty() ? "reply-" + index : id, operator, at, type,
                from.isEmpty() ? "reply" : from, text, List.of(), images);
    }

    // ------------------------------------------------------------------ xe.pay_through.complaint_record.detail

    /**
     * @param data the pass-through answer's {@code data}: WeChat Pay's complaint detail
     * @param asked the WeChat complaint id asked for
     * @param subMerchant the {@code sub_mch_id} asked for
     * @return the detail, its complaint tagged {@code xiaoe} on the WeChat Pay channel
     */
    static ComplaintDetail wechat(JsonNode data, ComplaintId asked, String subMerchant) {
        JsonNode d = data(data, "WeChat complaint detail");
        String id = Optional.ofNullable(Scalars.text(d.get("complaint_id"))).orElse("");
        if (!id.isEmpty() && !id.equals(asked.value())) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "WeChat complaint detail: the answer is for complaint_id "
                    + Scalars.abbreviate(id) + ", not " + asked.value());
        }
        OffsetDateTime at;
        try {
            at = Scalars.time(d.get("complaint_time")).orElseThrow(() -> new IllegalArgumentException("absent"));
        } catch (IllegalArgumentException e) {
            throw HttpAnswers.notEnvelope(Answers.PROVIDER, "WeChat complaint detail: complaint_time is " + e.getMessage());
        }
        String rawState = Optional.ofNullable(Scalars.text(d.get("complaint_state"))).orElse("");
        ComplaintState state = switch (rawState.toUpperCase(Locale.ROOT)) {
            case "PENDING" -> ComplaintState.PENDING;
            case "PROCESSING" -> ComplaintState.PROCESSING;
            case "PROCESSED" -> ComplaintState.PROCESSED;
            default -> ComplaintState.UNKNOWN;
        };
        Map<String, String> extra = new LinkedHashMap<>();
        d.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                extra.put(e.getKey(), Scalars.text(e.getValue()));
            }
        });
        extra.remove("payer_phone"); // may be ciphertext: only in the detail's phone
        List<OrderInfo> orders = new ArrayList<>();
        for (JsonNode o : array(d.get("complaint_order_info"))) {
            orders.add(new OrderInfo(first(o, "transaction_id"), first(o, "out_trade_no"), Scalars.integer(o.get("amount"))));
        }
        List<Media> media = new ArrayList<>();
        for (JsonNode m : array(d.get("complaint_media_list"))) {
            List<String> urls = new ArrayList<>();
            array(m.get("media_url")).forEach(u -> urls.add(u.asText()));
            media.add(new Media(first(m, "media_type"), urls));
        }
        List<String> tags = new ArrayList<>();
        array(d.get("user_tag_list")).forEach(t -> tags.add(t.asText()));
        Complaint c = new Complaint(asked, Answers.PROVIDER, state, Channel.WECHAT_PAY, first(d, "complaint_detail"), at,
                Optional.empty(), false, Optional.empty(), "", orders.isEmpty() ? "" : orders.get(0).merchantOrderNo(), extra);
        String rawProblem = first(d, "problem_type");
        String phone = first(d, "payer_phone");
        String mchid = first(d, "complainted_mchid");
        return new ComplaintDetail(c, Optional.of(mchid.isEmpty() ? subMerchant : mchid), orders, ProblemType.fromWire(rawProblem),
                rawProblem, first(d, "problem_description"), Scalars.integer(d.get("apply_refund_amount")), tags,
                bool(d, "complaint_full_refunded"), bool(d, "incoming_user_response"),
                (int) Math.max(0, Math.min(Integer.MAX_VALUE, Scalars.integer(d.get("user_complaint_times")).orElse(1))),
                bool(d, "need_immediate_service"), media,
                phone.isEmpty() ? ComplainantPhone.absent() : phone.contains("*") ? ComplainantPhone.masked(phone)
                        : ComplainantPhone.encrypted(phone), extra);
    }

    private static Iterable<JsonNode> array(JsonNode n) {
        return n != null && n.isArray() ? n : List.of();
    }

    private static String first(JsonNode n, String... names) {
        for (String k : names) {
            String v = Scalars.text(n.get(k));
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }
}
