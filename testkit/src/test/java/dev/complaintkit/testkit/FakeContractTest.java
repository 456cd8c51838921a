/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit;

import dev.complaintkit.Complaints;

/** The fake passes the same contract as every real provider. */
class FakeContractTest extends ProviderContract {
    @Override
    protected ContractSubject subject() {
        FakeComplaintProvider fake = FakeComplaintProvider.create().seed(7, 5);
        String first = fake.complaints().get(0).id().value();
        return ContractSubject.builder(fake, Complaints.builder().provider(fake).build())
                .exchanges(fake::callCount)
                .complaintTotal(7)
                .historyOf(first, 5)
                .replyTo(first)
                .detailOf(first)
                .notifications(() -> fake.notification("evt-contract-1", fake.complaints().get(0).id()),
                        () -> dev.complaintkit.model.NotificationDelivery.of("POST",
                                java.util.Map.of(FakeComplaintProvider.SIGNATURE_HEADER, "forged"), "{}".getBytes(
                                        java.nio.charset.StandardCharsets.UTF_8)))
                .build();
    }
}
