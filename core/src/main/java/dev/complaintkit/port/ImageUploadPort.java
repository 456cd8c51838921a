/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.ImageUpload;
import dev.complaintkit.model.UploadedImage;
import java.util.List;

/**
 * Uploads an image for a reply or a refund rejection (capability {@code IMAGE_UPLOAD}). Repeating an
 * upload is harmless (another media id), so it is {@link WriteSafety#REPEATABLE} unless a provider
 * says otherwise.
 */
public interface ImageUploadPort extends ComplaintReplyPort {

    /**
     * @param image the validated image
     * @return its media id
     */
    UploadedImage uploadImage(ImageUpload image);

    /**
     * @param image the image
     * @return provider rules (types, size), checked before any I/O together with the client's
     */
    default List<Violation> validateUpload(ImageUpload image) {
        return List.of();
    }

    /** @return how uploads are repeated after a lost answer (default {@link WriteSafety#REPEATABLE}) */
    default WriteSafety uploadSafety() {
        return WriteSafety.REPEATABLE;
    }
}
