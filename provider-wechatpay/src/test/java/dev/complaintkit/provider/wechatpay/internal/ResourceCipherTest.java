/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.internal.json.Json;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("notification resource cipher (AES-256-GCM)")
class ResourceCipherTest {
    private static final String ALG = ResourceCipher.ALGORITHM;

    private static JsonNode vector() throws Exception {
        return Json.mapper().readTree(Vectors.text("v4-notification.json"));
    }

    private static ResourceCipher cipher(JsonNode v) {
        return new ResourceCipher(Secret.of(v.path("api_v3_key").asText()));
    }

    @Test
    @DisplayName("decrypts the v4 complaint resource to its JSON plaintext")
    void decryptsV4() throws Exception {
        JsonNode v = vector();
        assertThat(cipher(v).decryptToString(ALG, v.path("nonce").asText(), v.path("associated_data").asText(), v.path("ciphertext").asText()))
                .isEqualTo(v.path("plaintext").asText())
                .isEqualTo("{\"complaint_id\":\"200201820200101080076610000\",\"action_type\":\"CREATE_COMPLAINT\"}");
    }

    @Test
    @DisplayName("decrypts the vector published in wechatpay-java's AeadAesCipherTest")
    void decryptsPublishedVector() throws Exception {
        JsonNode p = vector().path("published_vector_wechatpay_java");
        assertThat(cipher(p).decryptToString(ALG, p.path("nonce").asText(), p.path("associated_data").asText(), p.path("ciphertext").asText()))
                .isEqualTo("message");
    }

    @Test
    @DisplayName("a flipped tag bit, changed associated data, changed nonce or another key is a SignatureException")
    void tamperingIsRefused() throws Exception {
        JsonNode v = vector();
        String nonce = v.path("nonce").asText();
        String aad = v.path("associated_data").asText();
        byte[] ct = Base64.getDecoder().decode(v.path("ciphertext").asText());
        ct[ct.length - 1] ^= 0x01;
        String flipped = Base64.getEncoder().encodeToString(ct);
        ResourceCipher c = cipher(v);
        assertThatThrownBy(() -> c.decrypt(ALG, nonce, aad, flipped)).isExactlyInstanceOf(SignatureException.class)
                .hasMessageContaining("tag mismatch");
        String good = v.path("ciphertext").asText();
        assertThatThrownBy(() -> c.decrypt(ALG, nonce, "certificate", good)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> c.decrypt(ALG, nonce, "", good)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> c.decrypt(ALG, "lgSUQQVhgMrr", aad, good)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> new ResourceCipher(Secret.of("a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb")).decrypt(ALG, nonce, aad, good))
                .isInstanceOf(SignatureException.class).hasMessageContaining("wechatpay.api-v3-key");
    }

    @Test
    @DisplayName("another algorithm, no nonce, non-Base64 or too-short ciphertext is a SignatureException, never an IllegalArgumentException")
    void malformedIsRefused() throws Exception {
        ResourceCipher c = cipher(vector());
        assertThatThrownBy(() -> c.decrypt("AEAD_SM4_GCM", "lgSUQQVhgMrq", "complaint", "AAAA")).isInstanceOf(SignatureException.class)
                .hasMessageContaining("AEAD_SM4_GCM");
        assertThatThrownBy(() -> c.decrypt(ALG, null, "complaint", "AAAA")).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> c.decrypt(ALG, "lgSUQQVhgMrq", "complaint", null)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> c.decrypt(ALG, "lgSUQQVhgMrq", "complaint", "not base64!")).isInstanceOf(SignatureException.class)
                .hasMessageContaining("not Base64");
        assertThatThrownBy(() -> c.decrypt(ALG, "lgSUQQVhgMrq", "complaint", "AAAA")).isInstanceOf(SignatureException.class)
                .hasMessageContaining("16-byte");
    }

    @Test
    @DisplayName("an APIv3 key that is not 32 ASCII characters is a configuration error that does not show the key; toString shows no key")
    void keyRules() throws Exception {
        String shortKey = "e5d1c0b9a8f7e6d5c4b3a2f1e0d9c8";
        assertThatThrownBy(() -> new ResourceCipher(Secret.of(shortKey))).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.violations()).extracting(x -> x.field()).containsExactly("wechatpay.api-v3-key");
            assertThat(e.getMessage()).doesNotContain(shortKey);
        });
        assertThatThrownBy(() -> new ResourceCipher(Secret.of("é5d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7"))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new ResourceCipher(null)).isInstanceOf(ConfigurationException.class).hasMessageContaining("required");
        String key = vector().path("api_v3_key").asText();
        assertThat(new ResourceCipher(Secret.of(key)).toString()).doesNotContain(key);
    }
}
