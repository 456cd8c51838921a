package dev.complaintkit.provider.yima;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.yima.YimaSimulator;
import dev.complaintkit.usecase.RetryPolicy;
import java.time.Duration;
import java.util.function.Consumer;

/** A Yima simulator on loopback and a client configured for it. */
final class YimaHarness implements AutoCloseable {
    static final String SECRET = "yima-test-secret-4f1c2b";
    /** The seed's complaint, held by the simulator's store. */
    static final String COMPLAINT = "200201820200101080076610000";

    final ComplaintStore store = ComplaintStore.create().addHistory(COMPLAINT, java.util.List.of());
    final YimaSimulator simulator;
    final YimaConfig config;
    final ComplaintClient client;

    private YimaHarness(Consumer<YimaSimulator.Builder> simulatorSettings, Consumer<YimaConfig.Builder> clientSettings) {
        YimaSimulator.Builder sb = YimaSimulator.builder().secret(SECRET).store(store);
        simulatorSettings.accept(sb);
        simulator = sb.build().start();
        YimaConfig.Builder cb = YimaConfig.builder()
                .endpoint(simulator.endpoint())
                .isspid("39493002").systemId("8888").sellerAccount("66660000000000001")
                .secret(SECRET);
        clientSettings.accept(cb);
        config = cb.build();
        client = Complaints.builder().provider(new YimaProvider()).config(config)
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                .build();
    }

    static YimaHarness json() {
        return new YimaHarness(s -> {}, c -> {});
    }

    static YimaHarness xml() {
        return new YimaHarness(s -> {}, c -> c.format(YimaConfig.Format.XML));
    }

    static YimaHarness of(Consumer<YimaSimulator.Builder> simulatorSettings, Consumer<YimaConfig.Builder> clientSettings) {
        return new YimaHarness(simulatorSettings, clientSettings);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            simulator.close();
        }
    }
}
