/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.port.Signer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * A {@link Signer} on a JCA {@link Signature}: signs with the merchant's private key, verifies
 * with Allinpay's platform public key, Base64 on the wire. Keys are parsed once; a
 * {@code Signature} is made per call, so instances are thread-safe.
 */
abstract class JcaSigner implements Signer {
    private final PrivateKey privateKey;
    private final PublicKey verifyKey;

    JcaSigner(PrivateKey privateKey, PublicKey verifyKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.verifyKey = Objects.requireNonNull(verifyKey, "verifyKey");
    }

    /**
     * @param signing whether to sign (else verify)
     * @return a new signature object, parameters set, not initialised
     */
    abstract Signature newSignature(boolean signing) throws GeneralSecurityException;

    /**
     * @param jca the JCA signature
     * @return the bytes Allinpay sends (Base64-encoded afterwards)
     */
    byte[] toWire(byte[] jca) {
        return jca;
    }

    /**
     * @param wire the Base64-decoded signature
     * @return the JCA form
     * @throws IllegalArgumentException when malformed
     */
    byte[] fromWire(byte[] wire) {
        return wire;
    }

    @Override
    public final String sign(byte[] data) {
        try {
            Signature s = newSignature(true);
            s.initSign(privateKey);
            s.update(data);
            return Base64.getEncoder().encodeToString(toWire(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("[" + AllinpayWire.PROVIDER + "] the " + algorithm()
                    + " private key could not sign the request (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public final boolean verify(byte[] data, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        try {
            byte[] sig = fromWire(Base64.getDecoder().decode(signature.trim()));
            Signature s = newSignature(false);
            s.initVerify(verifyKey);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
