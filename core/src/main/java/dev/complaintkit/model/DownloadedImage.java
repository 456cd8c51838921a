/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

/**
 * An image downloaded from a complaint's media URL.
 *
 * @param contentType the type the provider gave (e.g. {@code image/jpeg}); may be empty
 * @param bytes the image
 */
public record DownloadedImage(String contentType, byte[] bytes) {
    public DownloadedImage {
        contentType = contentType == null ? "" : contentType;
        bytes = bytes == null ? new byte[0] : bytes;
    }

    /** @return the number of bytes */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadedImage d && d.contentType.equals(contentType) && java.util.Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * contentType.hashCode() + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DownloadedImage[" + contentType + ", " + bytes.length + " bytes]";
    }
}
