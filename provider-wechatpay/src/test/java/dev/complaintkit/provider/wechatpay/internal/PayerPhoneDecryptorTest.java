/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("payer_phone decryption (RSA-OAEP SHA-1)")
class PayerPhoneDecryptorTest {
    private final PayerPhoneDecryptor decryptor = new PayerPhoneDecryptor(Vectors.merchantPrivateKey());

    @Test
    @DisplayName("decrypts the v5 payer_phone with the merchant private key, into a redacted Secret")
    void decryptsV5() throws Exception {
        JsonNode v = Json.mapper().readTree(Vectors.text("v5-payer-phone.json"));
        Secret phone = decryptor.decrypt(v.path("ciphertext").asText());
        assertThat(phone.reveal()).isEqualTo(v.path("plaintext").asText()).isEqualTo("13800138000");
        assertThat(phone.toString()).doesNotContain("13800138000");
    }

    @Test
    @DisplayName("decrypts what the test kit's independent server side encrypts for the merchant")
    void decryptsServerEncrypted() {
        String ciphertext = WechatPayServerCrypto.forTestMerchant().encryptForMerchant("+86 139-0000-0000");
        assertThat(decryptor.decrypt(ciphertext).reveal()).isEqualTo("+86 139-0000-0000");
    }

    @Test
    @DisplayName("a value that does not decrypt with the merchant key is a configuration error naming the key setting, without the value")
    void wrongKey() throws Exception {
        JsonNode v = Json.mapper().readTree(Vectors.text("v5-payer-phone.json"));
        PayerPhoneDecryptor other = new PayerPhoneDecryptor(KeyParsing.privateKey("wechatpay.private-key",
                Secret.of(Vectors.text("platform-private.pem"))));
        String ciphertext = v.path("ciphertext").asText();
        assertThatThrownBy(() -> other.decrypt(ciphertext)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("wechatpay.private-key").hasMessageNotContaining("13800138000")
                .hasMessageNotContaining(ciphertext.substring(0, 16));
    }

    @Test
    @DisplayName("an empty or non-Base64 value is a provider error INVALID_RESPONSE")
    void malformed() {
        assertThatThrownBy(() -> decryptor.decrypt("")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
        assertThatThrownBy(() -> decryptor.decrypt("138****0000")).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
    }
}
