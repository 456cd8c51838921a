/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.SharedState;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's provider contract, against {@link WechatPaySimulator} in both verification modes.
 * The faults section reads a history page through a second client with 2 attempts 1 to 5 ms apart
 * and a 500 ms time-out, so every fault ends quickly.
 */
class WechatPayContractTest {
    static final RetryPolicy FAULT_RETRIES = RetryPolicy.defaults().withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    @Nested
    @DisplayName("public-key mode")
    class PublicKeyMode extends ProviderContract {
        private SimHarness h;
        private ComplaintClient faults;

        @Override
        protected ContractSubject subject() {
            h = SimHarness.start();
            faults = faultClient(h.config);
            return subjectOf(h, faults);
        }

        @Override
        protected void release() {
            try {
                faults.close();
            } finally {
                h.close();
            }
        }
    }

    @Nested
    @DisplayName("certificate mode")
    class CertificateMode extends ProviderContract {
        private SimHarness h;
        private ComplaintClient faults;

        @Override
        protected ContractSubject subject() {
            h = SimHarness.start(b -> b.signingMode(WechatPaySimulator.SigningMode.CERTIFICATE),
                    c -> WechatPayConfig.builder().endpoint(c.build().endpoint()).mchid(WechatPayTestKeys.MCHID)
                            .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                            .apiV3Key(dev.complaintkit.Secret.of(WechatPayTestKeys.API_V3_KEY))
                            .platformCertificates(WechatPayTestKeys.platformCertificate()),
                    c -> c);
            faults = faultClient(h.config);
            return subjectOf(h, faults);
        }

        @Override
        protected void release() {
            try {
                faults.close();
            } finally {
                h.close();
            }
        }
    }

    static ComplaintClient faultClient(WechatPayConfig config) {
        return Complaints.builder().provider(new WechatPayProvider()).config(config).sharedState(SharedState.isolated())
                .retryPolicy(FAULT_RETRIES).requestTimeout(Duration.ofMillis(500)).build();
    }

    static ContractSubject subjectOf(SimHarness h, ComplaintClient faults) {
        h.sim.stallFor(Duration.ofSeconds(1));
        String refund = h.id(WechatPayFixtures.REFUND);
        ComplaintId history = ComplaintId.of(refund);
        NotificationDelivery valid = SimHarness.delivery(h.sim.notification(refund, "USER_RESPONSE"));
        String key = WechatPayTestKeys.merchantPrivateKey();
        return ContractSubject.builder(new WechatPayProvider(), h.client)
                .config(h.config)
                .exchanges(h.sim::requestCount)
                .complaintTotal(6)
                .detailOf(refund)
                .historyOf(refund, h.seeds.get(WechatPayFixtures.REFUND).historySize())
                .replyTo(refund)
                .notifications(() -> valid, () -> SimHarness.delivery(h.sim.notification(refund, "USER_RESPONSE",
                        WechatPaySimulator.NotificationVariant.TAMPERED)))
                .secrets(WechatPayTestKeys.API_V3_KEY, key.substring(key.length() / 2, key.length() / 2 + 32))
                .faults(h.sim, () -> faults.historyPage(history, PageRequest.first(10)))
                .build();
    }
}
