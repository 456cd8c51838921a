/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.http.ScriptedResponse;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.transport.JdkHttpTransport;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Record and replay")
class RecordReplayTest {
    private static final String SECRET = "s3cr3t-VALUE-42";
    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = new SimulatorServer("echo-sign") {
            @Override
            protected ScriptedResponse handle(RecordedRequest request) {
                if (request.path().endsWith("/xml")) {
                    String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?><business_trans><result><id>0000</id>"
                            + "<comment>回复成功</comment></result><sign>ABCDEF</sign></business_trans>";
                    return ScriptedResponse.of(200, "text/xml;charset=GBK", xml.getBytes(GBK));
                }
                String page = request.formFields().getOrDefault("offset", "0");
                return ScriptedResponse.json(200, "{\"retcode\":\"SUCCESS\",\"offset\":\"" + page + "\",\"records\":\"e30=\","
                        + "\"data\":{\"access_token\":\"tok-123456\",\"expires_in\":7200},\"sign\":\"SIGNATURE==\"}");
            }
        }.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpTransport.Request form(String body) {
        return new HttpTransport.Request("POST", server.baseUri().resolve("/cusapi/history?secret_key=" + SECRET + "&app_id=a1"),
                Map.of("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8"),
                body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
    }

    private Path record() {
        Path file = dir.resolve("session.json");
        RecordingTransport rec = RecordingTransport.to(file).redacting(Redactor.defaults().withSecretValues(SECRET))
                .wrapping(JdkHttpTransport.shared());
        rec.exchange(form("appid=00000156&offset=0&sign=REQSIG%3D%3D&note=" + SECRET));
        rec.exchange(form("appid=00000156&offset=100&sign=REQSIG2"));
        rec.exchange(new HttpTransport.Request("POST", server.baseUri().resolve("/gw/xml"),
                Map.of("Content-Type", "text/xml;charset=GBK"), "<business_trans><mac>m</mac></business_trans>".getBytes(GBK),
                Duration.ofSeconds(5)));
        assertThat(rec.recorded()).isEqualTo(3);
        return file;
    }

    @Test
    @DisplayName("recording writes every exchange with secrets and signatures redacted")
    void recordsRedacted() throws Exception {
        String text = Files.readString(record(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"format\" : \"complaintkit-fixture/1\"")
                .contains("appid=00000156").contains("sign=REDACTED").contains("secret_key=REDACTED")
                .contains("\\\"sign\\\":\\\"REDACTED\\\"").contains("\\\"access_token\\\":\\\"REDACTED\\\"")
                .contains("<sign>REDACTED</sign>").contains("<mac>REDACTED</mac>").contains("回复成功")
                .doesNotContain(SECRET).doesNotContain("SIGNATURE==").doesNotContain("REQSIG").doesNotContain("tok-123456")
                .doesNotContain("ABCDEF");
        Fixture f = Fixture.read(dir.resolve("session.json"));
        assertThat(f.exchanges()).hasSize(3);
        assertThat(f.exchanges().get(2).response().body().charset()).isEqualTo("GBK");
    }

    @Test
    @DisplayName("replay serves the exchanges in order, byte-exact apart from redactions, without a network")
    void replaysInOrder() {
        Path file = record();
        int before = server.requestCount();
        ReplayTransport replay = ReplayTransport.from(file).build();
        HttpTransport.Response first = replay.exchange(form("appid=00000156&offset=0&sign=X"));
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("\"offset\":\"0\"");
        assertThat(new String(replay.exchange(form("offset=100")).body(), StandardCharsets.UTF_8)).contains("\"offset\":\"100\"");
        HttpTransport.Response xml = replay.exchange(new HttpTransport.Request("POST", URI.create("http://127.0.0.1:1/gw/xml"),
                Map.of(), new byte[0], Duration.ofSeconds(1)));
        assertThat(new String(xml.body(), GBK)).contains("回复成功");
        assertThat(xml.header("content-type")).contains("text/xml;charset=GBK");
        assertThat(replay.unused()).isZero();
        assertThat(server.requestCount()).as("replay sends nothing").isEqualTo(before);
        assertThatThrownBy(() -> replay.exchange(form("offset=0")))
                .isInstanceOf(TransportException.class).hasMessageContaining("no recorded exchange left");
    }

    @Test
    @DisplayName("replay by matching fields serves the right exchange whatever the order")
    void replaysByMatching() {
        ReplayTransport replay = ReplayTransport.from(record()).matchingOn("offset").build();
        assertThat(new String(replay.exchange(form("offset=100&sign=x")).body(), StandardCharsets.UTF_8)).contains("\"offset\":\"100\"");
        assertThat(new String(replay.exchange(form("offset=0")).body(), StandardCharsets.UTF_8)).contains("\"offset\":\"0\"");
        assertThatThrownBy(() -> replay.exchange(form("offset=200")))
                .isInstanceOf(TransportException.class);
    }

    @Test
    @DisplayName("a request that differs from the recording says what was expected")
    void mismatch() {
        ReplayTransport replay = ReplayTransport.from(record()).build();
        assertThatThrownBy(() -> replay.exchange(new HttpTransport.Request("GET", URI.create("http://127.0.0.1:1/token"),
                Map.of(), new byte[0], Duration.ofSeconds(1))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.getMessage()).contains("GET http://127.0.0.1:1/token").contains("POST /cusapi/history");
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    @DisplayName("responses can be rewritten before they are served, e.g. to sign them again")
    void rewrite() {
        ReplayTransport replay = ReplayTransport.from(record()).rewritingResponses(r -> new HttpTransport.Response(r.status(),
                r.headers(), new String(r.body(), StandardCharsets.UTF_8).replace("REDACTED", "RESIGNED").getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThat(new String(replay.exchange(form("offset=0")).body(), StandardCharsets.UTF_8)).contains("\"sign\":\"RESIGNED\"");
    }
}
