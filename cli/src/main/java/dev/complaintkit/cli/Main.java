package dev.complaintkit.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.ProviderRegistry;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code complaintkit} command: {@code providers}, {@code list}, {@code history}, {@code reply}
 * against configured providers, and {@code sandbox} / {@code demo} against the test kit's simulators.
 * Exit codes: 0 success, 2 usage or configuration error, 3 invalid input (nothing sent), 4 the
 * provider refused, 5 the provider could not be reached or its answer not verified, 1 a bug.
 */
@Command(name = "complaintkit", mixinStandardHelpOptions = true, version = "complaintkit 0.1.0",
        description = "Handle WeChat Pay consumer complaints through Allinpay, Yima, Xiaoe-tech and other providers.",
        subcommands = {Main.Providers.class, Main.ListCommand.class, Main.History.class, Main.Reply.class,
                Main.SandboxCommand.class, Main.DemoCommand.class, CommandLine.HelpCommand.class},
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

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file with the provider settings, e.g. from 'complaintkit sandbox'.")
    Path config;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces on failure.")
    boolean verbose;

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
        if (e instanceof ConfigurationException c && !c.violations().isEmpty() && config == null
                && env.keySet().stream().noneMatch(k -> k.startsWith(CliConfig.ENV_PREFIX))) {
            err.println("No settings were given: pass --config FILE. To try it without accounts, run"
                    + " 'complaintkit sandbox --write sandbox.properties' and use --config sandbox.properties.");
        }
        if (verbose) {
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
        Map<String, String> settings = CliConfig.load(config, env, provider);
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

    /** {@code complaintkit providers}. */
    @Command(name = "providers", mixinStandardHelpOptions = true,
            description = "List the providers found on the class path, their capabilities and SPI version.")
    static final class Providers implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            ProviderRegistry registry = Complaints.discover();
            Table t = new Table(List.of("ID", "CAPABILITIES", "SPI", "CLASS"));
            for (ComplaintProvider<?> p : registry.providers()) {
                t.add(List.of(p.id(), p.capabilities().stream().sorted().map(Capability::name).collect(Collectors.joining(",")),
                        Integer.toString(p.spiVersion()), p.getClass().getName()));
            }
            t.print(main.out);
            main.out.println("(core SPI version " + ComplaintProvider.SPI_VERSION + ")");
            main.out.flush();
            registry.failures().forEach(f -> main.err.println("warning: " + TerminalText.message(String.valueOf(f))));
            return ExitCodes.OK;
        }
    }

    /** The states {@code list --state} accepts. */
    enum StateOption {
        pending(ComplaintState.PENDING), processing(ComplaintState.PROCESSING), processed(ComplaintState.PROCESSED);

        final ComplaintState state;

        StateOption(ComplaintState state) {
            this.state = state;
        }
    }

    /** Options every provider command shares. */
    abstract static class ProviderCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Spec
        CommandSpec spec;

        @Option(names = "--provider", required = true, paramLabel = "P",
                description = "Provider id: allinpay, yima, xiaoe (see 'complaintkit providers').")
        String provider;

        @Option(names = "--json", description = "Print one JSON document instead of a table.")
        boolean json;

        ComplaintId complaintId(String value) {
            if (value == null || value.isBlank()) {
                throw new ValidationException(List.of(new Violation("complaintId", "required", "is required")));
            }
            return ComplaintId.of(value.trim());
        }

        int atLeastOne(int value, String option) {
            if (value < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be at least 1 (was " + value + ")");
            }
            return value;
        }
    }

    /** Options of the commands that page. */
    abstract static class PagingCommand extends ProviderCommand {
        @Option(names = "--max", paramLabel = "N", description = "At most N rows (default: all).")
        Integer max;

        @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
                description = "Rows per request to the provider (default: ${DEFAULT-VALUE}).")
        int pageSize;

        /** Checks {@code --max} and {@code --page-size} before anything else happens. */
        void checkPaging() {
            if (max != null) {
                atLeastOne(max, "--max");
            }
            atLeastOne(pageSize, "--page-size");
        }

        /**
         * Streams the rows to stdout as the pages come, holding one page at a time: a table (its widths
         * fixed by the first page) then {@code (N rows)}, or with {@code --json} one array whose elements
         * are written page by page. Nothing is printed before the first page arrived; a failure after
         * that leaves the rows printed so far, and a JSON array unterminated (not valid JSON).
         */
        <T> int printAll(Function<PageRequest, Page<T>> fetch, Function<T, Map<String, Object>> view,
                List<String> header, Function<T, List<String>> row) throws Exception {
            int limit = max == null ? Integer.MAX_VALUE : max;
            if (json) {
                JsonGenerator[] array = {null};
                fetchAll(fetch, limit, Math.min(pageSize, limit), items -> {
                    try {
                        if (array[0] == null) {
                            array[0] = JSON.writer().createGenerator(main.out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                            array[0].writeStartArray();
                        }
                        for (T item : items) {
                            JSON.writeValue(array[0], view.apply(item));
                        }
                        array[0].flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                array[0].writeEndArray();
                array[0].close();
                main.out.println();
            } else {
                Table.Streaming table = new Table.Streaming(header, main.out);
                fetchAll(fetch, limit, Math.min(pageSize, limit), items -> table.add(items.stream().map(row).toList()));
                main.out.println("(" + table.rows() + (table.rows() == 1 ? " row)" : " rows)"));
            }
            main.out.flush();
            return ExitCodes.OK;
        }

        /**
         * Pages until the provider has no more or {@code limit} rows are taken, handing each page's
         * rows to {@code sink} before the next page is fetched, reporting progress.
         *
         * @return the rows handed over
         */
        <T> long fetchAll(Function<PageRequest, Page<T>> fetch, int limit, int size, Consumer<List<T>> sink) {
            Progress progress = new Progress(main.err, main.progressAfter, main.interactive);
            long taken = 0;
            PageRequest next = PageRequest.first(size);
            OptionalLong total = OptionalLong.empty();
            try {
                while (next != null && taken < limit) {
                    Page<T> page = fetch.apply(next);
                    if (page.totalCount().isPresent()) {
                        total = page.totalCount();
                    } else if (total.isPresent()) {
                        page = new Page<>(page.items(), page.request(), total); // only the first page says
                    }
                    List<T> items = page.items().size() > limit - taken
                            ? page.items().subList(0, (int) (limit - taken)) : page.items();
                    progress.clear();
                    sink.accept(items);
                    taken += items.size();
                    next = taken < limit ? page.nextRequest().orElse(null) : null;
                    progress.page(taken, next != null);
                }
            } finally {
                progress.done();
            }
            return taken;
        }
    }

    /** {@code complaintkit list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List complaints.")
    static final class ListCommand extends PagingCommand {
        @Option(names = "--state", paramLabel = "STATE", description = "pending, processing or processed.")
        StateOption state;

        @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or after this day (Asia/Shanghai).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or before this day (Asia/Shanghai).")
        LocalDate to;

        @Override
        public Integer call() throws Exception {
            checkPaging();
            ComplaintFilter.Builder f = ComplaintFilter.builder();
            if (state != null) {
                f.state(state.state);
            }
            if (from != null && to != null && to.isBefore(from)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--to (" + to + ") must not be before --from (" + from + ")");
            }
            if (from != null || to != null) {
                f.between(from == null ? null : from.atStartOfDay(SHANGHAI).toInstant(),
                        to == null ? null : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(1));
            }
            ComplaintFilter filter = f.build();
            try (ComplaintClient client = main.client(provider)) {
                return printAll(r -> client.complaintsPage(filter, r), Views::complaint, Views.COMPLAINT_HEADER,
                        Views::complaintRow);
            }
        }
    }

    /** {@code complaintkit history}. */
    @Command(name = "history", mixinStandardHelpOptions = true, description = "Show a complaint's negotiation history.")
    static final class History extends PagingCommand {
        @Option(names = "--complaint", required = true, paramLabel = "ID", description = "The complaint id.")
        String complaint;

        @Override
        public Integer call() throws Exception {
            checkPaging();
            ComplaintId id = complaintId(complaint);
            try (ComplaintClient client = main.client(provider)) {
                return printAll(r -> client.historyPage(id, r), Views::entry, Views.ENTRY_HEADER, Views::entryRow);
            }
        }
    }

    /** {@code complaintkit reply}. */
    @Command(name = "reply", mixinStandardHelpOptions = true, description = "Reply to a complaint.")
    static final class Reply extends ProviderCommand {
        @Option(names = "--complaint", required = true, paramLabel = "ID", description = "The complaint id.")
        String complaint;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The reply (at most 200 characters).")
        String text;

        @Option(names = "--image", paramLabel = "MEDIA_ID", description = "An uploaded image's media id; repeat for more (up to 4).")
        List<String> images = new ArrayList<>();

        @Option(names = "--jump-url", paramLabel = "URL", description = "An HTTPS link shown after the reply.")
        String jumpUrl;

        @Option(names = "--jump-text", paramLabel = "TEXT", description = "The link's text (at most 10 characters).")
        String jumpText;

        @Option(names = "--idempotency-key", paramLabel = "K",
                description = "Send the reply under this key; repeating the command with the same key is safe.")
        String idempotencyKey;

        @Override
        public Integer call() throws Exception {
            ReplyRequest.Builder b = ReplyRequest.builder(complaintId(complaint).value()).text(text);
            images.forEach(b::image);
            if (jumpUrl != null || jumpText != null) {
                b.jumpLink(jumpUrl, jumpText);
            }
            if (idempotencyKey != null) {
                b.idempotencyKey(idempotencyKey);
            }
            try (ComplaintClient client = main.client(provider)) {
                ReplyReceipt receipt = client.reply(b.build());
                if (json) {
                    main.printJson(Views.receipt(receipt));
                } else {
                    main.out.println("Reply accepted by " + TerminalText.escape(receipt.providerId()));
                    main.out.println("  complaint        " + TerminalText.escape(receipt.complaintId().value()));
                    main.out.println("  code             " + TerminalText.escape(receipt.code())
                            + (receipt.message().isEmpty() ? "" : " " + TerminalText.escape(receipt.message())));
                    main.out.println("  idempotency key  " + TerminalText.escape(receipt.idempotencyKey())
                            + "  (repeat with --idempotency-key to resend safely)");
                    main.out.flush();
                }
                return ExitCodes.OK;
            }
        }
    }

    /** {@code complaintkit sandbox}. */
    @Command(name = "sandbox", mixinStandardHelpOptions = true,
            description = {"Start simulators of the providers on loopback, seeded with test data, and print a "
                    + "ready-to-use config (properties) on stdout. Runs until interrupted (Ctrl-C).",
                    "With --port N the simulators listen on N (Allinpay), N+1 (Xiaoe-tech) and N+2 (Yima)."})
    static final class SandboxCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "N", defaultValue = "0",
                description = "Base port; 0 (default) picks free ephemeral ports.")
        int port;

        @Option(names = "--write", paramLabel = "FILE", description = "Also write the config to FILE (readable by you only).")
        Path write;

        @Override
        public Integer call() throws Exception {
            Sandbox sandbox;
            try {
                sandbox = main.sandboxStarter.apply(port);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--port " + port + ": " + e.getMessage() + " (use another port, or 0 for free ephemeral ports)");
            }
            Thread hook = new Thread(sandbox::close, "complaintkit-sandbox-stop");
            try (sandbox) {
                Runtime.getRuntime().addShutdownHook(hook);
                String text = sandbox.propertiesText();
                if (write != null) {
                    try {
                        writePrivate(write, text);
                    } catch (java.io.IOException e) {
                        throw new CommandLine.ParameterException(spec.commandLine(), "--write " + write
                                + ": could not write the file (" + e.getClass().getSimpleName() + ")");
                    }
                }
                main.out.print(text);
                main.out.flush();
                main.err.println("sandbox running: " + sandbox.endpoints().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                        + (write == null ? "" : "; config written to " + write) + ". Stop it with Ctrl-C.");
                main.err.flush();
                new CountDownLatch(1).await(); // until interrupted
                return ExitCodes.OK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                main.err.println("sandbox stopped");
                main.err.flush();
                return ExitCodes.OK;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran: the sandbox is closed either way
                }
            }
        }

        private static void writePrivate(Path file, String text) throws java.io.IOException {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** {@code complaintkit demo}. */
    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Start the sandbox in-process and run every provider end to end over real HTTP with "
                    + "real signatures: list, reply (JSON and XML), a rejected bad input. Offline; exits 0 when all pass.")
    static final class DemoCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            return new Demo(main.out).run(main.sandboxStarter);
        }
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

        /** @param rowsSoFar rows taken so far @param more whether another page will be fetched */
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
