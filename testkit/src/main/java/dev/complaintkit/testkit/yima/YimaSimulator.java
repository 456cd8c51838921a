/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.yima;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ReceivesReplies;
import dev.complaintkit.testkit.http.Dispatcher;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.yima.YimaWire.Outcome;
import dev.complaintkit.testkit.yima.YimaWire.Parsed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
/**
 * A wire simulator of Yima's complaint gateway — {@code risk_complaints_resp_request} (4.73, reply) and
 * {@code risk_complaints_detail_request} (4.71, detail; the other spelling by
 * {@link Builder#detailRequestType}): the server side, written
 * independently of the provider adapter (its own canonical string, MD5, form decoding and GBK XML
 * parsing on the JDK's hardened DOM parser).
 *
 * <p>It accepts a JSON body with {@code sign}, or the form {@code xml=<URL-encoded GBK XML>&mac=…};
 * checks the merchant ({@code isspid}, {@code system_id}, {@code seller_account}), the signature under
 * its {@link Scheme}, and the fields (the seed's lengths, {@code jump_url} HTTPS and — in XML — in
 * CDATA); answers like the seed ({@code response_type}, the echoed envelope, {@code result{id,comment}},
 * {@code sign} for JSON, {@code mac} for the XML form). A reply appends a {@code MERCHANT_RESPONSE}
 * row to the complaint's history in the {@link ComplaintStore} and moves a {@code PENDING} complaint to
 * {@code PROCESSING}. A detail request is answered with the stored complaint as WeChat Pay's detail,
 * nested under {@code detail} (signed over the top-level scalars, or with
 * {@link Builder#signDetail(boolean)} over every scalar of {@code detail} by its path too). The wire format — JSON, or the GBK
 * XML form — is chosen once per request from its {@code Content-Type}; that format reads the request,
 * adds its own rules and answers it.
 *
 * <p>The simulator is its own {@link Dispatcher}. Its one-shot probes follow the scheme of
 * {@link SimulatorServer}: {@code next<Fault>()} injects that provider fault into the next request
 * ({@link #nextBadSignature()}, {@link #nextMissingSignature()}, {@link #nextUnknownFields()},
 * {@link #nextFoldedValues()}, {@link #nextReplayedAnswer()}, {@link #nextBareUnsignedAnswer()},
 * {@link #nextInvalidCharsetBytes()}); {@link #nextError(String, String)} and {@link #nextForgedOutcome()}
 * set how the next reply is answered.
 *
 * <p>Idempotency, as a real gateway keyed by {@code transaction_id} would behave: a repeated
 * {@code transaction_id} whose first attempt succeeded is not recorded again and gets the first
 * attempt's answer — its outcome and its echoes ({@code complaint_id} included), whatever the repeat
 * carries. Failed attempts are not remembered, so they may be repeated.
 *
 * <p>Answers are signed over their top-level scalar fields; with {@link Builder#signResult(boolean)}
 * also over {@code result.id} and {@code result.comment}, flattened under those names.
 *
 * <pre>{@code
 * YimaSimulator sim = YimaSimulator.builder().secret("test-secret").store(store).build().start();
 * sim.dropConnectionAfterNextReply();                     // take the reply, then drop the connection
 * client.reply(...);                                      // retried with the same transaction_id
 * assertThat(sim.replies()).hasSize(1);
 * }</pre>
 *
 * <p>The error codes it answers are the simulator's own (Yima publishes none besides {@code 0000}):
 * see the {@code CODE_*} constants.
 */
public final class YimaSimulator extends SimulatorServer implements Dispatcher, ReceivesReplies {

    /** Success. */
    public static final String CODE_SUCCESS = "0000";
    /** The message could not be parsed. */
    public static final String CODE_BAD_MESSAGE = "1001";
    /** The signature is missing or wrong. */
    public static final String CODE_BAD_SIGNATURE = "1002";
    /** {@code isspid}, {@code system_id} or {@code seller_account} is not the simulated merchant's. */
    public static final String CODE_UNKNOWN_MERCHANT = "1003";
    /** A field breaks a rule of the seed. */
    public static final String CODE_BAD_FIELD = "1004";
    /** The complaint is not in the store. */
    public static final String CODE_NO_COMPLAINT = "2001";

    private static final String REQUEST_TYPE = "risk_complaints_resp_request";
    private static final String RESPONSE_TYPE = "risk_complaints_resp_response";
    /** The detail request type of Yima's 4.71 page (its other copy spells it {@code risk_wxcomplaint_detail_request}). */
    public static final String DETAIL_REQUEST_TYPE = "risk_complaints_detail_request";
    /** The other copy's spelling of the detail request type. */
    public static final String WX_DETAIL_REQUEST_TYPE = "risk_wxcomplaint_detail_request";
    /** The merchant complained about ({@code complainted_mchid}) when a complaint's extra names none. */
    public static final String DEFAULT_MCHID = "1900000109";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** How signatures are computed; the simulator's own copy of the two inferred schemes. */
    public enum Scheme {
        /** {@code MD5(sorted k=v&… + "&key=" + secret)}, upper-case hex. */
        MD5_SORTED_KEY,
        /** {@code MD5(secret + content + secret)}, upper-case hex; content is the XML document for XML. */
        MD5_WRAPPED
    }

    /** How XML requests are answered. */
    public enum XmlAnswer {
        /** The form {@code xml=…&mac=…}, like the request (default). */
        FORM,
        /** A bare GBK XML body without a mac. */
        BARE
    }

    /**
     * One reply the simulator accepted.
     *
     * @param transactionId its {@code transaction_id}
     * @param complaintId the complaint
     * @param content {@code response_content}
     * @param images the media ids of {@code response_images}
     * @param jumpUrl {@code jump_url}, or empty
     * @param jumpUrlText {@code jump_url_text}, or empty
     * @param format {@code json} or {@code xml}
     */
    public record Reply(String transactionId, String complaintId, String content, List<String> images,
            String jumpUrl, String jumpUrlText, String format) {
        public Reply {
            images = List.copyOf(images);
        }
    }

    /** What a first successful attempt got: its outcome and the echoes it was answered with. */
    private record Taken(Outcome outcome, Map<String, String> echoes) {}

    /** The probe of {@link Fault#BARE_UNSIGNED_ANSWER}. */
    private static final String BARE_SUCCESS = "<business_trans><result><id>0000</id></result></business_trans>";
    private final String isspid;
    private final String detailRequestType;
    private final String systemId;
    private final String sellerAccount;
    private final Scheme scheme;
    private final JsonWire jsonWire;
    private final XmlFormWire xmlFormWire;
    private final ComplaintStore store;
    private final Map<String, Taken> byTransaction = new ConcurrentHashMap<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final AtomicReference<Outcome> nextError = new AtomicReference<>();
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final AtomicBoolean forgeNext = new AtomicBoolean();
    private volatile boolean signAnswers = true;
    private volatile boolean unknownNodes;
    private volatile XmlAnswer xmlAnswer = XmlAnswer.FORM;

    private YimaSimulator(Builder b) {
        super("yima-simulator");
        this.isspid = b.isspid;
        this.systemId = b.systemId;
        this.sellerAccount = b.sellerAccount;
        this.scheme = b.scheme;
        YimaWire.Signing signing = new YimaWire.Signing(Objects.requireNonNull(b.secret, "secret"), b.scheme, b.signResult,
                b.signDetail);
        this.detailRequestType = b.detailRequestType;
        this.jsonWire = new JsonWire(signing);
        this.xmlFormWire = new XmlFormWire(signing, b.xmlMacScheme);
        this.store = b.store;
        dispatcher(this);
    }

    /** @return a builder with the seed's merchant ({@code 39493002}, {@code 8888}, {@code 66660000000000001}) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return this simulator, started on an ephemeral loopback port */
    @Override
    public YimaSimulator start() {
        super.start();
        return this;
    }

    /** @return the gateway URL to configure as {@code yima.endpoint} */
    public URI endpoint() {
        return baseUri().resolve("/yima/gateway");
    }

    /** @return the distinct replies accepted, in order (a repeated {@code transaction_id} counts once) */
    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    /** @return the accepted replies in the model's terms, for {@code ComplaintAssertions.assertThat(simulator)} */
    @Override
    public List<ReplyRequest> receivedReplies() {
        return replies.stream().map(r -> new ReplyRequest(ComplaintId.of(r.complaintId()), r.content(), r.images(),
                r.jumpUrl().isEmpty() ? Optional.empty() : Optional.of(new JumpLink(r.jumpUrl(), r.jumpUrlText())),
                Optional.of(r.transactionId()))).toList();
    }

    /** @return how many distinct {@code transaction_id}s were accepted */
    public int distinctTransactionIds() {
        return byTransaction.size();
    }

    /**
     * The next request is handled in full (a reply is recorded) and then the connection is closed
     * without an answer, as when a network fault hits after the gateway took the reply. Same as
     * {@code enqueue(ScriptedResponse.handleThenDrop())}.
     */
    public void dropConnectionAfterNextReply() {
        enqueue(ScriptedResponse.handleThenDrop());
    }

    /** @param id the {@code result.id} to answer the next reply with @param comment its {@code result.comment} */
    public void failNextReply(String id, String comment) {
        nextError.set(new Outcome(id, comment));
    }

    /** @param sign whether answers carry {@code sign} (JSON) / {@code mac} (XML form); default true */
    public void signAnswers(boolean sign) {
        this.signAnswers = sign;
    }

    /** The next answer carries a signature that does not verify. */
    public void tamperNextAnswerSignature() {
        tamperNext.set(true);
    }

    /**
     * The next reply is answered with a signed error ({@code 3001}) whose {@code result.id} is then
     * changed to {@code 0000}, as by someone on the way; the signature is the error's. The reply is
     * not taken.
     */
    public void forgeNextOutcome() {
        forgeNext.set(true);
    }

    /** The next request meets {@link Fault#BAD_SIGNATURE}: its answer's signature does not verify. */
    public void nextBadSignature() {
        inject(Fault.BAD_SIGNATURE);
    }

    /** The next request meets {@link Fault#MISSING_SIGNATURE}: its answer carries no {@code sign} / {@code mac}. */
    public void nextMissingSignature() {
        inject(Fault.MISSING_SIGNATURE);
    }

    /** The next request meets {@link Fault#UNKNOWN_FIELDS}: its answer carries nodes a client must ignore. */
    public void nextUnknownFields() {
        inject(Fault.UNKNOWN_FIELDS);
    }

    /** The next request meets {@link Fault#FOLDED_VALUES}: a captured success folded to carry no {@code transaction_id}. */
    public void nextFoldedValues() {
        inject(Fault.FOLDED_VALUES);
    }

    /** The next request meets {@link Fault#REPLAYED_ANSWER}: a signed success that echoes another complaint. */
    public void nextReplayedAnswer() {
        inject(Fault.REPLAYED_ANSWER);
    }

    /** The next request meets {@link Fault#BARE_UNSIGNED_ANSWER}: a bare, unsigned XML success. */
    public void nextBareUnsignedAnswer() {
        inject(Fault.BARE_UNSIGNED_ANSWER);
    }

    /** The next request meets {@link Fault#INVALID_CHARSET_BYTES}: its answer's {@code comment} holds byte 0xFF. */
    public void nextInvalidCharsetBytes() {
        inject(Fault.INVALID_CHARSET_BYTES);
    }

    /**
     * Same as {@link #failNextReply(String, String)}.
     *
     * @param id the {@code result.id} to answer the next reply with
     * @param comment its {@code result.comment}
     */
    public void nextError(String id, String comment) {
        failNextReply(id, comment);
    }

    /** The next reply is answered with a forged outcome; same as {@link #forgeNextOutcome()}. */
    public void nextForgedOutcome() {
        forgeNextOutcome();
    }

    /** @param add whether answers carry extra nodes a client must ignore (top level and inside {@code result}) */
    public void unknownNodes(boolean add) {
        this.unknownNodes = add;
    }

    /** @param style how XML requests are answered (default {@link XmlAnswer#FORM}) */
    public void xmlAnswer(XmlAnswer style) {
        this.xmlAnswer = Objects.requireNonNull(style);
    }

    // ------------------------------------------------------------------ server side

    @Override
    protected Set<Fault> providerFaults() {
        return EnumSet.of(Fault.BAD_SIGNATURE, Fault.MISSING_SIGNATURE, Fault.UNKNOWN_FIELDS, Fault.FOLDED_VALUES,
                Fault.REPLAYED_ANSWER, Fault.BARE_UNSIGNED_ANSWER, Fault.INVALID_CHARSET_BYTES);
    }

    /**
     * The gateway's server side: reads the request in its wire format, checks it, takes a reply and
     * answers, producing the provider fault the request carries ({@link RecordedRequest#fault()}).
     *
     * @param request the request
     * @return the answer
     */
    @Override
    public ScriptedResponse dispatch(RecordedRequest request) {
        if (!"POST".equalsIgnoreCase(request.method())) {
            return ScriptedResponse.text(405, "POST only", StandardCharsets.UTF_8);
        }
        Fault fault = request.fault().orElse(null);
        if (fault == Fault.BARE_UNSIGNED_ANSWER) {
            return ScriptedResponse.of(200, "text/xml;charset=GBK", BARE_SUCCESS.getBytes(StandardCharsets.US_ASCII));
        }
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        Parsed p = WireFormat.of(contentType, jsonWire, xmlFormWire).parse(contentType, request.body());
        Map<String, String> f = p.fields();
        if (p.problem() != null) {
            return answer(p, fault, echoes(f), new Outcome(p.problem().startsWith("sign") ? CODE_BAD_SIGNATURE : CODE_BAD_MESSAGE,
                    p.problem()), responseTypeFor(f), null);
        }
        if (detailRequestType.equals(f.get("request_type"))) {
            return detail(p, fault, f);
        }
        String fieldProblem = checkFields(f, p);
        if (fieldProblem != null) {
            return answer(p, fault, echoes(f), new Outcome(fieldProblem.startsWith("merchant") ? CODE_UNKNOWN_MERCHANT
                    : CODE_BAD_FIELD, fieldProblem), responseTypeFor(f), null);
        }
        String txn = f.get("transaction_id");
        Taken earlier = byTransaction.get(txn);
        if (earlier != null) {
            return answer(p, fault, earlier.echoes(), earlier.outcome());
        }
        Outcome success = new Outcome(CODE_SUCCESS, "回复成功");
        if (fault == Fault.REPLAYED_ANSWER) {
            Map<String, String> other = echoes(f);
            other.put("complaint_id", otherComplaint(f.get("complaint_id")));
            return answer(p, fault, other, success);
        }
        if (fault == Fault.FOLDED_VALUES) {
            // a success captured for another transaction_id, folded so that it carries none of its own
            Map<String, String> folded = echoes(f);
            String captured = txn.length() < 32 ? txn + "0" : txn.substring(0, 31) + (txn.endsWith("0") ? "1" : "0");
            folded.remove("transaction_id");
            folded.put("seller_account", folded.get("seller_account") + "&transaction_id=" + captured);
            return answer(p, fault, folded, success);
        }
        Outcome forced = nextError.getAndSet(null);
        if (forced != null) {
            return answer(p, fault, echoes(f), forced);
        }
        if (forgeNext.getAndSet(false)) {
            return answer(p, fault, echoes(f), new Outcome("3001", "投诉单已完结,不可回复"), success);
        }
        ComplaintId complaint = ComplaintId.of(f.get("complaint_id"));
        if (!store.contains(complaint)) {
            return answer(p, fault, echoes(f), new Outcome(CODE_NO_COMPLAINT, "投诉单不存在"));
        }
        synchronized (byTransaction) {
            Taken raced = byTransaction.putIfAbsent(txn, new Taken(success, echoes(f)));
            if (raced == null) {
                List<String> images = f.getOrDefault("response_images", "").isEmpty() ? List.of()
                        : List.of(f.get("response_images").split("\\|"));
                replies.add(new Reply(txn, complaint.value(), f.get("response_content"), images,
                        f.getOrDefault("jump_url", ""), f.getOrDefault("jump_url_text", ""), p.format().name()));
                store.update(complaint, c -> c.state() == ComplaintState.PENDING ? withState(c, ComplaintState.PROCESSING) : c);
                store.append(complaint, new NegotiationEntry("yima-" + txn, "商户",
                        OffsetDateTime.now(ZoneOffset.ofHours(8)), OperationType.MERCHANT_RESPONSE,
                        OperationType.MERCHANT_RESPONSE.name(), f.get("response_content"), List.of(), images));
            } else {
                return answer(p, fault, raced.echoes(), raced.outcome());
            }
        }
        return answer(p, fault, echoes(f), success);
    }

    /** An error answers in the type the request asked for ({@code …_request} → {@code …_response}), the reply's by default. */
    private static String responseTypeFor(Map<String, String> request) {
        String type = request.getOrDefault("request_type", "");
        return type.endsWith("_request") ? type.substring(0, type.length() - 8) + "_response" : RESPONSE_TYPE;
    }

    private static Complaint withState(Complaint c, ComplaintState state) {
        return new Complaint(c.id(), c.providerId(), state, c.channel(), c.reason(), c.complainedAt(), c.deadline(),
                c.overdue(), c.closedAt(), c.complainantPhone(), c.orderReference(), c.extra());
    }

    // ------------------------------------------------------------------ detail (4.71)

    /** Answers a detail request: the merchant and fields checked, the stored complaint in WeChat's detail shape. */
    private ScriptedResponse detail(Parsed p, Fault fault, Map<String, String> f) {
        String responseType = detailRequestType.replace("_request", "_response");
        if (!isspid.equals(f.get("isspid")) || !systemId.equals(f.get("system_id"))
                || !sellerAccount.equals(f.get("seller_account"))) {
            return answer(p, fault, echoes(f), new Outcome(CODE_UNKNOWN_MERCHANT,
                    "merchant unknown: isspid/system_id/seller_account do not match"), responseType, null);
        }
        String txn = f.getOrDefault("transaction_id", "");
        String id = f.getOrDefault("complaint_id", "");
        if (txn.isEmpty() || txn.length() > 32 || id.isBlank() || id.length() > 64) {
            return answer(p, fault, echoes(f), new Outcome(CODE_BAD_FIELD,
                    "transaction_id (at most 32) and complaint_id (at most 64) are required"), responseType, null);
        }
        Outcome success = new Outcome(CODE_SUCCESS, "查询成功");
        if (fault == Fault.REPLAYED_ANSWER) {
            Map<String, String> other = echoes(f);
            other.put("complaint_id", otherComplaint(id));
            Optional<Complaint> c = store.find(ComplaintId.of(other.get("complaint_id")));
            return answer(p, fault, other, success, responseType, c.map(this::detailOf).orElse(null));
        }
        Optional<Complaint> complaint = store.find(ComplaintId.of(id));
        if (complaint.isEmpty()) {
            return answer(p, fault, echoes(f), new Outcome(CODE_NO_COMPLAINT, "投诉单不存在"), responseType, null);
        }
        return answer(p, fault, echoes(f), success, responseType, detailOf(complaint.get()));
    }

    /**
     * A stored complaint in WeChat Pay's complaint-detail shape, as Yima passes it through: text,
     * booleans and numbers as WeChat types them; the complaint's extra fields override the defaults
     * ({@code complainted_mchid}, {@code problem_type}, {@code apply_refund_amount}, …) and appear too.
     */
    private Map<String, Object> detailOf(Complaint c) {
        Map<String, String> x = c.extra();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("complaint_id", c.id().value());
        d.put("complaint_time", RFC3339.format(c.complainedAt()));
        d.put("complaint_detail", c.reason());
        d.put("complaint_state", c.state() == ComplaintState.UNKNOWN ? "PENDING" : c.state().name());
        d.put("complainted_mchid", x.getOrDefault("complainted_mchid", DEFAULT_MCHID));
        if (!c.complainantPhone().isEmpty()) {
            d.put("payer_phone", c.complainantPhone());
        }
        if (!c.orderReference().isEmpty()) {
            Map<String, Object> order = new LinkedHashMap<>();
            order.put("transaction_id", x.getOrDefault("transaction_id", "4200000000" + Math.abs(c.id().value().hashCode())));
            order.put("out_trade_no", c.orderReference());
            order.put("amount", Long.parseLong(x.getOrDefault("amount", "1000")));
            d.put("complaint_order_info", List.of(order));
        }
        List<Map<String, Object>> media = new java.util.ArrayList<>();
        store.history(c.id()).orElse(List.of()).stream().limit(1).flatMap(e -> e.media().stream()).forEach(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("media_type", m.type());
            item.put("media_url", m.urls());
            media.add(item);
        });
        if (!media.isEmpty()) {
            d.put("complaint_media_list", media);
        }
        String problem = x.getOrDefault("problem_type", "REFUND");
        d.put("complaint_full_refunded", Boolean.parseBoolean(x.getOrDefault("complaint_full_refunded", "false")));
        d.put("incoming_user_response", c.state() == ComplaintState.PENDING);
        d.put("problem_description", x.getOrDefault("problem_description", "不满意商家服务"));
        d.put("user_complaint_times", 1L);
        d.put("problem_type", problem);
        if (problem.equals("REFUND")) {
            d.put("apply_refund_amount", Long.parseLong(x.getOrDefault("apply_refund_amount", "1000")));
        }
        d.put("user_tag_list", List.of(x.getOrDefault("user_tag", "TRUSTED")));
        return d;
    }

    /** A complaint id other than the given one: another complaint of the store, or a made-up one. */
    private String otherComplaint(String complaintId) {
        return store.complaints().stream().map(c -> c.id().value()).filter(id -> !id.equals(complaintId)).findFirst()
                .orElse(complaintId.length() < 64 ? complaintId + "9" : complaintId.substring(0, 63));
    }

    private String checkFields(Map<String, String> f, Parsed p) {
        if (!REQUEST_TYPE.equals(f.get("request_type"))) {
            return "request_type must be " + REQUEST_TYPE + " or " + detailRequestType;
        }
        if (!isspid.equals(f.get("isspid")) || !systemId.equals(f.get("system_id"))
                || !sellerAccount.equals(f.get("seller_account"))) {
            return "merchant unknown: isspid/system_id/seller_account do not match";
        }
        String txn = f.getOrDefault("transaction_id", "");
        if (txn.isEmpty() || txn.length() > 32) {
            return "transaction_id is required, at most 32 characters";
        }
        String complaint = f.getOrDefault("complaint_id", "");
        if (complaint.isBlank() || complaint.length() > 64) {
            return "complaint_id is required, at most 64 characters";
        }
        String content = f.getOrDefault("response_content", "");
        if (content.isBlank() || content.codePointCount(0, content.length()) > 200) {
            return "response_content is required, at most 200 characters";
        }
        String images = f.getOrDefault("response_images", "");
        if (!images.isEmpty() && images.split("\\|", -1).length > 4) {
            return "response_images holds at most 4 images";
        }
        String url = f.getOrDefault("jump_url", "");
        String text = f.getOrDefault("jump_url_text", "");
        if (url.isEmpty() != text.isEmpty()) {
            return "jump_url and jump_url_text go together";
        }
        if (!url.isEmpty()) {
            if (!url.toLowerCase(Locale.ROOT).startsWith("https://") || url.length() > 512) {
                return "jump_url must be HTTPS, at most 512 characters";
            }
            if (text.codePointCount(0, text.length()) > 10) {
                return "jump_url_text is at most 10 characters";
            }
        }
        return p.format().checkFields(f, p);
    }

    // ------------------------------------------------------------------ answers

    /** The request's fields an answer echoes, in the seed's order (a mutable copy). */
    private static Map<String, String> echoes(Map<String, String> request) {
        Map<String, String> echoes = new LinkedHashMap<>();
        echoes.put("isspid", request.getOrDefault("isspid", ""));
        echoes.put("transaction_id", request.getOrDefault("transaction_id", ""));
        echoes.put("seller_account", request.getOrDefault("seller_account", ""));
        echoes.put("complaint_id", request.getOrDefault("complaint_id", ""));
        return echoes;
    }

    private ScriptedResponse answer(Parsed p, Fault fault, Map<String, String> echoes, Outcome outcome) {
        return answer(p, fault, echoes, outcome, outcome, RESPONSE_TYPE, null);
    }

    private ScriptedResponse answer(Parsed p, Fault fault, Map<String, String> echoes, Outcome outcome, String responseType,
            Map<String, Object> detail) {
        return answer(p, fault, echoes, outcome, outcome, responseType, detail);
    }

    private ScriptedResponse answer(Parsed p, Fault fault, Map<String, String> echoes, Outcome signed, Outcome shown) {
        return answer(p, fault, echoes, signed, shown, RESPONSE_TYPE, null);
    }

    /**
     * @param signed the outcome the signature is computed for
     * @param shown the outcome the answer carries
     * @param responseType the answer's {@code response_type}
     * @param detail the nested {@code detail} of a detail answer, or {@code null}
     */
    private ScriptedResponse answer(Parsed p, Fault fault, Map<String, String> echoes, Outcome signed, Outcome shown,
            String responseType, Map<String, Object> detail) {
        Map<String, String> envelope = new LinkedHashMap<>();
        envelope.put("response_type", responseType);
        envelope.putAll(echoes);
        boolean extraNodes = unknownNodes || fault == Fault.UNKNOWN_FIELDS;
        if (extraNodes) {
            envelope.put("gateway_version", "2.9");
        }
        boolean tamper = tamperNext.getAndSet(false) || fault == Fault.BAD_SIGNATURE;
        return p.format().answer(new YimaWire.Answer(envelope, signed, shown, signAnswers && fault != Fault.MISSING_SIGNATURE,
                tamper, extraNodes, fault == Fault.INVALID_CHARSET_BYTES, xmlAnswer, detail));
    }

    /**
     * Signs an answer again with this simulator's secret and scheme: for replaying a recorded session
     * (whose signatures were redacted) to a client configured with this simulator's secret.
     * JSON answers get a fresh {@code sign}, form answers a fresh {@code mac}; bare XML is unsigned and
     * passes unchanged.
     *
     * @param answer a recorded answer
     * @return the answer, signed
     */
    public dev.complaintkit.port.HttpTransport.Response resign(dev.complaintkit.port.HttpTransport.Response answer) {
        String type = answer.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        for (WireFormat format : List.<WireFormat>of(jsonWire, xmlFormWire)) {
            if (format.answers(type)) {
                byte[] body = format.resign(answer.body());
                return body == null ? answer : new dev.complaintkit.port.HttpTransport.Response(answer.status(), answer.headers(), body);
            }
        }
        return answer;
    }

    @Override
    public String toString() {
        return "YimaSimulator[" + scheme + ", " + replies.size() + " replies, " + super.toString() + "]";
    }

    /** Builds a {@link YimaSimulator}. */
    public static final class Builder {
        private String isspid = "39493002";
        private String systemId = "8888";
        private String sellerAccount = "66660000000000001";
        private String secret;
        private Scheme scheme = Scheme.MD5_SORTED_KEY;
        private Scheme xmlMacScheme = Scheme.MD5_WRAPPED;
        private boolean signResult;
        private boolean signDetail;
        private String detailRequestType = DETAIL_REQUEST_TYPE;
        private ComplaintStore store = ComplaintStore.create();

        private Builder() {}

        /** @param isspid the merchant number it accepts @return this */
        public Builder isspid(String isspid) {
            this.isspid = isspid;
            return this;
        }

        /** @param systemId the platform number it accepts @return this */
        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        /** @param sellerAccount the collecting account it accepts @return this */
        public Builder sellerAccount(String sellerAccount) {
            this.sellerAccount = sellerAccount;
            return this;
        }

        /** @param secret the signing key shared with the client; required @return this */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** @param scheme how signatures are computed (default {@link Scheme#MD5_SORTED_KEY}) @return this */
        public Builder scheme(Scheme scheme) {
            this.scheme = Objects.requireNonNull(scheme);
            return this;
        }

        /**
         * @param scheme how the XML form's {@code mac} is computed, whatever {@link #scheme} says for JSON
         *     (default {@link Scheme#MD5_WRAPPED}: the MD5 of secret + GBK document + secret)
         * @return this
         */
        public Builder xmlMacScheme(Scheme scheme) {
            this.xmlMacScheme = Objects.requireNonNull(scheme);
            return this;
        }

        /**
         * @param include whether answer signatures also cover {@code result.id} and {@code result.comment},
         *     flattened under those names into the sorted field string (default false: top-level scalars only)
         * @return this
         */
        public Builder signResult(boolean include) {
            this.signResult = include;
            return this;
        }

        /**
         * @param include whether answer signatures also cover every scalar of a detail answer's nested
         *     {@code detail}, flattened under its path ({@code detail.complaint_id},
         *     {@code detail.complaint_order_info[0].amount}); default false: top-level scalars only
         * @return this
         */
        public Builder signDetail(boolean include) {
            this.signDetail = include;
            return this;
        }

        /**
         * @param requestType the detail {@code request_type} it serves: {@link #DETAIL_REQUEST_TYPE} (default)
         *     or {@link #WX_DETAIL_REQUEST_TYPE}; the other one is refused with {@code 1004}
         * @return this
         */
        public Builder detailRequestType(String requestType) {
            this.detailRequestType = Objects.requireNonNull(requestType);
            return this;
        }

        /** @param store the complaints that accept replies (shared, not copied) @return this */
        public Builder store(ComplaintStore store) {
            this.store = Objects.requireNonNull(store);
            return this;
        }

        /** @return the simulator, not yet started */
        public YimaSimulator build() {
            return new YimaSimulator(this);
        }
    }
}
