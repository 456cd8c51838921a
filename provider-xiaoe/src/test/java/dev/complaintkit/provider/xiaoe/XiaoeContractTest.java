/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.time.Duration;
import java.util.List;

/**
 * The test kit's provider contract, against the Xiaoe simulator. The client retries twice with a
 * back-off of 1 to 5 ms and times out after 700 ms, so the faults section stays fast; the first
 * fault of each test may hit the token request rather than the list call. The detail and history
 * sections read a complaint whose history (Xiaoe's {@code reply_list}) has 5 rows.
 */
class XiaoeContractTest extends ProviderContract {
    private XiaoeSimulator sim;

    @Override
    protected ContractSubject subject() {
        ComplaintStore store = XiaoeFixtures.exampleStore();
        List<Complaint> more = XiaoeFixtures.largeDataSet().complaints().subList(0, 5);
        more.forEach(c -> store.add(c, List.of()));
        // a complaint with a negotiation history of 5 rows: Xiaoe's reply_list
        Complaint withHistory = more.get(0);
        ComplaintStore.create().seed(1, 5).histories().values().forEach(h -> h.forEach(e -> store.append(withHistory.id(), e)));
        sim = XiaoeSimulator.builder().store(store).build().start();
        XiaoeConfig config = TestClients.config(sim).build();
        XiaoeProvider provider = new XiaoeProvider();
        ComplaintClient client = Complaints.builder().provider(provider).config(config)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestTimeout(Duration.ofMillis(700)).build();
        return ContractSubject.builder(provider, client)
                .config(config)
                .exchanges(sim::requestCount)
                .complaintTotal(store.complaints().size())
                .detailOf(withHistory.id().value())
                .historyOf(withHistory.id().value(), 5)
                .secrets(XiaoeSimulator.SECRET_KEY)
                .faults(sim, () -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(2)))
                .build();
    }

    @Override
    protected void release() {
        sim.close();
    }
}
