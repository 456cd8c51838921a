package dev.complaintkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.ProviderRegistry;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.spi.Capability;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.transport.JdkHttpTransport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The {@code complaintkit} command. */
@Command(name = "complaintkit", mixinStandardHelpOptions = true, version = "complaintkit 0.1.0",
        description = "Handle consumer complaints through Allinpay, Yima, Xiaoe-tech and other providers.",
        subcommands = {Main.Providers.class, Main.ListCommand.class, Main.History.class, Main.Reply.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage or configuration error", "3:invalid input (nothing was sent)",
                "4:the provider refused (its code and message shown)", "5:could not reach the provider or verify its answer"})
public final class Main {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with provider settings (keys like allinpay.appid).")
    Path config;

    @Option(names = "--verbose", description = "Show stack traces on failure.")
    boolean verbose;

    PrintWriter out;
    PrintWriter err;
    Map<String, String> env = System.getenv();
    HttpTransport transport = JdkHttpTransport.shared();

    /** @param args the command line */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
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
        main.env = env;
        return main.commandLine().execute(args);
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("error: " + e.getMessage());
            if (e instanceof ProviderException p) {
                err.println("provider: " + p.providerId() + ", code: " + p.code() + ", message: " + p.providerMessage());
            }
            err.println(ExitCodes.advice(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.of(e);
        });
        return cl;
    }

    Map<String, String> settings() {
        return CliConfig.load(config, env);
    }

    final AtomicInteger requests = new AtomicInteger();

    ComplaintClient client(String provider) {
        HttpTransport counted = request -> {
            requests.incrementAndGet();
            return transport.exchange(request);
        };
        return Complaints.builder().providerId(provider).properties(settings()).transport(counted).build();
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void printJson(Object value) throws Exception {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** {@code complaintkit providers}. */
    @Command(name = "providers", description = "List the providers found on the class path.")
    static final class Providers implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Override
        public Integer call() {
            ProviderRegistry registry = Complaints.discover();
            Table t = new Table(List.of("ID", "CAPABILITIES", "SPI", "CLASS"));
            for (ComplaintProvider p : registry.providers()) {
                t.add(List.of(p.id(), p.capabilities().stream().sorted().map(Capability::name).collect(Collectors.joining(",")),
                        Integer.toString(p.spiVersion()), p.getClass().getName()));
            }
            t.print(main.out);
            registry.failures().forEach(f -> main.err.println("warning: " + f));
            return ExitCodes.OK;
        }
    }

    /** Options every provider command shares. */
    abstract static class ProviderCommand implements Callable<Integer> {
        @ParentCommand
        Main main;

        @Option(names = "--provider", required = true, paramLabel = "P", description = "Provider id, e.g. allinpay, yima, xiaoe.")
        String provider;

        @Option(names = "--json", description = "Print one JSON document instead of a table.")
        boolean json;

        <T> int printAll(Stream<T> rows, int max, Function<T, Map<String, Object>> view, List<String> header,
                Function<T, List<String>> row) throws Exception {
            Progress progress = new Progress(main.err, main.requests);
            List<T> taken = new ArrayList<>();
            try (Stream<T> s = rows) {
                s.limit(max).forEach(r -> {
                    taken.add(r);
                    progress.row();
                });
            } finally {
                progress.done();
            }
            if (json) {
                main.printJson(taken.stream().map(view).toList());
            } else {
                Table t = new Table(header);
                taken.forEach(r -> t.add(row.apply(r)));
                t.print(main.out);
                main.out.println("(" + taken.size() + (taken.size() == 1 ? " row)" : " rows)"));
                main.out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** {@code complaintkit list}. */
    @Command(name = "list", description = "List complaints.")
    static final class ListCommand extends ProviderCommand {
        @Option(names = "--state", paramLabel = "STATE", description = "pending, processing or processed.")
        String state;

        @Option(names = "--from", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or after this day (Asia/Shanghai).")
        LocalDate from;

        @Option(names = "--to", paramLabel = "yyyy-MM-dd", description = "Complaints raised on or before this day (Asia/Shanghai).")
        LocalDate to;

        @Option(names = "--max", paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE, description = "At most N complaints.")
        int max;

        @Override
        public Integer call() throws Exception {
            ComplaintFilter.Builder f = ComplaintFilter.builder();
            if (state != null) {
                try {
                    ComplaintState s = ComplaintState.valueOf(state.trim().toUpperCase(Locale.ROOT));
                    if (s == ComplaintState.UNKNOWN) {
                        throw new IllegalArgumentException();
                    }
                    f.state(s);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--state must be pending, processing or processed (was '" + state + "')");
                }
            }
            if (from != null || to != null) {
                f.between(from == null ? null : from.atStartOfDay(SHANGHAI).toInstant(),
                        to == null ? null : to.plusDays(1).atStartOfDay(SHANGHAI).toInstant().minusSeconds(1));
            }
            try (ComplaintClient client = main.client(provider)) {
                return printAll(client.complaints(f.build()), max, Views::complaint, Views.COMPLAINT_HEADER, Views::complaintRow);
            }
        }
    }

    /** {@code complaintkit history}. */
    @Command(name = "history", description = "Show a complaint's negotiation history.")
    static final class History extends ProviderCommand {
        @Option(names = "--complaint", required = true, paramLabel = "ID", description = "The complaint id.")
        String complaint;

        @Option(names = "--max", paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE, description = "At most N rows.")
        int max;

        @Override
        public Integer call() throws Exception {
            try (ComplaintClient client = main.client(provider)) {
                return printAll(client.history(ComplaintId.of(complaint)), max, Views::entry, Views.ENTRY_HEADER, Views::entryRow);
            }
        }
    }

    /** {@code complaintkit reply}. */
    @Command(name = "reply", description = "Reply to a complaint.")
    static final class Reply extends ProviderCommand {
        @Option(names = "--complaint", required = true, paramLabel = "ID", description = "The complaint id.")
        String complaint;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "The reply (at most 200 characters).")
        String text;

        @Option(names = "--image", paramLabel = "MEDIA_ID", description = "An uploaded image's media id (up to 4).")
        List<String> images = new ArrayList<>();

        @Option(names = "--jump-url", paramLabel = "URL", description = "An HTTPS link shown after the reply.")
        String jumpUrl;

        @Option(names = "--jump-text", paramLabel = "TEXT", description = "The link's text (at most 10 characters).")
        String jumpText;

        @Option(names = "--idempotency-key", paramLabel = "K", description = "Reuse this key to make a repeated reply safe.")
        String idempotencyKey;

        @Override
        public Integer call() throws Exception {
            ReplyRequest.Builder b = ReplyRequest.builder(complaint).text(text);
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
                    main.out.println("Reply accepted by " + receipt.providerId() + " for complaint " + receipt.complaintId()
                            + ": " + receipt.code() + " " + receipt.message() + " (idempotency key " + receipt.idempotencyKey() + ")");
                    main.out.flush();
                }
                return ExitCodes.OK;
            }
        }
    }

    /** Prints rows and requests (pages) so far on stderr once paging has taken more than a second. */
    static final class Progress {
        private final PrintWriter err;
        private final AtomicInteger requests;
        private final long start = System.nanoTime();
        private final AtomicInteger rows = new AtomicInteger();
        private long lastPrinted;
        private boolean printed;

        Progress(PrintWriter err, AtomicInteger requests) {
            this.err = err;
            this.requests = requests;
        }

        void row() {
            int n = rows.incrementAndGet();
            long now = System.nanoTime();
            if (now - start > 1_000_000_000L && now - lastPrinted > 500_000_000L) {
                lastPrinted = now;
                printed = true;
                err.print("\rfetching… " + requests.get() + " requests (pages), " + n + " rows so far");
                err.flush();
            }
        }

        void done() {
            if (printed) {
                err.println("\rfetched " + rows.get() + " rows in " + requests.get() + " requests            ");
                err.flush();
            }
        }
    }

}
