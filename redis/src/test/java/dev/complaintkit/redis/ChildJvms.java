/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs running {@link SharedStateChild} on this test's class path
 * ({@code java.class.path}): started together, released together with {@code GO}, and read for
 * their {@code RESULT} line. Each child's standard error goes to a file, shown when it fails.
 */
final class ChildJvms implements AutoCloseable {
    /** One child's outcome: calls that succeeded within the run, and failures by kind ({@code RateLimited:<code>} or class). */
    record Result(long ok, Map<String, Integer> errors) {}

    private final List<Process> processes = new ArrayList<>();
    private final List<BlockingQueue<String>> lines = new ArrayList<>();
    private final List<Path> stderr = new ArrayList<>();
    private final List<Integer> webhookPorts = new ArrayList<>();

    /**
     * @param count how many JVMs
     * @param args the child's arguments
     * @return the children, each ready (its clients built, its webhook listening)
     */
    static ChildJvms start(int count, List<String> args) throws IOException, InterruptedException {
        ChildJvms jvms = new ChildJvms();
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            for (int i = 0; i < count; i++) {
                List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
                String hosts = System.getProperty("jdk.net.hosts.file");
                if (hosts != null) {
                    cmd.add("-Djdk.net.hosts.file=" + hosts);
                }
                cmd.add(SharedStateChild.class.getName());
                cmd.add("child=" + i);
                cmd.addAll(args);
                Path err = Files.createTempFile("complaintkit-child-" + i + "-", ".log");
                Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
                BlockingQueue<String> out = new LinkedBlockingQueue<>();
                Thread reader = new Thread(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            out.add(line);
                        }
                    } catch (IOException e) {
                        out.add("EOF " + e);
                    }
                }, "child-" + i + "-stdout");
                reader.setDaemon(true);
                reader.start();
                jvms.processes.add(p);
                jvms.lines.add(out);
                jvms.stderr.add(err);
            }
            for (int i = 0; i < count; i++) {
                String ready = jvms.expect(i, "READY ", Duration.ofSeconds(90));
                jvms.webhookPorts.add(Integer.parseInt(ready.substring(ready.indexOf("webhook=") + 8).trim()));
            }
            return jvms;
        } catch (IOException | InterruptedException | RuntimeException e) {
            jvms.close();
            throw e;
        }
    }

    /** @return each child's webhook port, in order */
    List<Integer> webhookPorts() {
        return webhookPorts;
    }

    /** Releases every child at once. */
    void go() throws IOException {
        for (Process p : processes) {
            OutputStream in = p.getOutputStream();
            in.write("GO\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
        }
    }

    /** @param timeout how long to wait for each @return each child's result */
    List<Result> results(Duration timeout) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            String line = expect(i, "RESULT ", timeout);
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : line.substring(7).split(" ")) {
                int eq = part.indexOf('=');
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
            Map<String, Integer> errors = new LinkedHashMap<>();
            for (String e : kv.getOrDefault("errors", "").split(",")) {
                if (!e.isBlank()) {
                    int colon = e.lastIndexOf(':');
                    errors.put(e.substring(0, colon), Integer.parseInt(e.substring(colon + 1)));
                }
            }
            results.add(new Result(Long.parseLong(kv.get("ok")), errors));
        }
        return results;
    }

    private String expect(int child, String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.get(child).poll(left, TimeUnit.NANOSECONDS);
            if (line == null || line.startsWith("EOF ")) {
                throw new IllegalStateException("child JVM " + child + " gave no '" + prefix.trim() + "' line within " + timeout
                        + " (alive: " + processes.get(child).isAlive() + "); its standard error ends:\n" + tail(child));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** @param child which @return the last lines of its standard error */
    String tail(int child) {
        try {
            List<String> all = Files.readAllLines(stderr.get(child));
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Path p : stderr) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file
            }
        }
    }
}
