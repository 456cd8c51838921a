/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import java.util.Locale;

/** The simulator's own names of Allinpay's sign types ({@code signtype}). */
final class SignTypes {
    static final String RSA = "RSA";
    static final String SM2 = "SM2";
    /** SHA256WithRSA with the RSA keys. */
    static final String RSA2 = "RSA2";

    private SignTypes() {}

    /** @return {@code RSA}, {@code RSA2} or {@code SM2} @throws IllegalArgumentException for anything else */
    static String require(String signType) {
        String t = signType == null ? "" : signType.trim().toUpperCase(Locale.ROOT);
        if (!t.equals(RSA) && !t.equals(SM2) && !t.equals(RSA2)) {
            throw new IllegalArgumentException("sign type must be RSA, RSA2 or SM2, not '" + signType + "'");
        }
        return t;
    }

    /** @return the key type a sign type uses: {@code SM2} for SM2, {@code RSA} for RSA and RSA2 */
    static String keyType(String signType) {
        return SM2.equals(signType) ? SM2 : RSA;
    }
}
