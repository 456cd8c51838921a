/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OrderInfo;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.RevealedPhone;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stable snake_case views of the model for {@code --json}. */
final class Views {
    private Views() {}

    static Map<String, Object> complaint(Complaint c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id().value());
        m.put("provider", c.providerId());
        m.put("state", c.state().name());
        m.put("channel", c.channel().name());
        m.put("reason", c.reason());
        m.put("complained_at", time(c.complainedAt()));
        m.put("deadline", c.deadline().map(Views::time).orElse(null));
        m.put("overdue", c.overdue());
        m.put("closed_at", c.closedAt().map(Views::time).orElse(null));
        m.put("complainant_phone", c.complainantPhone());
        m.put("order_reference", c.orderReference());
        m.put("extra", new java.util.TreeMap<>(c.extra()));
        return m;
    }

    /** The fields of {@link #complaint}, in order: the CSV header of {@code list}. */
    static final List<String> COMPLAINT_FIELDS = List.of("id", "provider", "state", "channel", "reason", "complained_at",
            "deadline", "overdue", "closed_at", "complainant_phone", "order_reference", "extra");

    /** @return how {@code list} prints a complaint */
    static PagedOutput.RowFormat<Complaint> complaintRows() {
        return new PagedOutput.RowFormat<>(Views::complaint, COMPLAINT_FIELDS, COMPLAINT_HEADER, Views::complaintRow);
    }

    /**
     * @param d a complaint's detail
     * @param revealed the decrypted phone, when {@code --reveal-phone} asked for it
     * @return the detail: the list row's fields, then what the detail adds; the phone as
     *     {@code phone} (the masked or revealed number, never a ciphertext) and {@code phone_form}
     */
    static Map<String, Object> detail(ComplaintDetail d, Optional<RevealedPhone> revealed) {
        Map<String, Object> m = complaint(d.complaint());
        m.remove("extra");
        m.remove("complainant_phone");
        m.put("sub_merchant", d.subMerchant().orElse(null));
        m.put("orders", d.orders().stream().map(Views::order).toList());
        m.put("problem_type", d.problemType().name());
        m.put("problem_type_raw", d.problemTypeRaw());
        m.put("problem_description", d.problemDescription());
        m.put("requested_refund_fen", d.requestedRefundFen().isPresent() ? d.requestedRefundFen().getAsLong() : null);
        m.put("user_tags", d.userTags());
        m.put("fully_refunded", d.fullyRefunded());
        m.put("user_response_pending", d.userResponsePending());
        m.put("complaint_count", d.complaintCount());
        m.put("immediate_service_required", d.immediateServiceRequired());
        m.put("media", d.media().stream().map(Views::media).toList());
        m.put("phone_form", revealed.isPresent() ? "REVEALED" : d.phone().form().name());
        m.put("phone", revealed.map(RevealedPhone::number).orElse(d.phone().masked().orElse(null)));
        Map<String, String> all = new java.util.TreeMap<>(d.complaint().extra());
        all.putAll(d.extra());
        m.put("extra", all);
        return m;
    }

    private static Map<String, Object> order(OrderInfo o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transaction_id", o.transactionId());
        m.put("merchant_order_no", o.merchantOrderNo());
        m.put("amount_fen", o.amountFen().isPresent() ? o.amountFen().getAsLong() : null);
        return m;
    }

    static Map<String, Object> write(WriteReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complaint_id", r.complaintId().value());
        m.put("provider", r.providerId());
        m.put("operation", r.operation());
        m.put("reconciled", r.reconciled());
        m.put("request_id", r.requestId().isEmpty() ? null : r.requestId());
        return m;
    }

    static Map<String, Object> uploaded(UploadedImage image, String file, long bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("media_id", image.mediaId());
        m.put("provider", image.providerId());
        m.put("file", file);
        m.put("bytes", bytes);
        return m;
    }

    static Map<String, Object> event(ComplaintEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", e.eventId());
        m.put("provider", e.providerId());
        m.put("type", e.type().name());
        m.put("raw_type", e.rawType());
        m.put("complaint_id", e.complaintId().value());
        m.put("action", e.action());
        m.put("time", time(e.time()));
        m.put("fields", new java.util.TreeMap<>(e.fields()));
        return m;
    }

    static Map<String, Object> entry(NegotiationEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("log_id", e.logId());
        m.put("operator", e.operator());
        m.put("time", time(e.time()));
        m.put("type", e.type().name());
        m.put("raw_type", e.rawType());
        m.put("details", e.details());
        m.put("media", e.media().stream().map(Views::media).toList());
        m.put("images", e.images());
        return m;
    }

    /** The fields of {@link #entry}, in order: the CSV header of {@code history}. */
    static final List<String> ENTRY_FIELDS = List.of("log_id", "operator", "time", "type", "raw_type", "details", "media", "images");

    /** @return how {@code history} prints a row */
    static PagedOutput.RowFormat<NegotiationEntry> entryRows() {
        return new PagedOutput.RowFormat<>(Views::entry, ENTRY_FIELDS, ENTRY_HEADER, Views::entryRow);
    }

    private static Map<String, Object> media(Media media) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", media.type());
        m.put("urls", media.urls());
        return m;
    }

    static Map<String, Object> receipt(ReplyReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("complaint_id", r.complaintId().value());
        m.put("provider", r.providerId());
        m.put("idempotency_key", r.idempotencyKey());
        m.put("code", r.code());
        m.put("message", r.message());
        return m;
    }

    /** ISO-8601 with seconds always present and the provider's offset, e.g. {@code 2024-04-19T11:25:00+08:00}. */
    private static String time(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    }

    /** For tables: {@code 2024-04-19 11:25} in the time's own offset (providers send +08:00). */
    static String shortTime(OffsetDateTime t) {
        return t == null ? "" : TABLE_TIME.format(t);
    }

    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    static List<String> complaintRow(Complaint c) {
        return List.of(c.id().value(), c.state().name(), c.channel().name(), shortTime(c.complainedAt()),
                c.overdue() ? "yes" : "no", shorten(c.reason(), 22));
    }

    static final List<String> COMPLAINT_HEADER = List.of("ID", "STATE", "CHANNEL", "COMPLAINED AT", "OVERDUE", "REASON");

    static List<String> entryRow(NegotiationEntry e) {
        return List.of(shortTime(e.time()), shorten(e.rawType(), 40), shorten(e.operator(), 12), shorten(e.details(), 18),
                Integer.toString(e.media().stream().mapToInt(m -> m.urls().size()).sum() + e.images().size()));
    }

    static final List<String> ENTRY_HEADER = List.of("TIME", "TYPE", "OPERATOR", "DETAILS", "MEDIA");

    /**
     * @param s a text, possibly with line breaks, control characters and wide (CJK) characters
     * @param columns the most terminal columns it may take
     * @return the text on one line, control characters escaped ({@link TerminalText}), cut with {@code …} to fit
     */
    static String shorten(String s, int columns) {
        String flat = s == null ? "" : TerminalText.escape(s.strip().replaceAll("\\s+", " "));
        if (Table.width(flat) <= columns) {
            return flat;
        }
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int cp : flat.codePoints().toArray()) {
            int w = Table.width(new String(Character.toChars(cp)));
            if (used + w > columns - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            used += w;
        }
        return sb.append('…').toString();
    }
}
