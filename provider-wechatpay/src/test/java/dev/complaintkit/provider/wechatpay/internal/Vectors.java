/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** The project's WeChat Pay vectors (copied into test resources) and the keys they were made with. */
final class Vectors {
    static final String MCHID = "1900012181";
    static final String MERCHANT_SERIAL = "5F1C72E2A8931B72A2E13AF8DEE92471EB397115";
    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000121812024120200000000001";
    static final String CERTIFICATE_SERIAL = "3A7D1B5C9E2F40618A2B3C4D5E6F708192A3B4C5";
    static final String OLD_CERTIFICATE_SERIAL = "0B12C3D4E5F60718293A4B5C6D7E8F9012345678";
    static final long TIME = 1718000000L;

    private Vectors() {}

    /**
     * @param name a file in {@code vectors/wechatpay}
     * @return its text, exactly
     */
    static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/wechatpay/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a {@code .txt} signing-string vector
     * @return its lines (the final {@code \n} gives a last empty element)
     */
    static String[] lines(String name) {
        return text(name).split("\n", -1);
    }

    /**
     * @param name a {@code .sig} vector
     * @return the Base64 signature
     */
    static String signature(String name) {
        return text(name).trim();
    }

    static PrivateKey merchantPrivateKey() {
        return KeyParsing.privateKey("wechatpay.private-key", Secret.of(text("merchant-private.pem")));
    }

    static PublicKey platformPublicKey() {
        return KeyParsing.publicKey("wechatpay.platform-public-key", text("platform-public.pem"));
    }

    static List<X509Certificate> certificates(String... files) {
        StringBuilder b = new StringBuilder();
        for (String f : files) {
            b.append(text(f)).append('\n');
        }
        return KeyParsing.certificates("wechatpay.platform-certificates", b.toString());
    }

    /**
     * @param epochSecond the instant
     * @return a clock fixed there
     */
    static Clock clockAt(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
