/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.Secret;
import dev.complaintkit.internal.wire.Canonical;
import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Yima's MD5 signatures, upper-case hex (not API). What is signed depends on the scheme:
 * <ul>
 *   <li>{@link SignScheme#MD5_SORTED_KEY}: {@code MD5(content + "&key=" + secret)}, where content is
 *       the canonical field string ({@link #canonical(Map)});</li>
 *   <li>{@link SignScheme#MD5_WRAPPED}: {@code MD5(secret + content + secret)}, where content is the
 *       canonical field string (JSON) or the XML document as sent (XML).</li>
 * </ul>
 * The secret is appended in the message's charset. Thread-safe.
 */
public final class Md5Signer implements Signer {
    private final SignScheme scheme;
    private final byte[] prefix;
    private final byte[] suffix;

    /**
     * @param scheme the scheme
     * @param secret the signing key
     * @param charset the charset of the signed content (and of the secret's bytes)
     */
    public Md5Signer(SignScheme scheme, Secret secret, Charset charset) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        byte[] key = secret.reveal().getBytes(charset);
        if (scheme == SignScheme.MD5_SORTED_KEY) {
            this.prefix = new byte[0];
            this.suffix = concat("&key=".getBytes(StandardCharsets.US_ASCII), key);
        } else {
            this.prefix = key;
            this.suffix = key;
        }
    }

    /** @return the scheme */
    public SignScheme scheme() {
        return scheme;
    }

    /**
     * The canonical field string both schemes sign for field messages: non-empty fields except
     * {@code sign}, sorted by name in ASCII order, joined {@code k=v&k=v} with raw values.
     *
     * @param scalarFields the top-level scalar fields
     * @return the canonical string
     */
    public static String canonical(Map<String, String> scalarFields) {
        return Canonical.sortedNonEmpty(scalarFields, "sign");
    }

    @Override
    public String algorithm() {
        return "MD5";
    }

    @Override
    public String sign(byte[] data) {
        MessageDigest md5 = md5();
        md5.update(prefix);
        md5.update(data);
        md5.update(suffix);
        return Canonical.upperHex(md5.digest());
    }

    /** Compares in constant time; lower-case hex is accepted as well (older Yima gateways send it). */
    @Override
    public boolean verify(byte[] data, String signature) {
        if (signature == null || signature.length() != 32) {
            return false;
        }
        byte[] expected = sign(data).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "Md5Signer[" + scheme + "]";
    }
}
