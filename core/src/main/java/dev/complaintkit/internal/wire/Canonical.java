/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.internal.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Wire helpers several providers share (not API). The canonical string is the one Chinese payment
 * gateways sign: non-empty fields, sorted by name in ASCII order, joined {@code k=v&k=v} with raw values.
 */
public final class Canonical {
    private Canonical() {}

    /**
     * @param fields the fields; {@code null} or empty values are left out
     * @param exclude a field name to leave out (typically {@code sign}), or {@code null}
     * @return {@code k1=v1&k2=v2…} sorted by name, raw values
     */
    public static String sortedNonEmpty(Map<String, String> fields, String exclude) {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.forEach((k, v) -> {
            if (v != null && !v.isEmpty() && !k.equals(exclude)) {
                sorted.put(k, v);
            }
        });
        StringJoiner joiner = new StringJoiner("&");
        sorted.forEach((k, v) -> joiner.add(k + "=" + v));
        return joiner.toString();
    }

    /**
     * @param fields the fields in sending order; {@code null} values are left out
     * @return {@code application/x-www-form-urlencoded} UTF-8 text
     */
    public static String formEncode(Map<String, String> fields) {
        StringJoiner joiner = new StringJoiner("&");
        fields.forEach((k, v) -> {
            if (v != null) {
                joiner.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * @param bytes bytes
     * @return upper-case hex
     */
    public static String upperHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[i * 2] = HEX[(bytes[i] >> 4) & 0xF];
            out[i * 2 + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
