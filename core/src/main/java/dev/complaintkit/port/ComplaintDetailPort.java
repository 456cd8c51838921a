/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ComplaintDetail;
import dev.complaintkit.model.ComplaintRef;
import java.util.List;

/** Reads one complaint's detail (capability {@code DETAIL}). */
public interface ComplaintDetailPort extends ComplaintQueryPort {

    /**
     * @param complaint the complaint
     * @return its detail; the phone as the provider sends it (never decrypted here)
     */
    ComplaintDetail detail(ComplaintRef complaint);

    /**
     * @param complaint the complaint
     * @return provider rules for the id (its shape, length), checked before any I/O
     */
    default List<Violation> validateDetail(ComplaintRef complaint) {
        return List.of();
    }
}
