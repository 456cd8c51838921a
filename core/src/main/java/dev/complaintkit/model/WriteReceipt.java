/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * The provider's acceptance of a write without a payload of its own (complete, refund decision).
 *
 * @param complaintId the complaint written to
 * @param providerId the provider
 * @param operation what was done, e.g. {@code complete}
 * @param reconciled whether the answer was lost and the write was confirmed by reading instead
 * @param requestId the provider's request id for the write, when it sent one ("" otherwise)
 */
public record WriteReceipt(ComplaintId complaintId, String providerId, String operation, boolean reconciled, String requestId) {
    public WriteReceipt {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(operation, "operation");
        requestId = requestId == null ? "" : requestId;
    }

    /** @return the same receipt, marked as confirmed by reading after a lost answer */
    public WriteReceipt asReconciled() {
        return new WriteReceipt(complaintId, providerId, operation, true, requestId);
    }
}
