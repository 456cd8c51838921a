package dev.complaintkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                    assertThat(e.getMessage()).contains("7 problems").contains("plain HTTP is allowed only to loopback");
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
}
