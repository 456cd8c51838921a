package dev.complaintkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("complaintkit command")
class CliTest {
    /** One run's exit code and output. */
    record Run(int code, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Nested
    @DisplayName("generic behaviour")
    class Generic {
        @Test
        @DisplayName("providers lists what is on the class path with capabilities and SPI version")
        void providers() {
            Run r = run("providers");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("ID").contains("CAPABILITIES")
                    .containsPattern("fake\\s+LIST_COMPLAINTS,NEGOTIATION_HISTORY,REPLY\\s+1");
        }

        @Test
        @DisplayName("an unknown provider is a configuration error (exit 2) naming the ids found")
        void unknownProvider() {
            Run r = run("list", "--provider", "nosuch");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("No complaint provider with id 'nosuch'").contains("found:")
                    .contains("complaintkit-provider-nosuch").doesNotContain("at dev.complaintkit");
        }

        @Test
        @DisplayName("a usage error (missing option) is exit 2")
        void usage() {
            Run r = run("history", "--provider", "fake");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("--complaint");
        }

        @Test
        @DisplayName("invalid input is exit 3 and every violation is shown")
        void invalidInput() {
            Run r = run("reply", "--provider", "fake", "--complaint", "c1", "--text", "x".repeat(201),
                    "--jump-url", "http://merchant.example/x");
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("text: must be at most 200 characters").contains("jumpLink.url")
                    .contains("jumpLink.text").contains("Nothing was sent");
        }

        @Test
        @DisplayName("a provider refusal is exit 4 with its code and message")
        void refused() {
            Run r = run("history", "--provider", "fake", "--complaint", "unknown-id");
            assertThat(r.code()).isEqualTo(4);
            assertThat(r.err()).contains("code: NOT_FOUND");
        }

        @Test
        @DisplayName("--verbose adds the stack trace, otherwise none is shown")
        void verbose() {
            assertThat(run("history", "--provider", "fake", "--complaint", "unknown-id").err()).doesNotContain("\tat ");
            assertThat(run("--verbose", "history", "--provider", "fake", "--complaint", "unknown-id").err()).contains("\tat ");
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {
        @TempDir
        Path dir;

        @Test
        @DisplayName("environment variables override the file; @file values are read from disk")
        void envOverridesFile() throws Exception {
            Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
            Path file = dir.resolve("ck.properties");
            Files.writeString(file, "xiaoe.app-id=from-file\nxiaoe.client-id=cid\nallinpay.private-key=@key.pem\n",
                    StandardCharsets.UTF_8);
            Map<String, String> s = CliConfig.load(file, Map.of("COMPLAINTKIT_XIAOE_APP_ID", "from-env",
                    "COMPLAINTKIT_YIMA_SELLER_ACCOUNT", "6666", "PATH", "/bin"));
            assertThat(s).containsEntry("xiaoe.app-id", "from-env")
                    .containsEntry("xiaoe.client-id", "cid")
                    .containsEntry("yima.seller-account", "6666")
                    .containsEntry("allinpay.private-key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
                    .doesNotContainKey("path");
            assertThat(CliConfig.envName("xiaoe.secret-key")).isEqualTo("COMPLAINTKIT_XIAOE_SECRET_KEY");
        }

        @Test
        @DisplayName("a missing config file is exit 2")
        void missingFile() {
            Run r = run("--config", dir.resolve("nope.properties").toString(), "list", "--provider", "fake");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("Config file not found");
        }

        @Test
        @DisplayName("an unknown setting of the chosen provider is exit 2 naming the key")
        void unknownSetting() {
            Run r = run(Map.of("COMPLAINTKIT_FAKE_COLOUR", "blue"), "list", "--provider", "fake");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("fake.colour");
        }
    }
}
