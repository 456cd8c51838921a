package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.port.Signer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;

/**
 * Allinpay's {@code SM2} scheme: {@code SM3withSM2} on Bouncy Castle (the provider instance, never
 * registered globally), with an SM2 user id per direction — the merchant's {@code appid} when
 * signing requests, {@value #RESPONSE_USER_ID} when verifying responses. On the wire the signature
 * is raw {@code r‖s} (64 bytes) in Base64; DER only inside the JCA. Thread-safe: keys are parsed
 * once, a {@link Signature} is made per call.
 */
public final class Sm2Signer implements Signer {
    /** The SM2 user id Allinpay signs its responses with. */
    public static final String RESPONSE_USER_ID = "Allinpay";

    private static final String ALGORITHM = "SM3withSM2";

    private final PrivateKey privateKey;
    private final byte[] signUserId;
    private final PublicKey verifyKey;
    private final byte[] verifyUserId;

    /**
     * @param privateKey the merchant's SM2 private key, signs requests
     * @param signUserId the SM2 user id for signing (Allinpay: the merchant's {@code appid})
     * @param verifyKey the SM2 public key responses are verified with
     * @param verifyUserId the SM2 user id for verifying (Allinpay: {@value #RESPONSE_USER_ID})
     */
    public Sm2Signer(PrivateKey privateKey, String signUserId, PublicKey verifyKey, String verifyUserId) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.signUserId = signUserId.getBytes(StandardCharsets.UTF_8);
        this.verifyKey = Objects.requireNonNull(verifyKey, "verifyKey");
        this.verifyUserId = verifyUserId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String algorithm() {
        return "SM2";
    }

    @Override
    public String sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM, BouncyCastle.provider());
            s.setParameter(new SM2ParameterSpec(signUserId));
            s.initSign(privateKey);
            s.update(data);
            return Base64.getEncoder().encodeToString(Sm2Signatures.derToRaw(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("[" + AllinpayWire.PROVIDER + "] the SM2 private key could not sign the request ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    @Override
    public boolean verify(byte[] data, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        try {
            byte[] der = Sm2Signatures.rawToDer(Base64.getDecoder().decode(signature.trim()));
            Signature s = Signature.getInstance(ALGORITHM, BouncyCastle.provider());
            s.setParameter(new SM2ParameterSpec(verifyUserId));
            s.initVerify(verifyKey);
            s.update(data);
            return s.verify(der);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Sm2Signer[SM3withSM2]";
    }
}
