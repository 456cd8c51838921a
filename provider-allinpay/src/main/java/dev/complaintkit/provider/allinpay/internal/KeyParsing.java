/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.internal.crypto.KeyText;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Parses Allinpay keys once, at configuration time: merchant private keys (PKCS#8) and platform
 * public keys (X.509 SubjectPublicKeyInfo), as Base64 or PEM, for RSA or SM2 (EC on sm2p256v1).
 * Failures are {@link IllegalArgumentException}s whose message says why, phrased to follow a
 * setting name ({@code "is not …"}), and never repeats the key text.
 */
public final class KeyParsing {
    private KeyParsing() {}

    /**
     * @param text Base64 or PEM PKCS#8
     * @return the RSA private key
     */
    public static PrivateKey rsaPrivateKey(String text) {
        byte[] der = der(text, true);
        AlgorithmIdentifier alg = privateAlgorithm(der);
        requireAlgorithm(alg, PKCSObjectIdentifiers.rsaEncryption, "a PKCS#8 RSA private key");
        return generate(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                "a valid PKCS#8 RSA private key");
    }

    /**
     * @param text Base64 or PEM X.509
     * @return the RSA public key
     */
    public static PublicKey rsaPublicKey(String text) {
        byte[] der = der(text, false);
        AlgorithmIdentifier alg = publicAlgorithm(der);
        requireAlgorithm(alg, PKCSObjectIdentifiers.rsaEncryption, "an X.509 RSA public key");
        return generate(() -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)),
                "a valid X.509 RSA public key");
    }

    /**
     * @param text Base64 or PEM PKCS#8 (id-ecPublicKey, sm2p256v1)
     * @return the SM2 private key
     */
    public static PrivateKey sm2PrivateKey(String text) {
        byte[] der = der(text, true);
        AlgorithmIdentifier alg = privateAlgorithm(der);
        requireSm2(alg, "a PKCS#8 SM2 private key");
        return generate(() -> KeyFactory.getInstance("EC", BouncyCastle.provider()).generatePrivate(new PKCS8EncodedKeySpec(der)),
                "a valid PKCS#8 SM2 private key");
    }

    /**
     * @param text Base64 or PEM X.509 (id-ecPublicKey, sm2p256v1)
     * @return the SM2 public key
     */
    public static PublicKey sm2PublicKey(String text) {
        byte[] der = der(text, false);
        AlgorithmIdentifier alg = publicAlgorithm(der);
        requireSm2(alg, "an X.509 SM2 public key");
        return generate(() -> KeyFactory.getInstance("EC", BouncyCastle.provider()).generatePublic(new X509EncodedKeySpec(der)),
                "a valid X.509 SM2 public key");
    }

    private static byte[] der(String text, boolean privateKey) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        if (privateKey) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.contains("BEGIN RSA PRIVATE KEY") || upper.contains("BEGIN EC PRIVATE KEY")) {
                throw new IllegalArgumentException("is not PKCS#8 (the PEM armour says PKCS#1/SEC1); convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
            }
            if (upper.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException("is an encrypted PKCS#8 key; give the unencrypted key");
            }
        }
        try {
            return KeyText.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is neither Base64 nor PEM");
        }
    }

    private static AlgorithmIdentifier privateAlgorithm(byte[] der) {
        try {
            return PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a PKCS#8 private key (not a DER PrivateKeyInfo)");
        }
    }

    private static AlgorithmIdentifier publicAlgorithm(byte[] der) {
        try {
            return SubjectPublicKeyInfo.getInstance(der).getAlgorithm();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not an X.509 public key (not a DER SubjectPublicKeyInfo)");
        }
    }

    private static void requireAlgorithm(AlgorithmIdentifier alg, ASN1ObjectIdentifier expected, String what) {
        if (!expected.equals(alg.getAlgorithm())) {
            throw new IllegalArgumentException("is not " + what + " (it holds " + describe(alg) + ")");
        }
    }

    private static void requireSm2(AlgorithmIdentifier alg, String what) {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
            throw new IllegalArgumentException("is not " + what + " (it holds " + describe(alg) + ")");
        }
        ASN1Encodable params = alg.getParameters();
        if (!(params instanceof ASN1ObjectIdentifier curve)) {
            throw new IllegalArgumentException("is not " + what + ": the EC key does not name its curve (sm2p256v1 expected)");
        }
        if (!GMObjectIdentifiers.sm2p256v1.equals(curve)) {
            throw new IllegalArgumentException("is not " + what + ": the EC key is on curve " + curve.getId()
                    + ", not sm2p256v1 (" + GMObjectIdentifiers.sm2p256v1.getId() + ")");
        }
    }

    private static String describe(AlgorithmIdentifier alg) {
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            return "an RSA key";
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            return "an EC key";
        }
        return "a key of algorithm " + oid.getId();
    }

    private interface KeyCall<T> {
        T call() throws GeneralSecurityException;
    }

    private static <T> T generate(KeyCall<T> call, String what) {
        try {
            return call.call();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("is not " + what);
        }
    }
}
