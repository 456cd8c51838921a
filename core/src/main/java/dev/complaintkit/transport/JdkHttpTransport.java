/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.transport;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.HttpTransport;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The default {@link HttpTransport}, on {@code java.net.http.HttpClient}: {@link #shared()} is one
 * process-wide client (10-second connect time-out, responses capped at
 * {@value #DEFAULT_MAX_RESPONSE_BYTES} bytes); {@link #create(Duration, int)} makes another with
 * its own settings, {@link #of(HttpClient, int)} one on your own {@code HttpClient}. Each transport
 * owns its body-deadline watcher thread (started on its first exchange); {@link #close()} ends it. Plain HTTP is refused except to loopback hosts; redirects are not followed.
 */
public final class JdkHttpTransport implements HttpTransport, AutoCloseable {
    /** Responses larger than this many bytes are refused by the shared transport. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A longer request time-out is cut to this (its nanoseconds would overflow a deadline). */
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** How long after the request time-out the body may still be arriving. */
    private static final long BODY_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.http");

    private final HttpClient client;
    private final int maxResponseBytes;
    /** This transport's body-deadline watcher: one thread, started on the first exchange, ended by {@link #close()}. */
    final Deadlines deadlines = new Deadlines();
    private volatile boolean closed;

    private JdkHttpTransport(HttpClient client, int maxResponseBytes) {
        this.client = client;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * Ends this transport's deadline watcher; later exchanges are refused. The {@link #shared()}
     * transport ignores this (it lives as long as the process). Never throws.
     */
    @Override
    public void close() {
        if (this == Holder.SHARED) {
            return;
        }
        closed = true;
        deadlines.stop();
    }

    private static final class Holder {
        static final JdkHttpTransport SHARED = create(DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /** @return the process-wide transport (one {@code HttpClient}, created on first use) */
    public static JdkHttpTransport shared() {
        return Holder.SHARED;
    }

    /**
     * @param connectTimeout how long connecting may take
     * @param maxResponseBytes the largest response body accepted
     * @return a transport with its own {@code HttpClient}
     */
    public static JdkHttpTransport create(Duration connectTimeout, int maxResponseBytes) {
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new JdkHttpTransport(client, maxResponseBytes);
    }

    /**
     * A transport on your own {@code HttpClient} — a proxy, an {@code SSLContext} with your trust
     * store, instrumentation. The client must not follow redirects (a redirect could carry a signed
     * request or a token to another host).
     *
     * @param client the client to send through
     * @param maxResponseBytes the largest response body accepted
     * @return the transport
     * @throws ConfigurationException when the client follows redirects or the cap is not positive
     */
    public static JdkHttpTransport of(HttpClient client, int maxResponseBytes) {
        java.util.Objects.requireNonNull(client, "client");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new ConfigurationException("The HttpClient follows redirects (" + client.followRedirects()
                    + "); build it with followRedirects(HttpClient.Redirect.NEVER): a redirect could carry a signed request "
                    + "or a token to another host");
        }
        if (maxResponseBytes <= 0) {
            throw new ConfigurationException("maxResponseBytes must be positive (was " + maxResponseBytes + ")");
        }
        return new JdkHttpTransport(client, maxResponseBytes);
    }

    @Override
    public Response exchange(Request request) {
        if (closed) {
            throw TransportException.notSent("This transport is closed: " + request, null, false);
        }
        String problem = Endpoints.problem(request.uri());
        if (problem != null) {
            throw new ConfigurationException("Refusing to send to " + request + ": endpoint " + problem);
        }
        Duration timeout = request.timeout().compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : request.timeout();
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(timeout);
        if (!"https".equals(request.uri().getScheme().toLowerCase(Locale.ROOT))) {
            builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance on loopback
        }
        request.headers().forEach(builder::header);
        String method = request.method().toUpperCase(Locale.ROOT);
        builder.method(method, request.body().length == 0 && method.equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        // the request time-out covers the headers; the body must be complete by this deadline too
        long deadline = System.nanoTime() + timeout.toNanos() + BODY_GRACE_NANOS;
        try {
            // send(), not sendAsync().get(): the JDK completes a public sendAsync through the common
            // ForkJoinPool, one more thread hand-off per exchange (see benchmarks/README.md)
            HttpResponse<byte[]> response = client.send(builder.build(), info -> new CappedBody(maxResponseBytes, deadline, deadlines));
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting for " + request, e, false);
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw translate(request, e);
        }
    }

    private static TransportException translate(Request request, Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof ResponseTooLargeException tooLarge) {
                return new TransportException(tooLarge.getMessage() + ": " + request, failure, false);
            }
            if (c instanceof TimeoutException) { // the body's deadline passed
                return new TransportException("Timed out after " + request.timeout().toMillis() + " ms: " + request, failure, true);
            }
        }
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException || c instanceof SSLPeerUnverifiedException
                    || c instanceof CertificateException) {
                // an untrusted or mismatched certificate does not heal on a retry
                return TransportException.notSent("TLS handshake failed (is the server's certificate trusted and issued for "
                        + "this host?): " + request + " (" + c.getClass().getSimpleName() + ")", failure, false);
            }
        }
        Throwable cause = failure;
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return TransportException.notSent("Could not connect: " + request + " (" + cause.getClass().getSimpleName() + ")", cause, true);
        }
        if (cause instanceof HttpTimeoutException) {
            return new TransportException("Timed out after " + request.timeout().toMillis() + " ms: " + request, cause, true);
        }
        if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, () -> "I/O failure on " + request + ": " + cause);
            return new TransportException("I/O failure on " + request + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause, true);
        }
        return new TransportException("Exchange failed: " + request + ": " + cause.getClass().getSimpleName(), cause, false);
    }

    /** Thrown inside the body subscriber when the response exceeds the cap. */
    static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException(int cap) {
            super("Response body exceeds the cap of " + cap + " bytes");
        }
    }

    /**
     * Collects the body, cancelling the exchange as soon as it passes the cap or when the deadline
     * passes before it is complete (the request time-out only covers the headers).
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final long deadline;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private byte[] buffer = new byte[0];
        private int size;
        private volatile Flow.Subscription subscription;
        private final Deadlines deadlines;

        CappedBody(int cap, long deadline, Deadlines deadlines) {
            this.cap = cap;
            this.deadline = deadline;
            this.deadlines = deadlines;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            var unused = result.whenComplete((body, failure) -> deadlines.unwatch(this));
            deadlines.watch(this);
            subscription.request(Long.MAX_VALUE);
        }

        /** Called by {@link Deadlines} once the deadline has passed. */
        void expireIfDue(long now) {
            if (now - deadline >= 0 && result.completeExceptionally(new TimeoutException("the body did not arrive in time"))) {
                subscription.cancel();
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                int n = b.remaining();
                if (size + n > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException(cap));
                    return;
                }
                if (size + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(cap, Math.max(size + n, Math.max(8192, buffer.length * 2))));
                }
                b.get(buffer, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
        }
    }

    /**
     * Ends bodies still arriving after their deadline. One daemon thread looks every
     * {@value #TICK_MILLIS} ms while exchanges are going on; after a tick without any it rests until the
     * next exchange wakes it (at most {@value #IDLE_MILLIS} ms). An exchange costs a set insertion and
     * removal and never wakes a thread while traffic flows. (A timer task per exchange, as
     * {@code CompletableFuture.orTimeout} schedules, woke the timer thread on every call: +15-20 µs per
     * loopback exchange on the benchmark machine.)
     *
     * <p>The watcher must outlive anything that can happen to it: a watcher that dies (an
     * {@code OutOfMemoryError} while it runs, say) is replaced at once by its uncaught-exception
     * handler, and every new exchange checks it is alive and starts a new one if it is not, so no
     * body already watched or watched later is left without a deadline.
     */
    static final class Deadlines {
        /** How often in-flight bodies are checked; a late body ends at most this much after its deadline. */
        static final long TICK_MILLIS = 100;
        /** The longest rest while idle (a safety net: an exchange wakes the watcher at once). */
        static final long IDLE_MILLIS = 1000;

        private final Set<CappedBody> watched = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean resting = new AtomicBoolean();
        private final Object lock = new Object();
        private volatile long lastWatch = System.nanoTime();
        private volatile Thread watcher;
        /** Set by tests: the watcher's next tick ends it with an {@code Error}, as an OOM would. */
        private volatile boolean poisoned;
        private volatile boolean stopped;

        Deadlines() {}

        void watch(CappedBody body) {
            watched.add(body);
            lastWatch = System.nanoTime();
            Thread w = watcher;
            if (w == null || !w.isAlive()) {
                replace(w);
            } else if (resting.get() && resting.compareAndSet(true, false)) {
                LockSupport.unpark(w);
            }
        }

        void unwatch(CappedBody body) {
            watched.remove(body);
        }

        /** Starts a new watcher in place of {@code dead} (unless another thread already did). */
        private void replace(Thread dead) {
            synchronized (lock) {
                if (watcher != dead || stopped) {
                    return;
                }
                Thread t = new Thread(this::run, "complaintkit-http-deadlines");
                t.setDaemon(true);
                t.setUncaughtExceptionHandler((thread, failure) -> {
                    LOG.log(System.Logger.Level.WARNING, () -> "The HTTP body deadline watcher died ("
                            + failure.getClass().getName() + "); starting another");
                    try {
                        replace(thread);
                    } catch (Throwable again) { // cannot even start a thread: the next exchange tries again
                        LOG.log(System.Logger.Level.WARNING, () -> "Could not restart the deadline watcher: "
                                + again.getClass().getName());
                    }
                });
                resting.set(false);
                t.start();
                watcher = t;
            }
        }

        /** Ends the watcher; bodies still watched are not expired any more (their transport is closed). */
        void stop() {
            synchronized (lock) {
                stopped = true;
                Thread w = watcher;
                if (w != null) {
                    w.interrupt();
                }
            }
        }

        /** @return the current watcher thread, or {@code null} before the first exchange (for tests) */
        Thread watcher() {
            return watcher;
        }

        /** Makes the current watcher die on its next tick, as it would of an OOM (for tests). */
        void poisonForTest() {
            poisoned = true;
            LockSupport.unpark(watcher);
        }

        private void run() {
            long tick = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(tick);
                if (poisoned) {
                    poisoned = false;
                    throw new Error("deadline watcher poisoned by a test");
                }
                long now = System.nanoTime();
                for (CappedBody body : watched) {
                    body.expireIfDue(now);
                }
                if (watched.isEmpty() && now - lastWatch > tick) { // a whole tick without an exchange
                    resting.set(true);
                    if (watched.isEmpty()) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS));
                    }
                    resting.set(false);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "JdkHttpTransport[maxResponseBytes=" + maxResponseBytes + "]";
    }
}
