/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Media;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.ScriptedResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulator's complaint lifecycle beyond the history: list ({@code wxcomplaintlistquery}), detail
 * ({@code wxcomplaintdetail}), reply ({@code complaintsResp}), complete ({@code complaintsComplete}),
 * refund decision ({@code wxcomplaintsrefundprogress}), image upload ({@code wxmerchantimageupload})
 * and download ({@code wxgetmerchantimage}), with the state they change: a reply moves a
 * complaint PENDING → PROCESSING, a completion to PROCESSED, and each adds its row to the history.
 * Written on Jackson's tree and the simulator's own signing, independently of the adapter.
 */
final class SimulatedLifecycle {
    static final String LIST = "wxcomplaintlistquery";
    static final String DETAIL = "wxcomplaintdetail";
    static final String REPLY = "complaintsResp";
    static final String COMPLETE = "complaintsComplete";
    static final String REFUND = "wxcomplaintsrefundprogress";
    static final String UPLOAD = "wxmerchantimageupload";
    static final String IMAGE = "wxgetmerchantimage";
    /** The WeChat media URL prefix of uploaded images. */
    static final String MEDIA_URL = "https://api.mch.weixin.qq.com/v3/merchant-service/images/";
    private static final List<String> COMMON = List.of("appid", "cusid", "randomstr", "signtype", "sign");
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AllinpaySimulator sim;
    private final Clock clock;
    private final Map<ComplaintId, String> owners = new ConcurrentHashMap<>();
    private final Map<String, byte[]> media = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<String[]> successWithRetmsgNext = new AtomicReference<>();

    SimulatedLifecycle(AllinpaySimulator sim, Clock clock) {
        this.sim = sim;
        this.clock = clock;
    }

    /** @param op an operation @return the fields it requires beyond none */
    static List<String> required(String op) {
        List<String> r = new ArrayList<>(COMMON);
        switch (op) {
            case LIST -> r.addAll(List.of("begindate", "enddate"));
            case DETAIL, COMPLETE, "wxcomplainthistory" -> r.add("complaint_id");
            case REPLY -> r.addAll(List.of("complaint_id", "response_content"));
            case REFUND -> r.addAll(List.of("complaint_id", "action"));
            case IMAGE -> r.add("imgurl");
            default -> { }
        }
        return r;
    }

    void assign(ComplaintId complaint, String merchantNo) {
        owners.put(complaint, merchantNo);
    }

    Optional<String> owner(ComplaintId complaint) {
        return Optional.ofNullable(owners.get(complaint));
    }

    /** The next write is answered {@code SUCCESS} with this {@code retmsg}, and made only when {@code applied}. */
    void successWithRetmsgNext(String retmsg, boolean applied) {
        successWithRetmsgNext.set(new String[] {retmsg, Boolean.toString(applied)});
    }

    /** @return a {@code FAIL} when the complaint does not belong to the request's {@code cusid}, else {@code null} */
    ScriptedResponse ownerCheck(AllinpaySimulator.Caller c, String complaintId) {
        String expected = owner(ComplaintId.of(complaintId)).orElse(c.merchant().cusid());
        return expected.equals(c.cusid()) ? null : AllinpaySimulator.fail("投诉单" + complaintId + "不属于商户" + c.cusid());
    }

    ScriptedResponse handle(String op, AllinpaySimulator.Caller c, Upload file, Fault fault) {
        return switch (op) {
            case LIST -> list(c, fault);
            case UPLOAD -> upload(c, file, fault);
            case IMAGE -> image(c, fault);
            default -> perComplaint(op, c, fault);
        };
    }

    // ------------------------------------------------------------------ list

    private ScriptedResponse list(AllinpaySimulator.Caller c, Fault fault) {
        Map<String, String> f = c.fields();
        long page;
        int size;
        try {
            page = Long.parseLong(f.getOrDefault("current_page_num", "1"));
            size = Integer.parseInt(f.getOrDefault("page_size", "10"));
        } catch (NumberFormatException e) {
            return AllinpaySimulator.fail("current_page_num和page_size须为整数");
        }
        if (page < 1 || size < 1 || size > 100) {
            return AllinpaySimulator.fail("current_page_num须大于0, page_size须在1到100之间");
        }
        OffsetDateTime begin;
        OffsetDateTime end;
        try {
            begin = LocalDateTime.parse(f.get("begindate"), PLAIN).atOffset(BEIJING);
            end = LocalDateTime.parse(f.get("enddate"), PLAIN).atOffset(BEIJING);
        } catch (DateTimeParseException e) {
            return AllinpaySimulator.fail("begindate和enddate格式须为yyyy-MM-dd HH:mm:ss");
        }
        if (end.isBefore(begin) || end.isAfter(begin.plusDays(30))) {
            return AllinpaySimulator.fail("查询时间跨度不能超过30天");
        }
        boolean own = c.cusid().equals(c.merchant().cusid());
        if (own && c.merchant().group() && !"1".equals(f.get("groupall"))) {
            return AllinpaySimulator.fail("集团商户查询须上送groupall=1");
        }
        List<Complaint> hits = new ArrayList<>();
        for (Complaint x : sim.store().complaints()) {
            String owner = owner(x.id()).orElse(c.merchant().cusid());
            boolean visible = owner.equals(c.cusid()) || own && c.merchant().subs().contains(owner);
            if (visible && !x.complainedAt().isBefore(begin) && !x.complainedAt().isAfter(end)) {
                hits.add(x);
            }
        }
        ArrayNode rows = JSON.createArrayNode();
        int from = (int) Math.min((page - 1) * size, hits.size());
        for (Complaint x : hits.subList(from, Math.min(from + size, hits.size()))) {
            ObjectNode row = rows.addObject();
            row(row, x, owner(x.id()).orElse(c.merchant().cusid()));
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("total_count", Integer.toString(hits.size()));
        data.put("records", base64(rows));
        return sim.success(c, "", data, "records", fault);
    }

    private static void row(ObjectNode row, Complaint x, String merchantNo) {
        row.put("complaint_id", x.id().value());
        row.put("complaint_time", x.complainedAt().withOffsetSameInstant(BEIJING).format(RFC_3339));
        row.put("complaint_detail", x.reason());
        row.put("complaint_state", x.state() == ComplaintState.UNKNOWN ? "PENDING" : x.state().name());
        row.put("payer_phone", x.complainantPhone());
        ObjectNode order = row.putArray("complaint_order_info").addObject();
        order.put("out_trade_no", x.orderReference());
        order.put("transaction_id", "4200" + x.id().value());
        order.put("amount", 100 + Math.abs(x.id().hashCode() % 9900));
        row.put("merchantNo", merchantNo);
    }

    // ------------------------------------------------------------------ one complaint

    private ScriptedResponse perComplaint(String op, AllinpaySimulator.Caller c, Fault fault) {
        Map<String, String> f = c.fields();
        ComplaintId id = ComplaintId.of(f.get("complaint_id"));
        Optional<Complaint> found = sim.store().find(id);
        if (found.isEmpty()) {
            return AllinpaySimulator.fail("投诉单不存在: " + id.value());
        }
        ScriptedResponse notOwner = ownerCheck(c, id.value());
        if (notOwner != null) {
            return notOwner;
        }
        Complaint x = found.get();
        if (op.equals(DETAIL)) {
            return detail(c, x, fault);
        }
        String[] special = successWithRetmsgNext.getAndSet(null);
        ScriptedResponse refusal = switch (op) {
            case REPLY -> reply(x, f, special == null || Boolean.parseBoolean(special[1]));
            case COMPLETE -> complete(x, special == null || Boolean.parseBoolean(special[1]));
            default -> refund(x, f, special == null || Boolean.parseBoolean(special[1]));
        };
        if (refusal != null) {
            return refusal;
        }
        return sim.success(c, special == null ? "" : special[0], Map.of(), null, fault);
    }

    private ScriptedResponse detail(AllinpaySimulator.Caller c, Complaint x, Fault fault) {
        ObjectNode d = JSON.createObjectNode();
        row(d, x, owner(x.id()).orElse(c.merchant().cusid()));
        int seq = sim.store().complaints().indexOf(x);
        boolean refund = seq % 2 == 0;
        d.put("complaint_full_refunded", x.state() == ComplaintState.PROCESSED && refund);
        d.put("problem_type", refund ? "REFUND" : "SERVICE_NOT_WORK");
        d.put("problem_description", refund ? "申请退款" : "服务无法使用");
        if (refund) {
            d.put("apply_refund_amount", 100);
        }
        d.put("incoming_user_response", false);
        d.put("user_complaint_times", 1);
        ArrayNode list = d.putArray("complaint_media_list"); // an array here; one object in the history
        for (NegotiationEntry e : sim.store().history(x.id()).orElse(List.of())) {
            for (Media m : e.media()) {
                ObjectNode node = list.addObject();
                node.put("media_type", m.type());
                ArrayNode urls = node.putArray("media_url");
                m.urls().forEach(urls::add);
            }
            if (!list.isEmpty()) {
                break;
            }
        }
        return sim.success(c, "", Map.of("records", base64(d)), "records", fault);
    }

    private ScriptedResponse reply(Complaint x, Map<String, String> f, boolean apply) {
        if (x.state() == ComplaintState.PROCESSED) {
            return AllinpaySimulator.fail("投诉单已完结, 不能回复");
        }
        String text = f.get("response_content");
        if (text.codePointCount(0, text.length()) > 200) {
            return AllinpaySimulator.fail("response_content不能超过200个字符");
        }
        List<String> images = new ArrayList<>();
        String joined = f.getOrDefault("response_images", "");
        if (!joined.isEmpty()) {
            for (String mediaId : joined.split("#@#", -1)) {
                if (!media.containsKey(mediaId)) {
                    return AllinpaySimulator.fail("图片media_id无效: " + mediaId);
                }
                images.add(MEDIA_URL + mediaId);
            }
            if (images.size() > 4) {
                return AllinpaySimulator.fail("response_images最多4张");
            }
        }
        if (apply) {
            if (x.state() == ComplaintState.PENDING) {
                sim.store().update(x.id(), c -> withState(c, ComplaintState.PROCESSING));
            }
            append(x.id(), OperationType.MERCHANT_RESPONSE, text, images);
        }
        return null;
    }

    private ScriptedResponse complete(Complaint x, boolean apply) {
        if (x.state() == ComplaintState.PROCESSED) {
            return AllinpaySimulator.fail("投诉单已完结");
        }
        if (apply) {
            sim.store().update(x.id(), c -> withState(c, ComplaintState.PROCESSED));
            append(x.id(), OperationType.MERCHANT_CONFIRM_COMPLETE, "商户确认处理完成", List.of());
        }
        return null;
    }

    private ScriptedResponse refund(Complaint x, Map<String, String> f, boolean apply) {
        String action = f.get("action");
        if (!action.equals("APPROVE") && !action.equals("REJECT")) {
            return AllinpaySimulator.fail("action只能为APPROVE或REJECT");
        }
        if (action.equals("REJECT") && f.getOrDefault("reject_reason", "").isEmpty()) {
            return AllinpaySimulator.fail("拒绝退款须填写reject_reason");
        }
        if (action.equals("APPROVE") && !f.getOrDefault("launch_refund_day", "0").matches("\\d{1,3}")) {
            return AllinpaySimulator.fail("launch_refund_day须为整数");
        }
        String joined = f.getOrDefault("reject_media_list", "");
        if (!joined.isEmpty()) {
            for (String mediaId : joined.split("#@#", -1)) {
                if (!media.containsKey(mediaId)) {
                    return AllinpaySimulator.fail("图片media_id无效: " + mediaId);
                }
            }
        }
        if (x.state() == ComplaintState.PROCESSED) {
            return AllinpaySimulator.fail("投诉单已完结");
        }
        if (apply) {
            if (x.state() == ComplaintState.PENDING) {
                sim.store().update(x.id(), c -> withState(c, ComplaintState.PROCESSING));
            }
            boolean approve = action.equals("APPROVE");
            append(x.id(), approve ? OperationType.MERCHANT_APPROVE_REFUND : OperationType.MERCHANT_REFUSE_RERUND,
                    approve ? "同意退款" : f.get("reject_reason"), List.of());
        }
        return null;
    }

    private Complaint withState(Complaint c, ComplaintState state) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), BEIJING);
        return new Complaint(c.id(), c.providerId(), state, c.channel(), c.reason(), c.complainedAt(), c.deadline(), c.overdue(),
                state == ComplaintState.PROCESSED ? Optional.of(now) : c.closedAt(), c.complainantPhone(), c.orderReference(), c.extra());
    }

    private void append(ComplaintId id, OperationType type, String details, List<String> images) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), BEIJING).withNano(0);
        sim.store().append(id, new NegotiationEntry(String.format("9%026d", sequence.incrementAndGet()), "商户", now, type,
                type.name(), details, List.of(), images));
    }

    // ------------------------------------------------------------------ images

    private ScriptedResponse upload(AllinpaySimulator.Caller c, Upload file, Fault fault) {
        if (file.bytes() == null || file.bytes().length == 0) {
            return AllinpaySimulator.fail("参数file不能为空");
        }
        String name = file.fileName().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".bmp"))) {
            return AllinpaySimulator.fail("图片格式须为jpg、png或bmp");
        }
        if (file.bytes().length > 2 * 1024 * 1024) {
            return AllinpaySimulator.fail("图片不能超过2M");
        }
        String mediaId = "SIMMEDIA" + Long.toHexString(sequence.incrementAndGet()).toUpperCase(Locale.ROOT)
                + digest(file.bytes()).substring(0, 16);
        media.put(mediaId, file.bytes());
        return sim.success(c, "", Map.of("mediaid", mediaId), "mediaid", fault);
    }

    private ScriptedResponse image(AllinpaySimulator.Caller c, Fault fault) {
        String url = c.fields().get("imgurl");
        byte[] bytes = url.startsWith(MEDIA_URL) ? media.get(url.substring(MEDIA_URL.length())) : null;
        if (bytes == null && known(url)) {
            bytes = png(url);
        }
        if (bytes == null) {
            return AllinpaySimulator.fail("图片不存在: " + url);
        }
        return sim.success(c, "", Map.of("imagebase64", Base64.getEncoder().encodeToString(bytes)), "imagebase64", fault);
    }

    /** @return whether a history row or medium of the store names the URL */
    private boolean known(String url) {
        for (List<NegotiationEntry> h : sim.store().histories().values()) {
            for (NegotiationEntry e : h) {
                if (e.images().contains(url) || e.media().stream().anyMatch(m -> m.urls().contains(url))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the image the simulator serves for a complaint's medium: a PNG signature and a digest of the URL */
    static byte[] png(String url) {
        byte[] d = digest(url.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[8 + d.length];
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(sig, 0, out, 0, 8);
        System.arraycopy(d, 0, out, 8, d.length);
        return out;
    }

    private static String digest(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(Object json) {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A parsed {@code multipart/form-data} upload: the text fields (which are signed) and the file part (which is not).
     *
     * @param fields the text parts by name
     * @param fileName the file part's name
     * @param bytes the file part's content, or {@code null} when absent
     */
    record Upload(Map<String, String> fields, String fileName, byte[] bytes) {
        /** @return the parts, or {@code null} when the body is not multipart with the declared boundary */
        static Upload parse(String contentType, byte[] body) {
            int b = contentType.indexOf("boundary=");
            if (b < 0) {
                return null;
            }
            String boundary = "--" + contentType.substring(b + 9).replace("\"", "").trim();
            String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte
            Map<String, String> fields = new LinkedHashMap<>();
            String fileName = "";
            byte[] file = null;
            int at = text.indexOf(boundary);
            if (at < 0) {
                return null;
            }
            while (true) {
                int start = at + boundary.length();
                if (text.startsWith("--", start)) {
                    break;
                }
                int next = text.indexOf("\r\n" + boundary, start);
                if (next < 0) {
                    return null;
                }
                String part = text.substring(start + 2, next);
                int split = part.indexOf("\r\n\r\n");
                if (split < 0) {
                    return null;
                }
                String headers = part.substring(0, split);
                byte[] content = part.substring(split + 4).getBytes(StandardCharsets.ISO_8859_1);
                String name = attribute(headers, "name");
                String filename = attribute(headers, "filename");
                if (filename != null) {
                    fileName = new String(filename.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                    file = content;
                } else if (name != null) {
                    fields.put(name, new String(content, StandardCharsets.UTF_8));
                }
                at = next + 2;
            }
            return new Upload(fields, fileName, file);
        }

        private static String attribute(String headers, String name) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(headers);
            return m.find() ? m.group(1) : null;
        }
    }
}
