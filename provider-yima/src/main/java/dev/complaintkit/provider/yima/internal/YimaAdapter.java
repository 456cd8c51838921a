/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.JumpLink;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.ComplaintDetailPort;
import dev.complaintkit.port.ReplyPort;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
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
 * The Yima adapter (not API): reads a complaint's detail through {@code risk_complaints_detail_request}
 * (4.71) and replies through {@code risk_complaints_resp_request} (4.73), in the wire format
 * chosen once at creation ({@link WireFormat}: JSON with {@code sign}, or GBK XML posted as the form
 * {@code xml=…&mac=…}), each run through core's shared {@link Exchange}. One call is one exchange; the client retries, always with the same
 * {@code transaction_id}, which Yima takes as the idempotency key ({@link WriteSafety#KEYED}).
 */
public final class YimaAdapter implements ProviderAdapter, ReplyPort, ComplaintDetailPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.yima");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneId.of("Asia/Shanghai"));

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
        this.wire = WireFormat.of(config, context);
    }

    /** @return {@link WriteSafety#KEYED}: Yima recognises a repeated reply by its {@code transaction_id} */
    @Override
    public WriteSafety replySafety() {
        return WriteSafety.KEYED;
    }

    // ---------------------------------------------------------------- detail (4.71)

    @Override
    public List<Violation> validateDetail(ComplaintRef complaint) {
        List<Violation> v = new ArrayList<>();
        if (complaint == null) {
            return v;
        }
        if (complaint.id() != null) {
            checkComplaintId(complaint.id().value(), v);
        }
        if (complaint.subMerchant().isPresent()) {
            v.add(new Violation("complaint.subMerchant", "supported", "Yima's detail call has no sub-merchant field: "
                    + "the complaint is looked up under the configured seller_account; leave it unset"));
        }
        return v;
    }

    /**
     * Reads one complaint through {@code yima.detail-request-type} (default
     * {@code risk_complaints_detail_request}) with a fresh {@code transaction_id}; the answer's nested
     * {@code detail} is mapped onto the model. A read: the client may repeat it freely.
     */
    @Override
    public ComplaintDetail detail(ComplaintRef complaint) {
        if (complaint == null || complaint.id() == null) {
            throw new ValidationException(List.of(new Violation("complaintId", "required", "is required")));
        }
        List<Violation> own = validateDetail(complaint);
        if (!own.isEmpty()) {
            throw new ValidationException(own);
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put(YimaWire.F_REQUEST_TYPE, config.detailRequestType().wire());
        f.put(YimaWire.F_ISSPID, config.isspid());
        f.put(YimaWire.F_TRANSACTION_ID, newIdempotencyKey());
        f.put(YimaWire.F_SYSTEM_ID, config.systemId());
        f.put(YimaWire.F_SELLER_ACCOUNT, config.sellerAccount());
        f.put(YimaWire.F_COMPLAINT_ID, complaint.id().value());
        return DetailMapper.detail(wire.send(f).fields(), complaint.id());
    }

    // ---------------------------------------------------------------- validation

    private void checkComplaintId(String id, List<Violation> v) {
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

    @Override
    public List<Violation> validateReply(ReplyRequest request) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            return v;
        }
        if (request.complaintId() != null) {
            checkComplaintId(request.complaintId().value(), v);
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
        LOG.log(System.Logger.Level.DEBUG, () -> "reply to complaint " + request.complaintId() + " as transaction_id "
                + transactionId + " (" + wire + ")");
        // a non-2xx answer without a result is core's status error (408/5xx retried, 429 honouring Retry-After):
        // repeating is safe because every attempt carries the same transaction_id
        Exchange.Answer answer = wire.send(fields);
        Map<String, Object> result = answer.object(YimaWire.F_RESULT);
        return new ReplyReceipt(request.complaintId(), YimaWire.PROVIDER, transactionId,
                YimaWire.text(result.get(YimaWire.F_RESULT_ID)),
                result.get(YimaWire.F_RESULT_COMMENT) instanceof String c ? c : "");
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

    @Override
    public String toString() {
        return "YimaAdapter[" + config.endpoint() + ", " + wire + "]";
    }
}
