/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class XiaoeConfigTest {
    private static final String SECRET = "s3cr3t-K3y-0123456789abcdef";

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("xiaoe.app-id", "app1a2b3c4d5e6f");
        p.put("xiaoe.client-id", "xop1a2b3c4d5e6f");
        p.put("xiaoe.secret-key", SECRET);
        return p;
    }

    @Test
    @DisplayName("defaults: production endpoint, 500 per 10 s, 5-minute renewal margin, page size 100, wait up to the time-out")
    void defaults() {
        XiaoeConfig c = new XiaoeProvider().configFromProperties(minimal());

        assertThat(c.endpoint()).isEqualTo(URI.create("https://api.xiaoe-tech.com"));
        assertThat(c.appId()).isEqualTo("app1a2b3c4d5e6f");
        assertThat(c.clientId()).isEqualTo("xop1a2b3c4d5e6f");
        assertThat(c.secretKey().reveal()).isEqualTo(SECRET);
        assertThat(c.rateLimit()).isEqualTo(500);
        assertThat(c.rateWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.tokenRenewalMargin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxPageSize()).isEqualTo(100);
        assertThat(c.rateLimitMaxWait()).isEmpty();
        assertThat(c.providerId()).isEqualTo("xiaoe");
    }

    @Test
    @DisplayName("every key maps onto the builder; durations as ISO-8601 or seconds")
    void properties() {
        Map<String, String> p = minimal();
        p.put("xiaoe.endpoint", "http://127.0.0.1:8080/xiaoe");
        p.put("xiaoe.rate-limit", "100");
        p.put("xiaoe.rate-window", "20");
        p.put("xiaoe.rate-limit-max-wait", "pt2s");
        p.put("xiaoe.token-renewal-margin", "PT10M");
        p.put("xiaoe.max-page-size", "50");
        p.put("yima.isspid", "other providers' keys are ignored");

        XiaoeConfig c = new XiaoeProvider().configFromProperties(p);

        assertThat(c.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080/xiaoe"));
        assertThat(c.rateLimit()).isEqualTo(100);
        assertThat(c.rateWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.rateLimitMaxWait()).contains(Duration.ofSeconds(2));
        assertThat(c.tokenRenewalMargin()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxPageSize()).isEqualTo(50);
    }

    @Test
    @DisplayName("durations also take a number with a unit (1500ms, 10s, 5m), as every provider's settings do")
    void durationsWithUnits() {
        Map<String, String> p = minimal();
        p.put("xiaoe.rate-window", "10s");
        p.put("xiaoe.rate-limit-max-wait", "1500ms");
        p.put("xiaoe.token-renewal-margin", "5m");

        XiaoeConfig c = new XiaoeProvider().configFromProperties(p);

        assertThat(c.rateWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.rateLimitMaxWait()).contains(Duration.ofMillis(1500));
        assertThat(c.tokenRenewalMargin()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("every bad or missing setting is reported at once, typos included")
    void allViolationsAtOnce() {
        Map<String, String> p = new HashMap<>();
        p.put("xiaoe.endpoint", "http://xiaoe.invalid");
        p.put("xiaoe.rate-limit", "lots");
        p.put("xiaoe.rate-window", "-PT1S");
        p.put("xiaoe.token-renewal-margin", "soon");
        p.put("xiaoe.max-page-size", "0");
        p.put("xiaoe.secret", "typo");

        assertThatThrownBy(() -> new XiaoeProvider().configFromProperties(p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("xiaoe.secret", "xiaoe.rate-limit", "xiaoe.rate-window",
                                "xiaoe.token-renewal-margin", "xiaoe.endpoint", "xiaoe.app-id", "xiaoe.client-id",
                                "xiaoe.secret-key", "xiaoe.max-page-size"))
                .hasMessageNotContaining("typo");
    }

    @Test
    @DisplayName("the builder checks the same rules")
    void builderRules() {
        assertThatThrownBy(() -> XiaoeConfig.builder().endpoint("https://xiaoe.invalid?x=1").appId("a").clientId("c")
                .secretKey(SECRET).rateLimit(0, Duration.ZERO).tokenRenewalMargin(Duration.ofSeconds(-1))
                .rateLimitMaxWait(Duration.ofSeconds(-1)).maxPageSize(-5).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("xiaoe.endpoint", "xiaoe.rate-limit", "xiaoe.rate-window",
                                "xiaoe.token-renewal-margin", "xiaoe.rate-limit-max-wait", "xiaoe.max-page-size"));
    }

    @Test
    @DisplayName("the secret key never shows in toString or describe()")
    void secretRedacted() {
        XiaoeConfig c = new XiaoeProvider().configFromProperties(minimal());

        assertThat(c.toString()).doesNotContain(SECRET).contains("app1a2b3c4d5e6f");
        assertThat(c.describe()).containsEntry("xiaoe.secret-key", "<redacted>")
                .containsEntry("xiaoe.app-id", "app1a2b3c4d5e6f").containsEntry("xiaoe.rate-limit", "500")
                .containsKeys("xiaoe.endpoint", "xiaoe.client-id", "xiaoe.rate-window", "xiaoe.token-renewal-margin",
                        "xiaoe.max-page-size", "xiaoe.rate-limit-max-wait");
        assertThat(c.describe().toString()).doesNotContain(SECRET);
    }

    @Test
    @DisplayName("overflowing settings (PT999999999999H, a port of 99999, a page size of 2^31-1) are refused at build time, not an ArithmeticException later")
    void overflowingSettingsRefusedAtBuild() {
        Map<String, String> p = minimal();
        p.put("xiaoe.endpoint", "https://xiaoe.invalid:99999");
        p.put("xiaoe.rate-window", "PT999999999999H");
        p.put("xiaoe.rate-limit-max-wait", "PT999999999999H");
        p.put("xiaoe.token-renewal-margin", "9223372036854775807");
        p.put("xiaoe.max-page-size", Integer.toString(Integer.MAX_VALUE));

        assertThatThrownBy(() -> dev.complaintkit.Complaints.client("xiaoe", p))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("xiaoe.endpoint", "xiaoe.rate-window", "xiaoe.rate-limit-max-wait",
                                "xiaoe.token-renewal-margin", "xiaoe.max-page-size"))
                .hasMessageContaining("at most PT24H");
        assertThatThrownBy(() -> XiaoeConfig.builder().endpoint("https://xiaoe.invalid").appId("a").clientId("c").secretKey(SECRET)
                .rateLimit(1, Duration.ofHours(999_999_999_999L)).rateLimitMaxWait(Duration.ofSeconds(Long.MAX_VALUE))
                .tokenRenewalMargin(Duration.ofDays(400 * 365)).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("xiaoe.rate-window", "xiaoe.rate-limit-max-wait", "xiaoe.token-renewal-margin"));
    }

    @Test
    @DisplayName("the largest allowed settings make a working client (no overflow inside the limiter or the token cache)")
    void largestSettingsMakeAClient() {
        XiaoeConfig c = XiaoeConfig.builder().endpoint("https://xiaoe.invalid:65535").appId("app_largest").clientId("c")
                .secretKey(SECRET).rateLimit(Integer.MAX_VALUE, XiaoeConfig.MAX_DURATION).rateLimitMaxWait(XiaoeConfig.MAX_DURATION)
                .tokenRenewalMargin(XiaoeConfig.MAX_DURATION).maxPageSize(XiaoeConfig.MAX_MAX_PAGE_SIZE).build();

        try (dev.complaintkit.ComplaintClient client = dev.complaintkit.Complaints.client(c)) {
            assertThat(client.toString()).contains("xiaoe");
        }
    }
}
