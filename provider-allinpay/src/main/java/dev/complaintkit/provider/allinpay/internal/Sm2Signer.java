/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * Allinpay's {@code SM2} scheme: {@code SM3withSM2} on Bouncy Castle (the provider instance, never
 * registered globally), with an SM2 user id per direction — the merchant's {@code appid} when
 * signing requests, {@value #RESPONSE_USER_ID} when verifying responses. On the wire the signature
 * is raw {@code r‖s} (64 bytes) in Base64; DER only inside the JCA. Thread-safe.
 */
public final class Sm2Signer extends JcaSigner {
    /** The SM2 user id Allinpay signs its responses with. */
    public static final String RESPONSE_USER_ID = "Allinpay";

    private final byte[] signUserId;
    private final byte[] verifyUserId;

    /**
     * @param privateKey the merchant's SM2 private key, signs requests
     * @param signUserId the SM2 user id for signing (Allinpay: the merchant's {@code appid})
     * @param verifyKey the SM2 public key responses are verified with
     * @param verifyUserId the SM2 user id for verifying (Allinpay: {@value #RESPONSE_USER_ID})
     */
    public Sm2Signer(PrivateKey privateKey, String signUserId, PublicKey verifyKey, String verifyUserId) {
        super(privateKey, verifyKey);
        this.signUserId = signUserId.getBytes(StandardCharsets.UTF_8);
        this.verifyUserId = verifyUserId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String algorithm() {
        return "SM2";
    }

    @Override
    Signature newSignature(boolean signing) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SM3withSM2", BouncyCastle.provider());
        s.setParameter(new SM2ParameterSpec(signing ? signUserId : verifyUserId));
        return s;
    }

    @Override
    byte[] toWire(byte[] der) {
        return Sm2Signatures.derToRaw(der);
    }

    @Override
    byte[] fromWire(byte[] raw) {
        return Sm2Signatures.rawToDer(raw);
    }

    @Override
    public String toString() {
        return "Sm2Signer[SM3withSM2]";
    }
}
