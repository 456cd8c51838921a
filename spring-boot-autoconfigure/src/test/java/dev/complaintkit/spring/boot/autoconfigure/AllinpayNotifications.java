/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Allinpay clients and form notifications for the webhook tests, made by the test kit's simulator. */
final class AllinpayNotifications {
    private AllinpayNotifications() {}

    /**
     * Registers the properties of one Allinpay client on the test kit's merchant, pointed at the simulator.
     *
     * @param r the registry
     * @param name the client's name
     * @param signType {@code RSA} or {@code SM2}
     * @param sim the simulator whose platform key signs the notifications
     */
    static void client(DynamicPropertyRegistry r, String name, String signType, AllinpaySimulator sim) {
        String p = "complaintkit.clients." + name + ".";
        r.add(p + "provider", () -> "allinpay");
        r.add(p + "endpoint", () -> sim.endpoint().toString());
        r.add(p + "appid", () -> AllinpayTestKeys.APPID);
        r.add(p + "cusid", () -> AllinpayTestKeys.CUSID);
        r.add(p + "sign-type", () -> signType);
        r.add(p + "private-key", () -> AllinpayTestKeys.merchantPrivateKey(signType));
        r.add(p + "platform-public-key", () -> sim.platformPublicKey(signType));
    }

    /** Posts a form body as Allinpay does. */
    static HttpResponse<String> post(HttpClient http, URI url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
