/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP delivery of a notification, as a web framework received it: method, headers and the raw
 * body bytes (signatures cover the bytes exactly as sent, so never pass a re-encoded body).
 *
 * @param method the HTTP method
 * @param headers the request headers (names matched case-insensitively)
 * @param body the raw body
 */
public record NotificationDelivery(String method, Map<String, List<String>> headers, byte[] body) {
    public NotificationDelivery {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    h.put(k, v == null ? List.of() : List.copyOf(v));
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(h);
        body = body == null ? new byte[0] : body.clone();
    }

    /**
     * @param method the HTTP method
     * @param headers single-valued headers
     * @param body the raw body
     * @return the delivery
     */
    public static NotificationDelivery of(String method, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new NotificationDelivery(method, multi, body);
    }

    /**
     * @param name a header name, any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return a copy of the raw body */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotificationDelivery d && d.method.equals(method) && d.headers.equals(headers)
                && java.util.Arrays.equals(d.body, body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, headers, java.util.Arrays.hashCode(body));
    }

    /** @return method and body size only: headers and body may carry signatures and personal data */
    @Override
    public String toString() {
        return "NotificationDelivery[" + method + ", " + body.length + " bytes]";
    }
}
