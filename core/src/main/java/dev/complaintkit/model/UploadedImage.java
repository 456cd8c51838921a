/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * An uploaded image: the media id to put in a reply or a refund rejection.
 *
 * @param mediaId the provider's media id, exactly as returned
 * @param providerId the provider that holds it
 */
public record UploadedImage(String mediaId, String providerId) {
    public UploadedImage {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(providerId, "providerId");
    }
}
