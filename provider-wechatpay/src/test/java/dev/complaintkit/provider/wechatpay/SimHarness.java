/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.Secret;
import dev.complaintkit.SharedState;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.testkit.wechatpay.ComplaintSeed;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A {@link WechatPaySimulator} holding {@link WechatPayFixtures#sixtyDays(LocalDate)} and a client of the
 * provider pointed at it: public-key mode, an isolated shared state, 3 attempts 1 to 5 ms apart.
 */
final class SimHarness implements AutoCloseable {
    static final LocalDate TODAY = LocalDate.now(WechatPaySimulator.SHANGHAI);
    static final RetryPolicy FAST_RETRIES = RetryPolicy.defaults().withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    final List<ComplaintSeed> seeds = WechatPayFixtures.sixtyDays(TODAY);
    final WechatPaySimulator sim;
    final WechatPayConfig config;
    final ComplaintClient client;

    private SimHarness(UnaryOperator<WechatPaySimulator.Builder> simulator, UnaryOperator<WechatPayConfig.Builder> settings,
            UnaryOperator<Complaints.Builder> clientSetup) {
        sim = simulator.apply(WechatPaySimulator.builder().complaints(seeds)).build().start();
        config = settings.apply(config(sim)).build();
        client = clientSetup.apply(Complaints.builder().provider(new WechatPayProvider()).config(config)
                .sharedState(SharedState.isolated()).retryPolicy(FAST_RETRIES).requestTimeout(Duration.ofSeconds(2))).build();
    }

    static SimHarness start() {
        return start(b -> b, c -> c, c -> c);
    }

    static SimHarness start(UnaryOperator<WechatPaySimulator.Builder> simulator, UnaryOperator<WechatPayConfig.Builder> settings,
            UnaryOperator<Complaints.Builder> client) {
        return new SimHarness(simulator, settings, client);
    }

    /** @param sim a started simulator @return the test merchant's settings against it, public-key mode */
    static WechatPayConfig.Builder config(WechatPaySimulator sim) {
        return WechatPayConfig.builder().endpoint(sim.baseUri().toString()).mchid(WechatPayTestKeys.MCHID)
                .merchantSerial(WechatPayTestKeys.MERCHANT_SERIAL).privateKey(WechatPayTestKeys.merchantPrivateKey())
                .apiV3Key(Secret.of(WechatPayTestKeys.API_V3_KEY))
                .platformPublicKey(WechatPayTestKeys.PLATFORM_PUBLIC_KEY_ID, WechatPayTestKeys.platformPublicKey());
    }

    /** @param index an index of {@link WechatPayFixtures#sixtyDays(LocalDate)} @return that complaint's id */
    String id(int index) {
        return seeds.get(index).id();
    }

    /** @param d a simulator delivery @return it as the inbound port takes it */
    static NotificationDelivery delivery(WechatPaySimulator.Delivery d) {
        return NotificationDelivery.of("POST", d.headers(), d.body());
    }

    /** @param path a path prefix @return how many POSTs reached it */
    int posts(String path) {
        return (int) sim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).count();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            sim.close();
        }
    }
}
