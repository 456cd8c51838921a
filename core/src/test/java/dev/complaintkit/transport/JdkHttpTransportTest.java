/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.port.HttpTransport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JdkHttpTransport")
class JdkHttpTransportTest {
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    /** Released when a test ends, so stalled handlers do not hold the server's stop for seconds. */
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    @BeforeAll
    static void nodelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", ex -> {
            hits.incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", ex.getRequestHeaders().getFirst("Content-Type"));
            ex.sendResponseHeaders(201, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/big", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the client hangs up once past its cap
            }
        });
        server.createContext("/stalled-body", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(200, 100);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[10]);
                out.flush();
                release.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException expected) {
                // the client hangs up at its deadline
            }
        });
        server.createContext("/slow", ex -> {
            hits.incrementAndGet();
            try {
                release.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static HttpTransport.Request post(URI uri, String body, Duration timeout) {
        return new HttpTransport.Request("POST", uri, Map.of("Content-Type", "text/plain;charset=UTF-8"),
                body.getBytes(StandardCharsets.UTF_8), timeout);
    }

    @Test
    @DisplayName("one exchange: status, headers and body come back as sent")
    void exchange() {
        HttpTransport.Response r = JdkHttpTransport.shared().exchange(post(uri("/echo"), "投诉 ok", Duration.ofSeconds(5)));
        assertThat(r.status()).isEqualTo(201);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("投诉 ok");
        assertThat(r.header("content-type")).contains("text/plain;charset=UTF-8");
    }

    @Test
    @DisplayName("a body over the cap is refused, not buffered")
    void capped() {
        JdkHttpTransport small = JdkHttpTransport.create(Duration.ofSeconds(2), 1024 * 1024);
        assertThatThrownBy(() -> small.exchange(post(uri("/big"), "", Duration.ofSeconds(5))))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("exceeds the cap of 1048576 bytes")
                .satisfies(e -> assertThat(((TransportException) e).isRetryable()).isFalse());
    }

    @Test
    @DisplayName("a response that does not arrive in time is a retryable time-out")
    void timeout() {
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(post(uri("/slow"), "", Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("Timed out after 300 ms");
                });
    }

    @Test
    @DisplayName("a body that stops arriving fails at the deadline (time-out + 1 s), as a retryable time-out")
    void stalledBody() {
        // the headers come at once, so only the body deadline can end this before the server gives up (5 s,
        // which would be an I/O failure, not a time-out)
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(post(uri("/stalled-body"), "", Duration.ofMillis(300))))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("Timed out after 300 ms");
                });
    }

    @Test
    @DisplayName("a refused connection is a retryable transport error")
    void refused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(
                post(URI.create("http://127.0.0.1:" + port + "/x"), "", Duration.ofSeconds(2))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isRetryable()).isTrue());
    }

    @Test
    @DisplayName("plain HTTP to a non-loopback host is refused before anything is sent")
    void plainHttpRefused() {
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(
                post(URI.create("http://cus.allinpay.com/cusapi"), "", Duration.ofSeconds(2))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must use HTTPS");
    }

    @Test
    @DisplayName("the request's text form shows neither query nor body (they may carry secrets)")
    void requestToString() {
        HttpTransport.Request r = new HttpTransport.Request("GET",
                URI.create("https://api.xiaoe-tech.com/token?secret_key=s3cr3t"), Map.of(), new byte[0], Duration.ofSeconds(1));
        assertThat(r.toString()).isEqualTo("GET https://api.xiaoe-tech.com/token").doesNotContain("s3cr3t");
    }

    @Test
    @DisplayName("the loopback rule: literals and localhost only, no DNS")
    void loopback() {
        assertThat(Endpoints.isLoopback("127.0.0.1")).isTrue();
        assertThat(Endpoints.isLoopback("127.8.9.10")).isTrue();
        assertThat(Endpoints.isLoopback("[::1]")).isTrue();
        assertThat(Endpoints.isLoopback("localhost")).isTrue();
        assertThat(Endpoints.isLoopback("10.0.0.1")).isFalse();
        assertThat(Endpoints.isLoopback("localhost.evil.example")).isFalse();
        assertThat(Endpoints.isLoopback("evil.localhost")).isFalse();
        assertThat(Endpoints.problem(URI.create("ftp://127.0.0.1/x"))).contains("http(s)");
        assertThat(Endpoints.problem(URI.create("https://cus.allinpay.com/cusapi"))).isNull();
    }

    @Test
    @DisplayName("a name under .localhost is not loopback: plain HTTP to it is refused (it may resolve anywhere)")
    void dotLocalhostNameIsNotLoopback() {
        assertThat(Endpoints.problem(URI.create("http://evil.localhost:8080/x"))).contains("must use HTTPS");
        assertThat(Endpoints.problem(URI.create("http://localhost:8080/x"))).isNull();
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(
                post(URI.create("http://evil.localhost:" + server.getAddress().getPort() + "/echo"), "", Duration.ofSeconds(2))))
                .isInstanceOf(ConfigurationException.class);
        assertThat(hits).hasValue(0);
    }

    @Test
    @DisplayName("an endpoint with user-info is refused, and its password is never repeated")
    void userInfoIsRefusedWithoutEchoingThePassword() {
        String problem = Endpoints.problem(URI.create("https://user:hunter2@api.example.invalid/x"));
        assertThat(problem).contains("user-info").doesNotContain("hunter2");
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(
                post(URI.create("http://user:hunter2@127.0.0.1:" + server.getAddress().getPort() + "/echo"), "", Duration.ofSeconds(2))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("hunter2");
        assertThat(hits).hasValue(0);
    }

    @Test
    @DisplayName("a port outside 1-65535 is refused")
    void portOutOfRangeIsRefused() {
        assertThat(Endpoints.problem(URI.create("https://api.example.invalid:99999/x"))).contains("between 1 and 65535");
    }

    @Test
    @DisplayName("a 400-year request time-out is cut to the transport's maximum instead of overflowing")
    void hugeTimeoutDoesNotOverflow() {
        HttpTransport.Response r = JdkHttpTransport.shared().exchange(post(uri("/echo"), "ok", Duration.ofDays(400L * 365)));
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    @DisplayName("a body deadline still holds when the watcher thread dies while the body is dripping")
    void deadlineHoldsWhenTheWatcherDies() throws Exception {
        Thread before = JdkHttpTransport.shared().deadlines.watcher();
        java.util.concurrent.CompletableFuture<Throwable> outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                JdkHttpTransport.shared().exchange(post(uri("/stalled-body"), "", Duration.ofMillis(300)));
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(150); // the headers have come; the body is stalled and watched
        JdkHttpTransport.shared().deadlines.poisonForTest();
        Throwable t = outcome.get(4, java.util.concurrent.TimeUnit.SECONDS); // the server stalls for 5 s
        assertThat(t).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.getMessage()).contains("Timed out after 300 ms"));
        assertThat(JdkHttpTransport.shared().deadlines.watcher()).isNotSameAs(before);
        assertThat(JdkHttpTransport.shared().deadlines.watcher().isAlive()).isTrue();
    }

    @Test
    @DisplayName("a watcher that died while idle is replaced by the next exchange")
    void deadWatcherIsReplacedByTheNextExchange() throws Exception {
        JdkHttpTransport.shared().deadlines.poisonForTest();
        Thread.sleep(300);
        long start = System.nanoTime();
        assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(post(uri("/stalled-body"), "", Duration.ofMillis(300))))
                .isInstanceOf(TransportException.class).hasMessageContaining("Timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("an untrusted TLS certificate is a non-retryable transport error")
    void untrustedCertificateIsNotRetryable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path store = dir.resolve("self-signed.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(ssl));
        https.createContext("/x", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        https.start();
        try {
            assertThatThrownBy(() -> JdkHttpTransport.shared().exchange(post(
                    URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/x"), "", Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("TLS handshake failed");
                    });
            assertThat(hits).hasValue(0);
        } finally {
            https.stop(0);
        }
    }

    @Test
    @DisplayName("a user-supplied HttpClient is used as given, and one that follows redirects is refused")
    void userSuppliedClient() {
        java.net.http.HttpClient mine = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        HttpTransport.Response r = JdkHttpTransport.of(mine, 1024).exchange(post(uri("/echo"), "mine", Duration.ofSeconds(5)));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("mine");
        assertThatThrownBy(() -> JdkHttpTransport.of(mine, 4).exchange(post(uri("/echo"), "longer than four", Duration.ofSeconds(5))))
                .isInstanceOf(TransportException.class).hasMessageContaining("cap of 4 bytes");
        assertThatThrownBy(() -> JdkHttpTransport.of(java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build(), 1024))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("follows redirects");
    }

    @Test
    @DisplayName("a transport owns its deadline watcher: closing it ends the thread and refuses later exchanges")
    void closingEndsTheWatcher() throws Exception {
        JdkHttpTransport own = JdkHttpTransport.create(Duration.ofSeconds(2), 1024);
        assertThat(own.exchange(post(uri("/echo"), "x", Duration.ofSeconds(5))).status()).isEqualTo(201);
        Thread watcher = own.deadlines.watcher();
        assertThat(watcher).isNotNull().isNotSameAs(JdkHttpTransport.shared().deadlines.watcher());
        own.close();
        watcher.join(2_000);
        assertThat(watcher.isAlive()).isFalse();
        assertThatThrownBy(() -> own.exchange(post(uri("/echo"), "x", Duration.ofSeconds(5))))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.mayHaveBeenSent()).isFalse());
        JdkHttpTransport.shared().close(); // ignored: the shared transport lives as long as the process
        assertThat(JdkHttpTransport.shared().exchange(post(uri("/echo"), "y", Duration.ofSeconds(5))).status()).isEqualTo(201);
    }
}
