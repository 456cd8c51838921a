/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.List;

/** Bad input to an operation. Every violation is listed; nothing was sent to the provider. */
public class ValidationException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @param violations every rule the input broke; not empty */
    public ValidationException(List<Violation> violations) {
        super(Violations.describe("Invalid input, nothing was sent", violations), null, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** @return every rule the input broke, in the order they were found */
    public List<Violation> violations() {
        return violations;
    }
}
