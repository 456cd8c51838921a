/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
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
import dev.complaintkit.model.UploadedImage;
import dev.complaintkit.model.WriteReceipt;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.CompletePort;
import dev.complaintkit.port.ImageDownloadPort;
import dev.complaintkit.port.ImageUploadPort;
import dev.complaintkit.port.ListComplaintsPort;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.NotificationPort;
import dev.complaintkit.port.RefundDecisionPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import dev.complaintkit.support.HistoryTraces;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The Allinpay adapter: the WeChat-complaint family of {@code riskfeeback/…}, each call one signed
 * form POST (the image upload a multipart one) through core's {@link Exchange} with Allinpay's
 * {@link AllinpayEnvelope}, {@link AllinpayCodec} and signer. Thread-safe.
 *
 * <p><b>Agents and group merchants.</b> List rows carry the sub-merchant ({@code merchantNo}); the
 * adapter remembers it per complaint and sends it as {@code cusid} on every later call about that
 * complaint (detail, history, reply, complete, refund decision). A sub-merchant the caller names
 * ({@link ComplaintRef#forSubMerchant}) wins; without either the configured {@code cusid} is sent.
 *
 * <p>A verified answer is used only when it answers this request: the envelope checks the echoes
 * of {@code appid}, {@code cusid}, {@code orgid} and {@code complaint_id}; history records must echo
 * the request's {@code offset} and {@code limit}; no page may hold more rows than asked for.
 */
public final class AllinpayAdapter implements ProviderAdapter, ListComplaintsPort, ComplaintDetailPort, NegotiationHistoryPort,
        ImageDownloadPort, ReplyPort, CompletePort, RefundDecisionPort, ImageUploadPort, NotificationPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.allinpay");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter LIST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The longest {@code cusid} Allinpay accepts. */
    static final int CUSID_MAX = 15;
    /** The longest span of one list call ({@code begindate} to {@code enddate}). */
    public static final Duration LIST_WINDOW = Duration.ofDays(30);
    /** The page size of a list stream when the caller does not choose one: Allinpay's default. */
    public static final int DEFAULT_LIST_SIZE = 10;
    /** The largest image accepted from a download. */
    public static final int MAX_DOWNLOAD_BYTES = 8 * 1024 * 1024;
    /** How many complaints' sub-merchants are remembered. */
    static final int SUB_MERCHANT_CACHE = 10_000;
    /** How {@code complaintsResp} and {@code wxcomplaintsrefundprogress} join media ids. */
    static final String MEDIA_SEPARATOR = "#@#";

    private final AllinpayConfig config;
    private final Signer signer;
    private final Clock clock;
    private final String base;
    private final Exchange records;
    private final Exchange acks;
    private final Exchange upload;
    private final Exchange download;
    private final AllinpayEnvelope uploadEnvelope;
    private final Notifications notifications;
    private final Map<String, String> subMerchants = new ConcurrentHashMap<>();

    /**
     * @param config the settings
     * @param signer signs requests and verifies answers and notifications; its {@link Signer#algorithm()} is sent as {@code signtype}
     * @param context transport, clock and time-out
     */
    public AllinpayAdapter(AllinpayConfig config, Signer signer, ProviderContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = context.clock();
        this.base = config.endpoint().toString() + "/riskfeeback/";
        this.records = exchange(context, new AllinpayEnvelope("records", config.cusid()), Exchange.DEFAULT_MAX_ANSWER_BYTES);
        this.acks = exchange(context, AllinpayEnvelope.acknowledgement(config.cusid(), config.successWithRetmsg()),
                Exchange.DEFAULT_MAX_ANSWER_BYTES);
        this.uploadEnvelope = new AllinpayEnvelope("mediaid", config.cusid());
        this.upload = exchange(context, uploadEnvelope, Exchange.DEFAULT_MAX_ANSWER_BYTES);
        this.download = exchange(context, new AllinpayEnvelope("imagebase64", config.cusid()), MAX_DOWNLOAD_BYTES / 3 * 4 + 64 * 1024);
        this.notifications = new Notifications(signer, clock);
    }

    private Exchange exchange(ProviderContext context, AllinpayEnvelope envelope, int maxAnswerBytes) {
        return Exchange.builder(AllinpayWire.PROVIDER, context).describedAs("Allinpay")
                .envelope(envelope).signer(signer).codec(new AllinpayCodec())
                .header("Accept", "application/json").maxAnswerBytes(maxAnswerBytes).build();
    }

    private URI uri(String op) {
        return URI.create(base + op);
    }

    // ------------------------------------------------------------------ request fields

    /**
     * @param cusid the merchant number to act for
     * @param version the interface version of the call
     * @return the fields every request carries, in sending order, unsigned ({@code sign} is the envelope's)
     */
    Map<String, String> common(String cusid, String version) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", config.appid());
        config.orgid().ifPresent(o -> f.put("orgid", o));
        f.put("cusid", cusid);
        f.put("version", version);
        f.put("randomstr", randomStr());
        f.put("signtype", signer.algorithm());
        return f;
    }

    /** @return the fields of a call about one complaint: {@link #common} for its {@code cusid}, and {@code complaint_id} */
    private Map<String, String> about(ComplaintRef ref, String version) {
        Map<String, String> f = common(cusidFor(ref), version);
        f.put("complaint_id", ref.id().value());
        return f;
    }

    /** @return the {@code cusid} for a call about this complaint: the caller's sub-merchant, the remembered one, or the configured one */
    String cusidFor(ComplaintRef ref) {
        return ref.subMerchant().or(() -> Optional.ofNullable(subMerchants.get(ref.id().value()))).orElse(config.cusid());
    }

    private void remember(String complaintId, Optional<String> merchantNo) {
        merchantNo.filter(AllinpayAdapter::isCusid).filter(m -> !m.equals(config.cusid())).ifPresent(m -> {
            if (subMerchants.size() >= SUB_MERCHANT_CACHE) {
                subMerchants.clear();
            }
            subMerchants.put(complaintId, m);
        });
    }

    /** @return 32 random hex digits, fresh per request */
    private static String randomStr() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean isCusid(String s) {
        return !s.isEmpty() && s.length() <= CUSID_MAX && s.chars().allMatch(AllinpayEnvelope::isAlphanumeric);
    }

    /** Ids and URLs are signed raw in {@code k=v&k=v}: {@code &} or {@code =} would stand for other fields. */
    private static void raw(String field, String value, List<Violation> v) {
        if (value != null && (value.indexOf('&') >= 0 || value.indexOf('=') >= 0)) {
            v.add(new Violation(field, "format", "must not contain '&' or '=' for Allinpay"));
        }
    }

    private static List<Violation> refRules(ComplaintRef ref) {
        List<Violation> v = new ArrayList<>(2);
        if (ref == null || ref.id() == null) {
            return v;
        }
        // the signed string joins raw values: such an id would stand for other request fields
        raw("complaintId", ref.id().value(), v);
        String sub = ref.subMerchant().orElse(null);
        if (sub != null && !isCusid(sub)) {
            // sent raw as cusid in the signed string, like the configured allinpay.cusid
            v.add(new Violation("subMerchant", "format", "must be 1 to " + CUSID_MAX
                    + " letters and digits for Allinpay, where it is sent as cusid (was " + sub.length() + " characters)"));
        }
        return v;
    }

    // ------------------------------------------------------------------ list

    @Override
    public int defaultListPageSize() {
        return Math.min(DEFAULT_LIST_SIZE, config.listPageLimit());
    }

    @Override
    public List<Violation> validateList(ComplaintFilter filter, PageRequest page) {
        List<Violation> v = new ArrayList<>();
        if (page != null && page.size() > config.listPageLimit()) {
            v.add(new Violation("page.size", "max", "must be at most " + config.listPageLimit()
                    + " for Allinpay's complaint list (was " + page.size() + "; allinpay.list-page-limit)"));
        }
        if (filter != null) {
            String why = " Allinpay's complaint list filters by time only";
            filter.state().ifPresent(x -> v.add(new Violation("filter.state", "unsupported", "cannot be used:" + why)));
            filter.channel().ifPresent(x -> v.add(new Violation("filter.channel", "unsupported", "cannot be used:" + why)));
            filter.overdue().ifPresent(x -> v.add(new Violation("filter.overdue", "unsupported", "cannot be used:" + why)));
        }
        return v;
    }

    /** A list window, both ends included, at most {@link #LIST_WINDOW} apart. */
    record Window(Instant begin, Instant end) {}

    /**
     * @param filter the filter; without a range, the {@link #LIST_WINDOW} up to now
     * @return the windows, newest first
     */
    List<Window> windows(ComplaintFilter filter) {
        Instant to = filter.to().orElseGet(clock::instant);
        Instant from = filter.from().orElse(to.minus(LIST_WINDOW));
        List<Window> windows = new ArrayList<>();
        Instant end = to;
        while (!end.isBefore(from)) {
            Instant begin = end.minus(LIST_WINDOW);
            if (begin.isBefore(from)) {
                begin = from;
            }
            windows.add(new Window(begin, end));
            end = begin.minusSeconds(1);
        }
        return windows;
    }

    /** One wire page of a window: its rows and the window's {@code total_count}, when sent. */
    private record WirePage(List<ComplaintRecords.Row> rows, OptionalLong total) {}

    private WirePage fetchList(Window w, long pageNumber, int size) {
        Map<String, String> f = common(config.cusid(), config.listVersion());
        f.put("current_page_num", Long.toString(pageNumber));
        f.put("page_size", Integer.toString(size));
        f.put("begindate", LIST_TIME.format(w.begin().atZone(SHANGHAI)));
        f.put("enddate", LIST_TIME.format(w.end().atZone(SHANGHAI)));
        if (config.groupAll()) {
            f.put("groupall", "1");
        }
        Exchange.Answer a = records.send("POST", uri("wxcomplaintlistquery"), f);
        ComplaintRecords.ListPage listed = ComplaintRecords.list(a.text("records"));
        List<ComplaintRecords.Row> rows = listed.rows();
        if (rows.size() > size) {
            throw AllinpayWire.invalid("the page holds " + rows.size() + " rows, more than the page_size of " + size
                    + " that was asked for; it was not used");
        }
        rows.forEach(r -> remember(r.complaint().id().value(), r.merchantNo()));
        String total = a.text("total_count"); // in the envelope, as a public client reads it; else inside the records
        return new WirePage(rows, total.matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(total)) : listed.totalCount());
    }

    /**
     * Allinpay pages by number within one window of at most 30 days; a longer range is split into
     * windows, newest first, and read as one sequence: the page at {@code offset} may span windows.
     */
    @Override
    public Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page) {
        if (filter.complaintId().isPresent()) { // the list has no id filter: read the one complaint
            Complaint one = detail(ComplaintRef.of(filter.complaintId().get())).complaint();
            Instant at = one.complainedAt().toInstant();
            boolean in = filter.from().map(f -> !at.isBefore(f)).orElse(true) && filter.to().map(t -> !at.isAfter(t)).orElse(true);
            return new Page<>(in && page.offset() == 0 ? List.of(one) : List.of(), page, OptionalLong.of(in ? 1 : 0));
        }
        List<Window> windows = windows(filter);
        int size = page.size();
        long skip = page.offset();
        List<Complaint> items = new ArrayList<>();
        OptionalLong onlyTotal = OptionalLong.empty();
        for (Window w : windows) {
            if (items.size() >= size) {
                break;
            }
            long number = skip / size + 1;
            int within = (int) (skip % size);
            while (true) {
                WirePage p = fetchList(w, number, size);
                if (windows.size() == 1) {
                    onlyTotal = p.total();
                }
                for (int i = within; i < p.rows().size() && items.size() < size; i++) {
                    items.add(p.rows().get(i).complaint());
                }
                boolean last = p.rows().size() < size || p.total().isPresent() && number * size >= p.total().getAsLong();
                if (last) { // the window is read to its end: the offset moves past its rows
                    long rows = p.total().isPresent() ? p.total().getAsLong()
                            : !p.rows().isEmpty() || number == 1 ? (number - 1) * size + p.rows().size() : count(w, size, number);
                    skip = Math.max(0, skip - rows);
                    break;
                }
                if (items.size() >= size) {
                    break;
                }
                number++;
                within = 0;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "list offset " + page.offset() + " size " + size + " over " + windows.size()
                + " windows: " + items.size() + " rows");
        return new Page<>(items, page, onlyTotal);
    }

    /** @return the rows of a window that sent no total, counted by reading its pages before {@code beyond} */
    private long count(Window w, int size, long beyond) {
        long n = 0;
        for (long number = 1; number < beyond; number++) {
            int rows = fetchList(w, number, size).rows().size();
            n += rows;
            if (rows < size) {
                break;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ detail, history

    @Override
    public List<Violation> validateDetail(ComplaintRef complaint) {
        return refRules(complaint);
    }

    @Override
    public ComplaintDetail detail(ComplaintRef complaint) {
        Map<String, String> f = about(complaint, config.version());
        ComplaintDetail d = ComplaintRecords.detail(records.send("POST", uri("wxcomplaintdetail"), f).text("records"));
        if (!d.id().equals(complaint.id())) {
            throw AllinpayWire.invalid("the signed answer is for another complaint: its records.complaint_id is not the one "
                    + "sent; it was not used");
        }
        remember(d.id().value(), d.subMerchant());
        return d;
    }

    @Override
    public int defaultHistoryPageSize() {
        return AllinpayWire.DEFAULT_LIMIT;
    }

    @Override
    public List<Violation> validateHistory(ComplaintRef complaint, PageRequest page) {
        List<Violation> violations = refRules(complaint);
        if (page != null && page.size() > AllinpayWire.MAX_LIMIT) {
            violations.add(new Violation("page.size", "max", "must be at most " + AllinpayWire.MAX_LIMIT
                    + " for Allinpay's negotiation history (was " + page.size() + ")"));
        }
        return List.copyOf(violations);
    }

    @Override
    public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
        Map<String, String> f = about(complaint, config.version());
        f.put("limit", Integer.toString(page.size()));
        f.put("offset", Long.toString(page.offset()));
        Exchange.Answer answer = records.send("POST", uri("wxcomplainthistory"), f);
        RecordsDecoder.Records decoded = RecordsDecoder.decode(answer.text("records"));
        checkPage(decoded, page);
        LOG.log(System.Logger.Level.DEBUG, () -> "history " + complaint.id() + " offset " + page.offset() + " limit "
                + page.size() + ": " + decoded.entries().size() + " rows"
                + (decoded.totalCount().isPresent() ? " of " + decoded.totalCount().getAsLong() : ""));
        return new Page<>(decoded.entries(), page, decoded.totalCount());
    }

    /** Refuses records made for another page, or holding more rows than asked for or than the total. */
    private static void checkPage(RecordsDecoder.Records records, PageRequest page) {
        if (!records.bareArray()) {
            requireEcho(records.offset(), "offset", page.offset());
            requireEcho(records.limit(), "limit", page.size());
        }
        int rows = records.entries().size();
        if (rows > page.size()) {
            throw AllinpayWire.invalid("the page holds " + rows + " rows, more than the limit of " + page.size()
                    + " that was asked for; it was not used");
        }
        if (records.totalCount().isPresent() && rows > records.totalCount().getAsLong() - page.offset()) {
            throw AllinpayWire.invalid("the page holds " + rows + " rows at offset " + page.offset()
                    + ", more than its total_count of " + records.totalCount().getAsLong() + "; it was not used");
        }
    }

    private static void requireEcho(OptionalLong echoed, String name, long sent) {
        if (echoed.isEmpty()) {
            throw AllinpayWire.invalid("the records carry no " + name + ", which Allinpay always sends; it was not used");
        }
        if (echoed.getAsLong() != sent) {
            throw AllinpayWire.invalid("the signed answer is for another page: its records." + name + " is "
                    + echoed.getAsLong() + ", the request's " + sent + "; it was not used");
        }
    }

    /** @return whether the complaint's history holds a row the predicate accepts, made since shortly before {@code sentAt} */
    private WriteTrace traceIn(ComplaintRef ref, Instant sentAt, Predicate<NegotiationEntry> isIt) {
        return HistoryTraces.find(page -> history(ref, page), AllinpayWire.MAX_LIMIT, sentAt, isIt);
    }

    // ------------------------------------------------------------------ reply, complete, refund

    @Override
    public List<Violation> validateReply(ReplyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null || request.complaintId() == null) {
            return v;
        }
        v.addAll(refRules(ComplaintRef.of(request.complaintId())));
        request.jumpLink().ifPresent(link -> v.add(new Violation("jumpLink", "unsupported",
                "cannot be sent: Allinpay's complaintsResp has no jump link")));
        mediaIds("imageMediaIds", request.imageMediaIds(), v);
        return v;
    }

    private static void mediaIds(String field, List<String> ids, List<Violation> v) {
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != null && ids.get(i).contains(MEDIA_SEPARATOR)) {
                v.add(new Violation(field + "[" + i + "]", "format", "must not contain '" + MEDIA_SEPARATOR
                        + "', which Allinpay joins media ids with"));
            }
        }
    }

    @Override
    public ReplyReceipt reply(ReplyRequest request) {
        ComplaintRef ref = ComplaintRef.of(request.complaintId());
        Map<String, String> f = about(ref, config.actionVersion());
        f.put("response_content", request.text());
        if (!request.imageMediaIds().isEmpty()) {
            f.put("response_images", String.join(MEDIA_SEPARATOR, request.imageMediaIds()));
        }
        Exchange.Answer a = acks.send("POST", uri("complaintsResp"), f);
        return new ReplyReceipt(request.complaintId(), AllinpayWire.PROVIDER, request.idempotencyKey().orElse(""),
                a.text("retcode"), a.text("retmsg"));
    }

    /** A lost reply is found again as a merchant reply with the same text in the history since it was sent. */
    @Override
    public WriteTrace traceOf(ReplyRequest request, Instant sentAt) {
        return traceIn(ComplaintRef.of(request.complaintId()), sentAt,
                e -> e.type() == OperationType.MERCHANT_RESPONSE && e.details().equals(request.text()));
    }

    @Override
    public List<Violation> validateComplete(ComplaintRef complaint) {
        return refRules(complaint);
    }

    @Override
    public WriteReceipt complete(ComplaintRef complaint) {
        Map<String, String> f = about(complaint, config.actionVersion());
        acks.send("POST", uri("complaintsComplete"), f);
        return new WriteReceipt(complaint.id(), AllinpayWire.PROVIDER, "complete", false, "");
    }

    /** A lost completion is found again as the detail's state {@code PROCESSED}. */
    @Override
    public WriteTrace traceOfComplete(ComplaintRef complaint, Instant sentAt) {
        try {
            return detail(complaint).complaint().state() == ComplaintState.PROCESSED ? WriteTrace.FOUND : WriteTrace.ABSENT;
        } catch (RuntimeException e) {
            return WriteTrace.UNKNOWN;
        }
    }

    @Override
    public List<Violation> validateRefund(RefundDecision decision) {
        List<Violation> v = new ArrayList<>(refRules(decision.complaint()));
        mediaIds("rejectImageMediaIds", decision.rejectImageMediaIds(), v);
        return v;
    }

    @Override
    public WriteReceipt decideRefund(RefundDecision decision) {
        Map<String, String> f = about(decision.complaint(), config.actionVersion());
        f.put("action", decision.action().name());
        decision.refundInDays().ifPresent(d -> f.put("launch_refund_day", Integer.toString(d)));
        decision.rejectReason().ifPresent(r -> f.put("reject_reason", r));
        if (!decision.rejectImageMediaIds().isEmpty()) {
            f.put("reject_media_list", String.join(MEDIA_SEPARATOR, decision.rejectImageMediaIds()));
        }
        decision.remark().ifPresent(r -> f.put("remark", r));
        acks.send("POST", uri("wxcomplaintsrefundprogress"), f);
        return new WriteReceipt(decision.complaint().id(), AllinpayWire.PROVIDER, "refund decision", false, "");
    }

    /** A lost decision is found again as the merchant's approval or refusal in the history since it was sent. */
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
        String name = image.fileName() == null ? "" : image.fileName().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !(name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".bmp"))) {
            v.add(new Violation("fileName", "type", "must end in .jpg, .jpeg, .png or .bmp (WeChat Pay's image types)"));
        }
        if (image.size() > config.uploadMaxBytes()) {
            v.add(new Violation("bytes", "max-size", "must be at most " + config.uploadMaxBytes() + " bytes (was "
                    + image.size() + "; allinpay.upload-max-bytes)"));
        }
        return v;
    }

    /** The form fields are signed; the file part is not. */
    @Override
    public UploadedImage uploadImage(ImageUpload image) {
        Map<String, String> f = uploadEnvelope.signFields(common(config.cusid(), config.actionVersion()), signer);
        Multipart.Body body = Multipart.of(f, "file", image.fileName(), image.bytes());
        Exchange.Answer a = upload.send("POST", uri("wxmerchantimageupload"), body.body(), body.contentType());
        ProviderException echo = uploadEnvelope.echoError(a.fields(), f);
        if (echo != null) {
            throw echo;
        }
        return new UploadedImage(a.text("mediaid"), AllinpayWire.PROVIDER);
    }

    @Override
    public List<Violation> validateDownload(String mediaUrl) {
        List<Violation> v = new ArrayList<>();
        raw("mediaUrl", mediaUrl, v);
        if (v.isEmpty() && !mediaUrl.startsWith("https://")) {
            v.add(new Violation("mediaUrl", "https", "must be the https:// WeChat Pay media URL a detail or history row returned"));
        }
        return v;
    }

    /** {@code imgurl} is the full media URL as returned; the image comes back as {@code imagebase64}. */
    @Override
    public DownloadedImage downloadImage(String mediaUrl) {
        Map<String, String> f = common(config.cusid(), config.actionVersion());
        f.put("imgurl", mediaUrl);
        String b64 = download.send("POST", uri("wxgetmerchantimage"), f).text("imagebase64");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw AllinpayWire.invalid("the answer's imagebase64 is not Base64; it was not used");
        }
        if (bytes.length > MAX_DOWNLOAD_BYTES) {
            throw AllinpayWire.invalid("the image has " + bytes.length + " bytes, more than " + MAX_DOWNLOAD_BYTES + "; it was not used");
        }
        return new DownloadedImage(sniff(bytes), bytes);
    }

    private static String sniff(byte[] b) {
        if (b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "image/jpeg";
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "image/bmp";
        }
        if (b.length >= 3 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return "image/gif";
        }
        return "application/octet-stream";
    }

    // ------------------------------------------------------------------ notifications

    @Override
    public ComplaintEvent verify(NotificationDelivery delivery) {
        ComplaintEvent event = notifications.verify(delivery);
        remember(event.complaintId().value(), Optional.ofNullable(event.fields().get("cusid")));
        return event;
    }

    /** @return exactly {@code success}: any other answer makes Allinpay deliver again */
    @Override
    public HttpReply acknowledge(ComplaintEvent event) {
        return Notifications.acknowledge();
    }

    @Override
    public HttpReply refuse(NotificationResult.Reason reason, String message) {
        return Notifications.refuse();
    }

    @Override
    public java.util.Optional<String> whyUnsupported(dev.complaintkit.Capability capability) {
        return switch (capability) {
            case NOTIFICATION_URL -> java.util.Optional.of("Allinpay has no API for it: the complaint notification URL is "
                    + "set in Allinpay's merchant portal");
            case REVEAL_PHONE -> java.util.Optional.of("no public Allinpay source documents the complainant's phone");
            default -> java.util.Optional.empty();
        };
    }

    @Override
    public void close() {
        subMerchants.clear();
    }

    @Override
    public String toString() {
        return "AllinpayAdapter[" + URI.create(base).getHost() + ", appid=" + config.appid() + ", " + signer.algorithm() + "]";
    }
}
