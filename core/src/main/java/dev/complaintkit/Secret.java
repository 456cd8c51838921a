/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret setting (private key, secret key, token). Its {@link #toString()} is redacted, so a
 * secret logged or printed by accident shows nothing. Read the value with {@link #reveal()} only
 * where it is used.
 */
public final class Secret {
    private static final String REDACTED = "Secret[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the secret value
     * @return the wrapped secret
     */
    public static Secret of(String value) {
        return new Secret(value);
    }

    /** @return the secret value; do not log it */
    public String reveal() {
        return value;
    }

    /** @return whether the value is empty or blank */
    public boolean isBlank() {
        return value.isBlank();
    }

    /** @return {@code Secret[redacted]}, always */
    @Override
    public String toString() {
        return REDACTED;
    }

    /** Constant-time comparison of the values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 1;
    }
}
