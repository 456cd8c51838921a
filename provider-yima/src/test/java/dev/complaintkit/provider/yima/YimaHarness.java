/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A Yima simulator on loopback and a client configured for it.
 *
 * <p>The simulator has one {@link YimaSimulator.Scheme} for JSON signatures and the XML form's mac
 * alike, while the client's XML mac follows {@code yima.xml-mac-scheme} (default {@code MD5_WRAPPED})
 * whatever its JSON scheme. So for an XML client the harness sets the simulator's scheme to the
 * client's XML mac scheme before the test's own simulator settings (which may override it).
 */
final class YimaHarness implements AutoCloseable {
    static final String SECRET = "yima-test-secret-4f1c2b";
    /** The seed's complaint, held by the simulator's store. */
    static final String COMPLAINT = "200201820200101080076610000";

    final ComplaintStore store = ComplaintStore.create().addHistory(COMPLAINT, java.util.List.of());
    final YimaSimulator simulator;
    final YimaConfig config;
    final ComplaintClient client;

    private YimaHarness(Consumer<YimaSimulator.Builder> simulatorSettings, Consumer<YimaConfig.Builder> clientSettings) {
        YimaConfig.Builder cb = YimaConfig.builder()
                .endpoint("http://127.0.0.1:1/yima/gateway") // replaced by the simulator's once it runs
                .isspid("39493002").systemId("8888").sellerAccount("66660000000000001")
                .secret(SECRET);
        clientSettings.accept(cb);
        YimaConfig settings = cb.build();
        YimaSimulator.Builder sb = YimaSimulator.builder().secret(SECRET).store(store);
        if (settings.format() == Format.XML) {
            sb.xmlMacScheme(simulatorScheme(settings.xmlMacScheme()));
        }
        simulatorSettings.accept(sb);
        simulator = sb.build().start();
        config = cb.endpoint(simulator.endpoint()).build();
        client = Complaints.builder().provider(new YimaProvider()).config(config)
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)))
                .build();
    }

    static YimaSimulator.Scheme simulatorScheme(SignScheme scheme) {
        return scheme == SignScheme.MD5_WRAPPED ? YimaSimulator.Scheme.MD5_WRAPPED : YimaSimulator.Scheme.MD5_SORTED_KEY;
    }

    static YimaHarness json() {
        return new YimaHarness(s -> {}, c -> {});
    }

    static YimaHarness xml() {
        return new YimaHarness(s -> {}, c -> c.format(Format.XML));
    }

    static YimaHarness of(Consumer<YimaSimulator.Builder> simulatorSettings, Consumer<YimaConfig.Builder> clientSettings) {
        return new YimaHarness(simulatorSettings, clientSettings);
    }

    /**
     * @param timeout the client's request time-out
     * @return another client on the same simulator and config, with a small retry budget (2 attempts,
     *     1-5 ms back-off), for fault tests that exhaust it
     */
    ComplaintClient smallBudgetClient(Duration timeout) {
        return Complaints.builder().provider(new YimaProvider()).config(config)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestTimeout(timeout).build();
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
