/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.spi.ComplaintProvider;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code complaintkit} command: {@code providers}, {@code list}, {@code detail}, {@code history},
 * {@code reply}, {@code complete}, {@code refund}, {@code upload-image}, {@code download-image},
 * {@code notify-url} and {@code webhook} against configured providers, {@code sandbox} / {@code demo}
 * against the test kit's simulators, and {@code generate-completion} for shells.
 * Exit codes: 0 success, 2 usage or configuration error, 3 invalid input (nothing sent), 4 the
 * provider refused, 5 the provider could not be reached or its answer not verified, 1 a bug.
 */
@Command(name = "complaintkit", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Handle WeChat Pay consumer complaints, directly or through Allinpay, Yima, Xiaoe-tech and other providers.",
        subcommands = {ProvidersCommand.class, ListCommand.class, DetailCommand.class, HistoryCommand.class,
                ReplyCommand.class, CompleteCommand.class, RefundCommand.class, UploadImageCommand.class,
                DownloadImageCommand.class, NotifyUrlCommand.class, WebhookCommand.class, SandboxCommand.class,
                DemoCommand.class, AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footerHeading = "%nConfiguration:%n",
        footer = {"A properties file (--config FILE) with the providers' keys, e.g. yima.endpoint,",
                "yima.secret, xiaoe.app-id. Without --config, the default file when it exists:",
                "$XDG_CONFIG_HOME/complaintkit/config.properties, else",
                "~/.config/complaintkit/config.properties; on Windows",
                "%%APPDATA%%\\complaintkit\\config.properties.",
                "COMPLAINTKIT_<KEY> environment variables (upper case, '.' and '-' as '_')",
                "override it. A value @path/to/file is read from that file (@@ for a literal @).",
                "Only the keys of the provider in use are read. Values are never printed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage or configuration error", "3:invalid input (nothing was sent)",
                "4:the provider refused (its code and message shown)",
                "5:could not reach the provider or verify its answer"})
public final class Main {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = new ObjectMapper(new JsonFactoryBuilder().characterEscapes(new ControlEscapes()).build())
            .enable(SerializationFeature.INDENT_OUTPUT);
    /** One JSON document on one line ({@code --output jsonl}, CSV cells), with the same escapes. */
    static final ObjectWriter JSON_LINE = JSON.writer().without(SerializationFeature.INDENT_OUTPUT);

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
    /** The bytes under {@link #out}, when there are any (the real stdout): {@code --csv-bom} writes UTF-8 to it. */
    OutputStream rawOut;
    /** The charset {@link #out} encodes with. */
    Charset outCharset = StandardCharsets.UTF_8;
    Map<String, String> env = Map.of();
    /** The operating system's name ({@code os.name}), for the default config location. */
    String osName = System.getProperty("os.name", "");
    /** The user's home folder ({@code user.home}), for the default config location. */
    Path home = Path.of(System.getProperty("user.home", "."));
    /** The clock for default date ranges. */
    Clock clock = Clock.systemUTC();
    /** Providers wired by hand (tests, embedding), by id; they win over the ones discovered on the class path. */
    Map<String, ComplaintProvider<?>> wired = Map.of();
    /** Paging that lasts longer than this prints progress on stderr. */
    Duration progressAfter = Duration.ofSeconds(1);
    /** Starts the sandbox for {@code sandbox} and {@code demo} (tests substitute their own). */
    IntFunction<Sandbox> sandboxStarter = Sandbox::start;
    /** Whether stderr is a terminal (progress then rewrites one line). */
    boolean interactive;

    /** @param args the command line */
    public static void main(String[] args) {
        Main main = new Main();
        java.io.Console console = System.console();
        Charset consoleCharset = console == null ? null : console.charset();
        main.outCharset = streamCharset(main.osName, System.getProperty("stdout.encoding"), consoleCharset);
        main.rawOut = new FileOutputStream(java.io.FileDescriptor.out);
        main.out = new PrintWriter(new OutputStreamWriter(main.rawOut, main.outCharset), true);
        main.err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(java.io.FileDescriptor.err),
                streamCharset(main.osName, System.getProperty("stderr.encoding"), consoleCharset)), true);
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

    /**
     * The charset of stdout or stderr: UTF-8, except on Windows, where the console's code page is
     * respected — the stream's {@code stdout.encoding} / {@code stderr.encoding} (set by JDK 19 and
     * newer), else {@code System.console().charset()}, else UTF-8.
     *
     * @param osName {@code os.name}
     * @param streamEncoding the stream's {@code stdout.encoding} or {@code stderr.encoding}, or {@code null}
     * @param consoleCharset the console's charset, or {@code null} without a console
     * @return the charset to write the stream with
     */
    static Charset streamCharset(String osName, String streamEncoding, Charset consoleCharset) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return StandardCharsets.UTF_8;
        }
        if (streamEncoding != null && !streamEncoding.isBlank()) {
            try {
                return Charset.forName(streamEncoding.trim());
            } catch (IllegalArgumentException unknown) {
                // fall through to the console's
            }
        }
        return consoleCharset != null ? consoleCharset : StandardCharsets.UTF_8;
    }

    /**
     * @return the config file in use: {@code --config}, else the default location when a file is
     *     there ({@link DefaultConfig}), else {@code null} (the environment alone)
     */
    Path configFile() {
        if (global.config != null) {
            return global.config;
        }
        return DefaultConfig.location(osName, env, home).filter(Files::isRegularFile).orElse(null);
    }

    /**
     * @param value a JSON view
     * @return it as one line of JSON, every control character escaped
     */
    static String jsonLine(Object value) {
        try {
            return JSON_LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param bom whether the CSV starts with a byte order mark
     * @return where CSV goes: stdout; with a BOM, UTF-8 on stdout's bytes even when the console's
     *     charset is another (a BOM is a UTF-8 promise)
     */
    PrintWriter csvOut(boolean bom) {
        if (!bom || StandardCharsets.UTF_8.equals(outCharset) || rawOut == null) {
            return out;
        }
        out.flush();
        return new PrintWriter(new OutputStreamWriter(rawOut, StandardCharsets.UTF_8), false);
    }

    /** What a served command does once its server is up (print where it listens, write its config). */
    @FunctionalInterface
    interface Started {
        /** @throws Exception when it cannot (the server is then closed) */
        void run() throws Exception;
    }

    /**
     * Serves until the thread is interrupted or the JVM stops (Ctrl-C): the server is closed on the
     * way out either way, through a shutdown hook that is removed again when the command returns.
     *
     * @param main the command line, for its error stream
     * @param server what is served (closed at the end)
     * @param name the command's name, for the hook thread and the "stopped" line
     * @param started what to do once the server is up
     * @return {@link ExitCodes#OK}
     * @throws Exception what {@code started} or closing the server throws
     */
    static int serveUntilStopped(Main main, AutoCloseable server, String name, Started started) throws Exception {
        Thread hook = new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // the JVM is stopping: nothing more to do
            }
        }, "complaintkit-" + name + "-stop");
        try (server) {
            Runtime.getRuntime().addShutdownHook(hook);
            started.run();
            main.err.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // until interrupted
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            main.err.println(name + " stopped");
            main.err.flush();
            return ExitCodes.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: the server is closed either way
            }
        }
    }

    /**
     * Fails before anything is sent when the provider lacks a capability, the way the client does.
     *
     * @param client the client
     * @param capability what the command needs
     * @throws UnsupportedCapabilityException naming the provider and the operation (exit 2)
     */
    static void require(ComplaintClient client, Capability capability) {
        client.requireCapability(capability);
    }

    /**
     * Prints one document in the format asked for: {@code table} by {@code human}, {@code json}
     * indented, {@code jsonl} on one line, {@code csv} as a header row and one record.
     *
     * @param output the output options
     * @param view the document as JSON
     * @param human prints it for people
     */
    void printDocument(OutputOptions output, Map<String, Object> view, Runnable human) throws Exception {
        OutputOptions.Format format = output.format();
        switch (format) {
            case json -> printJson(view);
            case jsonl -> out.println(jsonLine(view));
            case csv -> {
                PrintWriter csv = csvOut(output.csvBom);
                List<String> names = List.copyOf(view.keySet());
                if (output.csvBom) {
                    csv.print(Csv.BOM);
                }
                csv.print(Csv.record(names));
                csv.print(Csv.record(Csv.values(view, names)));
                csv.flush();
            }
            default -> human.run();
        }
        out.flush();
    }

    int execute(String[] args) {
        CommandLine cl = new CommandLine(this);
        Version version = new Version();
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args1) -> {
            CommandLine bad = e.getCommandLine();
            String message = e.getMessage() == null ? "" : e.getMessage();
            err.println("error: " + TerminalText.message(message.startsWith("Error: ") ? message.substring(7) : message));
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
        if (e instanceof ConfigurationException c && !c.violations().isEmpty() && configFile() == null
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
        Path file = configFile();
        if (global.verbose && file != null && global.config == null) {
            err.println("using the default config file " + file);
            err.flush();
        }
        Map<String, String> settings = CliConfig.load(file, env, provider);
        try {
            ComplaintProvider<?> byHand = wired.get(provider);
            return (byHand == null ? Complaints.builder().providerId(provider) : Complaints.builder().provider(byHand))
                    .properties(settings).build();
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
