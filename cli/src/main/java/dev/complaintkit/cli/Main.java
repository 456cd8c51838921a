/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code complaintkit} command: {@code providers}, {@code list}, {@code history}, {@code reply}
 * against configured providers, and {@code sandbox} / {@code demo} against the test kit's simulators.
 * Exit codes: 0 success, 2 usage or configuration error, 3 invalid input (nothing sent), 4 the
 * provider refused, 5 the provider could not be reached or its answer not verified, 1 a bug.
 */
@Command(name = "complaintkit", mixinStandardHelpOptions = true, version = "complaintkit 0.1.0",
        description = "Handle WeChat Pay consumer complaints through Allinpay, Yima, Xiaoe-tech and other providers.",
        subcommands = {ProvidersCommand.class, ListCommand.class, HistoryCommand.class, ReplyCommand.class,
                SandboxCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nConfiguration:%n",
        footer = {"A properties file (--config) with the providers' keys, e.g. yima.endpoint, yima.secret,",
                "xiaoe.app-id; COMPLAINTKIT_<KEY> environment variables (upper case, '.' and '-' as '_')",
                "override it. A value @path/to/file is read from that file (@@ for a literal @). Only the keys of",
                "the provider in use are read. Values are never printed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage or configuration error", "3:invalid input (nothing was sent)",
                "4:the provider refused (its code and message shown)",
                "5:could not reach the provider or verify its answer"})
public final class Main {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder().characterEscapes(new ControlEscapes()).build())
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * JSON escapes for every control character: Jackson escapes C0 by default; this adds DEL and
     * C1 (U+0080..U+009F, e.g. U+009B, a one-character CSI), so no raw control character reaches stdout.
     */
    static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isISOControl(ch)
                    ? new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04X", ch)) : null;
        }
    }

    @Mixin
    GlobalOptions global = new GlobalOptions();

    PrintWriter out;
    PrintWriter err;
    Map<String, String> env = Map.of();
    /** Paging that lasts longer than this prints progress on stderr. */
    Duration progressAfter = Duration.ofSeconds(1);
    /** Starts the sandbox for {@code sandbox} and {@code demo} (tests substitute their own). */
    IntFunction<Sandbox> sandboxStarter = Sandbox::start;
    /** Whether stderr is a terminal (progress then rewrites one line). */
    boolean interactive;

    /** @param args the command line */
    public static void main(String[] args) {
        Main main = new Main();
        main.out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        main.err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        main.env = System.getenv();
        main.interactive = System.console() != null;
        int code = main.execute(args);
        main.out.flush();
        main.err.flush();
        System.exit(code);
    }

    /**
     * Runs the command (for tests and embedding).
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @param env the environment
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        main.env = Map.copyOf(env);
        return main.execute(args);
    }

    int execute(String[] args) {
        CommandLine cl = new CommandLine(this);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine bad = e.getCommandLine();
            err.println("error: " + TerminalText.message(e.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run '" + bad.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            report(e);
            return ExitCodes.of(e);
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Prints a failure on stderr, every text from providers, consumers and settings with its control characters escaped. */
    void report(Throwable e) {
        err.println("error: " + TerminalText.message(e instanceof ComplaintException || e.getMessage() != null
                ? e.getMessage() : e.getClass().getName()));
        if (e instanceof ProviderException p) {
            err.println("provider: " + TerminalText.escape(p.providerId()) + ", code: " + TerminalText.escape(p.code())
                    + ", message: " + TerminalText.escape(p.providerMessage()));
        }
        Optional<String> key = e instanceof ComplaintException c ? c.idempotencyKey() : Optional.empty();
        key.map(TerminalText::escape).ifPresent(k -> err.println("idempotency key " + k + " — resend with --idempotency-key " + k));
        err.println(ExitCodes.advice(e));
        if (e instanceof ConfigurationException c && !c.violations().isEmpty() && global.config == null
                && env.keySet().stream().noneMatch(k -> k.startsWith(CliConfig.ENV_PREFIX))) {
            err.println("No settings were given: pass --config FILE. To try it without accounts, run"
                    + " 'complaintkit sandbox --write sandbox.properties' and use --config sandbox.properties.");
        }
        if (global.verbose) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(TerminalText.trace(trace.toString()));
        }
        err.flush();
    }

    /**
     * Builds the client from the settings of {@code provider} only. A provider that fails on its
     * settings with something other than a {@link ComplaintException} (an unchecked overflow, say)
     * is reported as a configuration error (exit 2), naming the exception and where it was thrown but
     * not its message, which may echo a setting's value; its stack trace stays for {@code --verbose}.
     */
    ComplaintClient client(String provider) {
        Map<String, String> settings = CliConfig.load(global.config, env, provider);
        try {
            return Complaints.builder().providerId(provider).properties(settings).build();
        } catch (ComplaintException e) {
            throw e;
        } catch (RuntimeException e) {
            RuntimeException traceOnly = new RuntimeException(e.getClass().getName() + " (message withheld: it may echo a setting)");
            traceOnly.setStackTrace(e.getStackTrace());
            StackTraceElement[] at = e.getStackTrace();
            throw new ConfigurationException("The " + provider + " settings could not be used: the provider failed with "
                    + e.getClass().getName() + (at.length == 0 ? "" : " at " + at[0])
                    + " instead of naming the bad setting. A setting is probably out of range (a number, duration or port"
                    + " too large); check them. Please also report this: the provider should name the setting.", traceOnly);
        }
    }

    void printJson(Object value) throws Exception {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** Prints pages and rows so far on stderr once paging has taken longer than a threshold. */
    static final class Progress {
        private final PrintWriter err;
        private final long afterNanos;
        private final boolean interactive;
        private final long start = System.nanoTime();
        private int pages;
        private long rows;
        private long lastPrinted;
        private boolean printed;
        private boolean showing;

        Progress(PrintWriter err, Duration after, boolean interactive) {
            this.err = err;
            this.afterNanos = after.toNanos();
            this.interactive = interactive;
        }

        /**
         * @param rowsSoFar rows taken so far
         * @param more whether another page will be fetched
         */
        void page(long rowsSoFar, boolean more) {
            pages++;
            rows = rowsSoFar;
            long now = System.nanoTime();
            if (more && now - start >= afterNanos
                    && (!printed || now - lastPrinted >= Math.min(afterNanos, 1_000_000_000L))) {
                lastPrinted = now;
                printed = true;
                line("fetching: " + pages + (pages == 1 ? " page, " : " pages, ") + rows + " rows so far", false);
            }
        }

        /** On a terminal, wipes the progress line before rows are printed on stdout (the same screen). */
        void clear() {
            if (interactive && showing) {
                err.print("\r" + " ".repeat(80) + "\r");
                err.flush();
                showing = false;
            }
        }

        void done() {
            if (printed) {
                line("fetched " + rows + " rows in " + pages + (pages == 1 ? " page" : " pages")
                        + String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9), true);
            }
        }

        private void line(String text, boolean last) {
            if (interactive) {
                err.print("\r" + text + "   " + (last ? System.lineSeparator() : ""));
                showing = !last;
            } else {
                err.println(text);
            }
            err.flush();
        }
    }
}
