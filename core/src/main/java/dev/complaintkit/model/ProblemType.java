/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Locale;

/** What the complainant asks for, as WeChat Pay classifies it ({@code problem_type}). */
public enum ProblemType {
    /** The complainant asks for a refund (申请退款): the refund decision applies. */
    REFUND,
    /** The service did not work. */
    SERVICE_NOT_WORK,
    /** Anything else. */
    OTHERS,
    /** The provider sent no problem type. */
    NONE,
    /** A value this version does not know; the raw text is kept beside it. */
    UNKNOWN;

    /**
     * @param raw the provider's text, or null
     * @return the type; {@link #UNKNOWN} for anything new
     */
    public static ProblemType fromWire(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        return switch (raw.trim().toUpperCase(Locale.ROOT)) {
            case "REFUND" -> REFUND;
            case "SERVICE_NOT_WORK" -> SERVICE_NOT_WORK;
            case "OTHERS" -> OTHERS;
            default -> UNKNOWN;
        };
    }
}
