/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The receiver behind {@code complaintkit webhook} (and the {@code demo}'s WeChat Pay step): an HTTP
 * server on 127.0.0.1 that hands each delivery at {@code /notifications/<provider>} to the client's
 * notification port ({@link ComplaintClient#receive}). A verified new event is printed as one JSON
 * line on {@code out}; a repeated delivery is acknowledged without printing it again; a refused one
 * (signature, time stamp, decryption, shape) gets the provider's error answer and a line on
 * {@code err}. Deliveries are handled one at a time, so lines never interleave.
 */
final class WebhookReceiver implements AutoCloseable {
    /** The largest notification body read: providers send a few kilobytes. */
    static final int MAX_BODY = 1 << 20;

    private final ComplaintClient client;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Consumer<RuntimeException> report;
    private final String path;
    private final HttpServer server;
    private final ExecutorService oneAtATime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebhookReceiver(ComplaintClient client, int port, PrintWriter out, PrintWriter err,
            Consumer<RuntimeException> report) throws IOException {
        this.client = client;
        this.out = out;
        this.err = err;
        this.report = report;
        this.path = "/notifications/" + client.providerId();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        this.oneAtATime = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "complaintkit-webhook");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(oneAtATime);
        server.createContext(path, this::handle);
    }

    /**
     * Starts listening.
     *
     * @param client the client whose notification port verifies the deliveries (not closed here)
     * @param port the port on 127.0.0.1, 0 for a free ephemeral one
     * @param out where each verified new event goes, as one JSON line
     * @param err where repeated and refused deliveries are noted
     * @param report what to do with a failure of the notification port itself (answered 500)
     * @return the running receiver
     * @throws java.net.BindException when the port is taken
     * @throws IOException when the server cannot be created
     */
    static WebhookReceiver start(ComplaintClient client, int port, PrintWriter out, PrintWriter err,
            Consumer<RuntimeException> report) throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(client, port, out, err, report);
        receiver.server.start();
        return receiver;
    }

    /** @return where notifications are received, e.g. {@code http://127.0.0.1:18095/notifications/wechatpay} */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Stops listening; a delivery being handled is cut off. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        oneAtATime.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
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
                err.println("refused a delivery larger than " + (MAX_BODY >> 10) + " KiB");
                err.flush();
                return;
            }
            NotificationResult result;
            try {
                result = client.receive(new NotificationDelivery(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
            } catch (RuntimeException e) {
                send(exchange, HttpReply.text(500, "text/plain; charset=utf-8", "internal error"));
                report.accept(e);
                return;
            }
            if (result instanceof NotificationResult.Accepted accepted) {
                out.println(Main.jsonLine(Views.event(accepted.event())));
                out.flush();
            } else if (result instanceof NotificationResult.Duplicate duplicate) {
                err.println("repeated delivery of event " + TerminalText.escape(duplicate.event().eventId())
                        + " acknowledged, not printed again");
            } else if (result instanceof NotificationResult.Refused refused) {
                err.println("refused a delivery (" + refused.reason() + "): " + TerminalText.message(refused.message()));
            }
            err.flush();
            send(exchange, result.reply());
        }
    }

    private static void send(HttpExchange exchange, HttpReply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        }
    }
}
