/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Properties;

/** Allinpay's published test material (copied from the shared vectors into test resources). */
public final class Vectors {
    /** The demo appid the SM2 merchant key pair belongs to. */
    public static final String SM2_DEMO_APPID = "00000156";

    private Vectors() {}

    /**
     * @param name a file in {@code vectors/allinpay}
     * @return its text, trimmed
     */
    public static String text(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a {@code key=value} vector file
     * @return its entries
     */
    public static Properties properties(String name) {
        Properties p = new Properties();
        try (InputStream in = open(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** @return the RSA merchant public key (the vectors hold only the private key), Base64 X.509 */
    public static String rsaMerchantPublicKey() {
        try {
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text("rsa-merchant-private.b64"))));
            return Base64.getEncoder().encodeToString(KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/allinpay/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource vectors/allinpay/" + name);
        }
        return in;
    }
}
