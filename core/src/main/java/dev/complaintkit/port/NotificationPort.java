/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.model.ComplaintEvent;
import dev.complaintkit.model.HttpReply;
import dev.complaintkit.model.NotificationDelivery;
import dev.complaintkit.model.NotificationResult;

/**
 * The inbound port for notifications (capability {@code NOTIFICATIONS}): turns one HTTP delivery
 * into a verified event, and says what the provider expects as an answer. Verification fails
 * closed: a missing signature header is a refusal, never a bypass. The client adds duplicate
 * detection around it.
 */
public interface NotificationPort {

    /**
     * @param delivery the delivery, with its raw body
     * @return the verified event
     * @throws dev.complaintkit.error.NotificationRefusedException when it fails verification
     */
    ComplaintEvent verify(NotificationDelivery delivery);

    /**
     * @param event the verified event
     * @return the answer that acknowledges it (e.g. {@code success})
     */
    HttpReply acknowledge(ComplaintEvent event);

    /**
     * @param reason why the delivery is refused
     * @param message what was wrong
     * @return the failure answer the provider expects
     */
    HttpReply refuse(NotificationResult.Reason reason, String message);
}
