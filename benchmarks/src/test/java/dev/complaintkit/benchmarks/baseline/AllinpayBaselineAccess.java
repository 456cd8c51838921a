/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.benchmarks.baseline;

/** Test access to the baseline's package-private SM2 encoding helpers. */
public final class AllinpayBaselineAccess {
    private AllinpayBaselineAccess() {}

    public static byte[] derToRaw(byte[] der) {
        return AllinpayBaseline.derToRaw(der);
    }

    public static byte[] rawToDer(byte[] raw) {
        return AllinpayBaseline.rawToDer(raw);
    }
}
