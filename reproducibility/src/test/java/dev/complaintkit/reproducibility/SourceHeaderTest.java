/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reproducibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java source file of the tree starts with the SPDX licence header. Spotless checks the same for
 * ordinary files but leaves {@code package-info.java} and {@code module-info.java} alone; this covers all.
 */
class SourceHeaderTest {

    private static final String HEADER = "/* Copyright 2026 The complaintkit authors\n"
            + " * SPDX-License-Identifier: Apache-2.0\n"
            + " */\n";

    @Test
    void everyJavaSourceFileStartsWithTheLicenceHeader() throws IOException {
        Path root = Path.of(System.getProperty("reproducibility.root")).toAbsolutePath().normalize();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .filter(p -> isSource(root.relativize(p)))
                    .forEach(sources::add);
        }
        assertThat(sources).as("Java sources under %s", root).hasSizeGreaterThan(100);
        List<Path> without = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source, StandardCharsets.UTF_8).replace("\r\n", "\n");
            if (!text.startsWith(HEADER)) {
                without.add(root.relativize(source));
            }
        }
        assertThat(without).as("Java sources without the licence header (docs/style.md)").isEmpty();
    }

    /** A file under some {@code src} directory, not under build output or the repository. */
    private static boolean isSource(Path relative) {
        boolean underSrc = false;
        for (Path name : relative) {
            String n = name.toString();
            if (n.equals("target") || n.equals(".git")) {
                return false;
            }
            underSrc |= n.equals("src");
        }
        return underSrc;
    }
}
