/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The complainant's phone number as the provider sends it: absent, masked (e.g. {@code 188****1474})
 * or encrypted (WeChat Pay's {@code payer_phone}: RSA-OAEP under the merchant's key). An encrypted
 * number is revealed only by the explicit {@code ComplaintClient.revealPhone} call; nothing here
 * decrypts it, and {@link #toString()} shows neither ciphertext nor number.
 */
public final class ComplainantPhone {
    /** How the number arrived. */
    public enum Form {
        /** No number was sent. */
        ABSENT,
        /** Masked by the provider: readable, not the whole number. */
        MASKED,
        /** Encrypted: only {@code ComplaintClient.revealPhone} turns it into the number. */
        ENCRYPTED
    }

    private static final ComplainantPhone ABSENT = new ComplainantPhone(Form.ABSENT, "");

    private final Form form;
    private final String value;

    private ComplainantPhone(Form form, String value) {
        this.form = form;
        this.value = value;
    }

    /** @return no number */
    public static ComplainantPhone absent() {
        return ABSENT;
    }

    /**
     * @param masked the masked number as sent
     * @return it, or absent when blank
     */
    public static ComplainantPhone masked(String masked) {
        return masked == null || masked.isBlank() ? ABSENT : new ComplainantPhone(Form.MASKED, masked);
    }

    /**
     * @param ciphertext the encrypted number as sent (Base64)
     * @return it, or absent when blank
     */
    public static ComplainantPhone encrypted(String ciphertext) {
        return ciphertext == null || ciphertext.isBlank() ? ABSENT : new ComplainantPhone(Form.ENCRYPTED, ciphertext);
    }

    /** @return how the number arrived */
    public Form form() {
        return form;
    }

    /** @return the masked number, when the provider sent one masked */
    public Optional<String> masked() {
        return form == Form.MASKED ? Optional.of(value) : Optional.empty();
    }

    /** @return the ciphertext exactly as sent, when encrypted (for the provider's reveal call) */
    public Optional<String> ciphertext() {
        return form == Form.ENCRYPTED ? Optional.of(value) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplainantPhone p && p.form == form && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(form, value);
    }

    /** @return the form, and the masked number when masked; never a ciphertext */
    @Override
    public String toString() {
        return switch (form) {
            case ABSENT -> "ComplainantPhone[absent]";
            case MASKED -> "ComplainantPhone[masked " + value + "]";
            case ENCRYPTED -> "ComplainantPhone[encrypted]";
        };
    }
}
