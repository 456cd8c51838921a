/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A verified complaint notification, provider-neutral.
 *
 * @param eventId the provider's id of the delivery; a repeated delivery carries the same id
 * @param type what happened
 * @param rawType the provider's event type exactly as sent (e.g. {@code COMPLAINT.CREATE})
 * @param complaintId the complaint it is about
 * @param action the provider's action type as sent (e.g. {@code CREATE_COMPLAINT}, {@code MERCHANT_RESPONSE}); may be empty
 * @param time when the provider created the notification
 * @param providerId the provider that sent it
 * @param fields every other field of the (decrypted) notification, raw
 */
public record ComplaintEvent(
        String eventId,
        Type type,
        String rawType,
        ComplaintId complaintId,
        String action,
        OffsetDateTime time,
        String providerId,
        Map<String, String> fields) {

    /** The kind of event. */
    public enum Type {
        /** A new complaint. */
        CREATED,
        /** Something happened on an existing complaint (a user message, a state change). */
        STATE_CHANGED,
        /** A type this version does not know; the raw type is kept. */
        UNKNOWN;

        /**
         * @param raw the provider's type text
         * @return the type: {@code *.CREATE} is {@link #CREATED}, {@code *.STATE_CHANGE} or
         *     {@code COMPLAINTV2}-style updates are {@link #STATE_CHANGED}, anything else {@link #UNKNOWN}
         */
        public static Type fromWire(String raw) {
            String t = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
            if (t.endsWith("CREATE")) {
                return CREATED;
            }
            if (t.endsWith("STATE_CHANGE")) {
                return STATE_CHANGED;
            }
            return UNKNOWN;
        }
    }

    public ComplaintEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        rawType = rawType == null ? "" : rawType;
        Objects.requireNonNull(complaintId, "complaintId");
        action = action == null ? "" : action;
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(providerId, "providerId");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
