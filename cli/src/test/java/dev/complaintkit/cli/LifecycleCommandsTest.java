/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("complaintkit lifecycle commands (against the test kit's FakeComplaintProvider, wired by hand)")
class LifecycleCommandsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;
    static Path config;

    FakeComplaintProvider fake;
    String first;

    @BeforeAll
    static void startSandbox(@TempDir Path dir) throws IOException {
        sandbox = Sandbox.start(0);
        config = CliTest.write(dir.resolve("sandbox.properties"), sandbox.properties());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void seed() {
        fake = FakeComplaintProvider.create().seed(12, 3);
        first = fake.complaints().get(0).id().value();
    }

    /** Runs with the fake wired as provider {@code fake}. */
    CliTest.Run fake(String... args) {
        return CliTest.run(m -> m.wired = Map.of(FakeComplaintProvider.ID, fake), Map.of(), args);
    }

    /** Runs against the sandbox's real providers (which lack these capabilities). */
    static CliTest.Run sandboxRun(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return CliTest.run(all.toArray(String[]::new));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    @Nested
    @DisplayName("detail")
    class Detail {
        @Test
        @DisplayName("--json: the list row's fields and the detail's (orders, problem, refund asked, tags); the ciphertext never")
        void json() throws IOException {
            fake.phone(ComplaintId.of(first), "13800138000");
            CliTest.Run r = fake("detail", "--provider", "fake", "--complaint", first, "--json");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode d = JSON.readTree(r.out());
            assertThat(d.get("id").asText()).isEqualTo(first);
            assertThat(d.get("provider").asText()).isEqualTo("fake");
            assertThat(d.get("problem_type").asText()).isEqualTo("REFUND");
            assertThat(d.get("requested_refund_fen").asLong()).isEqualTo(1990);
            assertThat(d.get("orders").get(0).get("amount_fen").asLong()).isEqualTo(1990);
            assertThat(d.get("user_tags").get(0).asText()).isEqualTo("TRUSTED");
            assertThat(d.get("phone_form").asText()).isEqualTo("ENCRYPTED");
            assertThat(d.get("phone").isNull()).isTrue();
            assertThat(r.all()).doesNotContain("13800138000").doesNotContain("fake-cipher");
            assertThat(d.get("sub_merchant").isNull()).isTrue();
        }

        @Test
        @DisplayName("--reveal-phone decrypts the number through the client's reveal call; on a masked phone it warns and shows the mask")
        void revealPhone() throws IOException {
            fake.phone(ComplaintId.of(first), "13800138000");
            CliTest.Run r = fake("detail", "--provider", "fake", "--complaint", first, "--reveal-phone", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            JsonNode d = JSON.readTree(r.out());
            assertThat(d.get("phone").asText()).isEqualTo("13800138000");
            assertThat(d.get("phone_form").asText()).isEqualTo("REVEALED");
            assertThat(fake.calls()).extracting(FakeComplaintProvider.Call::operation).contains("reveal phone");

            String other = fake.complaints().get(1).id().value();
            CliTest.Run masked = fake("detail", "--provider", "fake", "--complaint", other, "--reveal-phone");
            assertThat(masked.code()).as(masked.err()).isZero();
            assertThat(masked.err()).contains("warning: --reveal-phone: the phone number is");
            assertThat(masked.out()).contains("Complaint " + other + " at fake").contains("problem_type").contains("REFUND");
        }

        @Test
        @DisplayName("--merchant reads the complaint for a sub-merchant; an unknown complaint is the provider's refusal (exit 4)")
        void merchantAndRefusal() {
            CliTest.Run r = fake("detail", "--provider", "fake", "--complaint", first, "--merchant", "1900000109", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"sub_merchant\":\"1900000109\"".replace(":", " : "));
            assertThat(fake.calls()).extracting(FakeComplaintProvider.Call::argument)
                    .contains(ComplaintRef.of(first).forSubMerchant("1900000109"));

            CliTest.Run missing = fake("detail", "--provider", "fake", "--complaint", "no-such-complaint");
            assertThat(missing.code()).isEqualTo(4);
            assertThat(missing.err()).contains("provider: fake, code: NOT_FOUND");
        }
    }

    @Nested
    @DisplayName("complete and refund")
    class Writes {
        @Test
        @DisplayName("complete marks the complaint PROCESSED once; a lost answer is reconciled by reading, not sent twice")
        void complete() throws IOException {
            CliTest.Run r = fake("complete", "--provider", "fake", "--complaint", first);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("Complaint completed at fake").contains("  complaint   " + first);
            assertThat(fake.complaint(ComplaintId.of(first)).map(Complaint::state)).contains(ComplaintState.PROCESSED);

            String second = fake.complaints().get(1).id().value();
            fake.loseNextAnswer();
            CliTest.Run lost = fake("complete", "--provider", "fake", "--complaint", second, "--json");
            assertThat(lost.code()).as(lost.err()).isZero();
            JsonNode receipt = JSON.readTree(lost.out());
            assertThat(receipt.get("reconciled").asBoolean()).isTrue();
            assertThat(receipt.get("operation").asText()).isEqualTo("complete");
            assertThat(fake.completions()).extracting(c -> c.id().value()).containsExactly(first, second);
        }

        @Test
        @DisplayName("a refund decision whose answer is lost and whose trace reading cannot tell: exit 5, saying what to check; sent once")
        void outcomeUnknown() {
            fake.loseNextAnswer();
            CliTest.Run r = fake("refund", "--provider", "fake", "--complaint", first, "--approve");

            assertThat(r.code()).as(r.err()).isEqualTo(5);
            assertThat(r.err()).contains("the answer was lost and reading could not tell whether it was done")
                    .contains("Read the complaint's negotiation history")
                    .contains("run the command again only if it was not made");
            assertThat(fake.refundDecisions()).hasSize(1);
        }

        @Test
        @DisplayName("refund --approve --refund-in-days N and --reject --reason --image… send the decision the options say")
        void refund() {
            CliTest.Run approve = fake("refund", "--provider", "fake", "--complaint", first, "--approve", "--refund-in-days", "3",
                    "--remark", "已与用户沟通");
            assertThat(approve.code()).as(approve.err()).isZero();
            assertThat(approve.out()).startsWith("Refund approved at fake");

            String second = fake.complaints().get(1).id().value();
            CliTest.Run reject = fake("refund", "--provider", "fake", "--complaint", second, "--reject", "--reason", "已发货",
                    "--image", "m1", "--image", "m2", "--json");
            assertThat(reject.code()).as(reject.err()).isZero();

            List<RefundDecision> decisions = fake.refundDecisions();
            assertThat(decisions).hasSize(2);
            assertThat(decisions.get(0).action()).isEqualTo(RefundDecision.Action.APPROVE);
            assertThat(decisions.get(0).refundInDays()).hasValue(3);
            assertThat(decisions.get(0).remark()).contains("已与用户沟通");
            assertThat(decisions.get(1).action()).isEqualTo(RefundDecision.Action.REJECT);
            assertThat(decisions.get(1).rejectReason()).contains("已发货");
            assertThat(decisions.get(1).rejectImageMediaIds()).containsExactly("m1", "m2");
        }

        @Test
        @DisplayName("refund: --approve with --reason, neither action, --reject without --reason are usage errors (exit 2); days out of range exit 3")
        void refundUsage() {
            CliTest.Run reasonWithApprove = fake("refund", "--provider", "fake", "--complaint", first, "--approve", "--reason", "x");
            assertThat(reasonWithApprove.code()).isEqualTo(2);
            assertThat(reasonWithApprove.err()).contains("error: --reason and --image go with --reject, not with --approve");
            CliTest.Run daysWithReject = fake("refund", "--provider", "fake", "--complaint", first, "--reject", "--reason", "x",
                    "--refund-in-days", "2");
            assertThat(daysWithReject.code()).isEqualTo(2);
            assertThat(daysWithReject.err()).contains("--refund-in-days goes with --approve");
            CliTest.Run neither = fake("refund", "--provider", "fake", "--complaint", first);
            assertThat(neither.code()).isEqualTo(2);
            assertThat(neither.err()).contains("--approve").contains("--reject").doesNotContain("Error: ");
            CliTest.Run both = fake("refund", "--provider", "fake", "--complaint", first, "--approve", "--reject");
            assertThat(both.code()).isEqualTo(2);
            CliTest.Run noReason = fake("refund", "--provider", "fake", "--complaint", first, "--reject");
            assertThat(noReason.code()).isEqualTo(2);
            assertThat(noReason.err()).contains("--reject needs --reason TEXT");
            CliTest.Run days = fake("refund", "--provider", "fake", "--complaint", first, "--approve", "--refund-in-days", "-1");
            assertThat(days.code()).isEqualTo(3);
            assertThat(days.err()).contains("refundInDays");
            assertThat(fake.refundDecisions()).isEmpty();
        }
    }

    @Nested
    @DisplayName("images")
    class Images {
        @TempDir
        Path dir;

        @Test
        @DisplayName("upload-image prints the media id (--json: with file and size); download-image saves the same bytes")
        void uploadThenDownload() throws IOException {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
            Path file = Files.write(dir.resolve("receipt.png"), png);

            CliTest.Run up = fake("upload-image", "--provider", "fake", file.toString());
            assertThat(up.code()).as(up.err()).isZero();
            String mediaId = up.out().strip();
            assertThat(fake.uploads()).containsKey(mediaId);
            assertThat(fake.uploads().get(mediaId).fileName()).isEqualTo("receipt.png");
            assertThat(fake.uploads().get(mediaId).bytes()).isEqualTo(png);

            CliTest.Run json = fake("upload-image", "--provider", "fake", file.toString(), "--json");
            JsonNode uploaded = JSON.readTree(json.out());
            assertThat(uploaded.get("media_id").asText()).startsWith("fake-media-");
            assertThat(uploaded.get("bytes").asInt()).isEqualTo(png.length);

            Path saved = dir.resolve("saved.png");
            CliTest.Run down = fake("download-image", "--provider", "fake", "--url", FakeComplaintProvider.MEDIA_BASE + mediaId,
                    "--out", saved.toString());
            assertThat(down.code()).as(down.err()).isZero();
            assertThat(down.out()).contains("Saved " + png.length + " bytes (image/png) to " + saved);
            assertThat(Files.readAllBytes(saved)).isEqualTo(png);
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).doesNotContain(".saved.png.part").noneMatch(n -> n.endsWith(".part"));
            }
        }

        @Test
        @DisplayName("a missing file is exit 2, an empty one exit 3 (nothing sent); an unknown media URL is the provider's refusal (exit 4)")
        void failures() throws IOException {
            CliTest.Run missing = fake("upload-image", "--provider", "fake", dir.resolve("nope.png").toString());
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("no such file");

            CliTest.Run empty = fake("upload-image", "--provider", "fake", Files.write(dir.resolve("empty.png"), new byte[0]).toString());
            assertThat(empty.code()).isEqualTo(3);
            assertThat(empty.err()).contains("bytes");
            assertThat(fake.uploads()).isEmpty();

            CliTest.Run unknown = fake("download-image", "--provider", "fake", "--url", FakeComplaintProvider.MEDIA_BASE + "nothing",
                    "--out", dir.resolve("x.png").toString());
            assertThat(unknown.code()).isEqualTo(4);
            assertThat(Files.exists(dir.resolve("x.png"))).isFalse();

            int calls = fake.callCount();
            CliTest.Run folder = fake("download-image", "--provider", "fake", "--url", FakeComplaintProvider.MEDIA_BASE + "x",
                    "--out", dir.resolve("no/such/folder.png").toString());
            assertThat(folder.code()).isEqualTo(2);
            assertThat(fake.callCount()).as("nothing sent for a folder that does not exist").isEqualTo(calls);
        }
    }

    @Nested
    @DisplayName("notify-url")
    class NotifyUrl {
        @Test
        @DisplayName("--set, --show and --delete go to the provider; an http:// URL is invalid input (exit 3); no action is exit 2")
        void setShowDelete() throws IOException {
            CliTest.Run none = fake("notify-url", "--provider", "fake", "--show");
            assertThat(none.code()).as(none.err()).isZero();
            assertThat(none.out()).contains("(no notification URL is set)");

            CliTest.Run set = fake("notify-url", "--provider", "fake", "--set", "https://shop.example.com/notify");
            assertThat(set.code()).as(set.err()).isZero();
            assertThat(set.out()).contains("Notification URL set: https://shop.example.com/notify");
            assertThat(fake.notificationUrlSet()).contains("https://shop.example.com/notify");

            CliTest.Run shown = fake("notify-url", "--provider", "fake", "--show", "--json");
            assertThat(JSON.readTree(shown.out()).get("url").asText()).isEqualTo("https://shop.example.com/notify");

            CliTest.Run deleted = fake("notify-url", "--provider", "fake", "--delete");
            assertThat(deleted.code()).isZero();
            assertThat(fake.notificationUrlSet()).isEmpty();

            CliTest.Run plain = fake("notify-url", "--provider", "fake", "--set", "http://shop.example.com/notify");
            assertThat(plain.code()).isEqualTo(3);
            assertThat(fake("notify-url", "--provider", "fake").code()).isEqualTo(2);
            assertThat(fake("notify-url", "--provider", "fake", "--show", "--delete").code()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("webhook")
    class Webhook {
        @Test
        @DisplayName("prints its URL on stderr; one JSON line per verified new event; a repeat is 2xx and not printed; a bad one gets the provider's refusal")
        void receives() throws Exception {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread command = new Thread(() -> {
                Main main = new Main();
                main.out = new PrintWriter(out, true);
                main.err = new PrintWriter(err, true);
                main.home = CliTest.NO_HOME;
                main.wired = Map.of(FakeComplaintProvider.ID, fake);
                code.set(main.execute(new String[] {"webhook", "--provider", "fake"}));
            });
            command.start();
            waitFor(() -> err.toString().contains("webhook listening on"));
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/notifications/fake").matcher(err.toString());
            assertThat(m.find()).as(err.toString()).isTrue();
            URI url = URI.create(m.group());
            HttpClient http = HttpClient.newHttpClient();

            NotificationDelivery delivery = fake.notification("evt-1", ComplaintId.of(first));
            HttpResponse<String> accepted = post(http, url, delivery);
            assertThat(accepted.statusCode()).isEqualTo(204);
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(1);
            JsonNode event = JSON.readTree(lines.get(0));
            assertThat(event.get("event_id").asText()).isEqualTo("evt-1");
            assertThat(event.get("complaint_id").asText()).isEqualTo(first);
            assertThat(event.get("type").asText()).isEqualTo("STATE_CHANGED");
            assertThat(event.get("action").asText()).isEqualTo("USER_RESPONSE");

            HttpResponse<String> repeated = post(http, url, delivery);
            assertThat(repeated.statusCode()).isEqualTo(204);
            assertThat(out.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains("repeated delivery of event evt-1");

            NotificationDelivery unsigned = NotificationDelivery.of("POST", Map.of("Content-Type", "application/json"),
                    delivery.body());
            HttpResponse<String> refused = post(http, url, unsigned);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("SIGNATURE");
            assertThat(out.toString().lines()).hasSize(1);
            assertThat(err.toString()).contains("refused a delivery (SIGNATURE)");

            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(url.resolve("/notifications/fakeother"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);

            HttpResponse<String> second = post(http, url, fake.notification("evt-2", ComplaintId.of(first)));
            assertThat(second.statusCode()).isEqualTo(204);
            assertThat(out.toString().lines()).hasSize(2);

            command.interrupt();
            command.join(10_000);
            assertThat(command.isAlive()).isFalse();
            assertThat(code.get()).isZero();
            assertThat(err.toString()).contains("webhook stopped");
        }

        private HttpResponse<String> post(HttpClient http, URI url, NotificationDelivery d) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
            d.headers().forEach((k, v) -> v.forEach(value -> b.header(k, value)));
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        @DisplayName("a provider without notifications is exit 2 naming the provider and the operation, before listening")
        void unsupported() {
            CliTest.Run r = sandboxRun("webhook", "--provider", "xiaoe");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Provider 'xiaoe' does not support notifications; it offers: list complaints")
                    .doesNotContain("listening");
        }
    }

    @Nested
    @DisplayName("a provider without the capability")
    class Unsupported {
        @Test
        @DisplayName("every new command is exit 2 with a message naming the provider and the operation")
        void namesProviderAndOperation() throws IOException {
            Path image = Files.write(Files.createTempFile("complaintkit", ".png"), new byte[] {1, 2, 3});
            try {
                Map<List<String>, String> cases = Map.of(
                        List.of("history", "--provider", "yima", "--complaint", "c1"), "Provider 'yima' does not support negotiation history",
                        List.of("complete", "--provider", "yima", "--complaint", "c1"), "Provider 'yima' does not support complete",
                        List.of("refund", "--provider", "xiaoe", "--complaint", "c1", "--approve"),
                        "Provider 'xiaoe' does not support refund decision",
                        List.of("upload-image", "--provider", "xiaoe", image.toString()), "Provider 'xiaoe' does not support image upload",
                        List.of("download-image", "--provider", "yima", "--url", "https://x.example/m", "--out", image.toString()),
                        "Provider 'yima' does not support image download",
                        List.of("notify-url", "--provider", "allinpay", "--show"), "Provider 'allinpay' does not support notification URL",
                        List.of("list", "--provider", "yima"), "Provider 'yima' does not support list complaints");
                cases.forEach((args, message) -> {
                    CliTest.Run r = sandboxRun(args.toArray(String[]::new));
                    assertThat(r.code()).as(args + ": " + r.err()).isEqualTo(2);
                    assertThat(r.err()).contains(message).contains("Run 'complaintkit providers'");
                });
            } finally {
                Files.deleteIfExists(image);
            }
        }
    }

    @Nested
    @DisplayName("list --from/--to, history --merchant")
    class Ranges {
        @Test
        @DisplayName("--from/--to pass the days (Asia/Shanghai) to the filter; WeChat Pay without them lists the last 30 days")
        void fromTo() throws IOException {
            CliTest.Run r = fake("list", "--provider", "fake", "--from", "2024-06-01", "--to", "2024-06-30", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            FakeComplaintProvider.Call call = fake.calls().get(0);
            dev.complaintkit.model.ComplaintFilter filter = (dev.complaintkit.model.ComplaintFilter) call.argument();
            assertThat(filter.from()).contains(Instant.parse("2024-05-31T16:00:00Z"));
            assertThat(filter.to()).contains(Instant.parse("2024-06-30T15:59:59Z"));

            Clock july10 = Clock.fixed(Instant.parse("2024-07-09T20:00:00Z"), ZoneOffset.UTC); // 04:00 on the 10th in Shanghai
            assertThat(ListCommand.range("wechatpay", null, null, july10))
                    .containsExactly(LocalDate.of(2024, 6, 11), LocalDate.of(2024, 7, 10));
            assertThat(ListCommand.range("wechatpay", LocalDate.of(2024, 5, 1), null, july10))
                    .containsExactly(LocalDate.of(2024, 5, 1), null);
            assertThat(ListCommand.range("xiaoe", null, null, july10)).containsExactly(null, null);
        }

        @Test
        @DisplayName("history --merchant asks for the sub-merchant's complaint; --output jsonl streams its rows")
        void historyMerchant() throws IOException {
            CliTest.Run r = fake("history", "--provider", "fake", "--complaint", first, "--merchant", "1900000109",
                    "--output", "jsonl");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines()).hasSize(3);
            assertThat(fake.calls().get(0).argument()).isEqualTo(ComplaintRef.of(first).forSubMerchant("1900000109"));
        }
    }
}
