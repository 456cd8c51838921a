/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (the Debian package) for tests, as in the complaintkit-redis module: started on a free loopback port in a
 * temporary directory, without persistence, and stopped after the test class. Register it with
 * {@code @RegisterExtension static final RedisTestServer REDIS = new RedisTestServer();}. {@link #kill()} and
 * {@link #restart()} (same port) simulate an outage. When {@code redis-server} is not installed the
 * tests fail, saying how to install it: they are never skipped.
 */
final class RedisTestServer implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> CANDIDATES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server");

    private final List<String> extraArgs;
    private Path dir;
    private Path log;
    private int port;
    private Process process;

    /** A server without a password. */
    RedisTestServer() {
        this(List.of());
    }

    /** @param extraArgs more {@code redis-server} arguments, e.g. {@code --requirepass x} */
    RedisTestServer(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** @return the path of {@code redis-server} @throws IllegalStateException saying how to install it */
    static String executable() {
        for (String c : CANDIDATES) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, "redis-server");
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new IllegalStateException("redis-server is not installed, and the complaintkit Redis auto-configuration tests run against a "
                + "real one: install it with `apt-get install -y redis-server` (Debian/Ubuntu; .ci/run does this in CI), "
                + "or put a redis-server on the PATH");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (nested(context)) {
            return; // one server for the test class and its @Nested classes
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (nested(context)) {
            return;
        }
        stop();
    }

    private static boolean nested(ExtensionContext context) {
        return context.getTestClass().map(c -> c.isAnnotationPresent(Nested.class)).orElse(false);
    }

    /** Starts on a free port (a few attempts, should another process take the port first). */
    void start() throws IOException, InterruptedException {
        String exe = executable();
        dir = Files.createTempDirectory("complaintkit-redis-");
        log = dir.resolve("redis.log");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            port = freePort();
            try {
                launch(exe);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the server again on the same port, empty (no persistence). */
    void restart() throws IOException, InterruptedException {
        kill();
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) { // the port may linger briefly after the kill
            try {
                launch(executable());
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    /** Stops the server and removes its directory. */
    void stop() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null;
        }
    }

    /** @return the port */
    int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch(String exe) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(exe, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--protected-mode", "yes", "--logfile", log.toString()));
        cmd.addAll(extraArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("redis-server exited with " + p.exitValue() + " on port " + port + ": " + tail());
            }
            if (pings()) {
                process = p;
                return;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IOException("redis-server did not answer PING on port " + port + " within 10 s: " + tail());
    }

    /** @return whether the server answers PING (or asks for a password, which means it is up) */
    private boolean pings() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            String answer = n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.US_ASCII);
            return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
