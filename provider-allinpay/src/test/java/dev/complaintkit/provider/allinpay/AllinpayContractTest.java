package dev.complaintkit.provider.allinpay;

import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The test kit's provider contract, against the Allinpay simulator, with either sign type. */
class AllinpayContractTest {
    static final int HISTORY_SIZE = 7;

    @Nested
    @DisplayName("RSA")
    class Rsa extends ProviderContract {
        private Harness h;

        @Override
        protected ContractSubject subject() {
            h = Harness.start("RSA", ComplaintStore.create().seed(2, HISTORY_SIZE));
            return subjectOf(h, "RSA");
        }

        @Override
        protected void release() {
            h.simulator.close();
        }
    }

    @Nested
    @DisplayName("SM2")
    class Sm2 extends ProviderContract {
        private Harness h;

        @Override
        protected ContractSubject subject() {
            h = Harness.start("SM2", ComplaintStore.create().seed(2, HISTORY_SIZE));
            return subjectOf(h, "SM2");
        }

        @Override
        protected void release() {
            h.simulator.close();
        }
    }

    static ContractSubject subjectOf(Harness h, String signType) {
        String key = AllinpayTestKeys.merchantPrivateKey(signType);
        return ContractSubject.builder(new AllinpayProvider(), h.client)
                .config(h.config)
                .exchanges(h.simulator::requestCount)
                .historyOf(h.firstComplaint(), HISTORY_SIZE)
                .secrets(key, key.substring(key.length() / 2, key.length() / 2 + 32))
                .build();
    }
}
