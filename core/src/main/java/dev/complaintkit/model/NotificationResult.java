/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one notification delivery: a new verified event, a repeat of one already
 * processed, or a refusal. Each carries the HTTP answer the provider expects.
 */
public sealed interface NotificationResult {

    /** @return the HTTP answer to send back */
    HttpReply reply();

    /** @return the event, when the delivery was verified (new or repeated) */
    default Optional<ComplaintEvent> verifiedEvent() {
        return Optional.empty();
    }

    /**
     * A verified delivery seen for the first time: process it.
     *
     * @param event the event
     * @param reply the acknowledgement to send
     */
    record Accepted(ComplaintEvent event, HttpReply reply) implements NotificationResult {
        public Accepted {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public Optional<ComplaintEvent> verifiedEvent() {
            return Optional.of(event);
        }
    }

    /**
     * A verified delivery whose event id was processed before (providers re-deliver): acknowledge
     * it, do not process it again.
     *
     * @param event the event
     * @param reply the acknowledgement to send
     */
    record Duplicate(ComplaintEvent event, HttpReply reply) implements NotificationResult {
        public Duplicate {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reply, "reply");
        }

        @Override
        public Optional<ComplaintEvent> verifiedEvent() {
            return Optional.of(event);
        }
    }

    /**
     * A delivery that failed verification: nothing to process.
     *
     * @param reason why
     * @param message what was wrong, without secrets or personal data
     * @param reply the failure answer to send
     */
    record Refused(Reason reason, String message, HttpReply reply) implements NotificationResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            message = message == null ? "" : message;
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Why a delivery was refused. */
    enum Reason {
        /** The signature is missing, wrong, a probe, or made with an unknown key. */
        SIGNATURE,
        /** The time stamp is outside the allowed window. */
        STALE,
        /** The encrypted payload could not be decrypted or authenticated. */
        DECRYPTION,
        /** The delivery is not a notification of this provider (method, shape, fields). */
        MALFORMED
    }
}
