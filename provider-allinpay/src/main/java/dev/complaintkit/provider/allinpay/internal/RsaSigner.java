/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Allinpay's {@code RSA} scheme: {@code SHA1WithRSA} (PKCS#1 v1.5) on the JDK, signature in Base64.
 * Signs with the merchant's private key, verifies with Allinpay's platform public key. Thread-safe.
 */
public final class RsaSigner extends JcaSigner {

    /**
     * @param privateKey the merchant's RSA private key, signs requests
     * @param verifyKey the RSA public key responses are verified with
     */
    public RsaSigner(PrivateKey privateKey, PublicKey verifyKey) {
        super(privateKey, verifyKey);
    }

    @Override
    public String algorithm() {
        return "RSA";
    }

    @Override
    Signature newSignature(boolean signing) throws NoSuchAlgorithmException {
        return Signature.getInstance("SHA1withRSA");
    }

    @Override
    public String toString() {
        return "RsaSigner[SHA1withRSA]";
    }
}
