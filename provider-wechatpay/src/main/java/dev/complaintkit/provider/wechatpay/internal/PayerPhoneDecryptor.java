/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * Decrypts sensitive fields such as a complaint's {@code payer_phone}: Base64 RSAES-OAEP with SHA-1
 * and MGF1-SHA-1 and an empty label, under the merchant API private key (WeChat Pay encrypts them
 * with the merchant API certificate's public key). The result is a {@link Secret}; no message
 * carries it. Thread-safe.
 */
public final class PayerPhoneDecryptor {
    private static final OAEPParameterSpec OAEP_SHA1 = new OAEPParameterSpec(
            "SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

    private final PrivateKey privateKey;

    /** @param privateKey the merchant API private key (see {@link KeyParsing#privateKey}) */
    public PayerPhoneDecryptor(PrivateKey privateKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * @param ciphertext the field's value, Base64
     * @return the plaintext, held as a secret
     * @throws ProviderException with code {@value WechatPayWire#INVALID_RESPONSE} when the value is empty or not Base64
     * @throws ConfigurationException naming {@code wechatpay.private-key} when the value does not decrypt
     *     with the merchant key (the key does not belong to the certificate WeChat Pay encrypted for)
     */
    public Secret decrypt(String ciphertext) {
        if (ciphertext == null || ciphertext.isBlank()) {
            throw WechatPayWire.invalid("the encrypted field is empty");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext.trim());
        } catch (IllegalArgumentException e) {
            throw WechatPayWire.invalid("the encrypted field is not Base64");
        }
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, privateKey, OAEP_SHA1);
            return Secret.of(new String(c.doFinal(data), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigurationException("[" + WechatPayWire.PROVIDER + "] the encrypted field does not decrypt with the key in "
                    + WechatPayWire.SETTING_PRIVATE_KEY + " (RSA-OAEP, SHA-1, MGF1-SHA-1); WeChat Pay encrypts it for the merchant API "
                    + "certificate, so that key must belong to the certificate " + WechatPayWire.SETTING_MERCHANT_SERIAL + " names", null);
        }
    }

    @Override
    public String toString() {
        return "PayerPhoneDecryptor[RSA-OAEP SHA-1/MGF1-SHA-1, key=<redacted>]";
    }
}
