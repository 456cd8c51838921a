/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import java.util.Locale;

/** The simulator's own names of Allinpay's sign types ({@code signtype}). */
final class SignTypes {
    static final String RSA = "RSA";
    static final String SM2 = "SM2";

    private SignTypes() {}

    /**
     * @return {@code RSA} or {@code SM2}
     * @throws IllegalArgumentException for anything else
     */
    static String require(String signType) {
        String t = signType == null ? "" : signType.trim().toUpperCase(Locale.ROOT);
        if (!t.equals(RSA) && !t.equals(SM2)) {
            throw new IllegalArgumentException("sign type must be RSA or SM2, not '" + signType + "'");
        }
        return t;
    }
}
