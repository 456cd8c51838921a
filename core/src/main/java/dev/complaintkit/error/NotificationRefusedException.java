/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.error;

import dev.complaintkit.model.NotificationResult;
import java.util.Objects;

/**
 * A notification delivery failed verification (signature, time stamp, decryption, shape). Raised by
 * a provider's notification port; the client turns it into a {@link NotificationResult.Refused}.
 */
public class NotificationRefusedException extends ComplaintException {
    private static final long serialVersionUID = 1L;

    private final NotificationResult.Reason reason;

    /**
     * @param reason why
     * @param message what was wrong, without secrets or personal data
     */
    public NotificationRefusedException(NotificationResult.Reason reason, String message) {
        this(reason, message, null);
    }

    /**
     * @param reason why
     * @param message what was wrong, without secrets or personal data
     * @param cause the underlying failure, or {@code null}
     */
    public NotificationRefusedException(NotificationResult.Reason reason, String message, Throwable cause) {
        super("Notification refused (" + Objects.requireNonNull(reason, "reason") + "): " + message, cause, false);
        this.reason = reason;
    }

    /** @return why the delivery was refused */
    public NotificationResult.Reason reason() {
        return reason;
    }
}
