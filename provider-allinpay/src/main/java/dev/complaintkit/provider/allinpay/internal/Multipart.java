/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body: one part per (signed) form field, then the file part, which is
 * not part of the signature ({@code wxmerchantimageupload}).
 */
final class Multipart {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param body the encoded body
     * @param contentType its {@code Content-Type}, with the boundary
     */
    record Body(byte[] body, String contentType) {}

    private Multipart() {}

    /**
     * @param fields the form fields, {@code sign} included, in sending order
     * @param fileField the file part's name
     * @param fileName the file's name (quotes and line breaks are escaped)
     * @param bytes the file
     * @return the body
     */
    static Body of(Map<String, String> fields, String fileField, String fileName, byte[] bytes) {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        String boundary = "complaintkit" + HexFormat.of().formatHex(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256 * (fields.size() + 1));
        fields.forEach((k, v) -> {
            utf8(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n");
            utf8(out, v);
            utf8(out, "\r\n");
        });
        String safe = fileName.replace("\"", "%22").replace("\r", "").replace("\n", "");
        utf8(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\"" + safe
                + "\"\r\nContent-Type: " + mediaType(fileName) + "\r\n\r\n");
        out.writeBytes(bytes);
        utf8(out, "\r\n--" + boundary + "--\r\n");
        return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** @param name a file name @return its image type from the extension */
    static String mediaType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") ? "image/png" : n.endsWith(".bmp") ? "image/bmp" : "image/jpeg";
    }

    private static void utf8(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
