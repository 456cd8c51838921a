/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Fixed key pairs for tests and the sandbox, generated for complaintkit and shipped in the test kit:
 * the simulator's default Allinpay platform keys, and a test merchant's keys. Never use them
 * anywhere real. All values are Base64 DER: private keys PKCS#8, public keys X.509; RSA keys are
 * 2048-bit, SM2 keys are EC on sm2p256v1.
 *
 * <pre>{@code
 * AllinpayConfig.builder().endpoint(sim.endpoint())
 *         .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType("SM2")
 *         .privateKey(AllinpayTestKeys.merchantPrivateKey("SM2"))
 *         .platformPublicKey(AllinpayTestKeys.platformPublicKey("SM2"))
 *         .build();
 * }</pre>
 */
public final class AllinpayTestKeys {
    /** The test merchant's application id, registered in a simulator built without merchants. */
    public static final String APPID = "00000888";
    /** The test merchant's merchant number. */
    public static final String CUSID = "990000000000888";

    private AllinpayTestKeys() {}

    /** @param signType {@code RSA} or {@code SM2} ({@code RSA2} uses the RSA keys) @return the simulator's default platform private key */
    public static String platformPrivateKey(String signType) {
        return load("platform", signType, "private");
    }

    /** @param signType {@code RSA} or {@code SM2} @return the simulator's default platform public key, to configure clients with */
    public static String platformPublicKey(String signType) {
        return load("platform", signType, "public");
    }

    /** @param signType {@code RSA} or {@code SM2} @return the test merchant's private key, to configure clients with */
    public static String merchantPrivateKey(String signType) {
        return load("merchant", signType, "private");
    }

    /** @param signType {@code RSA} or {@code SM2} @return the test merchant's public key, registered in the simulator */
    public static String merchantPublicKey(String signType) {
        return load("merchant", signType, "public");
    }

    private static String load(String owner, String signType, String half) {
        String type = SignTypes.keyType(SignTypes.require(signType)).toLowerCase(java.util.Locale.ROOT);
        String name = "keys/" + owner + "-" + type + "-" + half + ".b64";
        try (InputStream in = AllinpayTestKeys.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test kit resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
