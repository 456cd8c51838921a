/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.error.NotificationRefusedException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import dev.complaintkit.port.Signer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Allinpay's complaint notifications: a form POST ({@code risktype}, {@code resource} = JSON
 * {@code {complaint_id, action_type}}, {@code sign}, and whatever else Allinpay adds), signed like its
 * answers — every non-empty field but {@code sign}, sorted, {@code k=v&…} — and verified with the
 * platform key before anything in it is read. Only {@code risktype} {@code COMPLAINT} and
 * {@code COMPLAINTV2} are complaint events. Allinpay retries a delivery until it is answered exactly
 * {@code success}.
 *
 * <p>Allinpay sends no delivery id: the event id is a digest of the signed string, the same for every
 * repeat of one delivery.
 */
final class Notifications {
    /** The body Allinpay expects for an accepted delivery; anything else makes it deliver again. */
    static final String ACK = "success";
    /** The largest delivery read. */
    static final int MAX_BODY = 64 * 1024;
    private static final Set<String> COMPLAINT_TYPES = Set.of("COMPLAINT", "COMPLAINTV2");

    private final Signer signer;
    private final Clock clock;

    Notifications(Signer signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    ComplaintEvent verify(NotificationDelivery delivery) {
        if (!"POST".equals(delivery.method())) {
            throw refused(NotificationResult.Reason.MALFORMED, "Allinpay notifications are POSTs (was " + delivery.method() + ")");
        }
        byte[] body = delivery.body();
        if (body.length == 0 || body.length > MAX_BODY) {
            throw refused(NotificationResult.Reason.MALFORMED, "the body has " + body.length + " bytes, not 1 to " + MAX_BODY);
        }
        Map<String, String> fields = form(new String(body, StandardCharsets.UTF_8));
        String sign = fields.getOrDefault("sign", "");
        if (sign.isEmpty()) {
            throw refused(NotificationResult.Reason.SIGNATURE, "the delivery carries no sign");
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9_]+") || !e.getKey().equals("sign") && e.getValue().indexOf('&') >= 0) {
                throw refused(NotificationResult.Reason.MALFORMED, "a field name or value would make the signed string ambiguous");
            }
        }
        byte[] signed = AllinpayEnvelope.canonical(fields);
        if (!signer.verify(signed, sign)) {
            throw refused(NotificationResult.Reason.SIGNATURE, "the " + signer.algorithm()
                    + " signature does not verify with the configured allinpay.platform-public-key");
        }
        String risktype = fields.getOrDefault("risktype", "");
        if (!COMPLAINT_TYPES.contains(risktype)) {
            throw refused(NotificationResult.Reason.MALFORMED, "risktype '" + risktype + "' is not a complaint notification "
                    + "(COMPLAINT or COMPLAINTV2)");
        }
        JsonNode resource;
        try {
            resource = Json.mapper().readTree(fields.getOrDefault("resource", ""));
        } catch (IOException e) {
            throw refused(NotificationResult.Reason.MALFORMED, "resource is not JSON");
        }
        String complaintId = resource == null ? "" : resource.path("complaint_id").asText("");
        if (complaintId.isEmpty()) {
            throw refused(NotificationResult.Reason.MALFORMED, "resource carries no complaint_id");
        }
        String action = resource.path("action_type").asText("");
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.remove("sign");
        resource.properties().forEach(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.putIfAbsent(e.getKey(), e.getValue().asText());
            }
        });
        ComplaintEvent.Type type = action.isEmpty() ? ComplaintEvent.Type.UNKNOWN
                : action.equals("CREATE_COMPLAINT") ? ComplaintEvent.Type.CREATED : ComplaintEvent.Type.STATE_CHANGED;
        return new ComplaintEvent("allinpay-" + digest(signed), type, risktype, ComplaintId.of(complaintId), action,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)), AllinpayWire.PROVIDER, out);
    }

    static HttpReply acknowledge() {
        return HttpReply.text(200, "text/plain;charset=UTF-8", ACK);
    }

    static HttpReply refuse() {
        return HttpReply.text(400, "text/plain;charset=UTF-8", "fail");
    }

    /** @return the fields of a form body; a repeated name is refused */
    private static Map<String, String> form(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : text.trim().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (fields.put(name, value) != null) {
                    throw refused(NotificationResult.Reason.MALFORMED, "a field name is repeated");
                }
            } catch (IllegalArgumentException e) {
                throw refused(NotificationResult.Reason.MALFORMED, "the body is not a URL-encoded form");
            }
        }
        return fields;
    }

    private static String digest(byte[] signed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static NotificationRefusedException refused(NotificationResult.Reason reason, String message) {
        return new NotificationRefusedException(reason, "[" + AllinpayWire.PROVIDER + "] " + message);
    }
}
