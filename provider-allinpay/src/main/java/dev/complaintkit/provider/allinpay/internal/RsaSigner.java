/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Allinpay's RSA schemes on the JDK, signature in Base64: {@code RSA} is {@code SHA1WithRSA}
 * (PKCS#1 v1.5), {@code RSA2} is {@code SHA256WithRSA} (what a third-party Allinpay SDK calls
 * {@code RSA2}; no Allinpay page says it). Signs with the merchant's private key, verifies with
 * Allinpay's platform public key. Thread-safe.
 */
public final class RsaSigner extends JcaSigner {
    private final String wireName;
    private final String jcaName;

    /**
     * {@code RSA}: SHA1WithRSA.
     *
     * @param privateKey the merchant's RSA private key, signs requests
     * @param verifyKey the RSA public key responses are verified with
     */
    public RsaSigner(PrivateKey privateKey, PublicKey verifyKey) {
        this(privateKey, verifyKey, "RSA", "SHA1withRSA");
    }

    private RsaSigner(PrivateKey privateKey, PublicKey verifyKey, String wireName, String jcaName) {
        super(privateKey, verifyKey);
        this.wireName = wireName;
        this.jcaName = jcaName;
    }

    /**
     * @param privateKey the merchant's RSA private key
     * @param verifyKey the RSA public key responses are verified with
     * @return the {@code RSA2} signer: SHA256WithRSA
     */
    public static RsaSigner rsa2(PrivateKey privateKey, PublicKey verifyKey) {
        return new RsaSigner(privateKey, verifyKey, "RSA2", "SHA256withRSA");
    }

    @Override
    public String algorithm() {
        return wireName;
    }

    @Override
    Signature newSignature(boolean signing) throws NoSuchAlgorithmException {
        return Signature.getInstance(jcaName);
    }

    @Override
    public String toString() {
        return "RsaSigner[" + jcaName + "]";
    }
}
