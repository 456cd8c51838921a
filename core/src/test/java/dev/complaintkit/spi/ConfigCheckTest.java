/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConfigCheck and Secret")
class ConfigCheckTest {
    enum Format { JSON, XML }

    @Test
    @DisplayName("every bad setting is reported at once, keyed <provider>.<setting>")
    void allAtOnce() {
        ConfigCheck check = new ConfigCheck("demo");
        check.required("appid", " ");
        check.required("secret", Secret.of(""));
        check.exactLength("isspid", "1234", 8);
        check.maxLength("seller-account", "x".repeat(65), 64);
        check.endpoint("endpoint", "http://gateway.example/api");
        check.choice("format", "yaml", Format::valueOf, Format.JSON, "json|xml");
        check.unknownKeys(Map.of("demo.apid", "1", "other.x", "2"), List.of("appid", "secret"));
        assertThatThrownBy(check::throwIfAny)
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly("demo.appid", "demo.secret",
                            "demo.isspid", "demo.seller-account", "demo.endpoint", "demo.format", "demo.apid");
                    assertThat(e.getMessage()).contains("7 problems").contains("plain HTTP is allowed only to literal loopback addresses and localhost");
                });
    }

    @Test
    @DisplayName("valid settings pass, choices parse case-insensitively, loopback HTTP is allowed")
    void valid() {
        ConfigCheck check = new ConfigCheck("demo");
        assertThat(check.endpoint("endpoint", "http://127.0.0.1:8080/gw")).hasPort(8080);
        assertThat(check.choice("format", "xml", Format::valueOf, Format.JSON, "json|xml")).isEqualTo(Format.XML);
        assertThat(check.choice("format", null, Format::valueOf, Format.JSON, "json|xml")).isEqualTo(Format.JSON);
        check.throwIfAny();
        assertThat(check.violations()).isEmpty();
    }

    @Test
    @DisplayName("a secret never shows its value")
    void secretRedacted() {
        Secret s = Secret.of("MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8");
        assertThat(s.toString()).isEqualTo("Secret[redacted]");
        assertThat(String.valueOf(List.of(s))).doesNotContain("MIIC");
        assertThat(s.reveal()).startsWith("MIIC");
        assertThat(s).isEqualTo(Secret.of("MIICdQIBADANBgkqhkiG9w0BAQEFAASCAl8")).isNotEqualTo(Secret.of("other"));
    }

    @Test
    @DisplayName("a long value in a choice setting (a secret pasted in the wrong place) is never echoed, a short word is")
    void choiceDoesNotEchoLongValues() {
        ConfigCheck check = new ConfigCheck("yima");
        check.choice("format", "ys_b789c0ffee4242deadbeef", v -> { throw new IllegalArgumentException(); }, "JSON", "json, xml");
        check.choice("sign-scheme", "xml2", v -> { throw new IllegalArgumentException(); }, "JSON", "json, xml");
        assertThat(check.violations()).extracting(dev.complaintkit.error.Violation::message).containsExactly(
                "must be one of json, xml (was a 25-character value, not shown)",
                "must be one of json, xml (was 'xml2')");
    }

    @Test
    @DisplayName("range checks name the setting and the bounds, and accept an unset duration")
    void rangeChecks() {
        ConfigCheck check = new ConfigCheck("xiaoe");
        assertThat(check.range("rate-window", java.time.Duration.ofHours(999_999_999_999L),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(1))).isFalse();
        assertThat(check.range("rate-window", null, java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(1))).isTrue();
        assertThat(check.range("rate-limit", 0, 1, 100_000)).isFalse();
        assertThat(check.violations()).extracting(dev.complaintkit.error.Violation::field)
                .containsExactly("xiaoe.rate-window", "xiaoe.rate-limit");
    }
}
