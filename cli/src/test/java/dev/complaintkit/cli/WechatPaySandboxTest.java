/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.wechatpay.WechatPayTestKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands against the sandbox's WeChat Pay simulator, through the config file the sandbox
 * writes (its PEM keys inline), as a user runs them. Each test uses complaints no other test writes to.
 */
@DisplayName("the commands against the sandbox's WeChat Pay simulator")
class WechatPaySandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.now(WechatPaySimulator.SHANGHAI);
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    static Sandbox sandbox;
    static Path config;
    static WechatPaySimulator sim;

    @BeforeAll
    static void startSandbox(@TempDir Path dir) throws IOException {
        sandbox = Sandbox.start(0);
        sim = sandbox.wechatpay();
        config = Files.writeString(dir.resolve("sandbox.properties"), sandbox.propertiesText());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static CliTest.Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    static String id(int index) {
        return sandbox.wechatpayComplaintIds().get(index);
    }

    static List<RecordedRequest> listCalls() {
        return sim.requests("GET", WechatPaySimulator.COMPLAINTS_PATH).stream()
                .filter(r -> r.path().equals(WechatPaySimulator.COMPLAINTS_PATH)).toList();
    }

    static List<RecordedRequest> posts(String complaintId, String action) {
        return sim.requests("POST", WechatPaySimulator.COMPLAINTS_PATH + "/" + complaintId + "/" + action);
    }

    @Test
    @DisplayName("the written config reads back exactly: PEM keys inline, line breaks kept, as properties()")
    void configReadsBack() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(config)));
        sandbox.properties().forEach((k, v) -> assertThat(p.getProperty(k)).as(k).isEqualTo(v));
        assertThat(p.getProperty("wechatpay.platform-public-key")).isEqualTo(WechatPayTestKeys.platformPublicKey().strip())
                .contains("\n");
        assertThat(Sandbox.propertyValue("a\\b\nc")).isEqualTo("a\\\\b\\n\\\n    c");
        assertThat(sandbox.wechatpayComplaintIds()).hasSize(WechatPayFixtures.SIXTY_DAYS_SIZE)
                .containsExactlyElementsOf(sim.complaintIds());
    }

    @Test
    @DisplayName("list: without --from/--to the last 30 days, in pages of 50 (WeChat's largest); --from/--to over 60 days in two windows")
    void list() throws IOException {
        int before = listCalls().size();
        CliTest.Run last30 = run("list", "--provider", "wechatpay", "--json");
        assertThat(last30.code()).as(last30.err()).isZero();
        List<JsonNode> rows = CliTest.jsonArray(last30.out());
        assertThat(rows).extracting(n -> n.get("id").asText()).containsExactlyElementsOf(sandbox.wechatpayComplaintIds().subList(0, 6));
        List<RecordedRequest> calls = listCalls().subList(before, listCalls().size());
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).queryParameters()).containsEntry("limit", "50")
                .containsEntry("begin_date", TODAY.minusDays(29).toString()).containsEntry("end_date", TODAY.toString())
                .containsEntry("complainted_mchid", WechatPayTestKeys.MCHID);

        before = listCalls().size();
        CliTest.Run sixty = run("list", "--provider", "wechatpay", "--from", TODAY.minusDays(59).toString(),
                "--to", TODAY.toString(), "--output", "jsonl");
        assertThat(sixty.code()).as(sixty.err()).isZero();
        assertThat(sixty.out().lines().map(l -> l.replaceAll("^\\{\"id\":\"(\\d+)\".*", "$1")))
                .containsExactlyElementsOf(sandbox.wechatpayComplaintIds());
        calls = listCalls().subList(before, listCalls().size());
        assertThat(calls).extracting(r -> r.queryParameters().get("begin_date") + ".." + r.queryParameters().get("end_date"))
                .containsExactly(TODAY.minusDays(29) + ".." + TODAY, TODAY.minusDays(59) + ".." + TODAY.minusDays(30));

        CliTest.Run tooBig = run("list", "--provider", "wechatpay", "--page-size", "51");
        assertThat(tooBig.code()).isEqualTo(3);
        assertThat(tooBig.err()).contains("page.size: must be at most 50");
    }

    @Test
    @DisplayName("detail --reveal-phone decrypts payer_phone; without it the ciphertext is never printed")
    void detail() throws IOException {
        CliTest.Run plain = run("detail", "--provider", "wechatpay", "--complaint", id(WechatPayFixtures.REFUND), "--json");
        assertThat(plain.code()).as(plain.err()).isZero();
        JsonNode d = JSON.readTree(plain.out());
        assertThat(d.get("phone_form").asText()).isEqualTo("ENCRYPTED");
        assertThat(d.get("phone").isNull()).isTrue();
        assertThat(d.get("problem_type").asText()).isEqualTo("REFUND");
        assertThat(d.get("user_tags").toString()).contains("TRUSTED");
        assertThat(plain.all()).doesNotContain("13800138000");

        CliTest.Run revealed = run("detail", "--provider", "wechatpay", "--complaint", id(WechatPayFixtures.REFUND), "--reveal-phone");
        assertThat(revealed.code()).as(revealed.err()).isZero();
        assertThat(revealed.out()).contains("Complaint " + id(WechatPayFixtures.REFUND) + " at wechatpay")
                .containsPattern("phone_form +REVEALED").containsPattern("phone +13800138000");
    }

    @Test
    @DisplayName("upload-image, reply with its media id, the history's row carries it, download-image gets the same bytes")
    void uploadReplyHistoryDownload(@TempDir Path dir) throws IOException {
        String complaint = id(6);
        Path png = Files.write(dir.resolve("receipt.png"), PNG);
        CliTest.Run up = run("upload-image", "--provider", "wechatpay", png.toString());
        assertThat(up.code()).as(up.err()).isZero();
        String mediaId = up.out().strip();
        assertThat(sim.uploaded(mediaId)).hasValueSatisfying(b -> assertThat(b).isEqualTo(PNG));

        CliTest.Run reply = run("reply", "--provider", "wechatpay", "--complaint", complaint, "--text", "您好，凭证见图", "--image", mediaId);
        assertThat(reply.code()).as(reply.err()).isZero();
        assertThat(reply.out()).startsWith("Reply accepted by wechatpay");
        assertThat(posts(complaint, "response")).hasSize(1);
        assertThat(sim.state(complaint)).hasValue("PROCESSING");

        CliTest.Run history = run("history", "--provider", "wechatpay", "--complaint", complaint, "--json");
        assertThat(history.code()).as(history.err()).isZero();
        JsonNode last = CliTest.jsonArray(history.out()).get(sim.historySize(complaint) - 1);
        assertThat(last.get("raw_type").asText()).isEqualTo("MERCHANT_RESPONSE");
        assertThat(last.get("details").asText()).isEqualTo("您好，凭证见图");
        String url = last.get("images").get(0).asText();

        Path copy = dir.resolve("copy.png");
        CliTest.Run down = run("download-image", "--provider", "wechatpay", "--url", url, "--out", copy.toString());
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(PNG);

        CliTest.Run emoji = run("reply", "--provider", "wechatpay", "--complaint", complaint, "--text", "您好😀");
        assertThat(emoji.code()).as("an emoji is invalid input for WeChat Pay, nothing sent").isEqualTo(3);
        assertThat(posts(complaint, "response")).hasSize(1);
    }

    @Test
    @DisplayName("refund --approve / --reject and complete move the complaints as WeChat Pay's state machine says")
    void refundAndComplete() throws IOException {
        CliTest.Run approve = run("refund", "--provider", "wechatpay", "--complaint", id(8), "--approve", "--refund-in-days", "2");
        assertThat(approve.code()).as(approve.err()).isZero();
        assertThat(approve.out()).startsWith("Refund approved at wechatpay");
        assertThat(posts(id(8), "update-refund-progress").get(0).bodyText()).contains("\"APPROVE\"").contains("\"launch_refund_day\":2");
        assertThat(sim.historyTypes(id(8))).endsWith("MERCHANT_APPROVE_REFUND");

        CliTest.Run reject = run("refund", "--provider", "wechatpay", "--complaint", id(10), "--reject", "--reason", "商品已发货",
                "--json");
        assertThat(reject.code()).as(reject.err()).isZero();
        assertThat(JSON.readTree(reject.out()).get("operation").asText()).isEqualTo("refund decision");
        assertThat(sim.state(id(10))).hasValue("PROCESSED");

        CliTest.Run again = run("refund", "--provider", "wechatpay", "--complaint", id(10), "--approve");
        assertThat(again.code()).as("a decided refund is WeChat's refusal").isEqualTo(4);
        assertThat(again.err()).contains("provider: wechatpay, code: INVALID_REQUEST");

        CliTest.Run complete = run("complete", "--provider", "wechatpay", "--complaint", id(9));
        assertThat(complete.code()).as(complete.err()).isZero();
        assertThat(complete.out()).startsWith("Complaint completed at wechatpay");
        assertThat(sim.state(id(9))).hasValue("PROCESSED");
    }

    @Test
    @DisplayName("a tampered answer is exit 5 and prints nothing on stdout")
    void tampered() {
        sim.nextTamperedAnswer();
        CliTest.Run r = run("detail", "--provider", "wechatpay", "--complaint", id(3));
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("signature does not verify");
    }

    @Test
    @DisplayName("notify-url --set (HTTPS), --show, --delete at the simulator")
    void notifyUrl() throws IOException {
        CliTest.Run set = run("notify-url", "--provider", "wechatpay", "--set", "https://shop.example.com/wechatpay/notify");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(sim.notificationUrl()).hasValue("https://shop.example.com/wechatpay/notify");
        CliTest.Run show = run("notify-url", "--provider", "wechatpay", "--show", "--json");
        assertThat(JSON.readTree(show.out()).get("url").asText()).isEqualTo("https://shop.example.com/wechatpay/notify");
        CliTest.Run delete = run("notify-url", "--provider", "wechatpay", "--delete");
        assertThat(delete.code()).as(delete.err()).isZero();
        assertThat(sim.notificationUrl()).isEmpty();
    }

    @Test
    @DisplayName("webhook: a signed encrypted notification is one JSON line, its repeat acknowledged only; bad ones refused; "
            + "sandbox --notify delivers the notification of a merchant action")
    void webhook() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread command = new Thread(() -> {
            Main main = new Main();
            main.out = new PrintWriter(out, true);
            main.err = new PrintWriter(err, true);
            main.home = CliTest.NO_HOME;
            code.set(main.execute(new String[] {"--config", config.toString(), "webhook", "--provider", "wechatpay"}));
        });
        command.start();
        try {
            CliTest.waitFor(() -> err.toString().contains("webhook listening on"));
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/notifications/wechatpay").matcher(err.toString());
            assertThat(m.find()).as(err.toString()).isTrue();
            URI url = URI.create(m.group());

            WechatPaySimulator.Delivery delivery = sim.notification(id(1), "USER_RESPONSE");
            assertThat(sim.deliver(delivery, url).status()).isEqualTo(204);
            assertThat(out.toString().lines()).hasSize(1);
            JsonNode event = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
            assertThat(event.get("event_id").asText()).isEqualTo(delivery.id());
            assertThat(event.get("provider").asText()).isEqualTo("wechatpay");
            assertThat(event.get("type").asText()).isEqualTo("STATE_CHANGED");
            assertThat(event.get("complaint_id").asText()).isEqualTo(id(1));
            assertThat(event.get("action").asText()).isEqualTo("USER_RESPONSE");

            assertThat(sim.deliver(delivery, url).status()).isEqualTo(204);
            assertThat(out.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains("repeated delivery of event " + delivery.id());
            for (WechatPaySimulator.NotificationVariant bad : List.of(WechatPaySimulator.NotificationVariant.TAMPERED,
                    WechatPaySimulator.NotificationVariant.PROBE, WechatPaySimulator.NotificationVariant.STALE,
                    WechatPaySimulator.NotificationVariant.BAD_SIGNATURE, WechatPaySimulator.NotificationVariant.MISSING_SIGNATURE)) {
                WechatPaySimulator.DeliveryResult r = sim.deliver(sim.notification(id(1), "USER_RESPONSE", bad), url);
                assertThat(r.accepted()).as(bad.name()).isFalse();
                assertThat(r.status()).as(bad.name()).isBetween(400, 499);
            }
            assertThat(out.toString().lines()).as("nothing refused is printed").hasSize(1);

            List<WechatPaySimulator.DeliveryResult> notified = new CopyOnWriteArrayList<>();
            sandbox.notifyWechatPayTo(url, notified::add);
            try {
                CliTest.Run complete = run("complete", "--provider", "wechatpay", "--complaint", id(7));
                assertThat(complete.code()).as(complete.err()).isZero();
                CliTest.waitFor(() -> notified.size() == 1);
            } finally {
                sandbox.notifyWechatPayTo(null, r -> { });
            }
            assertThat(notified.get(0).status()).isEqualTo(204);
            CliTest.waitFor(() -> out.toString().lines().count() == 2);
            JsonNode completed = JSON.readTree(out.toString().lines().skip(1).findFirst().orElseThrow());
            assertThat(completed.get("complaint_id").asText()).isEqualTo(id(7));
            assertThat(completed.get("action").asText()).isEqualTo("MERCHANT_CONFIRM_COMPLETE");
        } finally {
            command.interrupt();
            command.join(10_000);
        }
        assertThat(command.isAlive()).isFalse();
        assertThat(code.get()).isZero();
        assertThat(err.toString()).contains("webhook stopped");
    }

    @Test
    @DisplayName("no WeChat Pay secret in any output, with --verbose, even when a command fails")
    void noSecretPrinted() {
        sim.nextError(500, "SYSTEM_ERROR", "系统错误");
        List<CliTest.Run> runs = List.of(run("--verbose", "detail", "--provider", "wechatpay", "--complaint", "no-such-complaint"),
                run("--verbose", "list", "--provider", "wechatpay", "--max", "1"), run("--verbose", "detail", "--provider",
                        "wechatpay", "--complaint", id(5), "--reveal-phone"));
        for (CliTest.Run r : runs) {
            assertThat(r.all()).doesNotContain(WechatPayTestKeys.API_V3_KEY)
                    .doesNotContain(WechatPayTestKeys.merchantPrivateKey().lines().skip(1).findFirst().orElseThrow());
        }
        assertThat(runs.get(0).code()).isEqualTo(4);
    }

    @Test
    @DisplayName("an unreadable @file of wechatpay.api-v3-key is exit 2 naming the key, never the path (it is a secret setting)")
    void secretFileNotNamed(@TempDir Path dir) throws IOException {
        Path file = CliTest.write(dir.resolve("c.properties"), Map.of("wechatpay.mchid", "1900012181",
                "wechatpay.api-v3-key", "@Zq81sKf02LmWx7.key"));
        CliTest.Run r = CliTest.run("--config", file.toString(), "--verbose", "list", "--provider", "wechatpay");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("wechatpay.api-v3-key: the file named by wechatpay.api-v3-key could not be read");
        assertThat(r.all()).doesNotContain("Zq81sKf02LmWx7");
    }
}
