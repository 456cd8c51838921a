/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit;

import dev.complaintkit.support.HttpAnswers;

/** Deliberately exposes a protected-tier type in a user-facing package; used only to prove the rule bites. */
public final class BadUserApi {
    private BadUserApi() {}

    /** @return a protected-tier type, in a public signature of the entry-point package */
    public static Class<HttpAnswers> leak() {
        return HttpAnswers.class;
    }

    /**
     * @param answers never used
     * @return nothing
     */
    public static String takes(HttpAnswers answers) {
        return String.valueOf(answers);
    }
}
