/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * The provider's acceptance of a reply.
 *
 * @param complaintId the complaint answered
 * @param providerId the provider that took the reply
 * @param idempotencyKey the key the reply was sent with (e.g. Yima's {@code transaction_id})
 * @param code the provider's success code as sent (e.g. {@code 0000})
 * @param message the provider's message as sent
 * @param reconciled whether the answer was lost and the reply was confirmed by reading instead
 */
public record ReplyReceipt(ComplaintId complaintId, String providerId, String idempotencyKey, String code, String message,
        boolean reconciled) {

    /**
     * A receipt from the provider's own answer.
     *
     * @param complaintId the complaint answered
     * @param providerId the provider
     * @param idempotencyKey the key the reply was sent with
     * @param code the provider's success code
     * @param message the provider's message
     */
    public ReplyReceipt(ComplaintId complaintId, String providerId, String idempotencyKey, String code, String message) {
        this(complaintId, providerId, idempotencyKey, code, message, false);
    }

    public ReplyReceipt {
        Objects.requireNonNull(complaintId, "complaintId");
        Objects.requireNonNull(providerId, "providerId");
        idempotencyKey = idempotencyKey == null ? "" : idempotencyKey;
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }
}
