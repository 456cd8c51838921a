package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.ComplaintReplyPort;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The Yima adapter (not API): replies through {@code risk_complaints_resp_request}, in JSON (with
 * {@code sign}) or as GBK XML posted as the form {@code xml=…&mac=…}. One call is one exchange; the
 * client retries, always with the same {@code transaction_id}.
 */
public final class YimaAdapter implements ProviderAdapter, ComplaintReplyPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.yima");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final int MAX_LISTED_CHARACTERS = 5;

    private final YimaConfig config;
    private final ProviderContext context;
    private final Md5Signer signer;
    private final JsonCodec json;
    /** The XML codec, or {@code null} for a JSON client (which never uses it). */
    private final GbkXmlCodec xml;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param config the validated settings
     * @param context transport, clock and time-out
     */
    public YimaAdapter(YimaConfig config, ProviderContext context) {
        this.config = config;
        this.context = context;
        this.signer = new Md5Signer(config.signScheme(), config.secret(), config.messageCharset());
        this.json = new JsonCodec(config.charset());
        // Jackson XML and StAX cost a cold JVM ~0.1-0.25 s to set up: only an XML client pays for them
        this.xml = config.format() == Format.XML ? GbkXmlCodec.forYima() : null;
    }

    @Override
    public Optional<ComplaintReplyPort> replies() {
        return Optional.of(this);
    }

    // ---------------------------------------------------------------- validation

    @Override
    public List<Violation> validateReply(ReplyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            return v;
        }
        Charset cs = config.messageCharset();
        if (request.complaintId() != null) {
            String id = request.complaintId().value();
            if (id.length() > YimaWire.MAX_COMPLAINT_ID) {
                v.add(new Violation("complaintId", "max-length", "must be at most " + YimaWire.MAX_COMPLAINT_ID
                        + " characters for Yima's complaint_id (was " + id.length() + ")"));
            }
            characters("complaintId", id, cs, v);
            if (id.indexOf('&') >= 0 || id.indexOf('=') >= 0) {
                v.add(new Violation("complaintId", "forbidden-character", "must not contain '&' or '=': Yima signs "
                        + "complaint_id as k=v&k=v and echoes it in the answer, which could then not be verified"));
            }
        }
        characters("text", request.text(), cs, v);
        List<String> images = request.imageMediaIds();
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (image != null && image.contains(YimaWire.IMAGE_SEPARATOR)) {
                v.add(new Violation("imageMediaIds[" + i + "]", "forbidden-character",
                        "must not contain '|', the separator of Yima's response_images (was '" + image + "')"));
            }
            characters("imageMediaIds[" + i + "]", image, cs, v);
        }
        request.jumpLink().ifPresent(link -> {
            characters("jumpLink.url", link.url(), cs, v);
            characters("jumpLink.text", link.text(), cs, v);
        });
        request.idempotencyKey().filter(k -> !k.isBlank()).ifPresent(key -> {
            if (key.length() > YimaWire.MAX_TRANSACTION_ID) {
                v.add(new Violation("idempotencyKey", "max-length", "must be at most " + YimaWire.MAX_TRANSACTION_ID
                        + " characters: it is sent as Yima's transaction_id (was " + key.length() + ")"));
            }
            if (!KEY.matcher(key).matches()) {
                v.add(new Violation("idempotencyKey", "pattern",
                        "may hold only letters, digits, '_' and '-': it is sent as Yima's transaction_id"));
            }
        });
        return v;
    }

    private void characters(String field, String value, Charset cs, List<Violation> v) {
        if (value == null) {
            return;
        }
        List<Integer> bad = Texts.unencodable(value, cs, MAX_LISTED_CHARACTERS);
        if (!bad.isEmpty()) {
            v.add(new Violation(field, "charset", "contains " + String.join(", ", bad.stream().map(Texts::describe).toList())
                    + ", which " + cs.name() + " cannot encode" + (config.format() == Format.XML
                    ? " (Yima's XML messages are GBK)" : " (yima.charset is " + cs.name() + ")")));
        }
        if (config.format() == Format.XML) {
            OptionalInt nonXml = Texts.firstNonXml(value);
            if (nonXml.isPresent()) {
                v.add(new Violation(field, "xml-character", "contains " + Texts.describe(nonXml.getAsInt())
                        + ", which an XML document cannot carry"));
            }
        }
    }

    /** @return {@code ck} + Beijing time {@code yyyyMMddHHmmss} + 16 random hex digits: 32 characters */
    @Override
    public String newIdempotencyKey() {
        byte[] r = new byte[8];
        random.nextBytes(r);
        return "ck" + KEY_TIME.format(context.clock().instant()) + HexFormat.of().formatHex(r);
    }

    // ---------------------------------------------------------------- the exchange

    @Override
    public ReplyReceipt reply(ReplyRequest request) {
        if (request == null || request.complaintId() == null || request.text() == null) {
            // the client never calls with these missing; a direct caller gets the typed error, not an NPE
            throw new ValidationException(List.of(new Violation("request", "required",
                    "needs a complaint id and a text")));
        }
        List<Violation> own = validateReply(request);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        String transactionId = request.idempotencyKey().filter(k -> !k.isBlank()).orElseGet(this::newIdempotencyKey);
        Map<String, String> fields = requestFields(request, transactionId);
        HttpTransport.Request http;
        try {
            http = config.format() == Format.JSON ? jsonRequest(fields) : xmlRequest(fields);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new Violation("request", "charset",
                    "holds a character " + config.messageCharset().name() + " cannot encode")));
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "reply to complaint " + request.complaintId() + " as transaction_id "
                + transactionId + " (" + config.format() + ")");
        HttpTransport.Response response = context.transport().exchange(http);
        Map<String, Object> answer = readAnswer(response);
        return interpret(answer, request, fields);
    }

    private Map<String, String> requestFields(ReplyRequest r, String transactionId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(YimaWire.F_REQUEST_TYPE, YimaWire.REQUEST_TYPE);
        f.put(YimaWire.F_ISSPID, config.isspid());
        f.put(YimaWire.F_TRANSACTION_ID, transactionId);
        f.put(YimaWire.F_SYSTEM_ID, config.systemId());
        f.put(YimaWire.F_SELLER_ACCOUNT, config.sellerAccount());
        f.put(YimaWire.F_COMPLAINT_ID, r.complaintId().value());
        f.put(YimaWire.F_RESPONSE_CONTENT, r.text());
        if (!r.imageMediaIds().isEmpty()) {
            f.put(YimaWire.F_RESPONSE_IMAGES, String.join(YimaWire.IMAGE_SEPARATOR, r.imageMediaIds()));
        }
        if (r.jumpLink().isPresent()) {
            JumpLink link = r.jumpLink().get();
            f.put(YimaWire.F_JUMP_URL, link.url());
            f.put(YimaWire.F_JUMP_URL_TEXT, link.text());
        }
        return f;
    }

    private HttpTransport.Request jsonRequest(Map<String, String> fields) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put(YimaWire.F_SIGN, signer.sign(Md5Signer.canonical(fields).getBytes(json.charset())));
        return new HttpTransport.Request("POST", config.endpoint(),
                Map.of("Content-Type", json.contentType(), "Accept", "application/json"),
                json.encode(signed), context.requestTimeout());
    }

    private HttpTransport.Request xmlRequest(Map<String, String> fields) {
        String document = xml.encodeText(fields);
        byte[] documentBytes = JsonCodec.strictEncode(document, Texts.GBK);
        String mac = config.signScheme() == SignScheme.MD5_WRAPPED
                ? signer.sign(documentBytes)
                : signer.sign(Md5Signer.canonical(fields).getBytes(Texts.GBK));
        String body = YimaWire.FORM_XML + "=" + URLEncoder.encode(document, Texts.GBK)
                + "&" + YimaWire.FORM_MAC + "=" + mac;
        return new HttpTransport.Request("POST", config.endpoint(),
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=GBK"),
                body.getBytes(StandardCharsets.US_ASCII), context.requestTimeout());
    }

    // ---------------------------------------------------------------- the answer

    private Map<String, Object> readAnswer(HttpTransport.Response response) {
        boolean ok = response.status() >= 200 && response.status() < 300;
        Map<String, Object> fields;
        try {
            fields = config.format() == Format.JSON ? readJson(response) : readXml(response);
        } catch (ProviderException e) {
            if (ok) {
                throw e;
            }
            throw httpError(response);
        }
        if (!ok && !(fields.get(YimaWire.F_RESULT) instanceof Map<?, ?>)) {
            throw httpError(response);
        }
        return fields;
    }

    private ProviderException httpError(HttpTransport.Response response) {
        int status = response.status();
        String message = "HTTP " + status + " from the Yima gateway, without a Yima answer";
        if (status == 429) {
            return new RateLimitedException(YimaWire.PROVIDER, "HTTP_429", message, null);
        }
        // a reply repeated with the same transaction_id is safe, so server-side failures may be retried
        return new ProviderException(YimaWire.PROVIDER, "HTTP_" + status, message, status >= 500);
    }

    private Map<String, Object> readJson(HttpTransport.Response response) {
        Charset cs = charsetOf(response).orElse(json.charset());
        Map<String, Object> fields = (cs.equals(json.charset()) ? json : new JsonCodec(cs)).decode(response.body());
        Object sign = fields.get(YimaWire.F_SIGN);
        if (sign == null || (sign instanceof String s && s.isBlank())) {
            unsigned(fields);
        } else {
            Md5Signer verifier = cs.equals(config.messageCharset()) ? signer
                    : new Md5Signer(config.signScheme(), config.secret(), cs);
            byte[] canonical = Md5Signer.canonical(signedFields(fields)).getBytes(cs);
            if (!(sign instanceof String s) || !verifier.verify(canonical, s)) {
                throw new SignatureException(YimaWire.PROVIDER, "the answer's sign does not verify (scheme "
                        + config.signScheme() + "); check yima.secret and yima.sign-scheme");
            }
        }
        return fields;
    }

    private void unsigned(Map<String, Object> fields) {
        if (config.responseSignature() == ResponseSignature.WARN) {
            LOG.log(System.Logger.Level.WARNING, "[yima] using an answer that carries no sign"
                    + (config.format() == Format.XML ? " (mac)" : "") + ", because "
                    + "yima.response-signature=warn; it could have been altered on the way");
            return;
        }
        if (YimaWire.SUCCESS.equals(resultId(fields))) {
            throw new SignatureException(YimaWire.PROVIDER, "the answer carries no sign"
                    + (config.format() == Format.XML ? " (no mac: a bare XML body or a form without mac)" : "")
                    + "; refusing an unsigned success (set yima.response-signature=warn only if your gateway never "
                    + "signs answers)");
        }
        // an unsigned error answer is reported as the error it is: trusting it cannot accept a reply
        LOG.log(System.Logger.Level.DEBUG, "[yima] the error answer carries no sign");
    }

    private Map<String, Object> readXml(HttpTransport.Response response) {
        byte[] body = response.body();
        byte[] document;
        String mac = null;
        if (startsWithMarkup(body)) {
            document = body;
        } else {
            Map<String, String> form = form(new String(body, StandardCharsets.ISO_8859_1));
            String encoded = form.get(YimaWire.FORM_XML);
            if (encoded == null) {
                throw new ProviderException(YimaWire.PROVIDER, YimaWire.INVALID_RESPONSE,
                        "the answer is neither XML nor the form xml=…&mac=…", false);
            }
            document = encoded.getBytes(StandardCharsets.ISO_8859_1);
            mac = form.get(YimaWire.FORM_MAC);
        }
        Map<String, Object> fields = xml.decode(document);
        if (mac == null || mac.isBlank()) {
            // a bare XML body (the seed's XML answer) or a form without mac: nothing proves who wrote it
            unsigned(fields);
        } else {
            // MD5_WRAPPED covers the document as received, every node of it; MD5_SORTED_KEY the sorted field string
            byte[] signed = config.signScheme() == SignScheme.MD5_WRAPPED ? document
                    : Md5Signer.canonical(signedFields(fields)).getBytes(Texts.GBK);
            if (!signer.verify(signed, mac)) {
                throw new SignatureException(YimaWire.PROVIDER, "the answer's mac does not verify (scheme "
                        + config.signScheme() + "); check yima.secret and yima.sign-scheme");
            }
        }
        return fields;
    }

    /** Parses a form body to raw values: each value's percent-escapes become bytes kept 1:1 as ISO-8859-1 chars. */
    private static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.ISO_8859_1),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw new ProviderException(YimaWire.PROVIDER, YimaWire.INVALID_RESPONSE,
                        "the answer's form encoding is broken", false);
            }
        }
        return out;
    }

    private static boolean startsWithMarkup(byte[] body) {
        for (byte b : body) {
            if (b == '<') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    private static Optional<Charset> charsetOf(HttpTransport.Response response) {
        return response.header("Content-Type").flatMap(ct -> {
            for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Optional.of(Charset.forName(p.substring(8).replace("\"", "").trim()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The fields a sorted-field signature of an answer covers: the top-level scalar fields, and with
     * {@code yima.sign-result} also {@code result.id} and {@code result.comment}. Refuses what would make
     * the {@code k=v&k=v} string ambiguous, so that no other answer signs alike: a name holding '&' or
     * '=', a value holding '&', a '=' in a field whose format has none (every field but the free-text
     * comment and nodes this client does not know), and — with {@code yima.sign-result} — a top-level
     * field named like a flattened one.
     */
    private Map<String, String> signedFields(Map<String, Object> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, s);
            }
        });
        if (config.signResult()) {
            for (String name : YimaWire.FLATTENED_RESULT) {
                if (out.containsKey(name)) {
                    throw ambiguous("carries a top-level field named " + name + ", like a flattened result field");
                }
            }
            if (fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result) {
                putIfText(out, YimaWire.F_RESULT + "." + YimaWire.F_RESULT_ID, result.get(YimaWire.F_RESULT_ID));
                putIfText(out, YimaWire.F_RESULT + "." + YimaWire.F_RESULT_COMMENT, result.get(YimaWire.F_RESULT_COMMENT));
            }
        }
        out.forEach((k, v) -> {
            if (k.indexOf('&') >= 0 || k.indexOf('=') >= 0) {
                throw ambiguous("has a signed field whose name holds '&' or '='");
            }
            if (v.indexOf('&') >= 0) {
                throw ambiguous("holds '&' in its signed field " + k);
            }
            if (v.indexOf('=') >= 0 && YimaWire.NO_EQUALS.contains(k)) {
                throw ambiguous("holds '=' in its signed field " + k + ", whose format has none");
            }
        });
        return out;
    }

    private static void putIfText(Map<String, String> out, String name, Object value) {
        if (value instanceof String s) {
            out.put(name, s);
        }
    }

    private static SignatureException ambiguous(String what) {
        return new SignatureException(YimaWire.PROVIDER, "the answer " + what + ": its signed string k=v&k=v "
                + "would also be another answer's, so the signature cannot bind it; refused");
    }

    private static String resultId(Map<String, Object> fields) {
        return fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result ? text(result.get(YimaWire.F_RESULT_ID)) : "";
    }

    private static String text(Object o) {
        return o instanceof String s ? s.trim() : "";
    }

    private ReplyReceipt interpret(Map<String, Object> fields, ReplyRequest request, Map<String, String> sent) {
        String transactionId = sent.get(YimaWire.F_TRANSACTION_ID);
        if (!(fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result)) {
            throw new ProviderException(YimaWire.PROVIDER, YimaWire.INVALID_RESPONSE, "the answer carries no result", false);
        }
        String id = text(result.get(YimaWire.F_RESULT_ID));
        String comment = result.get(YimaWire.F_RESULT_COMMENT) instanceof String c ? c : "";
        if (id.isEmpty()) {
            throw new ProviderException(YimaWire.PROVIDER, YimaWire.INVALID_RESPONSE, "the answer carries no result.id", false);
        }
        boolean success = YimaWire.SUCCESS.equals(id);
        for (String name : YimaWire.ECHOES) {
            String expected = name.equals(YimaWire.F_RESPONSE_TYPE) ? YimaWire.RESPONSE_TYPE : sent.get(name);
            bindEcho(fields, name, expected, success);
        }
        if (!success) {
            throw new ProviderException(YimaWire.PROVIDER, id, comment, false);
        }
        return new ReplyReceipt(request.complaintId(), YimaWire.PROVIDER, transactionId, id, comment);
    }

    /**
     * An echo present in the answer must equal what was sent; a success must carry every echo the
     * protocol always sends, so that it cannot be an answer to another request.
     */
    private static void bindEcho(Map<String, Object> fields, String name, String expected, boolean success) {
        Object value = fields.get(name);
        String echoed = text(value);
        if (echoed.isEmpty()) {
            if (success) {
                throw invalid("the success answer carries no usable " + name + " (the protocol always echoes it), "
                        + "so it cannot be bound to this reply; refused");
            }
            return;
        }
        if (echoed.equals(expected)) {
            return;
        }
        if (name.equals(YimaWire.F_RESPONSE_TYPE)) {
            throw invalid("the answer is a '" + echoed + "', not a " + YimaWire.RESPONSE_TYPE + "; check yima.endpoint");
        }
        if (name.equals(YimaWire.F_COMPLAINT_ID)) {
            throw invalid("the answer is for complaint_id " + echoed + ", not " + expected + " (a transaction_id "
                    + "reused for another reply is answered with the first reply's outcome; this reply was not made)");
        }
        if (name.equals(YimaWire.F_TRANSACTION_ID)) {
            throw invalid("the answer is for transaction_id " + echoed + ", not " + expected);
        }
        throw invalid("the answer's " + name + " is not the one sent (yima." + name.replace('_', '-') + ")");
    }

    private static ProviderException invalid(String message) {
        return new ProviderException(YimaWire.PROVIDER, YimaWire.INVALID_RESPONSE, message, false);
    }

    @Override
    public String toString() {
        return "YimaAdapter[" + config.endpoint() + ", " + config.format() + ", " + config.signScheme() + "]";
    }
}
