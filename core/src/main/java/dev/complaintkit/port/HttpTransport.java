/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP exchange. The default implementation, {@code dev.complaintkit.transport.JdkHttpTransport},
 * uses one shared {@code java.net.http.HttpClient}; tests and record/replay substitute their own.
 */
public interface HttpTransport {

    /**
     * Performs one exchange. Any HTTP status is a response, not an error.
     *
     * @param request the request
     * @return the response
     * @throws dev.complaintkit.error.TransportException when no complete response arrived
     */
    Response exchange(Request request);


    /**
     * An outbound request.
     *
     * @param method {@code GET} or {@code POST}
     * @param uri the full URI
     * @param headers request headers
     * @param body the body, empty for none
     * @param timeout how long to wait for the whole response
     */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
            Objects.requireNonNull(timeout, "timeout");
        }

        /** @return a short description without user-info, query, headers or body (which may carry secrets) */
        @Override
        public String toString() {
            String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            return method + " " + uri.getScheme() + "://" + (at >= 0 ? "…@" + authority.substring(at + 1) : authority)
                    + uri.getPath();
        }
    }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param headers response headers; names are matched case-insensitively by {@link #header}
     * @param body the body (capped in size by the transport)
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Response {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (headers != null) {
                headers.forEach((k, v) -> {
                    if (k != null) {
                        copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
                    }
                });
            }
            headers = java.util.Collections.unmodifiableMap(copy);
            body = body == null ? new byte[0] : body;
        }

        /**
         * @param name header name, any case
         * @return its first value
         */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public String toString() {
            return "Response[status=" + status + ", bytes=" + body.length + "]";
        }
    }
}
