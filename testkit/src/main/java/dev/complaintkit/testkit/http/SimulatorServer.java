/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of every wire simulator: an HTTP server on the JDK's {@code com.sun.net.httpserver}, bound
 * to an ephemeral loopback port, kept apart from its behaviour. The server accepts each request,
 * records it, applies the {@link SocketEffect} due for it and hands it to its {@link Dispatcher}
 * (the provider's server side: a simulator is its own dispatcher) — or follows a script queued with
 * {@link #enqueue(ScriptedResponse)} / {@link #enqueue(SocketEffect)} (MockWebServer style: script,
 * exercise, {@link #takeRequest()}).
 *
 * <p>Faults. {@link #inject(Fault)} queues a fault for the next request. A generic fault is produced
 * by the server: a transport fault as its effect ({@link #effectFor(Fault)}), an HTTP status or a
 * foreign body as a canned answer, {@link Fault#WRONG_CHARSET} by re-encoding the dispatcher's
 * answer. A provider fault travels to the dispatcher with the request ({@link RecordedRequest#fault()}),
 * which answers it; nothing is handed over through thread-local or shared state.
 *
 * <p>Naming scheme of the simulators' probes. A one-shot probe, which affects only the next request
 * (or the next answer of a kind, as its javadoc says), is a method named {@code next…()}: for every
 * provider fault a simulator supports, {@code next<Fault in camel case>()} is the same as
 * {@code inject(Fault.<FAULT>)} (e.g. {@code nextBadSignature()}, {@code nextFoldedValues()},
 * {@code nextReplayedAnswer()}), and a parameterised one-shot is {@code next<What>(…)} (e.g.
 * {@code nextError(…)}). A setting that holds until changed is named after what it sets, without a
 * prefix (e.g. {@code signAnswers(boolean)}, {@code mediaShape(…)}). Older names of the same probes
 * keep working.
 *
 * <p>TCP_NODELAY: the JDK server otherwise stalls ~45 ms per keep-alive exchange. The property
 * {@code sun.net.httpserver.nodelay} is read once, when the server classes load, so this class
 * sets it (unless already set) before the first server is created.
 */
public abstract class SimulatorServer implements AutoCloseable {
    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Duration MAX_STALL = Duration.ofMinutes(2);

    private final String name;
    private final ConcurrentLinkedDeque<ScriptedResponse> script = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile Duration stall = Duration.ofSeconds(3);
    private final List<RecordedRequest> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<RecordedRequest> taken = new LinkedBlockingQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger handled = new AtomicInteger();
    private final Clock clock;
    private volatile Dispatcher dispatcher;
    private HttpServer server;
    private ExecutorService executor;

    /**
     * A server whose behaviour is {@link #handle(RecordedRequest)} until a dispatcher is set with
     * {@link #dispatcher(Dispatcher)}.
     *
     * @param name the simulator's name, for thread names and messages
     */
    protected SimulatorServer(String name) {
        this(name, Clock.systemUTC());
    }

    /**
     * @param name the simulator's name
     * @param clock the clock stamping requests
     */
    protected SimulatorServer(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /**
     * A server with only the generic faults whose behaviour is {@code dispatcher}: for tests of a
     * client against a hand-written server side.
     *
     * @param name the server's name, for thread names and messages
     * @param dispatcher its behaviour
     * @return the server, not started
     */
    public static SimulatorServer create(String name, Dispatcher dispatcher) {
        SimulatorServer server = new SimulatorServer(name) {};
        server.dispatcher(dispatcher);
        return server;
    }

    /** @return the behaviour requests are dispatched to (a simulator's own, unless replaced) */
    public Dispatcher dispatcher() {
        Dispatcher d = dispatcher;
        return d != null ? d : this::handle;
    }

    /**
     * Replaces the behaviour: every request from now on is dispatched to {@code dispatcher} (e.g. one
     * that wraps the simulator's {@link #dispatcher()}). Queued scripts, effects and faults still apply.
     *
     * @param dispatcher the new behaviour
     */
    public void dispatcher(Dispatcher dispatcher) {
        this.dispatcher = java.util.Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Starts on an ephemeral loopback port.
     *
     * @return this
     */
    public SimulatorServer start() {
        return start(0);
    }

    /**
     * @param port the loopback port, or 0 for an ephemeral one
     * @return this
     */
    public synchronized SimulatorServer start(int port) {
        if (server != null) {
            throw new IllegalStateException(name + " is already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + " on loopback port " + port + ": " + e, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** @return the port, once started */
    public int port() {
        if (server == null) {
            throw new IllegalStateException(name + " is not started");
        }
        return server.getAddress().getPort();
    }

    /** @return {@code http://127.0.0.1:<port>}, once started */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    /**
     * @param script what to do with the next request instead of handling it normally (a script of
     *     only an effect lets the dispatcher answer, as the effect allows)
     */
    public void enqueue(ScriptedResponse script) {
        this.script.addLast(java.util.Objects.requireNonNull(script, "script"));
    }

    /**
     * Applies {@code effect} to the next exchange that no fault and no earlier script claims; the
     * answer, when the effect lets one be made, is the dispatcher's. Same as
     * {@code enqueue(ScriptedResponse.of(effect))}.
     *
     * @param effect the effect
     */
    public void enqueue(SocketEffect effect) {
        enqueue(ScriptedResponse.of(effect));
    }

    /**
     * Produces {@code fault} on the next request (queued faults are used one per request, before
     * any queued script).
     *
     * @param fault the fault
     * @throws UnsupportedOperationException when this simulator cannot produce it
     */
    public void inject(Fault fault) {
        if (!supportedFaults().contains(fault)) {
            throw new UnsupportedOperationException(name + " cannot produce " + fault + "; it supports " + supportedFaults());
        }
        faults.addLast(fault);
    }

    /** Drops every queued fault not yet produced. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * The effect a transport fault is produced with: {@link Fault#RESET_BEFORE_RESPONSE} →
     * {@link SocketEffect.ResetBeforeResponse}, {@link Fault#RESET_AFTER_HANDLING} →
     * {@link SocketEffect.ResetAfterHandling}, {@link Fault#NO_RESPONSE} → {@link SocketEffect.Stall}
     * for {@link #stallFor(Duration) the stall time}, {@link Fault#TRUNCATED_BODY} →
     * {@link SocketEffect.TruncateBody} keeping half the body.
     *
     * @param fault a fault
     * @return its effect, or empty for a fault that is an answer (a status, a body, a provider fault)
     */
    public java.util.Optional<SocketEffect> effectFor(Fault fault) {
        return java.util.Optional.ofNullable(switch (fault) {
            case RESET_BEFORE_RESPONSE -> new SocketEffect.ResetBeforeResponse();
            case RESET_AFTER_HANDLING -> new SocketEffect.ResetAfterHandling();
            case NO_RESPONSE -> new SocketEffect.Stall(stall);
            case TRUNCATED_BODY -> new SocketEffect.TruncateBody(50);
            default -> null;
        });
    }

    /** @param stall how long {@link Fault#NO_RESPONSE} holds the connection (default 3 s) */
    public void stallFor(Duration stall) {
        this.stall = stall;
    }

    /** @return the faults this simulator can produce: the generic ones plus its provider-specific ones */
    public java.util.Set<Fault> supportedFaults() {
        java.util.EnumSet<Fault> all = java.util.EnumSet.noneOf(Fault.class);
        for (Fault f : Fault.values()) {
            if (f.isGeneric()) {
                all.add(f);
            }
        }
        all.addAll(providerFaults());
        return all;
    }

    /**
     * @return the provider-specific faults this simulator's dispatcher answers when a request carries
     *     one ({@link RecordedRequest#fault()})
     */
    protected java.util.Set<Fault> providerFaults() {
        return java.util.Set.of();
    }

    /** @return the canned answer of a generic fault that is an answer, or null (an effect, a transform, a provider fault) */
    private static ScriptedResponse cannedAnswer(Fault fault) {
        return switch (fault) {
            case HTTP_408, HTTP_500, HTTP_502, HTTP_503 -> {
                String status = fault.name().substring(5);
                String page = "<html><head><title>" + status + "</title></head><body>upstream error</body></html>";
                yield ScriptedResponse.of(Integer.parseInt(status), "text/html;charset=UTF-8",
                        page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            case HTTP_429 -> ScriptedResponse.text(429, "Too Many Requests", java.nio.charset.StandardCharsets.UTF_8)
                    .withHeader("Retry-After", "1");
            case NOT_JSON_OR_XML -> ScriptedResponse.text(200, "Service temporarily unavailable; try again later",
                    java.nio.charset.StandardCharsets.UTF_8);
            case HUGE_BODY -> {
                byte[] body = new byte[10 * 1024 * 1024];
                java.util.Arrays.fill(body, (byte) ' ');
                body[0] = '{';
                body[body.length - 1] = '}';
                yield ScriptedResponse.of(200, "application/json;charset=UTF-8", body);
            }
            default -> null;
        };
    }

    /** @return what the server does for a request that meets {@code fault}, or null to dispatch it */
    private ScriptedResponse planFor(Fault fault) {
        if (!fault.isGeneric()) {
            return null;
        }
        return effectFor(fault).map(ScriptedResponse::of).orElseGet(() -> cannedAnswer(fault));
    }

    /** Re-encodes every percent-encoded value of a form body from one charset into another. */
    private static byte[] reencodeForm(byte[] form, java.nio.charset.Charset from, java.nio.charset.Charset to) {
        StringBuilder out = new StringBuilder();
        for (String pair : new String(form, java.nio.charset.StandardCharsets.US_ASCII).split("&", -1)) {
            int eq = pair.indexOf('=');
            if (out.length() > 0) {
                out.append('&');
            }
            if (eq < 0) {
                out.append(pair);
                continue;
            }
            String value = java.net.URLDecoder.decode(pair.substring(eq + 1), from);
            out.append(pair, 0, eq + 1).append(java.net.URLEncoder.encode(value, to));
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** The same text, encoded in the other charset than the one the response declares. */
    private static ScriptedResponse recharset(ScriptedResponse normal) {
        String type = normal.headers().getOrDefault("Content-Type", "application/json;charset=UTF-8");
        boolean declaredGbk = type.toUpperCase(java.util.Locale.ROOT).contains("GBK");
        java.nio.charset.Charset declared = declaredGbk ? java.nio.charset.Charset.forName("GBK") : java.nio.charset.StandardCharsets.UTF_8;
        java.nio.charset.Charset other = declaredGbk ? java.nio.charset.StandardCharsets.UTF_8 : java.nio.charset.Charset.forName("GBK");
        byte[] body = type.toLowerCase(java.util.Locale.ROOT).contains("x-www-form-urlencoded")
                ? reencodeForm(normal.body(), declared, other)
                : new String(normal.body(), declared).getBytes(other);
        ScriptedResponse out = ScriptedResponse.of(normal.status(), type, body);
        for (java.util.Map.Entry<String, String> h : normal.headers().entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return normal.effect().map(out::withEffect).orElse(out);
    }

    /** @return every request received so far, in arrival order */
    public List<RecordedRequest> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** @return how many requests arrived */
    public int requestCount() {
        return log.size();
    }

    /**
     * Takes the oldest request not yet taken, waiting up to 5 seconds for one.
     *
     * @return the request
     * @throws AssertionError when none arrives in time
     */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest r = taken.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError(name + ": no request arrived within 5 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Forgets the request log and any queued script (not the simulator's data). */
    public void clearLog() {
        log.clear();
        taken.clear();
        script.clear();
        faults.clear();
    }

    /**
     * The behaviour of a server built without a dispatcher ({@link #SimulatorServer(String)}) until
     * one is set: subclasses may override it instead of supplying a {@link Dispatcher}. Called on a
     * server thread; must be thread-safe.
     *
     * @param request the request as received
     * @return the answer
     */
    protected ScriptedResponse handle(RecordedRequest request) {
        throw new UnsupportedOperationException(name + " has no dispatcher");
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Fault fault = faults.pollFirst();
            RecordedRequest request = new RecordedRequest(sequence.incrementAndGet(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, clock.instant(), java.util.Optional.ofNullable(fault));
            log.add(request);
            taken.add(request);
            ScriptedResponse scripted = fault != null ? planFor(fault) : script.pollFirst();
            SocketEffect effect = null;
            if (scripted != null) {
                pause(scripted.delay());
                effect = scripted.effect().orElse(null);
                if (effect instanceof SocketEffect.ResetBeforeResponse) {
                    return; // closing without headers drops the connection
                }
                if (effect instanceof SocketEffect.Stall stalled) {
                    pause(stalled.duration());
                    return;
                }
            }
            ScriptedResponse answer = scripted != null && scripted.hasAnswer() ? scripted : dispatch(request);
            if (fault == Fault.WRONG_CHARSET) {
                answer = recharset(answer);
            }
            send(exchange, answer, effect != null ? effect : answer.effect().orElse(null));
        } finally {
            handled.incrementAndGet();
        }
    }

    /** Sends {@code answer} as {@code effect} (null: in full, at once) allows. */
    private void send(HttpExchange exchange, ScriptedResponse answer, SocketEffect effect) throws IOException {
        if (effect instanceof SocketEffect.ResetBeforeResponse || effect instanceof SocketEffect.ResetAfterHandling) {
            return; // the answer exists (side effects happened); closing without headers drops the connection
        }
        if (effect instanceof SocketEffect.Stall stalled) {
            pause(stalled.duration());
            return;
        }
        if (effect instanceof SocketEffect.Delay delayed) {
            pause(delayed.duration());
        }
        if (!answer.hasAnswer()) {
            answer = ScriptedResponse.text(500, name + ": the dispatcher answered with an effect alone (" + answer + ")",
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] b = answer.body();
        if (effect instanceof SocketEffect.TruncateBody cut) {
            // announcing the whole body (at least one byte) and closing short drops the connection mid-body
            exchange.sendResponseHeaders(answer.status(), Math.max(b.length, 1));
            OutputStream out = exchange.getResponseBody();
            out.write(b, 0, cut.keptBytes(b.length));
            out.flush();
            return;
        }
        exchange.sendResponseHeaders(answer.status(), b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        }
    }

    private ScriptedResponse dispatch(RecordedRequest request) {
        try {
            ScriptedResponse answer = dispatcher().dispatch(request);
            if (answer == null) {
                throw new IllegalStateException("the dispatcher answered null");
            }
            return answer;
        } catch (RuntimeException e) {
            return ScriptedResponse.text(500, name + " failed: " + e, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void pause(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(Math.min(d.toMillis(), MAX_STALL.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and its threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public String toString() {
        return name + (server == null ? "[stopped]" : "[" + baseUri() + ", " + requestCount() + " requests]");
    }
}
