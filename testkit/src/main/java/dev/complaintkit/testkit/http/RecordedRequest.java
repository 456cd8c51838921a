/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.http;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request a simulator received, as it arrived on the wire.
 *
 * @param sequence 1 for the first request the server received, and so on
 * @param method the HTTP method
 * @param path the request path
 * @param rawQuery the raw query string, or empty
 * @param headers the request headers, names in lower case
 * @param body the body bytes
 * @param receivedAt when the request arrived
 * @param fault the fault the server was told to produce on this request ({@link SimulatorServer#inject(Fault)}),
 *     if any: a {@link Dispatcher} reads it here to answer a provider fault
 */
public record RecordedRequest(long sequence, String method, String path, String rawQuery,
        Map<String, List<String>> headers, byte[] body, Instant receivedAt, Optional<Fault> fault) {

    public RecordedRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        fault = fault == null ? Optional.empty() : fault;
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = Map.copyOf(lower);
    }

    /**
     * A request that met no fault.
     *
     * @param sequence 1 for the first request the server received, and so on
     * @param method the HTTP method
     * @param path the request path
     * @param rawQuery the raw query string, or empty
     * @param headers the request headers
     * @param body the body bytes
     * @param receivedAt when the request arrived
     */
    public RecordedRequest(long sequence, String method, String path, String rawQuery,
            Map<String, List<String>> headers, byte[] body, Instant receivedAt) {
        this(sequence, method, path, rawQuery, headers, body, receivedAt, Optional.empty());
    }

    /**
     * @param fault the fault
     * @return whether this request is to meet {@code fault}
     */
    public boolean meets(Fault fault) {
        return this.fault.isPresent() && this.fault.get() == fault;
    }

    /**
     * @param name header name, any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param charset the charset
     * @return the body as text in that charset
     */
    public String bodyText(Charset charset) {
        return new String(body, charset);
    }

    /** @return the query parameters, decoded as UTF-8, first value per name, in order */
    public Map<String, String> queryParameters() {
        return parseForm(rawQuery, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as {@code application/x-www-form-urlencoded} UTF-8, first value per name */
    public Map<String, String> formFields() {
        return parseForm(bodyText(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /**
     * @param text form-encoded text
     * @param charset the charset of the percent-encoded bytes
     * @return the fields, first value per name, in order
     */
    public static Map<String, String> parseForm(String text, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, charset), URLDecoder.decode(v, charset));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + method + " " + path + ", " + body.length + " bytes"
                + fault.map(f -> ", fault " + f).orElse("") + "]";
    }
}
