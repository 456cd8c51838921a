/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on real class paths: isolated class loaders holding only the real module artifacts (jars
 * in a full build) named for each case, with nothing else of the project visible. Everything runs
 * through the isolated loader's own {@code Complaints} class, as an application would.
 */
@DisplayName("discovery on real class paths")
class RealClasspathDiscoveryTest {
    @TempDir
    Path dir;

    /** The artifact (jar or classes folder) of a module or library on this test's class path. */
    private static URL artifact(String marker) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String normalized = entry.replace('\\', '/');
            if (normalized.contains(marker)) {
                return Path.of(entry).toUri().toURL();
            }
        }
        throw new IllegalStateException("not on the test class path: " + marker);
    }

    private static List<URL> base() throws IOException {
        return new ArrayList<>(List.of(artifact("/core/target/"), artifact("jackson-databind"),
                artifact("jackson-core"), artifact("jackson-annotations")));
    }

    private static URL yima() throws IOException {
        return artifact("/provider-yima/target/");
    }

    private static URL xiaoe() throws IOException {
        return artifact("/provider-xiaoe/target/");
    }

    private static URL allinpay() throws IOException {
        return artifact("/provider-allinpay/target/");
    }

    private static URL wechatpay() throws IOException {
        return artifact("/provider-wechatpay/target/");
    }

    /** What an application sees: the registry's ids and failure reports, or the discovery error. */
    record Seen(List<String> ids, List<String> failures, String error) {}

    private static Seen discover(List<URL> path) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> complaints = loader.loadClass("dev.complaintkit.Complaints");
            Object registry;
            try {
                registry = complaints.getMethod("discover", ClassLoader.class).invoke(null, loader);
            } catch (InvocationTargetException e) {
                return new Seen(List.of(), List.of(), e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
            }
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) registry.getClass().getMethod("ids").invoke(registry);
            @SuppressWarnings("unchecked")
            List<String> failures = (List<String>) registry.getClass().getMethod("failures").invoke(registry);
            return new Seen(ids, failures, null);
        }
    }

    /** The message a user gets when asking for a provider id. */
    private static String require(List<URL> path, String id) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Object registry = loader.loadClass("dev.complaintkit.Complaints").getMethod("discover", ClassLoader.class)
                    .invoke(null, loader);
            Method require = registry.getClass().getMethod("require", String.class);
            try {
                require.invoke(registry, id);
                return "found";
            } catch (InvocationTargetException e) {
                return e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
            }
        }
    }

    /** Packs test classes into a provider jar with its own services file. */
    private URL providerJar(String name, List<Class<?>> classes, String... serviceLines) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> c : classes) {
                String resource = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.complaintkit.spi.ComplaintProvider"));
            out.write((String.join("\n", serviceLines) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar.toUri().toURL();
    }

    @Test
    @DisplayName("no provider on the path: none found, and asking for one names the artifact to add")
    void none() throws Exception {
        assertThat(discover(base()).ids()).isEmpty();
        assertThat(require(base(), "xiaoe")).isEqualTo("ConfigurationException: No complaint provider with id 'xiaoe' on the "
                + "class path; found: none. Add the artifact dev.complaintkit:complaintkit-provider-xiaoe (or the module that "
                + "provides 'xiaoe') to the class path.");
    }

    @Test
    @DisplayName("one provider jar: exactly that provider")
    void one() throws Exception {
        List<URL> path = base();
        path.add(xiaoe());
        Seen seen = discover(path);
        assertThat(seen.ids()).containsExactly("xiaoe");
        assertThat(seen.failures()).isEmpty();
        assertThat(require(path, "yima")).contains("found: xiaoe").contains("complaintkit-provider-yima");
    }

    @Test
    @DisplayName("the WeChat Pay jar alone (core and Jackson, nothing else): exactly wechatpay")
    void wechatpayAlone() throws Exception {
        List<URL> path = base();
        path.add(wechatpay());
        Seen seen = discover(path);
        assertThat(seen.ids()).containsExactly("wechatpay");
        assertThat(seen.failures()).isEmpty();
        assertThat(require(path, "wechatpay")).isEqualTo("found");
    }

    @Test
    @DisplayName("all four provider jars: all four, in id order")
    void allFour() throws Exception {
        List<URL> path = base();
        path.addAll(List.of(yima(), wechatpay(), xiaoe(), allinpay(), artifact("bcprov-jdk18on"), artifact("jackson-dataformat-xml"),
                artifact("woodstox-core"), artifact("stax2-api")));
        Seen seen = discover(path);
        assertThat(seen.ids()).containsExactly("allinpay", "wechatpay", "xiaoe", "yima");
        assertThat(seen.failures()).isEmpty();
    }

    @Test
    @DisplayName("two jars claiming one id: discovery fails at once, naming both classes")
    void duplicateId() throws Exception {
        List<URL> path = base();
        path.add(yima());
        path.add(providerJar("imposter.jar", List.of(ImposterYimaProvider.class), ImposterYimaProvider.class.getName()));
        Seen seen = discover(path);
        assertThat(seen.error()).isEqualTo("ConfigurationException: More than one complaint provider claims the same id; "
                + "keep one jar per provider:\n  - 'yima': dev.complaintkit.provider.yima.YimaProvider, "
                + "dev.complaintkit.discovery.ImposterYimaProvider");
    }

    @Test
    @DisplayName("a provider jar whose classes fail to load is reported and skipped; the others work")
    void brokenJar() throws Exception {
        List<URL> path = base();
        path.add(xiaoe());
        path.add(providerJar("broken.jar", List.of(ExplodingProvider.class), ExplodingProvider.class.getName(),
                "com.example.complaints.MissingProvider"));
        Seen seen = discover(path);
        assertThat(seen.ids()).containsExactly("xiaoe");
        assertThat(seen.failures()).hasSize(2);
        assertThat(seen.failures().get(0)).startsWith("A complaint provider could not be loaded and was skipped: ")
                .contains(ExplodingProvider.class.getName())
                .contains("static initialisation failed on purpose");
        assertThat(seen.failures().get(1)).isEqualTo("A complaint provider could not be loaded and was skipped: "
                + "dev.complaintkit.spi.ComplaintProvider: Provider com.example.complaints.MissingProvider not found");
        if (Arrays.asList(seen.ids().toArray()).contains("exploding")) {
            fail("the broken provider must not be listed");
        }
    }
}
