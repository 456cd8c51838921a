/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("complaintkit command")
class CliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One run's exit code and output. */
    record Run(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    static Sandbox sandbox;
    static Path config;
    /** A home folder that does not exist, so no default config file is found. */
    static final Path NO_HOME = Path.of("/nonexistent/complaintkit-test-home");

    @BeforeAll
    static void startSandbox(@TempDir Path dir) throws IOException {
        sandbox = Sandbox.start(0);
        config = write(dir.resolve("sandbox.properties"), sandbox.properties());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static Run run(Consumer<Main> setup, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        main.out = new PrintWriter(out, true);
        main.err = new PrintWriter(err, true);
        main.env = Map.copyOf(env);
        main.home = NO_HOME; // never the real ~/.config/complaintkit/config.properties
        setup.accept(main);
        int code = main.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(Map<String, String> env, String... args) {
        return run(m -> {}, env, args);
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with {@code --config <the sandbox's properties>} in front. */
    static Run sandboxRun(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    static Path write(Path file, Map<String, String> settings) throws IOException {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return file;
    }

    static Map<String, String> sandboxSettings(Map<String, String> changes) {
        Map<String, String> s = new LinkedHashMap<>(sandbox.properties());
        changes.forEach((k, v) -> {
            if (v == null) {
                s.remove(k);
            } else {
                s.put(k, v);
            }
        });
        return s;
    }

    static List<JsonNode> jsonArray(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        assertThat(root.isArray()).as("a JSON array: %s", text).isTrue();
        return StreamSupport.stream(root.spliterator(), false).toList();
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static YimaSimulator.Reply lastYimaReply() {
        List<YimaSimulator.Reply> replies = sandbox.yima().replies();
        return replies.get(replies.size() - 1);
    }

    static String yimaComplaint(int i) {
        return sandbox.yimaComplaintIds().get(i).value();
    }

    @Nested
    @DisplayName("providers")
    class ProvidersCommand {
        @Test
        @DisplayName("lists the four providers on the class path with capabilities and SPI version, and never the fake")
        void providers() {
            Run r = run("providers");

            assertThat(r.code()).isZero();
            assertThat(r.out())
                    .containsPattern("allinpay\\s+LIST_COMPLAINTS,DETAIL,NEGOTIATION_HISTORY,IMAGE_DOWNLOAD,REPLY,COMPLETE,REFUND_DECISION,"
                            + "IMAGE_UPLOAD,NOTIFICATIONS\\s+2\\s+dev.complaintkit.provider.allinpay.AllinpayProvider")
                    .containsPattern("xiaoe\\s+LIST_COMPLAINTS,DETAIL,NEGOTIATION_HISTORY\\s+2\\s+dev.complaintkit.provider.xiaoe.XiaoeProvider")
                    .containsPattern("yima\\s+DETAIL,REPLY\\s+2\\s+dev.complaintkit.provider.yima.YimaProvider")
                    .containsPattern("wechatpay\\s+LIST_COMPLAINTS,DETAIL,NEGOTIATION_HISTORY,REVEAL_PHONE,IMAGE_DOWNLOAD,REPLY,"
                            + "COMPLETE,REFUND_DECISION,IMAGE_UPLOAD,NOTIFICATIONS,NOTIFICATION_URL\\s+2\\s+"
                            + "dev.complaintkit.provider.wechatpay.WechatPayProvider")
                    .contains("core SPI version 2")
                    .as("the test kit's fake is wired by hand, never discovered").doesNotContain("fake");
            assertThat(r.out().lines()).as("a header, four providers, the SPI line").hasSize(6);
        }
    }

    @Nested
    @DisplayName("list (against the Xiaoe-tech simulator)")
    class ListCommand {
        @Test
        @DisplayName("prints an aligned table of the complaints in the state asked for")
        void table() {
            Run r = sandboxRun("list", "--provider", "xiaoe", "--state", "pending", "--max", "5");

            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).startsWith("ID").contains("STATE").contains("COMPLAINED AT").contains("REASON");
            assertThat(lines).hasSize(7).last().isEqualTo("(5 rows)");
            int stateColumn = lines.get(0).indexOf("STATE");
            assertThat(lines.subList(1, 6)).allSatisfy(l -> assertThat(l.substring(stateColumn)).startsWith("PENDING "));
        }

        @Test
        @DisplayName("--json prints one array with snake_case fields; filters by state and days (Asia/Shanghai)")
        void json() throws IOException {
            int callsBefore = sandbox.xiaoe().apiCalls().size();

            Run r = sandboxRun("list", "--provider", "xiaoe", "--state", "processing", "--from", "2024-06-01",
                    "--to", "2024-06-30", "--page-size", "20", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            Instant from = LocalDate.of(2024, 6, 1).atStartOfDay(Main.SHANGHAI).toInstant();
            Instant to = LocalDate.of(2024, 7, 1).atStartOfDay(Main.SHANGHAI).toInstant();
            List<String> expected = sandbox.xiaoe().store().complaints().stream()
                    .filter(c -> c.state() == ComplaintState.PROCESSING)
                    .filter(c -> !c.complainedAt().toInstant().isBefore(from) && c.complainedAt().toInstant().isBefore(to))
                    .map(c -> c.id().value()).toList();
            List<JsonNode> rows = jsonArray(r.out());
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(rows).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows).allSatisfy(n -> {
                assertThat(fieldNames(n)).containsExactly("id", "provider", "state", "channel", "reason", "complained_at",
                        "deadline", "overdue", "closed_at", "complainant_phone", "order_reference", "extra");
                assertThat(n.get("provider").asText()).isEqualTo("xiaoe");
                assertThat(n.get("state").asText()).isEqualTo("PROCESSING");
                assertThat(n.get("complained_at").asText()).matches("2024-06-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
            });
            assertThat(sandbox.xiaoe().apiCalls().size() - callsBefore).isEqualTo((expected.size() + 19) / 20);
        }

        @Test
        @DisplayName("--json mirrors the model: one complaint checked field by field")
        void jsonFields() throws IOException {
            Complaint newest = sandbox.xiaoe().store().complaints().stream()
                    .max(java.util.Comparator.comparing(Complaint::complainedAt)).orElseThrow();

            Run r = sandboxRun("list", "--provider", "xiaoe", "--max", "1", "--json");

            JsonNode row = jsonArray(r.out()).get(0);
            assertThat(row.get("id").asText()).isEqualTo(newest.id().value());
            assertThat(row.get("reason").asText()).isEqualTo(newest.reason());
            assertThat(row.get("channel").asText()).isEqualTo(newest.channel().name());
            assertThat(row.get("overdue").asBoolean()).isEqualTo(newest.overdue());
            assertThat(row.get("complainant_phone").asText()).isEqualTo(newest.complainantPhone());
            assertThat(row.get("order_reference").asText()).isEqualTo(newest.orderReference());
            assertThat(row.get("closed_at").isNull()).isEqualTo(newest.closedAt().isEmpty());
            assertThat(row.get("extra").get("complaint_from").asText()).isEqualTo(newest.extra().get("complaint_from"));
        }

        @Test
        @DisplayName("--max stops paging early; the page size follows --page-size")
        void maxAndPageSize() throws IOException {
            int callsBefore = sandbox.xiaoe().apiCalls().size();

            Run r = sandboxRun("list", "--provider", "xiaoe", "--max", "7", "--page-size", "5", "--json");

            assertThat(jsonArray(r.out())).hasSize(7);
            assertThat(sandbox.xiaoe().apiCalls().size() - callsBefore).isEqualTo(2);
        }

        @Test
        @DisplayName("slow paging prints pages and rows so far on stderr, never on stdout")
        void progress() throws IOException {
            Run r = run(m -> m.progressAfter = Duration.ZERO, Map.of(),
                    "--config", config.toString(), "list", "--provider", "xiaoe", "--page-size", "100", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(jsonArray(r.out())).hasSize(1000);
            assertThat(r.out()).doesNotContain("fetch");
            assertThat(r.err()).contains("fetching: 1 page, 100 rows so far").contains("fetching: 9 pages, 900 rows so far")
                    .contains("fetched 1000 rows in 10 pages");
        }

        @Test
        @DisplayName("rows are streamed: the first page is on stdout before the second page is asked for, as a table and as --json")
        void streamsPageByPage() throws IOException {
            for (boolean json : new boolean[] {false, true}) {
                int callsBefore = sandbox.xiaoe().apiCalls().size();
                int[] callsAtFirstOutput = {-1};
                StringWriter printed = new StringWriter();
                Writer watching = new Writer() {
                    @Override
                    public void write(char[] buf, int off, int len) {
                        if (callsAtFirstOutput[0] < 0 && len > 0) {
                            callsAtFirstOutput[0] = sandbox.xiaoe().apiCalls().size() - callsBefore;
                        }
                        printed.write(buf, off, len);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
                List<String> args = new ArrayList<>(List.of("--config", config.toString(), "list", "--provider", "xiaoe",
                        "--page-size", "100"));
                if (json) {
                    args.add("--json");
                }

                Run r = run(m -> m.out = new PrintWriter(watching, true), Map.of(), args.toArray(String[]::new));

                assertThat(r.code()).as(r.err()).isZero();
                assertThat(callsAtFirstOutput[0]).as("list calls made when the first output was written (json: %s)", json)
                        .isEqualTo(1);
                assertThat(sandbox.xiaoe().apiCalls().size() - callsBefore).isEqualTo(10);
                if (json) {
                    List<JsonNode> rows = jsonArray(printed.toString());
                    assertThat(rows).hasSize(1000);
                    assertThat(printed.toString()).isEqualTo(Main.JSON.writeValueAsString(rows) + System.lineSeparator());
                } else {
                    List<String> lines = printed.toString().lines().toList();
                    assertThat(lines).hasSize(1002).last().isEqualTo("(1000 rows)");
                    int reason = lines.get(0).indexOf("REASON");
                    assertThat(lines.subList(1, 1001)).allSatisfy(l -> assertThat(Table.width(l.substring(0, reason)))
                            .isEqualTo(Table.width(lines.get(1).substring(0, reason))));
                }
            }
        }

        @Test
        @DisplayName("on a terminal the progress line is wiped before a page's rows are printed, and redrawn after")
        void progressMakesRoomForStreamedRows() {
            StringWriter err = new StringWriter();
            Main.Progress progress = new Main.Progress(new PrintWriter(err, true), Duration.ZERO, true);

            progress.page(100, true);
            progress.clear();
            String afterClear = err.toString();
            progress.clear();
            progress.page(200, false);
            progress.done();

            assertThat(afterClear).isEqualTo("\rfetching: 1 page, 100 rows so far   \r" + " ".repeat(80) + "\r");
            assertThat(err.toString().substring(afterClear.length())).as("a second clear writes nothing")
                    .startsWith("\rfetched 200 rows in 2 pages (").endsWith(System.lineSeparator());
        }

        @Test
        @DisplayName("a state that does not exist is a usage error (exit 2) listing the valid ones")
        void badState() {
            Run r = sandboxRun("list", "--provider", "xiaoe", "--state", "closed");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("pending, processing, processed").contains("complaintkit list --help");
            Run zero = sandboxRun("list", "--provider", "xiaoe", "--max", "0");
            assertThat(zero.code()).isEqualTo(2);
            assertThat(zero.err()).contains("--max must be at least 1 (was 0)");
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("reply (against the Yima simulator)")
    class ReplyCommand {
        @Test
        @DisplayName("sends text, images and a jump link; the gateway records them; a table for people")
        void table() {
            Run r = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(0), "--text", "已为您办理退款",
                    "--image", "file752398_7983424", "--image", "file752399_7983425",
                    "--jump-url", "https://shop.example.com/order/1", "--jump-text", "查看订单");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("Reply accepted by yima").contains("0000 回复成功").contains(yimaComplaint(0));
            YimaSimulator.Reply got = lastYimaReply();
            assertThat(got.complaintId()).isEqualTo(yimaComplaint(0));
            assertThat(got.content()).isEqualTo("已为您办理退款");
            assertThat(got.images()).containsExactly("file752398_7983424", "file752399_7983425");
            assertThat(got.jumpUrl()).isEqualTo("https://shop.example.com/order/1");
            assertThat(got.jumpUrlText()).isEqualTo("查看订单");
            assertThat(got.format()).isEqualTo("json");
            assertThat(r.out()).contains(got.transactionId());
        }

        @Test
        @DisplayName("--json prints the receipt; the same --idempotency-key twice is one reply")
        void jsonAndIdempotency() throws IOException {
            String key = "cli" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
            int repliesBefore = sandbox.yima().replies().size();

            Run first = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(1), "--text", "已处理",
                    "--idempotency-key", key, "--json");
            Run again = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(1), "--text", "已处理",
                    "--idempotency-key", key, "--json");

            assertThat(first.code()).as(first.err()).isZero();
            assertThat(again.code()).as(again.err()).isZero();
            JsonNode receipt = JSON.readTree(first.out());
            assertThat(fieldNames(receipt)).containsExactly("complaint_id", "provider", "idempotency_key", "code", "message");
            assertThat(receipt.get("complaint_id").asText()).isEqualTo(yimaComplaint(1));
            assertThat(receipt.get("provider").asText()).isEqualTo("yima");
            assertThat(receipt.get("idempotency_key").asText()).isEqualTo(key);
            assertThat(receipt.get("code").asText()).isEqualTo("0000");
            assertThat(receipt.get("message").asText()).isEqualTo("回复成功");
            assertThat(JSON.readTree(again.out())).isEqualTo(receipt);
            assertThat(sandbox.yima().replies()).hasSize(repliesBefore + 1);
            assertThat(lastYimaReply().transactionId()).isEqualTo(key);
        }

        @Test
        @DisplayName("when the retries run out, the failed reply prints its idempotency key; resending with it is one reply, not two")
        void exhaustedRetriesPrintTheKeyToResendWith() throws IOException {
            int repliesBefore = sandbox.yima().replies().size();
            int requestsBefore = sandbox.yima().requestCount();
            for (int attempt = 0; attempt < 3; attempt++) { // the default policy's 3 attempts: taken, answer lost
                sandbox.yima().inject(Fault.RESET_AFTER_HANDLING);
            }

            Run failed = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(3), "--text", "已为您补发");

            assertThat(failed.code()).as(failed.err()).isEqualTo(5);
            assertThat(sandbox.yima().requestCount() - requestsBefore).isEqualTo(3);
            assertThat(sandbox.yima().replies()).hasSize(repliesBefore + 1);
            String key = lastYimaReply().transactionId();
            assertThat(failed.err()).contains("idempotency key " + key + " — resend with --idempotency-key " + key)
                    .contains("resend it only with the idempotency key above").doesNotContain("then retry");

            Run resent = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(3), "--text", "已为您补发",
                    "--idempotency-key", key, "--json");

            assertThat(resent.code()).as(resent.err()).isZero();
            assertThat(JSON.readTree(resent.out()).get("idempotency_key").asText()).isEqualTo(key);
            assertThat(sandbox.yima().replies()).as("the consumer got the reply once").hasSize(repliesBefore + 1);
        }

        @Test
        @DisplayName("a refused reply prints its idempotency key too")
        void refusedReplyPrintsTheKey() {
            sandbox.yima().failNextReply("9001", "网关维护中");

            Run r = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(0), "--text", "您好",
                    "--idempotency-key", "cli-refused-7f3a9c21");

            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("idempotency key cli-refused-7f3a9c21 — resend with --idempotency-key cli-refused-7f3a9c21");
        }

        @Test
        @DisplayName("an environment variable overrides the file: COMPLAINTKIT_YIMA_FORMAT=xml sends GBK XML")
        void envOverridesFile() {
            Run r = run(Map.of("COMPLAINTKIT_YIMA_FORMAT", "xml"), "--config", config.toString(), "reply",
                    "--provider", "yima", "--complaint", yimaComplaint(2), "--text", "您好，已补发商品",
                    "--jump-url", "https://shop.example.com/o/2", "--jump-text", "物流详情");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(lastYimaReply().format()).isEqualTo("xml");
            assertThat(lastYimaReply().content()).isEqualTo("您好，已补发商品");
            assertThat(lastYimaReply().jumpUrlText()).isEqualTo("物流详情");
        }
    }

    @Nested
    @DisplayName("history (against the Allinpay simulator)")
    class HistoryCommand {
        @Test
        @DisplayName("prints a table of the first rows, signed RSA with the keys from the file")
        void table() {
            int before = sandbox.allinpay().requestCount();

            Run r = sandboxRun("history", "--provider", "allinpay", "--complaint", allinpayComplaint(0), "--max", "5");

            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).startsWith("TIME").contains("TYPE").contains("OPERATOR").contains("DETAILS");
            assertThat(lines).hasSize(7).last().isEqualTo("(5 rows)");
            assertThat(lines.get(1)).contains("2024-06-12 09:30").contains("USER_CREATE_COMPLAINT").contains("投诉人");
            assertThat(sandbox.allinpay().requestCount() - before).isEqualTo(1);
            assertThat(lastAllinpayRequest().get("signtype")).isEqualTo("RSA");
            assertThat(lastAllinpayRequest().get("limit")).isEqualTo("5");
        }

        @Test
        @DisplayName("--json streams every page; environment variables switch to the SM2 merchant")
        void jsonSm2FromEnvironment() throws IOException {
            Map<String, String> env = new HashMap<>();
            sandbox.propertiesSm2().forEach((k, v) -> {
                if (k.startsWith("allinpay.")) {
                    env.put(CliConfig.envName(k), v);
                }
            });
            String id = allinpayComplaint(0);
            int before = sandbox.allinpay().requestCount();

            Run r = run(env, "--config", config.toString(), "history", "--provider", "allinpay", "--complaint", id, "--json");

            assertThat(r.code()).as(r.err()).isZero();
            List<JsonNode> rows = jsonArray(r.out());
            List<NegotiationEntry> expected = sandbox.allinpay().store().history(ComplaintId.of(id)).orElseThrow();
            assertThat(rows).hasSize(Sandbox.ALLINPAY_LONG_HISTORY);
            assertThat(rows).extracting(n -> n.get("log_id").asText())
                    .containsExactlyElementsOf(expected.stream().map(NegotiationEntry::logId).toList());
            JsonNode first = rows.get(0);
            assertThat(fieldNames(first)).containsExactly("log_id", "operator", "time", "type", "raw_type", "details",
                    "media", "images");
            assertThat(first.get("type").asText()).isEqualTo("USER_CREATE_COMPLAINT");
            assertThat(first.get("time").asText()).isEqualTo("2024-06-12T09:30:15+08:00");
            assertThat(first.get("media").get(0).get("urls")).hasSize(2);
            assertThat(rows).anySatisfy(n -> {
                assertThat(n.get("type").asText()).isEqualTo("UNKNOWN");
                assertThat(n.get("raw_type").asText()).isEqualTo("MERCHANT_UPLOAD_EVIDENCE");
                assertThat(n.get("images")).hasSize(2);
            });
            assertThat(sandbox.allinpay().requestCount() - before).isEqualTo(3);
            assertThat(lastAllinpayRequest()).containsEntry("signtype", "SM2").containsEntry("appid", Sandbox.ALLINPAY_SM2_APPID)
                    .containsEntry("offset", "200");
        }

        @Test
        @DisplayName("a page size over Allinpay's 300 is invalid input (exit 3), nothing sent")
        void pageSizeOverLimit() {
            int before = sandbox.allinpay().requestCount();

            Run r = sandboxRun("history", "--provider", "allinpay", "--complaint", allinpayComplaint(0), "--page-size", "301");

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("300").contains("Nothing was sent");
            assertThat(sandbox.allinpay().requestCount()).isEqualTo(before);
        }

        @Test
        @DisplayName("a provider without negotiation history is exit 2, pointing at 'providers'")
        void unsupported() {
            Run r = sandboxRun("history", "--provider", "yima", "--complaint", "200000020260601000000000001");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("does not support negotiation history").contains("complaintkit providers");
            assertThat(r.out()).isEmpty();
        }

        @Test
        @DisplayName("a blank complaint id is invalid input (exit 3)")
        void blankId() {
            Run r = sandboxRun("history", "--provider", "allinpay", "--complaint", " ");

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("complaintId: is required").contains("Nothing was sent");
        }
    }

    static Map<String, String> lastAllinpayRequest() {
        List<RecordedRequest> requests = sandbox.allinpay().requests();
        return requests.get(requests.size() - 1).formFields();
    }

    static String allinpayComplaint(int i) {
        return sandbox.allinpayComplaintIds().get(i).value();
    }

    @Nested
    @DisplayName("exit codes, each provoked against the sandbox")
    class ExitCodesTest {
        @TempDir
        Path dir;

        @Test
        @DisplayName("2: a missing setting is named with what to do")
        void configuration() throws IOException {
            Map<String, String> withoutIsspid = new HashMap<>();
            withoutIsspid.put("yima.isspid", null);
            Path file = write(dir.resolve("c.properties"), sandboxSettings(withoutIsspid));

            Run r = run("--config", file.toString(), "reply", "--provider", "yima", "--complaint", yimaComplaint(0),
                    "--text", "x");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("yima.isspid").contains("Check the settings").doesNotContain("\tat ");
        }

        @Test
        @DisplayName("2: usage errors (missing option, unknown provider, missing config file)")
        void usage() {
            assertThat(run("history", "--provider", "xiaoe").code()).isEqualTo(2);
            Run unknown = sandboxRun("list", "--provider", "nosuch");
            assertThat(unknown.code()).isEqualTo(2);
            assertThat(unknown.err()).contains("No complaint provider with id 'nosuch'").contains("complaintkit-provider-nosuch");
            Run missing = run("--config", dir.resolve("nope.properties").toString(), "list", "--provider", "xiaoe");
            assertThat(missing.code()).isEqualTo(2);
            assertThat(missing.err()).contains("Config file not found");
        }

        @Test
        @DisplayName("3: invalid input lists every violation and sends nothing")
        void invalidInput() {
            int before = sandbox.yima().requestCount();

            Run r = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(0), "--text", "x".repeat(201),
                    "--image", "a", "--image", "b", "--image", "c", "--image", "d", "--image", "e",
                    "--jump-url", "http://merchant.example/x");

            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("text: must be at most 200 characters").contains("imageMediaIds: must hold at most 4")
                    .contains("jumpLink.url").contains("jumpLink.text").contains("Nothing was sent");
            assertThat(sandbox.yima().requestCount()).isEqualTo(before);
        }

        @Test
        @DisplayName("4: a provider refusal shows its code and message")
        void refused() {
            Run r = sandboxRun("reply", "--provider", "yima", "--complaint", "200201820249999999999999999", "--text", "x");

            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("provider: yima, code: 2001, message: 投诉单不存在")
                    .contains("The provider refused");
        }

        @Test
        @DisplayName("4: Allinpay answers FAIL for a complaint it does not know")
        void refusedHistory() {
            Run r = sandboxRun("history", "--provider", "allinpay", "--complaint", "200201820249999999999999999");

            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("provider: allinpay, code: FAIL, message: 投诉单不存在");
        }

        @Test
        @DisplayName("5: a platform public key that is not Allinpay's: the answer's signature does not verify")
        void wrongPlatformKey() throws IOException {
            Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of(
                    "allinpay.platform-public-key", AllinpayTestKeys.merchantPublicKey("RSA"))));

            Run r = run("--config", file.toString(), "history", "--provider", "allinpay", "--complaint", allinpayComplaint(1));

            assertThat(r.code()).isEqualTo(5);
            assertThat(r.err()).contains("signature").contains("platform public key");
            assertThat(r.out()).isEmpty();
        }

        @Test
        @DisplayName("4: an injected Xiaoe error on listing")
        void refusedList() {
            sandbox.xiaoe().injectApiError(2999, "系统维护中");

            Run r = sandboxRun("list", "--provider", "xiaoe", "--max", "3");

            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("code: 2999, message: 系统维护中");
        }

        @Test
        @DisplayName("5: nothing listens on the endpoint")
        void unreachable() throws IOException {
            Path file = write(dir.resolve("c.properties"),
                    sandboxSettings(Map.of("xiaoe.endpoint", "http://127.0.0.1:" + closedPort())));

            Run r = run("--config", file.toString(), "list", "--provider", "xiaoe");

            assertThat(r.code()).isEqualTo(5);
            assertThat(r.err()).contains("Check the endpoint setting");
            assertThat(r.out()).isEmpty();
        }

        @Test
        @DisplayName("5: the answer's signature does not verify")
        void badSignature() {
            sandbox.yima().tamperNextAnswerSignature();

            Run r = sandboxRun("reply", "--provider", "yima", "--complaint", yimaComplaint(0), "--text", "您好");

            assertThat(r.code()).isEqualTo(5);
            assertThat(r.err()).contains("signature").contains("check the platform public key / secret setting");
        }

        @Test
        @DisplayName("--verbose adds the stack trace; without it there is none")
        void verbose() {
            String[] args = {"reply", "--provider", "yima", "--complaint", "200201820249999999999999999", "--text", "x"};
            assertThat(sandboxRun(args).err()).doesNotContain("\tat ");
            List<String> verbose = new ArrayList<>(List.of("--verbose"));
            verbose.addAll(List.of(args));
            assertThat(sandboxRun(verbose.toArray(String[]::new)).err()).contains("\tat dev.complaintkit");
        }
    }

    @Nested
    @DisplayName("secrets never appear in any output")
    class Secrets {
        @TempDir
        Path dir;

        static final String FILE_SECRET = "FILE-SECRET-7d41c9e2b8";
        static final String ENV_SECRET = "ENV-SECRET-3f95a0d6c1";
        static final String PEM_SECRET = "PEM-SECRET-0b27e8f4a5";

        @Test
        @DisplayName("from the file, the environment or a @file, with and without --verbose, passing and failing")
        void neverPrinted() throws IOException {
            String xiaoeSecret = sandbox.properties().get("xiaoe.secret-key");
            String yimaSecret = sandbox.properties().get("yima.secret");
            Files.writeString(dir.resolve("yima.secret"), PEM_SECRET + "\n");
            // the file holds wrong secrets; the environment holds the right Xiaoe one
            String rsaKey = AllinpayTestKeys.merchantPrivateKey("RSA");
            String sm2Key = AllinpayTestKeys.merchantPrivateKey("SM2");
            Files.writeString(dir.resolve("merchant.pem"), "-----BEGIN PRIVATE KEY-----\n" + rsaKey + "\n-----END PRIVATE KEY-----\n");
            Path wrong = write(dir.resolve("wrong.properties"), sandboxSettings(Map.of(
                    "xiaoe.secret-key", FILE_SECRET, "yima.secret", "@yima.secret", "allinpay.private-key", "@merchant.pem",
                    "allinpay.platform-public-key", AllinpayTestKeys.merchantPublicKey("RSA"))));
            Path good = write(dir.resolve("good.properties"), sandbox.properties());
            Path closed = write(dir.resolve("closed.properties"), sandboxSettings(Map.of(
                    "yima.endpoint", "http://127.0.0.1:" + closedPort() + "/yima/gateway",
                    "allinpay.endpoint", "http://127.0.0.1:" + closedPort() + "/cusapi",
                    "xiaoe.endpoint", "http://127.0.0.1:" + closedPort())));
            Path invalid = write(dir.resolve("invalid.properties"), sandboxSettings(Map.of("yima.format", "yaml")));
            Map<String, String> rightEnv = Map.of("COMPLAINTKIT_XIAOE_SECRET_KEY", xiaoeSecret);
            Map<String, String> wrongEnv = Map.of("COMPLAINTKIT_XIAOE_SECRET_KEY", ENV_SECRET,
                    "COMPLAINTKIT_YIMA_SECRET", ENV_SECRET, "COMPLAINTKIT_ALLINPAY_PRIVATE_KEY", sm2Key);
            Map<String, String> sm2Env = new HashMap<>();
            sandbox.propertiesSm2().forEach((k, v) -> {
                if (k.startsWith("allinpay.")) {
                    sm2Env.put(CliConfig.envName(k), v);
                }
            });
            String[] list = {"list", "--provider", "xiaoe", "--max", "2"};
            String[] reply = {"reply", "--provider", "yima", "--complaint", yimaComplaint(0), "--text", "您好"};
            String[] history = {"history", "--provider", "allinpay", "--complaint", allinpayComplaint(2)};

            List<Run> runs = new ArrayList<>();
            for (String verbose : new String[] {"--json", "--verbose"}) {
                runs.add(expect(0, run(rightEnv, args(wrong, verbose, list))));        // env beats the wrong file secret
                runs.add(expect(0, run(Map.of(), args(good, verbose, reply))));        // file secrets, success
                runs.add(expect(2, run(Map.of(), args(wrong, verbose, list))));        // Xiaoe: 2004 wrong secret_key
                runs.add(expect(5, run(Map.of(), args(wrong, verbose, reply))));       // Yima: answer's sign fails (wrong key)
                runs.add(expect(5, run(wrongEnv, args(good, verbose, reply))));        // env secret wrong
                runs.add(expect(5, run(Map.of(), args(closed, verbose, list))));       // closed port
                runs.add(expect(5, run(Map.of(), args(closed, verbose, reply))));      // closed port
                runs.add(expect(2, run(Map.of(), args(invalid, verbose, reply))));     // invalid setting next to a secret
                runs.add(expect(0, run(Map.of(), args(good, verbose, history))));      // RSA key inline in the file
                runs.add(expect(0, run(sm2Env, args(good, verbose, history))));        // SM2 key from the environment
                runs.add(expect(5, run(Map.of(), args(wrong, verbose, history))));     // @file key, wrong platform key
                runs.add(expect(2, run(wrongEnv, args(good, verbose, history))));      // an SM2 key for sign-type RSA
                runs.add(expect(5, run(Map.of(), args(closed, verbose, history))));    // closed port
            }

            assertThat(runs).hasSize(26).anySatisfy(r -> assertThat(r.err()).contains("\tat "));
            List<String> secrets = List.of(xiaoeSecret, yimaSecret, FILE_SECRET, ENV_SECRET, PEM_SECRET, rsaKey, sm2Key);
            for (Run r : runs) {
                for (String secret : secrets) {
                    assertThat(r.all()).as("output of a run").doesNotContain(secret);
                    if (secret.length() > 100) { // a key: no part of it either
                        assertThat(r.all()).doesNotContain(secret.substring(secret.length() / 2, secret.length() / 2 + 16));
                    }
                }
            }
        }

        private String[] args(Path file, String flag, String... command) {
            List<String> a = new ArrayList<>(List.of("--config", file.toString()));
            if (flag.equals("--verbose")) {
                a.add(flag);
            }
            a.addAll(List.of(command));
            if (flag.equals("--json")) {
                a.add(flag);
            }
            return a.toArray(String[]::new);
        }

        private Run expect(int code, Run r) {
            assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(code);
            return r;
        }
    }

    @Nested
    @DisplayName("sandbox")
    class SandboxCommand {
        @TempDir
        Path dir;

        @Test
        @DisplayName("prints a working config, writes it with --write, serves until interrupted, then stops")
        void servesUntilInterrupted() throws Exception {
            Path written = dir.resolve("sandbox.properties");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            AtomicInteger code = new AtomicInteger(-1);
            Thread command = new Thread(() -> code.set(Main.run(new String[] {"sandbox", "--write", written.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true), Map.of())));
            command.start();
            waitFor(() -> err.toString().contains("sandbox running"));

            Properties printed = new Properties();
            printed.load(new StringReader(out.toString()));
            assertThat(printed.stringPropertyNames()).containsExactlyInAnyOrder("allinpay.endpoint", "allinpay.appid",
                    "allinpay.cusid", "allinpay.sign-type", "allinpay.private-key", "allinpay.platform-public-key",
                    "xiaoe.endpoint", "xiaoe.app-id",
                    "xiaoe.client-id", "xiaoe.secret-key", "yima.endpoint", "yima.isspid", "yima.system-id",
                    "yima.seller-account", "yima.secret", "yima.format", "yima.sign-scheme", "wechatpay.endpoint",
                    "wechatpay.mchid", "wechatpay.merchant-serial", "wechatpay.private-key", "wechatpay.api-v3-key",
                    "wechatpay.platform-public-key-id", "wechatpay.platform-public-key");
            assertThat(printed.getProperty("wechatpay.private-key")).as("the PEM read back exactly, line breaks included")
                    .isEqualTo(dev.complaintkit.testkit.wechatpay.WechatPayTestKeys.merchantPrivateKey().strip());
            assertThat(Files.readString(written)).isEqualTo(out.toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
            Run listed = run("--config", written.toString(), "list", "--provider", "xiaoe", "--max", "3", "--json");
            assertThat(listed.code()).as(listed.err()).isZero();
            assertThat(jsonArray(listed.out())).hasSize(3);
            String historyOf = out.toString().lines().filter(l -> l.contains("history --provider allinpay")).findFirst()
                    .orElseThrow().replaceAll(".*--complaint (\\S+).*", "$1");
            Run history = run("--config", written.toString(), "history", "--provider", "allinpay", "--complaint", historyOf,
                    "--max", "20", "--json");
            assertThat(history.code()).as(history.err()).isZero();
            assertThat(jsonArray(history.out())).hasSize(20);
            Properties sm2 = new Properties();
            sm2.load(new StringReader(out.toString().lines().filter(l -> l.startsWith("#allinpay."))
                    .map(l -> l.substring(1)).collect(java.util.stream.Collectors.joining("\n"))));
            assertThat(sm2).containsEntry("allinpay.sign-type", "SM2").containsKeys("allinpay.appid", "allinpay.cusid",
                    "allinpay.private-key", "allinpay.platform-public-key");
            String complaint = out.toString().lines().filter(l -> l.contains("reply --provider yima")).findFirst().orElseThrow()
                    .replaceAll(".*--complaint (\\S+).*", "$1");
            Run replied = run("--config", written.toString(), "reply", "--provider", "yima", "--complaint", complaint,
                    "--text", "已处理");
            assertThat(replied.code()).as(replied.err()).isZero();
            String detailOf = out.toString().lines().filter(l -> l.contains("detail --provider wechatpay")).findFirst()
                    .orElseThrow().replaceAll(".*--complaint (\\S+).*", "$1");
            Run detail = run("--config", written.toString(), "detail", "--provider", "wechatpay", "--complaint", detailOf,
                    "--reveal-phone", "--json");
            assertThat(detail.code()).as(detail.err()).isZero();
            assertThat(JSON.readTree(detail.out()).get("phone").asText()).isEqualTo("13800138000");

            command.interrupt();
            command.join(10_000);

            assertThat(command.isAlive()).isFalse();
            assertThat(code.get()).isZero();
            assertThat(err.toString()).contains("sandbox stopped");
            assertThat(run("--config", written.toString(), "list", "--provider", "xiaoe").code()).isEqualTo(5);
        }

        @Test
        @DisplayName("--port N puts the simulators on N (Allinpay), N+1 (Xiaoe-tech), N+2 (Yima), N+3 (WeChat Pay); a bad or taken port is exit 2")
        void ports() throws Exception {
            int base = freeBase();
            AtomicReference<Sandbox> started = new AtomicReference<>();
            StringWriter out = new StringWriter();
            Thread command = new Thread(() -> run(m -> {
                m.out = new PrintWriter(out, true);
                m.sandboxStarter = port -> {
                    started.set(Sandbox.start(port));
                    return started.get();
                };
            }, Map.of(), "sandbox", "--port", Integer.toString(base)));
            command.start();
            waitFor(() -> out.toString().contains("# Try:"));

            assertThat(started.get().endpoints()).containsEntry("allinpay", URI.create("http://127.0.0.1:" + base))
                    .containsEntry("xiaoe", URI.create("http://127.0.0.1:" + (base + 1)))
                    .containsEntry("yima", URI.create("http://127.0.0.1:" + (base + 2)))
                    .containsEntry("wechatpay", URI.create("http://127.0.0.1:" + (base + 3)));
            assertThat(out.toString()).contains("allinpay.endpoint=http://127.0.0.1:" + base + "/cusapi\n")
                    .contains("xiaoe.endpoint=http://127.0.0.1:" + (base + 1) + "\n")
                    .contains("yima.endpoint=http://127.0.0.1:" + (base + 2) + "/yima/gateway\n")
                    .contains("wechatpay.endpoint=http://127.0.0.1:" + (base + 3) + "\n");
            command.interrupt();
            command.join(10_000);
            assertThat(command.isAlive()).isFalse();

            Run bad = run("sandbox", "--port", "65533");
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).contains("--port 65533").contains("1..65532").contains("0 for free ephemeral ports")
                    .contains("complaintkit sandbox --help");
            try (ServerSocket taken = new ServerSocket(base + 1, 1, InetAddress.getLoopbackAddress())) {
                assertThat(taken.isBound()).as("port " + (base + 1) + " held by another server").isTrue();
                Run busy = run("sandbox", "--port", Integer.toString(base));
                assertThat(busy.code()).isEqualTo(2);
                assertThat(busy.err()).contains("--port " + base).contains("port " + (base + 1));
            }
            try (ServerSocket taken = new ServerSocket(base + 3, 1, InetAddress.getLoopbackAddress())) {
                Run busy = run("sandbox", "--port", Integer.toString(base));
                assertThat(busy.code()).as("WeChat Pay's port N+3 taken").isEqualTo(2);
                assertThat(busy.err()).contains("port " + (base + 3));
            }
            Run notify = run("sandbox", "--notify", "http://shop.example.com/notify");
            assertThat(notify.code()).isEqualTo(2);
            assertThat(notify.err()).contains("--notify http://shop.example.com/notify: must be an absolute https:// URL");
            Run unwritable = run("sandbox", "--write", dir.resolve("no/such/folder/s.properties").toString());
            assertThat(unwritable.code()).isEqualTo(2);
            assertThat(unwritable.err()).contains("could not write the file");
        }

        private int freeBase() {
            for (int attempt = 0; attempt < 50; attempt++) {
                int base = ThreadLocalRandom.current().nextInt(20_000, 60_000);
                List<ServerSocket> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        held.add(new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress()));
                    }
                    return base;
                } catch (IOException taken) {
                    // try another base
                } finally {
                    for (ServerSocket s : held) {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing a probe socket
                        }
                    }
                }
            }
            throw new AssertionError("no four free consecutive ports found");
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    @Nested
    @DisplayName("demo")
    class DemoCommand {
        @Test
        @DisplayName("runs every provider end to end (WeChat Pay through the real commands and the webhook's receiver) and prints what it did, without a secret; exit 0")
        void demo() {
            AtomicReference<Sandbox> used = new AtomicReference<>();

            Run r = run(m -> m.sandboxStarter = port -> {
                used.set(Sandbox.start(port));
                return used.get();
            }, Map.of(), "demo");

            assertThat(r.code()).as(r.all()).isZero();
            Sandbox s = used.get();
            String refund = s.wechatpayComplaintIds().get(0);
            long pending = s.xiaoe().store().complaints().stream().filter(c -> c.state() == ComplaintState.PENDING).count();
            assertThat(r.out()).contains("all complaints: 1000, in 10 pages of up to 100 (1 token request, 10 list calls)")
                    .contains("pending " + pending + " ·")
                    .containsPattern("JSON  reply to 200201820200101080076610000, 2 images \\+ jump link: 0000 回复成功")
                    .containsPattern("XML   reply to \\d{27}, 1 image \\+ jump link: 0000 回复成功")
                    .contains("complaint 200201820240612093015000250, streamed lazily")
                    .contains("RSA  merchant 00000888: 250 rows in 3 pages (SHA1WithRSA)")
                    .contains("SM2  merchant 00000889: 250 rows in 3 pages (SM3withSM2, raw r||s)")
                    .contains("the same rows for both: 13 kinds of operation (18 rows of a kind this version does not know")
                    .contains("refused, SignatureException")
                    .contains("500 history rows in 6 pages (RSA and SM2 merchants), a tampered answer refused")
                    .contains("2 requests, 1 reply recorded by the gateway")
                    .contains("ValidationException, 5 violations, 0 requests sent")
                    .contains("- text: must be at most 200 characters (was 201)")
                    .contains("- imageMediaIds: must hold at most 4 images (was 5)")
                    .contains("- jumpLink.url: must be an absolute HTTPS URL")
                    .contains("- jumpLink.text: must be at most 10 characters (was 12)")
                    .contains("- text: contains U+1F600")
                    .contains("3 replies accepted (1 JSON, 2 XML)")
                    .contains("Providers on the class path: allinpay, wechatpay, xiaoe, yima")
                    .contains("12 complaints in 2 list calls, one per 30-day window")
                    .contains(LocalDate.now(Main.SHANGHAI).minusDays(29) + ".." + LocalDate.now(Main.SHANGHAI) + ", then "
                            + LocalDate.now(Main.SHANGHAI).minusDays(59) + ".." + LocalDate.now(Main.SHANGHAI).minusDays(30))
                    .contains("phone_form REVEALED, phone 13800138000")
                    .contains("Reply accepted by wechatpay").contains("Refund approved at wechatpay")
                    .contains("Complaint completed at wechatpay")
                    .containsPattern("MERCHANT_RESPONSE +商户 +您好，退款将原路… +1")
                    .contains("downloaded from the history's media URL: the uploaded bytes")
                    .contains("answered 204; the webhook").contains("action REFUND_SUCCESS, complaint " + refund)
                    .contains("the same delivery again (WeChat Pay retries): answered 204, not printed again")
                    .contains("a delivery with a byte changed: answered 401, refused (SIGNATURE), nothing printed")
                    .contains("a delivery signed 6 minutes ago: answered 401, refused (STALE), nothing printed")
                    .contains("the signature does not verify").contains("exit code 5")
                    .contains("reconciled true; POSTs to …/response: 1; history rows with that text: 1")
                    .contains("12 complaints over 60 days in 2 windows, a phone revealed, 4 writes")
                    .contains("1 event printed by the webhook (1 repeat acknowledged, 3 refused)")
                    .contains("a tampered answer refused, a lost reply answer reconciled (posted once)")
                    .contains("all steps passed");
            dev.complaintkit.testkit.wechatpay.WechatPaySimulator wx = s.wechatpay();
            assertThat(wx.state(refund)).as("the refund approved, then arrived").hasValue("PROCESSED");
            assertThat(wx.historyTypes(refund)).containsSubsequence("MERCHANT_RESPONSE", "MERCHANT_APPROVE_REFUND",
                    "COMPLAINT_REFUND_RECEIVED_SYSTEM_MESSAGE");
            assertThat(wx.state(s.wechatpayComplaintIds().get(2))).hasValue("PROCESSED");
            assertThat(wx.requests("POST", dev.complaintkit.testkit.wechatpay.WechatPaySimulator.COMPLAINTS_PATH + "/"
                    + s.wechatpayComplaintIds().get(4) + "/response")).as("the lost reply posted once").hasSize(1);
            assertThat(wx.deliveries()).extracting(d -> d.status()).containsExactly(204, 204, 401, 401, 401);
            assertThat(wx.signatureFailures()).isZero();
            assertThat(s.yima().replies()).extracting(YimaSimulator.Reply::format).containsExactly("json", "xml", "xml");
            assertThat(s.yima().replies().get(0).images()).hasSize(2);
            assertThat(s.yima().replies().get(0).jumpUrlText()).isEqualTo("查看订单详情");
            assertThat(s.xiaoe().tokenRequestCount()).isEqualTo(1);
            for (String secret : s.secrets()) {
                assertThat(r.all()).doesNotContain(secret);
            }
            assertThat(r.out().lines().mapToInt(Table::width).max().orElseThrow()).isLessThanOrEqualTo(100);
        }

        @Test
        @DisplayName("reports a failing step and exits with its code")
        void failingStep() {
            Run r = run(m -> m.sandboxStarter = port -> {
                Sandbox s = Sandbox.start(port);
                s.yima().failNextReply("9001", "网关维护中");
                return s;
            }, Map.of(), "demo");

            assertThat(r.code()).isEqualTo(4);
            assertThat(r.out()).contains("FAILED: [yima] provider error 9001: 网关维护中").contains("1 step(s) FAILED")
                    .doesNotContain("all steps passed");
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {
        @TempDir
        Path dir;

        @Test
        @DisplayName("environment variables override the file; @file values are read relative to the file")
        void envOverridesFile() throws Exception {
            Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            Path file = dir.resolve("ck.properties");
            Files.writeString(file, "xiaoe.app-id=from-file\nxiaoe.client-id=cid\nallinpay.private-key=@key.pem\n",
                    StandardCharsets.UTF_8);

            Map<String, String> env = Map.of("COMPLAINTKIT_XIAOE_APP_ID", "from-env",
                    "COMPLAINTKIT_YIMA_SELLER_ACCOUNT", "6666", "COMPLAINTKIT_ALLINPAY_PLATFORM_PUBLIC_KEY", "MIIB",
                    "PATH", "/bin");

            assertThat(CliConfig.load(file, env, "xiaoe")).containsOnly(Map.entry("xiaoe.app-id", "from-env"),
                    Map.entry("xiaoe.client-id", "cid"));
            assertThat(CliConfig.load(file, env, "yima")).containsOnly(Map.entry("yima.seller-account", "6666"));
            assertThat(CliConfig.load(file, env, "allinpay"))
                    .containsOnly(Map.entry("allinpay.platform-public-key", "MIIB"),
                            Map.entry("allinpay.private-key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
            assertThat(CliConfig.envName("xiaoe.secret-key")).isEqualTo("COMPLAINTKIT_XIAOE_SECRET_KEY");
        }

        @Test
        @DisplayName("a @file of a public setting that cannot be read is exit 2 naming the key and the path")
        void missingPublicKeyFile() throws IOException {
            Path file = write(dir.resolve("c.properties"),
                    sandboxSettings(Map.of("allinpay.platform-public-key", "@missing-platform.pem")));

            Run r = run("--config", file.toString(), "history", "--provider", "allinpay", "--complaint", "c");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("allinpay.platform-public-key: the file " + dir.resolve("missing-platform.pem")
                    + " could not be read (NoSuchFileException)");
        }

        @Test
        @DisplayName("a secret setting's value starting with @ that names no file is exit 2 naming the key, never the path (the value), not even with --verbose")
        void unreadableSecretFileNeverPrintsItsPath() throws IOException {
            String secret = "@Zq81sKf02LmWx7";
            Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of("yima.secret", secret)));
            Map<String, String> env = Map.of("COMPLAINTKIT_XIAOE_SECRET_KEY", secret);

            Run reply = run("--config", file.toString(), "--verbose", "reply", "--provider", "yima", "--complaint", "c",
                    "--text", "x");
            Run list = run(env, "--config", file.toString(), "--verbose", "list", "--provider", "xiaoe");

            for (Run r : List.of(reply, list)) {
                assertThat(r.code()).isEqualTo(2);
                assertThat(r.all()).doesNotContain(secret.substring(1)).contains("a value that starts with @ itself is written with @@");
            }
            assertThat(reply.err()).contains("yima.secret: the file named by yima.secret could not be read (NoSuchFileException)");
            assertThat(list.err()).contains("xiaoe.secret-key: the file named by xiaoe.secret-key could not be read");
        }

        @Test
        @DisplayName("@@ at the start of a value stands for a literal @, in the file and in the environment")
        void doubleAtIsALiteralAt() throws IOException {
            Path file = write(dir.resolve("c.properties"), Map.of("yima.secret", "@@Zq81sKf02", "yima.isspid", "@@@x"));

            assertThat(CliConfig.load(file, Map.of(), "yima")).containsEntry("yima.secret", "@Zq81sKf02")
                    .containsEntry("yima.isspid", "@@x");
            assertThat(CliConfig.load(null, Map.of("COMPLAINTKIT_XIAOE_SECRET_KEY", "@@k"), "xiaoe"))
                    .containsEntry("xiaoe.secret-key", "@k");
        }

        @Test
        @DisplayName("end to end: a Yima secret starting with @, written @@, signs the reply the gateway accepts")
        void doubleAtSecretSignsAReply() throws IOException {
            String secret = "@" + sandbox.properties().get("yima.secret");
            dev.complaintkit.testkit.ComplaintStore store = dev.complaintkit.testkit.ComplaintStore.create().seed(1, 0);
            try (YimaSimulator gateway = YimaSimulator.builder().secret(secret).store(store).build().start()) {
                Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of(
                        "yima.endpoint", gateway.endpoint().toString(), "yima.secret", "@" + secret)));

                Run r = run("--config", file.toString(), "reply", "--provider", "yima",
                        "--complaint", store.complaints().get(0).id().value(), "--text", "您好");

                assertThat(r.code()).as(r.err()).isZero();
                assertThat(gateway.replies()).hasSize(1);
            }
        }

        @Test
        @DisplayName("the settings the CLI treats as secret are exactly those each provider redacts in describe()")
        void secretSettingsMatchTheProvidersRedactions() {
            for (String id : List.of("allinpay", "yima", "xiaoe")) {
                dev.complaintkit.spi.ComplaintProvider<?> provider = dev.complaintkit.Complaints.discover().providers().stream()
                        .filter(p -> p.id().equals(id)).findFirst().orElseThrow();
                Map<String, String> own = new HashMap<>();
                sandbox.properties().forEach((k, v) -> {
                    if (k.startsWith(id + ".")) {
                        own.put(k, v);
                    }
                });
                Map<String, String> described = provider.configFromProperties(own).describe();

                assertThat(described.keySet()).as(id).allSatisfy(k -> assertThat(CliConfig.isSecret(k)).as(k)
                        .isEqualTo("<redacted>".equals(described.get(k))));
                assertThat(described.values()).as(id).contains("<redacted>");
            }
            // WeChat Pay's describe() leaves its secrets out instead of redacting them
            Map<String, String> own = new HashMap<>();
            sandbox.properties().forEach((k, v) -> {
                if (k.startsWith("wechatpay.")) {
                    own.put(k, v);
                }
            });
            Map<String, String> described = new dev.complaintkit.provider.wechatpay.WechatPayProvider().configFromProperties(own)
                    .describe();
            assertThat(described.keySet()).allSatisfy(k -> assertThat(CliConfig.isSecret("wechatpay." + k)).as(k).isFalse());
            assertThat(own.keySet()).filteredOn(k -> !described.containsKey(k.substring("wechatpay.".length())))
                    .filteredOn(CliConfig::isSecret).containsExactlyInAnyOrder("wechatpay.private-key", "wechatpay.api-v3-key");
            assertThat(CliConfig.isSecret("wechatpay.platform-public-key")).isFalse();
            assertThat(CliConfig.isSecret("wechatpay.platform-public-key-id")).isFalse();
            assertThat(CliConfig.isSecret("wechatpay.platform-certificates")).isFalse();
        }

        @Test
        @DisplayName("list --provider xiaoe reads only Xiaoe's keys: a missing @file of allinpay.private-key does not matter")
        void onlyTheProviderInUseIsRead() throws IOException {
            Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of("allinpay.private-key", "@missing.pem")));

            Run r = run(Map.of("COMPLAINTKIT_YIMA_SECRET", "@also-missing"), "--config", file.toString(),
                    "list", "--provider", "xiaoe", "--max", "2", "--json");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(jsonArray(r.out())).hasSize(2);
        }

        @Test
        @DisplayName("an overflowing setting (xiaoe.rate-window=PT999999999999H) is a configuration error (exit 2), not exit 1 'a bug'")
        void overflowingSettingIsAConfigurationError() throws IOException {
            Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of("xiaoe.rate-window", "PT999999999999H")));

            Run r = run("--config", file.toString(), "list", "--provider", "xiaoe", "--max", "1");

            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("xiaoe").contains("Check the settings").doesNotContain("Unexpected failure");
        }

        @Test
        @DisplayName("a @file larger than 1 MiB is exit 2, not read whole")
        void hugeFileIsRefused() throws IOException {
            Files.write(dir.resolve("huge.pem"), new byte[CliConfig.MAX_FILE_BYTES + 1]);
            Path file = write(dir.resolve("c.properties"), sandboxSettings(Map.of("yima.secret", "@huge.pem")));

            Run r = run("--config", file.toString(), "reply", "--provider", "yima", "--complaint", "c", "--text", "x");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("yima.secret: the file named by yima.secret is larger than 1024 KiB");
        }

        @Test
        @DisplayName("an unknown setting of the chosen provider is exit 2 naming the key")
        void unknownSetting() {
            Run r = run(Map.of("COMPLAINTKIT_YIMA_COLOUR", "blue"), "--config", config.toString(),
                    "reply", "--provider", "yima", "--complaint", "c", "--text", "x");

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("yima.colour");
        }
    }

    @Nested
    @DisplayName("terminal escape sequences from providers and consumers are escaped in human output")
    class ControlCharacters {
        static final String HOSTILE = "\u001B[2J\u001B]0;pwned\u0007\rReply accepted by yima\u0000\u007F\u009B31m退款";

        /** @return whether the text holds a control character other than a line break */
        static boolean hasControl(String s) {
            return s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n');
        }

        @Test
        @DisplayName("TerminalText escapes C0, DEL and C1 as \\uXXXX and keeps other text; messages keep their list line breaks only")
        void escapes() {
            assertThat(TerminalText.escape("a\u001Bb\u0007c\rd\ne\u007Ff\u009Bg 投诉"))
                    .isEqualTo("a\\u001Bb\\u0007c\\u000Dd\\u000Ae\\u007Ff\\u009Bg 投诉");
            assertThat(TerminalText.message("Invalid input (2 problems):\n  - text: x\n  - forged\nReply accepted"))
                    .isEqualTo("Invalid input (2 problems):\n  - text: x\n  - forged\\u000AReply accepted");
            assertThat(TerminalText.trace("x: a\u001Bb\n\tat y\r\n")).isEqualTo("x: a\\u001Bb\n\tat y\r\n");
        }

        @Test
        @DisplayName("a provider's refusal text with ESC, BEL and CR reaches stderr escaped, with and without --verbose")
        void inErrors() {
            for (boolean verbose : new boolean[] {false, true}) {
                sandbox.yima().failNextReply("9\u001B[1m", HOSTILE);
                List<String> args = new ArrayList<>(List.of("reply", "--provider", "yima", "--complaint", yimaComplaint(0),
                        "--text", "您好"));
                if (verbose) {
                    args.add(0, "--verbose");
                }

                Run r = sandboxRun(args.toArray(String[]::new));

                assertThat(r.code()).isEqualTo(4);
                assertThat(hasControl(r.err().replace("\tat ", "at "))).as(r.err()).isFalse();
                assertThat(r.err()).contains("code: 9\\u001B[1m, message: \\u001B[2J\\u001B]0;pwned\\u0007\\u000DReply accepted by yima");
            }
        }

        @Test
        @DisplayName("a complaint text with control characters is escaped in the table, and exact in --json with no raw control character")
        void inTablesAndJson() throws IOException {
            Complaint sample = sandbox.xiaoe().store().complaints().get(0);
            ComplaintStore store = ComplaintStore.create().add(new Complaint(sample.id(), sample.providerId(), sample.state(),
                    sample.channel(), HOSTILE, sample.complainedAt(), sample.deadline(), sample.overdue(), sample.closedAt(),
                    sample.complainantPhone(), sample.orderReference(), Map.of("note", HOSTILE)), List.of());
            try (XiaoeSimulator sim = XiaoeSimulator.builder().store(store).build().start()) {
                Map<String, String> settings = Map.of("xiaoe.endpoint", sim.baseUri().toString(),
                        "xiaoe.app-id", XiaoeSimulator.APP_ID, "xiaoe.client-id", XiaoeSimulator.CLIENT_ID,
                        "xiaoe.secret-key", XiaoeSimulator.SECRET_KEY);
                Map<String, String> env = new HashMap<>();
                settings.forEach((k, v) -> env.put(CliConfig.envName(k), v));

                Run table = run(env, "list", "--provider", "xiaoe");
                Run json = run(env, "list", "--provider", "xiaoe", "--json");

                assertThat(table.code()).as(table.err()).isZero();
                assertThat(hasControl(table.out())).as(table.out()).isFalse();
                assertThat(table.out()).contains("\\u001B[2J\\u001B]0;");
                assertThat(json.code()).as(json.err()).isZero();
                assertThat(hasControl(json.out())).as(json.out()).isFalse();
                JsonNode row = jsonArray(json.out()).get(0);
                assertThat(row.get("reason").asText()).isEqualTo(HOSTILE);
            }
        }
    }

    @Nested
    @DisplayName("tables")
    class Tables {
        @Test
        @DisplayName("align wide (CJK) characters as two columns and cut long cells to fit")
        void cjk() {
            Table t = new Table(List.of("A", "B"));
            t.add(List.of("投诉", "x"));
            t.add(List.of("ab", "y"));
            StringWriter out = new StringWriter();

            t.print(new PrintWriter(out));

            assertThat(out.toString().lines()).containsExactly("A     B", "投诉  x", "ab    y");
            assertThat(Views.shorten("要退款八八八八八八八八啊啊啊", 9)).isEqualTo("要退款八…");
            assertThat(Set.of(Table.width(Views.shorten("要退款八八八八八八八八啊啊啊", 9)))).containsExactly(9);
        }
    }
}
