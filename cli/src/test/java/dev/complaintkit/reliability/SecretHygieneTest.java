/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.provider.allinpay.AllinpayProvider;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.provider.xiaoe.XiaoeProvider;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaProvider;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secret hygiene: flows of every provider run with distinctive secret values, succeeding and failing,
 * while every log record (at every level), every exception (whole cause chain and stack text) and the
 * {@code toString()} of configs, clients, requests and receipts are captured. None may contain a secret.
 */
@DisplayName("secrets never leak")
class SecretHygieneTest {
    private static final String YIMA_SECRET = "YIMA-SECRET-7f3a9c2e51d84b60";
    private static final String XIAOE_SECRET = "XIAOE-SECRET-0b9e4d7a2c6f8135";

    private final List<String> seen = new ArrayList<>();
    private int logged;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                sb.append(' ').append(stack(r.getThrown()));
            }
            synchronized (seen) {
                seen.add(sb.toString());
                logged++;
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level before;
    /** Held strongly: JUL keeps loggers weakly, and a collected logger forgets its level and handlers. */
    private static final Logger LIBRARY = Logger.getLogger("dev.complaintkit");

    /**
     * Every level of the library's own loggers ({@code dev.complaintkit…}), and everything else at the
     * default level. (The JDK's own HTTP client debug logger prints request URIs when an application
     * turns it on; Xiaoe's token request carries {@code secret_key} in its query, as Xiaoe's SDKs do —
     * the Xiaoe README warns about it.)
     */
    @BeforeEach
    void captureLogs() {
        Logger library = LIBRARY;
        before = library.getLevel();
        library.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        library.addHandler(capture);
        library.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        Logger library = LIBRARY;
        library.removeHandler(capture);
        library.setUseParentHandlers(true);
        library.setLevel(before);
        Logger.getLogger("").removeHandler(capture);
    }

    private static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Runs a step, keeping its result's text or its failure's full text. */
    private void step(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            seen.add(stack(e) + " " + e);
        }
    }

    private void show(Object o) {
        seen.add(String.valueOf(o));
    }

    private ComplaintClient client(ComplaintProvider<?> p, ProviderConfig c) {
        show(c);
        show(c.describe());
        ComplaintClient client = Complaints.builder().provider(p).config(c).requestTimeout(Duration.ofMillis(600))
                .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();
        show(client);
        return client;
    }

    private void assertNoSecret(String... secrets) {
        assertThat(seen).as("captured texts").isNotEmpty();
        assertThat(logged).as("library log records captured (the capture works)").isPositive();
        for (String text : seen) {
            for (String secret : secrets) {
                assertThat(text).as("a captured text").doesNotContain(secret);
            }
        }
    }

    @Test
    @DisplayName("Yima: the signing secret, across success, retries, bad signatures and errors, JSON and XML")
    void yima() {
        ComplaintStore store = ComplaintStore.create().seed(2, 1);
        String complaint = store.complaints().get(0).id().value();
        for (YimaConfig.Format format : YimaConfig.Format.values()) {
            try (YimaSimulator sim = YimaSimulator.builder().secret(YIMA_SECRET).store(store).build().start()) {
                YimaConfig good = YimaConfig.builder().endpoint(sim.endpoint()).isspid("39493002").systemId("8888")
                        .sellerAccount("66660000000000001").secret(YIMA_SECRET).format(format).build();
                try (ComplaintClient c = client(new YimaProvider(), good)) {
                    ReplyRequest reply = ReplyRequest.builder(complaint).text("已处理").build();
                    show(reply);
                    step(() -> show(c.reply(reply)));
                    for (Fault f : List.of(Fault.BAD_SIGNATURE, Fault.MISSING_SIGNATURE, Fault.RESET_AFTER_HANDLING,
                            Fault.NOT_JSON_OR_XML, Fault.HTTP_503)) {
                        sim.inject(f);
                        step(() -> show(c.reply(ReplyRequest.builder(complaint).text("再次处理").build())));
                    }
                    step(() -> c.reply(ReplyRequest.builder(complaint).text("x".repeat(300)).build()));
                }
                YimaConfig wrongSecret = YimaConfig.builder().endpoint(sim.endpoint()).isspid("39493002").systemId("8888")
                        .sellerAccount("66660000000000001").secret(YIMA_SECRET + "-WRONG").format(format).build();
                try (ComplaintClient c = client(new YimaProvider(), wrongSecret)) {
                    step(() -> c.reply(ReplyRequest.builder(complaint).text("已处理").build()));
                }
            }
        }
        step(() -> Complaints.client("yima", Map.of("yima.secret", YIMA_SECRET, "yima.endpoint", "http://yima.invalid/x")));
        assertNoSecret(YIMA_SECRET);
    }

    @Test
    @DisplayName("Allinpay: the merchant private keys (RSA and SM2), across success, tampering, refusals and bad keys")
    void allinpay() {
        ComplaintStore store = ComplaintStore.create().seed(1, 8);
        ComplaintId complaint = store.complaints().get(0).id();
        List<String> secrets = new ArrayList<>();
        try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start()) {
            for (String type : List.of("RSA", "SM2")) {
                String key = AllinpayTestKeys.merchantPrivateKey(type);
                secrets.add(key);
                secrets.add(key.substring(40, 100)); // any recognisable run of the key
                AllinpayConfig good = AllinpayConfig.builder().endpoint(sim.endpoint()).appid(AllinpayTestKeys.APPID)
                        .cusid(AllinpayTestKeys.CUSID).signType(type).privateKey(key)
                        .platformPublicKey(sim.platformPublicKey(type)).build();
                try (ComplaintClient c = client(new AllinpayProvider(), good)) {
                    step(() -> show(c.history(complaint, 3).toList()));
                    for (Fault f : List.of(Fault.BAD_SIGNATURE, Fault.MISSING_SIGNATURE, Fault.INVALID_RECORDS, Fault.HTTP_502)) {
                        sim.inject(f);
                        step(() -> show(c.historyPage(complaint, dev.complaintkit.model.PageRequest.first(4))));
                    }
                    sim.failNext("商户状态异常");
                    step(() -> c.history(complaint).toList());
                    step(() -> c.history(ComplaintId.of("no-such-complaint")).toList());
                }
                // the key of the other type: the simulator refuses the signature; and a key that is not a key
                String other = AllinpayTestKeys.merchantPrivateKey(type.equals("RSA") ? "SM2" : "RSA");
                step(() -> AllinpayConfig.builder().endpoint(sim.endpoint()).appid(AllinpayTestKeys.APPID)
                        .cusid(AllinpayTestKeys.CUSID).signType(type).privateKey(other)
                        .platformPublicKey(sim.platformPublicKey(type)).build());
                step(() -> AllinpayConfig.builder().endpoint(sim.endpoint()).appid(AllinpayTestKeys.APPID)
                        .cusid(AllinpayTestKeys.CUSID).signType(type).privateKey(key.substring(0, key.length() - 12))
                        .platformPublicKey(sim.platformPublicKey(type)).build());
                step(() -> Complaints.client("allinpay", Map.of("allinpay.private-key", key, "allinpay.sign-type", type)));
            }
        }
        assertNoSecret(secrets.toArray(String[]::new));
    }

    @Test
    @DisplayName("Xiaoe: the secret key and every access token, across token renewal, throttling and refusals")
    void xiaoe() {
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(ComplaintStore.create().seed(30, 0))
                .credentials("app_hygiene_1", "xop_hygiene_1", XIAOE_SECRET).build().start()) {
            XiaoeConfig good = XiaoeConfig.builder().endpoint(sim.baseUri()).appId("app_hygiene_1")
                    .clientId("xop_hygiene_1").secretKey(XIAOE_SECRET).build();
            List<String> tokens = new ArrayList<>();
            try (ComplaintClient c = client(new XiaoeProvider(), good)) {
                step(() -> show(c.complaints(ComplaintFilter.all(), 7).toList()));
                tokens.addAll(sim.validTokens());
                sim.expireTokens();
                step(() -> show(c.complaints(ComplaintFilter.all(), 7).toList()));
                tokens.addAll(sim.validTokens());
                for (Fault f : List.of(Fault.THROTTLED, Fault.NOT_JSON_OR_XML, Fault.RESET_BEFORE_RESPONSE, Fault.HTTP_500)) {
                    sim.inject(f);
                    step(() -> show(c.complaints(ComplaintFilter.all(), 10).limit(3).toList()));
                }
                sim.injectApiError(2017, "无权限");
                step(() -> c.complaints(ComplaintFilter.all()).toList());
            }
            XiaoeConfig wrong = XiaoeConfig.builder().endpoint(sim.baseUri()).appId("app_hygiene_1")
                    .clientId("xop_hygiene_1").secretKey(XIAOE_SECRET + "-WRONG").build();
            try (ComplaintClient c = client(new XiaoeProvider(), wrong)) {
                step(() -> c.complaints(ComplaintFilter.all()).toList());
            }
            assertThat(tokens).as("tokens issued during the flow").isNotEmpty();
            List<String> all = new ArrayList<>(tokens);
            all.add(XIAOE_SECRET);
            assertNoSecret(all.toArray(String[]::new));
        }
    }
}
