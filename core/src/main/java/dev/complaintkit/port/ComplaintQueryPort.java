/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

/**
 * The read side of a provider: the parent of every read capability's port
 * ({@link ListComplaintsPort}, {@link ComplaintDetailPort}, {@link NegotiationHistoryPort},
 * {@link ImageDownloadPort}, {@link PhoneRevealPort}). A provider's adapter implements the ones it
 * offers; its capabilities are derived from exactly those, so an operation cannot be declared
 * without being implemented. Each call is one exchange (one page): the client does the paging,
 * validation and retries.
 */
public interface ComplaintQueryPort {}
