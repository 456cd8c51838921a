/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the secret settings of complaint clients wherever actuator shows properties
 * ({@code /actuator/env}, {@code /actuator/configprops}), even with {@code show-values=always}:
 * private keys, API keys, secrets, tokens and passwords, and any value holding a PEM private key.
 * Public keys, certificates and ids stay readable.
 */
public class ComplaintKitSanitizingFunction implements SanitizingFunction {

    /** Creates the function. */
    public ComplaintKitSanitizingFunction() {}

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getValue() == null) {
            return data;
        }
        if (isSecret(data.getKey()) || String.valueOf(data.getValue()).contains("PRIVATE KEY-----")) {
            return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        return data;
    }

    /**
     * @param key a property's key (full, or the last part of it)
     * @return whether a complaint client setting by that name holds a secret
     */
    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String last = k.substring(k.lastIndexOf('.') + 1).replace('_', '-');
        if (!k.startsWith(ComplaintKitProperties.PREFIX + ".") && k.contains(".")) {
            return false; // another library's property: its own rules apply
        }
        if (last.contains("secret") || last.contains("token") || last.contains("password") || last.contains("private")) {
            return true;
        }
        return (last.endsWith("key") || last.endsWith("-key")) && !last.contains("public") && !last.endsWith("key-id");
    }
}
