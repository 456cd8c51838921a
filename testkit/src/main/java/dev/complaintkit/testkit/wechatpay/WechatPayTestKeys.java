/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.wechatpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Fixed WeChat Pay test material, generated for complaintkit with OpenSSL and shipped in the test kit:
 * a test merchant's API key pair, the simulated WeChat Pay platform key pair (served under a public key
 * id and, for the certificate mode, in a self-signed certificate), and an APIv3 key. Never use them
 * anywhere real. Keys are PEM: private keys PKCS#8, public keys X.509 SubjectPublicKeyInfo, RSA 2048.
 */
public final class WechatPayTestKeys {
    /** The test merchant's id. */
    public static final String MCHID = "1900012181";
    /** The serial of the test merchant's API certificate, sent as {@code serial_no}. */
    public static final String MERCHANT_SERIAL = "5F1C72E2A8931B72A2E13AF8DEE92471EB397115";
    /** The id the simulated WeChat Pay public key is bound to (the public-key mode's {@code Wechatpay-Serial}). */
    public static final String PLATFORM_PUBLIC_KEY_ID = "PUB_KEY_ID_0119000121812024120200000000001";
    /** The serial of {@link #platformCertificate()} (the certificate mode's {@code Wechatpay-Serial}). */
    public static final String PLATFORM_CERTIFICATE_SERIAL = "3A7D1B5C9E2F40618A2B3C4D5E6F708192A3B4C5";
    /** The test merchant's APIv3 key: notification resources are encrypted under it. */
    public static final String API_V3_KEY = "e5d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7";

    private WechatPayTestKeys() {}

    /** @return the test merchant's API private key (PKCS#8 PEM), to configure clients with */
    public static String merchantPrivateKey() {
        return load("merchant-private.pem");
    }

    /** @return the test merchant's API public key (X.509 PEM): WeChat Pay's side verifies requests and encrypts {@code payer_phone} with it */
    public static String merchantPublicKey() {
        return load("merchant-public.pem");
    }

    /** @return the simulated WeChat Pay platform private key (PKCS#8 PEM) answers and notifications are signed with */
    public static String platformPrivateKey() {
        return load("platform-private.pem");
    }

    /** @return the simulated WeChat Pay public key (X.509 PEM), to configure clients with in the public-key mode */
    public static String platformPublicKey() {
        return load("platform-public.pem");
    }

    /** @return a self-signed certificate (PEM) over {@link #platformPublicKey()}, serial {@link #PLATFORM_CERTIFICATE_SERIAL}, valid 2026–2126 */
    public static String platformCertificate() {
        return load("platform-certificate.pem");
    }

    private static String load(String file) {
        String name = "keys/" + file;
        try (InputStream in = WechatPayTestKeys.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test kit resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
