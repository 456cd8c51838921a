/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One row of a complaint's negotiation history (协商历史).
 *
 * @param logId the operation log id ({@code log_id})
 * @param operator who acted, as the provider names them
 * @param time when, with the provider's offset
 * @param type what happened; {@link OperationType#UNKNOWN} for a value this version does not know
 * @param rawType the provider's {@code operate_type} exactly as sent
 * @param details the operation's text
 * @param media attached media
 * @param images image URLs ({@code image_list})
 */
public record NegotiationEntry(
        String logId,
        String operator,
        OffsetDateTime time,
        OperationType type,
        String rawType,
        String details,
        List<Media> media,
        List<String> images) {

    public NegotiationEntry {
        logId = logId == null ? "" : logId;
        operator = operator == null ? "" : operator;
        Objects.requireNonNull(type, "type");
        rawType = rawType == null ? "" : rawType;
        details = details == null ? "" : details;
        media = media == null ? List.of() : List.copyOf(media);
        images = images == null ? List.of() : List.copyOf(images);
    }
}
