/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator.Delivery;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator.NotificationVariant;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official {@code wechatpay-java} 0.2.17 {@code NotificationParser} — WeChat Pay's own SDK, with
 * its own signature check, timestamp window and AES-256-GCM — verifies and decrypts the notifications
 * the test kit's {@link WechatPaySimulator} sends, and refuses its bad variants.
 */
@DisplayName("wechatpay-java 0.2.17 NotificationParser on WechatPaySimulator's notifications")
class WechatPayJavaNotificationTest {
    private final LocalDate today = LocalDate.now(WechatPaySimulator.SHANGHAI);
    private WechatPaySimulator simulator;
    private NotificationParser parser;

    @BeforeEach
    void start() {
        simulator = WechatPaySimulator.builder().complaints(WechatPayFixtures.sixtyDays(today)).build().start();
        parser = new NotificationParser(new RSAPublicKeyConfig.Builder()
                .merchantId(WechatPayTestKeys.MCHID)
                .merchantSerialNumber(WechatPayTestKeys.MERCHANT_SERIAL)
                .privateKey(WechatPayTestKeys.merchantPrivateKey())
                .publicKeyId(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID)
                .publicKey(WechatPayTestKeys.platformPublicKey())
                .apiV3Key(WechatPayTestKeys.API_V3_KEY)
                .build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static RequestParam param(Delivery delivery) {
        Map<String, String> h = delivery.headers();
        return new RequestParam.Builder()
                .serialNumber(h.get("Wechatpay-Serial"))
                .nonce(h.get("Wechatpay-Nonce"))
                .timestamp(h.get("Wechatpay-Timestamp"))
                .signature(h.get("Wechatpay-Signature"))
                .signType(h.getOrDefault("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"))
                .body(new String(delivery.body(), StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void verifiesAndDecryptsAComplaintNotification() {
        String id = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        Delivery delivery = simulator.notification(id, "CREATE_COMPLAINT");

        @SuppressWarnings("unchecked")
        Map<String, Object> resource = parser.parse(param(delivery), Map.class);

        assertThat(resource).containsEntry("complaint_id", id).containsEntry("action_type", "CREATE_COMPLAINT");
        assertThat(delivery.eventType()).isEqualTo("COMPLAINT.CREATE");
    }

    @ParameterizedTest
    @EnumSource(value = NotificationVariant.class, names = {"BAD_SIGNATURE", "TAMPERED", "PROBE", "MISSING_SIGNATURE"})
    void refusesTheSimulatorsBadVariants(NotificationVariant variant) {
        String id = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        Delivery delivery = simulator.notification(id, "CREATE_COMPLAINT", variant);

        assertThatThrownBy(() -> parser.parse(param(delivery), Map.class)).isInstanceOf(RuntimeException.class);
    }

    /**
     * A finding, not a wish: wechatpay-java checks no timestamp window on notifications, so a replayed
     * 6-minute-old delivery parses. complaintkit's inbound port refuses it as STALE
     * ({@code provider-wechatpay}'s notification tests); this pins the peer's behaviour.
     */
    @Test
    void hasNoTimestampWindowSoAStaleNotificationStillParses() {
        String id = WechatPayFixtures.complaintId(today, WechatPayFixtures.REFUND);
        Delivery stale = simulator.notification(id, "CREATE_COMPLAINT", NotificationVariant.STALE);

        @SuppressWarnings("unchecked")
        Map<String, Object> resource = parser.parse(param(stale), Map.class);

        assertThat(resource).containsEntry("complaint_id", id);
    }
}
