/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Allinpay's server-side signing, written on Bouncy Castle's lightweight API — on purpose not the
 * JCA path the provider adapter takes, and not core's canonical helper: an independent
 * implementation is what catches a symmetric bug.
 *
 * <p>Canonical string: every field but {@code sign} with a non-empty value, sorted by name (ASCII),
 * joined {@code k=v&k=v} with raw values, UTF-8. RSA: SHA-1 with PKCS#1 v1.5, Base64; RSA2: the same
 * with SHA-256. SM2: SM3 with
 * SM2 and a user id, raw {@code r‖s} Base64.
 */
final class ServerCrypto {
    /** The SM2 user id Allinpay signs answers with. */
    static final String PLATFORM_USER_ID = "Allinpay";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ServerCrypto() {}

    static String canonical(Map<String, String> fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!"sign".equals(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        StringJoiner j = new StringJoiner("&");
        sorted.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    static AsymmetricKeyParameter publicKey(String signType, String base64) {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der(base64));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Base64 X.509 public key");
        }
        return checked(signType, key);
    }

    static AsymmetricKeyParameter privateKey(String signType, String base64) {
        AsymmetricKeyParameter key;
        try {
            key = PrivateKeyFactory.createKey(der(base64));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Base64 PKCS#8 private key");
        }
        return checked(signType, key);
    }

    private static AsymmetricKeyParameter checked(String signType, AsymmetricKeyParameter key) {
        boolean ok = !SignTypes.SM2.equals(signType) ? key instanceof RSAKeyParameters
                : key instanceof ECKeyParameters ec
                        && ec.getParameters().getCurve().equals(GMNamedCurves.getByName("sm2p256v1").getCurve());
        if (!ok) {
            throw new IllegalArgumentException("the key is not a " + signType + " key");
        }
        return key;
    }

    private static byte[] der(String text) {
        return Base64.getDecoder().decode(text.replaceAll("-----[^-]+-----", "").replaceAll("\\s", ""));
    }

    static boolean verify(String signType, AsymmetricKeyParameter key, String userId, String canonical, String signature) {
        byte[] data = canonical.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            if (!SignTypes.SM2.equals(signType)) {
                RSADigestSigner s = rsa(signType);
                s.init(false, key);
                s.update(data, 0, data.length);
                return s.verifySignature(sig);
            }
            SM2Signer s = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            s.init(false, new ParametersWithID(key, userId.getBytes(StandardCharsets.UTF_8)));
            s.update(data, 0, data.length);
            return s.verifySignature(sig);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return PKCS#1 v1.5 with SHA-1 ({@code RSA}) or SHA-256 ({@code RSA2}) */
    private static RSADigestSigner rsa(String signType) {
        return new RSADigestSigner(SignTypes.RSA2.equals(signType) ? new SHA256Digest() : new SHA1Digest());
    }

    static String sign(String signType, AsymmetricKeyParameter key, String userId, String canonical) {
        byte[] data = canonical.getBytes(StandardCharsets.UTF_8);
        try {
            if (!SignTypes.SM2.equals(signType)) {
                RSADigestSigner s = rsa(signType);
                s.init(true, key);
                s.update(data, 0, data.length);
                return Base64.getEncoder().encodeToString(s.generateSignature());
            }
            SM2Signer s = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            s.init(true, new ParametersWithID(new ParametersWithRandom(key, RANDOM), userId.getBytes(StandardCharsets.UTF_8)));
            s.update(data, 0, data.length);
            return Base64.getEncoder().encodeToString(s.generateSignature());
        } catch (CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
