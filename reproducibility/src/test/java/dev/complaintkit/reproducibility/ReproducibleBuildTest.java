/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the published modules a second time, offline, from a copy of the source tree (no {@code target}
 * directories, no {@code .git}) and requires every jar of that build to be byte-identical (SHA-256) to the
 * one this reactor has just built. The module directories come from the {@code reproducibility.modules}
 * property of this module's POM; {@code original-*.jar} (the shade plugin's input) is not compared.
 */
class ReproducibleBuildTest {

    /** Names never copied: build output and the repository itself. */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git");

    /** A bound on the second build, only so that a hung build cannot hang the test run. */
    private static final long BUILD_BOUND_MINUTES = 60;

    @TempDir
    Path temp;

    @Test
    void theSecondBuildOfEveryPublishedJarIsByteIdentical() throws Exception {
        assumeFalse(Boolean.getBoolean("reproducibility.skip"), "-Dreproducibility.skip=true");
        Path root = Path.of(property("reproducibility.root")).toAbsolutePath().normalize();
        List<String> modules = List.of(property("reproducibility.modules").split(","));
        assertThat(modules).as("reproducibility.modules").isNotEmpty();

        Path copy = temp.resolve("tree");
        copyTree(root, copy);
        Path log = build(copy, modules);

        List<String> compared = new ArrayList<>();
        for (String module : modules) {
            Map<String, String> again = jarDigests(copy.resolve(module.strip()).resolve("target"));
            Map<String, String> reactor = jarDigests(root.resolve(module.strip()).resolve("target"));
            assertThat(again).as("jars of %s in the second build (log: %s)", module, log).isNotEmpty();
            for (Map.Entry<String, String> jar : again.entrySet()) {
                assertThat(reactor)
                        .as("%s/target/%s: the reactor's copy (build the reactor with verify first)", module, jar.getKey())
                        .containsKey(jar.getKey());
                assertThat(jar.getValue())
                        .as("SHA-256 of %s/target/%s, second build against the reactor's", module, jar.getKey())
                        .isEqualTo(reactor.get(jar.getKey()));
                compared.add(module + "/" + jar.getKey());
            }
        }
        assertThat(compared).hasSizeGreaterThanOrEqualTo(modules.size());
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by this module's POM)", name).isNotBlank();
        return value;
    }

    /** Runs {@code ./mvnw -o -q package -DskipTests} in the copy, with this build's local repository. */
    private Path build(Path copy, List<String> modules) throws IOException, InterruptedException {
        Path wrapper = copy.resolve("mvnw");
        assertThat(wrapper.toFile().setExecutable(true)).as("chmod +x %s", wrapper).isTrue();
        List<String> command = new ArrayList<>(List.of(
                wrapper.toString(), "-B", "-o", "-q",
                "-Dmaven.repo.local=" + property("reproducibility.localRepository"),
                "-pl", String.join(",", modules), "-am",
                "package", "-DskipTests"));
        Path log = temp.resolve("second-build.log");
        Process process = new ProcessBuilder(command)
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(BUILD_BOUND_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        assertThat(exit)
                .as("exit code of %s; its output:%n%s", String.join(" ", command), tail(log))
                .isZero();
        return log;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The SHA-256 of every {@code *.jar} directly in {@code target}, by file name, original-*.jar left out. */
    private static Map<String, String> jarDigests(Path target) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        if (!Files.isDirectory(target)) {
            return digests;
        }
        try (Stream<Path> files = Files.list(target)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") && !name.startsWith("original-") && Files.isRegularFile(file)) {
                    digests.put(name, sha256(file));
                }
            }
        }
        return digests;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!NOT_COPIED.contains(file.getFileName().toString()) && attrs.isRegularFile()) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (IOException e) {
                        throw new UncheckedIOException("copying " + file, e);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
