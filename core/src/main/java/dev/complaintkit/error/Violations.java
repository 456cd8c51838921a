/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.List;
import java.util.stream.Collectors;

final class Violations {
    private Violations() {}

    static String describe(String headline, List<Violation> violations) {
        return headline + " (" + violations.size() + (violations.size() == 1 ? " problem" : " problems") + "):"
                + violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
    }
}
