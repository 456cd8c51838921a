/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.examples.springboot;

import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In the {@code sandbox} profile (the default), starts the test kit's Xiaoe-tech simulator on a
 * loopback port before the clients are built, and configures two merchants: {@code shop-xiaoe}
 * against the simulator (list complaints over its real wire protocol) and {@code demo} on the test
 * kit's in-memory fake provider (notifications, detail, reply, complete). No account, no network.
 */
public class SandboxEnvironment implements EnvironmentPostProcessor {
    /** The property source this adds. */
    static final String SOURCE = "complaintkit-sandbox";

    private static XiaoeSimulator xiaoe;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        boolean sandbox = Arrays.asList(env.getActiveProfiles()).contains("sandbox")
                || env.getActiveProfiles().length == 0 && Arrays.asList(env.getDefaultProfiles()).contains("sandbox");
        if (!sandbox || env.getPropertySources().contains(SOURCE)) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("complaintkit.clients.shop-xiaoe.provider", "xiaoe");
        p.put("complaintkit.clients.shop-xiaoe.endpoint", simulator().baseUri().toString());
        p.put("complaintkit.clients.shop-xiaoe.app-id", XiaoeSimulator.APP_ID);
        p.put("complaintkit.clients.shop-xiaoe.client-id", XiaoeSimulator.CLIENT_ID);
        p.put("complaintkit.clients.shop-xiaoe.secret-key", XiaoeSimulator.SECRET_KEY);
        p.put("complaintkit.clients.demo.provider", "fake");
        env.getPropertySources().addFirst(new MapPropertySource(SOURCE, p));
    }

    /** @return the running simulator (one per JVM; stopped when the JVM exits) */
    static synchronized XiaoeSimulator simulator() {
        if (xiaoe == null) {
            XiaoeSimulator s = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore()).build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "xiaoe-simulator-stop"));
            xiaoe = s;
        }
        return xiaoe;
    }
}
