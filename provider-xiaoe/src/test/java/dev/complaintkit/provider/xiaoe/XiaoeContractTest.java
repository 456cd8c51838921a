package dev.complaintkit.provider.xiaoe;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.ContractSubject;
import dev.complaintkit.testkit.ProviderContract;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.util.List;

/** The test kit's provider contract, against the Xiaoe simulator. */
class XiaoeContractTest extends ProviderContract {
    private XiaoeSimulator sim;

    @Override
    protected ContractSubject subject() {
        ComplaintStore store = XiaoeFixtures.exampleStore();
        List<Complaint> more = XiaoeFixtures.largeDataSet().complaints().subList(0, 5);
        more.forEach(c -> store.add(c, List.of()));
        sim = XiaoeSimulator.builder().store(store).build().start();
        XiaoeConfig config = TestClients.config(sim).build();
        ComplaintClient client = Complaints.client(config);
        return ContractSubject.builder(new XiaoeProvider(), client)
                .config(config)
                .exchanges(sim::requestCount)
                .complaintTotal(store.complaints().size())
                .secrets(XiaoeSimulator.SECRET_KEY)
                .build();
    }

    @Override
    protected void release() {
        sim.close();
    }
}
