/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.provider.yima.YimaConfig.Format;
import dev.complaintkit.provider.yima.YimaConfig.ResponseSignature;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.spi.ProviderConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class YimaConfigTest {
    private static final String SECRET = "s3cr3t-value-never-shown";

    private static YimaConfig.Builder valid() {
        return YimaConfig.builder().endpoint("https://gateway.example.com/yima").isspid("39493002").systemId("8888")
                .sellerAccount("66660000000000001").secret(SECRET);
    }

    private static Map<String, String> validProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("yima.endpoint", "https://gateway.example.com/yima");
        p.put("yima.isspid", "39493002");
        p.put("yima.system-id", "8888");
        p.put("yima.seller-account", "66660000000000001");
        p.put("yima.secret", SECRET);
        return p;
    }

    @Test
    @DisplayName("defaults: JSON, MD5_SORTED_KEY, UTF-8, signatures required")
    void defaults() {
        YimaConfig c = valid().build();

        assertThat(c.format()).isEqualTo(Format.JSON);
        assertThat(c.signScheme()).isEqualTo(SignScheme.MD5_SORTED_KEY);
        assertThat(c.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(c.responseSignature()).isEqualTo(ResponseSignature.REQUIRE);
        assertThat(c.providerId()).isEqualTo("yima");
    }

    @Test
    @DisplayName("every bad setting is reported at once, the endpoint included (no default exists)")
    void allViolationsAtOnce() {
        assertThatThrownBy(() -> YimaConfig.builder().isspid("123").systemId("88888")
                .sellerAccount("x".repeat(65)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("yima.endpoint", "yima.isspid", "yima.system-id",
                                "yima.seller-account", "yima.secret"));
    }

    @Test
    @DisplayName("plain HTTP is refused except to loopback")
    void endpointHttps() {
        assertThatThrownBy(() -> valid().endpoint("http://gateway.example.com/yima").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("yima.endpoint"));
        assertThat(valid().endpoint("http://127.0.0.1:8080/yima").build().endpoint().getPort()).isEqualTo(8080);
    }

    @Test
    @DisplayName("properties map onto the same settings; values are case-insensitive")
    void fromProperties() {
        Map<String, String> p = validProperties();
        p.put("yima.format", "xml");
        p.put("yima.sign-scheme", "md5-wrapped");
        p.put("yima.charset", "GBK");
        p.put("yima.response-signature", "warn");
        p.put("allinpay.appid", "ignored");

        YimaConfig c = new YimaProvider().configFromProperties(p);

        assertThat(c.format()).isEqualTo(Format.XML);
        assertThat(c.signScheme()).isEqualTo(SignScheme.MD5_WRAPPED);
        assertThat(c.charset()).isEqualTo(Charset.forName("GBK"));
        assertThat(c.responseSignature()).isEqualTo(ResponseSignature.WARN);
        assertThat(c).isEqualTo(valid().format(Format.XML).signScheme(SignScheme.MD5_WRAPPED)
                .charset(Charset.forName("GBK")).responseSignature(ResponseSignature.WARN).build());
    }

    @Test
    @DisplayName("bad choices, an unknown charset and a misspelt key are reported together")
    void badProperties() {
        Map<String, String> p = validProperties();
        p.put("yima.format", "yaml");
        p.put("yima.sign-scheme", "SHA256");
        p.put("yima.charset", "no-such-charset");
        p.put("yima.response-signature", "ignore");
        p.put("yima.secert", "typo");

        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("yima.format", "yima.sign-scheme",
                                "yima.charset", "yima.response-signature", "yima.secert"));
    }

    @Test
    @DisplayName("yima.xml-mac-scheme: MD5_WRAPPED by default whatever yima.sign-scheme is, switchable, a bad value a violation")
    void xmlMacScheme() {
        assertThat(valid().build().xmlMacScheme()).isEqualTo(SignScheme.MD5_WRAPPED);
        assertThat(valid().format(Format.XML).signScheme(SignScheme.MD5_SORTED_KEY).build().xmlMacScheme())
                .isEqualTo(SignScheme.MD5_WRAPPED);
        assertThat(valid().build().describe()).containsEntry("yima.xml-mac-scheme", "MD5_WRAPPED");
        Map<String, String> p = validProperties();
        p.put("yima.format", "xml");
        p.put("yima.xml-mac-scheme", "md5-sorted-key");
        YimaConfig c = new YimaProvider().configFromProperties(p);
        assertThat(c.xmlMacScheme()).isEqualTo(SignScheme.MD5_SORTED_KEY);
        assertThat(c.signScheme()).isEqualTo(SignScheme.MD5_SORTED_KEY);
        assertThat(c).isEqualTo(valid().format(Format.XML).xmlMacScheme(SignScheme.MD5_SORTED_KEY).build())
                .isNotEqualTo(valid().format(Format.XML).build());

        p.put("yima.xml-mac-scheme", "sha1");
        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("yima.xml-mac-scheme");
                            assertThat(v.message()).contains("md5-sorted-key").contains("md5-wrapped");
                        }));
    }

    @Test
    @DisplayName("bad properties and bad builder values are reported in one ConfigurationException")
    void propertiesAndBuilderViolationsTogether() {
        Map<String, String> p = validProperties();
        p.put("yima.isspid", "123");
        p.put("yima.format", "yaml");
        p.put("yima.seller-account", "6666&x=1");

        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("yima.isspid", "yima.format", "yima.seller-account"));
    }

    @Test
    @DisplayName("yima.sign-result: false by default, read as every provider reads a boolean (true/yes/on, false/no/off), anything else a violation")
    void signResult() {
        assertThat(valid().build().signResult()).isFalse();
        assertThat(valid().build().describe()).containsEntry("yima.sign-result", "false");
        Map<String, String> p = validProperties();
        p.put("yima.sign-result", "TRUE");
        YimaConfig c = new YimaProvider().configFromProperties(p);
        assertThat(c.signResult()).isTrue();
        assertThat(c).isEqualTo(valid().signResult(true).build()).isNotEqualTo(valid().build());

        p.put("yima.sign-result", "yes");
        assertThat(new YimaProvider().configFromProperties(p).signResult()).isTrue();
        p.put("yima.sign-result", "maybe");
        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().extracting(Violation::field).isEqualTo("yima.sign-result"));
    }

    @Test
    @DisplayName("an endpoint port above 65535 is a violation of yima.endpoint when the config is built, not a late failure")
    void endpointPortOutOfRange() {
        assertThatThrownBy(() -> valid().endpoint("https://gateway.invalid:99999/yima").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("yima.endpoint");
                            assertThat(v.message()).contains("99999").contains("65535");
                        }));
        assertThat(valid().endpoint("https://gateway.invalid:65535/yima").build().endpoint().getPort()).isEqualTo(65535);
    }

    @Test
    @DisplayName("a secret pasted into yima.charset is not echoed in the violation; a short bad value still is")
    void charsetViolationDoesNotEchoLongValues() {
        String pasted = "ys_b789" + "0123456789abcdef0123456789";
        Map<String, String> p = validProperties();
        p.put("yima.charset", pasted);
        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("yima.charset");
                        assertThat(v.message()).doesNotContain("ys_b789").contains(pasted.length() + "-character value");
                    });
                    assertThat(e.getMessage()).doesNotContain("ys_b789");
                });
        p.put("yima.charset", "latin-9x");
        assertThatThrownBy(() -> new YimaProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().extracting(Violation::message).asString().contains("'latin-9x'"));
    }

    @Test
    @DisplayName("XML: a seller account GBK cannot encode is refused when the config is built")
    void configFieldsMustFitGbk() {
        assertThatThrownBy(() -> valid().format(Format.XML).sellerAccount("acct😀").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("yima.seller-account");
                            assertThat(v.message()).contains("U+1F600");
                        }));
    }

    @Test
    @DisplayName("the secret never shows: toString, describe, builder")
    void secretRedacted() {
        YimaConfig c = valid().build();
        ProviderConfig asConfig = c;

        assertThat(c.toString()).doesNotContain(SECRET);
        assertThat(asConfig.describe()).containsEntry("yima.secret", "<redacted>")
                .containsEntry("yima.format", "json").containsKeys("yima.endpoint", "yima.isspid", "yima.system-id",
                        "yima.seller-account", "yima.sign-scheme", "yima.xml-mac-scheme", "yima.charset",
                        "yima.response-signature",
                        "yima.sign-result");
        assertThat(asConfig.describe().toString()).doesNotContain(SECRET);
        assertThat(valid().toString()).doesNotContain(SECRET);
    }
}
