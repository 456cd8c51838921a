/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer complaint as listed by a provider.
 *
 * @param id the complaint id
 * @param providerId the provider it came from, e.g. {@code xiaoe}
 * @param state where it stands
 * @param channel where it was raised
 * @param reason the complainant's description
 * @param complainedAt when it was raised
 * @param deadline when the merchant must have handled it, when the provider says
 * @param overdue whether that deadline has passed unhandled
 * @param closedAt when it was closed; empty while open
 * @param complainantPhone the complainant's phone number, masked by the provider (e.g. {@code 188****1474}); may be empty
 * @param orderReference the order or resource complained about; may be empty
 * @param extra every other field the provider sent, raw, so nothing is lost
 */
public record Complaint(
        ComplaintId id,
        String providerId,
        ComplaintState state,
        Channel channel,
        String reason,
        OffsetDateTime complainedAt,
        Optional<OffsetDateTime> deadline,
        boolean overdue,
        Optional<OffsetDateTime> closedAt,
        String complainantPhone,
        String orderReference,
        Map<String, String> extra) {

    public Complaint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(channel, "channel");
        reason = reason == null ? "" : reason;
        deadline = deadline == null ? Optional.empty() : deadline;
        closedAt = closedAt == null ? Optional.empty() : closedAt;
        complainantPhone = complainantPhone == null ? "" : complainantPhone;
        orderReference = orderReference == null ? "" : orderReference;
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
