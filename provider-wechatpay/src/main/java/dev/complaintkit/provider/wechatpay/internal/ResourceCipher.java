/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.SignatureException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts the {@code resource} of a notification (and any other {@code AEAD_AES_256_GCM} object):
 * AES-256-GCM with a 128-bit tag; the key is the APIv3 key's 32 ASCII bytes, the IV the
 * {@code nonce} string's bytes, the associated data the {@code associated_data} string's bytes
 * (possibly empty), the ciphertext Base64 of ciphertext ‖ tag.
 *
 * <p>Every decryption failure — another algorithm, a missing nonce, ciphertext that is not Base64 or
 * too short, a tag that does not authenticate (wrong key, changed nonce, associated data or
 * ciphertext) — is a {@link SignatureException}: the resource is not authentic, exactly as for a bad
 * signature, and a notification failing it is refused the same way. The key is held as a
 * {@link Secret}; no message carries it or the plaintext. Thread-safe.
 */
public final class ResourceCipher {
    /** The only {@code algorithm} WeChat Pay uses for resources. */
    public static final String ALGORITHM = "AEAD_AES_256_GCM";
    /** The APIv3 key's length in bytes. */
    public static final int KEY_LENGTH = 32;
    private static final int TAG_BITS = 128;

    private final Secret apiV3Key;

    /**
     * @param apiV3Key the APIv3 key ({@code wechatpay.api-v3-key}), 32 ASCII characters
     * @throws ConfigurationException when the key is missing or not 32 ASCII characters
     */
    public ResourceCipher(Secret apiV3Key) {
        String key = apiV3Key == null ? null : apiV3Key.reveal();
        if (key == null || key.isEmpty()) {
            throw KeyParsing.bad(WechatPayWire.SETTING_API_V3_KEY, "required", "is required (the APIv3 key set in the merchant portal)");
        }
        if (key.length() != KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw KeyParsing.bad(WechatPayWire.SETTING_API_V3_KEY, "length",
                    "must be exactly " + KEY_LENGTH + " printable ASCII characters (the APIv3 key, not the APIv2 key)");
        }
        this.apiV3Key = apiV3Key;
    }

    /**
     * @param algorithm the resource's {@code algorithm}
     * @param nonce the resource's {@code nonce}
     * @param associatedData the resource's {@code associated_data}; {@code null} is taken as empty
     * @param ciphertext the resource's {@code ciphertext}, Base64
     * @return the plaintext bytes
     * @throws SignatureException when the resource does not decrypt and authenticate
     */
    public byte[] decrypt(String algorithm, String nonce, String associatedData, String ciphertext) {
        if (!ALGORITHM.equals(algorithm)) {
            throw failure("the resource's algorithm '" + WechatPayWire.printable(algorithm) + "' is not " + ALGORITHM);
        }
        if (nonce == null || nonce.isEmpty()) {
            throw failure("the resource has no nonce");
        }
        if (ciphertext == null || ciphertext.isEmpty()) {
            throw failure("the resource has no ciphertext");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(ciphertext.trim());
        } catch (IllegalArgumentException e) {
            throw failure("the resource's ciphertext is not Base64");
        }
        if (data.length < TAG_BITS / 8) {
            throw failure("the resource's ciphertext is shorter than the 16-byte GCM tag");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key.reveal().getBytes(StandardCharsets.US_ASCII), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null && !associatedData.isEmpty()) {
                c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return c.doFinal(data);
        } catch (javax.crypto.AEADBadTagException e) {
            throw failure("the resource does not authenticate under " + WechatPayWire.SETTING_API_V3_KEY
                    + " (AES-256-GCM tag mismatch: another key, or a changed nonce, associated_data or ciphertext)");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw failure("the resource could not be decrypted (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * @param algorithm the resource's {@code algorithm}
     * @param nonce the resource's {@code nonce}
     * @param associatedData the resource's {@code associated_data}; {@code null} is taken as empty
     * @param ciphertext the resource's {@code ciphertext}, Base64
     * @return the plaintext as UTF-8 text
     * @throws SignatureException when the resource does not decrypt and authenticate
     */
    public String decryptToString(String algorithm, String nonce, String associatedData, String ciphertext) {
        return new String(decrypt(algorithm, nonce, associatedData, ciphertext), StandardCharsets.UTF_8);
    }

    private static SignatureException failure(String message) {
        return new SignatureException(WechatPayWire.PROVIDER, message);
    }

    /** @return the algorithm, never the key */
    @Override
    public String toString() {
        return "ResourceCipher[" + ALGORITHM + ", key=<redacted>]";
    }
}
