/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.List;

/** Reads a complaint's negotiation history, one page per call (capability {@code NEGOTIATION_HISTORY}). */
public interface NegotiationHistoryPort extends ComplaintQueryPort {

    /**
     * @param complaint the complaint
     * @param page which slice
     * @return the page
     */
    Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page);

    /**
     * @param complaint the complaint
     * @param page the page request
     * @return provider rules, checked before any I/O
     */
    default List<Violation> validateHistory(ComplaintRef complaint, PageRequest page) {
        return List.of();
    }

    /** @return the page size of a stream when the caller does not choose one */
    default int defaultHistoryPageSize() {
        return 100;
    }
}
