/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import dev.complaintkit.error.Violation;
import dev.complaintkit.model.DownloadedImage;
import java.util.List;

/** Downloads an image from a complaint's media URL (capability {@code IMAGE_DOWNLOAD}). */
public interface ImageDownloadPort extends ComplaintQueryPort {

    /**
     * @param mediaUrl the media URL exactly as the provider returned it (signed as given, never re-encoded)
     * @return the image, within the transport's size cap
     */
    DownloadedImage downloadImage(String mediaUrl);

    /**
     * @param mediaUrl the media URL
     * @return provider rules (e.g. the URL's host), checked before any I/O
     */
    default List<Violation> validateDownload(String mediaUrl) {
        return List.of();
    }
}
