package dev.complaintkit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code complaintkit webhook}: a small receiver on 127.0.0.1 for the provider's notifications at
 * {@code /notifications/<provider>}. Each delivery goes through the client's notification port
 * ({@link ComplaintClient#receive}): a verified new event is printed as one JSON line on stdout and
 * acknowledged; a repeated delivery is acknowledged (2xx) without printing it again; a refused one
 * (signature, time stamp, decryption, shape) gets the provider's error answer and a line on stderr.
 * Deliveries are handled one at a time, so lines never interleave.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true,
        description = {"Receive the provider's notifications on 127.0.0.1 at /notifications/<provider> (its URL is"
                + " printed on stderr) and print one JSON line per verified new event on stdout. Repeated deliveries are"
                + " acknowledged without printing; bad ones are refused with the provider's error answer. Runs until"
                + " interrupted (Ctrl-C). Put a tunnel or reverse proxy with HTTPS in front to receive real notifications."})
final class WebhookCommand implements Callable<Integer> {
    /** The largest notification body read: providers send a few kilobytes. */
    static final int MAX_BODY = 1 << 20;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    ProviderOptions provider;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port on 127.0.0.1; 0 (default) picks a free ephemeral port.")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port + ": must be 0..65535");
        }
        try (ComplaintClient client = main.client(provider.provider)) {
            Main.require(client, Capability.NOTIFICATIONS);
            String path = "/notifications/" + client.providerId();
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
            } catch (BindException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port
                        + ": could not listen there (" + e.getMessage() + "); use another port, or 0 for a free one");
            }
            ExecutorService oneAtATime = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "complaintkit-webhook");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(oneAtATime);
            server.createContext(path, exchange -> handle(client, path, exchange));
            Thread hook = new Thread(() -> server.stop(0), "complaintkit-webhook-stop");
            try {
                server.start();
                Runtime.getRuntime().addShutdownHook(hook);
                URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
                main.err.println("webhook listening on " + url + " for " + client.providerId()
                        + " notifications. Stop it with Ctrl-C.");
                main.err.flush();
                new CountDownLatch(1).await(); // until interrupted
                return ExitCodes.OK;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                main.err.println("webhook stopped");
                main.err.flush();
                return ExitCodes.OK;
            } finally {
                server.stop(0);
                oneAtATime.shutdownNow();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran: the server is stopped either way
                }
            }
        }
    }

    private void handle(ComplaintClient client, String path, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getRawPath().equals(path)) {
                send(exchange, HttpReply.text(404, "text/plain; charset=utf-8", "not found"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(exchange, HttpReply.text(413, "text/plain; charset=utf-8", "body too large"));
                main.err.println("refused a delivery larger than " + (MAX_BODY >> 10) + " KiB");
                main.err.flush();
                return;
            }
            NotificationResult result;
            try {
                result = client.receive(new NotificationDelivery(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
            } catch (RuntimeException e) {
                send(exchange, HttpReply.text(500, "text/plain; charset=utf-8", "internal error"));
                main.report(e);
                return;
            }
            if (result instanceof NotificationResult.Accepted accepted) {
                main.out.println(Main.jsonLine(Views.event(accepted.event())));
                main.out.flush();
            } else if (result instanceof NotificationResult.Duplicate duplicate) {
                main.err.println("repeated delivery of event " + TerminalText.escape(duplicate.event().eventId())
                        + " acknowledged, not printed again");
            } else if (result instanceof NotificationResult.Refused refused) {
                main.err.println("refused a delivery (" + refused.reason() + "): " + TerminalText.message(refused.message()));
            }
            main.err.flush();
            send(exchange, result.reply());
        }
    }

    private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
