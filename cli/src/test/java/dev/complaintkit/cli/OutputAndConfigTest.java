/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import static dev.complaintkit.cli.CliTest.jsonArray;
import static dev.complaintkit.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.testkit.FakeComplaintProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("complaintkit: --version, completion, output formats, default config, console charset")
class OutputAndConfigTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;
    static Path config;

    @BeforeAll
    static void startSandbox(@TempDir Path dir) throws IOException {
        sandbox = Sandbox.start(0);
        config = CliTest.write(dir.resolve("sandbox.properties"), sandbox.properties());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static CliTest.Run withConfig(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** An RFC 4180 reader, written independently of {@link Csv}: records of fields, CRLF between records. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare CR or LF outside quotes at %d", i).isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(field.length() == 0 && record.isEmpty()).as("the last record ends with CRLF").isTrue();
        return records;
    }

    @Nested
    @DisplayName("--version and generate-completion")
    class VersionAndCompletion {
        @Test
        @DisplayName("--version prints the build's version (the filtered version.properties, the manifest's in the jar)")
        void versionFromTheBuild() {
            String expected = System.getProperty("complaintkit.expected-version");
            assertThat(expected).as("surefire passes ${project.version}").isNotBlank().doesNotContain("${");

            CliTest.Run r = run("--version");

            assertThat(r.code()).isZero();
            assertThat(r.out().lines().findFirst()).contains("complaintkit " + expected);
            assertThat(r.out()).contains("Java " + System.getProperty("java.version"));
            assertThat(Version.fromResource()).contains(expected);
        }

        @Test
        @DisplayName("generate-completion prints a bash/zsh completion script covering every subcommand")
        void completion() {
            CliTest.Run r = run("generate-completion");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("complete -F").contains("_complete_complaintkit");
            for (String command : List.of("list", "detail", "history", "reply", "complete", "refund", "upload-image",
                    "download-image", "notify-url", "webhook", "sandbox", "demo")) {
                assertThat(r.out()).contains(command);
            }
            assertThat(r.out()).contains("--output").contains("--reveal-phone");
        }
    }

    @Nested
    @DisplayName("--output table|json|jsonl|csv")
    class Formats {
        @Test
        @DisplayName("list --output jsonl: one JSON object per line, the same objects as --json")
        void jsonl() throws IOException {
            String[] args = {"list", "--provider", "xiaoe", "--state", "pending", "--max", "30", "--page-size", "7"};
            CliTest.Run array = withConfig(concat(args, "--json"));
            CliTest.Run lines = withConfig(concat(args, "--output", "jsonl"));

            assertThat(lines.code()).as(lines.err()).isZero();
            List<JsonNode> expected = jsonArray(array.out());
            List<String> got = lines.out().lines().toList();
            assertThat(got).hasSize(30);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i)).doesNotContain("\n");
                assertThat(JSON.readTree(got.get(i))).isEqualTo(expected.get(i));
            }
        }

        @Test
        @DisplayName("list --output csv: RFC 4180 with a header row of the JSON fields; every cell equals the JSON value")
        void csvList() throws IOException {
            String[] args = {"list", "--provider", "xiaoe", "--max", "25", "--page-size", "10"};
            List<JsonNode> expected = jsonArray(withConfig(concat(args, "--json")).out());
            CliTest.Run r = withConfig(concat(args, "--output", "csv"));

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).doesNotStartWith("\uFEFF");
            List<List<String>> records = parseCsv(r.out());
            assertThat(records.get(0)).isEqualTo(Views.COMPLAINT_FIELDS);
            assertThat(records).hasSize(26);
            for (int i = 0; i < 25; i++) {
                List<String> row = records.get(i + 1);
                JsonNode json = expected.get(i);
                assertThat(row.get(0)).isEqualTo(json.get("id").asText());
                assertThat(row.get(2)).isEqualTo(json.get("state").asText());
                assertThat(row.get(4)).isEqualTo(json.get("reason").asText());
                assertThat(row.get(7)).isEqualTo(json.get("overdue").asText());
                assertThat(row.get(8)).isEqualTo(json.get("closed_at").isNull() ? "" : json.get("closed_at").asText());
                assertThat(JSON.readTree(row.get(11))).isEqualTo(json.get("extra"));
            }
        }

        @Test
        @DisplayName("--csv-bom starts the CSV with U+FEFF; history --output csv has the history's fields")
        void csvBomAndHistory() {
            String complaint = sandbox.allinpayComplaintIds().get(0).value();
            CliTest.Run r = withConfig("history", "--provider", "allinpay", "--complaint", complaint, "--max", "12",
                    "--output", "csv", "--csv-bom");

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("\uFEFF" + String.join(",", Views.ENTRY_FIELDS) + "\r\n");
            List<List<String>> records = parseCsv(r.out().substring(1));
            assertThat(records).hasSize(13);
            assertThat(records.subList(1, 13)).allSatisfy(row -> assertThat(row).hasSize(Views.ENTRY_FIELDS.size()));
        }

        @Test
        @DisplayName("--json with another --output, and --csv-bom without csv, are usage errors (exit 2)")
        void contradictions() {
            CliTest.Run both = withConfig("list", "--provider", "xiaoe", "--json", "--output", "csv");
            assertThat(both.code()).isEqualTo(2);
            assertThat(both.err()).contains("--json and --output csv contradict each other");

            CliTest.Run bom = withConfig("list", "--provider", "xiaoe", "--output", "jsonl", "--csv-bom");
            assertThat(bom.code()).isEqualTo(2);
            assertThat(bom.err()).contains("--csv-bom goes with --output csv");

            CliTest.Run unknown = withConfig("list", "--provider", "xiaoe", "--output", "xml");
            assertThat(unknown.code()).isEqualTo(2);
            assertThat(unknown.err()).contains("table, json, jsonl, csv");
        }

        @Test
        @DisplayName("reply --output jsonl prints the receipt on one line, --output csv as a header and one record")
        void singleDocuments() throws IOException {
            String complaint = sandbox.yimaComplaintIds().get(0).value();
            CliTest.Run line = withConfig("reply", "--provider", "yima", "--complaint", complaint, "--text", "已处理",
                    "--idempotency-key", "jsonl-receipt-1", "--output", "jsonl");
            assertThat(line.code()).as(line.err()).isZero();
            assertThat(line.out().lines()).hasSize(1);
            assertThat(JSON.readTree(line.out()).get("idempotency_key").asText()).isEqualTo("jsonl-receipt-1");

            CliTest.Run csv = withConfig("reply", "--provider", "yima", "--complaint", complaint, "--text", "已处理",
                    "--idempotency-key", "jsonl-receipt-1", "--output", "csv");
            assertThat(csv.code()).as(csv.err()).isZero();
            List<List<String>> records = parseCsv(csv.out());
            assertThat(records.get(0)).containsExactly("complaint_id", "provider", "idempotency_key", "code", "message");
            assertThat(records.get(1).get(2)).isEqualTo("jsonl-receipt-1");
        }

        @Test
        @DisplayName("CSV cells: quotes doubled, commas and line breaks quoted, = + - @ TAB CR prefixed with ', other controls escaped")
        void csvCells() {
            assertThat(Csv.field("plain 文本")).isEqualTo("plain 文本");
            assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
            assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
            assertThat(Csv.field("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
            assertThat(Csv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
            assertThat(Csv.field("+1")).isEqualTo("'+1");
            assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
            assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
            assertThat(Csv.field("\tx")).isEqualTo("'\tx");
            assertThat(Csv.field("a=b")).isEqualTo("a=b");
            assertThat(Csv.field("\u001B[2Jbell\u0007\u009B")).isEqualTo("\\u001B[2Jbell\\u0007\\u009B");
            assertThat(Csv.field(null)).isEmpty();
            assertThat(Csv.record(List.of("a", "", "c"))).isEqualTo("a,,c\r\n");
            assertThat(parseCsv(Csv.record(List.of("x,y", "\"q\"", "l1\nl2")))).containsExactly(List.of("x,y", "\"q\"", "l1\nl2"));
        }
    }

    @Nested
    @DisplayName("list streams jsonl and csv row by row")
    class Streaming {
        /** Stdout that notes, for each line written, how many list pages the fake had served by then. */
        static final class PagesAtEachLine extends Writer {
            final FakeComplaintProvider fake;
            final StringBuilder text = new StringBuilder();
            final List<Long> pagesServed = new ArrayList<>();

            PagesAtEachLine(FakeComplaintProvider fake) {
                this.fake = fake;
            }

            @Override
            public void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    text.append(buf[i]);
                    if (buf[i] == '\n') {
                        pagesServed.add(fake.calls().stream().filter(c -> c.operation().equals("list complaints")).count());
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        }

        @Test
        @DisplayName("3,000 complaints in pages of 50: each row is on stdout while its own page is the last one fetched")
        void rowsAreWrittenBeforeTheStreamIsExhausted() throws IOException {
            FakeComplaintProvider fake = FakeComplaintProvider.create().seed(3000, 0);
            for (String format : List.of("jsonl", "csv")) {
                fake.reset();
                fake.seed(3000, 0);
                PagesAtEachLine out = new PagesAtEachLine(fake);
                StringWriter err = new StringWriter();
                Main main = new Main();
                main.out = new PrintWriter(out, false);
                main.err = new PrintWriter(err, true);
                main.home = CliTest.NO_HOME;
                main.wired = Map.of(FakeComplaintProvider.ID, fake);

                int code = main.execute(new String[] {"list", "--provider", "fake", "--output", format, "--page-size", "50"});

                assertThat(code).as(err.toString()).isZero();
                int header = format.equals("csv") ? 1 : 0;
                assertThat(out.pagesServed).hasSize(3000 + header);
                for (int row = 0; row < 3000; row++) {
                    long ownPage = row / 50 + 1;
                    assertThat(out.pagesServed.get(row + header)).as("%s row %d written when pages served", format, row)
                            .isEqualTo(ownPage);
                }
                long pages = fake.calls().stream().filter(c -> c.operation().equals("list complaints")).count();
                assertThat(pages).isGreaterThanOrEqualTo(60);
                if (format.equals("jsonl")) {
                    assertThat(JSON.readTree(out.text.toString().lines().findFirst().orElseThrow()).get("provider").asText())
                            .isEqualTo("fake");
                }
            }
        }
    }

    @Nested
    @DisplayName("default config location")
    class DefaultConfigLocation {
        @TempDir
        Path dir;

        @Test
        @DisplayName("$XDG_CONFIG_HOME/complaintkit/config.properties, else ~/.config/…; %APPDATA%\\complaintkit\\… on Windows")
        void locations() {
            Path home = dir.resolve("home");
            assertThat(DefaultConfig.location("Linux", Map.of("XDG_CONFIG_HOME", "/etc/xdg-home"), home))
                    .contains(Path.of("/etc/xdg-home", "complaintkit", "config.properties"));
            assertThat(DefaultConfig.location("Mac OS X", Map.of(), home))
                    .contains(home.resolve(".config/complaintkit/config.properties"));
            assertThat(DefaultConfig.location("Linux", Map.of("XDG_CONFIG_HOME", "relative/dir"), home))
                    .as("a relative XDG_CONFIG_HOME is ignored, as the XDG spec says")
                    .contains(home.resolve(".config/complaintkit/config.properties"));
            assertThat(DefaultConfig.location("Linux", Map.of("XDG_CONFIG_HOME", " "), home))
                    .contains(home.resolve(".config/complaintkit/config.properties"));
            assertThat(DefaultConfig.location("Windows 11", Map.of("APPDATA", dir.toString(), "XDG_CONFIG_HOME", "/x"), home))
                    .contains(dir.resolve("complaintkit").resolve("config.properties"));
            assertThat(DefaultConfig.location("Windows 11", Map.of(), home)).isEmpty();
        }

        @Test
        @DisplayName("used when --config is absent and the file exists; --config wins; no file means the environment alone")
        void usedWhenPresent() throws IOException {
            Path xdg = dir.resolve("xdg");
            Files.createDirectories(xdg.resolve("complaintkit"));
            CliTest.write(xdg.resolve("complaintkit/config.properties"), sandbox.properties());
            Map<String, String> env = Map.of("XDG_CONFIG_HOME", xdg.toString());

            CliTest.Run fromDefault = run(env, "list", "--provider", "xiaoe", "--max", "3", "--json");
            assertThat(fromDefault.code()).as(fromDefault.err()).isZero();
            assertThat(jsonArray(fromDefault.out())).hasSize(3);
            CliTest.Run verbose = run(env, "--verbose", "list", "--provider", "xiaoe", "--max", "1");
            assertThat(verbose.err()).contains("using the default config file " + xdg.resolve("complaintkit/config.properties"));
            assertThat(verbose.all()).doesNotContain(sandbox.properties().get("xiaoe.secret-key"));

            Path other = CliTest.write(dir.resolve("other.properties"), Map.of("xiaoe.endpoint", "http://127.0.0.1:1",
                    "xiaoe.app-id", "a", "xiaoe.client-id", "c", "xiaoe.secret-key", "s"));
            CliTest.Run explicit = run(env, "--config", other.toString(), "list", "--provider", "xiaoe", "--max", "1");
            assertThat(explicit.code()).as("--config wins: its endpoint is closed").isEqualTo(5);

            CliTest.Run none = run(Map.of("XDG_CONFIG_HOME", dir.resolve("empty").toString()), "list", "--provider", "xiaoe");
            assertThat(none.code()).isEqualTo(2);
            assertThat(none.err()).contains("No settings were given");

            Path home = dir.resolve("home");
            Files.createDirectories(home.resolve(".config/complaintkit"));
            CliTest.write(home.resolve(".config/complaintkit/config.properties"), sandbox.properties());
            CliTest.Run fromHome = CliTest.run(m -> m.home = home, Map.of(), "list", "--provider", "xiaoe", "--max", "2", "--json");
            assertThat(fromHome.code()).as(fromHome.err()).isZero();

            Path appData = dir.resolve("AppData");
            Files.createDirectories(appData.resolve("complaintkit"));
            CliTest.write(appData.resolve("complaintkit").resolve("config.properties"), sandbox.properties());
            CliTest.Run windows = CliTest.run(m -> m.osName = "Windows 10", Map.of("APPDATA", appData.toString()),
                    "list", "--provider", "xiaoe", "--max", "2", "--json");
            assertThat(windows.code()).as(windows.err()).isZero();
            assertThat(jsonArray(windows.out())).hasSize(2);
        }
    }

    @Nested
    @DisplayName("console charset")
    class ConsoleCharset {
        @Test
        @DisplayName("UTF-8 except on Windows, where stdout.encoding, else the console's charset, else UTF-8")
        void charsets() {
            Charset gbk = Charset.forName("GBK");
            assertThat(Main.streamCharset("Linux", "ISO-8859-1", gbk)).isEqualTo(StandardCharsets.UTF_8);
            assertThat(Main.streamCharset("Mac OS X", null, null)).isEqualTo(StandardCharsets.UTF_8);
            assertThat(Main.streamCharset("Windows 10", "GBK", StandardCharsets.ISO_8859_1)).isEqualTo(gbk);
            assertThat(Main.streamCharset("Windows 10", null, gbk)).isEqualTo(gbk);
            assertThat(Main.streamCharset("Windows 10", "no-such-charset", gbk)).isEqualTo(gbk);
            assertThat(Main.streamCharset("Windows 10", null, null)).isEqualTo(StandardCharsets.UTF_8);
        }

        @Test
        @DisplayName("--csv-bom on a console that is not UTF-8 writes the CSV as UTF-8 bytes, BOM first")
        void bomIsUtf8Bytes() throws IOException {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Charset gbk = Charset.forName("GBK");
            StringWriter err = new StringWriter();
            Main main = new Main();
            main.rawOut = bytes;
            main.outCharset = gbk;
            main.out = new PrintWriter(new java.io.OutputStreamWriter(bytes, gbk), true);
            main.err = new PrintWriter(err, true);
            main.home = CliTest.NO_HOME;

            int code = main.execute(new String[] {"--config", config.toString(), "list", "--provider", "xiaoe", "--max", "3",
                    "--output", "csv", "--csv-bom"});

            assertThat(code).as(err.toString()).isZero();
            byte[] out = bytes.toByteArray();
            assertThat(java.util.Arrays.copyOf(out, 3)).containsExactly(0xEF, 0xBB, 0xBF);
            assertThat(parseCsv(new String(out, 3, out.length - 3, StandardCharsets.UTF_8))).hasSize(4);
        }
    }

    static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
