/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.List;
import java.util.Objects;

/**
 * Media attached to a negotiation-history row.
 *
 * @param type WeChat's media type, e.g. {@code USER_COMPLAINT_IMAGE}, {@code OPERATION_IMAGE}
 * @param urls the media URLs as the provider returned them
 */
public record Media(String type, List<String> urls) {
    public Media {
        type = type == null ? "" : type;
        urls = urls == null ? List.of() : List.copyOf(urls);
        urls.forEach(u -> Objects.requireNonNull(u, "url"));
    }
}
