/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.internal.crypto.KeyText;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses WeChat Pay keys once, at configuration time, on the JDK: the merchant API private key
 * (PKCS#8, PEM or Base64), the WeChat Pay public key (X.509 SubjectPublicKeyInfo, PEM or Base64) and
 * platform certificates (X.509, one or more PEM blocks in one text). All keys are RSA.
 *
 * <p>A bad key is a {@link ConfigurationException} with one {@link Violation} naming the setting;
 * no message repeats the key text.
 */
public final class KeyParsing {
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private KeyParsing() {}

    /**
     * @param setting the setting the key came from, e.g. {@code wechatpay.private-key}
     * @param text PKCS#8 as PEM ({@code -----BEGIN PRIVATE KEY-----}) or Base64 DER
     * @return the RSA private key
     * @throws ConfigurationException when the text is missing or not an unencrypted PKCS#8 RSA key
     */
    public static PrivateKey privateKey(String setting, Secret text) {
        String value = text == null ? null : text.reveal();
        if (value == null || value.isBlank()) {
            throw bad(setting, "required", "is required (the merchant API private key, apiclient_key.pem)");
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (upper.contains("BEGIN RSA PRIVATE KEY")) {
            throw bad(setting, "pkcs8", "is not PKCS#8 (the PEM armour says PKCS#1); convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
        }
        if (upper.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            throw bad(setting, "pkcs8", "is an encrypted PKCS#8 key; give the unencrypted key");
        }
        if (upper.contains("BEGIN CERTIFICATE") || upper.contains("BEGIN PUBLIC KEY")) {
            throw bad(setting, "pkcs8", "holds a certificate or public key, not the private key");
        }
        byte[] der = der(setting, value);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw bad(setting, "pkcs8", "is not a PKCS#8 RSA private key");
        }
    }

    /**
     * @param setting the setting the key came from, e.g. {@code wechatpay.platform-public-key}
     * @param text X.509 SubjectPublicKeyInfo as PEM ({@code -----BEGIN PUBLIC KEY-----}) or Base64 DER
     * @return the RSA public key
     * @throws ConfigurationException when the text is missing or not an RSA public key
     */
    public static PublicKey publicKey(String setting, String text) {
        if (text == null || text.isBlank()) {
            throw bad(setting, "required", "is required");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("PRIVATE KEY")) {
            throw bad(setting, "public-key", "holds a private key; give WeChat Pay's public key (pub_key.pem)");
        }
        if (upper.contains("BEGIN CERTIFICATE")) {
            throw bad(setting, "public-key", "holds a certificate; give it as " + WechatPayWire.SETTING_CERTIFICATES
                    + " or give the public key (pub_key.pem) here");
        }
        if (upper.contains("BEGIN RSA PUBLIC KEY")) {
            throw bad(setting, "public-key", "is a PKCS#1 public key; give the X.509 form (-----BEGIN PUBLIC KEY-----)");
        }
        byte[] der = der(setting, text);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw bad(setting, "public-key", "is not an X.509 RSA public key");
        }
    }

    /**
     * @param setting the setting the certificates came from, e.g. {@code wechatpay.platform-certificates}
     * @param text one or more PEM certificates ({@code -----BEGIN CERTIFICATE-----}), any text around them ignored
     * @return the certificates, in the order given; validity dates are not checked
     * @throws ConfigurationException when the text holds no certificate, or one that does not parse or holds no RSA key
     */
    public static List<X509Certificate> certificates(String setting, String text) {
        if (text == null || text.isBlank()) {
            throw bad(setting, "required", "is required");
        }
        Matcher m = CERTIFICATE.matcher(text);
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        while (m.find()) {
            int n = out.size() + 1;
            byte[] der;
            try {
                der = KeyText.decode(m.group(1));
            } catch (IllegalArgumentException e) {
                throw bad(setting, "certificate", "certificate " + n + " is not Base64 inside its PEM armour");
            }
            X509Certificate cert;
            try {
                cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw bad(setting, "certificate", "certificate " + n + " is not an X.509 certificate");
            }
            if (!(cert.getPublicKey() instanceof RSAPublicKey)) {
                throw bad(setting, "certificate", "certificate " + n + " (serial " + VerificationKeys.serialOf(cert)
                        + ") does not hold an RSA key");
            }
            out.add(cert);
        }
        if (out.isEmpty()) {
            throw bad(setting, "certificate", "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(out);
    }

    private static byte[] der(String setting, String text) {
        try {
            return KeyText.decode(text);
        } catch (IllegalArgumentException e) {
            throw bad(setting, "format", "is neither Base64 nor PEM");
        }
    }

    static ConfigurationException bad(String setting, String rule, String message) {
        return new ConfigurationException(List.of(new Violation(setting, rule, message)));
    }
}
