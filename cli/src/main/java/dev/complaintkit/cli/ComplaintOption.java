/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintId;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --complaint} option of the commands about one complaint. */
final class ComplaintOption {
    @Option(names = "--complaint", required = true, paramLabel = "ID", description = "The complaint id.")
    String complaint;

    /**
     * @return the complaint id, trimmed
     * @throws ValidationException when it is blank (nothing is sent)
     */
    ComplaintId id() {
        if (complaint == null || complaint.isBlank()) {
            throw new ValidationException(List.of(new Violation("complaintId", "required", "is required")));
        }
        return ComplaintId.of(complaint.trim());
    }
}
