/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import dev.complaintkit.error.ConfigurationException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The keys WeChat Pay answers and notifications are verified with, by the serial WeChat Pay names in
 * {@code Wechatpay-Serial}: a WeChat Pay public key under its id ({@code PUB_KEY_ID_…}) and/or
 * platform certificates under their serial numbers (upper-case hex, as WeChat Pay prints them).
 * Both kinds may be held at once, as during WeChat Pay's migration from certificates to the public key.
 *
 * <p>Serial numbers are matched without regard to case or leading zeros. Certificate validity dates
 * are not checked: a certificate is trusted because it was configured, and WeChat Pay names the one
 * it signed with. Immutable.
 */
public final class VerificationKeys {
    private final Map<String, PublicKey> byId;

    private VerificationKeys(Map<String, PublicKey> byId) {
        this.byId = byId;
    }

    /**
     * @param publicKeyId the WeChat Pay public key id ({@code PUB_KEY_ID_…}), or {@code null} when that mode is not used
     * @param publicKey the WeChat Pay public key, or {@code null} when that mode is not used
     * @param certificates platform certificates, possibly empty
     * @return the keys
     * @throws ConfigurationException when neither mode is configured, only half of the public-key mode is,
     *     the id does not start with {@code PUB_KEY_ID_}, or two certificates share a serial
     */
    public static VerificationKeys of(String publicKeyId, PublicKey publicKey, List<X509Certificate> certificates) {
        List<X509Certificate> certs = certificates == null ? List.of() : certificates;
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        boolean hasId = publicKeyId != null && !publicKeyId.isBlank();
        if (hasId != (publicKey != null)) {
            throw hasId
                    ? KeyParsing.bad(WechatPayWire.SETTING_PUBLIC_KEY, "required",
                            "is required when " + WechatPayWire.SETTING_PUBLIC_KEY_ID + " is set")
                    : KeyParsing.bad(WechatPayWire.SETTING_PUBLIC_KEY_ID, "required",
                            "is required when " + WechatPayWire.SETTING_PUBLIC_KEY + " is set (the PUB_KEY_ID_… shown with the key)");
        }
        if (hasId) {
            if (!publicKeyId.startsWith(WechatPayWire.PUBLIC_KEY_ID_PREFIX) || publicKeyId.length() > 64
                    || !publicKeyId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw KeyParsing.bad(WechatPayWire.SETTING_PUBLIC_KEY_ID, "format",
                        "must be the WeChat Pay public key id, starting with " + WechatPayWire.PUBLIC_KEY_ID_PREFIX);
            }
            keys.put(normalise(publicKeyId), publicKey);
        }
        for (X509Certificate c : certs) {
            String serial = serialOf(c);
            if (keys.putIfAbsent(normalise(serial), c.getPublicKey()) != null) {
                throw KeyParsing.bad(WechatPayWire.SETTING_CERTIFICATES, "unique", "holds serial " + serial + " twice");
            }
        }
        if (keys.isEmpty()) {
            throw KeyParsing.bad(WechatPayWire.SETTING_PUBLIC_KEY_ID, "required", "and " + WechatPayWire.SETTING_PUBLIC_KEY
                    + " (the WeChat Pay public key), or " + WechatPayWire.SETTING_CERTIFICATES
                    + " (platform certificates), are required: answers cannot be verified without them");
        }
        return new VerificationKeys(Map.copyOf(keys));
    }

    /**
     * @param certificate an X.509 certificate
     * @return its serial number as WeChat Pay prints it: upper-case hex without leading zeros
     */
    public static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * @param serial the {@code Wechatpay-Serial} of an answer or notification
     * @return the key it names, when configured
     */
    public Optional<PublicKey> find(String serial) {
        Objects.requireNonNull(serial, "serial");
        return Optional.ofNullable(byId.get(normalise(serial)));
    }

    /** @return the configured serials and ids, normalised (upper case, hex without leading zeros) */
    public Set<String> serials() {
        return byId.keySet();
    }

    private static String normalise(String serial) {
        String upper = serial.trim().toUpperCase(Locale.ROOT);
        if (!upper.isEmpty() && upper.length() <= 64 && upper.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            return new BigInteger(upper, 16).toString(16).toUpperCase(Locale.ROOT);
        }
        return upper;
    }

    @Override
    public String toString() {
        return "VerificationKeys" + new java.util.TreeSet<>(byId.keySet());
    }
}
