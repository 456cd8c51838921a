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
 * Allinpay's {@code RSA} scheme: {@code SHA1WithRSA} (PKCS#1 v1.5) on the JDK, signature in Base64.
 * Signs with the merchant's private key, verifies with Allinpay's platform public key. Thread-safe:
 * keys are parsed once, a {@link Signature} is made per call.
 */
public final class RsaSigner implements Signer {
    private static final String ALGORITHM = "SHA1withRSA";

    private final PrivateKey privateKey;
    private final PublicKey verifyKey;

    /**
     * @param privateKey the merchant's RSA private key, signs requests
     * @param verifyKey the RSA public key responses are verified with
     */
    public RsaSigner(PrivateKey privateKey, PublicKey verifyKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.verifyKey = Objects.requireNonNull(verifyKey, "verifyKey");
    }

    @Override
    public String algorithm() {
        return "RSA";
    }

    @Override
    public String sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("[" + AllinpayWire.PROVIDER + "] the RSA private key could not sign the request ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public boolean verify(byte[] data, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        try {
            byte[] sig = Base64.getDecoder().decode(signature.trim());
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(verifyKey);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RsaSigner[SHA1withRSA]";
    }
}
