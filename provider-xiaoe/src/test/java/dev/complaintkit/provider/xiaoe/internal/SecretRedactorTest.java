/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SecretRedactor")
class SecretRedactorTest {
    /** A secret whose encodings all differ from it: space, reserved characters, a tilde and non-ASCII. */
    private static final String SECRET = "s3cr3t K/y+=&~*é鹅";

    /** @return every byte as %xx, in lower-case hex */
    private static String everyBytePercentEncoded(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }

    private static Map<String, String> encodings(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        String form = URLEncoder.encode(s, StandardCharsets.UTF_8);
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("as is", s);
        forms.put("form-urlencoded", form);
        forms.put("%20 for a space", form.replace("+", "%20"));
        forms.put("lower-case escapes", Pattern.compile("%[0-9A-F]{2}").matcher(form)
                .replaceAll(m -> m.group().toLowerCase(Locale.ROOT)));
        forms.put("RFC 3986 (* and ~ as they are or escaped)", form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
        forms.put("every byte escaped", everyBytePercentEncoded(s));
        forms.put("Base64", Base64.getEncoder().encodeToString(utf8));
        forms.put("Base64 without padding", Base64.getEncoder().withoutPadding().encodeToString(utf8));
        forms.put("URL-safe Base64", Base64.getUrlEncoder().encodeToString(utf8));
        forms.put("Base64, URL-encoded", URLEncoder.encode(Base64.getEncoder().encodeToString(utf8), StandardCharsets.UTF_8));
        return forms;
    }

    @Test
    @DisplayName("the secret is redacted as it is, URL-encoded (form, %20, any escape case, every byte) and in Base64 (standard, URL-safe)")
    void everyEncodingRedacted() {
        SecretRedactor redactor = new SecretRedactor(SECRET, "tok_1a2b3c4d");
        encodings(SECRET).forEach((how, encoded) -> {
            String message = "参数错误: secret_key=" + encoded + "&grant_type=client_credential";

            String redacted = redactor.apply(message);

            assertThat(redacted).as(how).doesNotContain(encoded).contains("secret_key=<redacted>")
                    .endsWith("&grant_type=client_credential");
        });
        assertThat(redactor.apply("access_token=" + everyBytePercentEncoded("tok_1a2b3c4d"))).isEqualTo("access_token=<redacted>");
    }

    @Test
    @DisplayName("the form-encoded and Base64 forms are different texts from the secret (so the exact-text redaction alone missed them)")
    void encodingsDifferFromTheSecret() {
        encodings(SECRET).forEach((how, encoded) -> {
            if (!how.equals("as is")) {
                assertThat(encoded).as(how).doesNotContain(SECRET);
            }
        });
    }

    @Test
    @DisplayName("other text, null and short secrets are left alone; the redactor's toString shows no secret")
    void otherTextLeftAlone() {
        SecretRedactor redactor = new SecretRedactor(SECRET, null, "abc");

        assertThat(redactor.apply("调用次数已达上限 abc s3cr3t")).isEqualTo("调用次数已达上限 abc s3cr3t");
        assertThat(redactor.apply(null)).isNull();
        assertThat(new SecretRedactor("abc").apply("abc")).isEqualTo("abc");
        assertThat(redactor.toString()).doesNotContain("s3cr3t").doesNotContain("czNj");
    }
}
