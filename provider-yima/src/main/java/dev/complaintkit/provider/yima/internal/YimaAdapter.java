/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.HttpAnswers;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Yima adapter (not API): replies through {@code risk_complaints_resp_request}, in the wire format
 * chosen once at creation ({@link WireFormat}: JSON with {@code sign}, or GBK XML posted as the form
 * {@code xml=…&mac=…}). One call is one exchange; the client retries, always with the same
 * {@code transaction_id}, which Yima takes as the idempotency key ({@link WriteSafety#KEYED}).
 */
public final class YimaAdapter implements ProviderAdapter, ReplyPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.yima");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final String WHAT = "the Yima gateway (" + YimaWire.REQUEST_TYPE + ")";

    private final YimaConfig config;
    private final ProviderContext context;
    private final WireFormat wire;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param config the validated settings
     * @param context transport, clock and time-out
     */
    public YimaAdapter(YimaConfig config, ProviderContext context) {
        this.config = config;
        this.context = context;
        this.wire = WireFormat.of(config);
    }

    /** @return {@link WriteSafety#KEYED}: Yima recognises a repeated reply by its {@code transaction_id} */
    @Override
    public WriteSafety replySafety() {
        return WriteSafety.KEYED;
    }

    // ---------------------------------------------------------------- validation

    @Override
    public List<Violation> validateReply(ReplyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            return v;
        }
        if (request.complaintId() != null) {
            String id = request.complaintId().value();
            if (id.length() > YimaWire.MAX_COMPLAINT_ID) {
                v.add(new Violation("complaintId", "max-length", "must be at most " + YimaWire.MAX_COMPLAINT_ID
                        + " characters for Yima's complaint_id (was " + id.length() + ")"));
            }
            wire.checkText("complaintId", id, v);
            if (id.indexOf('&') >= 0 || id.indexOf('=') >= 0) {
                v.add(new Violation("complaintId", "forbidden-character", "must not contain '&' or '=': Yima signs "
                        + "complaint_id as k=v&k=v and echoes it in the answer, which could then not be verified"));
            }
        }
        wire.checkText("text", request.text(), v);
        List<String> images = request.imageMediaIds();
        for (int i = 0; i < images.size(); i++) {
            String image = images.get(i);
            if (image != null && image.contains(YimaWire.IMAGE_SEPARATOR)) {
                v.add(new Violation("imageMediaIds[" + i + "]", "forbidden-character",
                        "must not contain '|', the separator of Yima's response_images (was '" + image + "')"));
            }
            wire.checkText("imageMediaIds[" + i + "]", image, v);
        }
        request.jumpLink().ifPresent(link -> {
            wire.checkText("jumpLink.url", link.url(), v);
            wire.checkText("jumpLink.text", link.text(), v);
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
            http = wire.request(fields, context);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(new Violation("request", "charset",
                    "holds a character " + config.messageCharset().name() + " cannot encode")));
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "reply to complaint " + request.complaintId() + " as transaction_id "
                + transactionId + " (" + wire + ")");
        return interpret(readAnswer(context.transport().exchange(http)), request, fields);
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

    // ---------------------------------------------------------------- the answer

    /**
     * A Yima answer is used whatever the HTTP status when it carries a {@code result}; a non-2xx answer
     * without one (a proxy's page, a gateway's bare status) is the shared status error: 408 and 5xx
     * retryable, 429 rate-limited honouring {@code Retry-After}, other statuses not retried. Repeating
     * is safe because every attempt carries the same {@code transaction_id}.
     */
    private Map<String, Object> readAnswer(HttpTransport.Response response) {
        boolean ok = HttpAnswers.isSuccess(response.status());
        Map<String, Object> fields;
        try {
            fields = wire.read(response);
        } catch (ProviderException e) {
            if (ok) {
                throw e;
            }
            throw HttpAnswers.statusError(YimaWire.PROVIDER, response, WHAT, null);
        }
        if (!ok && !(fields.get(YimaWire.F_RESULT) instanceof Map<?, ?>)) {
            throw HttpAnswers.statusError(YimaWire.PROVIDER, response, WHAT, null);
        }
        return fields;
    }

    private ReplyReceipt interpret(Map<String, Object> fields, ReplyRequest request, Map<String, String> sent) {
        String transactionId = sent.get(YimaWire.F_TRANSACTION_ID);
        if (!(fields.get(YimaWire.F_RESULT) instanceof Map<?, ?> result)) {
            throw YimaWire.notEnvelope("the answer carries no result");
        }
        String id = YimaWire.text(result.get(YimaWire.F_RESULT_ID));
        String comment = result.get(YimaWire.F_RESULT_COMMENT) instanceof String c ? c : "";
        if (id.isEmpty()) {
            throw YimaWire.notEnvelope("the answer carries no result.id");
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
        String echoed = YimaWire.text(fields.get(name));
        if (echoed.isEmpty()) {
            if (success) {
                throw YimaWire.notEnvelope("the success answer carries no usable " + name + " (the protocol always "
                        + "echoes it), so it cannot be bound to this reply; refused");
            }
            return;
        }
        if (echoed.equals(expected)) {
            return;
        }
        if (name.equals(YimaWire.F_RESPONSE_TYPE)) {
            throw YimaWire.notEnvelope("the answer is a '" + echoed + "', not a " + YimaWire.RESPONSE_TYPE
                    + "; check yima.endpoint");
        }
        if (name.equals(YimaWire.F_COMPLAINT_ID)) {
            throw YimaWire.notEnvelope("the answer is for complaint_id " + echoed + ", not " + expected + " (a "
                    + "transaction_id reused for another reply is answered with the first reply's outcome; this reply "
                    + "was not made)");
        }
        if (name.equals(YimaWire.F_TRANSACTION_ID)) {
            throw YimaWire.notEnvelope("the answer is for transaction_id " + echoed + ", not " + expected);
        }
        throw YimaWire.notEnvelope("the answer's " + name + " is not the one sent (yima." + name.replace('_', '-') + ")");
    }

    @Override
    public String toString() {
        return "YimaAdapter[" + config.endpoint() + ", " + wire + "]";
    }
}
