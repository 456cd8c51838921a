/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import java.util.List;

/** Lists complaints, one page per call (capability {@code LIST_COMPLAINTS}). */
public interface ListComplaintsPort extends ComplaintQueryPort {

    /**
     * @param filter which complaints
     * @param page which slice
     * @return the page; its {@code totalCount} when the provider reports one
     */
    Page<Complaint> listComplaints(ComplaintFilter filter, PageRequest page);

    /**
     * Provider rules for a list call (e.g. the largest page size), checked before any I/O.
     *
     * @param filter the filter
     * @param page the page request
     * @return every broken rule, empty when fine
     */
    default List<Violation> validateList(ComplaintFilter filter, PageRequest page) {
        return List.of();
    }

    /** @return the page size of a stream when the caller does not choose one */
    default int defaultListPageSize() {
        return 100;
    }
}
