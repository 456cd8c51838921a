/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Provider discovery through ServiceLoader")
class DiscoveryTest {
    @TempDir
    Path dir;

    private ClassLoader registering(String... classNames) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.complaintkit.spi.ComplaintProvider"),
                String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    private static String name(Class<?> c) {
        return c.getName();
    }

    @Test
    @DisplayName("a provider is found by its id, and ids are listed in order")
    void findsById() throws IOException {
        ProviderRegistry registry = Complaints.discover(registering(name(TestProviders.Beta.class), name(TestProviders.Alpha.class)));
        assertThat(registry.ids()).containsExactly("alpha", "beta");
        assertThat(registry.require("alpha")).isInstanceOf(TestProviders.Alpha.class);
        assertThat(registry.failures()).isEmpty();
    }

    @Test
    @DisplayName("an unknown id names the ids found and the artifact to add")
    void unknownId() throws IOException {
        ClassLoader loader = registering(name(TestProviders.Alpha.class), name(TestProviders.Beta.class));
        assertThatThrownBy(() -> Complaints.builder().classLoader(loader).providerId("yima").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No complaint provider with id 'yima'")
                .hasMessageContaining("found: alpha, beta")
                .hasMessageContaining("dev.complaintkit:complaintkit-provider-yima");
    }

    @Test
    @DisplayName("two providers claiming one id fail at once, naming both classes")
    void duplicateId() throws IOException {
        ClassLoader loader = registering(name(TestProviders.Alpha.class), name(TestProviders.AlphaAgain.class));
        assertThatThrownBy(() -> Complaints.discover(loader))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'alpha'")
                .hasMessageContaining(name(TestProviders.Alpha.class))
                .hasMessageContaining(name(TestProviders.AlphaAgain.class));
    }

    @Test
    @DisplayName("a provider whose constructor throws is skipped with a report; the others load")
    void brokenProviderSkipped() throws IOException {
        ProviderRegistry registry = Complaints.discover(registering(
                name(TestProviders.Broken.class), name(TestProviders.Alpha.class), "dev.complaintkit.NoSuchProvider"));
        assertThat(registry.ids()).containsExactly("alpha");
        assertThat(registry.failures()).hasSize(2);
        assertThat(registry.failures().get(0)).contains(name(TestProviders.Broken.class)).contains("broken on purpose");
        assertThat(registry.failures().get(1)).contains("dev.complaintkit.NoSuchProvider");
    }

    @Test
    @DisplayName("a provider instance passed in code wins over the class path, even a broken one")
    void explicitInstanceWins() throws IOException {
        ClassLoader loader = registering(name(TestProviders.Alpha.class), name(TestProviders.AlphaAgain.class));
        TestProviders.Scripted mine = new TestProviders.Scripted("alpha", java.util.EnumSet.allOf(dev.complaintkit.Capability.class));
        try (ComplaintClient client = Complaints.builder().classLoader(loader).provider(mine).build()) {
            assertThat(client.providerId()).isEqualTo("alpha");
            client.reply(dev.complaintkit.model.ReplyRequest.builder("c1").text("ok").build());
            assertThat(mine.replies).hasSize(1);
        }
    }

    @Test
    @DisplayName("a provider needing a newer SPI than core offers is refused with what to upgrade")
    void spiVersionChecked() throws IOException {
        ClassLoader loader = registering(name(TestProviders.FromTheFuture.class));
        assertThatThrownBy(() -> Complaints.builder().classLoader(loader).providerId("future").properties(Map.of()).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs SPI version " + (dev.complaintkit.spi.ComplaintProvider.SPI_VERSION + 1))
                .hasMessageContaining("upgrade complaintkit-core");
    }

    @Test
    @DisplayName("with nothing on the class path, the message says none were found")
    void noneFound() throws IOException {
        ClassLoader loader = registering();
        assertThatThrownBy(() -> Complaints.builder().classLoader(loader).providerId("allinpay").build())
                .hasMessageContaining("found: none")
                .hasMessageContaining("complaintkit-provider-allinpay");
    }
}
