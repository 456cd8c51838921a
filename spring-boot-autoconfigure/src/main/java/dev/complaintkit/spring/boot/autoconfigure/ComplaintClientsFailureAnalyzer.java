/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.error.Violation;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up failure of the complaint clients into a list of every bad property, by its
 * name as written, with the rule it breaks; never a value.
 */
public class ComplaintClientsFailureAnalyzer extends AbstractFailureAnalyzer<ComplaintClientsConfigurationException> {

    /** Creates the analyzer. */
    public ComplaintClientsFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ComplaintClientsConfigurationException cause) {
        StringBuilder description = new StringBuilder("The complaint clients could not be created: ")
                .append(cause.violations().size()).append(cause.violations().size() == 1 ? " property is" : " properties are")
                .append(" invalid.\n");
        for (Violation v : cause.violations()) {
            description.append("\n    Property: ").append(v.field())
                    .append("\n    Reason: ").append(v.message()).append(" [").append(v.rule()).append("]\n");
        }
        String action = "Fix the properties listed above. Each client needs complaintkit.clients.<name>.provider and that"
                + " provider's own settings as complaintkit.clients.<name>.<setting> (the <setting> part of its"
                + " <provider>.<setting> keys, listed in the provider module's README); a key or certificate may be given"
                + " as file:<path> or classpath:<path>.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
