/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.port;

import java.util.Map;

/**
 * Turns request fields into a body and a response body into fields, in one wire format
 * (form-urlencoded, JSON, GBK XML…).
 */
public interface Codec {

    /** @return the request {@code Content-Type}, with its charset */
    String contentType();

    /**
     * @param fields the request fields in the order to send them
     * @return the request body
     */
    byte[] encode(Map<String, String> fields);

    /**
     * Decodes a response body. Nested objects become {@code Map}s, arrays {@code List}s, scalars
     * {@code String}s. Unknown fields are kept, never an error.
     *
     * @param body the response body
     * @return the top-level fields in document order
     * @throws dev.complaintkit.error.ProviderException when the body is not in this format
     */
    Map<String, Object> decode(byte[] body);
}
