/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.crypto;

import java.util.Base64;

/** Reads key text given as Base64 or PEM (not API). */
public final class KeyText {
    private KeyText() {}

    /**
     * @param text Base64 DER, or PEM with {@code -----BEGIN …-----} armour; whitespace ignored
     * @return the DER bytes
     * @throws IllegalArgumentException when it is neither (the message never repeats the text)
     */
    public static byte[] decode(String text) {
        String body = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("the key is empty");
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is neither Base64 nor PEM", null);
        }
    }
}
