/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README honest: its usage example compiles against the real modules, as written. */
@DisplayName("README usage example")
class ReadmeExampleTest {
    private static final String MARKER = "<!-- example: usage";

    @TempDir
    Path out;

    /** @return the lines of the java block that follows the marker */
    static List<String> example() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int at = 0;
        while (at < lines.size() && !lines.get(at).startsWith(MARKER)) {
            at++;
        }
        assertThat(at).as("the README has the usage example marker").isLessThan(lines.size());
        assertThat(lines.get(at + 1)).isEqualTo("```java");
        List<String> code = new ArrayList<>();
        for (int i = at + 2; !lines.get(i).equals("```"); i++) {
            code.add(lines.get(i));
        }
        return code;
    }

    @Test
    @DisplayName("compiles as written, and stays at most 15 lines of code besides imports")
    void compiles() throws IOException {
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : example()) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        assertThat(body.stream().filter(l -> !l.isBlank()).count()).as("lines of code").isBetween(5L, 15L);
        String source = String.join("\n", imports) + "\n\nclass ReadmeExample {\n    static void run() throws Exception {\n"
                + String.join("\n", body) + "\n    }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExample.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-Xlint:all", "-Werror"),
                    null, List.of(file)).call();
            assertThat(diagnostics.getDiagnostics()).as("compiler messages for:\n" + source).isEmpty();
            assertThat(ok).isTrue();
        }
        assertThat(out.resolve("ReadmeExample.class")).exists();
    }
}
