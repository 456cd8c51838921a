/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.RefundDecision;
import dev.complaintkit.model.WriteReceipt;
import java.time.Instant;
import java.util.List;

/** Approves or rejects a complainant's refund request (capability {@code REFUND_DECISION}). */
public interface RefundDecisionPort extends ComplaintReplyPort {

    /**
     * @param decision the validated decision
     * @return the provider's acceptance
     */
    WriteReceipt decideRefund(RefundDecision decision);

    /**
     * @param decision the decision
     * @return provider rules, checked before any I/O together with the client's
     */
    default List<Violation> validateRefund(RefundDecision decision) {
        return List.of();
    }

    /**
     * @param decision the decision whose answer was lost
     * @param sentAt when it was first sent
     * @return what reading found (default {@link WriteTrace#UNKNOWN})
     */
    default WriteTrace traceOfRefund(RefundDecision decision, Instant sentAt) {
        return WriteTrace.UNKNOWN;
    }

    /** @return how refund decisions are repeated after a lost answer (default {@link WriteSafety#RECONCILED}) */
    default WriteSafety refundSafety() {
        return WriteSafety.RECONCILED;
    }
}
