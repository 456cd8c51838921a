/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.Objects;

/**
 * An image to upload for a reply or a refund rejection. The client checks the file name's type
 * and the size against the provider's rules before sending.
 *
 * @param fileName the file name, ending in the image type (e.g. {@code receipt.png})
 * @param bytes the file's content
 */
public record ImageUpload(String fileName, byte[] bytes) {
    public ImageUpload {
        bytes = bytes == null ? new byte[0] : bytes.clone();
    }

    /** @return a copy of the content */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the number of bytes */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageUpload u && Objects.equals(u.fileName, fileName) && java.util.Arrays.equals(u.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "ImageUpload[" + fileName + ", " + bytes.length + " bytes]";
    }
}
