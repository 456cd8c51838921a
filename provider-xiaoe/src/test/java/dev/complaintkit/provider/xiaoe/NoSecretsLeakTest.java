/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Neither the secret key nor any access token appears in a log line, an exception or a toString. */
class NoSecretsLeakTest {
    private static final PageRequest FIRST = PageRequest.first(10);

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("dev.complaintkit");
    private Level previousLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void restoreLogs() {
        root.removeHandler(capture);
        root.setLevel(previousLevel);
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String printed(LogRecord r) {
        String msg = r.getMessage() == null ? "" : r.getParameters() == null ? r.getMessage()
                : MessageFormat.format(r.getMessage(), r.getParameters());
        return r.getLoggerName() + " " + msg + (r.getThrown() == null ? "" : " " + printed(r.getThrown()));
    }

    @Test
    @DisplayName("through fetch, renewal, throttling, refusals and broken connections, no secret is ever shown")
    void noSecretAnywhere() {
        Set<String> secrets = new LinkedHashSet<>();
        secrets.add(XiaoeSimulator.SECRET_KEY);
        List<String> shown = new ArrayList<>();
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(XiaoeFixtures.exampleStore())
                .previousTokenGrace(Duration.ZERO).build().start()) {
            XiaoeConfig config = TestClients.config(sim).build();
            try (ComplaintClient client = Complaints.builder().config(config)
                    .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))).build()) {
                shown.add(config + " " + config.describe() + " " + client);

                client.complaintsPage(ComplaintFilter.all(), FIRST);
                secrets.addAll(sim.validTokens());
                sim.injectApiError(2008, "access_token已过期或不存在");
                client.complaintsPage(ComplaintFilter.all(), FIRST); // renewed
                secrets.addAll(sim.validTokens());
                sim.injectApiError(2053, "调用次数已达上限");
                client.complaintsPage(ComplaintFilter.all(), FIRST); // retried
                sim.injectApiError(2017, "无此接口权限");
                shown.add(printed(catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))));
                sim.injectApiError(2008, "expired");
                sim.injectApiError(2008, "expired again");
                shown.add(printed(catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))));
                secrets.addAll(sim.validTokens());
                sim.enqueue(ScriptedResponse.dropConnection());
                sim.enqueue(ScriptedResponse.dropConnection());
                sim.enqueue(ScriptedResponse.dropConnection());
                shown.add(printed(catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))));
                shown.add(client.toString());
            }
        }
        // a token request that breaks off: its URL carries the secret in the query
        try (XiaoeSimulator sim = XiaoeSimulator.builder().build().start();
                ComplaintClient client = TestClients.noRetries(sim)) {
            sim.enqueue(ScriptedResponse.dropConnection());
            sim.enqueue(ScriptedResponse.dropConnection()); // the JDK client repeats a GET once by itself
            Throwable broken = catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST));
            assertThat(broken).isNotNull();
            shown.add(printed(broken));
            sim.enqueue(ScriptedResponse.text(502, "bad gateway " + XiaoeSimulator.SECRET_KEY, java.nio.charset.StandardCharsets.UTF_8));
            shown.add(printed(catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))));
            sim.injectTokenError(2004, "secret_key错误: " + XiaoeSimulator.SECRET_KEY);
            shown.add(printed(catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST))));
        }
        synchronized (records) {
            records.forEach(r -> shown.add(printed(r)));
        }

        assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
        assertThat(records).as("log records captured").isNotEmpty();
        for (String text : shown) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }

    @Test
    @DisplayName("a Xiaoe message that echoes the secret key or the token URL-encoded or in Base64 is redacted")
    void encodedEchoRedacted() {
        String secret = "s3cr3t K/y+=&~é鹅-0123456789";
        List<String> shown = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        try (XiaoeSimulator sim = XiaoeSimulator.builder().credentials(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, secret)
                .store(XiaoeFixtures.exampleStore()).build().start();
                ComplaintClient client = Complaints.builder().config(TestClients.config(sim).secretKey(secret).build())
                        .retryPolicy(RetryPolicy.none()).build()) {
            sim.inject(dev.complaintkit.testkit.http.Fault.SECRET_ECHOED_ENCODED); // the token request
            Throwable tokenFailure = catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST));
            assertThat(tokenFailure).isInstanceOf(dev.complaintkit.error.ProviderException.class)
                    .hasMessageContaining("secret_key=<redacted>");
            shown.add(printed(tokenFailure));

            client.complaintsPage(ComplaintFilter.all(), FIRST);
            String token = sim.validTokens().get(0);
            sim.inject(dev.complaintkit.testkit.http.Fault.SECRET_ECHOED_ENCODED); // a list call
            Throwable listFailure = catchThrowable(() -> client.complaintsPage(ComplaintFilter.all(), FIRST));
            assertThat(listFailure).isInstanceOf(dev.complaintkit.error.ProviderException.class)
                    .hasMessageContaining("access_token=<redacted>");
            shown.add(printed(listFailure));
            for (String s : List.of(secret, token)) {
                byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                encoded.add(s);
                encoded.add(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8));
                encoded.add(java.util.Base64.getEncoder().withoutPadding().encodeToString(utf8));
                StringBuilder everyByte = new StringBuilder();
                for (byte b : utf8) {
                    everyByte.append('%').append(java.util.HexFormat.of().toHexDigits(b));
                }
                encoded.add(everyByte.toString());
            }
        }
        for (String text : shown) {
            for (String e : encoded) {
                assertThat(text).doesNotContain(e);
            }
        }
    }
}
