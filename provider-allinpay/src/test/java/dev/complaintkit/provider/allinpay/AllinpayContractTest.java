/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
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
 * The test kit's provider contract, against the Allinpay simulator, with either sign type. The
 * faults section goes through a second client on the same simulator with a small retry budget
 * (2 attempts, 1 to 5 ms apart) and a short time-out, so that every fault ends quickly.
 */
class AllinpayContractTest {
    static final int HISTORY_SIZE = 7;
    static final RetryPolicy FAULT_RETRIES = RetryPolicy.defaults().withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    static final Duration FAULT_TIMEOUT = Duration.ofMillis(500);

    @Nested
    @DisplayName("RSA")
    class Rsa extends ProviderContract {
        private Harness h;
        private ComplaintClient faults;

        @Override
        protected ContractSubject subject() {
            h = Harness.start("RSA", ComplaintStore.create().seed(2, HISTORY_SIZE));
            faults = faultClient(h);
            return subjectOf(h, "RSA", faults);
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
    @DisplayName("SM2")
    class Sm2 extends ProviderContract {
        private Harness h;
        private ComplaintClient faults;

        @Override
        protected ContractSubject subject() {
            h = Harness.start("SM2", ComplaintStore.create().seed(2, HISTORY_SIZE));
            faults = faultClient(h);
            return subjectOf(h, "SM2", faults);
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

    /** @return a client of the harness's merchant and simulator with the small retry budget and short time-out */
    static ComplaintClient faultClient(Harness h) {
        return Complaints.builder().provider(new AllinpayProvider()).config(h.config)
                .retryPolicy(FAULT_RETRIES).requestTimeout(FAULT_TIMEOUT).build();
    }

    static ContractSubject subjectOf(Harness h, String signType, ComplaintClient faults) {
        String key = AllinpayTestKeys.merchantPrivateKey(signType);
        ComplaintId complaint = ComplaintId.of(h.firstComplaint());
        return ContractSubject.builder(new AllinpayProvider(), h.client)
                .config(h.config)
                .exchanges(h.simulator::requestCount)
                .historyOf(h.firstComplaint(), HISTORY_SIZE)
                .secrets(key, key.substring(key.length() / 2, key.length() / 2 + 32))
                .faults(h.simulator, () -> faults.historyPage(complaint, PageRequest.first(10)))
                .build();
    }
}
