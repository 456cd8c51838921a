/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

/**
 * Signs request bytes and verifies response signatures in a provider's wire form (e.g. Base64 of
 * an RSA signature, upper-case hex MD5). Implementations hold pre-parsed keys and are thread-safe.
 */
public interface Signer {

    /** @return the scheme's name as the provider calls it, e.g. {@code RSA}, {@code SM2}, {@code MD5} */
    String algorithm();

    /**
     * @param data the canonical bytes
     * @return the signature in the provider's wire form
     */
    String sign(byte[] data);

    /**
     * @param data the canonical bytes
     * @param signature the signature in the provider's wire form
     * @return whether it verifies; {@code false} (never an exception) for malformed signatures
     */
    boolean verify(byte[] data, String signature);
}
