/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The test kit's provider contract, against the Yima simulator, in both wire formats. The faults
 * section replies through a second client with a small retry budget (2 attempts, 1-5 ms back-off)
 * and a short time-out, so that repeated faults exhaust it quickly.
 */
class YimaContractTest {
    /** The fault client's time-out; the simulator stalls {@code NO_RESPONSE} a little longer. */
    private static final Duration FAULT_TIMEOUT = Duration.ofMillis(400);

    @Nested
    @DisplayName("JSON")
    class Json extends ProviderContract {
        private YimaHarness h;
        private ComplaintClient faultClient;

        @Override
        protected ContractSubject subject() {
            h = YimaHarness.json();
            faultClient = h.smallBudgetClient(FAULT_TIMEOUT);
            return subjectOf(h, faultClient);
        }

        @Override
        protected void release() {
            faultClient.close();
            h.simulator.close(); // the contract closes h.client
        }
    }

    @Nested
    @DisplayName("GBK XML")
    class Xml extends ProviderContract {
        private YimaHarness h;
        private ComplaintClient faultClient;

        @Override
        protected ContractSubject subject() {
            h = YimaHarness.xml();
            faultClient = h.smallBudgetClient(FAULT_TIMEOUT);
            return subjectOf(h, faultClient);
        }

        @Override
        protected void release() {
            faultClient.close();
            h.simulator.close(); // the contract closes h.client
        }
    }

    static ContractSubject subjectOf(YimaHarness h, ComplaintClient faultClient) {
        h.simulator.stallFor(FAULT_TIMEOUT.plusMillis(300));
        return ContractSubject.builder(new YimaProvider(), h.client)
                .config(h.config)
                .exchanges(h.simulator::requestCount)
                .replyTo(YimaHarness.COMPLAINT)
                .detailOf(YimaHarness.COMPLAINT)
                .secrets(YimaHarness.SECRET)
                .faults(h.simulator, () -> faultClient.reply(ReplyRequest.builder(YimaHarness.COMPLAINT)
                        .text("已与用户沟通解决").build()))
                .build();
    }
}
