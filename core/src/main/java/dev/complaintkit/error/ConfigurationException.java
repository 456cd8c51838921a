/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import java.util.List;

/**
 * Bad or missing settings, an unknown provider id, or a provider answer that means the account
 * or credentials are wrong. Not retryable: the configuration must change.
 */
public class ConfigurationException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** @param violations every bad setting, keyed by its setting name; not empty */
    public ConfigurationException(List<Violation> violations) {
        super(Violations.describe("Invalid configuration", violations), null, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ConfigurationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * @param message what is wrong and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause, false);
        this.violations = List.of();
    }

    /** @param message what is wrong and what to do */
    public ConfigurationException(String message) {
        this(message, null);
    }

    /** @return the individual bad settings, empty when the problem is not tied to one setting */
    public List<Violation> violations() {
        return violations;
    }
}
