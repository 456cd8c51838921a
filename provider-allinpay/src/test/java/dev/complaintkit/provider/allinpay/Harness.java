/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A started simulator with a store, and a client of the test merchant pointed at it. Both run on
 * {@link #CLOCK}, two weeks after the first seeded complaint, so that a list without a time range
 * (the last 30 days) finds the seeded ones.
 */
final class Harness implements AutoCloseable {
    static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2024-04-15T00:00:00Z"),
            java.time.ZoneOffset.UTC);
    final ComplaintStore store;
    final AllinpaySimulator simulator;
    final AllinpayConfig config;
    final ComplaintClient client;

    private Harness(ComplaintStore store, String signType, UnaryOperator<AllinpayConfig.Builder> tweak, RetryPolicy policy) {
        this.store = store;
        this.simulator = AllinpaySimulator.builder().store(store).clock(CLOCK).build().start();
        this.config = tweak.apply(configFor(simulator, signType)).build();
        this.client = client(config, policy, Duration.ofSeconds(10));
    }

    /** @return a client of the config, on {@link #CLOCK} */
    static ComplaintClient client(AllinpayConfig config, RetryPolicy policy, Duration timeout) {
        return Complaints.builder().provider(new AllinpayProvider()).config(config).clock(CLOCK)
                .retryPolicy(policy).requestTimeout(timeout).build();
    }

    /** @return a builder for the test merchant at the simulator, keys of the sign type */
    static AllinpayConfig.Builder configFor(AllinpaySimulator simulator, String signType) {
        return AllinpayConfig.builder().endpoint(simulator.endpoint())
                .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType(signType)
                .privateKey(AllinpayTestKeys.merchantPrivateKey(signType))
                .platformPublicKey(simulator.platformPublicKey(signType));
    }

    static Harness start(String signType, ComplaintStore store) {
        return new Harness(store, signType, b -> b, RetryPolicy.none());
    }

    static Harness start(String signType, ComplaintStore store, UnaryOperator<AllinpayConfig.Builder> tweak) {
        return new Harness(store, signType, tweak, RetryPolicy.none());
    }

    /** With the default retry policy (back-off shortened) and a config tweak. */
    static Harness retrying(String signType, ComplaintStore store, UnaryOperator<AllinpayConfig.Builder> tweak) {
        return new Harness(store, signType, tweak, RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    /** With the default retry policy, its back-off shortened. */
    static Harness retrying(String signType, ComplaintStore store) {
        return new Harness(store, signType, b -> b,
                RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    /** @return the id of the store's first complaint */
    String firstComplaint() {
        return store.complaints().get(0).id().value();
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
