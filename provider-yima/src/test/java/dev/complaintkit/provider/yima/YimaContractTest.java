package dev.complaintkit.provider.yima;

import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/** The test kit's provider contract, against the Yima simulator, in both wire formats. */
class YimaContractTest {

    @Nested
    @DisplayName("JSON")
    class Json extends ProviderContract {
        private YimaHarness h;

        @Override
        protected ContractSubject subject() {
            h = YimaHarness.json();
            return subjectOf(h);
        }

        @Override
        protected void release() {
            h.simulator.close();
        }
    }

    @Nested
    @DisplayName("GBK XML")
    class Xml extends ProviderContract {
        private YimaHarness h;

        @Override
        protected ContractSubject subject() {
            h = YimaHarness.xml();
            return subjectOf(h);
        }

        @Override
        protected void release() {
            h.simulator.close();
        }
    }

    static ContractSubject subjectOf(YimaHarness h) {
        return ContractSubject.builder(new YimaProvider(), h.client)
                .config(h.config)
                .exchanges(h.simulator::requestCount)
                .replyTo(YimaHarness.COMPLAINT)
                .secrets(YimaHarness.SECRET)
                .build();
    }
}
