/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import java.util.List;

/**
 * The configured clients could not be created: every bad setting of every client, each named by
 * the property as written ({@code complaintkit.clients.<name>.<setting>}). Never carries a value.
 * Start-up fails with it, and its failure analysis lists the violations.
 */
public class ComplaintClientsConfigurationException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    /** @param violations every violation, by property name */
    public ComplaintClientsConfigurationException(List<Violation> violations) {
        super(violations);
    }
}
