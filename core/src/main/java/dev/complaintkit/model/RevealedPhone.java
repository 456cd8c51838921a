/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * A complainant's phone number after the explicit reveal call. Personal data: its
 * {@link #toString()} is redacted, so it never reaches a log by accident; read it with
 * {@link #number()} where it is used.
 */
public final class RevealedPhone {
    private final String number;

    /** @param number the decrypted number */
    public RevealedPhone(String number) {
        this.number = Objects.requireNonNull(number, "number");
    }

    /** @return the phone number; personal data — do not log it */
    public String number() {
        return number;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevealedPhone p && p.number.equals(number);
    }

    @Override
    public int hashCode() {
        return number.hashCode();
    }

    /** @return {@code RevealedPhone[redacted]}, always */
    @Override
    public String toString() {
        return "RevealedPhone[redacted]";
    }
}
