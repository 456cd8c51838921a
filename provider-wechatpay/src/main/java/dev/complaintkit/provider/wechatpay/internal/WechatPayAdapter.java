/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.PermitSource;
import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.DownloadedImage;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.model.RevealedPhone;
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.CompletePort;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.ImageDownloadPort;
import dev.complaintkit.port.ImageUploadPort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.port.NotificationUrlPort;
import dev.complaintkit.port.PhoneRevealPort;
import dev.complaintkit.port.RefundDecisionPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.provider.wechatpay.WechatPayConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.HistoryTraces;
import dev.complaintkit.support.HttpAnswers;
import dev.complaintkit.support.Permits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WeChat Pay APIv3 adapter: every consumer-complaint endpoint, each request signed with the
 * merchant key ({@link RequestSigner}), each 2xx and 4xx answer verified before it is read
 * ({@link AnswerVerifier}; the only unsigned answers accepted are image downloads and 401
 * {@code SIGN_ERROR}, which WeChat Pay sends unsigned and which are errors anyway), and each
 * notification verified and decrypted ({@link ResourceCipher}). Thread-safe.
 *
 * <p>WeChat Pay's per-minute limits per merchant (reply 60, list 200, history 200, upload 60,
 * complete 1,500) are kept on the client through the context's {@link PermitSource}: a call waits
 * for a permit (up to {@link #MAX_PERMIT_WAIT}) rather than being throttled.
 */
public final class WechatPayAdapter implements ProviderAdapter, ListComplaintsPort, ComplaintDetailPort, PhoneRevealPort,
        NegotiationHistoryPort, ReplyPort, CompletePort, RefundDecisionPort, ImageUploadPort, ImageDownloadPort,
        NotificationPort, NotificationUrlPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.wechatpay");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The base path of the complaint API. */
    public static final String BASE_PATH = "/v3/merchant-service";
    /** WeChat's largest list page. */
    public static final int MAX_LIST_LIMIT = 50;
    /** WeChat's largest negotiation-history page. */
    public static final int MAX_HISTORY_LIMIT = 300;
    /** The longest range one list call may span, in days (both ends included). */
    public static final int WINDOW_DAYS = 30;
    /** The largest image WeChat accepts. */
    public static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;
    /** The longest a call waits for a client-side rate permit. */
    public static final Duration MAX_PERMIT_WAIT = Duration.ofSeconds(65);
    /** How many complaints' "needs immediate service" flags and complained-about merchants are remembered. */
    static final int IMMEDIATE_CACHE = 10_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final WechatPayConfig config;
    private final ProviderContext context;
    private final String base;
    private final RequestSigner signer;
    private final AnswerVerifier verifier;
    private final PayerPhoneDecryptor phones;
    private final ResourceCipher cipher;
    private final Map<String, Known> immediate = new ConcurrentHashMap<>();

    /**
     * What a list or detail answer said about a complaint that a write needs.
     *
     * @param immediateService {@code need_immediate_service}
     * @param complaintedMchid {@code complainted_mchid}, empty when absent
     */
    private record Known(boolean immediateService, String complaintedMchid) {}

    /**
     * @param config the settings
     * @param context transport, clock, time-out and shared permits
     */
    public WechatPayAdapter(WechatPayConfig config, ProviderContext context) {
        this.config = config;
        this.context = context;
        String b = config.endpoint().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.signer = new RequestSigner(config.mchid(), config.merchantSerial(), config.privateKey(), context.clock(), new Nonces());
        this.verifier = new AnswerVerifier(config.verificationKeys(), context.clock(), AnswerVerifier.DEFAULT_WINDOW);
        this.phones = new PayerPhoneDecryptor(config.privateKey());
        this.cipher = new ResourceCipher(config.apiV3Key());
    }

    // ------------------------------------------------------------------ exchange

    /**
     * Takes a held permit of one of WeChat's per-minute budgets for this merchant, waiting up to
     * {@link #MAX_PERMIT_WAIT}: it counts until a minute after the exchange ended, so the calls WeChat
     * receives stay within the budget across instances sharing a state however long a request waits.
     */
    private PermitSource.Permit permit(String endpoint, int perMinute) {
        return Permits.hold(context.sharedState().permits(),
                new PermitSource.Budget(WechatPayWire.PROVIDER, config.mchid(), endpoint, perMinute, MINUTE), MAX_PERMIT_WAIT);
    }

    /** One signed exchange; the answer is verified (unless {@code signedAnswer} is false) before anything is read. */
    private HttpTransport.Response exchange(String method, URI uri, byte[] body, String contentType, boolean signedAnswer,
            byte[] signedBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", signer.authorization(method, uri, signedBody));
        headers.put("Accept", signedAnswer ? "application/json" : "*/*");
        headers.put("User-Agent", "complaintkit (Java " + Runtime.version().feature() + ")");
        config.publicKeyId().ifPresent(id -> headers.put(WechatPayWire.HEADER_SERIAL, id));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        HttpTransport.Response response = context.transport().exchange(
                new HttpTransport.Request(method, uri, headers, body, context.requestTimeout()));
        int status = response.status();
        if (HttpAnswers.isSuccess(status)) {
            if (signedAnswer) {
                if (!jsonOrEmpty(response.body())) { // decoded before the signature, as every provider's answers are
                    throw WechatPayWire.invalid("the answer (HTTP " + status + ") is not JSON; it was not used");
                }
                verifier.verify(response::header, response.body());
            }
            return response;
        }
        if (status >= 400 && status < 500 && status != 401 && status != 429 && status != 408
                && response.header(WechatPayWire.HEADER_SIGNATURE).isPresent()) {
            verifier.verify(response::header, response.body()); // WeChat signs its 4xx business errors
        }
        if (status == 408 || (status >= 500 && !isJson(response))) {
            throw HttpAnswers.statusError(WechatPayWire.PROVIDER, response, "WeChat Pay", null);
        }
        throw ErrorAnswers.toException(status, response::header, response.body());
    }

    /** @return whether a success body is empty (a 204) or a JSON object, before anything else is read */
    private static boolean jsonOrEmpty(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return true;
    }

    private static boolean isJson(HttpTransport.Response response) {
        byte[] b = response.body();
        return b.length > 0 && b[0] == '{';
    }

    private HttpTransport.Response json(String method, String pathAndQuery, Object body) {
        byte[] bytes = body == null ? new byte[0] : write(body);
        return exchange(method, URI.create(base + pathAndQuery), bytes, body == null ? null : "application/json", true, bytes);
    }

    private static byte[] write(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("request body", e);
        }
    }

    private static JsonNode read(HttpTransport.Response response) {
        try {
            JsonNode node = Json.mapper().readTree(response.body());
            if (node == null || !node.isObject()) {
                throw WechatPayWire.invalid("the answer is not a JSON object (HTTP " + response.status() + ")");
            }
            return node;
        } catch (IOException e) {
            throw WechatPayWire.invalid("the answer is not JSON (HTTP " + response.status() + ")");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String requestId(HttpTransport.Response r) {
        return r.header(WechatPayWire.HEADER_REQUEST_ID).orElse("");
    }

    private String mchidFor(Optional<String> subMerchant) {
        return subMerchant.filter(s -> !s.isBlank()).or(config::complaintedMchid).orElse(config.mchid());
    }

    // ------------------------------------------------------------------ list

    @Override
    public int defaultListPageSize() {
        return MAX_LIST_LIMIT;
    }

    @Override
    public List<Violation> validateList(ComplaintFilter filter, PageRequest page) {
        List<Violation> v = new ArrayList<>();
        if (page != null && page.size() > MAX_LIST_LIMIT) {
            v.add(new Violation("page.size", "max", "must be at most " + MAX_LIST_LIMIT + " for WeChat Pay's complaint list (was "
                    + page.size() + ")"));
        }
        if (filter != null && filter.from().isPresent() && filter.to().isPresent()
                && filter.from().get().isAfter(filter.to().get())) {
            v.add(new Violation("filter.from", "order", "must not be after filter.to"));
        }
        return v;
    }

    /** A list window: dates (Asia/Shanghai, both included) of at most {@value #WINDOW_DAYS} days. */
    record Window(LocalDate begin, LocalDate end) {}

    /**
     * @param filter the filter; without a range, the last {@value #WINDOW_DAYS} days
     * @return the windows, newest first, each at most {@value #WINDOW_DAYS} days
     */
    List<Window> windows(ComplaintFilter filter) {
        LocalDate to = filter.to().map(i -> i.atZone(SHANGHAI).toLocalDate())
                .orElseGet(() -> LocalDate.now(context.clock().withZone(SHANGHAI)));
        LocalDate from = filter.from().map(i -> i.atZone(SHANGHAI).toLocalDate()).orElse(to.minusDays(WINDOW_DAYS - 1L));
        List<Window> windows = new ArrayList<>();
        LocalDate end = to;
        while (!end.isBefore(from)) {
            LocalDate begin = end.minusDays(WINDOW_DAYS - 1L);
            if (begin.isBefore(from)) {
                begin = from;
            }
            windows.add(new Window(begin, end));
            end = begin.minusDays(1);
        }
        return windows;
    }

    /** One wire page of a window. */
    private record WirePage(List<Complaint> rows, OptionalLong total) {}

    private WirePage fetchList(Window w, long offset, int limit, String mchid) {
        PermitSource.Permit held = permit("list", 200);
        try { // held: the permit counts until a minute after this exchange ended
            String q = "/complaints-v2?limit=" + limit + "&offset=" + offset + "&begin_date=" + w.begin() + "&end_date=" + w.end()
                    + "&complainted_mchid=" + enc(mchid);
            JsonNode root = read(json("GET", BASE_PATH + q, null));
            List<Complaint> rows = new ArrayList<>();
            for (JsonNode row : root.path("data")) {
                rows.add(ComplaintJson.complaint(row));
                remember(row);
            }
            if (rows.size() > limit) {
                throw WechatPayWire.invalid("the page holds " + rows.size() + " rows, more than the limit of " + limit
                        + " asked for; it was not used");
            }
            JsonNode total = root.path("total_count");
            return new WirePage(rows, total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty());
        } finally {
            held.release();
        }
    }

    private void remember(JsonNode row) {
        String id = row.path("complaint_id").asText("");
        if (!id.isEmpty()) {
            if (immediate.size() >= IMMEDIATE_CACHE) {
                immediate.clear();
            }
            immediate.put(id, new Known(row.path("need_immediate_service").asBoolean(false),
                    row.path("complainted_mchid").asText("")));
        }
    }

    @Override
    public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
        String mchid = mchidFor(Optional.empty());
        if (filter.complaintId().isPresent()) { // WeChat has no id filter on the list: read the one complaint
            Complaint one = detail(ComplaintRef.of(filter.complaintId().get())).complaint();
            List<Complaint> items = page.offset() == 0 && matches(filter, one) ? List.of(one) : List.of();
            return new Page<>(items, page, OptionalLong.of(matches(filter, one) ? 1 : 0));
        }
        boolean clientFilter = filter.state().isPresent() || filter.channel().isPresent() || filter.overdue().isPresent();
        List<Window> windows = windows(filter);
        if (!clientFilter) {
            return listByOffset(windows, page, mchid);
        }
        long skip = page.offset();
        List<Complaint> items = new ArrayList<>();
        long grandTotal = 0;
        boolean totalsKnown = true;
        for (Window w : windows) {
            if (items.size() >= page.size() && !(windows.size() == 1 && !clientFilter)) {
                break;
            }
            long offset = 0;
            OptionalLong total = OptionalLong.empty();
            while (items.size() < page.size()) {
                int want = MAX_LIST_LIMIT;
                WirePage p = fetchList(w, offset, want, mchid);
                if (offset == 0) {
                    total = p.total();
                }
                for (Complaint c : p.rows()) {
                    if (!matches(filter, c)) {
                        continue;
                    }
                    if (skip > 0) {
                        skip--;
                    } else if (items.size() < page.size()) {
                        items.add(c);
                    }
                }
                offset += p.rows().size();
                if (p.rows().size() < want || (total.isPresent() && offset >= total.getAsLong())) {
                    break;
                }
            }
            if (total.isPresent()) {
                grandTotal += total.getAsLong();
            } else {
                totalsKnown = false;
            }
        }
        OptionalLong count = !clientFilter && totalsKnown && windows.size() == 1 ? OptionalLong.of(grandTotal) : OptionalLong.empty();
        LOG.log(System.Logger.Level.DEBUG, () -> "list offset " + page.offset() + " size " + page.size() + " over "
                + windows.size() + " windows: " + items.size() + " rows");
        return new Page<>(items, page, count);
    }

    /**
     * Without a client-side filter a page maps onto wire offsets: a window the page starts past is
     * skipped by its {@code total_count} (one row read to learn it; the last window needs none), and the
     * page is read from its own offset — never by re-reading the rows before it.
     */
    private Page<Complaint> listByOffset(List<Window> windows, PageRequest page, String mchid) {
        long skip = page.offset();
        List<Complaint> items = new ArrayList<>();
        OptionalLong count = OptionalLong.empty();
        for (int i = 0; i < windows.size() && items.size() < page.size(); i++) {
            Window w = windows.get(i);
            boolean last = i == windows.size() - 1;
            if (skip > 0 && !last) {
                OptionalLong total = fetchList(w, 0, 1, mchid).total();
                if (total.isEmpty()) {
                    throw WechatPayWire.invalid("the list answer at offset 0 carries no total_count; the window cannot be skipped");
                }
                if (skip >= total.getAsLong()) {
                    skip -= total.getAsLong();
                    continue;
                }
            }
            long offset = skip;
            skip = 0;
            while (items.size() < page.size()) {
                int want = Math.min(MAX_LIST_LIMIT, page.size() - items.size());
                WirePage p = fetchList(w, offset, want, mchid);
                if (offset == 0 && windows.size() == 1) {
                    count = p.total();
                }
                items.addAll(p.rows());
                offset += p.rows().size();
                if (p.rows().size() < want || p.total().isPresent() && offset >= p.total().getAsLong()) {
                    break;
                }
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "list offset " + page.offset() + " size " + page.size() + " over "
                + windows.size() + " windows: " + items.size() + " rows");
        return new Page<>(items, page, count);
    }

    private static boolean matches(ComplaintFilter f, Complaint c) {
        return f.state().map(s -> s == c.state()).orElse(true)
                && f.channel().map(ch -> ch == c.channel()).orElse(true)
                && f.overdue().map(o -> o == c.overdue()).orElse(true);
    }

    // ------------------------------------------------------------------ detail, phone, history

    @Override
    public List<Violation> validateDetail(ComplaintRef complaint) {
        return idRules(complaint == null ? null : complaint.id());
    }

    private static List<Violation> idRules(ComplaintId id) {
        if (id != null && (id.value().length() > 64 || !id.value().chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-'))) {
            return List.of(new Violation("complaintId", "format", "must be up to 64 letters, digits, '_' or '-' for WeChat Pay"));
        }
        return List.of();
    }

    @Override
    public ComplaintDetail detail(ComplaintRef complaint) {
        JsonNode root = read(json("GET", BASE_PATH + "/complaints-v2/" + enc(complaint.id().value()), null));
        String id = root.path("complaint_id").asText("");
        if (!id.equals(complaint.id().value())) {
            throw WechatPayWire.invalid("the signed answer is for another complaint; it was not used");
        }
        remember(root);
        return ComplaintJson.detail(root);
    }

    @Override
    public RevealedPhone revealPhone(String ciphertext) {
        return new RevealedPhone(phones.decrypt(ciphertext).reveal());
    }

    @Override
    public int defaultHistoryPageSize() {
        return 100;
    }

    @Override
    public List<Violation> validateHistory(ComplaintRef complaint, PageRequest page) {
        List<Violation> v = new ArrayList<>(idRules(complaint == null ? null : complaint.id()));
        if (page != null && page.size() > MAX_HISTORY_LIMIT) {
            v.add(new Violation("page.size", "max", "must be at most " + MAX_HISTORY_LIMIT
                    + " for WeChat Pay's negotiation history (was " + page.size() + ")"));
        }
        return v;
    }

    @Override
    public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
        PermitSource.Permit held = permit("history", 200);
        try { // held: the permit counts until a minute after this exchange ended
            JsonNode root = read(json("GET", BASE_PATH + "/complaints-v2/" + enc(complaint.id().value())
                    + "/negotiation-historys?limit=" + page.size() + "&offset=" + page.offset(), null));
            List<NegotiationEntry> rows = new ArrayList<>();
            for (JsonNode row : root.path("data")) {
                rows.add(ComplaintJson.entry(row));
            }
            if (rows.size() > page.size()) {
                throw WechatPayWire.invalid("the page holds " + rows.size() + " rows, more than the limit of " + page.size()
                        + " asked for; it was not used");
            }
            JsonNode total = root.path("total_count");
            return new Page<>(rows, page, total.canConvertToLong() ? OptionalLong.of(total.asLong()) : OptionalLong.empty());
        } finally {
            held.release();
        }
    }

    // ------------------------------------------------------------------ reply

    @Override
    public boolean supportsMiniProgramJump() {
        return true; // mini_program_jump_info, a whitelist-only feature of WeChat Pay
    }

    @Override
    public int maxReplyTextLength() {
        return config.responseContentLimit(); // wechatpay.response-content-limit: 200 by default, up to 500
    }

    @Override
    public List<Violation> validateReply(ReplyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            return v;
        }
        v.addAll(idRules(request.complaintId()));
        String text = request.text();
        if (text != null) { // its length is checked by the client against maxReplyTextLength()
            threeByteUtf8("text", text, v);
        }
        if (request.imageMediaIds().size() > 4) {
            v.add(new Violation("imageMediaIds", "max-size", "at most 4 images for WeChat Pay (was "
                    + request.imageMediaIds().size() + ")"));
        }
        request.miniProgramJump().filter(j -> j.text() != null).ifPresent(j -> threeByteUtf8("miniProgramJump.text", j.text(), v));
        request.jumpLink().ifPresent(link -> {
            if (link.url() == null || !link.url().startsWith("https://") || link.url().length() > 512) {
                v.add(new Violation("jumpLink.url", "https", "must be an https:// URL of at most 512 characters for WeChat Pay"));
            }
            if (link.text() == null || link.text().isEmpty() || link.text().codePointCount(0, link.text().length()) > 10) {
                v.add(new Violation("jumpLink.text", "max-length", "must be 1 to 10 characters for WeChat Pay's jump_url_text"));
            } else {
                threeByteUtf8("jumpLink.text", link.text(), v);
            }
        });
        request.idempotencyKey().filter(k -> k.length() > 128)
                .ifPresent(k -> v.add(new Violation("idempotencyKey", "max-length",
                        "must be at most 128 characters: it is sent as WeChat Pay's idempotent_id")));
        return v;
    }

    /** WeChat Pay takes only the 1–3-byte part of UTF-8: no emoji or other supplementary characters. */
    static void threeByteUtf8(String field, String text, List<Violation> v) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                v.add(new Violation(field, "utf8-3-byte", "holds U+" + Integer.toHexString(cp).toUpperCase(Locale.ROOT)
                        + " at character " + text.codePointCount(0, i) + ", a 4-byte UTF-8 character (such as an emoji) that "
                        + "WeChat Pay does not accept"));
                return;
            }
            i += Character.charCount(cp);
        }
    }

    @Override
    public String newIdempotencyKey() {
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        return "ck" + HexFormat.of().formatHex(b);
    }

    @Override
    public ReplyReceipt reply(ReplyRequest request) {
        List<Violation> own = validateReply(request);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        String id = request.complaintId().value();
        Known known = immediate.get(id); // learnt from list and detail answers
        if (known == null) {
            ComplaintDetail d = detail(ComplaintRef.of(request.complaintId()));
            known = new Known(d.immediateServiceRequired(), d.subMerchant().orElse(""));
        }
        boolean immediateService = known.immediateService();
        if (immediateService && (request.jumpLink().isPresent() || request.miniProgramJump().isPresent())) {
            throw new ValidationException(List.of(new Violation(request.jumpLink().isPresent() ? "jumpLink" : "miniProgramJump",
                    "unsupported", "cannot be sent to complaint " + id + ": it needs immediate service, and WeChat Pay's "
                    + "response-immediate-service takes text and images only (nothing was sent)")));
        }
        // the body's complainted_mchid must be the complaint's own: a service provider's complaint may be another sub-merchant's
        String mchid = known.complaintedMchid().isEmpty() ? mchidFor(Optional.empty()) : known.complaintedMchid();
        PermitSource.Permit held = permit("reply", 60);
        try { // held: the permit counts until a minute after this exchange ended
            String key = request.idempotencyKey().orElseGet(this::newIdempotencyKey);
            if (immediateService) {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("complainted_mchid", mchid);
                ObjectNode message = body.putObject("message");
                ArrayNode blocks = message.putArray("blocks");
                ObjectNode textBlock = blocks.addObject();
                textBlock.put("type", "TEXT");
                textBlock.putObject("text").put("text", request.text());
                for (String image : request.imageMediaIds()) {
                    ObjectNode img = blocks.addObject();
                    img.put("type", "IMAGE");
                    img.putObject("image").put("media_id", image);
                }
                message.put("sender_identity", "MANUAL");
                body.put("idempotent_id", key);
                HttpTransport.Response r = json("POST", BASE_PATH + "/complaints-v2/" + enc(id) + "/response-immediate-service", body);
                String logId = read(r).path("log_id").asText("");
                return new ReplyReceipt(request.complaintId(), WechatPayWire.PROVIDER, key, "OK", "log_id " + logId);
            }
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("complainted_mchid", mchid);
            body.put("response_content", request.text());
            if (!request.imageMediaIds().isEmpty()) {
                ArrayNode images = body.putArray("response_images");
                request.imageMediaIds().forEach(images::add);
            }
            request.jumpLink().ifPresent(link -> {
                body.put("jump_url", link.url());
                body.put("jump_url_text", link.text());
            });
            request.miniProgramJump().ifPresent(jump -> body.putObject("mini_program_jump_info")
                    .put("appid", jump.appId()).put("path", jump.path()).put("text", jump.text()));
            HttpTransport.Response r = json("POST", BASE_PATH + "/complaints-v2/" + enc(id) + "/response", body);
            return new ReplyReceipt(request.complaintId(), WechatPayWire.PROVIDER, key, "OK", "Request-ID " + requestId(r));
        } finally {
            held.release();
        }
    }

    /** A lost reply is found again as a merchant reply with the same text in the history since it was sent. */
    @Override
    public WriteTrace traceOf(ReplyRequest request, Instant sentAt) {
        return traceIn(ComplaintRef.of(request.complaintId()), sentAt,
                e -> e.type() == OperationType.MERCHANT_RESPONSE && e.details().equals(request.text()));
    }

    private WriteTrace traceIn(ComplaintRef ref, Instant sentAt, java.util.function.Predicate<NegotiationEntry> isIt) {
        return HistoryTraces.find(page -> history(ref, page), MAX_HISTORY_LIMIT, sentAt, isIt);
    }

    // ------------------------------------------------------------------ complete, refund

    @Override
    public List<Violation> validateComplete(ComplaintRef complaint) {
        return idRules(complaint == null ? null : complaint.id());
    }

    @Override
    public WriteReceipt complete(ComplaintRef complaint) {
        PermitSource.Permit held = permit("complete", 1500);
        try { // held: the permit counts until a minute after this exchange ended
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("complainted_mchid", complaint.subMerchant().isPresent() ? mchidFor(complaint.subMerchant())
                    : Optional.ofNullable(immediate.get(complaint.id().value())).map(Known::complaintedMchid).filter(m -> !m.isEmpty())
                            .orElseGet(() -> mchidFor(Optional.empty())));
            HttpTransport.Response r = json("POST", BASE_PATH + "/complaints-v2/" + enc(complaint.id().value()) + "/complete", body);
            return new WriteReceipt(complaint.id(), WechatPayWire.PROVIDER, "complete", false, requestId(r));
        } finally {
            held.release();
        }
    }

    @Override
    public WriteTrace traceOfComplete(ComplaintRef complaint, Instant sentAt) {
        try {
            return detail(complaint).complaint().state() == dev.complaintkit.model.ComplaintState.PROCESSED
                    ? WriteTrace.FOUND : WriteTrace.ABSENT;
        } catch (RuntimeException e) {
            return WriteTrace.UNKNOWN;
        }
    }

    @Override
    public List<Violation> validateRefund(RefundDecision decision) {
        List<Violation> v = new ArrayList<>();
        if (decision == null) {
            return v;
        }
        v.addAll(idRules(decision.complaint().id()));
        decision.rejectReason().ifPresent(reason -> {
            if (reason.codePointCount(0, reason.length()) > 200) {
                v.add(new Violation("rejectReason", "max-length", "must be at most 200 characters for WeChat Pay"));
            }
            threeByteUtf8("rejectReason", reason, v);
        });
        decision.remark().ifPresent(remark -> {
            if (remark.codePointCount(0, remark.length()) > 200) {
                v.add(new Violation("remark", "max-length", "must be at most 200 characters for WeChat Pay"));
            }
            threeByteUtf8("remark", remark, v);
        });
        if (decision.rejectImageMediaIds().size() > 4) {
            v.add(new Violation("rejectImageMediaIds", "max-size", "at most 4 images for WeChat Pay"));
        }
        return v;
    }

    @Override
    public WriteReceipt decideRefund(RefundDecision decision) {
        List<Violation> own = validateRefund(decision);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("action", decision.action().name());
        if (decision.action() == RefundDecision.Action.APPROVE) {
            decision.refundInDays().ifPresent(d -> body.put("launch_refund_day", d));
        } else {
            decision.rejectReason().ifPresent(r -> body.put("reject_reason", r));
            if (!decision.rejectImageMediaIds().isEmpty()) {
                ArrayNode media = body.putArray("reject_media_list");
                decision.rejectImageMediaIds().forEach(media::add);
            }
        }
        decision.remark().ifPresent(r -> body.put("remark", r));
        HttpTransport.Response r = json("POST", BASE_PATH + "/complaints-v2/" + enc(decision.complaint().id().value())
                + "/update-refund-progress", body);
        return new WriteReceipt(decision.complaint().id(), WechatPayWire.PROVIDER, "refund decision", false, requestId(r));
    }

    @Override
    public WriteTrace traceOfRefund(RefundDecision decision, Instant sentAt) {
        OperationType type = decision.action() == RefundDecision.Action.APPROVE
                ? OperationType.MERCHANT_APPROVE_REFUND : OperationType.MERCHANT_REFUSE_RERUND;
        return traceIn(decision.complaint(), sentAt, e -> e.type() == type);
    }

    // ------------------------------------------------------------------ images

    @Override
    public List<Violation> validateUpload(ImageUpload image) {
        List<Violation> v = new ArrayList<>();
        if (image == null) {
            return v;
        }
        String name = image.fileName() == null ? "" : image.fileName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".png") || lower.endsWith(".bmp"))) {
            v.add(new Violation("fileName", "type", "must end in .jpg, .jpeg, .png or .bmp for WeChat Pay"));
        }
        if (name.length() > 128) {
            v.add(new Violation("fileName", "max-length", "must be at most 128 characters for WeChat Pay"));
        }
        if (image.size() > MAX_IMAGE_BYTES) {
            v.add(new Violation("bytes", "max-size", "must be at most 2 MB for WeChat Pay (was " + image.size() + " bytes)"));
        }
        if (image.size() == 0) {
            v.add(new Violation("bytes", "required", "must not be empty"));
        }
        return v;
    }

    @Override
    public UploadedImage uploadImage(ImageUpload image) {
        List<Violation> own = validateUpload(image);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        PermitSource.Permit held = permit("upload", 60);
        try { // held: the permit counts until a minute after this exchange ended
            ObjectNode meta = Json.mapper().createObjectNode();
            meta.put("filename", image.fileName());
            meta.put("sha256", sha256(image.bytes()));
            byte[] metaBytes = write(meta); // Jackson escapes quotes and backslashes in the name
            String boundary = "complaintkit" + HexFormat.of().formatHex(sha256Raw(metaBytes)).substring(0, 24);
            ByteArrayOutputStream out = new ByteArrayOutputStream(image.size() + 512);
            String safeName = image.fileName().replace("\"", "%22").replace("\r", "").replace("\n", "");
            writeAscii(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                    + "Content-Type: application/json\r\n\r\n");
            out.writeBytes(metaBytes);
            writeAscii(out, "\r\n--" + boundary + "\r\n");
            out.writeBytes(("Content-Disposition: form-data; name=\"file\"; filename=\"" + safeName + "\"\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            writeAscii(out, "Content-Type: " + mediaType(image.fileName()) + "\r\n\r\n");
            out.writeBytes(image.bytes());
            writeAscii(out, "\r\n--" + boundary + "--\r\n");
            HttpTransport.Response r = exchange("POST", URI.create(base + BASE_PATH + "/images/upload"), out.toByteArray(),
                    "multipart/form-data; boundary=" + boundary, true, metaBytes);
            String mediaId = read(r).path("media_id").asText("");
            if (mediaId.isEmpty()) {
                throw WechatPayWire.invalid("the upload answer carries no media_id");
            }
            return new UploadedImage(mediaId, WechatPayWire.PROVIDER);
        } finally {
            held.release();
        }
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String mediaType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") ? "image/png" : n.endsWith(".bmp") ? "image/bmp" : "image/jpeg";
    }

    private static byte[] sha256Raw(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        return HexFormat.of().formatHex(sha256Raw(b));
    }

    @Override
    public List<Violation> validateDownload(String mediaUrl) {
        if (mediaUrl == null) {
            return List.of();
        }
        try {
            URI u = URI.create(mediaUrl);
            if (u.getRawPath() == null || !u.getRawPath().startsWith(BASE_PATH + "/images/")) {
                return List.of(new Violation("mediaUrl", "format", "must be a WeChat Pay media URL ("
                        + BASE_PATH + "/images/…) taken from a complaint or its history"));
            }
        } catch (IllegalArgumentException e) {
            return List.of(new Violation("mediaUrl", "format", "is not a URL"));
        }
        return List.of();
    }

    /** The media URL's raw path (and query) is signed and sent as given, on the configured host; the answer is unsigned. */
    @Override
    public DownloadedImage downloadImage(String mediaUrl) {
        List<Violation> own = validateDownload(mediaUrl);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        URI given = URI.create(mediaUrl);
        URI uri = URI.create(base + given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery()));
        HttpTransport.Response r = exchange("GET", uri, new byte[0], null, false, new byte[0]);
        if (r.body().length > MAX_IMAGE_BYTES * 2) {
            throw WechatPayWire.invalid("the image is larger than " + MAX_IMAGE_BYTES * 2 + " bytes; it was not used");
        }
        return new DownloadedImage(r.header("Content-Type").orElse("application/octet-stream"), r.body());
    }

    // ------------------------------------------------------------------ notifications

    @Override
    public ComplaintEvent verify(NotificationDelivery delivery) {
        if (!"POST".equalsIgnoreCase(delivery.method())) {
            throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED, "WeChat Pay notifications are POSTs");
        }
        try {
            verifier.verify(delivery::header, delivery.body());
        } catch (SignatureException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            NotificationResult.Reason reason = m.contains(WechatPayWire.HEADER_TIMESTAMP + " is ")
                    ? NotificationResult.Reason.STALE : NotificationResult.Reason.SIGNATURE;
            throw new NotificationRefusedException(reason, m, e);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(delivery.body());
        } catch (IOException e) {
            throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED, "the body is not JSON");
        }
        if (root == null || !root.isObject() || root.path("id").asText("").isEmpty() || !root.path("resource").isObject()) {
            throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED,
                    "the body is not a WeChat Pay notification (id and resource required)");
        }
        JsonNode res = root.path("resource");
        String plain;
        try {
            plain = cipher.decryptToString(res.path("algorithm").asText(null), res.path("nonce").asText(null),
                    res.path("associated_data").asText(""), res.path("ciphertext").asText(null));
        } catch (RuntimeException e) {
            throw new NotificationRefusedException(NotificationResult.Reason.DECRYPTION, e.getMessage() == null
                    ? "the resource could not be decrypted" : e.getMessage());
        }
        JsonNode inner;
        try {
            inner = Json.mapper().readTree(plain);
        } catch (IOException e) {
            throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED, "the decrypted resource is not JSON");
        }
        String complaintId = inner.path("complaint_id").asText("");
        if (complaintId.isEmpty()) {
            throw new NotificationRefusedException(NotificationResult.Reason.MALFORMED, "the resource carries no complaint_id");
        }
        String eventType = root.path("event_type").asText("");
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(root.path("create_time").asText(""));
        } catch (java.time.format.DateTimeParseException e) {
            time = OffsetDateTime.ofInstant(context.clock().instant(), SHANGHAI);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        inner.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                fields.put(e.getKey(), e.getValue().asText());
            }
        });
        fields.put("summary", root.path("summary").asText(""));
        return new ComplaintEvent(root.path("id").asText(), ComplaintEvent.Type.fromWire(eventType), eventType,
                ComplaintId.of(complaintId), inner.path("action_type").asText(""), time, WechatPayWire.PROVIDER, fields);
    }

    @Override
    public HttpReply acknowledge(ComplaintEvent event) {
        return new HttpReply(204, Map.of(), new byte[0]);
    }

    @Override
    public HttpReply refuse(NotificationResult.Reason reason, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("code", "FAIL");
        body.put("message", reason == NotificationResult.Reason.SIGNATURE || reason == NotificationResult.Reason.STALE
                ? "signature verification failed" : "notification not accepted");
        return HttpReply.text(reason == NotificationResult.Reason.MALFORMED ? 400 : 401, "application/json",
                new String(write(body), StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ notification URL

    private static final String NOTIFY_PATH = BASE_PATH + "/complaint-notifications";

    @Override
    public Optional<String> notificationUrl() {
        try {
            String url = read(json("GET", NOTIFY_PATH, null)).path("url").asText("");
            return url.isEmpty() ? Optional.empty() : Optional.of(url);
        } catch (ProviderException e) {
            if ("RESOURCE_NOT_EXISTS".equals(e.code()) || "NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the URL, or updates it when one is set already. */
    @Override
    public String setNotificationUrl(String url) {
        if (!url.startsWith("https://")) {
            throw new ValidationException(List.of(new Violation("url", "https",
                    "must be an https:// URL: WeChat Pay sends notifications only over HTTPS")));
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("url", url);
        boolean exists = notificationUrl().isPresent();
        return read(json(exists ? "PUT" : "POST", NOTIFY_PATH, body)).path("url").asText(url);
    }

    @Override
    public void deleteNotificationUrl() {
        json("DELETE", NOTIFY_PATH, null);
    }

    @Override
    public void close() {
        immediate.clear();
    }

    @Override
    public String toString() {
        return "WechatPayAdapter[" + base + ", mchid=" + config.mchid() + ", keys=" + config.verificationKeys().serials() + "]";
    }
}
