/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's provider contract, against the Allinpay simulator, with each sign type. The
 * faults section goes through a second client on the same simulator with a small retry budget
 * (2 attempts, 1 to 5 ms apart) and a short time-out, so that every fault ends quickly.
 */
class AllinpayContractTest {
    static final int HISTORY_SIZE = 7;
    static final RetryPolicy FAULT_RETRIES = RetryPolicy.defaults().withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    static final Duration FAULT_TIMEOUT = Duration.ofMillis(500);

    /** The contract for one sign type: a fresh simulator and clients per test. */
    abstract static class SignTypeContract extends ProviderContract {
        private final String signType;
        private Harness h;
        private ComplaintClient faults;

        SignTypeContract(String signType) {
            this.signType = signType;
        }

        @Override
        protected ContractSubject subject() {
            h = Harness.start(signType, ComplaintStore.create().seed(3, HISTORY_SIZE));
            faults = faultClient(h);
            return subjectOf(h, signType, faults);
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
    @DisplayName("RSA")
    class Rsa extends SignTypeContract {
        Rsa() {
            super("RSA");
        }
    }

    @Nested
    @DisplayName("RSA2")
    class Rsa2 extends SignTypeContract {
        Rsa2() {
            super("RSA2");
        }
    }

    @Nested
    @DisplayName("SM2")
    class Sm2 extends SignTypeContract {
        Sm2() {
            super("SM2");
        }
    }

    /** @return a client of the harness's merchant and simulator with the small retry budget and short time-out */
    static ComplaintClient faultClient(Harness h) {
        return Harness.client(h.config, FAULT_RETRIES, FAULT_TIMEOUT);
    }

    static ContractSubject subjectOf(Harness h, String signType, ComplaintClient faults) {
        String key = AllinpayTestKeys.merchantPrivateKey(signType);
        ComplaintId complaint = ComplaintId.of(h.firstComplaint());
        return ContractSubject.builder(new AllinpayProvider(), h.client)
                .config(h.config)
                .exchanges(h.simulator::requestCount)
                .historyOf(h.firstComplaint(), HISTORY_SIZE)
                .complaintTotal(3)
                .detailOf(h.firstComplaint())
                .replyTo(h.store.complaints().get(1).id().value())
                .notifications(() -> h.simulator.notification(h.firstComplaint(), "CREATE_COMPLAINT", signType),
                        () -> h.simulator.tamperedNotification(h.firstComplaint(), "CREATE_COMPLAINT", signType))
                .secrets(key, key.substring(key.length() / 2, key.length() / 2 + 32))
                .faults(h.simulator, () -> faults.historyPage(complaint, PageRequest.first(10)))
                .build();
    }
}
