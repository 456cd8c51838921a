/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/** Where a complaint stands. */
public enum ComplaintState {
    /** Waiting for the merchant's first answer. */
    PENDING,
    /** The merchant answered; not closed yet. */
    PROCESSING,
    /** Handled and closed. */
    PROCESSED,
    /** The provider sent a state this version does not know; see the complaint's extra fields. */
    UNKNOWN
}
