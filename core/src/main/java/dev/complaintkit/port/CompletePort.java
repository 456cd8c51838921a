/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.WriteReceipt;
import java.time.Instant;
import java.util.List;

/** Marks a complaint handled (capability {@code COMPLETE}). */
public interface CompletePort extends ComplaintReplyPort {

    /**
     * @param complaint the complaint
     * @return the provider's acceptance
     */
    WriteReceipt complete(ComplaintRef complaint);

    /**
     * @param complaint the complaint
     * @return provider rules, checked before any I/O
     */
    default List<Violation> validateComplete(ComplaintRef complaint) {
        return List.of();
    }

    /**
     * @param complaint the complaint whose completion's answer was lost
     * @param sentAt when it was first sent
     * @return what reading found (default {@link WriteTrace#UNKNOWN})
     */
    default WriteTrace traceOfComplete(ComplaintRef complaint, Instant sentAt) {
        return WriteTrace.UNKNOWN;
    }

    /** @return how completions are repeated after a lost answer (default {@link WriteSafety#RECONCILED}) */
    default WriteSafety completeSafety() {
        return WriteSafety.RECONCILED;
    }
}
