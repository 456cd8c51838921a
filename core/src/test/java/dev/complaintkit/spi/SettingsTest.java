/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Settings, the typed properties view")
class SettingsTest {
    enum Format { JSON, XML }

    record Built(String appId, Secret secret, int limit, Duration window, Format format, URI endpoint) {}

    @Test
    @DisplayName("reads every type, ignores other providers' keys, and builds")
    void readsEveryType() {
        Settings s = Settings.of("demo", Map.of("demo.app-id", " app1 ", "demo.secret", "s3cr3t", "demo.limit", "500",
                "demo.window", "10s", "demo.format", "xml", "demo.endpoint", "sandbox", "other.key", "ignored"));
        Built b = s.build(() -> new Built(s.string("app-id"), s.secret("secret"), s.integer("limit", 1, 1, 1000),
                s.duration("window", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofHours(1)),
                s.choice("format", Format.class, Format.JSON),
                s.baseUrl("endpoint", Map.of("sandbox", URI.create("https://sandbox.example.invalid")), null)));
        assertThat(b).isEqualTo(new Built("app1", Secret.of("s3cr3t"), 500, Duration.ofSeconds(10), Format.XML,
                URI.create("https://sandbox.example.invalid")));
    }

    @Test
    @DisplayName("every bad setting is one violation naming its key, an overflowing duration included, and a typo is one too")
    void everyViolationAtOnce() {
        Settings s = Settings.of("demo", Map.of("demo.limit", "99999999999999999999", "demo.window", "PT999999999999H",
                "demo.format", "ys_b789c0ffee4242deadbeef", "demo.endpoint", "http://evil.localhost/x", "demo.apid", "x"));
        assertThatThrownBy(() -> s.build(() -> new Built(s.string("app-id"), s.secret("secret"), s.integer("limit", 1, 1, 1000),
                s.duration("window", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofHours(1)),
                s.choice("format", Format.class, Format.JSON),
                s.baseUrl("endpoint", Map.of(), null))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                            "demo.limit", "demo.window", "demo.format", "demo.endpoint", "demo.apid");
                    assertThat(e.getMessage()).doesNotContain("ys_b789c0ffee4242deadbeef");
                });
    }

    @Test
    @DisplayName("the builder's own violations are reported with the view's, once each")
    void builderViolationsMerged() {
        Settings s = Settings.of("demo", Map.of("demo.limit", "abc"));
        assertThatThrownBy(() -> s.build(() -> {
            s.integer("limit", 1, 1, 10);
            throw new ConfigurationException(java.util.List.of(new Violation("demo.app-id", "required", "is required")));
        })).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("demo.limit", "demo.app-id"));
    }

    @Test
    @DisplayName("booleans, charsets, key material and lists are read, and bad ones are violations naming the key, never the key's value")
    void moreReaders() {
        Settings s = Settings.of("demo", Map.of("demo.flag", "Yes", "demo.off", "maybe", "demo.charset", "GBK",
                "demo.bad-charset", "klingon-8", "demo.key", "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
                "demo.bad-key", "s3cr3t!value", "demo.certs", " a, ,b "));
        assertThat(s.bool("flag", false)).isTrue();
        assertThat(s.bool("off", true)).isTrue();
        assertThat(s.bool("unset", true)).isTrue();
        assertThat(s.charset("charset", null)).isEqualTo(java.nio.charset.Charset.forName("GBK"));
        assertThat(s.charset("bad-charset", java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(s.keyMaterial("key", true).reveal()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(s.keyMaterial("bad-key", true)).isNull();
        assertThat(s.keyMaterial("missing-key", true)).isNull();
        assertThat(s.list("certs")).containsExactly("a", "b");
        assertThat(s.violations()).extracting(Violation::field)
                .containsExactly("demo.off", "demo.bad-charset", "demo.bad-key", "demo.missing-key");
        assertThat(s.violations().toString()).doesNotContain("s3cr3t");
    }
}
