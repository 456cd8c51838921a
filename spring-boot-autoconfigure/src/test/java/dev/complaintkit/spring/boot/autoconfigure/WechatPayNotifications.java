/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real WeChat Pay notifications for the tests: signed and AES-GCM-encrypted by the test kit's server side. */
final class WechatPayNotifications {
    static final WechatPayServerCrypto SERVER = WechatPayServerCrypto.forTestMerchant();

    /** The properties of one WeChat Pay client on the test kit's merchant, keys read from the class path. */
    static String[] client(String name) {
        String p = "complaintkit.clients." + name + ".";
        String keys = "classpath:dev/complaintkit/testkit/wechatpay/keys/";
        return new String[] {
            p + "provider=wechatpay",
            p + "mchid=" + WechatPayTestKeys.MCHID,
            p + "merchant-serial=" + WechatPayTestKeys.MERCHANT_SERIAL,
            p + "private-key=" + keys + "merchant-private.pem",
            p + "api-v3-key=" + WechatPayTestKeys.API_V3_KEY,
            p + "platform-public-key-id=" + WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID,
            p + "platform-public-key=" + keys + "platform-public.pem",
        };
    }

    /** A notification body: {@code COMPLAINT.CREATE} for the complaint, with that event id. */
    static byte[] body(String eventId, String complaintId) {
        return SERVER.complaintNotification(eventId, OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).toString(),
                "COMPLAINT.CREATE", "a complaint", "nonce1234567", complaintId, "CREATE_COMPLAINT");
    }

    /** The five signed Wechatpay-* headers for a body, signed at a time. */
    static Map<String, String> headers(byte[] body, Instant at) {
        return new LinkedHashMap<>(SERVER.signedHeaders(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, at.getEpochSecond(),
                "n" + at.toEpochMilli(), body));
    }

    static NotificationDelivery delivery(String eventId, String complaintId) {
        byte[] body = body(eventId, complaintId);
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers(body, Instant.now()).forEach((k, v) -> h.put(k, List.of(v)));
        h.put("Content-Type", List.of("application/json"));
        return new NotificationDelivery("POST", h, body);
    }

    private WechatPayNotifications() {}
}
