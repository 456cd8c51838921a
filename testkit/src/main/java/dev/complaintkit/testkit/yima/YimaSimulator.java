package dev.complaintkit.testkit.yima;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ReceivesReplies;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A wire simulator of Yima's {@code risk_complaints_resp_request} gateway: the server side, written
 * independently of the provider adapter (its own canonical string, MD5, form decoding and GBK XML
 * parsing on the JDK's hardened DOM parser).
 *
 * <p>It accepts a JSON body with {@code sign}, or the form {@code xml=<URL-encoded GBK XML>&mac=…};
 * checks the merchant ({@code isspid}, {@code system_id}, {@code seller_account}), the signature under
 * its {@link Scheme}, and the fields (the seed's lengths, {@code jump_url} HTTPS and — in XML — in
 * CDATA); answers like the seed ({@code response_type}, the echoed envelope, {@code result{id,comment}},
 * {@code sign} for JSON, {@code mac} for the XML form). A reply appends a {@code MERCHANT_RESPONSE}
 * row to the complaint's history in the {@link ComplaintStore}.
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
public final class YimaSimulator extends SimulatorServer implements ReceivesReplies {

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
    private static final Charset GBK = Charset.forName("GBK");

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

    private record Outcome(String id, String comment) {}

    /** What a first successful attempt got: its outcome and the echoes it was answered with. */
    private record Taken(Outcome outcome, Map<String, String> echoes) {}

    /** The probe of {@link Fault#BARE_UNSIGNED_ANSWER}. */
    private static final String BARE_SUCCESS = "<business_trans><result><id>0000</id></result></business_trans>";
    /** A byte that is invalid in GBK and in UTF-8. */
    private static final byte INVALID_BYTE = (byte) 0xFF;

    private record Parsed(Map<String, String> fields, String format, String problem, boolean jumpUrlInCdata) {}

    private final ObjectMapper json = new ObjectMapper();
    private final String isspid;
    private final String systemId;
    private final String sellerAccount;
    private final String secretText;
    private final Scheme scheme;
    private final boolean signResult;
    private final ComplaintStore store;
    private final Map<String, Taken> byTransaction = new ConcurrentHashMap<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final AtomicReference<Outcome> nextError = new AtomicReference<>();
    private final AtomicBoolean tamperNext = new AtomicBoolean();
    private final AtomicBoolean forgeNext = new AtomicBoolean();
    private volatile boolean signAnswers = true;
    private volatile boolean unknownNodes;
    private final ThreadLocal<Fault> fault = new ThreadLocal<>();
    private volatile XmlAnswer xmlAnswer = XmlAnswer.FORM;

    private YimaSimulator(Builder b) {
        super("yima-simulator");
        this.isspid = b.isspid;
        this.systemId = b.systemId;
        this.sellerAccount = b.sellerAccount;
        this.secretText = Objects.requireNonNull(b.secret, "secret");
        this.scheme = b.scheme;
        this.signResult = b.signResult;
        this.store = b.store;
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

    @Override
    protected ScriptedResponse providerFault(Fault injected, RecordedRequest request) {
        fault.set(injected);
        try {
            return handle(request);
        } finally {
            fault.remove();
        }
    }

    @Override
    protected ScriptedResponse handle(RecordedRequest request) {
        if (!"POST".equalsIgnoreCase(request.method())) {
            return ScriptedResponse.text(405, "POST only", StandardCharsets.UTF_8);
        }
        if (fault.get() == Fault.BARE_UNSIGNED_ANSWER) {
            return ScriptedResponse.of(200, "text/xml;charset=GBK", BARE_SUCCESS.getBytes(StandardCharsets.US_ASCII));
        }
        Parsed p = parse(request);
        Map<String, String> f = p.fields();
        if (p.problem() != null) {
            return answer(p, echoes(f), new Outcome(p.problem().startsWith("sign") ? CODE_BAD_SIGNATURE : CODE_BAD_MESSAGE,
                    p.problem()));
        }
        String fieldProblem = checkFields(f, p);
        if (fieldProblem != null) {
            return answer(p, echoes(f), new Outcome(fieldProblem.startsWith("merchant") ? CODE_UNKNOWN_MERCHANT
                    : CODE_BAD_FIELD, fieldProblem));
        }
        String txn = f.get("transaction_id");
        Taken earlier = byTransaction.get(txn);
        if (earlier != null) {
            return answer(p, earlier.echoes(), earlier.outcome());
        }
        Outcome success = new Outcome(CODE_SUCCESS, "回复成功");
        if (fault.get() == Fault.REPLAYED_ANSWER) {
            Map<String, String> other = echoes(f);
            other.put("complaint_id", otherComplaint(f.get("complaint_id")));
            return answer(p, other, success);
        }
        if (fault.get() == Fault.FOLDED_VALUES) {
            // a success captured for another transaction_id, folded so that it carries none of its own
            Map<String, String> folded = echoes(f);
            String captured = txn.length() < 32 ? txn + "0" : txn.substring(0, 31) + (txn.endsWith("0") ? "1" : "0");
            folded.remove("transaction_id");
            folded.put("seller_account", folded.get("seller_account") + "&transaction_id=" + captured);
            return answer(p, folded, success);
        }
        Outcome forced = nextError.getAndSet(null);
        if (forced != null) {
            return answer(p, echoes(f), forced);
        }
        if (forgeNext.getAndSet(false)) {
            return answer(p, echoes(f), new Outcome("3001", "投诉单已完结,不可回复"), success);
        }
        ComplaintId complaint = ComplaintId.of(f.get("complaint_id"));
        if (!store.contains(complaint)) {
            return answer(p, echoes(f), new Outcome(CODE_NO_COMPLAINT, "投诉单不存在"));
        }
        synchronized (byTransaction) {
            Taken raced = byTransaction.putIfAbsent(txn, new Taken(success, echoes(f)));
            if (raced == null) {
                List<String> images = f.getOrDefault("response_images", "").isEmpty() ? List.of()
                        : List.of(f.get("response_images").split("\\|"));
                replies.add(new Reply(txn, complaint.value(), f.get("response_content"), images,
                        f.getOrDefault("jump_url", ""), f.getOrDefault("jump_url_text", ""), p.format()));
                store.append(complaint, new NegotiationEntry("yima-" + txn, "商户",
                        OffsetDateTime.now(ZoneOffset.ofHours(8)), OperationType.MERCHANT_RESPONSE,
                        OperationType.MERCHANT_RESPONSE.name(), f.get("response_content"), List.of(), images));
            } else {
                return answer(p, raced.echoes(), raced.outcome());
            }
        }
        return answer(p, echoes(f), success);
    }

    /** A complaint id other than the given one: another complaint of the store, or a made-up one. */
    private String otherComplaint(String complaintId) {
        return store.complaints().stream().map(c -> c.id().value()).filter(id -> !id.equals(complaintId)).findFirst()
                .orElse(complaintId.length() < 64 ? complaintId + "9" : complaintId.substring(0, 63));
    }

    private Parsed parse(RecordedRequest request) {
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        byte[] body = request.body();
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return parseXmlForm(body);
        }
        if (!contentType.startsWith("application/json")) {
            return new Parsed(Map.of(), "json", "unsupported Content-Type '" + contentType + "'", false);
        }
        Charset cs = charsetOf(contentType, StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            JsonNode root = json.readTree(new String(body, cs));
            if (root == null || !root.isObject()) {
                return new Parsed(Map.of(), "json", "the body is not a JSON object", false);
            }
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                if (!e.getValue().isValueNode()) {
                    return new Parsed(Map.of(), "json", "field " + e.getKey() + " is not a scalar", false);
                }
                fields.put(e.getKey(), e.getValue().asText());
            }
        } catch (JsonProcessingException e) {
            return new Parsed(Map.of(), "json", "the body is not JSON", false);
        }
        String sign = fields.get("sign");
        if (sign == null || sign.isEmpty()) {
            return new Parsed(fields, "json", "sign is missing", false);
        }
        String expected = md5Hex(schemeContent(sortedFields(fields), cs));
        if (!expected.equals(sign)) {
            return new Parsed(fields, "json", "sign does not verify", false);
        }
        return new Parsed(fields, "json", null, false);
    }

    private Parsed parseXmlForm(byte[] body) {
        Map<String, byte[]> form = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                byte[] value = percentDecode(pair.substring(eq + 1));
                if (value == null) {
                    return new Parsed(Map.of(), "xml", "the form encoding is broken", false);
                }
                form.putIfAbsent(pair.substring(0, eq), value);
            }
        }
        byte[] document = form.get("xml");
        if (document == null) {
            return new Parsed(Map.of(), "xml", "the form has no xml field", false);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean cdata;
        try {
            Document doc = domBuilder().parse(new ByteArrayInputStream(document));
            Element root = doc.getDocumentElement();
            if (!"business_trans".equals(root.getTagName())) {
                return new Parsed(Map.of(), "xml", "the root element is <" + root.getTagName() + ">", false);
            }
            if (!"GBK".equalsIgnoreCase(doc.getXmlEncoding())) {
                return new Parsed(Map.of(), "xml", "the declared encoding is " + doc.getXmlEncoding() + ", not GBK", false);
            }
            cdata = false;
            NodeList children = root.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e) {
                    fields.put(e.getTagName(), e.getTextContent());
                    if (e.getTagName().equals("jump_url")) {
                        cdata = hasCdata(e);
                    }
                }
            }
        } catch (Exception e) {
            return new Parsed(Map.of(), "xml", "the xml field is not well-formed GBK XML", false);
        }
        byte[] macBytes = form.get("mac");
        String mac = macBytes == null ? "" : new String(macBytes, StandardCharsets.US_ASCII);
        if (mac.isEmpty()) {
            return new Parsed(fields, "xml", "sign (mac) is missing", cdata);
        }
        String expected = md5Hex(scheme == Scheme.MD5_WRAPPED ? wrap(document)
                : schemeContent(sortedFields(fields), GBK));
        if (!expected.equals(mac)) {
            return new Parsed(fields, "xml", "sign (mac) does not verify", cdata);
        }
        return new Parsed(fields, "xml", null, cdata);
    }

    private static boolean hasCdata(Element e) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.CDATA_SECTION_NODE) {
                return true;
            }
        }
        return false;
    }

    private String checkFields(Map<String, String> f, Parsed p) {
        if (!REQUEST_TYPE.equals(f.get("request_type"))) {
            return "request_type must be " + REQUEST_TYPE;
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
            if (p.format().equals("xml") && !p.jumpUrlInCdata()) {
                return "jump_url must be wrapped in CDATA in XML";
            }
        }
        return null;
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

    private ScriptedResponse answer(Parsed p, Map<String, String> echoes, Outcome outcome) {
        return answer(p, echoes, outcome, outcome);
    }

    /** @param signed the outcome the signature is computed for @param shown the outcome the answer carries */
    private ScriptedResponse answer(Parsed p, Map<String, String> echoes, Outcome signed, Outcome shown) {
        Map<String, String> envelope = new LinkedHashMap<>();
        envelope.put("response_type", RESPONSE_TYPE);
        envelope.putAll(echoes);
        if (unknownNodes || fault.get() == Fault.UNKNOWN_FIELDS) {
            envelope.put("gateway_version", "2.9");
        }
        boolean tamper = tamperNext.getAndSet(false) || fault.get() == Fault.BAD_SIGNATURE;
        return p.format().equals("xml") ? xmlAnswer(envelope, signed, shown, tamper)
                : jsonAnswer(envelope, signed, shown, tamper);
    }

    /** The fields an answer's signature covers: the envelope, and with signResult the flattened result. */
    private Map<String, String> signedFields(Map<String, String> envelope, Outcome outcome) {
        Map<String, String> signed = new LinkedHashMap<>(envelope);
        if (signResult) {
            signed.put("result.id", outcome.id());
            signed.put("result.comment", outcome.comment());
        }
        return signed;
    }

    private ScriptedResponse jsonAnswer(Map<String, String> envelope, Outcome signed, Outcome shown, boolean tamper) {
        ObjectNode root = json.createObjectNode();
        envelope.forEach(root::put);
        ObjectNode result = root.putObject("result");
        result.put("id", shown.id());
        result.put("comment", shown.comment());
        if (unknownNodes || fault.get() == Fault.UNKNOWN_FIELDS) {
            result.put("detail", "新增节点");
            root.putArray("notices").add("新增节点");
        }
        if (signAnswers && fault.get() != Fault.MISSING_SIGNATURE) {
            String sign = md5Hex(schemeContent(sortedFields(signedFields(envelope, signed)), StandardCharsets.UTF_8));
            root.put("sign", tamper ? flip(sign) : sign);
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return ScriptedResponse.of(200, "application/json;charset=UTF-8", invalidInComment(body, "\"comment\":\""));
    }

    private byte[] xmlDocument(Map<String, String> envelope, Outcome outcome) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"GBK\"?>\n<business_trans>\n");
        envelope.forEach((k, v) -> x.append('<').append(k).append('>').append(escape(v)).append("</").append(k).append(">\n"));
        x.append("<result>\n<id>").append(escape(outcome.id())).append("</id>\n<comment>")
                .append(escape(outcome.comment())).append("</comment>\n");
        if (unknownNodes || fault.get() == Fault.UNKNOWN_FIELDS) {
            x.append("<detail>新增节点</detail>\n");
        }
        x.append("</result>\n");
        if (unknownNodes || fault.get() == Fault.UNKNOWN_FIELDS) {
            x.append("<notices><notice>新增节点</notice></notices>\n");
        }
        x.append("</business_trans>\n");
        return invalidInComment(x.toString().getBytes(GBK), "<comment>");
    }

    private ScriptedResponse xmlAnswer(Map<String, String> envelope, Outcome signed, Outcome shown, boolean tamper) {
        byte[] document = xmlDocument(envelope, signed);
        if (xmlAnswer == XmlAnswer.BARE) {
            return ScriptedResponse.of(200, "text/xml;charset=GBK", signed == shown ? document : xmlDocument(envelope, shown));
        }
        String mac = null;
        if (signAnswers && fault.get() != Fault.MISSING_SIGNATURE) {
            mac = md5Hex(scheme == Scheme.MD5_WRAPPED ? wrap(document)
                    : schemeContent(sortedFields(signedFields(envelope, signed)), GBK));
        }
        if (signed != shown) {
            document = xmlDocument(envelope, shown); // changed after signing
        }
        StringBuilder form = new StringBuilder("xml=").append(percentEncode(document));
        if (mac != null) {
            form.append("&mac=").append(tamper ? flip(mac) : mac);
        }
        return ScriptedResponse.of(200, "application/x-www-form-urlencoded;charset=GBK",
                form.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Under {@link Fault#INVALID_CHARSET_BYTES}: the body with {@link #INVALID_BYTE} right after the marker. */
    private byte[] invalidInComment(byte[] body, String marker) {
        if (fault.get() != Fault.INVALID_CHARSET_BYTES) {
            return body;
        }
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + m.length <= body.length; i++) {
            if (java.util.Arrays.equals(body, i, i + m.length, m, 0, m.length)) {
                int at = i + m.length;
                byte[] out = new byte[body.length + 1];
                System.arraycopy(body, 0, out, 0, at);
                out[at] = INVALID_BYTE;
                System.arraycopy(body, at, out, at + 1, body.length - at);
                return out;
            }
        }
        return body;
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
        byte[] body;
        if (type.contains("json")) {
            try {
                JsonNode root = json.readTree(answer.body());
                if (!(root instanceof ObjectNode obj)) {
                    return answer;
                }
                Map<String, String> scalars = new LinkedHashMap<>();
                obj.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getKey().equals("sign")) {
                        scalars.put(e.getKey(), e.getValue().asText());
                    }
                });
                if (signResult && obj.get("result") instanceof ObjectNode result) {
                    scalars.put("result.id", result.path("id").asText(""));
                    scalars.put("result.comment", result.path("comment").asText(""));
                }
                obj.put("sign", md5Hex(schemeContent(sortedFields(scalars), StandardCharsets.UTF_8)));
                body = json.writeValueAsBytes(obj);
            } catch (java.io.IOException e) {
                return answer;
            }
        } else if (type.contains("x-www-form-urlencoded")) {
            byte[] document = null;
            for (String pair : new String(answer.body(), StandardCharsets.US_ASCII).split("&")) {
                if (pair.startsWith("xml=")) {
                    document = percentDecode(pair.substring(4));
                }
            }
            if (document == null) {
                return answer;
            }
            Map<String, String> scalars = new LinkedHashMap<>();
            try {
                NodeList children = domBuilder().parse(new ByteArrayInputStream(document)).getDocumentElement().getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if (children.item(i) instanceof Element e && e.getElementsByTagName("*").getLength() == 0) {
                        scalars.put(e.getTagName(), e.getTextContent());
                    } else if (signResult && children.item(i) instanceof Element e && e.getTagName().equals("result")) {
                        for (String name : List.of("id", "comment")) {
                            NodeList n = e.getElementsByTagName(name);
                            scalars.put("result." + name, n.getLength() == 0 ? "" : n.item(0).getTextContent());
                        }
                    }
                }
            } catch (Exception e) {
                return answer;
            }
            String mac = md5Hex(scheme == Scheme.MD5_WRAPPED ? wrap(document) : schemeContent(sortedFields(scalars), GBK));
            body = ("xml=" + percentEncode(document) + "&mac=" + mac).getBytes(StandardCharsets.US_ASCII);
        } else {
            return answer;
        }
        return new dev.complaintkit.port.HttpTransport.Response(answer.status(), answer.headers(), body);
    }

    // ------------------------------------------------------------------ the simulator's own wire helpers

    /** Non-empty fields except sign, sorted by name (ASCII), joined k=v&k=v. */
    private static String sortedFields(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                sorted.put(k, v);
            }
        });
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return sb.toString();
    }

    private byte[] schemeContent(String canonical, Charset cs) {
        String text = scheme == Scheme.MD5_SORTED_KEY ? canonical + "&key=" + secretText
                : secretText + canonical + secretText;
        return text.getBytes(cs);
    }

    private byte[] wrap(byte[] document) {
        byte[] key = secretText.getBytes(GBK);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(key);
        out.writeBytes(document);
        out.writeBytes(key);
        return out.toByteArray();
    }

    private static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String flip(String hex) {
        char c = hex.charAt(0);
        return (c == '0' ? '1' : '0') + hex.substring(1);
    }

    /** @return the bytes, or {@code null} when an escape is broken */
    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String percentEncode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int u = b & 0xFF;
            if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' || u == '_'
                    || u == '.' || u == '*') {
                sb.append((char) u);
            } else if (u == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(u & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Charset charsetOf(String contentType, Charset fallback) {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring(8).trim());
                } catch (IllegalArgumentException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static DocumentBuilder domBuilder() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        f.setCoalescing(false);
        return f.newDocumentBuilder();
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
        private boolean signResult;
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
         * @param include whether answer signatures also cover {@code result.id} and {@code result.comment},
         *     flattened under those names into the sorted field string (default false: top-level scalars only)
         * @return this
         */
        public Builder signResult(boolean include) {
            this.signResult = include;
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
