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
 * to an ephemeral loopback port, that logs every request and either lets the subclass answer it
 * (the provider's server side) or follows a script queued with {@link #enqueue(ScriptedResponse)}
 * (MockWebServer style: script, exercise, {@link #takeRequest()}).
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
    private HttpServer server;
    private ExecutorService executor;

    /** @param name the simulator's name, for thread names and messages */
    protected SimulatorServer(String name) {
        this(name, Clock.systemUTC());
    }

    /** @param name the simulator's name @param clock the clock stamping requests */
    protected SimulatorServer(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
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

    /** @param script what to do with the next request instead of handling it normally */
    public void enqueue(ScriptedResponse script) {
        this.script.addLast(script);
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

    /** @return the provider-specific faults this simulator implements in {@link #providerFault} */
    protected java.util.Set<Fault> providerFaults() {
        return java.util.Set.of();
    }

    /**
     * Answers {@code request} with a provider-specific fault (throttling in the provider's words, a
     * bad or missing signature, undecodable payload, unknown fields…).
     *
     * @param fault one of {@link #providerFaults()}
     * @param request the request
     * @return the faulty answer
     */
    protected ScriptedResponse providerFault(Fault fault, RecordedRequest request) {
        throw new UnsupportedOperationException(fault.toString());
    }

    private ScriptedResponse fault(Fault fault, RecordedRequest request) {
        String page = "<html><head><title>" + fault.name().substring(5) + "</title></head><body>upstream error</body></html>";
        return switch (fault) {
            case HTTP_408, HTTP_500, HTTP_502, HTTP_503 -> ScriptedResponse.of(Integer.parseInt(fault.name().substring(5)),
                    "text/html;charset=UTF-8", page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case HTTP_429 -> ScriptedResponse.text(429, "Too Many Requests", java.nio.charset.StandardCharsets.UTF_8)
                    .withHeader("Retry-After", "1");
            case RESET_BEFORE_RESPONSE -> ScriptedResponse.dropConnection();
            case RESET_AFTER_HANDLING -> ScriptedResponse.handleThenDrop();
            case NO_RESPONSE -> ScriptedResponse.stall(stall);
            case TRUNCATED_BODY -> ScriptedResponse.truncateBody();
            case NOT_JSON_OR_XML -> ScriptedResponse.text(200, "Service temporarily unavailable; try again later",
                    java.nio.charset.StandardCharsets.UTF_8);
            case HUGE_BODY -> {
                byte[] body = new byte[10 * 1024 * 1024];
                java.util.Arrays.fill(body, (byte) ' ');
                body[0] = '{';
                body[body.length - 1] = '}';
                yield ScriptedResponse.of(200, "application/json;charset=UTF-8", body);
            }
            case WRONG_CHARSET -> recharset(safeHandle(request));
            default -> providerFault(fault, request);
        };
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
        return out;
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
     * The provider's server side: answers one request. Called on a server thread; must be thread-safe.
     *
     * @param request the request as received
     * @return the answer
     */
    protected abstract ScriptedResponse handle(RecordedRequest request);

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            RecordedRequest request = new RecordedRequest(sequence.incrementAndGet(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, clock.instant());
            log.add(request);
            taken.add(request);
            Fault fault = faults.pollFirst();
            ScriptedResponse scripted = fault != null ? fault(fault, request) : script.pollFirst();
            if (scripted != null) {
                pause(scripted.delay());
            }
            ScriptedResponse answer;
            if (scripted == null) {
                answer = safeHandle(request);
            } else {
                switch (scripted.mode()) {
                    case RESPOND -> answer = scripted;
                    case DROP_BEFORE_HANDLING -> {
                        return; // closing without headers drops the connection
                    }
                    case DROP_AFTER_HANDLING -> {
                        safeHandle(request);
                        return;
                    }
                    case TRUNCATE_BODY -> {
                        ScriptedResponse full = safeHandle(request);
                        byte[] b = full.body();
                        full.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                        exchange.sendResponseHeaders(full.status(), b.length);
                        OutputStream out = exchange.getResponseBody();
                        out.write(b, 0, b.length / 2);
                        out.flush();
                        return; // closing a fixed-length body short drops the connection mid-body
                    }
                    default -> throw new IllegalStateException(scripted.mode().toString());
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] b = answer.body();
            exchange.sendResponseHeaders(answer.status(), b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(b);
                }
            }
        } finally {
            handled.incrementAndGet();
        }
    }

    private ScriptedResponse safeHandle(RecordedRequest request) {
        try {
            return handle(request);
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
